/* SPDX-License-Identifier: ISC */
/*
 * The MNDP and MAC-Telnet scan rows over the in-memory link: captured
 * announcements into the neighbor table, malformed TLVs, the refresh
 * request, and the ping that marks a station as speaking MAC-Telnet.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "mac/mndp.h"
#include "mac/mndp_scan.h"
#include "mac/mt_ping.h"
#include "mac/mt_proto.h"
#include "../lib/capture.h"
#include "../lib/rig.h"

#define CAPTURE	"mactelnet-upstream063-server_debian044-macping_mndp_identity-lookup.pcap"

/* The capture's client is us; its server is the station found. */
static const uint8_t	us[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t	srv[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	other[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x99 };

static int
setup(void **state)
{
	static const struct l2c_scan_proto *const rows[] = {
		&mndp_scan_proto, &mt_ping_scan_proto,
	};

	*state = ut_scan_new(us, other, rows, 2, L2C_SCAN_MIKROTIK);
	return 0;
}

/* An announcement from src (IPv4 source ipsrc) with the given TLVs. */
static void
inject_mndp(struct ut_scan *e, const uint8_t *src, uint32_t ipsrc,
    const char *hex)
{
	uint8_t		data[1500], frame[1600];
	struct l2c_wbuf	w;
	size_t		n = thex(hex, data, sizeof(data));

	l2c_wbuf_init(&w, frame, sizeof(frame));
	assert_int_equal(l2c_udp_build(&w, l2c_mac_bcast, src, ipsrc,
	    0xffffffffU, MNDP_PORT, MNDP_PORT, data, n), 0);
	ut_scan_inject(e, frame, w.len);
}

static size_t
nsent(struct ut_scan *e)
{
	const uint8_t	*p;
	size_t		 i;

	for (i = 0; l2c_link_mem_sent(e->p.a, i, &p) > 0; i++)
		;
	return i;
}

/* Sent frame i is a MAC ping to dst; its payload goes to payload. */
static size_t
sent_ping(struct ut_scan *e, size_t i, const uint8_t *dst, uint8_t *payload)
{
	const uint8_t	*p;
	size_t		 len;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;

	assert_true((len = l2c_link_mem_sent(e->p.a, i, &p)) > 0);
	assert_int_equal(l2c_frame_parse(p, len, &pkt), 0);
	assert_true(pkt.udp_ok);
	assert_memory_equal(pkt.dst, dst, 6);
	assert_int_equal(pkt.ip_src, 0);
	assert_int_equal(pkt.ip_dst, 0xffffffffU);
	assert_int_equal(pkt.dport, MT_PORT);
	l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), 0);
	assert_int_equal(h.type, MT_PT_PING);
	assert_memory_equal(h.src, us, 6);
	assert_memory_equal(h.dst, dst, 6);
	len = l2c_rbuf_left(&r);
	memcpy(payload, l2c_rbuf_cur(&r), len);
	return len;
}

/* A pong from src to us with payload. */
static void
inject_pong(struct ut_scan *e, const uint8_t *src, const uint8_t *payload,
    size_t len)
{
	struct mt_hdr	h;
	struct l2c_wbuf	w, pw;
	uint8_t		pkt[MT_MAX_UDP], frame[1600];

	memset(&h, 0, sizeof(h));
	h.type = MT_PT_PONG;
	memcpy(h.src, src, 6);
	memcpy(h.dst, us, 6);
	l2c_wbuf_init(&pw, pkt, sizeof(pkt));
	assert_int_equal(mt_hdr_build(&pw, MT_S2C, &h), 0);
	assert_int_equal(l2c_put_bytes(&pw, payload, len), 0);
	l2c_wbuf_init(&w, frame, sizeof(frame));
	assert_int_equal(mt_frame_build(&w, l2c_mac_bcast, src, 0xc0000201,
	    MT_PORT, MT_PORT, pkt, pw.len), 0);
	ut_scan_inject(e, frame, w.len);
}

/*
 * Every frame of the capture: the server's announcements give one
 * record with every field; its pong to the capture's own ping carries
 * someone else's payload and proves nothing.
 */
static void
test_captured(void **state)
{
	struct ut_scan		*e = *state;
	struct tcap		 c;
	struct l2c_neigh	*n;
	size_t			 i;

	tcap_load(CAPTURE, &c);
	for (i = 0; i < c.n; i++)
		ut_scan_inject(e, c.f[i].data, c.f[i].len);
	tcap_free(&c);
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	assert_non_null(n = l2c_neigh_find(e->tab, srv));
	assert_int_equal(n->protos, L2C_NP_MNDP);
	assert_string_equal(n->str[L2C_NS_IDENTITY], "vm");
	assert_string_equal(n->str[L2C_NS_VERSION], "6.18.44-fc-v595");
	assert_string_equal(n->str[L2C_NS_PLATFORM], "Linux");
	assert_string_equal(n->str[L2C_NS_BOARD], "x86_64");
	assert_string_equal(n->str[L2C_NS_SOFTWARE], "MAC-Telnet");
	assert_string_equal(n->str[L2C_NS_IFNAME], "l2c-s0");
	assert_true(n->have & L2C_NF_UPTIME);
	/* No IPv4 TLV from mactelnetd: the datagram's source stands in. */
	assert_int_equal(n->nipv4, 1);
	assert_memory_equal(n->ipv4[0], "\xc0\x00\x02\x01", 4);
	assert_int_equal(n->nipv6, 0);
	assert_int_equal(n->updates, 3);
	assert_int_equal(e->scan.stats.malformed, 2);	/* the two pongs */
}

