/* SPDX-License-Identifier: ISC */
/* LLDPDUs: TLVs of a 7-bit type and a 9-bit length, all big-endian. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/tok.h"
#include "disc/lldp.h"

const uint8_t	lldp_mcast[LLDP_NGROUPS][L2C_ETH_ALEN] = {
	{ 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e },
	{ 0x01, 0x80, 0xc2, 0x00, 0x00, 0x03 },
	{ 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 },
};

/* An OUI and a subtype: the first four bytes of the value, big-endian. */
#define IEEE_8021(sub)	(0x0080c200u | (sub))
#define IEEE_8023(sub)	(0x00120f00u | (sub))

/* One row per organizationally specific TLV we turn into fields. */
struct lldp_org {
	struct l2c_tok	 tok;		/* OUI and subtype; named in row */
	struct disc_row	 row;		/* lengths after OUI and subtype */
};

/* Bytes as "aa:bb:cc", cut to fit the field. */
static void
hex_rest(struct disc_info *di, char *dst, struct l2c_rbuf *v)
{
	size_t	off = 0;
	uint8_t	b;

	dst[0] = '\0';
	while (l2c_get_u8(v, &b) == 0) {
		if (off + 3 + (off > 0) > DISC_STR_MAX) {
			di->cut++;
			(void)l2c_get_skip(v, l2c_rbuf_left(v));
			break;
		}
		off += (size_t)snprintf(dst + off, DISC_STR_MAX - off, "%s%02x",
		    off > 0 ? ":" : "", b);
	}
}

/*
 * A network address: an IANA family number, then the address.  IPv4
 * and IPv6 as text; anything else as hex, family byte included.
 */
static void
netaddr_rest(struct disc_info *di, char *dst, struct l2c_rbuf *v)
{
	struct l2c_rbuf	 whole = *v;
	const uint8_t	*a;
	uint8_t		 fam;
	size_t		 n;

	if (l2c_get_u8(v, &fam) == 0) {
		n = l2c_rbuf_left(v);
		if (((fam == 1 && n == 4) || (fam == 2 && n == 16)) &&
		    l2c_get_ptr(v, &a, n) == 0 &&
		    inet_ntop(fam == 1 ? AF_INET : AF_INET6, a, dst,
		    DISC_STR_MAX) != NULL)
			return;
	}
	*v = whole;
	hex_rest(di, dst, v);
}

/*
 * A Chassis or Port ID: its subtype, then the id; a MAC and a network
 * address as text, anything else as a string.
 */
static int
id_tlv(struct disc_info *di, struct l2c_rbuf *v, uint8_t *subtype,
    char *dst, uint8_t mac, uint8_t netaddr)
{
	uint8_t	m[L2C_ETH_ALEN];
	int	rv;

	if ((rv = l2c_get_u8(v, subtype)) != 0)
		return rv;
	if (*subtype == mac && l2c_rbuf_left(v) == L2C_ETH_ALEN &&
	    l2c_get_bytes(v, m, sizeof(m)) == 0)
		l2c_mac_fmt(m, dst, DISC_STR_MAX);
	else if (*subtype == mac)
		hex_rest(di, dst, v);
	else if (*subtype == netaddr)
		netaddr_rest(di, dst, v);
	else
		disc_str_rest(di, dst, v);
	return 0;
}

static int
t_chassis(struct l2c_rbuf *v, struct disc_info *di)
{
	return id_tlv(di, v, &di->chassis_id_subtype, di->chassis_id,
	    LLDP_CHASSIS_MAC, LLDP_CHASSIS_NETADDR);
}

static int
t_port(struct l2c_rbuf *v, struct disc_info *di)
{
	return id_tlv(di, v, &di->port_id_subtype, di->port_id,
	    LLDP_PORT_MAC, LLDP_PORT_NETADDR);
}

static int
t_caps(struct l2c_rbuf *v, struct disc_info *di)
{
	uint16_t	avail, enabled;
	int		rv;

	if ((rv = l2c_get_be16(v, &avail)) != 0 ||
	    (rv = l2c_get_be16(v, &enabled)) != 0)
		return rv;
	di->caps = avail;
	di->caps_enabled = enabled;
	return 0;
}

/*
 * Address string length (subtype and address), subtype, address,
 * interface numbering subtype, interface number, OID length, OID:
 * the parts must fill the TLV exactly.
 */
static int
t_mgmt(struct l2c_rbuf *v, struct disc_info *di)
{
	const uint8_t	*addr;
	uint32_t	 ifnum;
	uint8_t		 alen, subtype, ifsub, oidlen;

	if (l2c_get_u8(v, &alen) != 0 || alen < 2 || alen > 32 ||
	    l2c_get_u8(v, &subtype) != 0 ||
	    l2c_get_ptr(v, &addr, (size_t)alen - 1) != 0 ||
	    l2c_get_u8(v, &ifsub) != 0 ||
	    l2c_get_be32(v, &ifnum) != 0 ||
	    l2c_get_u8(v, &oidlen) != 0 || oidlen > 128 ||
	    l2c_get_skip(v, oidlen) != 0 || l2c_rbuf_end(v) != 0)
		return L2C_ERR_MALFORMED;
	if (subtype == 1)
		disc_addr_add(di, DISC_ADDR_MGMT, 4, addr, (size_t)alen - 1);
	else if (subtype == 2)
		disc_addr_add(di, DISC_ADDR_MGMT, 6, addr, (size_t)alen - 1);
	else
		di->addrs_dropped++;
	return 0;
}

static int
o_linkagg(struct l2c_rbuf *v, struct disc_info *di)
{
	int	rv;

	if ((rv = l2c_get_u8(v, &di->agg_status)) != 0)
		return rv;
	return l2c_get_be32(v, &di->agg_port);
}

