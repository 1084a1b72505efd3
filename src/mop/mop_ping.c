/* SPDX-License-Identifier: ISC */
/* MOP loopback as a ping row, over the loopback codec. */
#include <string.h>

#include "core/err.h"
#include "mop/loopback.h"
#include "mop/mop_ping.h"
#include "mop/mop_proto.h"

static int
loop_build(struct l2c_wbuf *w, const uint8_t *us, const uint8_t *dst,
    uint16_t seq, const void *data, size_t len)
{
	return mop_loop_build_ping(w, dst, us, seq, data, len);
}

/* The reply part, sent back to us by the station (or an assistant). */
static int
loop_parse(const struct l2c_pkt *pkt, const uint8_t *us,
    struct l2c_ping_reply *r)
{
	struct mop_loop	m;
	int		rv;

	if (pkt->ethertype != MOP_ETHERTYPE_LOOP ||
	    memcmp(pkt->dst, us, L2C_ETH_ALEN) != 0)
		return L2C_ERR_PROTO;
	if ((rv = mop_loop_parse(pkt->payload, pkt->plen, &m)) != 0)
		return rv;
	if (m.function != MOP_LOOP_REPLY)
		return L2C_ERR_PROTO;
	memcpy(r->from, pkt->src, L2C_ETH_ALEN);
	r->seq = m.receipt;
	r->data = m.data;
	r->len = m.dlen;
	return 0;
}

const struct l2c_ping_proto mop_loop_ping_proto = {
	.name = "MOP loopback",
	.max_payload = L2C_ETH_MAXLEN - L2C_ETH_HLEN - MOP_LOOP_PING_HDR,
	.filter = "ether proto 0x9000",
	.build = loop_build,
	.parse = loop_parse,
};
