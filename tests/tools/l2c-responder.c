/* SPDX-License-Identifier: ISC */
/*
 * Lab tool: many simulated devices behind one interface, for `scan` at
 * scale.  Station i has MAC BASE+i; even stations are MikroTiks (MNDP
 * announcements with identity "sim-NNNN", MAC pings answered), odd ones
 * MOP devices (System ID with the console carrier and software id
 * "SIM-NNNN"); --kind makes them all one or the other.
 *
 *   l2c-responder IFACE N [--kind mixed|mikrotik|mop] [--base MAC]
 *       [--announce SEC] [--ready FILE] [--batch N] [--passive]
 *       [--no-multicast] [--cdp] [--misbehave dup|corrupt]
 *       [--announce-to MAC] [--lldp]
 *
 * Answers MNDP refresh requests (every MikroTik announces), MOP Request
 * IDs (to the console multicast: every MOP station; to one station's
 * MAC: that one), MAC pings, and MOP loopback (each MOP station for its
 * own MAC; the first one also as the loopback assistant).  --passive:
 * answer nothing, only announce.  --no-multicast: MOP stations answer
 * only Request IDs sent to their own MAC.  --cdp: what --announce sends is
 * a CDPv2 frame (Device ID "sim-NNNN", Port ID GigabitEthernet0/1,
 * Platform "cisco SIM"), as a Cisco router does.  --lldp: it is an LLDP
 * frame instead (chassis id the MAC, port "Gi0/1", TTL 120, system name
 * "sim-NNNN", description "SIM LLDP").  --misbehave: every pong twice
 * (dup), or with the last payload byte flipped (corrupt).  With --announce, every station also
 * announces on its own once per SEC seconds, spread over the period as
 * real devices are (MNDP broadcast, System ID to AB-00-00-02-00-00).
 * --announce-to: those announcements go to MAC instead of their multicast
 * or broadcast address, as unicast traffic between two other hosts is
 * (seen by a scan on a bridge only with --promisc).
 * Answers go out --batch frames per millisecond (default 0: all at once).
 * Prints "ready" and touches FILE once listening; counts on SIGTERM.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "disc/cdp.h"
#include "disc/lldp.h"
#include "mac/mndp.h"
#include "mac/mt_proto.h"
#include "mop/loopback.h"
#include "mop/mop_proto.h"
#include "mop/sysid.h"

#define MAXSTA		65536
#define QMAX		(2 * MAXSTA)

enum kind { K_MIXED, K_MIKROTIK, K_MOP };

/* A queued answer: what to send for which station, and to whom. */
struct job {
	uint32_t	sta;
	uint8_t		what;		/* J_* */
	uint8_t		to[L2C_ETH_ALEN];
	uint16_t	receipt;
};
enum { J_MNDP, J_SYSID, J_CDP, J_LLDP };

struct resp {
	struct l2c_loop		*loop;
	struct l2c_link		*link;
	struct l2c_ctx		 ctx;
	uint8_t			 base[L2C_ETH_ALEN];
	unsigned		 n;
	enum kind		 kind;
	unsigned		 batch;
	uint64_t		 announce_us;
	unsigned		 next_announce;
	struct l2c_timer	 t_announce, t_drain;
	struct job		*q;
	size_t			 qhead, qlen;
	int			 passive, no_mcast, cdp, lldp;
	int			 dup, corrupt;	/* --misbehave */
	int			 have_to;	/* --announce-to */
	uint8_t			 to[L2C_ETH_ALEN];
	uint64_t		 sent, asked, dropped;
};

static void
sta_mac(const struct resp *r, unsigned i, uint8_t *mac)
{
	uint32_t	v;

	memcpy(mac, r->base, L2C_ETH_ALEN);
	v = ((uint32_t)mac[3] << 16 | (uint32_t)mac[4] << 8 | mac[5]) + i;
	mac[3] = (uint8_t)(v >> 16);
	mac[4] = (uint8_t)(v >> 8);
	mac[5] = (uint8_t)v;
}

