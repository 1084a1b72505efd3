/* SPDX-License-Identifier: ISC */
/*
 * The MOP console requester over an in-memory link: against our own
 * server (a real program on a pty) and against a scripted server that
 * behaves like Cisco (first number 0), like the spec and pydecnet
 * (first number 1), loses frames, is taken, refuses, or goes away.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/link.h"
#include "core/loop.h"
#include "mop/mop_client.h"
#include "mop/mop_proto.h"
#include "mop/mop_server.h"
#include "mop/sysid.h"
#include "../lib/rig.h"

static const uint8_t	cli_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t	srv_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	other_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x09 };

#define MAXLOG	64

/* The scripted server's behaviour. */
struct fake {
	int		 carrier;	/* console carrier offered */
	int		 taken;		/* reserved by other_mac */
	int		 refuse;	/* never records us as the user */
	int		 no_spec_reqid;	/* ignores the 4-byte Request ID */
	int		 expect;	/* first number it answers (0 or 1) */
	uint16_t	 cmd_size;
	uint16_t	 rsv_timer;
	uint8_t		 lost_flags;	/* set on the next response */
	/* State. */
	int		 held;
	int		 have_last;
	uint8_t		 last_num;
	const char	*pending;	/* output for the next response */
	/* What it saw. */
	int		 reqid_forms[MAXLOG];
	int		 nreqid;
	int		 nreserve, nrelease, npoll, nbreak;
	uint64_t	 poll_at[256];
	size_t		 npoll_at;
	int		 firstnum;
	uint8_t		 got[70000];
	size_t		 gotlen;
	size_t		 maxcmd;
};

struct fix {
	struct ut_pair		 p;	/* a: the client, b: the server */
	struct l2c_sess		 sess;
	int			 started;
	struct mop_server	*srv;
	struct fake		 fk;
	int			 fake_on;
	struct ut_face		 face;	/* what the face saw */
	/* Drop and timing of client frames. */
	int			 drop_all, drop_every, nsent;
	uint64_t		 cmd_at[64];
	uint8_t			 cmd_flags[64];
	size_t			 ncmd;
	int			 releases_seen;
};

/* Every frame the client sends passes here: count, time, maybe drop. */
static int
client_drop(void *arg, const uint8_t *p, size_t len)
{
	struct fix	*f = arg;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;

	f->nsent++;
	if (l2c_frame_parse(p, len, &pkt) == 0 && mop_parse_pkt(&pkt, &m) == 0) {
		if (m.code == MOP_COMMAND && f->ncmd < 64) {
			f->cmd_at[f->ncmd] = l2c_now_us();
			f->cmd_flags[f->ncmd++] = m.u.con.flags;
		}
		if (m.code == MOP_RELEASE)
			f->releases_seen++;
	}
	if (f->drop_all)
		return 1;
	return f->drop_every > 0 && f->nsent % f->drop_every == 0;
}

static int
server_drop(void *arg, const uint8_t *p, size_t len)
{
	struct fix	*f = arg;

	(void)p;
	(void)len;
	return f->drop_all;
}

static void
fake_send(struct fix *f, const struct mop_msg *m)
{
	uint8_t		buf[1600];
	struct l2c_wbuf	w;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, cli_mac, srv_mac, L2C_ENCAP_ETH2, m), 0);
	assert_int_equal(l2c_link_send(f->p.b, buf, w.len), 0);
}

