/* SPDX-License-Identifier: ISC */
/*
 * Ethernet configuration testing (loopback, ethertype 0x9000): no MOP
 * length word; skip count (2, LE) then messages.  At the skip offset:
 * function 2 (forward data) + the MAC to forward to, or function 1
 * (reply) + receipt number + data.  A station that sees forward data
 * for itself moves skip past that message and sends the frame on.
 */
#ifndef L2C_MOP_LOOPBACK_H
#define L2C_MOP_LOOPBACK_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

#define MOP_LOOP_REPLY		1
#define MOP_LOOP_FORWARD	2

struct mop_loop {
	uint16_t	 skip;
	uint16_t	 function;	/* the message at skip */
	uint8_t		 fwd[L2C_ETH_ALEN];	/* MOP_LOOP_FORWARD */
	uint16_t	 receipt;		/* MOP_LOOP_REPLY */
	const uint8_t	*data;			/* MOP_LOOP_REPLY: to the end */
	size_t		 dlen;
};

/* The payload after the Ethernet header (goes by the frame length). */
int	mop_loop_parse(const uint8_t *, size_t, struct mop_loop *);
/* Ping dst: skip 0 | forward to src | reply receipt data. */
int	mop_loop_build_ping(struct l2c_wbuf *, const uint8_t *dst,
	    const uint8_t *src, uint16_t receipt, const void *, size_t);
/*
 * What a station does with a parsed forward message: the same payload
 * with skip advanced past it, sent from src to the forward address.
 */
int	mop_loop_build_forward(struct l2c_wbuf *, const uint8_t *src,
	    const uint8_t *payload, size_t, const struct mop_loop *);

#endif /* L2C_MOP_LOOPBACK_H */
