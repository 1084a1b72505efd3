/* SPDX-License-Identifier: ISC */
/* The poll loop: timers in deadline order, fds, signals, the mem link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"

struct order {
	struct l2c_loop	*loop;
	int		 seen[8];
	int		 n;
};

struct tmr {
	struct l2c_timer	 t;
	struct order		*o;
	int			 id;
};

static void
tmr_fire(void *arg)
{
	struct tmr	*t = arg;

	t->o->seen[t->o->n++] = t->id;
	if (t->o->n == 3)
		l2c_loop_break(t->o->loop, 7);
}

/* A loop and n timers, each saying its index when it fires. */
static void
timers_new(struct order *o, struct tmr *t, int n)
{
	int	i;

	memset(o, 0, sizeof(*o));
	assert_int_equal(l2c_loop_new(&o->loop), 0);
	for (i = 0; i < n; i++) {
		t[i].o = o;
		t[i].id = i;
		l2c_timer_init(&t[i].t, tmr_fire, &t[i]);
	}
}

/* The loop runs until three have fired: these, in this order. */
static void
runs_in_order(struct order *o, int a, int b, int c)
{
	assert_int_equal(l2c_loop_run(o->loop), 7);
	assert_int_equal(o->n, 3);
	assert_int_equal(o->seen[0], a);
	assert_int_equal(o->seen[1], b);
	assert_int_equal(o->seen[2], c);
}

static void
test_timers_in_order(void **state)
{
	struct order	 o;
	struct tmr	 t[4];

	(void)state;
	timers_new(&o, t, 4);
	l2c_timer_arm(o.loop, &t[0].t, L2C_MS(30));
	l2c_timer_arm(o.loop, &t[1].t, L2C_MS(10));
	l2c_timer_arm(o.loop, &t[2].t, L2C_MS(20));
	l2c_timer_arm(o.loop, &t[3].t, L2C_MS(5));
	l2c_timer_cancel(o.loop, &t[3].t);
	l2c_timer_cancel(o.loop, &t[3].t);	/* twice is harmless */
	runs_in_order(&o, 1, 2, 0);
	assert_false(t[3].t.armed);
	l2c_loop_free(o.loop);
}

/* Timers due at the same time fire in the order they were armed (one
 * armed again goes last among them); cancelled ones, the first, a
 * middle one and the last, do not fire. */
static void
test_timers_same_deadline(void **state)
{
	struct order	 o;
	struct tmr	 t[7];
	uint64_t	 when;
	int		 i;

	(void)state;
	timers_new(&o, t, 7);
	when = l2c_now_us() + L2C_MS(5);
	for (i = 0; i < 7; i++)
		l2c_timer_arm_at(o.loop, &t[i].t, when);
	l2c_timer_arm_at(o.loop, &t[1].t, when);
	l2c_timer_cancel(o.loop, &t[0].t);
	l2c_timer_cancel(o.loop, &t[3].t);
	l2c_timer_cancel(o.loop, &t[1].t);
	l2c_timer_arm_at(o.loop, &t[1].t, when);
	l2c_timer_cancel(o.loop, &t[6].t);
	runs_in_order(&o, 2, 4, 5);
	assert_true(t[1].t.armed);
	assert_false(t[0].t.armed || t[2].t.armed || t[6].t.armed);
	l2c_loop_free(o.loop);
}

/* A timer kept in its owner's struct may be cancelled after its loop is
 * freed (a monitor's reaper does): the free disarmed it, so the cancel
 * touches nothing freed (AddressSanitizer would say so). */
static void
test_cancel_after_free(void **state)
{
	struct order	 o;
	struct tmr	 t[2];

	(void)state;
	timers_new(&o, t, 2);
	l2c_timer_arm(o.loop, &t[0].t, L2C_SEC(1));
	l2c_timer_arm(o.loop, &t[1].t, L2C_SEC(2));
	l2c_loop_free(o.loop);
	assert_false(t[0].t.armed || t[1].t.armed);
	l2c_timer_cancel(o.loop, &t[1].t);
	l2c_timer_cancel(o.loop, &t[0].t);
}

/* With nothing armed and nothing readable, the loop sleeps: no ticks. */
static void
test_idle_sleeps(void **state)
{
	struct l2c_loop	*loop;
	uint64_t	 t0;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	t0 = l2c_now_us();
	assert_int_equal(l2c_loop_once(loop, L2C_MS(50)), 0);
	assert_true(l2c_now_us() - t0 >= L2C_MS(50));
	assert_int_equal(l2c_loop_wakeups(loop), 1);
	l2c_loop_free(loop);
}

static void
on_signal(void *arg, int signo)
{
	struct l2c_loop	*loop = arg;

	l2c_loop_break(loop, signo);
}

static void
test_signal_through_loop(void **state)
{
	struct l2c_loop	*loop;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	assert_int_equal(l2c_loop_signal(loop, SIGUSR1, on_signal, loop), 0);
	assert_int_equal(raise(SIGUSR1), 0);
	assert_int_equal(l2c_loop_run(loop), SIGUSR1);
	l2c_loop_free(loop);
}

