/* SPDX-License-Identifier: ISC */
/* CDP v1/v2 PDUs: a header, then type/length/value, all big-endian. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/tok.h"
#include "disc/cdp.h"

const uint8_t	cdp_mcast[L2C_ETH_ALEN] = {
	0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc
};
const uint8_t	cdp_oui[3] = { 0x00, 0x00, 0x0c };

/* The protocol field of an address record: NLPID IP, 802.2 IPv6. */
static const uint8_t	proto_ip4[1] = { 0xcc };
static const uint8_t	proto_ip6[8] = {
	0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd
};

/*
 * A count, then records of protocol type, protocol length, protocol,
 * address length, address.  IPv4 and IPv6 are kept; other protocols
 * are counted.  The records must fill the TLV exactly.
 */
static int
cdp_addresses(struct l2c_rbuf *v, struct disc_info *di,
    enum disc_addr_kind kind)
{
	const uint8_t	*proto, *addr;
	uint32_t	 count, i;
	uint16_t	 alen;
	uint8_t		 ptype, plen;
	int		 rv;

	if ((rv = l2c_get_be32(v, &count)) != 0)
		return rv;
	for (i = 0; i < count; i++) {
		if ((rv = l2c_get_u8(v, &ptype)) != 0 ||
		    (rv = l2c_get_u8(v, &plen)) != 0 ||
		    (rv = l2c_get_ptr(v, &proto, plen)) != 0 ||
		    (rv = l2c_get_be16(v, &alen)) != 0 ||
		    (rv = l2c_get_ptr(v, &addr, alen)) != 0)
			return L2C_ERR_MALFORMED;
		if (ptype == 1 && plen == sizeof(proto_ip4) &&
		    memcmp(proto, proto_ip4, plen) == 0)
			disc_addr_add(di, kind, 4, addr, alen);
		else if (ptype == 2 && plen == sizeof(proto_ip6) &&
		    memcmp(proto, proto_ip6, plen) == 0)
			disc_addr_add(di, kind, 6, addr, alen);
		else
			di->addrs_dropped++;
	}
	return l2c_rbuf_end(v) == 0 ? 0 : L2C_ERR_MALFORMED;
}

static int
t_addresses(struct l2c_rbuf *v, struct disc_info *di)
{
	return cdp_addresses(v, di, DISC_ADDR_IFACE);
}

static int
t_mgmt_addr(struct l2c_rbuf *v, struct disc_info *di)
{
	return cdp_addresses(v, di, DISC_ADDR_MGMT);
}

#define ANY	0xffff

static const struct disc_row cdp_tlvs[] = {
	[CDP_T_DEVICE_ID] =	DISC_STR("Device ID", ANY, name,
				    DISC_HAVE_NAME),
	[CDP_T_ADDRESSES] =	DISC_VAL("Addresses", 4, ANY, t_addresses, 0),
	[CDP_T_PORT_ID] =	DISC_STR("Port ID", ANY, port_id,
				    DISC_HAVE_PORT_ID),
	[CDP_T_CAPABILITIES] =	DISC_BE32("Capabilities", caps,
				    DISC_HAVE_CAPS),
	[CDP_T_SOFTWARE] =	DISC_STR("Software version", ANY, software,
				    DISC_HAVE_SOFTWARE),
	[CDP_T_PLATFORM] =	DISC_STR("Platform", ANY, platform,
				    DISC_HAVE_PLATFORM),
	[CDP_T_IP_PREFIX] =	DISC_SKIP("IP prefixes"),
	[CDP_T_HELLO] =		DISC_SKIP("Protocol hello"),
	[CDP_T_VTP_DOMAIN] =	DISC_STR("VTP management domain", ANY,
				    vtp_domain, DISC_HAVE_VTP_DOMAIN),
	[CDP_T_NATIVE_VLAN] =	DISC_BE16("Native VLAN", native_vlan,
				    DISC_HAVE_NATIVE_VLAN),
	[CDP_T_DUPLEX] =	DISC_U8("Duplex", duplex, DISC_HAVE_DUPLEX),
	[CDP_T_POWER] =		DISC_SKIP("Power consumption"),
	[CDP_T_MTU] =		DISC_SKIP("MTU"),
	[CDP_T_TRUST] =		DISC_SKIP("Trust bitmap"),
	[CDP_T_UNTRUSTED_COS] =	DISC_SKIP("Untrusted port CoS"),
	[CDP_T_SYSNAME] =	DISC_SKIP("System name"),
	[CDP_T_SYSOID] =	DISC_SKIP("System object ID"),
	[CDP_T_MGMT_ADDR] =	DISC_VAL("Management addresses", 4, ANY,
				    t_mgmt_addr, 0),
	[CDP_T_LOCATION] =	DISC_SKIP("Location"),
	[CDP_T_POWER_AVAIL] =	DISC_SKIP("Power available"),
};