/* Which station a MAC is, or -1. */
static long
sta_of(const struct resp *r, const uint8_t *mac)
{
	uint32_t	b, v;

	if (memcmp(mac, r->base, 3) != 0)
		return -1;
	b = (uint32_t)r->base[3] << 16 | (uint32_t)r->base[4] << 8 |
	    r->base[5];
	v = (uint32_t)mac[3] << 16 | (uint32_t)mac[4] << 8 | mac[5];
	return v >= b && v - b < r->n ? (long)(v - b) : -1;
}

/* Where an announcement goes: its group, or --announce-to. */
static const uint8_t *
announce_dst(const struct resp *r, const uint8_t *group)
{
	return r->have_to ? r->to : group;
}

static int
is_mikrotik(const struct resp *r, unsigned i)
{
	return r->kind == K_MIKROTIK || (r->kind == K_MIXED && i % 2 == 0);
}

static int
put_tlv(struct l2c_wbuf *w, uint16_t type, const void *v, size_t len)
{
	int	rv;

	if ((rv = l2c_put_be16(w, type)) != 0 ||
	    (rv = l2c_put_be16(w, (uint16_t)len)) != 0)
		return rv;
	return l2c_put_bytes(w, v, len);
}

/* An MNDP announcement, as RouterOS lays it out (mactelnet.md). */
static int
build_mndp(const struct resp *r, unsigned i, struct l2c_wbuf *w)
{
	struct l2c_wbuf	d;
	uint8_t		data[512], mac[L2C_ETH_ALEN], ip[4], up[4];
	char		id[32];
	int		rv;

	sta_mac(r, i, mac);
	snprintf(id, sizeof(id), "sim-%04u", i);
	ip[0] = 10;
	ip[1] = (uint8_t)(i >> 16);
	ip[2] = (uint8_t)(i >> 8);
	ip[3] = (uint8_t)i;
	up[0] = (uint8_t)i;		/* uptime i seconds, little-endian */
	up[1] = (uint8_t)(i >> 8);
	up[2] = up[3] = 0;
	l2c_wbuf_init(&d, data, sizeof(data));
	if ((rv = l2c_put_be32(&d, 0)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_MAC, mac, 6)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_IDENTITY, id, strlen(id))) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_VERSION, "7.15-sim", 8)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_PLATFORM, "MikroTik", 8)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_UPTIME, up, 4)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_SOFTID, "SIM-LIC", 7)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_BOARD, "RB-SIM", 6)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_IFNAME, "ether1", 6)) != 0 ||
	    (rv = put_tlv(&d, MNDP_T_IPV4, ip, 4)) != 0)
		return rv;
	return l2c_udp_build(w, announce_dst(r, l2c_mac_bcast), mac, 0,
	    0xffffffffU, MNDP_PORT, MNDP_PORT, data, d.len);
}

static int
build_sysid(const struct resp *r, unsigned i, const uint8_t *to,
    uint16_t receipt, struct l2c_wbuf *w)
{
	struct mop_sysid	si;
	struct mop_msg		m;
	struct l2c_wbuf		iw;
	uint8_t			info[512], mac[L2C_ETH_ALEN];
	int			rv;

	sta_mac(r, i, mac);
	memset(&si, 0, sizeof(si));
	si.have = MOP_HAVE_VERSION | MOP_HAVE_FUNCTIONS | MOP_HAVE_CMD_SIZE |
	    MOP_HAVE_RSP_SIZE | MOP_HAVE_HWADDR | MOP_HAVE_DEVICE |
	    MOP_HAVE_SOFTWARE;
	si.version[0] = 3;
	si.functions = MOP_FN_LOOP | MOP_FN_CONSOLE;
	si.functions_len = 2;
	si.cmd_size = 512;
	si.rsp_size = 512;
	memcpy(si.hwaddr, mac, 6);
	si.device = 9;
	snprintf(si.software, sizeof(si.software), "SIM-%04u", i);
	si.software_kind = (int)strlen(si.software);
	l2c_wbuf_init(&iw, info, sizeof(info));
	if ((rv = mop_sysid_build(&iw, &si)) != 0)
		return rv;
	memset(&m, 0, sizeof(m));
	m.code = MOP_SYSTEM_ID;
	m.u.sysid.receipt = receipt;
	m.u.sysid.info = info;
	m.u.sysid.infolen = iw.len;
	return mop_build(w, to, mac, L2C_ENCAP_ETH2, &m);
}

