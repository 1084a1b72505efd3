/* SPDX-License-Identifier: ISC */
/* Ethernet II, 802.3/SNAP and IPv4/UDP codecs against captured frames. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "../lib/capture.h"

/*
 * Frame 1 of mactelnet-debian044-md5-demo.pcap: client 02:4c:32:43:00:02
 * 192.0.2.2:1561 -> broadcast 255.255.255.255:20561, MAC-Telnet START.
 */
static void
test_parse_captured_udp(void **state)
{
	struct tcap	c;
	struct l2c_pkt	pkt;
	uint8_t		cli[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };

	(void)state;
	tcap_load("mactelnet-debian044-md5-demo.pcap", &c);
	assert_true(c.n > 3);
	assert_int_equal(l2c_frame_parse(c.f[0].data, c.f[0].len, &pkt), 0);
	assert_memory_equal(pkt.src, cli, 6);
	assert_memory_equal(pkt.dst, l2c_mac_bcast, 6);
	assert_int_equal(pkt.ethertype, 0x0800);
	assert_int_equal(pkt.encap, L2C_ENCAP_ETH2);
	assert_true(pkt.udp_ok);
	assert_int_equal(pkt.ip_src, 0xc0000202);
	assert_int_equal(pkt.ip_dst, 0xffffffff);
	assert_int_equal(pkt.sport, 1561);
	assert_int_equal(pkt.dport, 20561);
	assert_int_equal(pkt.ulen, 22);
	tcap_free(&c);
}

/* Every frame of every MAC-Telnet capture passes our IPv4/UDP checks. */
static void
test_parse_all_captured(void **state)
{
	static const char *files[] = {
		"mactelnet-debian044-md5-demo.pcap",
		"mactelnet-debian044-md5-tty-resize.pcap",
		"mactelnet-upstream063-ecsrp-demo.pcap",
		"mactelnet-upstream063-ecsrp-rawmode-noip.pcap",
		"mactelnet-upstream063-server_debian044-macping_mndp_identity-lookup.pcap",
	};
	struct tcap	c;
	struct l2c_pkt	pkt;
	size_t		i, j;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		tcap_load(files[i], &c);
		for (j = 0; j < c.n; j++) {
			assert_int_equal(l2c_frame_parse(c.f[j].data,
			    c.f[j].len, &pkt), 0);
			if (pkt.ethertype == 0x0800)
				assert_true(pkt.udp_ok);
		}
		tcap_free(&c);
	}
}

/* What we build is what the reference sent raw, but for the IP id. */
static void
test_build_matches_capture(void **state)
{
	struct tcap	c;
	struct l2c_pkt	pkt, again;
	uint8_t		buf[1600];
	struct l2c_wbuf	w;
	size_t		i;

	(void)state;
	tcap_load("mactelnet-upstream063-ecsrp-rawmode-noip.pcap", &c);
	for (i = 0; i < c.n; i++) {
		assert_int_equal(l2c_frame_parse(c.f[i].data, c.f[i].len,
		    &pkt), 0);
		if (pkt.ethertype != L2C_ETHERTYPE_IPV4)
			continue;	/* the kernel's IPv6 chatter */
		assert_true(pkt.udp_ok);
		l2c_wbuf_init(&w, buf, sizeof(buf));
		assert_int_equal(l2c_udp_build(&w, pkt.dst, pkt.src,
		    pkt.ip_src, pkt.ip_dst, pkt.sport, pkt.dport, pkt.udata,
		    pkt.ulen), 0);
		assert_int_equal(w.len, c.f[i].len < 60 ? 60 : c.f[i].len);
		assert_memory_equal(buf, c.f[i].data, 18);
		assert_memory_equal(buf + 20, c.f[i].data + 20, 4);
		assert_memory_equal(buf + 26, c.f[i].data + 26, w.len - 26);
		assert_int_equal(l2c_frame_parse(buf, w.len, &again), 0);
		assert_true(again.udp_ok);
	}
	tcap_free(&c);
}