static void
fake_sysid(struct fix *f, uint16_t receipt)
{
	struct fake	*k = &f->fk;
	struct mop_sysid si;
	struct mop_msg	 m;
	uint8_t		 info[256];
	struct l2c_wbuf	 w;

	memset(&si, 0, sizeof(si));
	si.have = MOP_HAVE_FUNCTIONS | MOP_HAVE_CMD_SIZE | MOP_HAVE_RSP_SIZE |
	    MOP_HAVE_RSV_TIMER;
	si.functions = MOP_FN_LOOP | (k->carrier ? MOP_FN_CONSOLE : 0);
	si.cmd_size = k->cmd_size;
	si.rsp_size = 512;
	si.rsv_timer = k->rsv_timer;
	if (k->taken || k->held) {
		si.functions |= MOP_FN_RESERVED;
		si.have |= MOP_HAVE_CONSOLE_USER;
		memcpy(si.console_user, k->taken ? other_mac : cli_mac, 6);
	}
	l2c_wbuf_init(&w, info, sizeof(info));
	assert_int_equal(mop_sysid_build(&w, &si), 0);
	memset(&m, 0, sizeof(m));
	m.code = MOP_SYSTEM_ID;
	m.u.sysid.receipt = receipt;
	m.u.sysid.info = info;
	m.u.sysid.infolen = w.len;
	fake_send(f, &m);
}

static void
fake_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct fix	*f = arg;
	struct fake	*k = &f->fk;
	struct mop_msg	 m, r;
	uint8_t		 num;

	if (mop_parse_pkt(pkt, &m) != 0)
		return;
	switch (m.code) {
	case MOP_REQUEST_ID:
		if (k->nreqid < MAXLOG)
			k->reqid_forms[k->nreqid++] = m.u.reqid.form;
		if (k->no_spec_reqid && m.u.reqid.form == MOP_REQID_SPEC)
			return;
		fake_sysid(f, m.u.reqid.receipt);
		break;
	case MOP_RESERVE:
		k->nreserve++;
		if (!k->refuse && !k->taken) {
			k->held = 1;
			k->have_last = 0;
		}
		break;
	case MOP_RELEASE:
		k->nrelease++;
		k->held = 0;
		break;
	case MOP_COMMAND:
		if (!k->held)
			return;
		num = m.u.con.flags & MOP_CMD_MSGNUM;
		if (k->npoll_at < 256)
			k->poll_at[k->npoll_at++] = l2c_now_us();
		if (!k->have_last && num != k->expect)
			return;		/* a strict server: no answer */
		memset(&r, 0, sizeof(r));
		r.code = MOP_RESPONSE;
		r.u.con.flags = num;
		if (k->have_last && num == k->last_num) {
			fake_send(f, &r);	/* duplicate: empty again */
			return;
		}
		if (!k->have_last)
			k->firstnum = num;
		k->have_last = 1;
		k->last_num = num;
		k->npoll++;
		if (m.u.con.flags & MOP_CMD_BREAK)
			k->nbreak++;
		if (m.u.con.dlen > k->maxcmd)
			k->maxcmd = m.u.con.dlen;
		memcpy(k->got + k->gotlen, m.u.con.data, m.u.con.dlen);
		k->gotlen += m.u.con.dlen;
		r.u.con.flags |= k->lost_flags;
		k->lost_flags = 0;
		if (k->pending != NULL) {
			r.u.con.data = (const uint8_t *)k->pending;
			r.u.con.dlen = strlen(k->pending);
			k->pending = NULL;
		}
		fake_send(f, &r);
		break;
	default:
		break;
	}
}

static int
setup(void **state)
{
	struct fix	*f;

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	ut_pair_open(&f->p, cli_mac, srv_mac, 1);
	ut_face_init(&f->face, &f->sess);
	l2c_link_mem_set_drop(f->p.a, client_drop, f);
	l2c_link_mem_set_drop(f->p.b, server_drop, f);
	f->fk.carrier = 1;
	f->fk.cmd_size = 512;
	f->fk.rsv_timer = 15;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	if (f->started)
		f->sess.ops->free(f->sess.s);
	mop_server_free(f->srv);
	ut_pair_close(&f->p);
	free(f);
	return 0;
}

static void
use_fake(struct fix *f)
{
	char	filter[256];

	assert_int_equal(mop_filter(filter, sizeof(filter), cli_mac), 0);
	assert_true(l2c_ctx_listen(&f->p.cb, filter, fake_rx, f) >= 0);
}

