/* SPDX-License-Identifier: ISC */
/*
 * CDP: every frame of the Cisco 3560 capture, field by field against
 * tshark's dissection, then cut and grown copies of a real PDU.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/frame.h"
#include "disc/cdp.h"
#include "../lib/capture.h"
#include "../lib/disc_cap.h"

#define CISCO	CISCO3560

/*
 * tshark -r cisco3560-cdp-lldp_tcpdump-tests.pcap -V, frame 1 (frame 7
 * the same but checksum 0x0be9 and one cluster status byte):
 *   IEEE 802.3 Ethernet, Src: Cisco_98:68:8f, Dst: 01:00:0c:cc:cc:cc
 *   Logical-Link Control, Organization Code: 00:00:0c, PID: CDP (0x2000)
 *   Cisco Discovery Protocol
 *     Version: 2
 *     TTL: 180 seconds
 *     Checksum: 0x0bea [correct]
 *     Device ID: S1
 *     Software Version (Length 194): Cisco IOS Software, C3560 Software
 *       (C3560-ADVIPSERVICESK9-M), Version 12.2(44)SE, RELEASE SOFTWARE
 *       (fc1) / Copyright (c) 1986-2008 by Cisco Systems, Inc. /
 *       Compiled Sat 05-Jan-08 00:15 by weiliu
 *     Platform: cisco WS-C3560-24TS
 *     Addresses: Number of addresses: 1, IP address: 0.0.0.0
 *       (Protocol type: NLPID (0x01), Protocol: IP, Address length: 4)
 *     Port ID: FastEthernet0/13
 *     Capabilities: 0x00000028 (Switch: Yes, IGMP capable: Yes)
 *     Protocol Hello: Cluster Management (Type 0x0008, Length 36)
 *     VTP Management Domain: (empty, Length 4)
 *     Native VLAN: 1
 *     Duplex: Full
 *     Trust Bitmap: 0x00 (Type 0x0012, Length 5)
 *     Untrusted port CoS: 0x00 (Type 0x0013, Length 5)
 *     Management Addresses: Number of addresses: 1, IP address: 0.0.0.0
 *     Power Available: 0 mW, 4294967295 mW (Type 0x001a, Length 16)
 * Frames 2 and 8, from Cisco_a7:b2:8d, differ in: Device ID: S2,
 * Platform: cisco WS-C3560G-24PS, Port ID: GigabitEthernet0/13,
 * Checksum: 0x971d and 0x971c [correct].
 */
static void
check_s(const struct l2c_pkt *pkt, const struct disc_info *di, size_t i)
{
	static const uint8_t	zero[4];
	static const uint8_t	hello[5] = { 0x00, 0x00, 0x0c, 0x01, 0x12 };
	int			s2 = cisco3560_which(pkt);

	(void)i;

	assert_int_equal(di->proto, DISC_CDP);
	assert_int_equal(di->version, 2);
	assert_int_equal(di->ttl, 180);
	assert_string_equal(di->name, s2 ? "S2" : "S1");
	assert_string_equal(di->software, cisco3560_ios);
	assert_int_equal(strlen(di->software), 194 - 4);
	assert_string_equal(di->platform,
	    s2 ? "cisco WS-C3560G-24PS" : "cisco WS-C3560-24TS");
	assert_string_equal(di->port_id,
	    s2 ? "GigabitEthernet0/13" : "FastEthernet0/13");
	assert_int_equal(di->caps, CDP_CAP_SWITCH | CDP_CAP_IGMP);
	assert_int_equal(di->native_vlan, 1);
	assert_int_equal(di->duplex, 1);
	assert_string_equal(di->vtp_domain, "");
	assert_int_equal(di->have, DISC_HAVE_NAME | DISC_HAVE_SOFTWARE |
	    DISC_HAVE_PLATFORM | DISC_HAVE_PORT_ID | DISC_HAVE_CAPS |
	    DISC_HAVE_VTP_DOMAIN | DISC_HAVE_NATIVE_VLAN | DISC_HAVE_DUPLEX |
	    DISC_HAVE_TTL);
	/* Addresses (0x0002) then Management Addresses (0x0016). */
	assert_int_equal(di->naddrs, 2);
	assert_int_equal(di->addrs_dropped, 0);
	disc_want_addr(di, 0, DISC_ADDR_IFACE, 4, zero, 4);
	disc_want_addr(di, 1, DISC_ADDR_MGMT, 4, zero, 4);
	/* Hello, Trust Bitmap, Untrusted CoS, Power Available: no field. */
	assert_int_equal(di->nunknown, 4);
	assert_int_equal(di->unknown_dropped, 0);
	assert_int_equal(DISC_UNK_BYTES, 32);	/* Hello's 32 kept whole */
	disc_want_unknown(di, 0, CDP_T_HELLO, 36 - 4, hello, sizeof(hello));
	disc_want_unknown(di, 1, CDP_T_TRUST, 1, "\x00", 1);
	disc_want_unknown(di, 2, CDP_T_UNTRUSTED_COS, 1, NULL, 0);
	disc_want_unknown(di, 3, CDP_T_POWER_AVAIL, 16 - 4, NULL, 0);
	assert_int_equal(di->cut, 0);
}