/* A CDP string TLV: its length counts its own 4-byte header. */
static int
cdp_tlv(struct l2c_wbuf *w, uint16_t type, const char *s)
{
	return put_tlv(w, type, s, strlen(s)) != 0 ? L2C_ERR_NOSPACE :
	    l2c_set_be16(w, w->len - strlen(s) - 2,
	    (uint16_t)(strlen(s) + CDP_TLV_HLEN));
}

/* A CDPv2 frame from station i: 802.3, LLC/SNAP 00-00-0C 0x2000. */
static int
build_cdp(const struct resp *r, unsigned i, struct l2c_wbuf *w)
{
	static const uint8_t	snap[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c,
	    0x20, 0x00 };
	char			name[16];
	uint8_t			src[L2C_ETH_ALEN], pdu[256];
	struct l2c_wbuf		p;
	uint16_t		ck;
	size_t			lenat;
	int			rv;

	sta_mac(r, i, src);
	snprintf(name, sizeof(name), "sim-%04u", i);
	l2c_wbuf_init(&p, pdu, sizeof(pdu));
	if ((rv = l2c_put_u8(&p, 2)) != 0 || (rv = l2c_put_u8(&p, 180)) != 0 ||
	    (rv = l2c_put_be16(&p, 0)) != 0 ||
	    (rv = cdp_tlv(&p, CDP_T_DEVICE_ID, name)) != 0 ||
	    (rv = cdp_tlv(&p, CDP_T_PORT_ID, "GigabitEthernet0/1")) != 0 ||
	    (rv = cdp_tlv(&p, CDP_T_PLATFORM, "cisco SIM")) != 0)
		return rv;
	ck = cdp_cksum(pdu, p.len);
	if ((rv = l2c_set_be16(&p, 2, ck)) != 0 ||
	    (rv = l2c_put_bytes(w, announce_dst(r, cdp_mcast),
	    L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_bytes(w, src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_reserve(w, 2, &lenat)) != 0 ||
	    (rv = l2c_put_bytes(w, snap, sizeof(snap))) != 0 ||
	    (rv = l2c_put_bytes(w, pdu, p.len)) != 0 ||
	    (rv = l2c_set_be16(w, lenat, (uint16_t)(sizeof(snap) +
	    p.len))) != 0)
		return rv;
	if (w->len < L2C_ETH_MINLEN)
		return l2c_put_zero(w, L2C_ETH_MINLEN - w->len);
	return 0;
}

/* An LLDP TLV: 7 bits of type, 9 of length. */
static int
lldp_tlv(struct l2c_wbuf *w, unsigned type, const void *v, size_t len)
{
	int	rv;

	if ((rv = l2c_put_be16(w, (uint16_t)(type << 9 | len))) != 0)
		return rv;
	return l2c_put_bytes(w, v, len);
}

/* An LLDPDU from station i, to the nearest-bridge group. */
static int
build_lldp(const struct resp *r, unsigned i, struct l2c_wbuf *w)
{
	static const uint8_t	ttl[2] = { 0, 120 };
	uint8_t			src[L2C_ETH_ALEN], chassis[1 + L2C_ETH_ALEN];
	char			name[16];
	int			rv;

	sta_mac(r, i, src);
	chassis[0] = LLDP_CHASSIS_MAC;
	memcpy(chassis + 1, src, L2C_ETH_ALEN);
	snprintf(name, sizeof(name), "sim-%04u", i);
	if ((rv = l2c_put_bytes(w, announce_dst(r, lldp_mcast[0]),
	    L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_bytes(w, src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_be16(w, LLDP_ETHERTYPE)) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_CHASSIS_ID, chassis,
	    sizeof(chassis))) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_PORT_ID, "\x05Gi0/1", 6)) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_TTL, ttl, sizeof(ttl))) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_SYSNAME, name, strlen(name))) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_SYSDESCR, "SIM LLDP", 8)) != 0 ||
	    (rv = lldp_tlv(w, LLDP_T_END, "", 0)) != 0)
		return rv;
	if (w->len < L2C_ETH_MINLEN)
		return l2c_put_zero(w, L2C_ETH_MINLEN - w->len);
	return 0;
}

