/* SPDX-License-Identifier: ISC */
/*
 * The MOP monitor's answers: the verification checked here, the
 * console program started only for a reservation that passed it, and
 * hung up (SIGHUP, then SIGKILL) when the parser says it ended.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "core/priv.h"
#include "core/reaper.h"
#include "mop/mop_srv_mon.h"

#define KILL_GRACE_US	L2C_SEC(2)

struct mop_srv_mon {
	struct mop_server_conf	 o;
	int			 granted;
	pid_t			 pid;		/* the program, or 0 */
	struct l2c_reaper	 reap;		/* hung up, not gone */
	struct l2c_loop		*loop;
	uint64_t		 second;	/* the cap's window */
	unsigned		 checks;
};

int
mop_srv_mon_new(const struct mop_server_conf *o, struct mop_srv_mon **out)
{
	struct mop_srv_mon	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return L2C_ERR_NOMEM;
	l2c_priv_lock(m, sizeof(*m));
	m->o = *o;
	l2c_reaper_init(&m->reap, NULL, KILL_GRACE_US);
	*out = m;
	return 0;
}

static void
reap_now(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	(void)waitpid(pid, NULL, 0);
}

void
mop_srv_mon_free(struct mop_srv_mon *m)
{
	if (m == NULL)
		return;
	reap_now(m->pid);
	l2c_reaper_free(&m->reap);
	explicit_bzero(m, sizeof(*m));
	l2c_priv_unlock(m, sizeof(*m));
	free(m);
}

void
mop_srv_mon_reaped(void *arg, pid_t pid, int status)
{
	struct mop_srv_mon	*m = arg;

	(void)status;
	if (pid == m->pid)
		m->pid = 0;
	else
		(void)l2c_reaper_reaped(&m->reap, pid);
}

static void
hangup(struct mop_srv_mon *m)
{
	l2c_reaper_hangup(&m->reap, m->pid);
	m->pid = 0;
}

static int
on_reserve(struct mop_srv_mon *m, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	uint64_t	now = l2c_now_us();
	uint8_t		ok;

	if (q->len != MOP_VERIF_LEN)
		return L2C_ERR_MALFORMED;
	if (now - m->second >= L2C_SEC(1)) {
		m->second = now;
		m->checks = 0;
	}
	if (++m->checks > MOPM_CHECKS_PER_S) {
		if (m->checks == MOPM_CHECKS_PER_S + 1)
			l2c_warn("mop: monitor: more than %u reservations a "
			    "second asked for: refused", MOPM_CHECKS_PER_S);
		ok = 0;
	} else
		ok = mop_server_verif_ok(&m->o, q->b) == 1;
	m->granted = ok;
	return l2c_mon_reply(mon, MOPM_REPLY | MOPM_RESERVE, &ok, 1, -1);
}

static int
on_spawn(struct mop_srv_mon *m, struct l2c_mon *mon)
{
	int	fd = -1, rv;
	pid_t	pid = 0;

	if (!m->granted) {
		l2c_warn("mop: monitor: a program asked for without a "
		    "reservation: refused");
		rv = L2C_ERR_AUTH;
	} else if (m->pid > 0) {
		l2c_warn("mop: monitor: a second program asked for: refused");
		rv = L2C_ERR_BUSY;
	} else if ((rv = mop_server_spawn(&m->o, &fd, &pid)) == 0)
		m->pid = pid;
	rv = l2c_mon_reply_fd(mon, MOPM_SPAWN, rv, fd);
	if (fd >= 0)
		close(fd);
	return rv;
}

int
mop_srv_mon_request(void *arg, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	struct mop_srv_mon	*m = arg;

	m->loop = m->reap.loop = l2c_mon_loop(mon);
	if (q->type != MOPM_RESERVE && q->len != 0)
		return L2C_ERR_MALFORMED;
	switch (q->type) {
	case MOPM_RESERVE:
		return on_reserve(m, mon, q);
	case MOPM_SPAWN:
		return on_spawn(m, mon);
	case MOPM_HANGUP:
		hangup(m);
		return 0;
	case MOPM_RELEASE:
		m->granted = 0;
		hangup(m);
		return 0;
	default:
		return L2C_ERR_MALFORMED;
	}
}
