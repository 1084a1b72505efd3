/* SPDX-License-Identifier: ISC */
/*
 * Lab tool: flood a console client with frames that must not disturb
 * it, through the core link and the protocol builders.
 *   l2c-flood IFACE CLIENTMAC SERVERMAC RATE SECONDS [READYFILE]
 * sends RATE frames a second for SECONDS, to CLIENTMAC, in turn:
 *   junk   random bytes, random source MAC, random ethertype;
 *   udp    IPv4/UDP from port 20561 to the client's port, garbage inside;
 *   mt     MAC-Telnet packets that look like the server's (header and
 *          Ethernet source SERVERMAC, the client's port) but carry other
 *          session keys, random counters, DATA/ACK/END and payloads;
 *   mop    MOP Console Response/Acknowledge from random MACs, and System
 *          IDs to the console multicast address.
 * The client's UDP port and key are learnt from the server's frames
 * (mactelnetd broadcasts them); until then ports 1024..2047 in turn.
 * Touches READYFILE once the link is open; prints the counts at the end.
 * The bridge port it sits on must not learn MACs (spoofed sources).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mac/mt_proto.h"
#include "mop/mop_proto.h"
#include "lib/rawtool.h"

enum kind { K_JUNK, K_UDP, K_MT, K_MOP, K_N };

struct flood {
	struct rawtool	 rt;
	uint8_t		 client[L2C_ETH_ALEN], server[L2C_ETH_ALEN];
	int		 port, key, learnt;
	uint16_t	 scan;
	uint64_t	 sent[K_N], errors;
};

static uint64_t
rnd(struct flood *f)
{
	return rawtool_rnd(&f->rt);
}

static void
rnd_fill(struct flood *f, uint8_t *p, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (i % 8 == 0)
			v = rnd(f);
		p[i] = (uint8_t)(v >> (8 * (i % 8)));
	}
}

/* A random unicast, locally administered MAC. */
static void
rnd_mac(struct flood *f, uint8_t *mac)
{
	rnd_fill(f, mac, L2C_ETH_ALEN);
	mac[0] = (uint8_t)((mac[0] & 0xfc) | 0x02);
}

/* Learn the client's port and key from what the server sends it. */
static void
on_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct flood	*f = arg;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;

	if (!pkt->udp_ok || pkt->sport != MT_PORT)
		return;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&r, MT_S2C, &h) != 0 ||
	    memcmp(h.dst, f->client, L2C_ETH_ALEN) != 0)
		return;
	f->port = pkt->dport;
	f->key = h.session;
	f->learnt = 1;
}

static uint16_t
client_port(struct flood *f)
{
	if (f->learnt && rnd(f) % 8 != 0)
		return (uint16_t)f->port;
	f->scan = (uint16_t)(f->scan + 1) % 1024;
	return (uint16_t)(1024 + f->scan);
}

static int
build_junk(struct flood *f, struct l2c_wbuf *w)
{
	uint8_t	src[L2C_ETH_ALEN], body[1500];
	size_t	n = (size_t)(rnd(f) % sizeof(body));
	int	rv;

	rnd_mac(f, src);
	rnd_fill(f, body, n);
	if ((rv = l2c_eth_begin(w, f->client, src, (uint16_t)rnd(f),
	    L2C_ENCAP_ETH2, NULL)) != 0 ||
	    (rv = l2c_put_bytes(w, body, n)) != 0)
		return rv;
	return l2c_eth_finish(w, L2C_ENCAP_ETH2, 0);
}

static int
build_udp(struct flood *f, struct l2c_wbuf *w)
{
	uint8_t	body[MT_MAX_UDP];
	size_t	n = (size_t)(rnd(f) % sizeof(body));

	rnd_fill(f, body, n);
	/* Now and then a real header in front of the garbage. */
	if (n > 0)
		body[0] = rnd(f) % 2 ? MT_VERSION : body[0];
	return l2c_udp_build(w, f->client, f->server, 0, 0xffffffff,
	    MT_PORT, client_port(f), body, n);
}

