/* SPDX-License-Identifier: ISC */
/*
 * DEC MOP remote console messages (ethertype 0x6002): one table of
 * message types, a parser that goes by the MOP length word (never the
 * frame length: peers pad with garbage) and a builder for each type.
 * All multi-byte fields are little-endian.  Facts: docs/protocols.md.
 */
#ifndef L2C_MOP_PROTO_H
#define L2C_MOP_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

#define MOP_ETHERTYPE_CONSOLE	0x6002
#define MOP_ETHERTYPE_LOOP	0x9000
#define MOP_VERIF_LEN		8

extern const uint8_t	mop_mcast_console[L2C_ETH_ALEN];	/* AB-00-00-02-00-00 */
extern const uint8_t	mop_mcast_loop[L2C_ETH_ALEN];	/* CF-00-00-00-00-00 */

enum mop_code {
	MOP_REQUEST_ID = 5,
	MOP_BOOT = 6,
	MOP_SYSTEM_ID = 7,
	MOP_REQUEST_COUNTERS = 9,
	MOP_COUNTERS = 11,
	MOP_RESERVE = 13,
	MOP_RELEASE = 15,
	MOP_COMMAND = 17,
	MOP_RESPONSE = 19,
};

/* Console Command and Poll flags. */
#define MOP_CMD_MSGNUM		0x01
#define MOP_CMD_BREAK		0x02
/* Console Response and Acknowledge flags. */
#define MOP_RSP_ACK		0x01
#define MOP_RSP_CMD_LOST	0x02
#define MOP_RSP_RSP_LOST	0x04

/* Request ID forms: the spec's length 4, and moprc's 5 (Cisco takes it). */
#define MOP_REQID_SPEC		4
#define MOP_REQID_MOPRC		5

#define MOP_CTR_N32		9
#define MOP_CTR_N16		8

struct mop_counters {
	uint16_t	receipt;
	uint16_t	seconds;		/* since zeroed */
	uint32_t	c32[MOP_CTR_N32];
	uint16_t	c16[MOP_CTR_N16];
};

/* One parsed (or to be built) message; pointers point into the frame. */
struct mop_msg {
	uint8_t		 code;
	size_t		 len;		/* from the code byte on */
	union {
		struct {
			uint16_t	 receipt;
			uint8_t		 form;	/* MOP_REQID_SPEC or _MOPRC */
		} reqid;
		struct {
			uint16_t	 receipt;
			const uint8_t	*info;	/* entries: sysid.h */
			size_t		 infolen;
		} sysid;
		struct {
			uint16_t	 receipt;
		} reqctr;
		struct mop_counters counters;
		struct {
			uint8_t		 verif[MOP_VERIF_LEN];
		} reserve;
		struct {			/* Command/Poll and Response/Ack */
			uint8_t		 flags;
			const uint8_t	*data;
			size_t		 dlen;
		} con;
	} u;
};

/* Payload after Ethernet II (length word) or SNAP (none) headers. */
int	 mop_parse(const uint8_t *, size_t, enum l2c_encap, struct mop_msg *);
/* A received frame: checks the ethertype, then mop_parse. */
int	 mop_parse_pkt(const struct l2c_pkt *, struct mop_msg *);
/* A whole Ethernet frame carrying m, padded to the minimum. */
int	 mop_build(struct l2c_wbuf *, const uint8_t *dst, const uint8_t *src,
	    enum l2c_encap, const struct mop_msg *);
/* m as a Command/Poll or Response/Ack: code, flags, data (not copied). */
void	 mop_msg_console(struct mop_msg *, uint8_t code, uint8_t flags,
	    const uint8_t *data, size_t len);
const char *mop_code_name(uint8_t);
const char *mop_counter_name(int is32, unsigned idx);

/*
 * A capture filter for MOP console frames (Ethernet II and 802.3/SNAP)
 * from src (or from anyone if src is NULL).  Returns 0 or NOSPACE.
 */
int	 mop_filter(char *, size_t, const uint8_t *src);

#endif /* L2C_MOP_PROTO_H */
