/* SPDX-License-Identifier: ISC */
/* MAC-Telnet codec against every captured MAC-Telnet frame. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mac/mt_proto.h"
#include "../lib/capture.h"
#include "../lib/mt_caps.h"

struct tally {
	size_t	frames, data, cpkts, salts16, salts49, keys_c2s, resize;
	size_t	types[256];
};

/* Which way a captured frame went, from its UDP ports. */
static int
frame_dir(const struct l2c_pkt *pkt, enum mt_dir *dir)
{
	if (!pkt->udp_ok)
		return 0;
	if (pkt->dport == MT_PORT && pkt->sport != MT_PORT)
		*dir = MT_C2S;
	else if (pkt->sport == MT_PORT && pkt->dport == MT_PORT)
		*dir = MT_C2S;	/* ping/pong: no direction-dependent field */
	else if (pkt->sport == MT_PORT && pkt->dport != 5678)
		*dir = MT_S2C;
	else
		return 0;
	return 1;
}

/*
 * Parse one MAC-Telnet packet and rebuild it from what was parsed: the
 * protocol leaves no choice in any byte, so the copy must be exact.
 */
static void
check_packet(const uint8_t *p, size_t len, enum mt_dir dir,
    const uint8_t *ethsrc, struct tally *t)
{
	struct l2c_rbuf	 r;
	struct l2c_wbuf	 w;
	struct mt_hdr	 h;
	struct mt_cpkt	 cp;
	uint8_t		 out[MT_MAX_UDP];
	int		 rv;

	l2c_rbuf_init(&r, p, len);
	assert_int_equal(mt_hdr_parse(&r, dir, &h), 0);
	assert_memory_equal(h.src, ethsrc, 6);
	assert_int_equal(r.off, mt_hdr_len(h.type));
	if (h.type != MT_PT_PING && h.type != MT_PT_PONG)
		assert_int_equal(h.client_type, MT_CLIENT_TYPE);
	l2c_wbuf_init(&w, out, sizeof(out));
	assert_int_equal(mt_hdr_build(&w, dir, &h), 0);
	if (h.type == MT_PT_DATA) {
		t->data++;
		while ((rv = mt_cpkt_next(&r, &cp)) == 1) {
			t->cpkts++;
			if (cp.type != MT_CP_DATA) {
				t->types[cp.type]++;
				assert_non_null(cp.info);
			}
			if (cp.type == MT_CP_PASSSALT && dir == MT_S2C) {
				if (cp.len == 16)
					t->salts16++;
				else if (cp.len == 49)
					t->salts49++;
			}
			if (cp.type == MT_CP_PASSSALT && dir == MT_C2S) {
				/* user \0 + 33-byte key */
				assert_true(cp.len > 33);
				assert_int_equal(cp.data[cp.len - 34], 0);
				t->keys_c2s++;
			}
			if (cp.type == MT_CP_TERM_WIDTH && cp.data[0] != 0)
				t->resize++;
			assert_int_equal(mt_cpkt_put(&w, cp.type, cp.data,
			    cp.len), 0);
		}
		assert_int_equal(rv, 0);
	} else {
		/* ping/pong payloads are opaque; others have none */
		if (h.type != MT_PT_PING && h.type != MT_PT_PONG)
			assert_int_equal(l2c_rbuf_left(&r), 0);
		assert_int_equal(l2c_put_bytes(&w, l2c_rbuf_cur(&r),
		    l2c_rbuf_left(&r)), 0);
	}
	assert_int_equal(w.len, len);
	assert_memory_equal(out, p, len);
	t->frames++;
}

static void
test_every_captured_frame(void **state)
{
	struct tally	 t;
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	enum mt_dir	 dir;
	size_t		 i, j;

	(void)state;
	memset(&t, 0, sizeof(t));
	for (i = 0; i < mt_ncaptures; i++) {
		tcap_load(mt_captures[i], &c);
		for (j = 0; j < c.n; j++) {
			assert_int_equal(l2c_frame_parse(c.f[j].data,
			    c.f[j].len, &pkt), 0);
			if (!frame_dir(&pkt, &dir))
				continue;
			check_packet(pkt.udata, pkt.ulen, dir, pkt.src, &t);
		}
		tcap_free(&c);
	}
	/* Enough of everything went through to mean something. */
	assert_true(t.frames > 300);
	assert_true(t.data > 80);
	assert_true(t.salts16 >= 5);
	assert_true(t.salts49 >= 5);
	assert_true(t.keys_c2s >= 6);
	assert_true(t.resize >= 2);
	assert_true(t.types[MT_CP_BEGINAUTH] >= 10);
	assert_true(t.types[MT_CP_END_AUTH] >= 10);
	assert_true(t.types[MT_CP_PASSWORD] >= 10);
	assert_true(t.types[MT_CP_USERNAME] >= 10);
	assert_true(t.types[MT_CP_TERM_TYPE] >= 10);
	assert_true(t.types[MT_CP_TERM_HEIGHT] >= 10);
}

