/* SPDX-License-Identifier: ISC */
/* The scan report: escaping in every format, and the fixed JSON/CSV shape. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/neigh.h"
#include "ui/report/scan_out.h"

struct mem {
	FILE	*f;
	char	*buf;
	size_t	 len;
};

static void
mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	assert_non_null(m->f = open_memstream(&m->buf, &m->len));
}

/* Closes the stream; the text stays in m->buf until mem_free. */
static const char *
mem_text(struct mem *m)
{
	fclose(m->f);
	m->f = NULL;
	return m->buf;
}

static void
mem_free(struct mem *m)
{
	free(m->buf);
}

/* The report of t as o asks, into m (mem_free it after). */
static const char *
printed(struct mem *m, struct l2c_scan_out *o, const struct l2c_neigh_tab *t)
{
	mem_open(m);
	o->f = m->f;
	assert_int_equal(l2c_scan_print(o, t), 0);
	return mem_text(m);
}

/* The audit of t, into m; how many findings are serious in *nserious. */
static const char *
audited(struct mem *m, struct l2c_scan_out *o, const struct l2c_neigh_tab *t,
    size_t *nserious)
{
	mem_open(m);
	o->f = m->f;
	assert_int_equal(l2c_scan_audit(o, t, nserious), 0);
	return mem_text(m);
}

static void
json_is(const char *in, const char *want)
{
	struct mem	m;

	mem_open(&m);
	l2c_json_str(m.f, in);
	assert_string_equal(mem_text(&m), want);
	mem_free(&m);
}

static void
csv_is(const char *in, const char *want)
{
	struct mem	m;

	mem_open(&m);
	l2c_csv_field(m.f, in);
	assert_string_equal(mem_text(&m), want);
	mem_free(&m);
}

static void
tty_is(const char *in, size_t width, const char *want, size_t cols)
{
	struct mem	m;
	size_t		got;

	mem_open(&m);
	got = l2c_tty_str(m.f, in, width);
	assert_string_equal(mem_text(&m), want);
	assert_int_equal(got, cols);
	mem_free(&m);
}