static void
use_server(struct fix *f, const char *cmd, const char *verif)
{
	struct mop_server_conf	o;

	mop_server_defaults(&o);
	o.argv = ut_sh_argv(cmd);
	if (verif != NULL) {
		o.verify = 1;
		memcpy(o.verif, verif, 8);
	}
	assert_int_equal(mop_server_new(&f->p.cb, &o, &f->srv), 0);
}

static uint64_t	deep_idle_us;		/* > 0: the next start() uses it */

static void
start(struct fix *f, const char *verif, uint64_t timeout_us)
{
	struct mop_client_conf	o;

	mop_client_defaults(&o);
	o.deep_idle_us = deep_idle_us;
	deep_idle_us = 0;
	memcpy(o.peer, srv_mac, 6);
	if (verif != NULL)
		memcpy(o.verif, verif, 8);
	if (timeout_us > 0)
		o.timeout_us = timeout_us;
	assert_int_equal(mop_client_new(&f->p.ca, &o, &f->face.cb,
	    &f->sess), 0);
	f->started = 1;
}

/* Run the loop until *flag is set or max_us passes; 1 if it was set. */
static int
run_until(struct fix *f, const int *flag, uint64_t max_us)
{
	return ut_run_until(f->p.loop, flag, max_us);
}

static int
out_has(struct fix *f, const char *s)
{
	return memmem(f->face.out, f->face.outlen, s, strlen(s)) != NULL;
}

static void
run_for_output(struct fix *f, const char *s, uint64_t max_us)
{
	uint64_t	end = l2c_now_us() + max_us;

	while (!out_has(f, s) && l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	if (!out_has(f, s))
		fail_msg("no \"%s\" in output (%zu bytes)", s, f->face.outlen);
}

static void
input(struct fix *f, const char *s)
{
	assert_int_equal(f->sess.ops->input(f->sess.s, (const uint8_t *)s,
	    strlen(s)), (int)strlen(s));
}

static void
close_session(struct fix *f)
{
	f->sess.ops->close(f->sess.s);
	assert_true(run_until(f, &f->face.closed, 1000000));
	assert_int_equal(f->face.err, 0);
}

/* Against our own server: a shell on a pty, input, output, Release. */
static void
test_own_server(void **state)
{
	struct fix		*f = *state;
	struct l2c_sess_info	 info;
	struct mop_client_state	 cs;
	uint8_t			 mac[6];

	use_server(f, "echo READY; exec cat", NULL);
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	assert_int_equal(mop_server_holder(f->srv, mac), 1);
	assert_memory_equal(mac, cli_mac, 6);
	mop_client_state(&f->sess, &cs);
	assert_int_equal(cs.reqid_form, MOP_REQID_SPEC);
	assert_int_equal(cs.cmd_size, 512);
	assert_string_equal(cs.sysid.software, "l2console");
	run_for_output(f, "READY", 3000000);
	input(f, "hello mop\n");
	run_for_output(f, "hello mop\r\nhello mop", 3000000);
	f->sess.ops->info(f->sess.s, &info);
	assert_string_equal(info.proto, "mop");
	assert_memory_equal(info.peer, srv_mac, 6);
	assert_int_equal(info.bytes_tx, 10);
	assert_true(info.bytes_rx >= 25);
	assert_true(info.frames_tx > 4 && info.frames_rx > 4);
	close_session(f);
	assert_int_equal(f->releases_seen, 2);
	assert_int_equal(mop_server_holder(f->srv, NULL), 0);
	assert_int_equal(f->face.notices, 0);
}

/* Break reaches the program as SIGINT; the console stays usable. */
static void
test_own_server_break(void **state)
{
	struct fix	*f = *state;

	use_server(f, "trap 'echo GOT-INT' INT; echo READY; "
	    "while :; do sleep 0.05; done", NULL);
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	run_for_output(f, "READY", 3000000);
	assert_non_null(f->sess.ops->brk);
	assert_int_equal(f->sess.ops->brk(f->sess.s), 0);
	run_for_output(f, "GOT-INT", 3000000);
	close_session(f);
}

/* Verification: the wrong one is refused, the right one works. */
static void
test_verification(void **state)
{
	struct fix	*f = *state;

	use_server(f, "exec cat", "secret12");
	start(f, "secret13", 0);
	assert_true(run_until(f, &f->face.closed, 3000000));
	assert_int_equal(f->face.opened, 0);
	assert_int_equal(f->face.err, L2C_ERR_AUTH);
	assert_non_null(strstr(f->face.reason, "reservation refused (wrong "
	    "verification or console taken)"));
	assert_int_equal(mop_server_holder(f->srv, NULL), 0);
	f->sess.ops->free(f->sess.s);
	f->face.closed = 0;
	start(f, "secret12", 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	close_session(f);
}

/* A second station during a session is told who holds the console. */
static void
test_own_server_taken(void **state)
{
	struct fix	*f = *state;
	struct mop_msg	 m;
	uint8_t		 buf[64];
	struct l2c_wbuf	 w;

	use_server(f, "exec cat", NULL);
	/* other_mac reserves first (sent as if from it, over our link). */
	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, srv_mac, other_mac, L2C_ENCAP_ETH2,
	    &m), 0);
	assert_int_equal(l2c_link_send(f->p.a, buf, w.len), 0);
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.closed, 3000000));
	assert_int_equal(f->face.err, L2C_ERR_UNAVAIL);
	assert_non_null(strstr(f->face.reason, "reserved by 02:4c:32:43:00:09"));
	assert_int_equal(f->releases_seen, 0);
}

