/* SPDX-License-Identifier: ISC */
/* MOP console codec, System ID entries and loopback against real captures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mop/loopback.h"
#include "mop/mop_proto.h"
#include "mop/sysid.h"
#include "../lib/capture.h"

#define CAP_FULL	"moprc135-v_vs_pydecnet-labpatched_full-session.pcapng"
#define CAP_NOV		"moprc135-no-v_vs_pydecnet-labpatched_rejected-sysid-misparse.pcapng"
#define CAP_LEN5	"moprc135_vs_pydecnet-stock_reqid-len5-ignored_timeout.pcapng"

/* moprc (the requester) and pydecnet (the console server) in the lab. */
static const uint8_t	moprc[6] = { 0xfa, 0x66, 0x06, 0x04, 0xd9, 0x44 };
static const uint8_t	server[6] = { 0x6e, 0x82, 0x24, 0x2f, 0xd9, 0x4c };

static void
parse_frame(const struct tcap_frame *f, struct l2c_pkt *pkt,
    struct mop_msg *m)
{
	assert_int_equal(l2c_frame_parse(f->data, f->len, pkt), 0);
	assert_int_equal(mop_parse_pkt(pkt, m), 0);
}

/* Every frame of every MOP capture parses, System IDs down to entries. */
static void
test_parse_all_captured(void **state)
{
	static const char *files[] = { CAP_FULL, CAP_NOV, CAP_LEN5 };
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	struct mop_sysid si;
	size_t		 i, j, nsysid = 0;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		tcap_load(files[i], &c);
		assert_true(c.n > 0);
		for (j = 0; j < c.n; j++) {
			parse_frame(&c.f[j], &pkt, &m);
			assert_int_equal(pkt.ethertype, MOP_ETHERTYPE_CONSOLE);
			assert_true(m.len + 2 <= pkt.plen);
			if (m.code != MOP_SYSTEM_ID)
				continue;
			nsysid++;
			assert_int_equal(mop_sysid_parse(m.u.sysid.info,
			    m.u.sysid.infolen, &si), 0);
			assert_int_equal(si.unknown + si.odd, 0);
		}
		tcap_free(&c);
	}
	assert_int_equal(nsysid, 4);
}

/*
 * The periodic System ID that moprc without -v misreads: its console
 * command size 512 (05 00 02 00 02) is where moprc's walker goes wrong.
 */
static void
test_sysid_moprc_breaker(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	struct mop_sysid si;
	char		 fn[128];

	(void)state;
	tcap_load(CAP_NOV, &c);
	parse_frame(&c.f[0], &pkt, &m);
	assert_memory_equal(pkt.dst, mop_mcast_console, 6);
	assert_int_equal(m.code, MOP_SYSTEM_ID);
	assert_int_equal(m.len, 0x43);
	assert_int_equal(m.u.sysid.receipt, 0);
	assert_int_equal(mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen,
	    &si), 0);
	assert_memory_equal(si.version, "\x03\x00\x00", 3);
	assert_int_equal(si.functions_len, 1);
	assert_int_equal(si.functions, 0x61);
	assert_true(si.functions & MOP_FN_CONSOLE);
	assert_false(si.functions & MOP_FN_RESERVED);
	assert_false(si.have & MOP_HAVE_CONSOLE_USER);
	assert_int_equal(si.rsv_timer, 15);
	assert_int_equal(si.cmd_size, 512);
	assert_int_equal(si.rsp_size, 512);
	assert_memory_equal(si.hwaddr, server, 6);
	assert_int_equal(si.device, 9);
	assert_int_equal(si.software_kind, 13);
	assert_string_equal(si.software, "DECnet/Python");
	assert_int_equal(si.processor, 2);
	assert_int_equal(si.datalink, 1);
	assert_string_equal(mop_functions_str(si.functions, fn, sizeof(fn)),
	    "loop, console carrier, data link counters");
	assert_string_equal(mop_datalink_name(si.datalink), "Ethernet");
	tcap_free(&c);
}