static void
test_every_captured_cdp(void **state)
{
	(void)state;
	/* tshark: frames 1 and 7 from S1, 2 and 8 from S2. */
	assert_int_equal(disc_walk(CISCO, cdp_frame_is, cdp_frame_decode,
	    check_s), 4);
}

#define LLDPD	"lldpd1016-cdpv2-lldp-shutdown.pcapng"

/*
 * tshark -r lldpd1016-cdpv2-lldp-shutdown.pcapng -V, frames 2, 4, 6
 * (lldpd 1.0.16 -ccc -k -S "l2console lab switch" -P l2c-lab
 * -m 192.0.2.11, hostname lab-sw1, tx-interval 2; see
 * tests/lab/capture_lldpd.sh):
 *   IEEE 802.3 Ethernet, Src: 02:4c:32:43:00:11, Length: 91
 *   Cisco Discovery Protocol
 *     Version: 2
 *     TTL: 8 seconds
 *     Checksum: 0x8773 [correct]
 *     Device ID: lab-sw1
 *     Addresses: Number of addresses: 1, IP address: 192.0.2.11
 *     Port ID: eth0
 *     Capabilities: 0x00000010 (Host: Yes)
 *     Software Version: l2console lab switch
 *     Platform: l2c-lab
 * The PDU is 83 bytes, its last 0x62: only Cisco's odd-byte rule (the
 * byte as the low half of a word) gives 0x8773; RFC 1071's would not.
 */
static void
check_lldpd(const struct l2c_pkt *pkt, const struct disc_info *di, size_t i)
{
	static const uint8_t	ip[4] = { 192, 0, 2, 11 };

	(void)i;
	assert_int_equal(pkt->plen, 83);
	assert_int_equal(l2c_inet_cksum(pkt->payload, pkt->plen, 0) == 0, 0);
	assert_int_equal(di->version, 2);
	assert_int_equal(di->ttl, 8);
	assert_string_equal(di->name, "lab-sw1");
	assert_int_equal(di->naddrs, 1);
	disc_want_addr(di, 0, DISC_ADDR_IFACE, 4, ip, 4);
	assert_string_equal(di->port_id, "eth0");
	assert_int_equal(di->caps, CDP_CAP_HOST);
	assert_string_equal(di->software, "l2console lab switch");
	assert_string_equal(di->platform, "l2c-lab");
	assert_int_equal(di->have, DISC_HAVE_TTL | DISC_HAVE_NAME |
	    DISC_HAVE_PORT_ID | DISC_HAVE_CAPS | DISC_HAVE_SOFTWARE |
	    DISC_HAVE_PLATFORM);
	assert_int_equal(di->nunknown, 0);
}

static void
test_lldpd(void **state)
{
	(void)state;
	assert_int_equal(disc_walk(LLDPD, cdp_frame_is, cdp_frame_decode,
	    check_lldpd), 3);
}