#undef ANY

static const struct disc_row *
cdp_tlv_row(uint16_t type)
{
	if (type >= L2C_NITEMS(cdp_tlvs) ||
	    cdp_tlvs[type].name == NULL)
		return NULL;
	return &cdp_tlvs[type];
}

const char *
cdp_tlv_name(uint16_t type)
{
	const struct disc_row	*t = cdp_tlv_row(type);

	return t != NULL ? t->name : NULL;
}

/* The odd last byte, as Cisco adds it (lldpd and Wireshark agree). */
static uint32_t
cisco_odd(uint8_t b)
{
	return b & 0x80 ? (uint32_t)((b - 1) | 0xff00) : b;
}

uint16_t
cdp_cksum(const uint8_t *p, size_t len)
{
	struct l2c_rbuf	r;
	uint8_t		last;

	l2c_rbuf_init(&r, p, len);
	if ((len & 1) == 0 || l2c_peek_u8(&r, len - 1, &last) != 0)
		return l2c_inet_cksum(p, len, 0);
	return l2c_inet_cksum(p, len - 1, cisco_odd(last));
}

/*
 * The IP checksum over the PDU.  An even length leaves no choice; for
 * an odd one take the RFC 1071 padding, Cisco's rule, or the last byte
 * alone as the low half of a word: each has been seen sent.
 */
static int
cksum_ok(const uint8_t *p, size_t len)
{
	struct l2c_rbuf	r;
	uint8_t		last;

	if (l2c_inet_cksum(p, len, 0) == 0)
		return 1;
	l2c_rbuf_init(&r, p, len);
	if ((len & 1) == 0 || l2c_peek_u8(&r, len - 1, &last) != 0)
		return 0;
	return l2c_inet_cksum(p, len - 1, cisco_odd(last)) == 0 ||
	    l2c_inet_cksum(p, len - 1, last) == 0;
}

int
cdp_decode(const uint8_t *p, size_t len, struct disc_info *di)
{
	struct l2c_rbuf		 r, v;
	uint16_t		 cksum, type, tlen;
	uint8_t			 ttl;
	int			 rv;

	disc_init(di, DISC_CDP);
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_get_u8(&r, &di->version)) != 0 ||
	    (rv = l2c_get_u8(&r, &ttl)) != 0 ||
	    (rv = l2c_get_be16(&r, &cksum)) != 0)
		goto malformed;
	di->ttl = ttl;
	di->have |= DISC_HAVE_TTL;
	rv = L2C_ERR_MALFORMED;
	if (di->version != 1 && di->version != 2)
		goto malformed;
	if (!cksum_ok(p, len))
		goto malformed;
	while (l2c_rbuf_left(&r) > 0) {
		if ((rv = l2c_get_be16(&r, &type)) != 0 ||
		    (rv = l2c_get_be16(&r, &tlen)) != 0)
			goto malformed;
		rv = L2C_ERR_MALFORMED;
		if (tlen < CDP_TLV_HLEN)
			goto malformed;
		if ((rv = l2c_get_sub(&r, &v, tlen - CDP_TLV_HLEN)) != 0)
			goto malformed;
		if ((rv = disc_row_apply(cdp_tlv_row(type), type, &v, di)) != 0)
			goto malformed;
	}
	return 0;
malformed:
	return rv;
}

int
cdp_frame_is(const struct l2c_pkt *pkt)
{
	return pkt->encap == L2C_ENCAP_SNAP &&
	    pkt->ethertype == CDP_SNAP_PID &&
	    memcmp(pkt->snap_oui, cdp_oui, sizeof(cdp_oui)) == 0 &&
	    memcmp(pkt->dst, cdp_mcast, sizeof(cdp_mcast)) == 0;
}

int
cdp_frame_decode(const struct l2c_pkt *pkt, struct disc_info *di)
{
	return disc_frame_decode(pkt, di, DISC_CDP, cdp_frame_is, cdp_decode);
}