static void
test_json_escaping(void **state)
{
	(void)state;
	json_is("plain", "\"plain\"");
	json_is("", "\"\"");
	json_is("say \"hi\"", "\"say \\\"hi\\\"\"");
	json_is("back\\slash", "\"back\\\\slash\"");
	json_is("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
	json_is("\b\f", "\"\\b\\f\"");
	json_is("\x01\x1b[31m\x7f", "\"\\u0001\\u001b[31m\\u007f\"");
	json_is("comma, ok", "\"comma, ok\"");
	/* Well-formed UTF-8 passes: Zürich, 東京, an emoji. */
	json_is("Z\xc3\xbcrich", "\"Z\xc3\xbcrich\"");
	json_is("\xe6\x9d\xb1\xe4\xba\xac", "\"\xe6\x9d\xb1\xe4\xba\xac\"");
	json_is("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	/* Anything else is U+FFFD: Latin-1, overlong, surrogate, cut. */
	json_is("caf\xe9", "\"caf\\ufffd\"");
	json_is("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	json_is("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	json_is("x\xe2\x82", "\"x\\ufffd\\ufffd\"");
	json_is("\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* C1 (U+009B CSI, U+009D OSC) and bidi: the same text, escaped. */
	json_is("a\xc2\x9b" "2Jb\xc2\x9d", "\"a\\u009b2Jb\\u009d\"");
	json_is("\xe2\x80\xaegpj.exe", "\"\\u202egpj.exe\"");
	json_is("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", "\"\\u202a\\u2066\\u2069\"");
	/* Their neighbours pass: U+00A0, U+2029, U+206A. */
	json_is("\xc2\xa0\xe2\x80\xa9\xe2\x81\xaa",
	    "\"\xc2\xa0\xe2\x80\xa9\xe2\x81\xaa\"");
}

static void
test_csv_quoting(void **state)
{
	(void)state;
	csv_is("plain", "plain");
	csv_is("", "");
	csv_is("a,b", "\"a,b\"");
	csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_is("line1\nline2", "\"line1\nline2\"");
	csv_is("cr\r", "\"cr\r\"");
	csv_is(" padded", "\" padded\"");
	csv_is("Z\xc3\xbcrich", "Z\xc3\xbcrich");
	csv_is("caf\xe9", "caf\xef\xbf\xbd");
	csv_is("\"", "\"\"\"\"");
	/* Controls, C1 and bidi are visible, never raw. */
	csv_is("a\x1b[31mb\x7f", "a\\x1b[31mb\\x7f");
	csv_is("x\ty", "x\\x09y");
	csv_is("a\xc2\x9b" "2J\xe2\x80\xae", "a\\u009b2J\\u202e");
	/* A cell a spreadsheet would run as a formula gets a leading '. */
	csv_is("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
	csv_is("+1", "'+1");
	csv_is("-2+3", "'-2+3");
	csv_is("@SUM(A1)", "'@SUM(A1)");
	csv_is("\t=1", "'\\x09=1");
	csv_is("\r=1", "\"'\r=1\"");
	csv_is("=a,b", "\"'=a,b\"");
	csv_is("a=b", "a=b");
}

static void
test_tty_escaping(void **state)
{
	(void)state;
	tty_is("router", 10, "router", 6);
	/* An identity cannot drive the terminal. */
	tty_is("\x1b[2Jx", 20, "\\x1b[2Jx", 8);
	tty_is("a\nb", 10, "a\\x0ab", 6);
	tty_is("caf\xe9", 10, "caf\\xe9", 7);
	/* Code points, not bytes, count as columns. */
	tty_is("Z\xc3\xbcrich", 6, "Z\xc3\xbcrich", 6);
	/* Cut to width with a mark; exactly width is not cut. */
	tty_is("abcdefgh", 5, "abcd~", 5);
	tty_is("abcde", 5, "abcde", 5);
	tty_is("ab\x01", 4, "ab~", 3);
	/* C1 CSI and OSC, DEL, bidi overrides and isolates: visible. */
	tty_is("a\xc2\x9b" "2J", 20, "a\\u009b2J", 9);
	tty_is("\xc2\x9d" "0;t\x07", 20, "\\u009d0;t\\x07", 13);
	tty_is("x\x7f", 10, "x\\x7f", 5);
	tty_is("\xe2\x80\xaegpj.exe", 20, "\\u202egpj.exe", 13);
	tty_is("\xe2\x81\xa6" "a\xe2\x81\xa9", 20, "\\u2066a\\u2069", 13);
	/* An escape is never cut in half. */
	tty_is("ab\xe2\x80\xae", 6, "ab~", 3);
}

static void
test_color_policy(void **state)
{
	struct mem	m;

	(void)state;
	mem_open(&m);
	unsetenv("NO_COLOR");
	assert_false(l2c_scan_want_color(m.f));	/* not a terminal */
	mem_text(&m);
	mem_free(&m);
	setenv("NO_COLOR", "1", 1);
	assert_false(l2c_scan_want_color(stdout));
	unsetenv("NO_COLOR");
}

/* Two devices: a MikroTik by MNDP and a MOP console reserved by someone. */
static struct l2c_neigh_tab *
sample(void)
{
	static const uint8_t	 mt[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
	static const uint8_t	 cs[6] = { 0xaa, 0x00, 0x04, 0x00, 0x01, 0x04 };
	static const uint8_t	 us[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x09 };
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;

	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, cs);
	u.f.protos = L2C_NP_MOP | L2C_NP_MOP_CONSOLE | L2C_NP_MOP_RESERVED;
	u.f.mop_functions = 0xa1;
	u.f.cmd_size = 512;
	u.f.rsp_size = 512;
	u.f.device = 9;
	memcpy(u.f.console_user, us, 6);
	memcpy(u.f.hwaddr, cs, 6);
	u.f.mop_version[0] = 3;
	u.f.have = L2C_NF_MOP_FUNCTIONS | L2C_NF_CMD_SIZE | L2C_NF_RSP_SIZE |
	    L2C_NF_DEVICE | L2C_NF_CONSOLE_USER | L2C_NF_HWADDR |
	    L2C_NF_MOP_VERSION;
	l2c_neigh_upd_str(&u, L2C_NS_SOFTWARE, "DECnet/Python", 13);
	assert_true(l2c_neigh_update(t, &u, 5, NULL) >= 0);

	l2c_neigh_upd_init(&u, mt);
	u.f.protos = L2C_NP_MNDP | L2C_NP_MACTELNET;
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "core \"A\",\n\x1b[31m", 15);
	l2c_neigh_upd_str(&u, L2C_NS_PLATFORM, "MikroTik", 8);
	l2c_neigh_upd_str(&u, L2C_NS_BOARD, "RB750", 5);
	l2c_neigh_upd_str(&u, L2C_NS_VERSION, "7.15", 4);
	l2c_neigh_upd_str(&u, L2C_NS_IFNAME, "ether1", 6);
	u.f.uptime_s = 90061;
	u.f.have |= L2C_NF_UPTIME;
	l2c_neigh_upd_ipv4(&u, (const uint8_t *)"\xc0\x00\x02\x01");
	l2c_neigh_upd_ipv6(&u, (const uint8_t *)
	    "\xfe\x80\0\0\0\0\0\0\0\x4c\x32\xff\xfe\x43\x00\x01");
	assert_true(l2c_neigh_update(t, &u, 6, NULL) >= 0);
	return t;
}

static int
starts(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) == 0)
		return 1;
	print_message("got: %s\n", s);
	return 0;
}

static int
count_of(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* unknown_tlvs: objects in JSON, proto:type:length:hex in CSV. */
static void
test_unknown_tlvs(void **state)
{
	static const uint8_t	 mt[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x07 };
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_JSON, .ifname = "eth0" };
	struct mem		 m;
	const char		*s;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, mt);
	u.f.protos = L2C_NP_MNDP;
	l2c_neigh_upd_unknown(&u, L2C_NP_MNDP, 18, 1,
	    (const uint8_t *)"\x01", 1);
	l2c_neigh_upd_unknown(&u, L2C_NP_MNDP, 19, 1,
	    (const uint8_t *)"\x00", 1);
	assert_true(l2c_neigh_update(t, &u, 1, NULL) >= 0);
	s = printed(&m, &o, t);
	assert_non_null(strstr(s, "\"unknown_tlvs\": [{\"protocol\":\"mndp\","
	    "\"type\":18,\"length\":1,\"hex\":\"01\"},{\"protocol\":"
	    "\"mndp\",\"type\":19,\"length\":1,\"hex\":\"00\"}]"));
	mem_free(&m);
	o.fmt = L2C_SCAN_CSV;
	s = printed(&m, &o, t);
	assert_non_null(strstr(s, ",mndp:18:1:01;mndp:19:1:00,"));
	mem_free(&m);
	l2c_neigh_free(t);
}

static void
test_json_document(void **state)
{
	struct l2c_neigh_tab	*t = sample();
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_JSON, .ifname = "eth\"0",
				    .started_wall_us = 1700000000123456LL,
				    .duration_us = 3000000 };
	struct mem		 m;
	const char		*s;

	(void)state;
	s = printed(&m, &o, t);
	assert_non_null(strstr(s, "\"schema\": \"l2console-scan/2\""));
	assert_non_null(strstr(s, "\"interface\": \"eth\\\"0\""));
	assert_non_null(strstr(s, "\"started\": \"2023-11-14T22:13:20.123Z\""));
	assert_non_null(strstr(s, "\"duration_ms\": 3000"));
	/* Every key in every device, and sorted by MAC. */
	assert_int_equal(count_of(s, "\"mac\": "), 2);
	assert_int_equal(count_of(s, "\"mop_functions_bitmap\": "), 2);
	assert_int_equal(count_of(s, "\"last_seen\": "), 2);
	assert_true(strstr(s, "02:4c:32:43:00:01") <
	    strstr(s, "aa:00:04:00:01:04"));
	assert_non_null(strstr(s, "\"protocols\": [\"mndp\",\"mactelnet\"]"));
	assert_non_null(strstr(s, "\"protocols\": [\"mop\",\"mop-console\","
	    "\"mop-console-reserved\"]"));
	assert_non_null(strstr(s, "\"identity\": \"core \\\"A\\\",\\n"
	    "\\u001b[31m\""));
	assert_non_null(strstr(s, "\"ipv4\": [\"192.0.2.1\"]"));
	assert_non_null(strstr(s, "\"ipv6\": [\"fe80::4c:32ff:fe43:1\"]"));
	assert_non_null(strstr(s, "\"uptime_s\": 90061"));
	assert_non_null(strstr(s, "\"mop_functions\": [\"loop\","
	    "\"console carrier\",\"console carrier reserved\"]"));
	assert_non_null(strstr(s, "\"mop_functions_bitmap\": 161"));
	assert_non_null(strstr(s, "\"mop_console_user\": \"02:00:00:00:00:09\""));
	assert_non_null(strstr(s, "\"mop_device\": 9"));
	assert_non_null(strstr(s, "\"mop_command_size\": 512"));
	assert_non_null(strstr(s, "\"mop_version\": \"3.0.0\""));
	/* Unknown is null, lists are empty, never missing. */
	assert_non_null(strstr(s, "\"identity\": null"));
	assert_non_null(strstr(s, "\"ipv4\": []"));
	assert_non_null(strstr(s, "\"mop_functions\": []"));
	assert_non_null(strstr(s, "\"mop_device\": null"));
	assert_non_null(strstr(s, "\"unknown_tlvs\": []"));
	assert_null(strchr(s, '\x1b'));
	mem_free(&m);
	l2c_neigh_free(t);
}

