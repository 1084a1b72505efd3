/* SPDX-License-Identifier: ISC */
/* Core dumps off for a process holding secrets; secrets locked (or not). */
#include <sys/prctl.h>
#include <sys/resource.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/priv.h"

static void
test_nodump(void **state)
{
	struct rlimit	before, after;

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_CORE, &before), 0);
	assert_int_equal(prctl(PR_SET_DUMPABLE, 1), 0);
	assert_int_equal(prctl(PR_GET_DUMPABLE), 1);
	l2c_priv_nodump();
	assert_int_equal(prctl(PR_GET_DUMPABLE), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &after), 0);
	assert_true(after.rlim_cur == 0);
	/* The hard limit stays: a console program may raise its own again. */
	assert_true(after.rlim_max == before.rlim_max);
}

static void
test_lock(void **state)
{
	char	secret[64];

	(void)state;
	memset(secret, 'x', sizeof(secret));
	/* Locked where allowed, silently not where not: never fatal. */
	l2c_priv_lock(secret, sizeof(secret));
	l2c_priv_unlock(secret, sizeof(secret));
	assert_int_equal(secret[63], 'x');
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_nodump),
		cmocka_unit_test(test_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
