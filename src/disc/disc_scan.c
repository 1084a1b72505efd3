/* SPDX-License-Identifier: ISC */
/*
 * The CDP and LLDP scan rows.  Both protocols announce on their own
 * (CDP every 60 s, LLDP every 30 s); there is nothing to ask, so the
 * rows only join the groups and turn each PDU into an update held for
 * its TTL.  An LLDP TTL of 0 (a shutdown) lets the sender's LLDP go at
 * once.
 */
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/loop.h"
#include "disc/cdp.h"
#include "disc/disc_scan.h"
#include "disc/lldp.h"

/* What the PDU's fields become in the record, and what its hold covers. */
static const struct disc_str_map {
	size_t			off;	/* char[DISC_STR_MAX] in disc_info */
	uint32_t		have;	/* DISC_HAVE_* */
	enum l2c_neigh_str	str;
} str_map[] = {
	{ offsetof(struct disc_info, name), DISC_HAVE_NAME, L2C_NS_IDENTITY },
	{ offsetof(struct disc_info, platform), DISC_HAVE_PLATFORM,
	    L2C_NS_PLATFORM },
	{ offsetof(struct disc_info, software), DISC_HAVE_SOFTWARE,
	    L2C_NS_DESCR },
	{ offsetof(struct disc_info, descr), DISC_HAVE_DESCR, L2C_NS_DESCR },
	{ offsetof(struct disc_info, port_id), DISC_HAVE_PORT_ID,
	    L2C_NS_PORT },
	{ offsetof(struct disc_info, port_descr), DISC_HAVE_PORT_DESCR,
	    L2C_NS_PORT_DESCR },
	{ offsetof(struct disc_info, chassis_id), DISC_HAVE_CHASSIS_ID,
	    L2C_NS_CHASSIS },
};

/*
 * A Cisco sends both, and they differ (Device ID "S1", System Name
 * "S1.cisco.com"; Port ID "Gi0/13", an LLDP port id that is an alias):
 * where the record holds a CDP value, LLDP leaves it, so the record
 * does not flip at every frame.  LLDP's hold still covers the field.
 */
static int
cdp_owns(const struct l2c_neigh *cur, uint32_t bit)
{
	return cur != NULL && (cur->protos & L2C_NP_CDP) && (cur->have & bit);
}

static void
put_str(struct l2c_neigh_upd *u, const struct l2c_neigh *cur,
    const struct disc_info *di, enum l2c_neigh_str i, const char *s)
{
	if (di->proto == DISC_LLDP && cdp_owns(cur, L2C_NF_STR(i)))
		u->hold.fields |= L2C_NF_STR(i);
	else
		l2c_neigh_upd_str(u, i, s, strlen(s));
}

void
disc_scan_upd(const uint8_t *src, const struct disc_info *di,
    const struct l2c_neigh *cur, uint64_t ts_us, struct l2c_neigh_upd *u)
{
	char		 caps[L2C_NEIGH_STRLEN];
	size_t		 i;

	l2c_neigh_upd_init(u, src);
	u->f.protos = di->proto == DISC_CDP ? L2C_NP_CDP : L2C_NP_LLDP;
	for (i = 0; i < sizeof(str_map) / sizeof(str_map[0]); i++)
		if (di->have & str_map[i].have)
			put_str(u, cur, di, str_map[i].str,
			    (const char *)di + str_map[i].off);
	if (di->have & DISC_HAVE_CAPS) {
		/* LLDP: what is enabled, else what is there. */
		disc_caps_str(di->proto, di->proto == DISC_LLDP &&
		    di->caps_enabled != 0 ? di->caps_enabled : di->caps, caps,
		    sizeof(caps));
		put_str(u, cur, di, L2C_NS_CAPS, caps);
	}
	if ((di->have & DISC_HAVE_NATIVE_VLAN) && di->proto == DISC_LLDP &&
	    cdp_owns(cur, L2C_NF_VLAN))
		u->hold.fields |= L2C_NF_VLAN;
	else if (di->have & DISC_HAVE_NATIVE_VLAN) {
		u->f.vlan = di->native_vlan;
		u->f.have |= L2C_NF_VLAN;
	}
	for (i = 0; i < di->naddrs; i++) {
		if (di->addrs[i].family == 4)
			l2c_neigh_upd_ipv4(u, di->addrs[i].addr);
		else
			l2c_neigh_upd_ipv6(u, di->addrs[i].addr);
	}
	/* Types we cannot even name: for whoever reads the record. */
	u->f.have |= L2C_NF_UNKNOWN;
	for (i = 0; i < di->nunknown; i++)
		if (!di->unknown[i].known)
			l2c_neigh_upd_unknown(u, u->f.protos,
			    di->unknown[i].type, di->unknown[i].len,
			    di->unknown[i].bytes, di->unknown[i].nbytes);
	u->hold.protos = u->f.protos;
	u->hold.fields |= u->f.have;
	u->hold.until_us = ts_us + L2C_SEC(di->ttl);
}

static void
disc_rx(struct l2c_scan *s, const struct l2c_pkt *pkt,
    int (*decode)(const struct l2c_pkt *, struct disc_info *),
    const char *what)
{
	struct disc_info	di;
	struct l2c_neigh_upd	u;
	int			rv;

	s->stats.rx++;
	if ((rv = decode(pkt, &di)) != 0) {
		if (rv != L2C_ERR_PROTO)
			l2c_scan_bad(s, pkt, what, rv);
		return;
	}
	disc_scan_upd(pkt->src, &di, l2c_neigh_find(s->tab, pkt->src),
	    pkt->ts_us, &u);
	(void)l2c_scan_note(s, &u, pkt->ts_us, NULL);
}

static int
cdp_start(struct l2c_scan *s)
{
	return l2c_ctx_join(s->ctx, cdp_mcast);
}

static void
cdp_rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	disc_rx(s, pkt, cdp_frame_decode, "cdp: bad PDU");
}

/* Nearest bridge, non-TPMR bridge and customer bridge: all three. */
static int
lldp_start(struct l2c_scan *s)
{
	size_t	i;
	int	rv;

	for (i = 0; i < LLDP_NGROUPS; i++)
		if ((rv = l2c_ctx_join(s->ctx, lldp_mcast[i])) != 0)
			return rv;
	return 0;
}

static void
lldp_rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	disc_rx(s, pkt, lldp_frame_decode, "lldp: bad PDU");
}

const struct l2c_scan_proto cdp_scan_proto = {
	.name = "cdp",
	.family = L2C_SCAN_CDP,
	/* 802.3 + SNAP (AA AA 03, 00-00-0C, 20-00) to 01:00:0c:cc:cc:cc. */
	.filter = "ether dst 01:00:0c:cc:cc:cc and ether[12:2] <= 1500 and "
	    "ether[14:4] = 0xaaaa0300 and ether[18:4] = 0x000c2000",
	.start = cdp_start,
	.rx = cdp_rx,
};

const struct l2c_scan_proto lldp_scan_proto = {
	.name = "lldp",
	.family = L2C_SCAN_LLDP,
	.filter = "ether proto 0x88cc",
	.start = lldp_start,
	.rx = lldp_rx,
};