static void
test_json_empty(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_JSON, .ifname = "eth0" };
	struct mem		 m;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	assert_non_null(strstr(printed(&m, &o, t), "\"devices\": []\n}\n"));
	mem_free(&m);
	l2c_neigh_free(t);
}

static void
test_json_lines(void **state)
{
	struct l2c_neigh_tab	*t = sample();
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_JSON, .ifname = "eth0" };
	struct mem		 m;
	const char		*s;

	(void)state;
	mem_open(&m);
	o.f = m.f;
	l2c_scan_print_head(&o);
	l2c_scan_print_one(&o, l2c_neigh_at(t, 0), L2C_NEIGH_NEW);
	l2c_scan_print_one(&o, l2c_neigh_at(t, 1), L2C_NEIGH_CHANGED);
	s = mem_text(&m);
	/* Two lines, one whole object each. */
	assert_int_equal(count_of(s, "\n"), 2);
	assert_true(starts(s, "{\"schema\":\"l2console-scan/2\","
	    "\"event\":\"new\",\"interface\":\"eth0\",\"mac\":"));
	assert_non_null(strstr(s, "}\n{\"schema\":\"l2console-scan/2\","
	    "\"event\":\"changed\""));
	assert_int_equal(s[strlen(s) - 2], '}');
	mem_free(&m);
	l2c_neigh_free(t);
}

