/* SPDX-License-Identifier: ISC */
/*
 * LLDP: every frame of the Cisco 3560 and the link-aggregation
 * captures, field by field against tshark's dissection, then cut,
 * grown and hand-made LLDPDUs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/frame.h"
#include "disc/lldp.h"
#include "../lib/capture.h"
#include "../lib/disc_cap.h"

#define CISCO	CISCO3560
#define LINKAGG	"lldp-8021-linkagg_tcpdump-tests.pcap"

/*
 * tshark -r cisco3560-cdp-lldp_tcpdump-tests.pcap -V, frame 3 (and 5,
 * 9, 11, the same bytes), from Cisco_a7:b2:8d to 01:80:c2:00:00:0e:
 *   Link Layer Discovery Protocol
 *     Chassis Subtype = MAC address, Id: 00:19:2f:a7:b2:8d
 *     Port Subtype = Interface alias (1), Id: Uplink to S1
 *     Time To Live = 120 sec
 *     System Name = S2.cisco.com
 *     System Description = Cisco IOS Software, C3560 Software
 *       (C3560-ADVIPSERVICESK9-M), Version 12.2(44)SE, RELEASE SOFTWARE
 *       (fc1)\nCopyright (c) 1986-2008 by Cisco Systems, Inc.\nCompiled
 *       Sat 05-Jan-08 00:15 by weiliu  (TLV Length: 190)
 *     Port Description = GigabitEthernet0/13
 *     Capabilities: 0x0014 (Bridge, Router), Enabled: 0x0004 (Bridge)
 *     IEEE - Port VLAN ID: Port VLAN Identifier: 1 (0x0001)
 *     Ieee 802.3 - MAC/PHY Configuration/Status
 *       Auto-Negotiation Support/Status: 0x03 (Supported, Enabled)
 *       PMD Auto-Negotiation Advertised Capability: 0xc036
 *       Operational MAU Type: 100BaseTXFD (0x0010)
 *     End of LLDPDU
 * Frame 4 (and 6, 10, 12), from Cisco_98:68:8f, differs in: Chassis Id
 * 00:18:ba:98:68:8f, Port Subtype = Locally assigned (7), Id: Fa0/13,
 * System Name = S1.cisco.com, Port Description = FastEthernet0/13,
 * PMD Auto-Negotiation Advertised Capability: 0x0036.
 */
static void
check_s(const struct l2c_pkt *pkt, const struct disc_info *di, size_t i)
{
	int	s2 = cisco3560_which(pkt);

	(void)i;
	assert_int_equal(di->proto, DISC_LLDP);
	assert_int_equal(di->chassis_id_subtype, LLDP_CHASSIS_MAC);
	assert_string_equal(di->chassis_id,
	    s2 ? "00:19:2f:a7:b2:8d" : "00:18:ba:98:68:8f");
	assert_int_equal(di->port_id_subtype, s2 ? 1 : 7);
	assert_string_equal(di->port_id, s2 ? "Uplink to S1" : "Fa0/13");
	assert_int_equal(di->ttl, 120);
	assert_string_equal(di->name, s2 ? "S2.cisco.com" : "S1.cisco.com");
	assert_string_equal(di->descr, cisco3560_ios);
	assert_int_equal(strlen(di->descr), 190);
	assert_string_equal(di->port_descr,
	    s2 ? "GigabitEthernet0/13" : "FastEthernet0/13");
	assert_int_equal(di->caps, LLDP_CAP_BRIDGE | LLDP_CAP_ROUTER);
	assert_int_equal(di->caps_enabled, LLDP_CAP_BRIDGE);
	assert_int_equal(di->native_vlan, 1);
	assert_int_equal(di->autoneg, 0x03);
	assert_int_equal(di->pmd_adv, s2 ? 0xc036 : 0x0036);
	assert_int_equal(di->mau_type, 0x0010);
	assert_int_equal(di->have, DISC_HAVE_CHASSIS_ID | DISC_HAVE_PORT_ID |
	    DISC_HAVE_TTL | DISC_HAVE_NAME | DISC_HAVE_DESCR |
	    DISC_HAVE_PORT_DESCR | DISC_HAVE_CAPS | DISC_HAVE_NATIVE_VLAN |
	    DISC_HAVE_MACPHY);
	assert_int_equal(di->naddrs, 0);
	assert_int_equal(di->nunknown, 0);
	assert_int_equal(di->cut, 0);
}