/* The System ID answering moprc: reserved, and moprc is the user. */
static void
test_sysid_reserved(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	struct mop_sysid si;

	(void)state;
	tcap_load(CAP_FULL, &c);
	parse_frame(&c.f[2], &pkt, &m);
	assert_memory_equal(pkt.dst, moprc, 6);
	assert_int_equal(m.code, MOP_SYSTEM_ID);
	assert_int_equal(mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen,
	    &si), 0);
	assert_int_equal(si.functions, 0xe1);
	assert_true(si.functions & MOP_FN_RESERVED);
	assert_true(si.have & MOP_HAVE_CONSOLE_USER);
	assert_memory_equal(si.console_user, moprc, 6);
	assert_int_equal(si.processor, 2);	/* mop.md says 01; the bytes say 02 */
	tcap_free(&c);
}

/* Our builder: the same message as moprc gives the same bytes. */
static void
expect_frame(const struct tcap_frame *f, const struct mop_msg *m,
    const uint8_t *dst, const uint8_t *src, int whole)
{
	uint8_t		 buf[1600];
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	struct mop_msg	 got;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, dst, src, L2C_ENCAP_ETH2, m), 0);
	assert_int_equal(w.len, f->len);
	if (whole)
		assert_memory_equal(buf, f->data, f->len);
	else {
		/* Headers, length word and message; the padding is moprc's. */
		parse_frame(f, &pkt, &got);
		assert_memory_equal(buf, f->data, 14 + 2 + got.len);
	}
}

static void
test_build_matches_moprc(void **state)
{
	struct tcap	c;
	struct mop_msg	m;
	static const uint8_t cr = '\r';

	(void)state;
	tcap_load(CAP_FULL, &c);
	/* 1: Reserve Console, verification all zero. */
	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	expect_frame(&c.f[0], &m, server, moprc, 1);
	/* 2: Request ID, moprc's 5-byte form, receipt 0. */
	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = MOP_REQID_MOPRC;
	expect_frame(&c.f[1], &m, server, moprc, 1);
	/* 4, 6: empty polls numbered 0 and 1. */
	memset(&m, 0, sizeof(m));
	m.code = MOP_COMMAND;
	expect_frame(&c.f[3], &m, server, moprc, 1);
	m.u.con.flags = MOP_CMD_MSGNUM;
	expect_frame(&c.f[5], &m, server, moprc, 1);
	/* 16: a CR typed, number 0. */
	m.u.con.flags = 0;
	m.u.con.data = &cr;
	m.u.con.dlen = 1;
	expect_frame(&c.f[15], &m, server, moprc, 1);
	/* 46: Release Console (moprc pads with garbage). */
	memset(&m, 0, sizeof(m));
	m.code = MOP_RELEASE;
	expect_frame(&c.f[45], &m, server, moprc, 0);
	/* 7: the server's response with the login banner, ack 1. */
	{
		struct l2c_pkt	pkt;
		struct mop_msg	got;

		parse_frame(&c.f[6], &pkt, &got);
		assert_int_equal(got.code, MOP_RESPONSE);
		assert_int_equal(got.u.con.flags, MOP_RSP_ACK);
		assert_int_equal(got.u.con.dlen, 0x2d - 2);
		assert_memory_equal(got.u.con.data, "\r\r\nUser Access", 14);
		memset(&m, 0, sizeof(m));
		m.code = MOP_RESPONSE;
		m.u.con = got.u.con;
		expect_frame(&c.f[6], &m, moprc, server, 0);
	}
	tcap_free(&c);
}

/* Ours, where mop.md leaves the choice to us: the spec's 4-byte form. */
static void
test_reqid_spec_form(void **state)
{
	uint8_t		 buf[64], want[64];
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	size_t		 n;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = MOP_REQID_SPEC;
	m.u.reqid.receipt = 0x1234;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_ETH2, &m), 0);
	n = thex("6e82242fd94c fa660604d944 6002 0400 05 00 3412", want,
	    sizeof(want));
	assert_int_equal(w.len, 60);
	assert_memory_equal(buf, want, n);
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), 0);
	assert_int_equal(mop_parse_pkt(&pkt, &m), 0);
	assert_int_equal(m.u.reqid.form, MOP_REQID_SPEC);
	assert_int_equal(m.u.reqid.receipt, 0x1234);
}