/* Frame 5 of the ecsrp demo, field by field. */
static void
test_client_key_packet(void **state)
{
	static const char hex[] =
	    "0101024c32430002024c32430001c1d6001500000000563412ff00000000"
	    "00563412ff010000002761646d696e000ddc09ad749c23f08026e5fd1d42"
	    "2cabcda96d5c0828bb68c46fcdae5852345900";
	static const uint8_t cli[6] = { 2, 0x4c, 0x32, 0x43, 0, 2 };
	uint8_t		 p[128];
	size_t		 n = thex(hex, p, sizeof(p));
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	struct mt_cpkt	 cp;

	(void)state;
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), 0);
	assert_int_equal(h.type, MT_PT_DATA);
	assert_memory_equal(h.src, cli, 6);
	assert_int_equal(h.session, 0xc1d6);
	assert_int_equal(h.client_type, 0x0015);
	assert_int_equal(h.counter, 0);
	assert_int_equal(mt_cpkt_next(&r, &cp), 1);
	assert_int_equal(cp.type, MT_CP_BEGINAUTH);
	assert_int_equal(cp.len, 0);
	assert_int_equal(mt_cpkt_next(&r, &cp), 1);
	assert_int_equal(cp.type, MT_CP_PASSSALT);
	assert_int_equal(cp.len, 39);
	assert_memory_equal(cp.data, "admin\0", 6);
	assert_string_equal(cp.info->tok.s, "key/salt");
	assert_int_equal(mt_cpkt_next(&r, &cp), 0);

	/* The same bytes read as server -> client swap the two fields. */
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_hdr_parse(&r, MT_S2C, &h), 0);
	assert_int_equal(h.session, 0x0015);
	assert_int_equal(h.client_type, 0xc1d6);
}

/* Server -> client: client type first, then the session key. */
static void
test_server_header_build(void **state)
{
	static const char want[] =
	    "0102024c32430001024c324300020015c1d600000039";
	struct mt_hdr	 h = { .type = MT_PT_ACK, .session = 0xc1d6,
	    .client_type = MT_CLIENT_TYPE, .counter = 0x39,
	    .src = { 2, 0x4c, 0x32, 0x43, 0, 1 },
	    .dst = { 2, 0x4c, 0x32, 0x43, 0, 2 } };
	uint8_t		 exp[32], out[32];
	size_t		 n = thex(want, exp, sizeof(exp));
	struct l2c_wbuf	 w;

	(void)state;
	l2c_wbuf_init(&w, out, sizeof(out));
	assert_int_equal(mt_hdr_build(&w, MT_S2C, &h), 0);
	assert_int_equal(w.len, n);
	assert_memory_equal(out, exp, n);
	/* No room: nothing written. */
	l2c_wbuf_init(&w, out, 21);
	assert_int_equal(mt_hdr_build(&w, MT_S2C, &h), L2C_ERR_NOSPACE);
	assert_int_equal(w.len, 0);
}

static void
test_bad_headers(void **state)
{
	uint8_t		 p[64];
	size_t		 n = thex("0100024c32430002024c32430001c1d6001500000000",
	    p, sizeof(p));
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	size_t		 i;

	(void)state;
	assert_int_equal(n, MT_HDR_LEN);
	for (i = 0; i < n; i++) {
		l2c_rbuf_init(&r, p, i);
		assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), L2C_ERR_TRUNC);
		assert_int_equal(r.off, 0);
	}
	p[0] = 2;		/* version */
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), L2C_ERR_MALFORMED);
	assert_int_equal(r.off, 0);
	p[0] = 0;
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), L2C_ERR_MALFORMED);
	p[0] = 1;
	p[1] = 3;		/* no such packet type */
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), L2C_ERR_MALFORMED);
	/* A ping needs only 18 bytes; a 17-byte one is cut short. */
	p[1] = MT_PT_PING;
	l2c_rbuf_init(&r, p, MT_PING_HDR_LEN);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), 0);
	l2c_rbuf_init(&r, p, MT_PING_HDR_LEN - 1);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), L2C_ERR_TRUNC);
}

static int
cpkt_err(const char *hex)
{
	uint8_t		 p[64];
	size_t		 n = thex(hex, p, sizeof(p));
	struct l2c_rbuf	 r;
	struct mt_cpkt	 cp;
	int		 rv;

	l2c_rbuf_init(&r, p, n);
	while ((rv = mt_cpkt_next(&r, &cp)) == 1)
		;
	return rv;
}

