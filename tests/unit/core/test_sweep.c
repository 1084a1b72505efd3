/* SPDX-License-Identifier: ISC */
/*
 * The sweep over the in-memory link: each station seen is asked once
 * (MOP's two unicast Request IDs), never us, never a group address, at
 * the rate given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "core/sweep.h"
#include "mop/mop_scan.h"
#include "../lib/rig.h"

static const uint8_t	us[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xee };
static const uint8_t	them[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xdd };

struct env {
	struct ut_scan		 s;		/* p.a: the sweeper */
	struct l2c_sweep	 sweep;
};

static int
setup(void **state)
{
	static const struct l2c_scan_proto *const rows[] = { &mop_scan_proto };
	struct env	*e = calloc(1, sizeof(*e));

	assert_non_null(e);
	ut_scan_open(&e->s, us, them, rows, 1, L2C_SCAN_MOP);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env	*e = *state;

	l2c_sweep_stop(&e->sweep);
	ut_scan_close(&e->s);
	free(e);
	return 0;
}

static void
sta(uint8_t *mac, unsigned i)
{
	static const uint8_t	base[6] = { 0x02, 0x4c, 0x32, 0x56, 0, 0 };

	memcpy(mac, base, 6);
	mac[4] = (uint8_t)(i >> 8);
	mac[5] = (uint8_t)i;
}

/* Once each; not us, not a group, not all-zero. */
static void
test_once(void **state)
{
	struct env	*e = *state;
	uint8_t		 mac[6];
	unsigned	 i;

	assert_int_equal(l2c_sweep_start(&e->sweep, &e->s.scan, 1000), 0);
	for (i = 0; i < 5; i++) {
		sta(mac, i);
		l2c_sweep_saw(&e->sweep, mac);
		l2c_sweep_saw(&e->sweep, mac);
	}
	l2c_sweep_saw(&e->sweep, us);
	l2c_sweep_saw(&e->sweep, l2c_mac_bcast);
	memset(mac, 0, sizeof(mac));
	l2c_sweep_saw(&e->sweep, mac);
	assert_int_equal(e->sweep.qlen, 5);
	while (e->sweep.qlen > 0)
		(void)l2c_loop_once(e->s.p.loop, L2C_MS(100));
	assert_int_equal(e->sweep.asked, 5);
	/* Both Request ID forms to each. */
	assert_int_equal(e->s.scan.stats.probes, 10);
}

/* A frame from the far side counts as a station seen. */
static void
test_frame(void **state)
{
	struct env	*e = *state;
	uint8_t		 f[60] = { 0 };

	assert_int_equal(l2c_sweep_start(&e->sweep, &e->s.scan, 0), 0);
	assert_int_equal(e->sweep.rate, L2C_SWEEP_RATE_DEFAULT);
	memcpy(f, us, 6);
	memcpy(f + 6, them, 6);
	f[12] = 0x08;
	f[13] = 0x06;				/* ARP, say */
	assert_int_equal(l2c_link_send(e->s.p.b, f, sizeof(f)), 0);
	(void)l2c_link_read_batch(e->s.p.a, 0);
	assert_int_equal(e->sweep.setn, 1);
}

/* At 10 stations a second, 20 take about two seconds of pacing. */
static void
test_rate(void **state)
{
	struct env	*e = *state;
	uint8_t		 mac[6];
	uint64_t	 t0;
	unsigned	 i;

	assert_int_equal(l2c_sweep_start(&e->sweep, &e->s.scan, 10), 0);
	for (i = 0; i < 20; i++) {
		sta(mac, i);
		l2c_sweep_saw(&e->sweep, mac);
	}
	t0 = l2c_now_us();
	while (e->sweep.qlen > 0)
		(void)l2c_loop_once(e->s.p.loop, L2C_MS(500));
	assert_int_equal(e->sweep.asked, 20);
	assert_true(l2c_now_us() - t0 >= L2C_MS(1800));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