/* Cisco (as moprc shows) answers a first poll numbered 0. */
static void
test_server_starts_at_0(void **state)
{
	struct fix		*f = *state;
	struct mop_client_state	 cs;

	use_fake(f);
	f->fk.expect = 0;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	mop_client_state(&f->sess, &cs);
	assert_int_equal(cs.first_num, 0);
	assert_int_equal(f->fk.firstnum, 0);
	f->fk.pending = "Username: ";
	input(f, "cisco\r");
	run_for_output(f, "Username: ", 2000000);
	assert_int_equal(f->fk.gotlen, 6);
	assert_memory_equal(f->fk.got, "cisco\r", 6);
	close_session(f);
	assert_int_equal(l2c_loop_once(f->p.loop, 0), 0);
	assert_int_equal(f->fk.nrelease, 2);
}

/* The spec and pydecnet: 0 right after Reserve is a duplicate; 1 works. */
static void
test_server_starts_at_1(void **state)
{
	struct fix		*f = *state;
	struct mop_client_state	 cs;
	size_t			 i;

	use_fake(f);
	f->fk.expect = 1;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 4000000));
	mop_client_state(&f->sess, &cs);
	assert_int_equal(cs.first_num, 1);
	assert_int_equal(f->fk.firstnum, 1);
	/* The first polls were empty: 0 unanswered, then 1. */
	assert_true(f->ncmd >= 2);
	assert_int_equal(f->cmd_flags[0], 0);
	assert_int_equal(f->cmd_flags[1], 1);
	for (i = 0; i < 2; i++)
		assert_true(f->ncmd > i);
	input(f, "abc");
	assert_true(run_until(f, (int *)&f->fk.gotlen, 2000000));
	assert_int_equal(f->fk.gotlen, 3);
	assert_memory_equal(f->fk.got, "abc", 3);
	close_session(f);
}

