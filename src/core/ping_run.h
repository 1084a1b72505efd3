/* SPDX-License-Identifier: ISC */
/*
 * The ping runner: one run of pings to a station (or a group) with any
 * ping row (core/ping.h), its timers, duplicate detection and
 * statistics.  The face only renders: it hears each echo, each send
 * error and the end, and reads the statistics.
 *
 *	l2c_pinger_new(ctx, &conf, &cb, &p);
 *	l2c_pinger_start(p);		// the first ping now
 *	... the loop runs; cb.done says the run is over ...
 *	l2c_pinger_free(p);
 *
 * A callback may free the pinger: the runner touches nothing after one.
 */
#ifndef L2C_PING_RUN_H
#define L2C_PING_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "frame.h"
#include "ping.h"

#define L2C_PING_SEQ_WINDOW	65536	/* duplicate detection, by seq */

struct l2c_ping_conf {
	const struct l2c_ping_proto	*proto;
	uint8_t				 dst[L2C_ETH_ALEN];
	int				 any_from;	/* a group: anyone */
	uint64_t			 count;		/* 0: until freed */
	uint64_t			 interval_us;
	uint64_t			 wait_us;	/* after the last one */
	size_t				 size;		/* >= L2C_PING_HDR */
};

/* One echo that was ours, judged. */
struct l2c_ping_echo {
	uint8_t			 from[L2C_ETH_ALEN];
	uint32_t		 seq;		/* 0: its header was damaged */
	size_t			 len;		/* echoed, at most the size */
	enum l2c_ping_verdict	 verdict;	/* GOOD or CORRUPT */
	size_t			 bad_off;	/* CORRUPT: first bad byte */
	int			 dup;
	uint64_t		 rtt_us;	/* GOOD: the round trip */
};

struct l2c_ping_cb {
	void	(*echo)(void *, const struct l2c_ping_echo *);
	/* A ping could not be sent; the run goes on. */
	void	(*send_error)(void *, int);
	/* Every ping answered, or the wait after the last one is over. */
	void	(*done)(void *);
	void	*arg;
};

struct l2c_pinger;

int	l2c_pinger_new(struct l2c_ctx *, const struct l2c_ping_conf *,
	    const struct l2c_ping_cb *, struct l2c_pinger **);
/* The first ping now, the next ones from the loop. */
void	l2c_pinger_start(struct l2c_pinger *);
const struct l2c_ping_stats *l2c_pinger_stats(const struct l2c_pinger *);
void	l2c_pinger_free(struct l2c_pinger *);

#endif /* L2C_PING_RUN_H */