/* S1's first CDP PDU (frame 1), after the SNAP header. */
static size_t
s1_pdu(uint8_t *out, size_t cap)
{
	size_t	n = cisco3560_payload(0, out, cap);

	assert_int_equal(n, 374 - 8);
	return n;
}

/* Put a fresh checksum in, as a sender would. */
static void
fix_cksum(uint8_t *p, size_t len)
{
	uint16_t	ck;

	if (len < CDP_HDR_LEN)
		return;
	p[2] = p[3] = 0;
	ck = cdp_cksum(p, len);
	p[2] = (uint8_t)(ck >> 8);
	p[3] = (uint8_t)ck;
}

/* The offset of TLV number idx (0 is the first after the header). */
static size_t
tlv_at(const uint8_t *p, size_t len, unsigned idx)
{
	size_t		off = CDP_HDR_LEN;
	unsigned	i;

	for (i = 0; i < idx; i++) {
		assert_true(off + 4 <= len);
		off += (size_t)(p[off + 2] << 8 | p[off + 3]);
	}
	return off;
}

/* Insert n bytes of x into TLV idx's value and count them in its length. */
static size_t
grow(uint8_t *p, size_t len, unsigned idx, size_t n, uint8_t x)
{
	size_t		off = tlv_at(p, len, idx);
	unsigned	tl = (unsigned)(p[off + 2] << 8 | p[off + 3]);

	memmove(p + off + tl + n, p + off + tl, len - off - tl);
	memset(p + off + tl, x, n);
	tl += (unsigned)n;
	p[off + 2] = (uint8_t)(tl >> 8);
	p[off + 3] = (uint8_t)tl;
	fix_cksum(p, len + n);
	return len + n;
}

/*
 * Every cut of a real PDU: at a TLV boundary it is a shorter valid
 * PDU; anywhere else the TLV runs past the end.  The checksum is made
 * right each time, odd lengths included, so the bounds are tested.
 */
static void
test_cut(void **state)
{
	uint8_t			pdu[512], cut[512];
	struct disc_info	di;
	size_t			len, l, next = CDP_HDR_LEN;
	unsigned		ntlv = 0, ok = 0;

	(void)state;
	len = s1_pdu(pdu, sizeof(pdu));
	for (l = 0; l < len; l++) {
		memcpy(cut, pdu, l);
		fix_cksum(cut, l);
		if (l < CDP_HDR_LEN) {
			assert_int_equal(cdp_decode(cut, l, &di),
			    L2C_ERR_TRUNC);
			continue;
		}
		if (l == next) {
			assert_int_equal(cdp_decode(cut, l, &di), 0);
			assert_int_equal(di.nunknown + di.naddrs +
			    (unsigned)__builtin_popcount(di.have &
			    ~DISC_HAVE_TTL), ntlv);
			next += (size_t)(pdu[l + 2] << 8 | pdu[l + 3]);
			ntlv++;
			ok++;
			continue;
		}
		assert_int_equal(cdp_decode(cut, l, &di), L2C_ERR_TRUNC);
	}
	assert_int_equal(next, len);
	assert_int_equal(ntlv, 14);
	assert_int_equal(ok, 14);
	assert_int_equal(cdp_decode(pdu, len, &di), 0);
}

/* TLV indices in S1's PDU, in tshark's order. */
enum { I_DEVID, I_SW, I_PLAT, I_ADDR, I_PORT, I_CAPS, I_HELLO, I_VTP,
	I_VLAN, I_DUPLEX, I_TRUST, I_COS, I_MGMT, I_POWER };

/* Fixed-size values one byte longer, and address lists with a spare. */
static void
test_grown(void **state)
{
	static const unsigned	fixed[] = { I_CAPS, I_VLAN, I_DUPLEX,
	    I_ADDR, I_MGMT };
	uint8_t			pdu[512], g[600];
	struct disc_info	di;
	size_t			len, glen, i;

	(void)state;
	len = s1_pdu(pdu, sizeof(pdu));
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		memcpy(g, pdu, len);
		glen = grow(g, len, fixed[i], 1, 0);
		assert_int_equal(cdp_decode(g, glen, &di),
		    L2C_ERR_MALFORMED);
	}
	/* Strings and unknown TLVs may grow: that is only a longer PDU. */
	memcpy(g, pdu, len);
	glen = grow(g, len, I_PORT, 2, '!');
	assert_int_equal(cdp_decode(g, glen, &di), 0);
	assert_string_equal(di.port_id, "FastEthernet0/13!!");
	memcpy(g, pdu, len);
	glen = grow(g, len, I_HELLO, 40, 0xee);
	assert_int_equal(cdp_decode(g, glen, &di), 0);
	disc_want_unknown(&di, 0, CDP_T_HELLO, 32 + 40, NULL, 0);
}

