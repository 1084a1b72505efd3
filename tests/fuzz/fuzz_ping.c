/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: replies to `ping`, one Ethernet frame through both
 * ping rows (MAC-Telnet pong, MOP loopback reply) and the payload check.
 * "Us" is the MAC the frame is addressed to, so addressed replies get
 * past the first check.  What a parser hands back must lie inside the
 * frame.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/frame.h"
#include "core/ping.h"
#include "mac/mt_ping.h"
#include "mop/mop_ping.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
one(const struct l2c_ping_proto *pp, const struct l2c_pkt *pkt,
    const uint8_t *data, size_t len, const uint8_t *us)
{
	struct l2c_ping_reply	r;
	uint32_t		seq;
	uint64_t		t;
	size_t			bad;

	memset(&r, 0, sizeof(r));
	if (pp->parse(pkt, us, &r) != 0)
		return;
	if (r.len > 0 && (r.data < data || r.data + r.len > data + len))
		__builtin_trap();
	/* As if we had sent a ping of every length up to what came. */
	(void)l2c_ping_check(r.data, r.len, r.len, 0x4c324332, &seq, &t,
	    &bad);
	if (r.len > L2C_PING_HDR)
		(void)l2c_ping_check(r.data, r.len, L2C_PING_HDR, 0, &seq, &t,
		    &bad);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const uint8_t	other[L2C_ETH_ALEN] = { 2, 0x4c, 0x32, 0x43,
				    0, 2 };
	struct l2c_pkt		pkt;

	if (l2c_frame_parse(data, len, &pkt) != 0)
		return 0;
	one(&mt_ping_proto, &pkt, data, len, pkt.dst);
	one(&mt_ping_proto, &pkt, data, len, other);
	one(&mop_loop_ping_proto, &pkt, data, len, pkt.dst);
	one(&mop_loop_ping_proto, &pkt, data, len, other);
	return 0;
}
