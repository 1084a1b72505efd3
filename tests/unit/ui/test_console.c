/* SPDX-License-Identifier: ISC */
/*
 * The console face in batch mode, over a fake session and pipes: input
 * taken in pieces, and the idle end after EOF held off while the
 * session still waits for its peer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/loop.h"
#include "core/pace.h"
#include "core/session.h"
#include "ui/cli/sess_opts.h"
#include "ui/console/console.h"
#include "../lib/rig.h"

struct fake {
	struct l2c_loop			*loop;
	const struct l2c_sess_cb	*cb;
	struct l2c_timer		 writable;
	uint8_t				 got[64];
	size_t				 ngot;
	int				 calls;
	int				 closes;
	uint64_t			 close_at;
	int				 close_err;
	int				 close_why;	/* facts.why */
	/* Waiting for the peer until "settle" (or for good). */
	int				 pending;
	int				 pending_calls;
	struct l2c_timer		 settle, late, lost;
	uint64_t			 settle_at, late_at;
	uint64_t			 first_at;	/* input's */
	int				 spans;
};

static void
fake_writable(void *arg)
{
	struct fake	*f = arg;

	f->cb->event(f->cb->arg, L2C_SESS_WRITABLE, 0, NULL);
}

/* Takes at most 3 bytes a call, then asks to be offered more later. */
static int
fake_input(void *s, const uint8_t *p, size_t n)
{
	struct fake	*f = s;

	f->calls++;
	if (f->ngot == 0)
		f->first_at = l2c_now_us();
	if (n > 3)
		n = 3;
	memcpy(f->got + f->ngot, p, n);
	f->ngot += n;
	if (n > 1 && memchr(p, '\r', n - 1) != NULL)
		f->spans++;		/* one call, two lines */
	l2c_timer_arm(f->loop, &f->writable, 0);
	return (int)n;
}

static int
fake_resize(void *s, unsigned c, unsigned r)
{
	(void)s; (void)c; (void)r;
	return 0;
}

static void
fake_close(void *s)
{
	struct fake	*f = s;

	f->closes++;
	f->close_at = l2c_now_us();
	f->cb->output(f->cb->arg, (const uint8_t *)"bye", 3);
	f->cb->event(f->cb->arg, L2C_SESS_CLOSED, f->close_err, NULL);
}

static int
fake_pending(void *s)
{
	struct fake	*f = s;

	f->pending_calls++;
	return f->pending;
}

/* The peer answers at last: nothing owed any more. */
static void
fake_settle(void *arg)
{
	struct fake	*f = arg;

	f->pending = 0;
	f->settle_at = l2c_now_us();
}

/* Its output for what it finally got comes a little later. */
static void
fake_late(void *arg)
{
	struct fake	*f = arg;

	f->late_at = l2c_now_us();
	f->cb->output(f->cb->arg, (const uint8_t *)"late", 4);
}

/* The session's own budget runs out: the peer is gone. */
static void
fake_lost(void *arg)
{
	struct fake	*f = arg;

	f->close_why = 2;
	f->cb->event(f->cb->arg, L2C_SESS_CLOSED, L2C_ERR_PEERLOST, NULL);
}

/* The facts of its CLOSED, which the console keeps for the face. */
static void
fake_facts(void *s, struct l2c_sess_facts *out)
{
	struct fake	*f = s;

	out->why = f->close_why;
	out->timeout_us = 1000 * (uint64_t)f->close_why;
}

/* A device that echoes what it takes at once, a line end as CR LF. */
static int
fake_echo_input(void *s, const uint8_t *p, size_t n)
{
	struct fake	*f = s;
	int		 taken = fake_input(s, p, n);
	int		 i;

	for (i = 0; i < taken; i++)
		f->cb->output(f->cb->arg, p[i] == '\r' ?
		    (const uint8_t *)"\r\n" : p + i, p[i] == '\r' ? 2 : 1);
	return taken;
}

static const struct l2c_sess_ops fake_ops = {
	.proto = "fake", .input = fake_input, .resize = fake_resize,
	.close = fake_close, .info = ut_sess_no_info, .facts = fake_facts,
	.free = ut_sess_no_free,
};