/* 802.3/SNAP on receive: no length word, the 802.3 length bounds it. */
static void
test_snap(void **state)
{
	uint8_t		 buf[64], v[8] = "secret12";
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	memcpy(m.u.reserve.verif, v, 8);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_SNAP, &m), 0);
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), 0);
	assert_int_equal(pkt.encap, L2C_ENCAP_SNAP);
	assert_int_equal(mop_parse_pkt(&pkt, &m), 0);
	assert_int_equal(m.code, MOP_RESERVE);
	assert_int_equal(m.len, 9);
	assert_memory_equal(m.u.reserve.verif, v, 8);
}

static void
test_counters(void **state)
{
	uint8_t		 buf[128];
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m, got;
	size_t		 i, full;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.code = MOP_COUNTERS;
	m.u.counters.receipt = 7;
	m.u.counters.seconds = 65535;
	for (i = 0; i < MOP_CTR_N32; i++)
		m.u.counters.c32[i] = 0x01020304u * (uint32_t)(i + 1);
	for (i = 0; i < MOP_CTR_N16; i++)
		m.u.counters.c16[i] = (uint16_t)(0x0a0b + i);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_ETH2, &m), 0);
	assert_int_equal(buf[14] | buf[15] << 8, 57);
	full = w.len;
	assert_int_equal(l2c_frame_parse(buf, full, &pkt), 0);
	assert_int_equal(mop_parse_pkt(&pkt, &got), 0);
	assert_memory_equal(&got.u.counters, &m.u.counters,
	    sizeof(m.u.counters));
	assert_string_equal(mop_counter_name(1, 0), "bytes received");
	assert_null(mop_counter_name(0, MOP_CTR_N16));
	/* A shorter length word: truncated. */
	buf[14] = 56;
	assert_int_equal(l2c_frame_parse(buf, full, &pkt), 0);
	assert_int_equal(mop_parse_pkt(&pkt, &got), L2C_ERR_TRUNC);
	/* Request Counters. */
	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_COUNTERS;
	m.u.reqctr.receipt = 0x0102;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_ETH2, &m), 0);
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), 0);
	assert_int_equal(mop_parse_pkt(&pkt, &got), 0);
	assert_int_equal(got.u.reqctr.receipt, 0x0102);
}

/* Truncated, length past the end, zero length, unknown code. */
static void
test_malformed(void **state)
{
	struct tcap	 c;
	struct mop_msg	 m;
	uint8_t		 p[64];
	size_t		 i, j, n;
	int		 rv;

	(void)state;
	tcap_load(CAP_FULL, &c);
	for (i = 0; i < c.n; i++) {
		const uint8_t	*pl = c.f[i].data + 14;
		size_t		 plen = c.f[i].len - 14;
		size_t		 mlen = (size_t)(pl[0] | pl[1] << 8);

		/* Every cut inside the message fails; past it, all parse. */
		for (j = 0; j < plen; j++) {
			rv = mop_parse(pl, j, L2C_ENCAP_ETH2, &m);
			if (j < 2 + mlen)
				assert_int_equal(rv, L2C_ERR_TRUNC);
			else
				assert_int_equal(rv, 0);
		}
	}
	tcap_free(&c);
	n = thex("0000 05 00 0000", p, sizeof(p));	/* zero length */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_MALFORMED);
	n = thex("0900 05 00 0000", p, sizeof(p));	/* past the end */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_TRUNC);
	n = thex("0300 05 00 00", p, sizeof(p));	/* Request ID of 3 */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_TRUNC);
	n = thex("0800 0d 0000000000000000", p, sizeof(p));	/* short verif. */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_TRUNC);
	n = thex("0100 11", p, sizeof(p));		/* poll without flags */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_TRUNC);
	n = thex("0100 13", p, sizeof(p));
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_TRUNC);
	n = thex("0100 2a", p, sizeof(p));		/* unknown code */
	assert_int_equal(mop_parse(p, n, L2C_ENCAP_ETH2, &m), L2C_ERR_PROTO);
	assert_int_equal(m.code, 0x2a);
	assert_int_equal(mop_parse(p, 0, L2C_ENCAP_SNAP, &m), L2C_ERR_TRUNC);
	/* Building a type we only parse, or none at all, is refused. */
	{
		uint8_t		buf[64];
		struct l2c_wbuf	w;

		memset(&m, 0, sizeof(m));
		m.code = MOP_BOOT;
		l2c_wbuf_init(&w, buf, sizeof(buf));
		assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_ETH2,
		    &m), L2C_ERR_INVAL);
		m.code = 42;
		assert_int_equal(mop_build(&w, server, moprc, L2C_ENCAP_ETH2,
		    &m), L2C_ERR_INVAL);
	}
}