/* A server that ignores the 4-byte Request ID: the 5-byte form, kept. */
static void
test_reqid_fallback(void **state)
{
	struct fix		*f = *state;
	struct mop_client_state	 cs;
	int			 i;

	use_fake(f);
	f->fk.no_spec_reqid = 1;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 4000000));
	mop_client_state(&f->sess, &cs);
	assert_int_equal(cs.reqid_form, MOP_REQID_MOPRC);
	assert_true(f->fk.nreqid >= 3);
	assert_int_equal(f->fk.reqid_forms[0], MOP_REQID_SPEC);
	assert_int_equal(f->fk.reqid_forms[1], MOP_REQID_MOPRC);
	/* The confirming Request ID after Reserve used what worked. */
	for (i = 2; i < f->fk.nreqid; i++)
		assert_int_equal(f->fk.reqid_forms[i], MOP_REQID_MOPRC);
	close_session(f);
}

static void
test_no_carrier(void **state)
{
	struct fix	*f = *state;

	use_fake(f);
	f->fk.carrier = 0;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.closed, 2000000));
	assert_int_equal(f->face.err, L2C_ERR_UNAVAIL);
	assert_non_null(strstr(f->face.reason, "does not offer a remote console"));
	assert_int_equal(f->fk.nreserve, 0);
}

static void
test_taken(void **state)
{
	struct fix	*f = *state;

	use_fake(f);
	f->fk.taken = 1;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.closed, 2000000));
	assert_int_equal(f->face.err, L2C_ERR_UNAVAIL);
	assert_non_null(strstr(f->face.reason, "reserved by 02:4c:32:43:00:09"));
	assert_int_equal(f->fk.nreserve, 0);
}

static void
test_refused(void **state)
{
	struct fix	*f = *state;

	use_fake(f);
	f->fk.refuse = 1;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.closed, 3000000));
	assert_int_equal(f->face.err, L2C_ERR_AUTH);
	assert_int_equal(f->fk.nreserve, 3);
	assert_int_equal(l2c_loop_once(f->p.loop, 0), 0);	/* deliver them */
	assert_int_equal(f->fk.nrelease, 2);
}

static void
test_no_answer(void **state)
{
	struct fix	*f = *state;
	uint64_t	 t0;

	/* Nobody listens on the other side. */
	t0 = l2c_now_us();
	start(f, NULL, 1500000);
	assert_true(run_until(f, &f->face.closed, 3000000));
	assert_int_equal(f->face.err, L2C_ERR_NOANSWER);
	assert_true(l2c_now_us() - t0 >= 1400000);
	assert_int_equal(f->releases_seen, 0);
}

/*
 * The peer goes silent mid-session: retransmissions of the same
 * message on a growing schedule, then peer lost within the timeout,
 * and a Release on the way out.
 */
static void
test_peer_lost(void **state)
{
	struct fix	*f = *state;
	uint64_t	 t0, gap;
	size_t		 first, i;

	use_fake(f);
	start(f, NULL, 2000000);
	assert_true(run_until(f, &f->face.opened, 3000000));
	input(f, "x");
	first = f->ncmd;
	f->drop_all = 1;
	t0 = l2c_now_us();
	assert_true(run_until(f, &f->face.closed, 4000000));
	assert_int_equal(f->face.err, L2C_ERR_PEERLOST);
	assert_non_null(strstr(f->face.reason, "peer lost"));
	assert_true(l2c_now_us() - t0 <= 2300000);
	assert_true(f->releases_seen >= 1);
	/* Retransmissions: same flags, never back to back, growing. */
	assert_true(f->ncmd - first >= 3);
	for (i = first + 1; i < f->ncmd; i++) {
		assert_int_equal(f->cmd_flags[i], f->cmd_flags[first]);
		gap = f->cmd_at[i] - f->cmd_at[i - 1];
		assert_true(gap >= 40000);
	}
}

static int
pending(struct fix *f)
{
	return f->sess.ops->pending(f->sess.s);
}

/*
 * Run the loop for max_us or until closed; 1 if pending all along.  A
 * session that gave up owes nothing: its CLOSED follows from the loop.
 */
static int
stays_pending(struct fix *f, uint64_t max_us)
{
	uint64_t	end = l2c_now_us() + max_us;

	while (!f->face.closed && l2c_now_us() < end) {
		if (!pending(f)) {
			assert_int_equal(l2c_loop_once(f->p.loop, 0), 0);
			return f->face.closed;
		}
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	}
	return 1;
}