static void
test_every_captured_lldp(void **state)
{
	(void)state;
	/* tshark: frames 4, 6, 10, 12 from S1; 3, 5, 9, 11 from S2. */
	assert_int_equal(disc_walk(CISCO, lldp_frame_is, lldp_frame_decode,
	    check_s), 8);
}

/*
 * tshark -r lldp-8021-linkagg_tcpdump-tests.pcap -V, frames 1 and 2:
 *   Link Layer Discovery Protocol
 *     Invalid Chassis ID (0x7F), expected (0x01)
 *       [Expert Info (Warning/Malformed)]
 * The bytes, fe 09 00 80 c2 07 03 00 00 00 64 (frame 2: 07 01 00 00 00
 * 00): one IEEE 802.1 Link Aggregation TLV, status 0x03 (capable,
 * enabled), port id 100 (frame 2: status 0x01, port 0), and nothing
 * else.  Malformed for us too, but the TLV is decoded.
 */
static void
test_linkagg(void **state)
{
	struct tcap		 c;
	struct l2c_pkt		 pkt;
	struct disc_info	 di;

	(void)state;
	tcap_load(LINKAGG, &c);
	assert_int_equal(c.n, 2);
	assert_int_equal(l2c_frame_parse(c.f[0].data, c.f[0].len, &pkt), 0);
	assert_true(lldp_frame_is(&pkt));
	assert_int_equal(lldp_frame_decode(&pkt, &di), L2C_ERR_MALFORMED);
	assert_int_equal(di.have, DISC_HAVE_LINKAGG);
	assert_int_equal(di.agg_status, 0x03);
	assert_int_equal(di.agg_port, 100);
	assert_int_equal(l2c_frame_parse(c.f[1].data, c.f[1].len, &pkt), 0);
	assert_int_equal(lldp_frame_decode(&pkt, &di), L2C_ERR_MALFORMED);
	assert_int_equal(di.have, DISC_HAVE_LINKAGG);
	assert_int_equal(di.agg_status, 0x01);
	assert_int_equal(di.agg_port, 0);
	tcap_free(&c);
}

#define LLDPD	"lldpd1016-cdpv2-lldp-shutdown.pcapng"

/*
 * tshark -r lldpd1016-cdpv2-lldp-shutdown.pcapng -V, frames 1, 3, 5
 * (lldpd 1.0.16, see tests/lab/capture_lldpd.sh):
 *   Link Layer Discovery Protocol
 *     Chassis Subtype = MAC address, Id: 02:4c:32:43:00:11
 *     Port Subtype = MAC address (3), Id: 02:4c:32:43:00:11
 *     Time To Live = 8 sec
 *     System Name = lab-sw1
 *     System Description = l2console lab switch
 *     Capabilities: 0x009c (Bridge, WLAN AP, Router, Station only),
 *       Enabled Capabilities: 0x0080 (Station only)
 *     Management Address: Address Subtype: IPv4 (1), 192.0.2.11,
 *       Interface Subtype: ifIndex (2), Interface Number: 2
 *     Port Description = eth0
 *     Ieee 802.3 - Link Aggregation (deprecated): Aggregation Status:
 *       0x01 (capable, disabled), Aggregated Port Id: 0
 *     Ieee 802.3 - MAC/PHY Configuration/Status: Auto-Negotiation
 *       0x00, PMD Advertised Capability: 0x8000, MAU Type: 0x0036
 *     End of LLDPDU
 * Frame 7, on SIGTERM: Chassis Id and Port Id as above, Time To Live =
 * 0 sec, End of LLDPDU.
 */