/* The same, echoing. */
static const struct l2c_sess_ops fake_echo_ops = {
	.proto = "fake", .input = fake_echo_input, .resize = fake_resize,
	.close = fake_close, .info = ut_sess_no_info, .facts = fake_facts,
	.free = ut_sess_no_free,
};

/* The same, able to say it waits for its peer. */
static const struct l2c_sess_ops fake_pending_ops = {
	.proto = "fake", .input = fake_input, .resize = fake_resize,
	.close = fake_close, .info = ut_sess_no_info, .pending = fake_pending,
	.facts = fake_facts, .free = ut_sess_no_free,
};

/*
 * A console in batch mode: stdin a pipe holding `in', stdout a pipe.
 * A session with the pending op starts out owing its peer an answer.
 */
/* These tests are about input and the idle wait: stdout as received. */
static int	rig_output = L2C_OUT_RAW;
static int	rig_paste = L2C_PASTE_AUTO;	/* --paste-wait */
static int	rig_echo;			/* --local-echo */

struct rig {
	struct l2c_loop		*loop;
	struct l2c_console	*con;
	struct l2c_sess		 sess;
	struct fake		 f;
	int			 out[2], save_in, save_out;
	char			 outbuf[64];	/* its stdout, NUL-ended */
};

static void
rig_open(struct rig *g, const char *in, uint64_t idle_us,
    const struct l2c_sess_ops *ops)
{
	struct l2c_console_opts	o;
	int			p[2];

	memset(g, 0, sizeof(*g));
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(g->out), 0);
	assert_int_equal(write(p[1], in, strlen(in)), (ssize_t)strlen(in));
	close(p[1]);
	g->save_in = dup(0);
	g->save_out = dup(1);
	dup2(p[0], 0);
	close(p[0]);
	dup2(g->out[1], 1);
	assert_int_equal(l2c_loop_new(&g->loop), 0);
	l2c_console_defaults(&o);
	o.lf_to_cr = 1;
	o.idle_us = idle_us;
	o.output = rig_output;
	o.paste_wait = rig_paste;
	o.local_echo = rig_echo;
	assert_int_equal(l2c_console_new(g->loop, &o, &g->con), 0);
	g->f.loop = g->loop;
	g->f.cb = l2c_console_cb(g->con);
	l2c_timer_init(&g->f.writable, fake_writable, &g->f);
	l2c_timer_init(&g->f.settle, fake_settle, &g->f);
	l2c_timer_init(&g->f.late, fake_late, &g->f);
	l2c_timer_init(&g->f.lost, fake_lost, &g->f);
	g->sess.ops = ops;
	g->sess.s = &g->f;
	g->f.pending = ops->pending != NULL;
}

/* Run it to the end. */
static int
rig_run(struct rig *g)
{
	ssize_t	n;
	int	rv;

	g->f.cb->event(g->f.cb->arg, L2C_SESS_OPEN, 0, NULL);
	rv = l2c_console_run(g->con, &g->sess);
	l2c_timer_cancel(g->loop, &g->f.settle);
	l2c_timer_cancel(g->loop, &g->f.late);
	l2c_timer_cancel(g->loop, &g->f.lost);
	l2c_timer_cancel(g->loop, &g->f.writable);
	dup2(g->save_in, 0);
	dup2(g->save_out, 1);
	close(g->save_in);
	close(g->save_out);
	close(g->out[1]);
	n = read(g->out[0], g->outbuf, sizeof(g->outbuf) - 1);
	g->outbuf[n > 0 ? n : 0] = '\0';
	close(g->out[0]);
	return rv;
}

static void
rig_close(struct rig *g)
{
	l2c_console_free(g->con);
	l2c_loop_free(g->loop);
}

/*
 * stdout not a terminal, the default output: the terminal model answers
 * the device's cursor query (as if typed) and stdout gets the lines as a
 * screen shows them, colours applied, the last one at the end.
 */
static void
test_batch_text(void **state)
{
	static const char	 dev[] = "\033[6n\033[1mhi\033[m\r\n";
	struct rig		 g;

	(void)state;
	rig_output = L2C_OUT_DEFAULT;
	rig_open(&g, "ab\n", L2C_MS(20), &fake_ops);
	rig_output = L2C_OUT_RAW;
	g.f.cb->output(g.f.cb->arg, (const uint8_t *)dev, sizeof(dev) - 1);
	assert_int_equal(rig_run(&g), 0);
	rig_close(&g);
	assert_string_equal(g.outbuf, "hi\nbye\n");
	assert_int_equal(g.f.ngot, 9);
	assert_non_null(memmem(g.f.got, g.f.ngot, "\033[1;1R", 6));
	assert_non_null(memmem(g.f.got, g.f.ngot, "ab\r", 3));
}

