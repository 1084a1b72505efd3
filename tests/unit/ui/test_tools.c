/* SPDX-License-Identifier: ISC */
/*
 * The console's small tools: tio's CR/LF maps both ways, their names,
 * the hex view's lines, hex strings to write.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "ui/console/tools.h"

static const char *
map(unsigned maps, unsigned dir, const char *in)
{
	static char	buf[64];
	size_t		n;

	n = l2c_map_apply(maps, dir, (const uint8_t *)in, strlen(in),
	    (uint8_t *)buf);
	buf[n] = '\0';
	return buf;
}

static void
test_maps(void **state)
{
	(void)state;
	assert_string_equal(map(L2C_MAP_ICRNL, L2C_MAP_IN, "a\rb\n"), "a\nb\n");
	assert_string_equal(map(L2C_MAP_IGNCR, L2C_MAP_IN, "a\r\nb\r"), "a\nb");
	/* IGNCR wins over ICRNL, as in tio. */
	assert_string_equal(map(L2C_MAP_IGNCR | L2C_MAP_ICRNL, L2C_MAP_IN,
	    "a\r"), "a");
	assert_string_equal(map(L2C_MAP_INLCR, L2C_MAP_IN, "a\nb"), "a\rb");
	assert_string_equal(map(L2C_MAP_INLCRNL, L2C_MAP_IN, "a\nb\n"),
	    "a\r\nb\r\n");
	assert_string_equal(map(L2C_MAP_OCRNL, L2C_MAP_OUT, "ls\r"), "ls\n");
	assert_string_equal(map(L2C_MAP_ONLCRNL, L2C_MAP_OUT, "ls\n"),
	    "ls\r\n");
	assert_string_equal(map(L2C_MAP_ODELBS, L2C_MAP_OUT, "a\x7f"), "a\b");
	assert_string_equal(map(L2C_MAP_OLTU, L2C_MAP_OUT, "sh run"),
	    "SH RUN");
	/* Each direction takes only its own maps. */
	assert_string_equal(map(L2C_MAP_ICRNL, L2C_MAP_OUT, "a\r"), "a\r");
	assert_string_equal(map(L2C_MAP_ONLCRNL, L2C_MAP_IN, "a\n"), "a\n");
}

static void
test_map_names(void **state)
{
	unsigned	m;
	char		buf[128];

	(void)state;
	assert_int_equal(l2c_map_parse("ICRNL,onlcr", &m), 0);
	assert_int_equal(m, L2C_MAP_ICRNL | L2C_MAP_ONLCRNL);
	l2c_map_names(m, buf, sizeof(buf));
	assert_string_equal(buf, "ICRNL,ONLCRNL");
	assert_int_equal(l2c_map_parse("none", &m), 0);
	assert_int_equal(m, 0);
	l2c_map_names(m, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	assert_int_equal(l2c_map_parse("ICRNL,", &m), L2C_ERR_INVAL);
	assert_int_equal(l2c_map_parse("ICR", &m), L2C_ERR_INVAL);
	assert_int_equal(l2c_map_parse("ICRNL,,IGNCR", &m), L2C_ERR_INVAL);
	assert_int_equal(l2c_map_parse("", &m), 0);
}

static void
test_hexview(void **state)
{
	struct l2c_hexview	h = { 0 };
	char			buf[L2C_HEX_OUT(20)];
	uint8_t			in[20];
	size_t			i, n;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(0xf0 + i);
	n = l2c_hexview(&h, in, 3, buf);
	assert_int_equal(n, 9);
	assert_memory_equal(buf, "f0 f1 f2 ", 9);
	/* The column carries over: the line breaks after 16 bytes. */
	n = l2c_hexview(&h, in, 14, buf);
	assert_int_equal(n, 3 * 14 + 1);
	assert_memory_equal(buf + 3 * 12, "fc\r\nfd ", 7);
	assert_int_equal(h.col, 1);
}

static void
test_hex_parse(void **state)
{
	uint8_t	b[4];
	size_t	n;

	(void)state;
	assert_int_equal(l2c_hex_parse("1b 5b41", b, sizeof(b), &n), 0);
	assert_int_equal(n, 3);
	assert_memory_equal(b, "\x1b\x5b\x41", 3);
	assert_int_equal(l2c_hex_parse("0x03,0X0d", b, sizeof(b), &n), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(b, "\x03\x0d", 2);
	assert_int_equal(l2c_hex_parse("1", b, sizeof(b), &n), L2C_ERR_INVAL);
	assert_int_equal(l2c_hex_parse("zz", b, sizeof(b), &n), L2C_ERR_INVAL);
	assert_int_equal(l2c_hex_parse("", b, sizeof(b), &n), L2C_ERR_INVAL);
	assert_int_equal(l2c_hex_parse("0102030405", b, sizeof(b), &n),
	    L2C_ERR_INVAL);
}

static void
test_bpaste(void **state)
{
	uint8_t	b[64];
	int	inside = 0, began;
	size_t	n;

	(void)state;
	strcpy((char *)b, "a\033[200~one\rtwo\033[201~b");
	n = l2c_bpaste_strip(b, strlen((char *)b), &inside, &began);
	assert_int_equal(n, 9);
	assert_memory_equal(b, "aone\rtwob", 9);
	assert_true(began);
	assert_false(inside);
	/* Still inside at the end of a read; other sequences pass. */
	strcpy((char *)b, "\033[200~x\033[A");
	n = l2c_bpaste_strip(b, strlen((char *)b), &inside, &began);
	assert_int_equal(n, 4);
	assert_memory_equal(b, "x\033[A", 4);
	assert_true(inside);
	strcpy((char *)b, "\033[201~");
	n = l2c_bpaste_strip(b, strlen((char *)b), &inside, &began);
	assert_int_equal(n, 0);
	assert_false(inside);
	assert_false(began);
}

static void
test_stamp(void **state)
{
	char	buf[64];
	size_t	n;

	(void)state;
	n = l2c_stamp_fmt(buf, sizeof(buf));
	/* "[YYYY-MM-DD HH:MM:SS.mmm] " */
	assert_int_equal(n, 26);
	assert_int_equal(buf[0], '[');
	assert_int_equal(buf[20], '.');
	assert_memory_equal(buf + 24, "] ", 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_map_names),
		cmocka_unit_test(test_hexview),
		cmocka_unit_test(test_hex_parse),
		cmocka_unit_test(test_bpaste),
		cmocka_unit_test(test_stamp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
