/* SPDX-License-Identifier: ISC */
/*
 * MNDP and MAC-Telnet as scan rows.  MNDP is asked once per round with
 * a refresh request (4 zero bytes, 0.0.0.0 -> 255.255.255.255:5678:
 * no address needed here); announcements come from port 5678 or, from
 * mactelnetd, port 20561, so the filter goes by the destination port.
 * Each station MNDP reports gets a MAC ping (at most twice, on two
 * announcements) until a pong carrying our cookie comes back.
 */
#include <string.h>

#include "mac/mndp_scan.h"
#include "mac/mt_ping.h"
#include "mac/mt_proto.h"

#define PING_TRIES	2
#define PING_MAGIC	"l2cscan"	/* + NUL + cookie (BE16) */
#define PING_LEN	16

static void
str(struct l2c_neigh_upd *u, enum l2c_neigh_str i, const char *s)
{
	if (s[0] != '\0')
		l2c_neigh_upd_str(u, i, s, strlen(s));
}

void
mndp_scan_upd(const struct l2c_pkt *pkt, const struct mndp_info *mi,
    struct l2c_neigh_upd *u)
{
	uint8_t	ip[4];
	size_t	i;

	l2c_neigh_upd_init(u, mi->has_mac ? mi->mac : pkt->src);
	u->f.protos = L2C_NP_MNDP;
	/* What a newer RouterOS sends that we cannot name yet. */
	u->f.have |= L2C_NF_UNKNOWN;
	for (i = 0; i < mi->nunk; i++)
		l2c_neigh_upd_unknown(u, L2C_NP_MNDP, mi->unk[i].type,
		    mi->unk[i].len, mi->unk[i].bytes, mi->unk[i].nbytes);
	str(u, L2C_NS_IDENTITY, mi->identity);
	str(u, L2C_NS_PLATFORM, mi->platform);
	str(u, L2C_NS_BOARD, mi->board);
	str(u, L2C_NS_VERSION, mi->version);
	str(u, L2C_NS_SOFTWARE, mi->softid);
	str(u, L2C_NS_IFNAME, mi->ifname);
	if (mi->has_uptime) {
		u->f.uptime_s = mi->uptime;
		u->f.have |= L2C_NF_UPTIME;
	}
	if (mi->has_ipv4)
		l2c_neigh_upd_ipv4(u, mi->ipv4);
	else if (pkt->udp_ok && pkt->ip_src != 0) {
		ip[0] = (uint8_t)(pkt->ip_src >> 24);
		ip[1] = (uint8_t)(pkt->ip_src >> 16);
		ip[2] = (uint8_t)(pkt->ip_src >> 8);
		ip[3] = (uint8_t)pkt->ip_src;
		l2c_neigh_upd_ipv4(u, ip);
	}
	if (mi->has_ipv6)
		l2c_neigh_upd_ipv6(u, mi->ipv6);
}

static int
mndp_probe(struct l2c_scan *s, unsigned round)
{
	struct l2c_wbuf	w, rq;
	uint8_t		req[MNDP_REQ_LEN], frame[L2C_ETH_MINLEN + 8];
	int		rv;

	(void)round;
	l2c_wbuf_init(&rq, req, sizeof(req));
	if ((rv = mndp_request_build(&rq)) != 0)
		return rv;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if ((rv = l2c_udp_build(&w, l2c_mac_bcast, s->ctx->link->mac, 0,
	    0xffffffffU, MNDP_PORT, MNDP_PORT, req, rq.len)) != 0)
		return rv;
	return l2c_scan_send(s, frame, w.len);
}

static void
mndp_rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	struct mndp_info	 mi;
	struct l2c_neigh_upd	 u;
	int			 rv;

	if (!pkt->udp_ok || pkt->dport != MNDP_PORT ||
	    mndp_is_request(pkt->udata, pkt->ulen))
		return;
	s->stats.rx++;
	if ((rv = mndp_parse(pkt->udata, pkt->ulen, &mi)) != 0) {
		/* What came before the broken TLV is still good. */
		l2c_scan_bad(s, pkt, "mndp: bad announcement", rv);
	}
	mndp_scan_upd(pkt, &mi, &u);
	(void)l2c_scan_note(s, &u, pkt->ts_us, NULL);
}

const struct l2c_scan_proto mndp_scan_proto = {
	.name = "mndp",
	.family = L2C_SCAN_MIKROTIK,
	.filter = "udp dst port 5678",
	.probe = mndp_probe,
	.rx = mndp_rx,
};

static void
ping_payload(const struct l2c_scan *s, uint8_t *p)
{
	struct l2c_wbuf	w;

	l2c_wbuf_init(&w, p, PING_LEN);
	(void)l2c_put_bytes(&w, PING_MAGIC, sizeof(PING_MAGIC));
	(void)l2c_put_be16(&w, s->cookie);
	(void)l2c_put_zero(&w, l2c_wbuf_room(&w));
}

/* A station MNDP told us about and that has not answered yet: ping it. */
static void
mt_seen(struct l2c_scan *s, struct l2c_neigh *n, uint8_t *probed)
{
	struct l2c_wbuf	w;
	uint8_t		frame[128], payload[PING_LEN];

	if (!(n->protos & L2C_NP_MNDP) || (n->protos & L2C_NP_MACTELNET) ||
	    *probed >= PING_TRIES)
		return;
	(*probed)++;
	ping_payload(s, payload);
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (mt_ping_build(&w, s->ctx->link->mac, n->mac, payload,
	    sizeof(payload)) == 0)
		(void)l2c_scan_send(s, frame, w.len);
}

static void
mt_rx(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	struct l2c_neigh_upd	 u;
	const uint8_t		*data;
	uint8_t			 from[L2C_ETH_ALEN], want[PING_LEN];
	size_t			 len;

	if (mt_pong_parse(pkt, s->ctx->link->mac, from, &data, &len) != 0)
		return;		/* sessions, others' pings */
	s->stats.rx++;
	ping_payload(s, want);
	if (len != sizeof(want) || memcmp(data, want, len) != 0) {
		s->stats.malformed++;	/* someone else's ping, or mangled */
		return;
	}
	l2c_neigh_upd_init(&u, from);
	u.f.protos = L2C_NP_MACTELNET;
	(void)l2c_scan_note(s, &u, pkt->ts_us, NULL);
}

const struct l2c_scan_proto mt_ping_scan_proto = {
	.name = "mactelnet",
	.family = L2C_SCAN_MIKROTIK,
	.filter = "udp src port 20561",
	.rx = mt_rx,
	.seen = mt_seen,
};
