/* SPDX-License-Identifier: ISC */
/*
 * The MOP parser's guard under privilege separation: each Reserve's
 * verification and each program a request to the monitor, waited for.
 * A monitor gone or out of shape refuses; its exit ends us too.
 */
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "mop/mop_srv_mon.h"

static int
a_reserve(void *arg, const uint8_t verif[MOP_VERIF_LEN])
{
	int			*sock = arg;
	struct l2c_mon_msg	 r;

	if (l2c_mon_call(*sock, MOPM_RESERVE, verif, MOP_VERIF_LEN, &r) != 0)
		return 0;
	if (r.fd >= 0)
		close(r.fd);
	return r.type == (MOPM_REPLY | MOPM_RESERVE) && r.len == 1 &&
	    r.b[0] == 1;
}

static int
a_spawn(void *arg, int *fd, pid_t *pid)
{
	int			*sock = arg;
	int			 rv;

	if ((rv = l2c_mon_call_fd(*sock, MOPM_SPAWN, NULL, 0, fd)) != 0)
		return rv;
	/* The program is the monitor's child: nothing for us to reap. */
	*pid = 0;
	return 0;
}

static void
tell(int sock, unsigned type)
{
	if (l2c_mon_send(sock, type, NULL, 0, -1) != 0)
		l2c_debug("mop: the monitor is gone");
}

static void
a_hangup(void *arg)
{
	tell(*(int *)arg, MOPM_HANGUP);
}

static void
a_release(void *arg)
{
	tell(*(int *)arg, MOPM_RELEASE);
}

void
mop_srv_ask_guard(int *sock, struct mop_srv_guard *g)
{
	g->reserve = a_reserve;
	g->spawn = a_spawn;
	g->hangup = a_hangup;
	g->release = a_release;
	g->arg = sock;
}
