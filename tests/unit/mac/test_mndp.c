/* SPDX-License-Identifier: ISC */
/* MNDP announcements and requests from the captures, and broken ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mac/mndp.h"
#include "../lib/capture.h"
#include "../lib/mt_caps.h"

static void
test_every_captured_mndp(void **state)
{
	static const uint8_t srv[6] = { 2, 0x4c, 0x32, 0x43, 0, 1 };
	struct tcap		 c;
	struct l2c_pkt		 pkt;
	struct mndp_info	 mi;
	size_t			 i, j, ann = 0, req = 0;

	(void)state;
	for (i = 0; i < mt_ncaptures; i++) {
		tcap_load(mt_captures[i], &c);
		for (j = 0; j < c.n; j++) {
			assert_int_equal(l2c_frame_parse(c.f[j].data,
			    c.f[j].len, &pkt), 0);
			if (!pkt.udp_ok || pkt.dport != MNDP_PORT)
				continue;
			assert_int_equal(mndp_parse(pkt.udata, pkt.ulen, &mi),
			    0);
			if (mndp_is_request(pkt.udata, pkt.ulen)) {
				assert_false(mi.has_mac);
				req++;
				continue;
			}
			/* mactelnetd's own announcement of the lab server */
			assert_true(mi.has_mac);
			assert_memory_equal(mi.mac, srv, 6);
			assert_memory_equal(mi.mac, pkt.src, 6);
			assert_string_equal(mi.identity, "vm");
			assert_string_equal(mi.version, "6.18.44-fc-v595");
			assert_string_equal(mi.platform, "Linux");
			assert_string_equal(mi.board, "x86_64");
			assert_string_equal(mi.softid, "MAC-Telnet");
			assert_string_equal(mi.ifname, "l2c-s0");
			assert_true(mi.has_uptime);
			assert_true(mi.uptime > 800 && mi.uptime < 2000);
			assert_int_equal(mi.unknown, 0);
			assert_int_equal(mi.bad, 0);
			ann++;
		}
		tcap_free(&c);
	}
	assert_true(ann >= 6);
	assert_true(req >= 3);
}

/* Uptime is little-endian: 0x000003d5 from "d5 03 00 00". */
static void
test_uptime_le(void **state)
{
	uint8_t			 p[32];
	size_t			 n = thex("0001ed6d 000a0004 d5030000", p,
	    sizeof(p));
	struct mndp_info	 mi;

	(void)state;
	assert_int_equal(mndp_parse(p, n, &mi), 0);
	assert_int_equal(mi.hdr, 0x0001ed6d);
	assert_true(mi.has_uptime);
	assert_int_equal(mi.uptime, 0x3d5);
}

static void
put_tlv(struct l2c_wbuf *w, uint16_t t, const void *v, uint16_t len)
{
	assert_int_equal(l2c_put_be16(w, t), 0);
	assert_int_equal(l2c_put_be16(w, len), 0);
	assert_int_equal(l2c_put_bytes(w, v, len), 0);
}

/* Every row of the table, an unknown type, and strings that need care. */
static void
test_all_types(void **state)
{
	static const uint8_t mac[6] = { 0, 0x0c, 0x42, 1, 2, 3 };
	static const uint8_t v6[16] = { 0xfe, 0x80, [15] = 1 };
	static const uint8_t v4[4] = { 192, 0, 2, 9 };
	uint8_t			 p[1024], big[300], up[4] = { 1, 0, 0, 0 };
	uint8_t			 unpack = 1;
	struct l2c_wbuf		 w;
	struct mndp_info	 mi;

	(void)state;
	memset(big, 'x', sizeof(big));
	l2c_wbuf_init(&w, p, sizeof(p));
	assert_int_equal(l2c_put_be32(&w, 0x00000102), 0);
	put_tlv(&w, MNDP_T_MAC, mac, 6);
	put_tlv(&w, MNDP_T_IDENTITY, "Core\x1b[2J", 8);
	put_tlv(&w, 99, "??", 2);
	put_tlv(&w, MNDP_T_VERSION, "7.14.2 (stable)", 15);
	put_tlv(&w, MNDP_T_PLATFORM, "MikroTik", 8);
	put_tlv(&w, MNDP_T_UPTIME, up, 4);
	put_tlv(&w, MNDP_T_SOFTID, "ABCD-1234", 9);
	put_tlv(&w, MNDP_T_BOARD, big, sizeof(big));
	put_tlv(&w, MNDP_T_UNPACK, &unpack, 1);
	put_tlv(&w, MNDP_T_IPV6, v6, 16);
	put_tlv(&w, MNDP_T_IFNAME, "ether1", 6);
	put_tlv(&w, MNDP_T_IPV4, v4, 4);
	put_tlv(&w, 0, "", 0);
	assert_int_equal(mndp_parse(p, w.len, &mi), 0);
	assert_true(mi.has_mac && mi.has_uptime && mi.has_unpack &&
	    mi.has_ipv6 && mi.has_ipv4);
	assert_memory_equal(mi.mac, mac, 6);
	assert_string_equal(mi.identity, "Core?[2J");
	assert_string_equal(mi.version, "7.14.2 (stable)");
	assert_string_equal(mi.platform, "MikroTik");
	assert_int_equal(mi.uptime, 1);
	assert_string_equal(mi.softid, "ABCD-1234");
	assert_int_equal(strlen(mi.board), MNDP_STR_MAX - 1);
	assert_int_equal(mi.unpack, 1);
	assert_memory_equal(mi.ipv6, v6, 16);
	assert_memory_equal(mi.ipv4, v4, 4);
	assert_string_equal(mi.ifname, "ether1");
	assert_int_equal(mi.unknown, 2);
	assert_int_equal(mi.bad, 0);
}

