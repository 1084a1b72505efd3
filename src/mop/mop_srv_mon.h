/* SPDX-License-Identifier: ISC */
/*
 * MOP's half of privilege separation (core/monitor.h): the monitor's
 * answers (mop_srv_mon.c) and the parser's guard that asks for them
 * (mop_srv_ask.c).  The monitor alone holds the verification and
 * starts the console program, only after a Reserve it checked:
 *
 *   RESERVE  verif:8   -> ok:1
 *   SPAWN              -> rv:4 (signed), the fd
 *   HANGUP             (no answer): the program's end
 *   RELEASE            (no answer): the reservation's
 *
 * Anything malformed ends the monitor; out of order is refused.
 */
#ifndef L2C_MOP_SRV_MON_H
#define L2C_MOP_SRV_MON_H

#include "core/monitor.h"
#include "mop/mop_server.h"

enum {
	MOPM_RESERVE = 1,
	MOPM_SPAWN,
	MOPM_HANGUP,
	MOPM_RELEASE,
	MOPM_REPLY = L2C_MON_REPLY,
};

#define MOPM_CHECKS_PER_S	20	/* the monitor's own cap */

struct mop_srv_mon;

/* The monitor's state: the conf (verification, program; copied). */
int	mop_srv_mon_new(const struct mop_server_conf *,
	    struct mop_srv_mon **);
void	mop_srv_mon_free(struct mop_srv_mon *);
int	mop_srv_mon_request(void *, struct l2c_mon *,
	    const struct l2c_mon_msg *);
void	mop_srv_mon_reaped(void *, pid_t, int);

/* The parser's guard over sock (kept open as long as the guard). */
void	mop_srv_ask_guard(int *sock, struct mop_srv_guard *);

#endif /* L2C_MOP_SRV_MON_H */