static int
o_macphy(struct l2c_rbuf *v, struct disc_info *di)
{
	int	rv;

	if ((rv = l2c_get_u8(v, &di->autoneg)) != 0 ||
	    (rv = l2c_get_be16(v, &di->pmd_adv)) != 0)
		return rv;
	return l2c_get_be16(v, &di->mau_type);
}

static const struct lldp_org lldp_orgs[] = {
	{ { IEEE_8021(1), NULL }, DISC_BE16("Port VLAN ID", native_vlan,
	    DISC_HAVE_NATIVE_VLAN) },
	{ { IEEE_8021(7), NULL }, DISC_VAL("Link aggregation", 5, 5,
	    o_linkagg, DISC_HAVE_LINKAGG) },
	{ { IEEE_8023(1), NULL }, DISC_VAL("MAC/PHY configuration/status", 5,
	    5, o_macphy, DISC_HAVE_MACPHY) },
	{ { IEEE_8023(3), NULL }, DISC_VAL("Link aggregation (802.3)", 5, 5,
	    o_linkagg, DISC_HAVE_LINKAGG) },
	{ { IEEE_8023(4), NULL }, DISC_BE16("Maximum frame size", mtu,
	    DISC_HAVE_MTU) },
};

/* OUI and subtype, then a row of lldp_orgs or the unknown list. */
static int
t_org(struct l2c_rbuf *v, struct disc_info *di)
{
	const struct lldp_org	*o;
	struct l2c_rbuf		 whole = *v;
	uint32_t		 key;
	int			 rv;

	if ((rv = l2c_get_be32(v, &key)) != 0)
		return rv;
	if ((o = l2c_tok_row(lldp_orgs, L2C_NITEMS(lldp_orgs),
	    sizeof(lldp_orgs[0]), key)) != NULL)
		return disc_row_apply(&o->row, LLDP_T_ORG, v, di);
	disc_unknown_add(di, LLDP_T_ORG, &whole);
	return 0;
}

static const struct disc_row lldp_tlvs[128] = {
	[LLDP_T_END] =		DISC_VAL("End of LLDPDU", 0, 0, NULL, 0),
	[LLDP_T_CHASSIS_ID] =	DISC_VAL("Chassis ID", 2, 256, t_chassis,
				    DISC_HAVE_CHASSIS_ID),
	[LLDP_T_PORT_ID] =	DISC_VAL("Port ID", 2, 256, t_port,
				    DISC_HAVE_PORT_ID),
	[LLDP_T_TTL] =		DISC_BE16("Time to live", ttl, DISC_HAVE_TTL),
	[LLDP_T_PORT_DESCR] =	DISC_STR("Port description", 255, port_descr,
				    DISC_HAVE_PORT_DESCR),
	[LLDP_T_SYSNAME] =	DISC_STR("System name", 255, name,
				    DISC_HAVE_NAME),
	[LLDP_T_SYSDESCR] =	DISC_STR("System description", 255, descr,
				    DISC_HAVE_DESCR),
	[LLDP_T_CAPS] =		DISC_VAL("System capabilities", 4, 4, t_caps,
				    DISC_HAVE_CAPS),
	[LLDP_T_MGMT_ADDR] =	DISC_VAL("Management address", 9, 167, t_mgmt,
				    0),
	[LLDP_T_ORG] =		DISC_VAL("Organizationally specific", 4, 511,
				    t_org, 0),
};

const char *
lldp_tlv_name(uint8_t type)
{
	return type < 128 ? lldp_tlvs[type].name : NULL;
}

/*
 * Chassis ID, Port ID and TTL open the PDU, in that order, and come
 * once.  A fault of order is remembered and decoding goes on, so the
 * caller can see what such a PDU held before it drops it.
 */
int
lldp_decode(const uint8_t *p, size_t len, struct disc_info *di)
{
	struct l2c_rbuf	 r, v;
	uint16_t	 hdr;
	unsigned	 n = 0;
	uint8_t		 type;
	int		 rv, badorder = 0;

	disc_init(di, DISC_LLDP);
	l2c_rbuf_init(&r, p, len);
	while (l2c_rbuf_left(&r) > 0) {
		if ((rv = l2c_get_be16(&r, &hdr)) != 0 ||
		    (rv = l2c_get_sub(&r, &v, hdr & 0x1ff)) != 0)
			goto malformed;
		type = (uint8_t)(hdr >> 9);
		if (n < 3 ? type != LLDP_T_CHASSIS_ID + n :
		    type >= LLDP_T_CHASSIS_ID && type <= LLDP_T_TTL)
			badorder = 1;
		n++;
		if ((rv = disc_row_apply(&lldp_tlvs[type], type, &v, di)) != 0)
			goto malformed;
		if (type == LLDP_T_END)
			break;
	}
	rv = L2C_ERR_MALFORMED;
	if (badorder || n < 3)
		goto malformed;
	return 0;
malformed:
	return rv;
}

int
lldp_frame_is(const struct l2c_pkt *pkt)
{
	size_t	i;

	if (pkt->encap != L2C_ENCAP_ETH2 || pkt->ethertype != LLDP_ETHERTYPE)
		return 0;
	for (i = 0; i < LLDP_NGROUPS; i++)
		if (memcmp(pkt->dst, lldp_mcast[i], L2C_ETH_ALEN) == 0)
			return 1;
	return 0;
}

int
lldp_frame_decode(const struct l2c_pkt *pkt, struct disc_info *di)
{
	return disc_frame_decode(pkt, di, DISC_LLDP, lldp_frame_is, lldp_decode);
}