struct reads {
	int	 n;
	short	 revents;
};

static void
on_readable(void *arg, int fd, short revents)
{
	struct reads	*r = arg;
	char		 c;

	r->n++;
	r->revents = revents;
	assert_true(read(fd, &c, 1) >= 0);
}

/* A reading watch turned on and off once, as the faces do with stdin:
 * on twice keeps the first watcher, off removes it (a hangup is not
 * reported either), on for a bad fd stays off. */
static void
test_fd_watch(void **state)
{
	struct l2c_loop	*loop;
	struct reads	 r = { 0, 0 }, other = { 0, 0 };
	int		 p[2], watching = 0;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	assert_int_equal(pipe(p), 0);
	l2c_loop_fd_watch(loop, p[0], 1, &watching, on_readable, &r);
	assert_int_equal(watching, 1);
	l2c_loop_fd_watch(loop, p[0], 1, &watching, on_readable, &other);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(l2c_loop_once(loop, 0), 0);
	assert_int_equal(r.n, 1);
	assert_true(r.revents & POLLIN);
	assert_int_equal(other.n, 0);
	l2c_loop_fd_watch(loop, p[0], 0, &watching, on_readable, &r);
	assert_int_equal(watching, 0);
	l2c_loop_fd_watch(loop, p[0], 0, &watching, on_readable, &r);
	assert_int_equal(watching, 0);
	close(p[1]);
	assert_int_equal(l2c_loop_once(loop, 0), 0);
	assert_int_equal(r.n, 1);
	l2c_loop_fd_watch(loop, -1, 1, &watching, on_readable, &r);
	assert_int_equal(watching, 0);
	close(p[0]);
	l2c_loop_free(loop);
}

struct rx {
	struct l2c_loop	*loop;
	uint16_t	 types[8];
	int		 n;
};

static void
on_frame(void *arg, const struct l2c_pkt *pkt)
{
	struct rx	*rx = arg;

	rx->types[rx->n++] = pkt->ethertype;
	if (pkt->ethertype == 0x9000)
		l2c_loop_break(rx->loop, 1);
}

static int
send_type(struct l2c_link *l, const uint8_t *dst, uint16_t type)
{
	uint8_t		b[64];
	struct l2c_wbuf	w;

	l2c_wbuf_init(&w, b, sizeof(b));
	if (l2c_eth_begin(&w, dst, l->mac, type, L2C_ENCAP_ETH2, NULL) != 0 ||
	    l2c_eth_finish(&w, L2C_ENCAP_ETH2, 0) != 0)
		return -1;
	return l2c_link_send(l, b, w.len);
}

/* A receiver gets only what its filter names, through the loop. */
static void
test_ctx_routes_by_filter(void **state)
{
	static const uint8_t	 ma[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t	 mb[6] = { 2, 0, 0, 0, 0, 2 };
	struct l2c_link		*a, *b;
	struct l2c_loop		*loop;
	struct l2c_ctx		 ctx;
	struct rx		 rx;

	(void)state;
	memset(&rx, 0, sizeof(rx));
	assert_int_equal(l2c_loop_new(&loop), 0);
	rx.loop = loop;
	assert_int_equal(l2c_link_mem_pair(ma, mb, &a, &b), 0);
	assert_int_equal(l2c_ctx_init(&ctx, loop, b), 0);
	assert_true(l2c_ctx_listen(&ctx, "ether proto 0x6002", on_frame,
	    &rx) >= 0);
	assert_true(l2c_ctx_listen(&ctx, "ether proto 0x9000", on_frame,
	    &rx) >= 0);
	assert_int_equal(l2c_ctx_listen(&ctx, "ether proto bogus(", on_frame,
	    &rx), L2C_ERR_INVAL);
	assert_int_equal(send_type(a, mb, 0x6003), 0);
	assert_int_equal(send_type(a, mb, 0x6002), 0);
	assert_int_equal(send_type(a, mb, 0x9000), 0);
	assert_int_equal(l2c_loop_run(loop), 1);
	assert_int_equal(rx.n, 2);
	assert_int_equal(rx.types[0], 0x6002);
	assert_int_equal(rx.types[1], 0x9000);
	assert_int_equal(a->stats.tx_frames, 3);
	l2c_ctx_fini(&ctx);
	l2c_link_close(a);
	l2c_link_close(b);
	l2c_loop_free(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timers_in_order),
		cmocka_unit_test(test_timers_same_deadline),
		cmocka_unit_test(test_cancel_after_free),
		cmocka_unit_test(test_idle_sleeps),
		cmocka_unit_test(test_signal_through_loop),
		cmocka_unit_test(test_fd_watch),
		cmocka_unit_test(test_ctx_routes_by_filter),
	};

	return cmocka_run_group_tests_name("core/loop", tests, NULL, NULL);
}
