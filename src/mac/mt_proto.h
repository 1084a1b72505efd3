/* SPDX-License-Identifier: ISC */
/*
 * MAC-Telnet codec: the packet header (22 bytes, 18 for ping/pong) and
 * the control packets chained inside DATA payloads.  Used by the client
 * session and by the server: the direction says which way bytes 14..17
 * of the header run.  Wire facts: docs/protocols.md.
 */
#ifndef L2C_MAC_MT_PROTO_H
#define L2C_MAC_MT_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"
#include "core/tok.h"

#define MT_PORT			20561
#define MT_VERSION		1
#define MT_HDR_LEN		22
#define MT_PING_HDR_LEN		18
#define MT_CPKT_HDR_LEN		9	/* magic(4) type(1) length(4) */
#define MT_CPKT_MAGIC		0x563412ffU
#define MT_CLIENT_TYPE		0x0015	/* MAC-Telnet */
/* A 1500-byte IPv4 packet: 1500 - 20 (IP) - 8 (UDP). */
#define MT_MAX_UDP		1472
#define MT_MAX_PAYLOAD		(MT_MAX_UDP - MT_HDR_LEN)

enum mt_ptype {
	MT_PT_START	= 0,
	MT_PT_DATA	= 1,
	MT_PT_ACK	= 2,
	MT_PT_PING	= 4,
	MT_PT_PONG	= 5,
	MT_PT_END	= 255,
};

/* Which peer sent the packet: bytes 14..17 swap meaning with it. */
enum mt_dir {
	MT_C2S = 0,	/* client -> server: session key, client type */
	MT_S2C = 1,	/* server -> client: client type, session key */
};

struct mt_hdr {
	uint8_t		type;		/* enum mt_ptype */
	uint8_t		src[L2C_ETH_ALEN];
	uint8_t		dst[L2C_ETH_ALEN];
	uint16_t	session;	/* the client's session key */
	uint16_t	client_type;
	uint32_t	counter;
};

enum mt_ctype {
	MT_CP_BEGINAUTH	= 0,
	MT_CP_PASSSALT	= 1,	/* key / salt */
	MT_CP_PASSWORD	= 2,
	MT_CP_USERNAME	= 3,
	MT_CP_TERM_TYPE	= 4,
	MT_CP_TERM_WIDTH = 5,	/* u16 little-endian */
	MT_CP_TERM_HEIGHT = 6,	/* u16 little-endian */
	MT_CP_PACKET_ERROR = 7,
	MT_CP_END_AUTH	= 9,
	MT_CP_DATA	= 0x100, /* not a control packet: terminal bytes */
};

/* One row per known control type (mt_proto.c: mt_ctypes[]). */
struct mt_ctype_info {
	struct l2c_tok	 tok;		/* the type and its name */
	uint32_t	 min, max;	/* data length bounds */
};

/* One element of a DATA payload: a control packet or terminal bytes. */
struct mt_cpkt {
	int		 type;		/* enum mt_ctype, other 0..255, or DATA */
	const uint8_t	*data;
	size_t		 len;
	const struct mt_ctype_info *info;	/* NULL for unknown or DATA */
};

/* The header of a packet; ping and pong have the short one. */
int	mt_hdr_parse(struct l2c_rbuf *, enum mt_dir, struct mt_hdr *);
int	mt_hdr_build(struct l2c_wbuf *, enum mt_dir, const struct mt_hdr *);
size_t	mt_hdr_len(uint8_t type);

const struct mt_ctype_info *mt_ctype_lookup(int);
const char *mt_ptype_name(int);
/*
 * The next element of a DATA payload: 1 with *cp filled, 0 at the end,
 * or an error for a control packet that is cut short, runs past the end
 * or breaks its type's length bounds.
 */
int	mt_cpkt_next(struct l2c_rbuf *, struct mt_cpkt *);
/* Append a control packet, or terminal bytes (MT_CP_DATA). */
int	mt_cpkt_put(struct l2c_wbuf *, int type, const void *, size_t);
int	mt_cpkt_put_le16(struct l2c_wbuf *, int type, uint16_t);

/*
 * A whole Ethernet+IPv4+UDP frame around a MAC-Telnet packet.  The IPv4
 * destination is always 255.255.255.255; ipsrc may be 0.0.0.0.
 */
int	mt_frame_build(struct l2c_wbuf *, const uint8_t *ethdst,
	    const uint8_t *ethsrc, uint32_t ipsrc, uint16_t sport,
	    uint16_t dport, const void *, size_t);
/* A packet (header h, then p) in its whole frame, from h->src. */
int	mt_packet_build(struct l2c_wbuf *, enum mt_dir, const struct mt_hdr *h,
	    const void *p, size_t, const uint8_t *ethdst, uint32_t ipsrc,
	    uint16_t sport, uint16_t dport);

/*
 * How far DATA counter c is ahead of the one expected: > 0 bytes were
 * missed, 0 in order, < 0 old (a copy).  Wraps at 2^32 and at 2^16.
 */
int64_t	mt_counter_ahead(uint32_t expect, uint32_t c);

#endif /* L2C_MAC_MT_PROTO_H */
