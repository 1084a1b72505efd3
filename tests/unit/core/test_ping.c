/* SPDX-License-Identifier: ISC */
/* The ping payload (made, checked, damaged) and ping(8)'s statistics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/ping.h"

static void
test_payload_round_trip(void **state)
{
	uint8_t		p[64], q[64];
	uint32_t	seq;
	uint64_t	t;
	size_t		bad;

	(void)state;
	l2c_ping_payload(p, sizeof(p), 0xdeadbeef, 7, 123456789012ULL);
	/* Header in the clear: cookie, sequence, time. */
	assert_memory_equal(p, "\xde\xad\xbe\xef\0\0\0\x07", 8);
	assert_int_equal(l2c_ping_check(p, sizeof(p), sizeof(p), 0xdeadbeef,
	    &seq, &t, &bad), L2C_PING_GOOD);
	assert_int_equal(seq, 7);
	assert_int_equal(t, 123456789012ULL);
	/* Deterministic, and different for another sequence number. */
	l2c_ping_payload(q, sizeof(q), 0xdeadbeef, 7, 123456789012ULL);
	assert_memory_equal(p, q, sizeof(p));
	l2c_ping_payload(q, sizeof(q), 0xdeadbeef, 8, 123456789012ULL);
	assert_memory_not_equal(p + 16, q + 16, sizeof(p) - 16);
	/* Link padding after the payload is fine. */
	memset(q, 0, sizeof(q));
	memcpy(q, p, 40);
	assert_int_equal(l2c_ping_check(q, sizeof(q), 40, 0xdeadbeef, &seq,
	    &t, &bad), L2C_PING_GOOD);
}

static void
test_payload_damage(void **state)
{
	uint8_t		p[64];
	uint32_t	seq;
	uint64_t	t;
	size_t		bad;

	(void)state;
	l2c_ping_payload(p, sizeof(p), 1, 2, 3);
	/* Another run's (or program's) echo. */
	assert_int_equal(l2c_ping_check(p, sizeof(p), sizeof(p), 9, &seq, &t,
	    &bad), L2C_PING_FOREIGN);
	assert_int_equal(l2c_ping_check(p, 3, sizeof(p), 1, &seq, &t, &bad),
	    L2C_PING_FOREIGN);
	/* One flipped fill byte: found where it is. */
	p[40] ^= 0x10;
	assert_int_equal(l2c_ping_check(p, sizeof(p), sizeof(p), 1, &seq, &t,
	    &bad), L2C_PING_CORRUPT);
	assert_int_equal(bad, 40);
	assert_int_equal(seq, 2);
	p[40] ^= 0x10;
	/* A damaged time stamp no longer matches its fill. */
	p[15] ^= 1;
	assert_int_equal(l2c_ping_check(p, sizeof(p), sizeof(p), 1, &seq, &t,
	    &bad), L2C_PING_CORRUPT);
	p[15] ^= 1;
	/* Cut short. */
	assert_int_equal(l2c_ping_check(p, 30, sizeof(p), 1, &seq, &t, &bad),
	    L2C_PING_CORRUPT);
	assert_int_equal(bad, 30);
	assert_int_equal(l2c_ping_check(p, 10, sizeof(p), 1, &seq, &t, &bad),
	    L2C_PING_CORRUPT);
	/* The smallest payload is the header alone. */
	l2c_ping_payload(p, L2C_PING_HDR, 1, 2, 3);
	assert_int_equal(l2c_ping_check(p, L2C_PING_HDR, L2C_PING_HDR, 1, &seq,
	    &t, &bad), L2C_PING_GOOD);
}

static void
test_stats(void **state)
{
	struct l2c_ping_stats	s;
	double			avg, mdev;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_true(l2c_ping_stats_loss(&s) == 0);
	l2c_ping_stats_avg(&s, &avg, &mdev);
	assert_true(avg == 0 && mdev == 0);
	s.tx = 4;
	s.rx = 3;
	l2c_ping_stats_rtt(&s, 100);
	l2c_ping_stats_rtt(&s, 300);
	l2c_ping_stats_rtt(&s, 200);
	assert_int_equal(s.min_us, 100);
	assert_int_equal(s.max_us, 300);
	l2c_ping_stats_avg(&s, &avg, &mdev);
	assert_true(avg > 199.99 && avg < 200.01);
	/* sqrt(((100-200)^2 + 0 + (300-200)^2) / 3) = 81.65 */
	assert_true(mdev > 81.6 && mdev < 81.7);
	assert_true(l2c_ping_stats_loss(&s) > 24.99 &&
	    l2c_ping_stats_loss(&s) < 25.01);
	s.rx = 5;	/* more back than sent (corrupt, counted) */
	assert_true(l2c_ping_stats_loss(&s) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload_round_trip),
		cmocka_unit_test(test_payload_damage),
		cmocka_unit_test(test_stats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
