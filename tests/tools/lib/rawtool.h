/* SPDX-License-Identifier: ISC */
/*
 * What the lab's frame senders (l2c-flood, l2c-guess) share: the link,
 * loop and context on one interface, listening to MAC-Telnet servers'
 * frames; a fast random source; and the paced run that starts RATE
 * things a second for a while.
 */
#ifndef L2C_TOOLS_RAWTOOL_H
#define L2C_TOOLS_RAWTOOL_H

#include <stdint.h>

#include "core/ctx.h"
#include "core/link.h"
#include "core/loop.h"

struct rawtool {
	const char	*name;		/* the tool's, in its messages */
	struct l2c_link	*link;
	struct l2c_loop	*loop;
	struct l2c_ctx	 ctx;
	uint64_t	 rng;
	uint64_t	 t0, now;	/* the paced run's start, and its last */
};

/*
 * Open ifname and hear MAC-Telnet servers' frames (UDP from their
 * port) with on_rx: 0, or the tool's exit status after one line (77:
 * not allowed, 1: else).
 */
int	rawtool_open(struct rawtool *, const char *name, const char *ifname,
	    l2c_rx_cb *on_rx, void *arg);
void	rawtool_close(struct rawtool *);
/* xorshift64*: fast, and good enough for junk and fresh MACs. */
uint64_t rawtool_rnd(struct rawtool *);
/*
 * one(arg) rate times a second for seconds, reading what comes in
 * between; turn(arg, now), if not NULL, once each tick.  How many ran.
 */
uint64_t rawtool_pace(struct rawtool *, uint64_t rate, double seconds,
	    void (*one)(void *), void (*turn)(void *, uint64_t), void *arg);

#endif
