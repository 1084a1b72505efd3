/* SPDX-License-Identifier: ISC */
/*
 * MAC ping: type 4 to a station's MAC, answered by type 5 with the same
 * payload (docs/protocols.md, MAC ping).  Used by `scan` (does this
 * station speak MAC-Telnet?) and by `ping`.
 */
#ifndef L2C_MAC_MT_PING_H
#define L2C_MAC_MT_PING_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"
#include "core/ping.h"

/* Header (18) and payload in a 1500-byte IPv4 packet. */
#define MT_PING_MAX_PAYLOAD	(1472 - 18)

/*
 * A whole frame: Ethernet to dst (the reference's raw mode), IPv4 from
 * 0.0.0.0 to 255.255.255.255, UDP 20561 to 20561, ping from src to dst.
 */
int	mt_ping_build(struct l2c_wbuf *, const uint8_t *src, const uint8_t *dst,
	    const void *, size_t);
/*
 * A pong addressed to us (the MAC-Telnet header's destination, whatever
 * the Ethernet one): *from gets the sender, data/len its payload.
 * L2C_ERR_PROTO if the frame is something else.
 */
int	mt_pong_parse(const struct l2c_pkt *, const uint8_t *us,
	    uint8_t *from, const uint8_t **data, size_t *len);

/* The `ping` row: MAC ping, sequence carried in the payload only. */
extern const struct l2c_ping_proto mt_ping_proto;

/*
 * The answer to a ping frame (whose MAC-Telnet source is from): a
 * whole pong frame from us (IPv4 source ipsrc) with the same payload.
 */
int	mt_pong_build(struct l2c_wbuf *, const uint8_t *us, uint32_t ipsrc,
	    const struct l2c_pkt *ping, const uint8_t *from, const void *,
	    size_t);

#endif