/* A length field that claims more than the PDU has, or under 4. */
static void
test_bad_lengths(void **state)
{
	uint8_t			pdu[512];
	struct disc_info	di;
	size_t			len, off;

	(void)state;
	len = s1_pdu(pdu, sizeof(pdu));
	off = tlv_at(pdu, len, I_POWER);
	pdu[off + 3]++;				/* the last TLV: 17 of 16 */
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_TRUNC);
	len = s1_pdu(pdu, sizeof(pdu));
	pdu[tlv_at(pdu, len, I_DEVID) + 3] = 3;	/* under its own header */
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
	len = s1_pdu(pdu, sizeof(pdu));
	pdu[tlv_at(pdu, len, I_DEVID) + 3] = 0;
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
	/* An address count above what the TLV holds. */
	len = s1_pdu(pdu, sizeof(pdu));
	pdu[tlv_at(pdu, len, I_ADDR) + 7] = 2;
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
}

/* The header: checksum, version. */
static void
test_header(void **state)
{
	uint8_t			pdu[512];
	struct disc_info	di;
	size_t			len;

	(void)state;
	len = s1_pdu(pdu, sizeof(pdu));
	pdu[3] ^= 1;				/* 0x0beb: wrong */
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
	len = s1_pdu(pdu, sizeof(pdu));
	assert_int_equal(pdu[2] << 8 | pdu[3], 0x0bea);
	fix_cksum(pdu, len);			/* ours is tshark's */
	assert_int_equal(pdu[2] << 8 | pdu[3], 0x0bea);
	pdu[0] = 1;				/* CDPv1 is fine */
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), 0);
	assert_int_equal(di.version, 1);
	pdu[0] = 3;
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
	pdu[0] = 0;
	fix_cksum(pdu, len);
	assert_int_equal(cdp_decode(pdu, len, &di), L2C_ERR_MALFORMED);
}

/*
 * An odd length, last byte 0x9c: Cisco adds it as 0xff9b, RFC 1071 as
 * 0x9c00, and some senders as 0x009c.  Each is accepted; a wrong sum
 * is not.  (Device ID "ab\x9c": 4 + 4 + 3 = 11 bytes.)
 */
static void
test_odd_cksum(void **state)
{
	uint8_t			p[11] = { 2, 180, 0, 0, 0, 1, 0, 7,
	    'a', 'b', 0x9c };
	struct disc_info	di;
	uint32_t		sum, lasts[3] = { 0xff9b, 0x9c00, 0x009c };
	uint16_t		ck;
	size_t			i;

	(void)state;
	for (i = 0; i < 3; i++) {
		p[2] = p[3] = 0;
		sum = 0x02b4 + 0x0000 + 0x0001 + 0x0007 + 0x6162 + lasts[i];
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		ck = (uint16_t)~sum;
		p[2] = (uint8_t)(ck >> 8);
		p[3] = (uint8_t)ck;
		assert_int_equal(cdp_decode(p, sizeof(p), &di), 0);
		assert_string_equal(di.name, "ab\x9c");
		if (i == 0) {
			p[2] = p[3] = 0;
			assert_int_equal(cdp_cksum(p, sizeof(p)), ck);
			p[2] = (uint8_t)(ck >> 8);
			p[3] = (uint8_t)ck;
		}
	}
	p[3] ^= 0x10;
	assert_int_equal(cdp_decode(p, sizeof(p), &di), L2C_ERR_MALFORMED);
}