/* System ID entries: past the end, zero length, odd lengths, padding. */
static void
test_sysid_malformed(void **state)
{
	struct mop_sysid si;
	uint8_t		 p[64];
	size_t		 n;

	(void)state;
	n = thex("0200 02 2000 0500 05 0002", p, sizeof(p));
	assert_int_equal(mop_sysid_parse(p, n, &si), L2C_ERR_TRUNC);
	n = thex("0200 01", p, sizeof(p));		/* value missing */
	assert_int_equal(mop_sysid_parse(p, n, &si), L2C_ERR_TRUNC);
	n = thex("0200 01 20 05", p, sizeof(p));	/* half a header */
	assert_int_equal(mop_sysid_parse(p, n, &si), L2C_ERR_TRUNC);
	n = thex("0200 01 20 0000", p, sizeof(p));	/* zero padding */
	assert_int_equal(mop_sysid_parse(p, n, &si), 0);
	assert_int_equal(si.functions, 0x20);
	/* A zero-length functions entry is skipped, not read past. */
	n = thex("0200 00 0500 02 0002 0300 04 01020304 e803 02 abcd", p,
	    sizeof(p));
	assert_int_equal(mop_sysid_parse(p, n, &si), 0);
	assert_false(si.have & MOP_HAVE_FUNCTIONS);
	assert_false(si.have & MOP_HAVE_CONSOLE_USER);
	assert_int_equal(si.cmd_size, 512);
	assert_int_equal(si.odd, 2);
	assert_int_equal(si.unknown, 1);
	/* Software id: special counts, and a count past its entry. */
	n = thex("c800 01 ff", p, sizeof(p));
	assert_int_equal(mop_sysid_parse(p, n, &si), 0);
	assert_int_equal(si.software_kind, MOP_SW_OS);
	assert_string_equal(mop_software_str(&si),
	    "(standard operating system)");
	n = thex("c800 03 05 4142", p, sizeof(p));
	assert_int_equal(mop_sysid_parse(p, n, &si), 0);
	assert_false(si.have & MOP_HAVE_SOFTWARE);
	assert_int_equal(si.odd, 1);
	/* Terminal control bytes never reach the screen. */
	n = thex("c800 04 03 1b5b41", p, sizeof(p));
	assert_int_equal(mop_sysid_parse(p, n, &si), 0);
	assert_string_equal(si.software, "?[A");
}

