/* SPDX-License-Identifier: ISC */
/*
 * The MOP discovery row.  Request ID goes out in both forms over the
 * probe rounds: the spec's 4 bytes (a strict server such as pydecnet
 * drops anything else) and moprc's 5 (known to work with Cisco).  Every
 * System ID counts, asked for or not: a periodic one to the multicast
 * is how a device says MOP is on.
 */
#include <string.h>

#include "core/frame.h"
#include "mop/mop_scan.h"

static const uint8_t	zero_mac[L2C_ETH_ALEN];

void
mop_scan_upd(const uint8_t *src, const struct mop_sysid *si,
    struct l2c_neigh_upd *u)
{
	const char	*sw;

	l2c_neigh_upd_init(u, src);
	u->f.protos = L2C_NP_MOP;
	if (si->have & MOP_HAVE_FUNCTIONS) {
		/* The functions speak for the console: set or clear it. */
		u->pmask = L2C_NP_MOP_CONSOLE | L2C_NP_MOP_RESERVED;
		u->clear = L2C_NF_CONSOLE_USER;
		u->f.mop_functions = si->functions;
		u->f.have |= L2C_NF_MOP_FUNCTIONS;
		if (si->functions & MOP_FN_CONSOLE)
			u->f.protos |= L2C_NP_MOP_CONSOLE;
		if (si->functions & MOP_FN_RESERVED)
			u->f.protos |= L2C_NP_MOP_RESERVED;
	}
	/* An all-zero console user is nobody (some servers always send it). */
	if ((si->have & MOP_HAVE_CONSOLE_USER) &&
	    memcmp(si->console_user, zero_mac, L2C_ETH_ALEN) != 0) {
		memcpy(u->f.console_user, si->console_user, L2C_ETH_ALEN);
		u->f.have |= L2C_NF_CONSOLE_USER;
	}
	if (si->have & MOP_HAVE_CMD_SIZE) {
		u->f.cmd_size = si->cmd_size;
		u->f.have |= L2C_NF_CMD_SIZE;
	}
	if (si->have & MOP_HAVE_RSP_SIZE) {
		u->f.rsp_size = si->rsp_size;
		u->f.have |= L2C_NF_RSP_SIZE;
	}
	if (si->have & MOP_HAVE_DEVICE) {
		u->f.device = si->device;
		u->f.have |= L2C_NF_DEVICE;
	}
	if (si->have & MOP_HAVE_HWADDR) {
		memcpy(u->f.hwaddr, si->hwaddr, L2C_ETH_ALEN);
		u->f.have |= L2C_NF_HWADDR;
	}
	if (si->have & MOP_HAVE_VERSION) {
		memcpy(u->f.mop_version, si->version, sizeof(u->f.mop_version));
		u->f.have |= L2C_NF_MOP_VERSION;
	}
	if (si->have & MOP_HAVE_SOFTWARE) {
		sw = mop_software_str(si);
		l2c_neigh_upd_str(u, L2C_NS_SOFTWARE, sw, strlen(sw));
	}
}

static int
request_id(struct l2c_scan *s, const uint8_t *dst, uint8_t form)
{
	struct mop_msg	m;
	struct l2c_wbuf	w;
	uint8_t		frame[L2C_ETH_MINLEN + 16];
	int		rv;

	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.receipt = s->cookie;
	m.u.reqid.form = form;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if ((rv = mop_build(&w, dst, s->ctx->link->mac, L2C_ENCAP_ETH2,
	    &m)) != 0)
		return rv;
	return l2c_scan_send(s, frame, w.len);
}

static int
mop_start(struct l2c_scan *s)
{
	return l2c_ctx_join(s->ctx, mop_mcast_console);
}

static int
mop_probe(struct l2c_scan *s, unsigned round)
{
	return request_id(s, mop_mcast_console,
	    round % 2 == 0 ? MOP_REQID_SPEC : MOP_REQID_MOPRC);
}

static int
mop_probe_station(struct l2c_scan *s, const uint8_t *mac)
{
	int	rv;

	if ((rv = request_id(s, mac, MOP_REQID_SPEC)) != 0)
		return rv;
	return request_id(s, mac, MOP_REQID_MOPRC);
}

static void
mop_rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	struct mop_msg		m;
	struct mop_sysid	si;
	struct l2c_neigh_upd	u;
	int			rv;

	s->stats.rx++;
	if ((rv = mop_parse_pkt(pkt, &m)) != 0) {
		l2c_scan_bad(s, pkt, "mop: bad frame", rv);
		return;
	}
	if (m.code != MOP_SYSTEM_ID)
		return;		/* others' Request IDs, consoles, ... */
	if ((rv = mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen,
	    &si)) != 0) {
		/* It speaks MOP; what it said is not to be trusted. */
		l2c_scan_bad(s, pkt, "mop: bad System ID", rv);
		l2c_neigh_upd_init(&u, pkt->src);
		u.f.protos = L2C_NP_MOP;
	} else
		mop_scan_upd(pkt->src, &si, &u);
	(void)l2c_scan_note(s, &u, pkt->ts_us, NULL);
}

const struct l2c_scan_proto mop_scan_proto = {
	.name = "mop",
	.family = L2C_SCAN_MOP,
	/* Ethernet II, and 802.3 + SNAP (AA AA 03, 08-00-2B, 60-02). */
	.filter = "ether proto 0x6002 or (ether[12:2] <= 1500 and "
	    "ether[14:4] = 0xaaaa0308 and ether[18:4] = 0x002b6002)",
	.start = mop_start,
	.probe = mop_probe,
	.probe_station = mop_probe_station,
	.rx = mop_rx,
};