/* A pong from station i to whoever pinged, with the same payload. */
static int
build_pong(const struct resp *r, unsigned i, const uint8_t *to,
    struct l2c_rbuf *payload, struct l2c_wbuf *w)
{
	struct mt_hdr	h;
	struct l2c_wbuf	pw;
	uint8_t		pkt[MT_MAX_UDP];
	int		rv;

	memset(&h, 0, sizeof(h));
	h.type = MT_PT_PONG;
	sta_mac(r, i, h.src);
	memcpy(h.dst, to, 6);
	l2c_wbuf_init(&pw, pkt, sizeof(pkt));
	if ((rv = mt_hdr_build(&pw, MT_S2C, &h)) != 0 ||
	    (rv = l2c_put_bytes(&pw, l2c_rbuf_cur(payload),
	    l2c_rbuf_left(payload))) != 0)
		return rv;
	if (r->corrupt && l2c_rbuf_left(payload) > 0)
		pkt[pw.len - 1] ^= 0x01;
	return mt_frame_build(w, l2c_mac_bcast, h.src, 0, MT_PORT, MT_PORT,
	    pkt, pw.len);
}

static void
send_job(struct resp *r, const struct job *j)
{
	struct l2c_wbuf	w;
	uint8_t		frame[1600];
	int		rv;

	l2c_wbuf_init(&w, frame, sizeof(frame));
	switch (j->what) {
	case J_MNDP:
		rv = build_mndp(r, j->sta, &w);
		break;
	case J_CDP:
		rv = build_cdp(r, j->sta, &w);
		break;
	case J_LLDP:
		rv = build_lldp(r, j->sta, &w);
		break;
	default:
		rv = build_sysid(r, j->sta, j->to, j->receipt, &w);
		break;
	}
	if (rv == 0 && (rv = l2c_link_send(r->link, frame, w.len)) == 0)
		r->sent++;
	else
		fprintf(stderr, "l2c-responder: send: %s\n", l2c_strerror(rv));
}

/* Send what is queued, --batch at a time, a millisecond apart. */
static void
drain(void *arg)
{
	struct resp	*r = arg;
	unsigned	 k;

	for (k = 0; r->qlen > 0 && (r->batch == 0 || k < r->batch); k++) {
		send_job(r, &r->q[r->qhead]);
		r->qhead = (r->qhead + 1) % QMAX;
		r->qlen--;
	}
	if (r->qlen > 0)
		l2c_timer_arm(r->loop, &r->t_drain, L2C_MS(1));
}

static void
enqueue(struct resp *r, const struct job *j)
{
	if (r->qlen == QMAX) {
		r->dropped++;
		return;
	}
	r->q[(r->qhead + r->qlen++) % QMAX] = *j;
	if (!r->t_drain.armed)
		l2c_timer_arm(r->loop, &r->t_drain, 0);
}

static void
on_mndp(void *arg, const struct l2c_pkt *pkt)
{
	struct resp	*r = arg;
	struct job	 j;
	unsigned	 i;

	if (r->passive || !pkt->udp_ok || !mndp_is_request(pkt->udata, pkt->ulen) ||
	    sta_of(r, pkt->src) >= 0)
		return;
	r->asked++;
	memset(&j, 0, sizeof(j));
	j.what = J_MNDP;
	for (i = 0; i < r->n; i++)
		if (is_mikrotik(r, i)) {
			j.sta = i;
			enqueue(r, &j);
		}
}