static void
check_lldpd(const struct l2c_pkt *pkt, const struct disc_info *di, size_t i)
{
	static const uint8_t	ip[4] = { 192, 0, 2, 11 };

	(void)pkt;
	assert_int_equal(di->chassis_id_subtype, LLDP_CHASSIS_MAC);
	assert_string_equal(di->chassis_id, "02:4c:32:43:00:11");
	assert_int_equal(di->port_id_subtype, LLDP_PORT_MAC);
	assert_string_equal(di->port_id, "02:4c:32:43:00:11");
	if (i == 6) {
		assert_int_equal(di->ttl, 0);
		assert_int_equal(di->have, DISC_HAVE_CHASSIS_ID |
		    DISC_HAVE_PORT_ID | DISC_HAVE_TTL);
		return;
	}
	assert_int_equal(di->ttl, 8);
	assert_string_equal(di->name, "lab-sw1");
	assert_string_equal(di->descr, "l2console lab switch");
	assert_int_equal(di->caps, LLDP_CAP_BRIDGE | LLDP_CAP_WLAN_AP |
	    LLDP_CAP_ROUTER | LLDP_CAP_STATION);
	assert_int_equal(di->caps_enabled, LLDP_CAP_STATION);
	assert_int_equal(di->naddrs, 1);
	disc_want_addr(di, 0, DISC_ADDR_MGMT, 4, ip, 4);
	assert_string_equal(di->port_descr, "eth0");
	assert_int_equal(di->agg_status, 0x01);
	assert_int_equal(di->agg_port, 0);
	assert_int_equal(di->autoneg, 0x00);
	assert_int_equal(di->pmd_adv, 0x8000);
	assert_int_equal(di->mau_type, 0x0036);
	assert_int_equal(di->have, DISC_HAVE_CHASSIS_ID |
	    DISC_HAVE_PORT_ID | DISC_HAVE_TTL | DISC_HAVE_NAME |
	    DISC_HAVE_DESCR | DISC_HAVE_CAPS | DISC_HAVE_PORT_DESCR |
	    DISC_HAVE_LINKAGG | DISC_HAVE_MACPHY);
	assert_int_equal(di->nunknown, 0);
}

static void
test_lldpd(void **state)
{
	(void)state;
	assert_int_equal(disc_walk(LLDPD, lldp_frame_is, lldp_frame_decode,
	    check_lldpd), 4);
}

/* S2's first LLDPDU (frame 3), the Ethernet payload. */
static size_t
s2_pdu(uint8_t *out, size_t cap)
{
	size_t	n = cisco3560_payload(2, out, cap);

	assert_int_equal(n, 296 - 14);
	return n;
}

static size_t
tlv_len(const uint8_t *p, size_t off)
{
	return (size_t)((p[off] & 1) << 8 | p[off + 1]);
}

/* The offset of TLV number idx. */
static size_t
tlv_at(const uint8_t *p, size_t len, unsigned idx)
{
	size_t		off = 0;
	unsigned	i;

	for (i = 0; i < idx; i++) {
		assert_true(off + 2 <= len);
		off += 2 + tlv_len(p, off);
	}
	return off;
}

/* Insert n bytes of x into TLV idx's value and count them in its length. */
static size_t
grow(uint8_t *p, size_t len, unsigned idx, size_t n, uint8_t x)
{
	size_t	off = tlv_at(p, len, idx), tl = tlv_len(p, off);

	memmove(p + off + 2 + tl + n, p + off + 2 + tl, len - off - 2 - tl);
	memset(p + off + 2 + tl, x, n);
	tl += n;
	p[off] = (uint8_t)((p[off] & 0xfe) | (tl >> 8));
	p[off + 1] = (uint8_t)tl;
	return len + n;
}