static void
test_batch_roundtrip(void **state)
{
	struct rig	g;

	(void)state;
	rig_open(&g, "ab\ncd\n", L2C_MS(20), &fake_ops);
	g.f.close_err = L2C_ERR_AUTH;
	g.f.close_why = 1;
	assert_int_equal(rig_run(&g), L2C_ERR_AUTH);
	assert_non_null(l2c_console_facts(g.con));
	assert_int_equal(l2c_console_facts(g.con)->why, 1);
	assert_int_equal(l2c_console_facts(g.con)->timeout_us, 1000);
	rig_close(&g);
	assert_int_equal(g.f.ngot, 6);
	assert_memory_equal(g.f.got, "ab\rcd\r", 6);
	assert_true(g.f.calls >= 2);	/* taken in pieces, nothing lost */
	assert_int_equal(g.f.closes, 1);
	assert_string_equal(g.outbuf, "bye");
}

/*
 * Unpaced, a session that takes 3 bytes a call gets two lines in one
 * call; paced (--paste-wait echo), each line goes alone, after the echo
 * of the one before (well before the 2 s bound), in order, nothing lost.
 */
static void
test_batch_paced(void **state)
{
	struct rig	g;
	uint64_t	t0;

	(void)state;
	rig_open(&g, "a\nbc\nd\n", L2C_MS(20), &fake_echo_ops);
	assert_int_equal(rig_run(&g), 0);
	rig_close(&g);
	assert_int_equal(g.f.ngot, 7);
	assert_memory_equal(g.f.got, "a\rbc\rd\r", 7);
	assert_int_equal(g.f.spans, 2);

	rig_paste = L2C_PACE_ECHO;
	rig_open(&g, "a\nbc\nd\n", L2C_MS(20), &fake_echo_ops);
	rig_paste = L2C_PASTE_AUTO;
	t0 = l2c_now_us();
	assert_int_equal(rig_run(&g), 0);
	rig_close(&g);
	assert_int_equal(g.f.ngot, 7);
	assert_memory_equal(g.f.got, "a\rbc\rd\r", 7);
	assert_int_equal(g.f.spans, 0);
	assert_true(l2c_now_us() - t0 < L2C_SEC(1));
	assert_string_equal(g.outbuf, "a\r\nbc\r\nd\r\nbye");
}

/* --local-echo: what is typed shows, a line end as CR LF; it still goes. */
static void
test_local_echo(void **state)
{
	struct rig	g;

	(void)state;
	rig_echo = 1;
	rig_open(&g, "ab\ncd\n", L2C_MS(20), &fake_ops);
	rig_echo = 0;
	assert_int_equal(rig_run(&g), 0);
	rig_close(&g);
	assert_memory_equal(g.f.got, "ab\rcd\r", 6);
	assert_string_equal(g.outbuf, "ab\r\ncd\r\nbye");
}

/*
 * Input ended; the peer owes an answer for far longer than the idle
 * time (lost polls, an unacknowledged DATA), then answers, and its
 * output comes after that.  The session ends only once the peer has
 * caught up and then been quiet for the whole idle time.
 */
static void
test_batch_idle_waits_for_peer(void **state)
{
	struct rig	g;

	(void)state;
	rig_open(&g, "", L2C_MS(200), &fake_pending_ops);
	l2c_timer_arm(g.loop, &g.f.settle, L2C_MS(400));
	l2c_timer_arm(g.loop, &g.f.late, L2C_MS(490));
	assert_int_equal(rig_run(&g), 0);
	rig_close(&g);
	assert_string_equal(g.outbuf, "latebye");
	assert_int_equal(g.f.closes, 1);
	assert_true(g.f.close_at >= g.f.late_at + L2C_MS(200));
	/* Looked again now and then while waiting, not in a busy loop. */
	assert_true(g.f.pending_calls >= 2);
	assert_true(g.f.pending_calls <= 20);
}

