/* SPDX-License-Identifier: ISC */
/*
 * MNDP, MikroTik's neighbor discovery (UDP 5678): the announcement
 * parser and the request builder.  No I/O and no policy here; the
 * target lookup and the scan sit on top.
 */
#ifndef L2C_MAC_MNDP_H
#define L2C_MAC_MNDP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

#define MNDP_PORT	5678
#define MNDP_REQ_LEN	4
#define MNDP_HDR_LEN	4
#define MNDP_STR_MAX	128	/* longer strings are cut (still NUL-ended) */

enum mndp_tlv {
	MNDP_T_MAC	= 1,
	MNDP_T_IDENTITY	= 5,
	MNDP_T_VERSION	= 7,
	MNDP_T_PLATFORM	= 8,
	MNDP_T_UPTIME	= 10,	/* u32 little-endian, seconds */
	MNDP_T_SOFTID	= 11,
	MNDP_T_BOARD	= 12,
	MNDP_T_UNPACK	= 14,
	MNDP_T_IPV6	= 15,
	MNDP_T_IFNAME	= 16,
	MNDP_T_IPV4	= 17,
};

#define MNDP_UNK_MAX	8	/* unknown TLVs kept (all are counted) */
#define MNDP_UNK_BYTES	16	/* bytes kept of each */

/* A TLV of a type we do not know (RouterOS 7.24: 18 and 19). */
struct mndp_unk {
	uint16_t	type;
	uint16_t	len;
	uint8_t		nbytes;
	uint8_t		bytes[MNDP_UNK_BYTES];
};

/* What one announcement said; has_* tell which fields were present. */
struct mndp_info {
	uint32_t	hdr;		/* version/ttl/sequence, unverified */
	int		has_mac, has_uptime, has_unpack, has_ipv6, has_ipv4;
	uint8_t		mac[L2C_ETH_ALEN];
	char		identity[MNDP_STR_MAX];
	char		version[MNDP_STR_MAX];
	char		platform[MNDP_STR_MAX];
	char		softid[MNDP_STR_MAX];
	char		board[MNDP_STR_MAX];
	char		ifname[MNDP_STR_MAX];
	uint32_t	uptime;
	uint8_t		unpack;
	uint8_t		ipv6[16];
	uint8_t		ipv4[4];
	unsigned	unknown;	/* TLVs of types we do not know */
	struct mndp_unk	unk[MNDP_UNK_MAX];	/* the first of them */
	unsigned	nunk;
	unsigned	bad;		/* known TLVs with a wrong length */
};

/*
 * Parse a UDP payload.  Strings lose control characters ('?').  Returns
 * 0, or L2C_ERR_TRUNC when a TLV runs past the end (what came before it
 * stays filled in).  A request (four zero bytes) parses as an empty one.
 */
int	mndp_parse(const uint8_t *, size_t, struct mndp_info *);
int	mndp_is_request(const uint8_t *, size_t);
int	mndp_request_build(struct l2c_wbuf *);

#endif /* L2C_MAC_MNDP_H */
