/* SPDX-License-Identifier: ISC */
/* The typed-input queue: takes what fits, WRITABLE once per refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/inputq.h"

static void
test_put_drop(void **state)
{
	struct l2c_inputq	q;

	(void)state;
	assert_int_equal(l2c_inputq_init(&q, 8), 0);
	assert_int_equal(l2c_inputq_put(&q, (const uint8_t *)"abc", 3), 3);
	assert_int_equal(l2c_inputq_put(&q, (const uint8_t *)"defgh", 5), 5);
	assert_int_equal(q.len, 8);
	assert_memory_equal(q.buf, "abcdefgh", 8);
	l2c_inputq_drop(&q, 3);
	assert_int_equal(q.len, 5);
	assert_memory_equal(q.buf, "defgh", 5);
	l2c_inputq_drop(&q, 99);
	assert_int_equal(q.len, 0);
	/* Nothing refused: nothing to announce. */
	assert_int_equal(l2c_inputq_writable(&q), 0);
	l2c_inputq_free(&q);
	assert_null(q.buf);
}

static void
test_writable_once(void **state)
{
	struct l2c_inputq	q;

	(void)state;
	assert_int_equal(l2c_inputq_init(&q, 4), 0);
	/* A short take refuses the rest. */
	assert_int_equal(l2c_inputq_put(&q, (const uint8_t *)"123456", 6), 4);
	assert_int_equal(l2c_inputq_put(&q, (const uint8_t *)"7", 1), 0);
	/* Full: not yet. */
	assert_int_equal(l2c_inputq_writable(&q), 0);
	l2c_inputq_drop(&q, 1);
	/* Room: once, then quiet until the next refusal. */
	assert_int_equal(l2c_inputq_writable(&q), 1);
	assert_int_equal(l2c_inputq_writable(&q), 0);
	assert_int_equal(l2c_inputq_put(&q, (const uint8_t *)"5", 1), 1);
	l2c_inputq_drop(&q, 4);
	assert_int_equal(l2c_inputq_writable(&q), 0);
	l2c_inputq_free(&q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_drop),
		cmocka_unit_test(test_writable_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