/*
 * Every cut of a real LLDPDU: at a TLV boundary after the TTL it is a
 * shorter valid one (End is optional at the very end); before it the
 * mandatory TLVs are missing; anywhere else a TLV runs past the end.
 */
static void
test_cut(void **state)
{
	uint8_t			pdu[512];
	struct disc_info	di;
	size_t			len, l, next = 0;
	unsigned		ntlv = 0;

	(void)state;
	len = s2_pdu(pdu, sizeof(pdu));
	for (l = 0; l < len; l++) {
		if (l == next) {
			assert_int_equal(lldp_decode(pdu, l, &di),
			    ntlv < 3 ? L2C_ERR_MALFORMED : 0);
			next += 2 + tlv_len(pdu, l);
			ntlv++;
			continue;
		}
		assert_int_equal(lldp_decode(pdu, l, &di), L2C_ERR_TRUNC);
	}
	assert_int_equal(next, len);
	assert_int_equal(ntlv, 10);
	assert_int_equal(lldp_decode(pdu, len, &di), 0);
}

/* TLV indices in S2's PDU, in tshark's order. */
enum { I_CHASSIS, I_PORT, I_TTL, I_NAME, I_DESCR, I_PDESCR, I_CAPS,
	I_PVID, I_MACPHY, I_END };

/* Fixed-size values one byte longer, and strings past their maximum. */
static void
test_grown(void **state)
{
	static const struct {
		unsigned	idx;
		size_t		n;
		int		rv;
	} cases[] = {
		{ I_TTL, 1, L2C_ERR_MALFORMED },
		{ I_CAPS, 1, L2C_ERR_MALFORMED },
		{ I_PVID, 1, L2C_ERR_MALFORMED },
		{ I_MACPHY, 1, L2C_ERR_MALFORMED },
		{ I_END, 1, L2C_ERR_MALFORMED },
		{ I_CHASSIS, 256 - 7, 0 },		/* 256: the most */
		{ I_CHASSIS, 257 - 7, L2C_ERR_MALFORMED },
		{ I_NAME, 255 - 12, 0 },
		{ I_NAME, 256 - 12, L2C_ERR_MALFORMED },
		{ I_DESCR, 255 - 190, 0 },
		{ I_DESCR, 256 - 190, L2C_ERR_MALFORMED },
		{ I_PDESCR, 1, 0 },
	};
	uint8_t			pdu[512], g[1024];
	struct disc_info	di;
	size_t			len, glen, i;

	(void)state;
	len = s2_pdu(pdu, sizeof(pdu));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(g, pdu, len);
		glen = grow(g, len, cases[i].idx, cases[i].n, 'z');
		assert_int_equal(lldp_decode(g, glen, &di), cases[i].rv);
	}
	memcpy(g, pdu, len);
	glen = grow(g, len, I_NAME, 255 - 12, 'z');
	assert_int_equal(lldp_decode(g, glen, &di), 0);
	assert_int_equal(strlen(di.name), 255);
	assert_int_equal(di.cut, 0);
	/* A MAC chassis id that is not 6 bytes is shown as hex, cut. */
	memcpy(g, pdu, len);
	glen = grow(g, len, I_CHASSIS, 256 - 7, 0xab);
	assert_int_equal(lldp_decode(g, glen, &di), 0);
	assert_int_equal(strlen(di.chassis_id), DISC_STR_MAX - 2);
	assert_int_equal(di.cut, 1);
	assert_memory_equal(di.chassis_id, "00:19:2f:a7:b2:8d:ab:ab", 23);
	/* The last TLV claims a byte the PDU does not have. */
	memcpy(g, pdu, len);
	g[tlv_at(g, len, I_END) + 1] = 1;
	assert_int_equal(lldp_decode(g, len, &di), L2C_ERR_TRUNC);
}