/* Long strings are cut, ended and counted; many addresses are capped. */
static void
test_bounds(void **state)
{
	uint8_t			p[1024], *q;
	struct disc_info	di;
	size_t			len, i;

	(void)state;
	memset(p, 0, sizeof(p));
	p[0] = 2;
	p[1] = 10;
	q = p + CDP_HDR_LEN;
	/* Device ID of 300 'x' */
	q[1] = CDP_T_DEVICE_ID;
	q[2] = (300 + 4) >> 8;
	q[3] = (300 + 4) & 0xff;
	memset(q + 4, 'x', 300);
	q += 304;
	/* Management addresses: six IPv4 ones, then an IPv6 one. */
	q[1] = CDP_T_MGMT_ADDR;
	q[3] = 4 + 4 + 6 * 9 + 1 + 1 + 8 + 2 + 16;
	q[7] = 7;
	q += 8;
	for (i = 0; i < 6; i++) {
		q[0] = 1;
		q[1] = 1;
		q[2] = 0xcc;
		q[4] = 4;
		q[5] = 192;
		q[6] = 0;
		q[7] = 2;
		q[8] = (uint8_t)(1 + i);
		q += 9;
	}
	memcpy(q, "\x02\x08\xaa\xaa\x03\x00\x00\x00\x86\xdd\x00\x10", 12);
	q += 12 + 16;
	len = (size_t)(q - p);
	fix_cksum(p, len);
	assert_int_equal(cdp_decode(p, len, &di), 0);
	assert_int_equal(strlen(di.name), DISC_STR_MAX - 1);
	assert_int_equal(di.cut, 1);
	assert_int_equal(di.naddrs, DISC_ADDR_MAX);
	assert_int_equal(di.addrs_dropped, 3);
	assert_int_equal(di.addrs[3].addr[3], 4);
	assert_int_equal(di.addrs[3].kind, DISC_ADDR_MGMT);
}

/* More unknown TLVs than are kept: the rest are counted. */
static void
test_unknown_cap(void **state)
{
	uint8_t			p[256];
	struct disc_info	di;
	size_t			len = CDP_HDR_LEN, i;

	(void)state;
	memset(p, 0, sizeof(p));
	p[0] = 2;
	p[1] = 180;
	for (i = 0; i < DISC_UNK_MAX + 3; i++) {
		p[len] = 0x7f;
		p[len + 1] = (uint8_t)i;
		p[len + 3] = 5;
		p[len + 4] = (uint8_t)(0xa0 + i);
		len += 5;
	}
	fix_cksum(p, len);
	assert_int_equal(cdp_decode(p, len, &di), 0);
	assert_int_equal(di.nunknown, DISC_UNK_MAX);
	assert_int_equal(di.unknown_dropped, 3);
	disc_want_unknown(&di, 7, 0x7f07, 1, "\xa7", 1);
	assert_null(cdp_tlv_name(0x7f07));
	assert_string_equal(cdp_tlv_name(CDP_T_PLATFORM), "Platform");
}

/* Not CDP: another SNAP OUI or PID, another group, Ethernet II. */
static void
test_not_cdp(void **state)
{
	uint8_t			f[512];
	size_t			n;

	(void)state;
	n = cisco3560_frame(0, f, sizeof(f));
	f[21] = 0x01;				/* PID 0x2001 */
	assert_int_equal(disc_frame_try(f, n, cdp_frame_decode),
	    L2C_ERR_PROTO);
	f[21] = 0x00;
	f[19] = 0x0d;				/* OUI 00:00:0d */
	assert_int_equal(disc_frame_try(f, n, cdp_frame_decode),
	    L2C_ERR_PROTO);
	f[19] = 0x0c;
	f[5] = 0xcd;				/* 01:00:0c:cc:cc:cd */
	assert_int_equal(disc_frame_try(f, n, cdp_frame_decode),
	    L2C_ERR_PROTO);
	f[5] = 0xcc;
	assert_int_equal(disc_frame_try(f, n, cdp_frame_decode), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_captured_cdp),
		cmocka_unit_test(test_lldpd),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_grown),
		cmocka_unit_test(test_bad_lengths),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_odd_cksum),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_unknown_cap),
		cmocka_unit_test(test_not_cdp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