static int
build_mt(struct flood *f, struct l2c_wbuf *w)
{
	static const uint8_t types[] = { MT_PT_DATA, MT_PT_DATA, MT_PT_ACK,
	    MT_PT_END };
	uint8_t		 pkt[MT_MAX_UDP], body[MT_MAX_PAYLOAD];
	struct l2c_wbuf	 p;
	struct mt_hdr	 h;
	size_t		 n = 0;
	int		 rv;

	memset(&h, 0, sizeof(h));
	h.type = types[rnd(f) % sizeof(types)];
	memcpy(h.src, f->server, L2C_ETH_ALEN);
	memcpy(h.dst, f->client, L2C_ETH_ALEN);
	/* Any key but the session's. */
	do
		h.session = (uint16_t)rnd(f);
	while (f->learnt && h.session == f->key);
	h.client_type = MT_CLIENT_TYPE;
	h.counter = (uint32_t)rnd(f);
	l2c_wbuf_init(&p, pkt, sizeof(pkt));
	if ((rv = mt_hdr_build(&p, MT_S2C, &h)) != 0)
		return rv;
	if (h.type == MT_PT_DATA) {
		n = (size_t)(rnd(f) % 1024);
		rnd_fill(f, body, n);
		/* Half of them: well-formed control packets and text. */
		if (rnd(f) % 2) {
			struct l2c_wbuf	c;

			l2c_wbuf_init(&c, body, sizeof(body));
			(void)mt_cpkt_put(&c, MT_CP_END_AUTH, NULL, 0);
			(void)mt_cpkt_put(&c, MT_CP_DATA, "flood!\r\n", 8);
			n = c.len;
		}
		if ((rv = l2c_put_bytes(&p, body, n)) != 0)
			return rv;
	}
	return mt_frame_build(w, f->client, f->server, 0, MT_PORT,
	    client_port(f), pkt, p.len);
}

static int
build_mop(struct flood *f, struct l2c_wbuf *w)
{
	uint8_t		src[L2C_ETH_ALEN], data[512];
	struct mop_msg	m;

	rnd_mac(f, src);
	memset(&m, 0, sizeof(m));
	if (rnd(f) % 4 == 0) {
		m.code = MOP_SYSTEM_ID;
		m.u.sysid.receipt = (uint16_t)rnd(f);
		m.u.sysid.info = data;
		m.u.sysid.infolen = (size_t)(rnd(f) % 64);
		rnd_fill(f, data, m.u.sysid.infolen);
		return mop_build(w, mop_mcast_console, src, L2C_ENCAP_ETH2,
		    &m);
	}
	m.code = MOP_RESPONSE;
	m.u.con.flags = (uint8_t)(rnd(f) & 0x07);
	m.u.con.dlen = (size_t)(rnd(f) % sizeof(data));
	rnd_fill(f, data, m.u.con.dlen);
	m.u.con.data = data;
	return mop_build(w, f->client, src, L2C_ENCAP_ETH2, &m);
}

static void
send_one(void *arg)
{
	struct flood	*f = arg;
	uint8_t		 frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w;
	enum kind	 k = (enum kind)(rnd(f) % K_N);
	int		 rv;

	l2c_wbuf_init(&w, frame, sizeof(frame));
	switch (k) {
	case K_JUNK:
		rv = build_junk(f, &w);
		break;
	case K_UDP:
		rv = build_udp(f, &w);
		break;
	case K_MT:
		rv = build_mt(f, &w);
		break;
	default:
		rv = build_mop(f, &w);
		break;
	}
	if (rv == 0)
		rv = l2c_link_send(f->rt.link, frame, w.len);
	if (rv == 0)
		f->sent[k]++;
	else
		f->errors++;
}

int
main(int argc, char **argv)
{
	struct flood	 f;
	uint64_t	 rate, done;
	FILE		*fp;
	int		 ex;

	memset(&f, 0, sizeof(f));
	if (argc < 6 || l2c_mac_parse(argv[2], f.client) != 0 ||
	    l2c_mac_parse(argv[3], f.server) != 0 ||
	    (rate = strtoull(argv[4], NULL, 10)) == 0 || rate > 100000 ||
	    atof(argv[5]) <= 0 || atof(argv[5]) > 60) {
		fprintf(stderr, "usage: l2c-flood IFACE CLIENTMAC SERVERMAC "
		    "RATE(1..100000) SECONDS(..60) [READYFILE]\n");
		return 64;
	}
	if ((ex = rawtool_open(&f.rt, "l2c-flood", argv[1], on_rx, &f)) != 0)
		return ex;
	if (argc > 6 && (fp = fopen(argv[6], "w")) != NULL)
		fclose(fp);
	/* Between the frames it reads what came in (learning). */
	done = rawtool_pace(&f.rt, rate, atof(argv[5]), send_one, NULL, &f);
	printf("sent %llu junk %llu udp %llu mt %llu mop %llu errors %llu "
	    "port %d\n", (unsigned long long)done,
	    (unsigned long long)f.sent[K_JUNK],
	    (unsigned long long)f.sent[K_UDP],
	    (unsigned long long)f.sent[K_MT],
	    (unsigned long long)f.sent[K_MOP],
	    (unsigned long long)f.errors, f.learnt ? f.port : -1);
	rawtool_close(&f.rt);
	return 0;
}
