/* SPDX-License-Identifier: ISC */
/*
 * A session's small tools as both faces keep them (view.h): output as
 * it comes, through the maps, as hex, with stamps; local echo; the
 * switches' words; maps that do not parse leave the old ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "ui/console/view.h"

static char	shown[4096];
static size_t	shownlen;

static void
put(void *arg, const void *p, size_t n)
{
	(void)arg;
	assert_true(shownlen + n < sizeof(shown));
	memcpy(shown + shownlen, p, n);
	shownlen += n;
	shown[shownlen] = '\0';
}

static void
fresh(struct l2c_view *v)
{
	memset(v, 0, sizeof(*v));
	v->put = put;
	v->bol = 1;
	shownlen = 0;
	shown[0] = '\0';
}

static void
show(struct l2c_view *v, const char *s)
{
	l2c_view_show(v, (const uint8_t *)s, strlen(s));
}

static void
test_plain_and_maps(void **state)
{
	struct l2c_view	v;
	char		msg[128];

	(void)state;
	fresh(&v);
	show(&v, "a\rb\n");
	assert_string_equal(shown, "a\rb\n");
	assert_int_equal(l2c_view_set_maps(&v, "ICRNL", msg, sizeof(msg)), 0);
	assert_string_equal(msg, "maps: ICRNL");
	shownlen = 0;
	show(&v, "a\rb\n");
	assert_string_equal(shown, "a\nb\n");
	/* A name that is not one: the maps stay. */
	assert_int_equal(l2c_view_set_maps(&v, "ICRNL,BOGUS", msg,
	    sizeof(msg)), L2C_ERR_INVAL);
	assert_int_equal(v.maps, L2C_MAP_ICRNL);
	/* "" keeps them and says them. */
	assert_int_equal(l2c_view_set_maps(&v, "", msg, sizeof(msg)), 0);
	assert_string_equal(msg, "maps: ICRNL");
}

static void
test_hex_and_stamps(void **state)
{
	struct l2c_view	v;
	char		msg[128];

	(void)state;
	fresh(&v);
	l2c_view_flip(&v, L2C_VIEW_HEX, msg, sizeof(msg));
	assert_string_equal(msg, "hex view on");
	assert_true(l2c_view_on(&v, L2C_VIEW_HEX));
	assert_false(l2c_view_on(&v, L2C_VIEW_STAMPS) ||
	    l2c_view_on(&v, L2C_VIEW_ECHO));
	show(&v, "AB");
	assert_non_null(strstr(shown, "41 42"));
	assert_null(strstr(shown, "AB"));
	l2c_view_flip(&v, L2C_VIEW_HEX, msg, sizeof(msg));
	assert_string_equal(msg, "hex view off");
	fresh(&v);
	l2c_view_flip(&v, L2C_VIEW_STAMPS, msg, sizeof(msg));
	assert_string_equal(msg, "time stamps on");
	assert_true(l2c_view_on(&v, L2C_VIEW_STAMPS));
	assert_false(l2c_view_on(&v, L2C_VIEW_HEX));
	show(&v, "one\ntwo");
	/* "[2026-12-03 17:55:12.345] one\n[...] two" */
	assert_int_equal(shown[0], '[');
	assert_non_null(strstr(shown, "] one\n["));
	assert_non_null(strstr(shown, "] two"));
}

static void
test_echo_and_out(void **state)
{
	struct l2c_view	v;
	uint8_t		out[16];
	char		msg[128];

	(void)state;
	fresh(&v);
	l2c_view_echo(&v, (const uint8_t *)"ls\r", 3);
	assert_int_equal(shownlen, 0);
	l2c_view_flip(&v, L2C_VIEW_ECHO, msg, sizeof(msg));
	assert_string_equal(msg, "local echo on");
	assert_true(l2c_view_on(&v, L2C_VIEW_ECHO));
	l2c_view_echo(&v, (const uint8_t *)"ls\r", 3);
	assert_string_equal(shown, "ls\r\n");
	v.maps = L2C_MAP_OCRNL;
	assert_int_equal(l2c_view_out(&v, (const uint8_t *)"ls\r", 3, out), 3);
	assert_memory_equal(out, "ls\n", 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_maps),
		cmocka_unit_test(test_hex_and_stamps),
		cmocka_unit_test(test_echo_and_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
