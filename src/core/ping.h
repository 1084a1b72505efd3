/* SPDX-License-Identifier: ISC */
/*
 * Reachability on layer 2, protocol-neutral: the row a ping protocol is
 * (MAC ping in src/mac, MOP loopback in src/mop), the payload every ping
 * carries (a run cookie, the sequence number, the send time, then fill
 * derived from those three, so a damaged reply is recognised without
 * keeping a copy), and the round-trip statistics ping(8) prints.
 */
#ifndef L2C_PING_H
#define L2C_PING_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "frame.h"

#define L2C_PING_HDR	16	/* cookie (4), sequence (4), time (8) */

/* A reply as the protocol row saw it. */
struct l2c_ping_reply {
	uint8_t		 from[L2C_ETH_ALEN];
	int32_t		 seq;		/* from the wire, or -1 if it has none */
	const uint8_t	*data;		/* the echoed payload (maybe padded) */
	size_t		 len;
};

struct l2c_ping_proto {
	const char	*name;
	size_t		 max_payload;
	const char	*filter;	/* replies (parse checks they are ours) */
	/* A whole frame asking dst to echo payload. */
	int		(*build)(struct l2c_wbuf *, const uint8_t *us,
			    const uint8_t *dst, uint16_t seq, const void *,
			    size_t);
	/* 0 and the reply, or L2C_ERR_PROTO if the frame is not one for us. */
	int		(*parse)(const struct l2c_pkt *, const uint8_t *us,
			    struct l2c_ping_reply *);
};

/* Fill buf (len >= L2C_PING_HDR) with the payload for seq sent at t_us. */
void	l2c_ping_payload(uint8_t *, size_t, uint32_t cookie, uint32_t seq,
	    uint64_t t_us);

enum l2c_ping_verdict {
	L2C_PING_GOOD = 0,	/* ours, intact: seq and time are good */
	L2C_PING_CORRUPT,	/* ours (cookie), damaged at *bad_off */
	L2C_PING_FOREIGN,	/* not one of ours */
};

/*
 * Judge an echoed payload of want bytes (bytes past want are link
 * padding and ignored).  seq and t_us are filled for GOOD, and for
 * CORRUPT when the header survived.
 */
enum l2c_ping_verdict l2c_ping_check(const uint8_t *, size_t, size_t want,
	    uint32_t cookie, uint32_t *seq, uint64_t *t_us, size_t *bad_off);

struct l2c_ping_stats {
	uint64_t	tx, rx, dup, corrupt;
	uint64_t	min_us, max_us;
	double		sum, sum2;	/* of round trips, microseconds */
	uint64_t	nrtt;
};

void	l2c_ping_stats_rtt(struct l2c_ping_stats *, uint64_t rtt_us);
/* Average and mean deviation (ping(8)'s mdev), microseconds. */
void	l2c_ping_stats_avg(const struct l2c_ping_stats *, double *avg,
	    double *mdev);
/* Loss in percent: transmitted that never came back. */
double	l2c_ping_stats_loss(const struct l2c_ping_stats *);

#endif /* L2C_PING_H */
