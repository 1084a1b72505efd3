/* SPDX-License-Identifier: ISC */
/*
 * The full-screen UI's small parts: --color, ages, key names, and what
 * reaches the screen from a device string (never a control character).
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "ui/console/console.h"
#include "ui/tui/tui_int.h"

static void
test_parse_color(void **state)
{
	enum l2c_color	c;

	(void)state;
	assert_int_equal(l2c_tui_parse_color("auto", &c), 0);
	assert_int_equal(c, L2C_COLOR_AUTO);
	assert_int_equal(l2c_tui_parse_color("ALWAYS", &c), 0);
	assert_int_equal(c, L2C_COLOR_ALWAYS);
	assert_int_equal(l2c_tui_parse_color("never", &c), 0);
	assert_int_equal(c, L2C_COLOR_NEVER);
	assert_int_equal(l2c_tui_parse_color("sometimes", &c),
	    L2C_ERR_INVAL);
}

static void
test_age_and_keys(void **state)
{
	char	b[16];

	(void)state;
	assert_string_equal(tui_age(0, b, sizeof(b)), "0s");
	assert_string_equal(tui_age(59999999, b, sizeof(b)), "59s");
	assert_string_equal(tui_age(L2C_SEC(61), b, sizeof(b)), "1m");
	assert_string_equal(tui_age(L2C_SEC(7200), b, sizeof(b)), "2h");
	assert_string_equal(tui_age(L2C_SEC(3 * 86400), b, sizeof(b)), "3d");
	assert_string_equal(tui_keyname(0x1d, b, sizeof(b)), "^]");
	assert_string_equal(tui_keyname('~', b, sizeof(b)), "~");
	assert_string_equal(tui_keyname(L2C_ESCAPE_NONE, b, sizeof(b)),
	    "none");
}

/* The characters on row y from column 0, as curses holds them. */
static void
row(int y, char *out, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		out[i] = (char)(mvinch(y, i) & A_CHARTEXT);
	out[n] = '\0';
}

static void
test_put_sanitizes(void **state)
{
	SCREEN	*s;
	FILE	*in, *out;
	char	 got[32];
	int	 n;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	assert_non_null(in = fopen("/dev/null", "r"));
	assert_non_null(out = fopen("/dev/null", "w"));
	s = newterm("vt100", out, in);
	if (s == NULL) {
		fclose(in);
		fclose(out);
		skip();
	}
	set_term(s);
	/* An identity carrying an escape sequence and a bell. */
	n = tui_put(0, 0, 20, A_NORMAL, "ab\x1b[31mc\x07");
	assert_int_equal(n, 15);
	row(0, got, 15);
	assert_string_equal(got, "ab\\x1b[31mc\\x07");
	/* Broken UTF-8 is escaped per bad byte; the width is a limit. */
	n = tui_put(1, 0, 7, A_NORMAL, "x\xff\xfeyz");
	assert_int_equal(n, 7);
	row(1, got, 7);
	assert_string_equal(got, "x\\xff\\x");
	/* C1 CSI and a bidi override, as the scan table shows them. */
	n = tui_put(2, 0, 20, A_NORMAL, "\xc2\x9b" "2J\xe2\x80\xae" "z");
	assert_int_equal(n, 15);
	row(2, got, 15);
	assert_string_equal(got, "\\u009b2J\\u202ez");
	/* Off the screen: nothing, no crash. */
	assert_int_equal(tui_put(LINES, 0, 5, A_NORMAL, "zz"), 0);
	assert_int_equal(tui_put(0, COLS, 5, A_NORMAL, "zz"), 0);
	endwin();
	delscreen(s);
	fclose(in);
	fclose(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_color),
		cmocka_unit_test(test_age_and_keys),
		cmocka_unit_test(test_put_sanitizes),
	};

	return cmocka_run_group_tests_name("ui/tui", tests, NULL, NULL);
}
