/* SPDX-License-Identifier: ISC */
/*
 * Opening an interface for a command: the one place that turns a link
 * error into the line the user reads and the exit status.  Also the
 * ways a one-shot command (scan, ping) ends that loop.
 */
#ifndef L2C_UI_OPEN_H
#define L2C_UI_OPEN_H

#include "core/ctx.h"
#include "core/pcapout.h"

struct l2c_ui_link {
	struct l2c_loop	*loop;
	struct l2c_link	*link;
	struct l2c_ctx	 ctx;
	struct l2c_pcapout *pcap;	/* --pcap FILE */
};

/*
 * Open ifname, wire it to a new loop, then drop root (--user).  On
 * failure prints one line saying what happened and what to do, and
 * returns the exit status (> 0); 0 on success.
 */
int	l2c_ui_open(const char *ifname, struct l2c_ui_link *);
/* The same with the link's L2C_LINK_* flags (--promisc). */
int	l2c_ui_open_flags(const char *ifname, struct l2c_ui_link *,
	    unsigned);
/*
 * The same with a capture buffer sized for one peer: a console session,
 * or ping, which has one frame in flight.
 */
int	l2c_ui_open_session(const char *ifname, struct l2c_ui_link *);
/* The same, without the privilege drop (servers that spawn logins). */
int	l2c_ui_open_keep(const char *ifname, struct l2c_ui_link *);
void	l2c_ui_close(struct l2c_ui_link *);
/*
 * A server's monitor after l2c_monitor_start (core/monitor.h) gave rv
 * and the parser's status: the exit status, the failure said (an
 * account that does not exist the monitor said already).
 */
int	l2c_ui_monitor_status(int rv, int status);

/* SIGINT, SIGTERM and SIGHUP end the loop: 0, or an error code. */
int	l2c_ui_stop_on_signals(struct l2c_ui_link *);
/* A timer callback that ends the loop; its argument is the link. */
void	l2c_ui_stop(void *);

#endif