/* What the server builds parses back to the same fields. */
static void
test_sysid_roundtrip(void **state)
{
	struct mop_sysid a, b;
	uint8_t		 buf[256];
	struct l2c_wbuf	 w;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.have = MOP_HAVE_VERSION | MOP_HAVE_FUNCTIONS |
	    MOP_HAVE_CONSOLE_USER | MOP_HAVE_RSV_TIMER | MOP_HAVE_CMD_SIZE |
	    MOP_HAVE_RSP_SIZE | MOP_HAVE_HWADDR | MOP_HAVE_DEVICE |
	    MOP_HAVE_SOFTWARE | MOP_HAVE_PROCESSOR | MOP_HAVE_DATALINK |
	    MOP_HAVE_DL_BUFSIZE | MOP_HAVE_TIME;
	memcpy(a.version, "\x03\x00\x00", 3);
	a.functions = MOP_FN_LOOP | MOP_FN_CONSOLE | MOP_FN_RESERVED;
	a.functions_len = 2;
	memcpy(a.console_user, moprc, 6);
	a.rsv_timer = 15;
	a.cmd_size = a.rsp_size = 512;
	memcpy(a.hwaddr, server, 6);
	a.device = 1;
	a.software_kind = 9;
	strcpy(a.software, "l2console");
	a.processor = 2;
	a.datalink = 1;
	a.dl_bufsize = 1500;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_sysid_build(&w, &a), 0);
	assert_memory_equal(buf, "\x01\x00\x03\x03\x00\x00\x02\x00\x02\xa1\x00",
	    11);
	assert_int_equal(mop_sysid_parse(buf, w.len, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
}

/* Loopback: a ping, the forward a station does, and the reply we read. */
static void
test_loopback(void **state)
{
	uint8_t		 f1[128], f2[128];
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	struct mop_loop	 m;
	uint8_t		 p[32];
	size_t		 n;

	(void)state;
	l2c_wbuf_init(&w, f1, sizeof(f1));
	assert_int_equal(mop_loop_build_ping(&w, server, moprc, 0x4242,
	    "ping", 4), 0);
	n = thex("6e82242fd94c fa660604d944 9000 0000 0200 fa660604d944"
	    " 0100 4242 70696e67", p, sizeof(p));
	assert_memory_equal(f1, p, n);
	assert_int_equal(l2c_frame_parse(f1, w.len, &pkt), 0);
	assert_int_equal(mop_loop_parse(pkt.payload, pkt.plen, &m), 0);
	assert_int_equal(m.function, MOP_LOOP_FORWARD);
	assert_memory_equal(m.fwd, moprc, 6);
	l2c_wbuf_init(&w, f2, sizeof(f2));
	assert_int_equal(mop_loop_build_forward(&w, server, pkt.payload,
	    pkt.plen, &m), 0);
	assert_int_equal(l2c_frame_parse(f2, w.len, &pkt), 0);
	assert_memory_equal(pkt.dst, moprc, 6);
	assert_memory_equal(pkt.src, server, 6);
	assert_int_equal(mop_loop_parse(pkt.payload, pkt.plen, &m), 0);
	assert_int_equal(m.skip, 8);
	assert_int_equal(m.function, MOP_LOOP_REPLY);
	assert_int_equal(m.receipt, 0x4242);
	assert_true(m.dlen >= 4);
	assert_memory_equal(m.data, "ping", 4);
	/* A reply cannot be forwarded; odd skip; skip past the end; group. */
	assert_int_equal(mop_loop_build_forward(&w, server, pkt.payload,
	    pkt.plen, &m), L2C_ERR_INVAL);
	n = thex("0100 0000 0100", p, sizeof(p));
	assert_int_equal(mop_loop_parse(p, n, &m), L2C_ERR_MALFORMED);
	n = thex("2000 0100 0000", p, sizeof(p));
	assert_int_equal(mop_loop_parse(p, n, &m), L2C_ERR_TRUNC);
	n = thex("0000 0200 ab0000020000", p, sizeof(p));
	assert_int_equal(mop_loop_parse(p, n, &m), L2C_ERR_MALFORMED);
	n = thex("0000 0300", p, sizeof(p));
	assert_int_equal(mop_loop_parse(p, n, &m), L2C_ERR_PROTO);
	n = thex("0000 0100 01", p, sizeof(p));
	assert_int_equal(mop_loop_parse(p, n, &m), L2C_ERR_TRUNC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_all_captured),
		cmocka_unit_test(test_sysid_moprc_breaker),
		cmocka_unit_test(test_sysid_reserved),
		cmocka_unit_test(test_build_matches_moprc),
		cmocka_unit_test(test_reqid_spec_form),
		cmocka_unit_test(test_snap),
		cmocka_unit_test(test_counters),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_sysid_malformed),
		cmocka_unit_test(test_sysid_roundtrip),
		cmocka_unit_test(test_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