static void
test_udp_rejects(void **state)
{
	struct tcap	c;
	struct l2c_pkt	pkt;
	uint8_t		f[1600];
	size_t		len;

	(void)state;
	tcap_load("mactelnet-debian044-md5-demo.pcap", &c);
	len = c.f[0].len;
	memcpy(f, c.f[0].data, len);
	f[40] ^= 0x01;			/* payload bit: UDP checksum fails */
	assert_int_equal(l2c_frame_parse(f, len, &pkt), 0);
	assert_false(pkt.udp_ok);
	memcpy(f, c.f[0].data, len);
	f[22] ^= 0x01;			/* TTL: header checksum fails */
	assert_int_equal(l2c_frame_parse(f, len, &pkt), 0);
	assert_false(pkt.udp_ok);
	memcpy(f, c.f[0].data, len);
	f[17] = 0xff;			/* IP total length past the frame */
	assert_int_equal(l2c_frame_parse(f, len, &pkt), 0);
	assert_false(pkt.udp_ok);
	for (len = 0; len < c.f[0].len; len++) {
		int rv = l2c_frame_parse(c.f[0].data, len, &pkt);

		if (len < 14)
			assert_int_equal(rv, L2C_ERR_TRUNC);
		else
			assert_false(pkt.udp_ok && pkt.ulen != 22);
	}
	tcap_free(&c);
}

static void
test_snap_roundtrip(void **state)
{
	uint8_t		 dst[6] = { 0xab, 0, 0, 2, 0, 0 };
	uint8_t		 src[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t		 buf[128];
	struct l2c_wbuf	 w;
	struct l2c_pkt	 pkt;
	size_t		 mark;

	(void)state;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(l2c_eth_begin(&w, dst, src, 0x6002, L2C_ENCAP_SNAP,
	    &mark), 0);
	assert_int_equal(l2c_put_bytes(&w, "\x05\x00\x01\x00", 4), 0);
	assert_int_equal(l2c_eth_finish(&w, L2C_ENCAP_SNAP, mark), 0);
	assert_int_equal(w.len, 60);
	assert_int_equal(buf[12], 0);
	assert_int_equal(buf[13], 12);	/* LLC/SNAP 8 + payload 4 */
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), 0);
	assert_int_equal(pkt.encap, L2C_ENCAP_SNAP);
	assert_int_equal(pkt.ethertype, 0x6002);
	assert_int_equal(pkt.plen, 4);
	assert_memory_equal(pkt.payload, "\x05\x00\x01\x00", 4);
	buf[14] = 0x42;			/* not SNAP */
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), L2C_ERR_MALFORMED);
	buf[14] = 0xaa;
	buf[13] = 200;			/* 802.3 length past the frame */
	assert_int_equal(l2c_frame_parse(buf, w.len, &pkt), L2C_ERR_TRUNC);
}

static void
test_mac_forms(void **state)
{
	static const uint8_t	 want[6] = { 0x00, 0x0c, 0x42, 0xab, 0xcd, 0xef };
	static const char	*good[] = { "00:0c:42:ab:cd:ef",
				    "00-0C-42-AB-CD-EF", "000c.42ab.cdef",
				    "000C42abcdef", "0:c:42:ab:cd:ef" };
	static const char	*bad[] = { "", "00:0c:42:ab:cd", "00:0c:42:ab:cd:ef:01",
				    "00:0c-42:ab:cd:ef", "000c.42ab.cde",
				    "000c42abcdeg", "router1", "00::0c:42:ab:cd",
				    "000:c:42:ab:cd:ef", "000c.42ab.cdef.", "000c42abcdef0" };
	uint8_t			 mac[6];
	char			 s[L2C_MAC_STRLEN];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		memset(mac, 0, sizeof(mac));
		assert_int_equal(l2c_mac_parse(good[i], mac), 0);
		assert_memory_equal(mac, want, 6);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(l2c_mac_parse(bad[i], mac), L2C_ERR_INVAL);
	assert_string_equal(l2c_mac_fmt(want, s, sizeof(s)), "00:0c:42:ab:cd:ef");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_captured_udp),
		cmocka_unit_test(test_parse_all_captured),
		cmocka_unit_test(test_build_matches_capture),
		cmocka_unit_test(test_udp_rejects),
		cmocka_unit_test(test_snap_roundtrip),
		cmocka_unit_test(test_mac_forms),
	};

	return cmocka_run_group_tests_name("core/frame", tests, NULL, NULL);
}