/* Found by MNDP: pinged; a pong with our cookie marks MAC-Telnet. */
static void
test_ping_follow_up(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;
	uint8_t			 payload[64];
	size_t			 len;

	inject_mndp(e, srv, 0, "0000 0001 | 0001 0006 024c32430001"
	    " | 0005 0002 7677");
	assert_int_equal(nsent(e), 1);
	len = sent_ping(e, 0, srv, payload);
	assert_true(len >= 8);
	assert_non_null(n = l2c_neigh_find(e->tab, srv));
	assert_false(n->protos & L2C_NP_MACTELNET);
	/* A pong with another payload proves nothing. */
	payload[len - 1] ^= 1;
	inject_pong(e, srv, payload, len);
	assert_false(n->protos & L2C_NP_MACTELNET);
	payload[len - 1] ^= 1;
	inject_pong(e, srv, payload, len);
	assert_true(n->protos & L2C_NP_MACTELNET);
	assert_int_equal(n->protos, L2C_NP_MNDP | L2C_NP_MACTELNET);
	/* Answered: no more pings on later announcements. */
	inject_mndp(e, srv, 0, "0000 0002 | 0001 0006 024c32430001");
	assert_int_equal(nsent(e), 1);
}

/* Silent stations get two pings, not one per announcement. */
static void
test_ping_tries(void **state)
{
	struct ut_scan	*e = *state;
	int		 i;

	for (i = 0; i < 5; i++)
		inject_mndp(e, srv, 0, "0000 0001 | 0005 0001 78");
	assert_int_equal(nsent(e), 2);
	assert_int_equal(l2c_neigh_find(e->tab, srv)->updates, 5);
}

/*
 * Malformed TLVs: the fields before a TLV that runs past the end are
 * kept; zero lengths and unknown types skipped; nothing read wrong.
 */
static void
test_malformed(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;

	/* Identity fine, then version says 200 bytes and there are 3. */
	inject_mndp(e, ut_sta[1], 0,
	    "0000 0001 | 0005 0003 616263 | 0007 00c8 312e32");
	assert_non_null(n = l2c_neigh_find(e->tab, ut_sta[1]));
	assert_string_equal(n->str[L2C_NS_IDENTITY], "abc");
	assert_false(n->have & L2C_NF_STR(L2C_NS_VERSION));
	assert_int_equal(e->scan.stats.malformed, 1);

	/* Zero-length identity, unknown type, a MAC TLV of the wrong size,
	 * then a good platform. */
	inject_mndp(e, ut_sta[2], 0, "0000 0001 | 0005 0000 | 4242 0002 ffff"
	    " | 0001 0003 aabbcc | 0008 0003 666f6f");
	assert_non_null(n = l2c_neigh_find(e->tab, ut_sta[2]));
	assert_false(n->have & L2C_NF_STR(L2C_NS_IDENTITY));
	assert_string_equal(n->str[L2C_NS_PLATFORM], "foo");
	assert_int_equal(l2c_neigh_count(e->tab), 2);

	/* A TLV header cut short, and a datagram shorter than the header. */
	inject_mndp(e, ut_sta[3], 0, "0000 0001 | 0005");
	inject_mndp(e, ut_sta[3], 0, "00");
	/* Control characters in an identity never reach the table raw. */
	inject_mndp(e, ut_sta[3], 0, "0000 0001 | 0005 0004 611b5b41");
	assert_non_null(n = l2c_neigh_find(e->tab, ut_sta[3]));
	assert_null(strchr(n->str[L2C_NS_IDENTITY], '\x1b'));
	/* Another station's refresh request is not an announcement. */
	inject_mndp(e, other, 0, "00000000");
	assert_null(l2c_neigh_find(e->tab, other));
}

/* The refresh request: 4 zero bytes, 0.0.0.0:5678 -> broadcast:5678. */
static void
test_probe(void **state)
{
	struct ut_scan	*e = *state;
	const uint8_t	*p;
	size_t		 len;
	struct l2c_pkt	 pkt;

	assert_int_equal(l2c_scan_probe(&e->scan, 0), 0);
	assert_int_equal(nsent(e), 1);
	len = l2c_link_mem_sent(e->p.a, 0, &p);
	assert_int_equal(l2c_frame_parse(p, len, &pkt), 0);
	assert_true(pkt.udp_ok);
	assert_memory_equal(pkt.dst, l2c_mac_bcast, 6);
	assert_memory_equal(pkt.src, us, 6);
	assert_int_equal(pkt.ip_src, 0);
	assert_int_equal(pkt.ip_dst, 0xffffffffU);
	assert_int_equal(pkt.sport, MNDP_PORT);
	assert_int_equal(pkt.dport, MNDP_PORT);
	assert_true(mndp_is_request(pkt.udata, pkt.ulen));
	/* Nothing to ask a single station by MNDP. */
	assert_int_equal(l2c_scan_probe_station(&e->scan, srv), 0);
	assert_int_equal(nsent(e), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_captured, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_ping_follow_up,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_ping_tries,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_probe, setup,
		    ut_scan_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