static void
test_csv_document(void **state)
{
	struct l2c_neigh_tab	*t = sample();
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_CSV, .ifname = "eth0" };
	struct mem		 m;
	const char		*s, *row;

	(void)state;
	s = printed(&m, &o, t);
	assert_true(starts(s, "mac,protocols,identity,platform,board,"
	    "version,software_id,interface_name,uptime_s,ipv4,ipv6,"
	    "mop_functions,mop_functions_bitmap,mop_console_user,mop_device,"
	    "mop_device_name,mop_command_size,mop_response_size,"
	    "mop_hardware_address,mop_version,port,port_description,"
	    "system_description,chassis_id,capabilities,native_vlan,"
	    "unknown_tlvs,"
	    "first_seen,last_seen\r\n"));
	row = strstr(s, "\r\n") + 2;
	assert_true(starts(row, "02:4c:32:43:00:01,mndp;mactelnet,"
	    "\"core \"\"A\"\",\n\\x1b[31m\",MikroTik,RB750,7.15,,ether1,90061,"
	    "192.0.2.1,fe80::4c:32ff:fe43:1,,,,,,,,,,"));
	assert_non_null(strstr(s, "\r\naa:00:04:00:01:04,"
	    "mop;mop-console;mop-console-reserved,,,,,DECnet/Python,,,,,"
	    "loop;console carrier;console carrier reserved,161,"
	    "02:00:00:00:00:09,9,PCL11-B,512,512,aa:00:04:00:01:04,3.0.0,"));
	/* Header and two rows, each CRLF-terminated. */
	assert_int_equal(count_of(s, "\r\n"), 3);
	mem_free(&m);
	l2c_neigh_free(t);
}