static void
on_mop(void *arg, const struct l2c_pkt *pkt)
{
	struct resp	*r = arg;
	struct mop_msg	 m;
	struct job	 j;
	long		 one;
	unsigned	 i;

	if (r->passive || mop_parse_pkt(pkt, &m) != 0 ||
	    m.code != MOP_REQUEST_ID || sta_of(r, pkt->src) >= 0)
		return;
	one = sta_of(r, pkt->dst);
	if (one < 0 && r->no_mcast)
		return;
	r->asked++;
	memset(&j, 0, sizeof(j));
	j.what = J_SYSID;
	j.receipt = m.u.reqid.receipt;
	memcpy(j.to, pkt->src, 6);
	for (i = 0; i < r->n; i++)
		if (!is_mikrotik(r, i) && (one < 0 || (long)i == one)) {
			j.sta = i;
			enqueue(r, &j);
		}
}

static void
on_ping(void *arg, const struct l2c_pkt *pkt)
{
	struct resp	*r = arg;
	struct l2c_rbuf	 rb;
	struct l2c_wbuf	 w;
	struct mt_hdr	 h;
	uint8_t		 frame[1600];
	long		 i;

	if (r->passive || !pkt->udp_ok)
		return;
	l2c_rbuf_init(&rb, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&rb, MT_C2S, &h) != 0 || h.type != MT_PT_PING ||
	    (i = sta_of(r, h.dst)) < 0 || !is_mikrotik(r, (unsigned)i))
		return;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (build_pong(r, (unsigned)i, h.src, &rb, &w) == 0 &&
	    l2c_link_send(r->link, frame, w.len) == 0)
		r->sent++;
	if (r->dup && l2c_link_send(r->link, frame, w.len) == 0)
		r->sent++;
}

/* The first MOP station: the one that stands in as loopback assistant. */
static unsigned
first_mop(const struct resp *r)
{
	return r->kind == K_MOP ? 0 : 1;
}

/* Loopback: forward the frame on, at once, as the spec's station does. */
static void
on_loop(void *arg, const struct l2c_pkt *pkt)
{
	struct resp	*r = arg;
	struct mop_loop	 m;
	struct l2c_wbuf	 w;
	uint8_t		 frame[1600], mac[L2C_ETH_ALEN];
	long		 i;

	if (r->passive || mop_loop_parse(pkt->payload, pkt->plen, &m) != 0 ||
	    m.function != MOP_LOOP_FORWARD)
		return;
	if (memcmp(pkt->dst, mop_mcast_loop, 6) == 0)
		i = first_mop(r) < r->n ? (long)first_mop(r) : -1;
	else
		i = sta_of(r, pkt->dst);
	if (i < 0 || is_mikrotik(r, (unsigned)i))
		return;
	sta_mac(r, (unsigned)i, mac);
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (mop_loop_build_forward(&w, mac, pkt->payload, pkt->plen,
	    &m) == 0 && l2c_link_send(r->link, frame, w.len) == 0)
		r->sent++;
}

/* One station announces per tick: all of them once per period. */
static void
announce(void *arg)
{
	struct resp	*r = arg;
	struct job	 j;
	unsigned	 i = r->next_announce++ % r->n;

	memset(&j, 0, sizeof(j));
	j.sta = i;
	if (r->lldp)
		j.what = J_LLDP;
	else if (r->cdp)
		j.what = J_CDP;
	else if (is_mikrotik(r, i))
		j.what = J_MNDP;
	else {
		j.what = J_SYSID;
		memcpy(j.to, announce_dst(r, mop_mcast_console), 6);
	}
	enqueue(r, &j);
	l2c_timer_arm(r->loop, &r->t_announce, r->announce_us / r->n);
}

static void
on_term(void *arg, int signo)
{
	struct resp	*r = arg;

	(void)signo;
	l2c_loop_break(r->loop, 0);
}