/* A row the device shows 10 ms after the login, and when. */
struct shown_row {
	struct rig		*g;
	const char		*row;
	uint64_t		 at;
	struct l2c_timer	 show;
};

static void
row_show(void *arg)
{
	struct shown_row	*r = arg;

	r->at = l2c_now_us();
	r->g->f.cb->output(r->g->f.cb->arg, (const uint8_t *)r->row,
	    strlen(r->row));
}

/*
 * Batch input goes as soon as the device waits at a prompt (RouterOS,
 * IOS, a Unix shell), not after 300 ms of quiet (SETTLE_QUIET); a
 * question (RouterOS's change-password nag, a password) still holds it
 * until quiet.
 */
static void
test_batch_prompt_ends_wait(void **state)
{
	static const struct {
		const char	*row;
		int		 goes;
	} rows[] = {
		{ "\r\r\r\r\033[m\033[36m[admin@MikroTik] \033[m> ", 1 },
		{ "Router#", 1 },
		{ "lab@host:~$ ", 1 },
		{ "new password> ", 0 },
		{ "Password: ", 0 },
	};
	struct l2c_sess_opts	so;
	struct shown_row	r;
	struct rig		g;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		rig_output = L2C_OUT_DEFAULT;
		rig_open(&g, "ab\n", L2C_MS(20), &fake_ops);
		rig_output = L2C_OUT_RAW;
		l2c_sess_opts_init(&so);
		assert_int_equal(l2c_sess_opts_attach(&so, g.con), 0);
		memset(&r, 0, sizeof(r));
		r.g = &g;
		r.row = rows[i].row;
		l2c_timer_init(&r.show, row_show, &r);
		l2c_timer_arm(g.loop, &r.show, L2C_MS(10));
		assert_int_equal(rig_run(&g), 0);
		l2c_timer_cancel(g.loop, &r.show);
		rig_close(&g);
		l2c_sess_opts_close(&so);
		assert_memory_equal(g.f.got, "ab\r", 3);
		assert_true(r.at > 0);
		if (rows[i].goes)
			assert_true(g.f.first_at < r.at + L2C_MS(300));
		else
			assert_true(g.f.first_at >= r.at + L2C_MS(300));
	}
}

/*
 * The peer never answers: the face keeps waiting, and the session's
 * own budget ends it, with the session's error, not as a quiet end.
 */
static void
test_batch_idle_peer_lost(void **state)
{
	struct rig	g;

	(void)state;
	rig_open(&g, "", L2C_MS(20), &fake_pending_ops);
	l2c_timer_arm(g.loop, &g.f.lost, L2C_MS(300));
	assert_int_equal(rig_run(&g), L2C_ERR_PEERLOST);
	assert_non_null(l2c_console_facts(g.con));
	assert_int_equal(l2c_console_facts(g.con)->why, 2);
	rig_close(&g);
	assert_int_equal(g.f.closes, 0);
	assert_string_equal(g.outbuf, "");
}

static void
test_parse_escape(void **state)
{
	int	e;

	(void)state;
	assert_int_equal(l2c_console_parse_escape("^]", &e), 0);
	assert_int_equal(e, 0x1d);
	assert_int_equal(l2c_console_parse_escape("^a", &e), 0);
	assert_int_equal(e, 1);
	assert_int_equal(l2c_console_parse_escape("~", &e), 0);
	assert_int_equal(e, '~');
	assert_int_equal(l2c_console_parse_escape("none", &e), 0);
	assert_int_equal(e, L2C_ESCAPE_NONE);
	assert_int_equal(l2c_console_parse_escape("ab", &e), L2C_ERR_INVAL);
	assert_int_equal(l2c_console_parse_escape("", &e), L2C_ERR_INVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_roundtrip),
		cmocka_unit_test(test_batch_text),
		cmocka_unit_test(test_batch_paced),
		cmocka_unit_test(test_local_echo),
		cmocka_unit_test(test_batch_idle_waits_for_peer),
		cmocka_unit_test(test_batch_idle_peer_lost),
		cmocka_unit_test(test_batch_prompt_ends_wait),
		cmocka_unit_test(test_parse_escape),
	};

	return cmocka_run_group_tests_name("ui/console", tests, NULL, NULL);
}