/* Run the loop until nothing is owed (or max_us); 1 if so. */
static int
run_until_settled(struct fix *f, uint64_t max_us)
{
	uint64_t	end = l2c_now_us() + max_us;

	while (pending(f) && l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	return !pending(f);
}

/*
 * Pending for the face's idle end: while the setup runs, while a poll
 * goes unanswered however long its retransmissions take, not once it
 * is answered; and a peer that never answers ends it as peer lost.
 */
static void
test_pending(void **state)
{
	struct fix	*f = *state;

	use_fake(f);
	start(f, NULL, 1000000);
	assert_true(pending(f));
	assert_true(run_until(f, &f->face.opened, 3000000));
	assert_true(run_until_settled(f, 1000000));
	f->drop_all = 1;
	input(f, "x");
	assert_true(pending(f));
	assert_true(stays_pending(f, 400000));
	assert_false(f->face.closed);
	f->drop_all = 0;
	assert_true(run_until_settled(f, 1000000));
	assert_int_equal(f->fk.gotlen, 1);
	assert_memory_equal(f->fk.got, "x", 1);
	/* The peer goes away: pending to the end, which the timeout sets. */
	f->drop_all = 1;
	input(f, "y");
	assert_true(stays_pending(f, 3000000));
	assert_true(f->face.closed);
	assert_int_equal(f->face.err, L2C_ERR_PEERLOST);
	assert_false(pending(f));
}

/* Lost frames in both directions: everything arrives, once, in order. */
static void
test_lossy_bulk(void **state)
{
	struct fix		*f = *state;
	struct l2c_sess_info	 info;
	char			 line[64], *want;
	size_t			 i, wl = 0;
	uint8_t			*clean;
	size_t			 cl = 0;

	use_server(f, "stty -echo -onlcr; echo READY; exec cat", NULL);
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	run_for_output(f, "READY\n", 3000000);
	f->drop_every = 4;
	want = malloc(200 * 64);
	assert_non_null(want);
	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "line %03zu of the lossy test\n", i);
		memcpy(want + wl, line, strlen(line));
		wl += strlen(line);
	}
	assert_int_equal(f->sess.ops->input(f->sess.s, (uint8_t *)want, wl),
	    (int)wl);
	want[wl] = '\0';
	run_for_output(f, "line 199 of the lossy test\n", 20000000);
	clean = memmem(f->face.out, f->face.outlen, "READY\n", 6);
	assert_non_null(clean);
	clean += 6;
	cl = f->face.outlen - (size_t)(clean - f->face.out);
	assert_int_equal(cl, wl);
	assert_memory_equal(clean, want, wl);
	f->sess.ops->info(f->sess.s, &info);
	assert_true(info.retransmits > 0);
	free(want);
	f->drop_every = 0;
	close_session(f);
}

/* Typed input goes out in as few commands as the command size allows. */
static void
test_batching(void **state)
{
	struct fix	*f = *state;
	char		 buf[1000];

	use_fake(f);
	f->fk.cmd_size = 100;
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	memset(buf, 'a', sizeof(buf));
	buf[999] = 'z';
	assert_int_equal(f->sess.ops->input(f->sess.s, (uint8_t *)buf,
	    sizeof(buf)), (int)sizeof(buf));
	while (f->fk.gotlen < sizeof(buf))
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	assert_int_equal(f->fk.maxcmd, 100);
	assert_memory_equal(f->fk.got, buf, sizeof(buf));
	/* Ten commands with data, back to back: no idle wait in between. */
	assert_true(f->fk.npoll <= 1 + 10 + 1);
	close_session(f);
}

