/* SPDX-License-Identifier: ISC */
/*
 * MAC ping frames, built and recognised through the MAC-Telnet codec:
 * the pinging side (scan, ping) and the answering one (the server).
 */
#include <string.h>

#include "core/err.h"
#include "mac/mt_ping.h"
#include "mac/mt_proto.h"

int
mt_ping_build(struct l2c_wbuf *w, const uint8_t *src, const uint8_t *dst,
    const void *data, size_t len)
{
	struct mt_hdr	h;
	struct l2c_wbuf	pw;
	uint8_t		pkt[MT_MAX_UDP];
	int		rv;

	if (len > MT_PING_MAX_PAYLOAD)
		return L2C_ERR_INVAL;
	memset(&h, 0, sizeof(h));
	h.type = MT_PT_PING;
	memcpy(h.src, src, L2C_ETH_ALEN);
	memcpy(h.dst, dst, L2C_ETH_ALEN);
	l2c_wbuf_init(&pw, pkt, sizeof(pkt));
	if ((rv = mt_hdr_build(&pw, MT_C2S, &h)) != 0 ||
	    (rv = l2c_put_bytes(&pw, data, len)) != 0)
		return rv;
	return mt_frame_build(w, dst, src, 0, MT_PORT, MT_PORT, pkt, pw.len);
}

int
mt_pong_parse(const struct l2c_pkt *pkt, const uint8_t *us, uint8_t *from,
    const uint8_t **data, size_t *len)
{
	struct l2c_rbuf	r;
	struct mt_hdr	h;
	int		rv;

	if (!pkt->udp_ok || pkt->sport != MT_PORT)
		return L2C_ERR_PROTO;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if ((rv = mt_hdr_parse(&r, MT_S2C, &h)) != 0)
		return rv;
	if (h.type != MT_PT_PONG || memcmp(h.dst, us, L2C_ETH_ALEN) != 0)
		return L2C_ERR_PROTO;
	memcpy(from, h.src, L2C_ETH_ALEN);
	*len = l2c_rbuf_left(&r);
	return l2c_get_ptr(&r, data, *len);
}

static int
ping_build(struct l2c_wbuf *w, const uint8_t *us, const uint8_t *dst,
    uint16_t seq, const void *data, size_t len)
{
	(void)seq;
	return mt_ping_build(w, us, dst, data, len);
}

static int
ping_parse(const struct l2c_pkt *pkt, const uint8_t *us,
    struct l2c_ping_reply *r)
{
	r->seq = -1;
	return mt_pong_parse(pkt, us, r->from, &r->data, &r->len);
}

const struct l2c_ping_proto mt_ping_proto = {
	.name = "MAC-Telnet ping",
	.max_payload = MT_PING_MAX_PAYLOAD,
	.filter = "udp src port 20561",
	.build = ping_build,
	.parse = ping_parse,
};

/*
 * The server's answer: a pong from us to the pinging station, its
 * payload echoed, back to the port and Ethernet source it came from.
 */
int
mt_pong_build(struct l2c_wbuf *f, const uint8_t *us, uint32_t ipsrc,
    const struct l2c_pkt *ping, const uint8_t *from, const void *data,
    size_t len)
{
	struct mt_hdr	pong;

	memset(&pong, 0, sizeof(pong));
	pong.type = MT_PT_PONG;
	memcpy(pong.src, us, L2C_ETH_ALEN);
	memcpy(pong.dst, from, L2C_ETH_ALEN);
	return mt_packet_build(f, MT_S2C, &pong, data, len, ping->src, ipsrc,
	    MT_PORT, ping->sport);
}
