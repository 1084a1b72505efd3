/* SPDX-License-Identifier: ISC */
/* Static tables by key: names, richer rows, the first of equals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/tok.h"

static const struct l2c_tok colours[] = {
	{ 1, "red" }, { 2, "green" }, { 7, NULL }, { 0xffffffffu, "last" },
};

/* A row with more after its key, of a size not a multiple of a tok's. */
struct wide {
	struct l2c_tok	 tok;
	uint8_t		 min, max;
	char		 pad[5];
};

static const struct wide wides[] = {
	{ { 10, "ten" }, 1, 2, "" },
	{ { 20, "twenty" }, 3, 4, "" },
	{ { 10, "again" }, 5, 6, "" },
	{ { 0, "zero" }, 7, 8, "" },
};

static void
test_name(void **state)
{
	(void)state;
	assert_int_equal(L2C_NITEMS(colours), 4);
	assert_string_equal(l2c_tok_name(colours, L2C_NITEMS(colours), 1,
	    "?"), "red");
	assert_string_equal(l2c_tok_name(colours, L2C_NITEMS(colours), 2,
	    "?"), "green");
	assert_string_equal(l2c_tok_name(colours, L2C_NITEMS(colours),
	    0xffffffffu, "?"), "last");
	/* Unknown, or known without a name: the default, NULL too. */
	assert_string_equal(l2c_tok_name(colours, L2C_NITEMS(colours), 3,
	    "?"), "?");
	assert_string_equal(l2c_tok_name(colours, L2C_NITEMS(colours), 7,
	    "?"), "?");
	assert_null(l2c_tok_name(colours, L2C_NITEMS(colours), 0, NULL));
	/* Only n rows are looked at. */
	assert_null(l2c_tok_name(colours, 1, 2, NULL));
	assert_null(l2c_tok_name(colours, 0, 1, NULL));
}

static void
test_row(void **state)
{
	const struct wide	*w;

	(void)state;
	w = l2c_tok_row(wides, L2C_NITEMS(wides), sizeof(wides[0]), 20);
	assert_ptr_equal(w, &wides[1]);
	assert_int_equal(w->min, 3);
	/* The first of two rows with one key; a key of 0 is a key. */
	assert_ptr_equal(l2c_tok_row(wides, L2C_NITEMS(wides),
	    sizeof(wides[0]), 10), &wides[0]);
	assert_ptr_equal(l2c_tok_row(wides, L2C_NITEMS(wides),
	    sizeof(wides[0]), 0), &wides[3]);
	assert_null(l2c_tok_row(wides, L2C_NITEMS(wides), sizeof(wides[0]),
	    30));
	assert_null(l2c_tok_row(wides, 3, sizeof(wides[0]), 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
