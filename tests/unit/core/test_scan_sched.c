/* SPDX-License-Identifier: ISC */
/* The scan schedule with a made-up row: rounds, their spacing, paced stations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "core/scan_sched.h"

static const uint8_t	us[6] = { 0x02, 0, 0, 0, 0, 0xaa };
static const uint8_t	them[6] = { 0x02, 0, 0, 0, 0, 0xbb };

#define NSTATIONS	70

static unsigned	rounds[8], nrounds, nstations, nerrors;

static int
probe(struct l2c_scan *s, unsigned round)
{
	(void)s;
	if (nrounds < 8)
		rounds[nrounds] = round;
	nrounds++;
	return round == 0 ? L2C_ERR_INJECT : 0;
}

static int
station(struct l2c_scan *s, const uint8_t *mac)
{
	(void)s;
	(void)mac;
	nstations++;
	return 0;
}

static void
rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	(void)s;
	(void)pkt;
}

static void
send_error(void *arg, int rv)
{
	(void)arg;
	assert_int_equal(rv, L2C_ERR_INJECT);
	nerrors++;
}

static const struct l2c_scan_proto row = {
	.name = "fake", .family = L2C_SCAN_MOP, .filter = "ether proto 0x88b8",
	.probe = probe, .probe_station = station, .rx = rx,
};
static const struct l2c_scan_proto *const rows[] = { &row };

/* Turn the loop for about ms milliseconds. */
static void
spin(struct l2c_loop *loop, unsigned ms)
{
	uint64_t	end = l2c_now_us() + L2C_MS(ms);

	while (l2c_now_us() < end)
		(void)l2c_loop_once(loop, L2C_MS(1));
}

static void
test_rounds_and_pace(void **state)
{
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_neigh_tab	*tab;
	struct l2c_scan		 s;
	struct l2c_scan_sched	 sc;
	uint8_t			 (*st)[6];

	(void)state;
	nrounds = nstations = nerrors = 0;
	assert_non_null(st = calloc(NSTATIONS, 6));
	assert_int_equal(l2c_loop_new(&loop), 0);
	assert_int_equal(l2c_link_mem_pair(us, them, &a, &b), 0);
	assert_int_equal(l2c_ctx_init(&ctx, loop, a), 0);
	assert_int_equal(l2c_neigh_new(0, &tab), 0);
	l2c_scan_sched_init(&sc, &s);
	assert_int_equal(l2c_scan_init(&s, &ctx, tab, rows, 1, L2C_SCAN_MOP),
	    0);
	sc.round2_us = L2C_MS(40);
	sc.reprobe_us = 0;
	sc.stations = (const uint8_t (*)[6])st;
	sc.nstations = NSTATIONS;
	sc.send_error = send_error;
	l2c_scan_sched_now(&sc, 1);
	/* Round 0 at once, and the first batch of stations with it. */
	assert_int_equal(nrounds, 1);
	assert_int_equal(nerrors, 1);
	assert_int_equal(nstations, L2C_SCHED_PACE_BATCH);
	spin(loop, 20);
	assert_int_equal(nstations, NSTATIONS);
	assert_int_equal(nrounds, 1);
	/* Round 1 after round2_us, then none (no reprobe). */
	spin(loop, 60);
	assert_int_equal(nrounds, 2);
	assert_int_equal(rounds[1], 1);
	assert_int_equal(nstations, 2 * NSTATIONS);
	spin(loop, 60);
	assert_int_equal(nrounds, 2);
	/* Asked again by hand: the next round, or round 0 on restart. */
	l2c_scan_sched_now(&sc, 0);
	assert_int_equal(rounds[2], 2);
	l2c_scan_sched_now(&sc, 1);
	assert_int_equal(rounds[3], 0);
	l2c_scan_sched_stop(&sc);
	spin(loop, 60);
	assert_int_equal(nrounds, 4);
	l2c_scan_fini(&s);
	l2c_ctx_fini(&ctx);
	l2c_link_close(a);
	l2c_link_close(b);
	l2c_loop_free(loop);
	l2c_neigh_free(tab);
	free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rounds_and_pace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