static int
parse_hex(const char *hex, struct mndp_info *mi)
{
	uint8_t	p[64];
	size_t	n = thex(hex, p, sizeof(p));

	return mndp_parse(p, n, mi);
}

/*
 * RouterOS 7.24 sends types 18 and 19, one byte each: kept with their
 * bytes, and counted; past MNDP_UNK_MAX only counted.
 */
static void
test_unknown_kept(void **state)
{
	uint8_t			 p[512], one = 1, zero = 0, long16[40];
	struct l2c_wbuf		 w;
	struct mndp_info	 mi;
	unsigned		 i;

	(void)state;
	memset(long16, 0xab, sizeof(long16));
	l2c_wbuf_init(&w, p, sizeof(p));
	assert_int_equal(l2c_put_be32(&w, 0), 0);
	put_tlv(&w, MNDP_T_IDENTITY, "r1", 2);
	put_tlv(&w, 18, &one, 1);
	put_tlv(&w, 19, &zero, 1);
	put_tlv(&w, 20, long16, sizeof(long16));
	assert_int_equal(mndp_parse(p, w.len, &mi), 0);
	assert_string_equal(mi.identity, "r1");
	assert_int_equal(mi.unknown, 3);
	assert_int_equal(mi.nunk, 3);
	assert_int_equal(mi.unk[0].type, 18);
	assert_int_equal(mi.unk[0].len, 1);
	assert_int_equal(mi.unk[0].nbytes, 1);
	assert_int_equal(mi.unk[0].bytes[0], 1);
	assert_int_equal(mi.unk[1].type, 19);
	assert_int_equal(mi.unk[1].bytes[0], 0);
	assert_int_equal(mi.unk[2].len, sizeof(long16));
	assert_int_equal(mi.unk[2].nbytes, MNDP_UNK_BYTES);
	for (i = 0; i < MNDP_UNK_MAX; i++)
		put_tlv(&w, (uint16_t)(30 + i), &one, 1);
	assert_int_equal(mndp_parse(p, w.len, &mi), 0);
	assert_int_equal(mi.unknown, 3 + MNDP_UNK_MAX);
	assert_int_equal(mi.nunk, MNDP_UNK_MAX);
}

static void
test_broken(void **state)
{
	struct mndp_info	mi;

	(void)state;
	/* Header cut short. */
	assert_int_equal(parse_hex("", &mi), L2C_ERR_TRUNC);
	assert_int_equal(parse_hex("000102", &mi), L2C_ERR_TRUNC);
	/* TLV header cut short, after a good TLV that stays parsed. */
	assert_int_equal(parse_hex("00000000 00050002 7676 0001", &mi),
	    L2C_ERR_TRUNC);
	assert_string_equal(mi.identity, "vv");
	assert_int_equal(parse_hex("00000000 000100", &mi), L2C_ERR_TRUNC);
	/* Value running past the end. */
	assert_int_equal(parse_hex("00000000 00010006 024c3243", &mi),
	    L2C_ERR_TRUNC);
	assert_false(mi.has_mac);
	assert_int_equal(parse_hex("00000000 0005ffff 41", &mi), L2C_ERR_TRUNC);
	/* Zero and wrong lengths: skipped, counted, parse goes on. */
	assert_int_equal(parse_hex("00000000 00010000 00050000 000a0003 "
	    "010203 00010005 0102030405 00050001 41", &mi), 0);
	assert_false(mi.has_mac);
	assert_false(mi.has_uptime);
	assert_int_equal(mi.bad, 3);
	assert_string_equal(mi.identity, "A");
	/* NUL inside a string does not end the copy early or overrun. */
	assert_int_equal(parse_hex("00000000 00050003 410042", &mi), 0);
	assert_string_equal(mi.identity, "A?B");
}

static void
test_request(void **state)
{
	uint8_t		 p[8];
	struct l2c_wbuf	 w;

	(void)state;
	l2c_wbuf_init(&w, p, sizeof(p));
	assert_int_equal(mndp_request_build(&w), 0);
	assert_int_equal(w.len, 4);
	assert_true(mndp_is_request(p, w.len));
	p[3] = 1;
	assert_false(mndp_is_request(p, 4));
	assert_false(mndp_is_request(p, 3));
	l2c_wbuf_init(&w, p, 3);
	assert_int_equal(mndp_request_build(&w), L2C_ERR_NOSPACE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_captured_mndp),
		cmocka_unit_test(test_uptime_le),
		cmocka_unit_test(test_all_types),
		cmocka_unit_test(test_unknown_kept),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_request),
	};

	return cmocka_run_group_tests_name("mac/mndp", tests, NULL, NULL);
}