/* Idle: never faster than 80 ms, never slower than timer/3. */
static void
test_idle_backoff(void **state)
{
	struct fix	*f = *state;
	uint64_t	 end, gap;
	size_t		 i;

	use_fake(f);
	f->fk.rsv_timer = 1;			/* cap: 333 ms */
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	end = l2c_now_us() + 1800000;
	while (l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	assert_true(f->fk.npoll_at >= 6);
	for (i = 2; i < f->fk.npoll_at; i++) {
		gap = f->fk.poll_at[i] - f->fk.poll_at[i - 1];
		assert_true(gap >= 75000);
		assert_true(gap <= 360000);
	}
	gap = f->fk.poll_at[f->fk.npoll_at - 1] -
	    f->fk.poll_at[f->fk.npoll_at - 2];
	assert_true(gap >= 300000);
	close_session(f);
}

/*
 * A long quiet: up to 1 s between polls, then, once nothing was typed
 * or shown for the deep-idle time (here 0.5 s), up to 2 s; a key
 * brings the poll back at once.
 */
static void
test_deep_idle(void **state)
{
	struct fix	*f = *state;
	uint64_t	 end, gap, t0;
	size_t		 i, n;

	use_fake(f);
	deep_idle_us = 500000;
	start(f, NULL, 0);			/* timeout/4 = 2.5 s */
	assert_true(run_until(f, &f->face.opened, 3000000));
	end = l2c_now_us() + 5200000;
	while (l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	n = f->fk.npoll_at;
	assert_true(n >= 6);
	for (i = 2; i < n; i++) {
		gap = f->fk.poll_at[i] - f->fk.poll_at[i - 1];
		assert_true(gap <= 2100000);
	}
	/* 80, 160, 320 ms, then deep: 640 ms, 1.28 s, 2 s. */
	gap = f->fk.poll_at[n - 1] - f->fk.poll_at[n - 2];
	assert_true(gap >= 1900000);
	t0 = l2c_now_us();
	input(f, "x");
	while (f->fk.npoll_at == n)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	assert_true(l2c_now_us() - t0 < 500000);
	close_session(f);
}

/* Break flag, and the data lost flags become notices. */
static void
test_break_and_lost_flags(void **state)
{
	struct fix	*f = *state;

	use_fake(f);
	start(f, NULL, 0);
	assert_true(run_until(f, &f->face.opened, 3000000));
	assert_int_equal(f->sess.ops->brk(f->sess.s), 0);
	while (f->fk.nbreak == 0)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	f->fk.lost_flags = MOP_RSP_CMD_LOST | MOP_RSP_RSP_LOST;
	input(f, "y");
	while (f->face.notices < 2)
		assert_int_equal(l2c_loop_once(f->p.loop, 20000), 0);
	assert_non_null(strstr(f->face.notice, "response data lost"));
	close_session(f);
}

/* --info: one System ID without a session. */
static void
test_query_sysid(void **state)
{
	struct fix	 *f = *state;
	struct mop_sysid si;
	int		 form = 0;

	use_server(f, "exec cat", NULL);
	assert_int_equal(mop_query_sysid(&f->p.ca, srv_mac, 2000000, &si,
	    &form), 0);
	assert_int_equal(form, MOP_REQID_SPEC);
	assert_true(si.functions & MOP_FN_CONSOLE);
	assert_false(si.functions & MOP_FN_RESERVED);
	assert_int_equal(si.cmd_size, 512);
	assert_int_equal(si.rsp_size, 512);
	assert_int_equal(si.rsv_timer, 15);
	assert_memory_equal(si.hwaddr, srv_mac, 6);
	assert_string_equal(si.software, "l2console");
	assert_int_equal(mop_query_sysid(&f->p.ca, other_mac, 300000, &si,
	    &form), L2C_ERR_NOANSWER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_own_server, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_server_break, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verification, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_own_server_taken, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_server_starts_at_0, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_server_starts_at_1, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reqid_fallback, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_carrier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_taken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lossy_bulk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batching, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep_idle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_idle_backoff, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_break_and_lost_flags, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_query_sysid, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
