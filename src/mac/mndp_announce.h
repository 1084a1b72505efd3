/* SPDX-License-Identifier: ISC */
/*
 * MNDP announcements, the sending side: what a MAC-Telnet server says
 * about itself (periodically, and in answer to a request).  Header as
 * mactelnetd sends it: version 0, ttl 1, then a 16-bit sequence number.
 */
#ifndef L2C_MAC_MNDP_ANNOUNCE_H
#define L2C_MAC_MNDP_ANNOUNCE_H

#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

/* NULL or empty strings are left out; mac is required. */
struct mndp_announce {
	uint16_t	 seq;
	const uint8_t	*mac;
	const char	*identity;
	const char	*version;
	const char	*platform;
	const char	*board;
	const char	*softid;
	const char	*ifname;
	uint32_t	 uptime;	/* seconds */
	int		 has_ipv4;
	uint8_t		 ipv4[4];
};

int	mndp_announce_build(struct l2c_wbuf *, const struct mndp_announce *);
/* The whole broadcast frame around it, from a->mac. */
int	mndp_announce_frame(struct l2c_wbuf *, const struct mndp_announce *,
	    uint32_t ipsrc);

#endif /* L2C_MAC_MNDP_ANNOUNCE_H */
