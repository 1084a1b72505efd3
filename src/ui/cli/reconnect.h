/* SPDX-License-Identifier: ISC */
/*
 * --reconnect for the line-mode console commands (mikrotik, mop): when
 * the session is lost or the device ends it (a reboot), wait until the
 * device answers its family's ping again, start a new session on the
 * same console (terminal, log and terminal model go on) with the same
 * credentials, and say each step on stderr with its time.  Gives up
 * after --reconnect-timeout.  A session the user ended (the escape
 * menu, a signal, batch input done) is not reconnected, nor a refused
 * login.  Each command puts L2C_RECONNECT_LONGOPTS in its option table
 * and hands every getopt result to l2c_reconnect_opts_take().
 */
#ifndef L2C_UI_RECONNECT_H
#define L2C_UI_RECONNECT_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/family.h"
#include "ui/cli/cmd.h"
#include "ui/console/console.h"

enum {
	L2C_RC_RECONNECT = 0x300,	/* this helper's range: 0x300-0x30f */
	L2C_RC_TIMEOUT,
};

#define L2C_RECONNECT_LONGOPTS						\
	{ "reconnect",		no_argument,	   NULL, L2C_RC_RECONNECT }, \
	{ "reconnect-timeout",	required_argument, NULL, L2C_RC_TIMEOUT }
#define L2C_RECONNECT_USAGE	"[--reconnect] [--reconnect-timeout SEC]"
#define L2C_RECONNECT_US	L2C_SEC(300)	/* the default wait */
#define L2C_RECONNECT_PING_US	L2C_MS(250)	/* one ping this often */

struct l2c_reconnect_opts {
	int		 on;
	uint64_t	 timeout_us;
};

void	l2c_reconnect_opts_init(struct l2c_reconnect_opts *);
/* As l2c_sess_opts_take(): 1 when ch was one of these. */
int	l2c_reconnect_opts_take(const struct l2c_cmd *, int ch,
	    const char *arg, struct l2c_reconnect_opts *, int *ex);

/*
 * The password kept for the next login while reconnect is on: locked
 * from swap where the system allows (hold), unlocked once the caller
 * has wiped it (release).
 */
void	l2c_reconnect_hold(const struct l2c_reconnect_opts *, void *, size_t);
void	l2c_reconnect_release(const struct l2c_reconnect_opts *, void *,
	    size_t);

/*
 * What the line-mode console and the full-screen UI share.  worth: the
 * session ended in a way that reconnect retries (lost, or ended by the
 * device), as far as err tells.  ping_conf: the family's ping to peer,
 * one every L2C_RECONNECT_PING_US; 0, or -1 when the family has none
 * (the session's own START asks instead).  when: the local time to the
 * millisecond, HH:MM:SS.mmm, for each step said.
 */
struct l2c_ping_conf;
int	l2c_reconnect_worth(int err);
int	l2c_reconnect_ping_conf(const struct l2c_family *, const uint8_t *peer,
	    struct l2c_ping_conf *);
char	*l2c_reconnect_when(char *, size_t);

/*
 * The first session on con ended with err: while it was lost or ended
 * by the device, and reconnect is on, wait for the device, start again
 * with sc and run it.  Returns the error of the last session; *worded
 * is 1 when this already said the end in one line (it gave up).
 */
int	l2c_reconnect_run(const struct l2c_reconnect_opts *,
	    const struct l2c_family *, struct l2c_ctx *,
	    const struct l2c_sess_conf *, struct l2c_console *, int err,
	    int *worded);

#endif
