/* SPDX-License-Identifier: ISC */
/* Retransmission: the table schedule and its budget, back-off, Karn. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/rtx.h"

static const struct l2c_rtx_conf ref = {
	.sched_ms = l2c_rtx_ref_ms,
	.nsched = L2C_RTX_REF_N,
	.budget_us = L2C_RTX_REF_US,
};

/* Follow a schedule from t=0 to its end; returns the resends. */
static unsigned
run(struct l2c_rtx *x, const struct l2c_rtx_conf *c, uint64_t deadline,
    uint64_t *waits, size_t nwaits, uint64_t *end)
{
	uint64_t	now = 0, due;
	unsigned	n = 0;

	due = l2c_rtx_start(x, c, now, deadline);
	for (;;) {
		if (n < nwaits)
			waits[n] = due - now;
		now = due;
		if (!l2c_rtx_fire(x, now, &due))
			break;
		n++;
		assert_true(n < 1000);
	}
	*end = now;
	return n;
}

static void
test_reference_schedule(void **state)
{
	struct l2c_rtx	x;
	uint64_t	w[16], end;
	size_t		i;

	(void)state;
	memset(&x, 0, sizeof(x));
	/* The reference budget: every interval of the table, then give up. */
	assert_int_equal(run(&x, &ref, 0, w, 16, &end), L2C_RTX_REF_N - 1);
	for (i = 0; i < L2C_RTX_REF_N; i++)
		assert_int_equal(w[i], L2C_MS(l2c_rtx_ref_ms[i]));
	assert_int_equal(end, L2C_RTX_REF_US);
}

static void
test_budget_squeezes_and_stretches(void **state)
{
	struct l2c_rtx_conf	c = ref;
	struct l2c_rtx		x;
	uint64_t		w[32], end;

	(void)state;
	memset(&x, 0, sizeof(x));
	/* Half the budget: every interval halved, the same count. */
	c.budget_us = L2C_RTX_REF_US / 2;
	assert_int_equal(run(&x, &c, 0, w, 32, &end), L2C_RTX_REF_N - 1);
	assert_int_equal(w[0], L2C_MS(15) / 2);
	assert_int_equal(w[8], L2C_MS(500));
	assert_true(end <= c.budget_us);
	/* A longer budget: the table, then 1 s steps, the last cut short. */
	c.budget_us = L2C_SEC(5);
	assert_int_equal(run(&x, &c, 0, w, 32, &end), 11);
	assert_int_equal(w[9], L2C_SEC(1));
	assert_int_equal(w[11], L2C_SEC(5) - L2C_RTX_REF_US - L2C_SEC(2));
	assert_int_equal(end, L2C_SEC(5));
	/* A tiny budget: never under 1 ms. */
	c.budget_us = L2C_MS(2);
	(void)run(&x, &c, 0, w, 32, &end);
	assert_int_equal(w[0], L2C_MS(1));
}

static void
test_unbounded_and_max_resends(void **state)
{
	struct l2c_rtx_conf	c = ref;
	struct l2c_rtx		x;
	uint64_t		w[32], due, end;
	unsigned		i;

	(void)state;
	memset(&x, 0, sizeof(x));
	/* No budget: the last interval repeats for good. */
	c.budget_us = 0;
	(void)l2c_rtx_start(&x, &c, 0, 0);
	for (i = 0; i < 50; i++)
		assert_int_equal(l2c_rtx_fire(&x, L2C_SEC(i), &due), 1);
	assert_int_equal(due, L2C_SEC(49) + L2C_SEC(1));
	/* At most four resends: the fifth look gives up. */
	c.max_resends = 4;
	assert_int_equal(run(&x, &c, 0, w, 32, &end), 4);
	/* A deadline ends the series and caps every wait. */
	c.max_resends = 0;
	assert_int_equal(run(&x, &c, L2C_MS(100), w, 32, &end), 3);
	assert_int_equal(w[3], L2C_MS(100) - L2C_MS(15 + 20 + 30));
	assert_int_equal(end, L2C_MS(100));
}

static void
test_adaptive_backoff(void **state)
{
	const struct l2c_rtx_conf c = {
		.rto_min_us = L2C_MS(50),
		.rto_max_us = L2C_SEC(2),
	};
	struct l2c_rtx	x;
	uint64_t	w[32], end, due;

	(void)state;
	memset(&x, 0, sizeof(x));
	/* No RTT yet: the floor, doubling up to the ceiling. */
	assert_int_equal(run(&x, &c, L2C_SEC(10), w, 32, &end), 9);
	assert_int_equal(w[0], L2C_MS(50));
	assert_int_equal(w[1], L2C_MS(100));
	assert_int_equal(w[5], L2C_MS(1600));
	assert_int_equal(w[6], L2C_SEC(2));
	assert_int_equal(end, L2C_SEC(10));
	/* A slow peer: 3 * SRTT. */
	x.srtt = L2C_MS(100);
	assert_int_equal(l2c_rtx_start(&x, &c, 0, L2C_SEC(10)), L2C_MS(300));
	/* Asked again: the interval now, no resend counted. */
	assert_int_equal(l2c_rtx_fire(&x, L2C_MS(300), &due), 1);
	assert_int_equal(l2c_rtx_rearm(&x, L2C_MS(400)), L2C_MS(1000));
}

static void
test_karn(void **state)
{
	struct l2c_rtx	x;
	uint64_t	due;

	(void)state;
	memset(&x, 0, sizeof(x));
	/* The first sample is the SRTT, then 7/8 old + 1/8 new. */
	(void)l2c_rtx_start(&x, &ref, 1000, 0);
	l2c_rtx_ack(&x, 1800);
	assert_int_equal(x.srtt, 800);
	(void)l2c_rtx_start(&x, &ref, 5000, 0);
	l2c_rtx_ack(&x, 5000 + 1600);
	assert_int_equal(x.srtt, (7 * 800 + 1600) / 8);
	/* A resent message gives no sample. */
	(void)l2c_rtx_start(&x, &ref, 10000, 0);
	assert_false(l2c_rtx_resent(&x));
	assert_int_equal(l2c_rtx_fire(&x, 25000, &due), 1);
	assert_true(l2c_rtx_resent(&x));
	l2c_rtx_ack(&x, 900000);
	assert_int_equal(x.srtt, (7 * 800 + 1600) / 8);
	l2c_rtx_sample(&x, 900);
	assert_int_equal(x.srtt, (7 * ((7 * 800 + 1600) / 8) + 900) / 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_schedule),
		cmocka_unit_test(test_budget_squeezes_and_stretches),
		cmocka_unit_test(test_unbounded_and_max_resends),
		cmocka_unit_test(test_adaptive_backoff),
		cmocka_unit_test(test_karn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