static int
fail(const char *what, int rv)
{
	fprintf(stderr, "l2c-responder: %s: %s\n", what, l2c_strerror(rv));
	return 1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kind",	required_argument,	NULL, 'k' },
		{ "base",	required_argument,	NULL, 'b' },
		{ "announce",	required_argument,	NULL, 'a' },
		{ "ready",	required_argument,	NULL, 'r' },
		{ "batch",	required_argument,	NULL, 'B' },
		{ "passive",	no_argument,		NULL, 'p' },
		{ "no-multicast", no_argument,		NULL, 'M' },
		{ "cdp",	no_argument,		NULL, 'C' },
		{ "misbehave",	required_argument,	NULL, 'X' },
		{ "announce-to", required_argument,	NULL, 'T' },
		{ "lldp",	no_argument,		NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	static const uint8_t	 defbase[6] = { 0x02, 0x4c, 0x32, 0x53, 0, 0 };
	struct resp		 r;
	const char		*ready = NULL;
	FILE			*f;
	int			 ch, rv;

	memset(&r, 0, sizeof(r));
	memcpy(r.base, defbase, 6);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			r.kind = strcmp(optarg, "mikrotik") == 0 ? K_MIKROTIK :
			    strcmp(optarg, "mop") == 0 ? K_MOP : K_MIXED;
			break;
		case 'b':
			if (l2c_mac_parse(optarg, r.base) != 0)
				return 64;
			break;
		case 'a':
			r.announce_us = (uint64_t)(atof(optarg) * 1e6);
			break;
		case 'r':
			ready = optarg;
			break;
		case 'B':
			r.batch = (unsigned)atoi(optarg);
			break;
		case 'p':
			r.passive = 1;
			break;
		case 'M':
			r.no_mcast = 1;
			break;
		case 'C':
			r.cdp = 1;
			break;
		case 'L':
			r.lldp = 1;
			break;
		case 'T':
			if (l2c_mac_parse(optarg, r.to) != 0)
				return 64;
			r.have_to = 1;
			break;
		case 'X':
			r.dup = strcmp(optarg, "dup") == 0;
			r.corrupt = strcmp(optarg, "corrupt") == 0;
			break;
		default:
			return 64;
		}
	}
	if (optind + 2 != argc || (r.n = (unsigned)atoi(argv[optind + 1])) ==
	    0 || r.n > MAXSTA) {
		fprintf(stderr, "usage: l2c-responder IFACE N [options]\n");
		return 64;
	}
	if ((r.q = calloc(QMAX, sizeof(*r.q))) == NULL)
		return 1;
	if ((rv = l2c_link_open(argv[optind], &r.link)) != 0)
		return fail(argv[optind], rv);
	if ((rv = l2c_loop_new(&r.loop)) != 0 ||
	    (rv = l2c_ctx_init(&r.ctx, r.loop, r.link)) != 0 ||
	    (rv = l2c_ctx_join(&r.ctx, mop_mcast_console)) != 0 ||
	    (rv = l2c_ctx_listen(&r.ctx, "udp dst port 5678", on_mndp,
	    &r)) < 0 ||
	    (rv = l2c_ctx_listen(&r.ctx, "ether proto 0x6002", on_mop,
	    &r)) < 0 ||
	    (rv = l2c_ctx_join(&r.ctx, mop_mcast_loop)) != 0 ||
	    (rv = l2c_ctx_listen(&r.ctx, "udp dst port 20561", on_ping,
	    &r)) < 0 ||
	    (rv = l2c_ctx_listen(&r.ctx, "ether proto 0x9000", on_loop,
	    &r)) < 0 ||
	    (rv = l2c_loop_signal(r.loop, SIGTERM, on_term, &r)) != 0 ||
	    (rv = l2c_loop_signal(r.loop, SIGINT, on_term, &r)) != 0)
		return fail("start", rv);
	l2c_timer_init(&r.t_drain, drain, &r);
	l2c_timer_init(&r.t_announce, announce, &r);
	if (r.announce_us > 0)
		l2c_timer_arm(r.loop, &r.t_announce, 0);
	printf("ready %u stations\n", r.n);
	fflush(stdout);
	if (ready != NULL && (f = fopen(ready, "w")) != NULL)
		fclose(f);
	(void)l2c_loop_run(r.loop);
	printf("asked %llu sent %llu dropped %llu\n",
	    (unsigned long long)r.asked, (unsigned long long)r.sent,
	    (unsigned long long)r.dropped);
	l2c_ctx_fini(&r.ctx);
	l2c_link_close(r.link);
	l2c_loop_free(r.loop);
	free(r.q);
	return 0;
}