/* Append a TLV. */
static void
put(uint8_t *p, size_t *len, uint8_t type, const void *v, size_t n)
{
	p[*len] = (uint8_t)(type << 1 | n >> 8);
	p[*len + 1] = (uint8_t)n;
	memcpy(p + *len + 2, v, n);
	*len += 2 + n;
}

/* Chassis (MAC), port (ifname "eth0"), TTL t. */
static size_t
head(uint8_t *p, uint16_t ttl)
{
	size_t	len = 0;
	uint8_t	t[2] = { (uint8_t)(ttl >> 8), (uint8_t)ttl };

	put(p, &len, LLDP_T_CHASSIS_ID, "\x04\x02\x00\x00\x00\x00\x01", 7);
	put(p, &len, LLDP_T_PORT_ID, "\x05" "eth0", 5);
	put(p, &len, LLDP_T_TTL, t, 2);
	return len;
}

/* The mandatory three, in order, once; TTL 0 is a valid goodbye. */
static void
test_order(void **state)
{
	uint8_t			p[256];
	struct disc_info	di;
	size_t			len;

	(void)state;
	len = head(p, 0);
	put(p, &len, LLDP_T_END, "", 0);
	assert_int_equal(lldp_decode(p, len, &di), 0);
	assert_int_equal(di.ttl, 0);
	assert_true(di.have & DISC_HAVE_TTL);
	assert_string_equal(di.chassis_id, "02:00:00:00:00:01");
	assert_string_equal(di.port_id, "eth0");
	/* Padding after End is not read; neither is anything else. */
	memset(p + len, 0xff, 20);
	assert_int_equal(lldp_decode(p, len + 20, &di), 0);
	/* No End, zero padding (reads as End), or no End at all. */
	len = head(p, 120);
	memset(p + len, 0, 20);
	assert_int_equal(lldp_decode(p, len + 20, &di), 0);
	assert_int_equal(lldp_decode(p, len, &di), 0);
	/* A second TTL. */
	len = head(p, 120);
	put(p, &len, LLDP_T_TTL, "\x00\x10", 2);
	assert_int_equal(lldp_decode(p, len, &di), L2C_ERR_MALFORMED);
	/* Port before chassis. */
	len = 0;
	put(p, &len, LLDP_T_PORT_ID, "\x05" "eth0", 5);
	put(p, &len, LLDP_T_CHASSIS_ID, "\x04\x02\x00\x00\x00\x00\x01", 7);
	put(p, &len, LLDP_T_TTL, "\x00\x78", 2);
	assert_int_equal(lldp_decode(p, len, &di), L2C_ERR_MALFORMED);
	/* No TTL. */
	len = 0;
	put(p, &len, LLDP_T_CHASSIS_ID, "\x04\x02\x00\x00\x00\x00\x01", 7);
	put(p, &len, LLDP_T_PORT_ID, "\x05" "eth0", 5);
	put(p, &len, LLDP_T_END, "", 0);
	assert_int_equal(lldp_decode(p, len, &di), L2C_ERR_MALFORMED);
	assert_int_equal(lldp_decode(p, 0, &di), L2C_ERR_MALFORMED);
}

