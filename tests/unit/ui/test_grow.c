/* SPDX-License-Identifier: ISC */
/* The script room's doubling buffer: from the first size, kept on failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "ui/script/grow.h"

static void
test_doubles(void **state)
{
	uint8_t	*q = NULL;
	char	*s = NULL;
	size_t	 qcap = 0, scap = 0;

	(void)state;
	assert_int_equal(l2c_grow(&q, &qcap, 0, 256), 0);
	assert_null(q);
	assert_int_equal(l2c_grow(&q, &qcap, 1, 256), 0);
	assert_non_null(q);
	assert_int_equal(qcap, 256);
	q[255] = 7;
	assert_int_equal(l2c_grow(&q, &qcap, 256, 256), 0);
	assert_int_equal(qcap, 256);
	assert_int_equal(l2c_grow(&q, &qcap, 1025, 256), 0);
	assert_int_equal(qcap, 2048);
	assert_int_equal(q[255], 7);
	assert_int_equal(l2c_grow(&s, &scap, 5000, 4096), 0);
	assert_int_equal(scap, 8192);
	memset(s, 'x', scap);
	/* More than doubling can reach: an error, the buffer as it was. */
	assert_int_equal(l2c_grow(&s, &scap, SIZE_MAX / 2 + 2, 4096),
	    L2C_ERR_NOMEM);
	assert_int_equal(scap, 8192);
	assert_int_equal(s[8191], 'x');
	free(q);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