static void
test_table(void **state)
{
	struct l2c_neigh_tab	*t = sample();
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_TABLE, .ifname = "eth0" };
	struct mem		 m;
	const char		*s;

	(void)state;
	s = printed(&m, &o, t);
	assert_int_equal(strncmp(s, "MAC ", 4), 0);
	assert_int_equal(count_of(s, "\n"), 3);
	assert_null(strchr(s, '\x1b'));		/* no colour, no raw ESC */
	assert_non_null(strstr(s, "core \"A\",\\x0a\\x1b[31m"));
	assert_non_null(strstr(s, "mndp,mactelnet"));
	assert_non_null(strstr(s, "mop,console,reserved"));
	assert_non_null(strstr(s, "console reserved by 02:00:00:00:00:09"));
	assert_non_null(strstr(s, "MikroTik RB750"));
	assert_non_null(strstr(s, "up 1d01h"));
	assert_non_null(strstr(s, "192.0.2.1"));
	mem_free(&m);

	/* Colour when asked: escapes around cells, reset after each. */
	o.color = 1;
	s = printed(&m, &o, t);
	assert_non_null(strstr(s, "\033[31mmop,console,reserved\033[0m"));
	mem_free(&m);
	l2c_neigh_free(t);
}

/* The audit: MD5 only is weak, between the console (high) and info. */
static void
test_audit_md5_weak(void **state)
{
	static const uint8_t	 mt[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
	struct l2c_neigh_tab	*t = sample();
	struct l2c_neigh_upd	 u;
	struct l2c_scan_out	 o = { .fmt = L2C_SCAN_JSON, .ifname = "eth0" };
	struct mem		 m;
	const char		*s, *hi, *weak, *info;
	size_t			 nserious;

	(void)state;
	/* Without the probe's answer: only the console is serious. */
	s = audited(&m, &o, t, &nserious);
	assert_int_equal(nserious, 1);
	assert_null(strstr(s, "\"weak\""));
	mem_free(&m);
	/* EC-SRP5: nothing new. */
	l2c_neigh_upd_init(&u, mt);
	l2c_neigh_upd_str(&u, L2C_NS_LOGIN, "EC-SRP5", 7);
	assert_true(l2c_neigh_update(t, &u, 7, NULL) >= 0);
	assert_null(strstr(audited(&m, &o, t, &nserious), "\"weak\""));
	assert_int_equal(nserious, 1);
	mem_free(&m);
	/* MD5: weak, counted, in its place. */
	l2c_neigh_upd_init(&u, mt);
	l2c_neigh_upd_str(&u, L2C_NS_LOGIN, "MD5", 3);
	assert_true(l2c_neigh_update(t, &u, 8, NULL) >= 0);
	s = audited(&m, &o, t, &nserious);
	assert_int_equal(nserious, 2);
	assert_non_null(hi = strstr(s, "\"severity\": \"high\""));
	assert_non_null(weak = strstr(s, "\"severity\": \"weak\", "
	    "\"mac\": \"02:4c:32:43:00:01\""));
	assert_non_null(info = strstr(s, "\"severity\": \"info\""));
	assert_true(hi < weak && weak < info);
	assert_non_null(strstr(weak, "only the MD5 login"));
	mem_free(&m);
	l2c_neigh_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_tty_escaping),
		cmocka_unit_test(test_color_policy),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_unknown_tlvs),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_csv_document),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_audit_md5_weak),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