/* Management addresses, and ids that are network addresses or odd MACs. */
static void
test_addresses(void **state)
{
	static const uint8_t	m4[] = { 5, 1, 192, 0, 2, 1, 2, 0, 0, 0, 3,
	    0 };
	static const uint8_t	m6[] = { 17, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 2, 0, 0, 0, 3, 2, 0x2b, 0x06 };
	static const uint8_t	m4_short[] = { 1, 1, 2, 0, 0, 0, 3, 0, 0 };
	static const uint8_t	m4_oid[] = { 5, 1, 192, 0, 2, 1, 2, 0, 0, 0,
	    3, 3, 0x2b };
	uint8_t			p[256];
	struct disc_info	di;
	char			s[DISC_ADDR_STRLEN];
	size_t			len;

	(void)state;
	len = 0;
	put(p, &len, LLDP_T_CHASSIS_ID, "\x05\x01\xc0\x00\x02\x09", 6);
	put(p, &len, LLDP_T_PORT_ID, "\x03\x01\x02\x03\x04\x05", 6);
	put(p, &len, LLDP_T_TTL, "\x00\x78", 2);
	put(p, &len, LLDP_T_MGMT_ADDR, m4, sizeof(m4));
	put(p, &len, LLDP_T_MGMT_ADDR, m6, sizeof(m6));
	assert_int_equal(lldp_decode(p, len, &di), 0);
	assert_string_equal(di.chassis_id, "192.0.2.9");
	assert_string_equal(di.port_id, "01:02:03:04:05");
	assert_int_equal(di.naddrs, 2);
	assert_int_equal(di.addrs[0].kind, DISC_ADDR_MGMT);
	assert_string_equal(disc_addr_fmt(&di.addrs[0], s, sizeof(s)),
	    "192.0.2.1");
	assert_int_equal(di.addrs[1].family, 6);
	assert_string_equal(disc_addr_fmt(&di.addrs[1], s, sizeof(s)),
	    "2001:db8::1");
	len = head(p, 120);
	put(p, &len, LLDP_T_MGMT_ADDR, m4_short, sizeof(m4_short));
	assert_int_equal(lldp_decode(p, len, &di), L2C_ERR_MALFORMED);
	len = head(p, 120);
	put(p, &len, LLDP_T_MGMT_ADDR, m4_oid, sizeof(m4_oid));
	assert_int_equal(lldp_decode(p, len, &di), L2C_ERR_MALFORMED);
}

/* Unknown types and unknown organizations are kept, up to a bound. */
static void
test_unknown(void **state)
{
	uint8_t			p[512];
	struct disc_info	di;
	char			caps[64];
	size_t			len, i;

	(void)state;
	len = head(p, 120);
	put(p, &len, 9, "\x11\x22", 2);
	put(p, &len, LLDP_T_ORG, "\x00\x12\xbb\x01\x00\x33\x0f", 7);
	for (i = 0; i < DISC_UNK_MAX; i++)
		put(p, &len, (uint8_t)(10 + i), "", 0);
	assert_int_equal(lldp_decode(p, len, &di), 0);
	assert_int_equal(di.nunknown, DISC_UNK_MAX);
	assert_int_equal(di.unknown_dropped, 2);
	disc_want_unknown(&di, 0, 9, 2, "\x11\x22", 2);
	disc_want_unknown(&di, 1, LLDP_T_ORG, 7, "\x00\x12\xbb\x01", 4);
	assert_null(lldp_tlv_name(9));
	assert_string_equal(lldp_tlv_name(LLDP_T_SYSNAME), "System name");
	assert_string_equal(disc_caps_str(DISC_LLDP, 0x14, caps,
	    sizeof(caps)), "bridge, router");
	assert_string_equal(disc_caps_str(DISC_CDP, 0x28, caps,
	    sizeof(caps)), "switch, IGMP");
}

/* The three groups, and what is not LLDP. */
static void
test_frames(void **state)
{
	uint8_t			f[512];
	size_t			n;

	(void)state;
	n = cisco3560_frame(2, f, sizeof(f));
	f[5] = 0x03;
	assert_int_equal(disc_frame_try(f, n, lldp_frame_decode), 0);
	f[5] = 0x00;
	assert_int_equal(disc_frame_try(f, n, lldp_frame_decode), 0);
	f[5] = 0x01;				/* a pause frame's group */
	assert_int_equal(disc_frame_try(f, n, lldp_frame_decode),
	    L2C_ERR_PROTO);
	f[5] = 0x0e;
	f[13] = 0xcd;				/* ethertype 0x88cd */
	assert_int_equal(disc_frame_try(f, n, lldp_frame_decode),
	    L2C_ERR_PROTO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_captured_lldp),
		cmocka_unit_test(test_linkagg),
		cmocka_unit_test(test_lldpd),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_grown),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_frames),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