static void
test_bad_control_packets(void **state)
{
	(void)state;
	/* Magic, then cut short in the type or the length. */
	assert_int_equal(cpkt_err("563412ff"), L2C_ERR_TRUNC);
	assert_int_equal(cpkt_err("563412ff05"), L2C_ERR_TRUNC);
	assert_int_equal(cpkt_err("563412ff05000000"), L2C_ERR_TRUNC);
	/* Length past the end of the packet. */
	assert_int_equal(cpkt_err("563412ff0500000002 00"), L2C_ERR_TRUNC);
	assert_int_equal(cpkt_err("563412ff03ffffffff 61646d696e"),
	    L2C_ERR_TRUNC);
	/* Lengths the type's row forbids. */
	assert_int_equal(cpkt_err("563412ff0500000003 000000"),
	    L2C_ERR_MALFORMED);
	assert_int_equal(cpkt_err("563412ff0900000001 00"), L2C_ERR_MALFORMED);
	assert_int_equal(cpkt_err("563412ff010000000f"
	    "000102030405060708090a0b0c0d0e"), L2C_ERR_MALFORMED);
	assert_int_equal(cpkt_err("563412ff0200000010"
	    "000102030405060708090a0b0c0d0e0f"), L2C_ERR_MALFORMED);
	/* Good chain, then a bad one: the error still comes. */
	assert_int_equal(cpkt_err("563412ff0000000000 563412ff06000000"),
	    L2C_ERR_TRUNC);
	/* Fine: an unknown type skipped by its length, and short data. */
	assert_int_equal(cpkt_err("563412ff0800000002 0000"), 0);
	assert_int_equal(cpkt_err("563412"), 0);
	assert_int_equal(cpkt_err(""), 0);
}

/* Terminal data runs to the end even if the magic shows up later. */
static void
test_data_runs_to_end(void **state)
{
	uint8_t		 p[64];
	size_t		 n = thex("563412ff0900000000 6869 563412ff0000000000",
	    p, sizeof(p));
	struct l2c_rbuf	 r;
	struct mt_cpkt	 cp;

	(void)state;
	l2c_rbuf_init(&r, p, n);
	assert_int_equal(mt_cpkt_next(&r, &cp), 1);
	assert_int_equal(cp.type, MT_CP_END_AUTH);
	assert_int_equal(mt_cpkt_next(&r, &cp), 1);
	assert_int_equal(cp.type, MT_CP_DATA);
	assert_int_equal(cp.len, 11);
	assert_memory_equal(cp.data, "hi", 2);
	assert_null(cp.info);
	assert_int_equal(mt_cpkt_next(&r, &cp), 0);
}

static void
test_build_control(void **state)
{
	static const char want[] = "563412ff05000000026400563412ff06000000021e00";
	uint8_t		 exp[32], out[32];
	size_t		 n = thex(want, exp, sizeof(exp));
	struct l2c_wbuf	 w;

	(void)state;
	l2c_wbuf_init(&w, out, sizeof(out));
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH, 100), 0);
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT, 30), 0);
	assert_int_equal(w.len, n);
	assert_memory_equal(out, exp, n);
	/* Out of room: nothing half-written. */
	l2c_wbuf_init(&w, out, 10);
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH, 1),
	    L2C_ERR_NOSPACE);
	assert_int_equal(w.len, 0);
	assert_int_equal(mt_cpkt_put(&w, 300, "", 0), L2C_ERR_INVAL);
	assert_string_equal(mt_ptype_name(MT_PT_END), "END");
	assert_null(mt_ctype_lookup(8));
}

/* The one counter rule: in order, gaps, copies, wraps at 2^32 and 2^16. */
static void
test_counter_ahead(void **state)
{
	(void)state;
	assert_int_equal(mt_counter_ahead(1000, 1000), 0);
	assert_int_equal(mt_counter_ahead(1000, 1040), 40);
	assert_int_equal(mt_counter_ahead(1000, 960), -40);
	/* Across 2^32. */
	assert_int_equal(mt_counter_ahead(0xfffffff0U, 0x10), 0x20);
	assert_int_equal(mt_counter_ahead(0x10, 0xfffffff0U), -0x20);
	/* A peer wrapping at 2^16: 0xfe00 + 0x300 came back as 0x100. */
	assert_int_equal(mt_counter_ahead(0x10100, 0x100), 0);
	assert_int_equal(mt_counter_ahead(0x10100, 0x140), 0x40);
	/* Not a wrap: close behind, or far past 2^16. */
	assert_int_equal(mt_counter_ahead(0x10100, 0xff00), -0x200);
	assert_true(mt_counter_ahead(0x30100, 0x100) < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_captured_frame),
		cmocka_unit_test(test_client_key_packet),
		cmocka_unit_test(test_server_header_build),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_control_packets),
		cmocka_unit_test(test_data_runs_to_end),
		cmocka_unit_test(test_build_control),
		cmocka_unit_test(test_counter_ahead),
	};

	return cmocka_run_group_tests_name("mac/mt_proto", tests, NULL, NULL);
}
