/* SPDX-License-Identifier: ISC */
/*
 * MAC-Telnet's half of privilege separation (core/monitor.h): the
 * monitor's answers (mt_srv_mon.c) and the parser's guard that asks
 * for them (mt_srv_ask.c).  The monitor holds the users file and each
 * login's secrets, checks every proof itself, and starts a program only
 * for a login it saw succeed, once; the parser gets the pty's master
 * and nothing it could log in with.  Requests, big-endian:
 *
 *   BEGIN  id:4 md5:1 ulen:1 user wc:33    -> rv:1 salt:16 ws:33
 *   CHECK  id:4 ulen:1 user rlen:1 resp    -> ok:1 why (text)
 *   SPAWN  id:4 cols:2 rows:2 peer:6 term  -> rv:4 (signed), the fd
 *   END    id:4                            (no answer)
 *
 * rv 0 ok, 1 client key off the curve, 2 refused or failed.  Anything
 * malformed ends the monitor (and the parser); out of order is refused
 * with a log line.
 */
#ifndef L2C_MAC_MT_SRV_MON_H
#define L2C_MAC_MT_SRV_MON_H

#include "core/monitor.h"
#include "mac/mt_server.h"

enum {
	MTM_BEGIN = 1,
	MTM_CHECK,
	MTM_SPAWN,
	MTM_END,
	MTM_REPLY = L2C_MON_REPLY,
};

#define MTM_BEGINS_PER_S	40	/* the monitor's own cap on logins */
#define MTM_KILL_GRACE_US	L2C_SEC(2)	/* SIGHUP, then SIGKILL */

struct mt_srv_mon;

/* The monitor's state: users (borrowed), the real spawner. */
int	mt_srv_mon_new(struct mt_users *, mt_srv_spawn_fn *, void *,
	    struct mt_srv_mon **);
/* Hang up and reap every program left, free the rest. */
void	mt_srv_mon_free(struct mt_srv_mon *);
/* The monitor's handlers (struct l2c_mon_conf's request and reaped). */
int	mt_srv_mon_request(void *, struct l2c_mon *,
	    const struct l2c_mon_msg *);
void	mt_srv_mon_reaped(void *, pid_t, int);

/* The parser's guard over sock (kept open as long as the guard). */
void	mt_srv_ask_guard(int *sock, struct mt_srv_guard *);

#endif /* L2C_MAC_MT_SRV_MON_H */
