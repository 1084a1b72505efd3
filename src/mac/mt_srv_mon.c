/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet monitor's answers: the parser's requests checked for
 * shape and order, the logins checked here (mt_srv_check.c), a program
 * started only for a login that passed, and hung up and reaped when
 * the parser says the session ended.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "core/reaper.h"
#include "mac/mt_srv_check.h"
#include "mac/mt_srv_int.h"
#include "mac/mt_srv_mon.h"

struct prog {
	uint32_t	id;
	pid_t		pid;
};

struct mt_srv_mon {
	struct mt_check		*check;
	mt_srv_spawn_fn		*spawn;
	void			*spawn_arg;
	struct l2c_loop		*loop;
	struct l2c_reaper	 reap;		/* programs hung up */
	struct prog		*progs;		/* and still running */
	size_t			 nprogs;
	uint64_t		 begin_tat;
	uint64_t		 capped;
};


int
mt_srv_mon_new(struct mt_users *users, mt_srv_spawn_fn *spawn, void *arg,
    struct mt_srv_mon **out)
{
	struct mt_srv_mon	*m;
	int			 rv;

	*out = NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return L2C_ERR_NOMEM;
	if ((rv = mt_check_new(users, NULL, NULL, &m->check)) != 0) {
		free(m);
		return rv;
	}
	m->spawn = spawn;
	m->spawn_arg = arg;
	l2c_reaper_init(&m->reap, NULL, MTM_KILL_GRACE_US);
	*out = m;
	return 0;
}

void
mt_srv_mon_free(struct mt_srv_mon *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nprogs; i++) {
		kill(-m->progs[i].pid, SIGKILL);
		kill(m->progs[i].pid, SIGKILL);
		(void)waitpid(m->progs[i].pid, NULL, 0);
	}
	free(m->progs);
	l2c_reaper_free(&m->reap);
	mt_check_free(m->check);
	free(m);
}

void
mt_srv_mon_reaped(void *arg, pid_t pid, int status)
{
	struct mt_srv_mon	*m = arg;
	size_t			 i;

	(void)status;
	if (l2c_reaper_reaped(&m->reap, pid))
		return;
	for (i = 0; i < m->nprogs; i++)
		if (m->progs[i].pid == pid) {
			m->progs[i] = m->progs[--m->nprogs];
			break;
		}
}

/* A user name or a terminal type: len bytes, no NUL or control. */
static int
text(const uint8_t *p, size_t len, char *out, size_t max)
{
	size_t	i;

	if (len > max)
		return -1;
	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			return -1;
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}

static uint32_t
id_of(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
on_begin(struct mt_srv_mon *m, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	uint8_t	r[1 + ECSRP_SALT_LEN + ECSRP_KEY_LEN];
	char	user[LOGIN_MAX + 1];
	size_t	ulen;
	int	rv;

	if (q->len < 6 || q->b[4] > 1 ||
	    q->len != 6 + (ulen = q->b[5]) + ECSRP_KEY_LEN ||
	    text(q->b + 6, ulen, user, LOGIN_MAX) != 0 || id_of(q->b) == 0)
		return L2C_ERR_MALFORMED;
	memset(r, 0, sizeof(r));
	/* A parser gone wrong gets no faster oracle than the wire's. */
	if (!mts_gcra(&m->begin_tat, l2c_now_us(),
	    L2C_SEC(1) / MTM_BEGINS_PER_S, MTM_BEGINS_PER_S)) {
		if (m->capped++ % 1000 == 0)
			l2c_warn("mt-server: monitor: more than %u logins a "
			    "second asked for: refused", MTM_BEGINS_PER_S);
		r[0] = 2;
		return l2c_mon_reply(mon, MTM_REPLY | MTM_BEGIN, r, sizeof(r),
		    -1);
	}
	rv = mt_check_begin(m->check, id_of(q->b), q->b[4], user,
	    q->b + 6 + ulen, r + 1, r + 1 + ECSRP_SALT_LEN);
	r[0] = rv == 0 ? 0 : rv == L2C_ERR_PROTO ? 1 : 2;
	rv = l2c_mon_reply(mon, MTM_REPLY | MTM_BEGIN, r, sizeof(r), -1);
	OPENSSL_cleanse(r, sizeof(r));
	return rv;
}

static int
on_check(struct mt_srv_mon *m, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	uint8_t		 r[128];
	char		 user[LOGIN_MAX + 1];
	const char	*why = "";
	size_t		 ulen, rlen;
	int		 rv;

	if (q->len < 6 || q->len < 6 + (ulen = q->b[4]) ||
	    q->len != 6 + ulen + (rlen = q->b[5 + ulen]) ||
	    text(q->b + 5, ulen, user, LOGIN_MAX) != 0)
		return L2C_ERR_MALFORMED;
	rv = mt_check_verify(m->check, id_of(q->b), user, q->b + 6 + ulen,
	    rlen, &why);
	if (rv < 0) {
		l2c_warn("mt-server: monitor: a check for login %u, never "
		    "begun: refused", (unsigned)id_of(q->b));
		why = "out of order";
	}
	r[0] = rv == 1;
	rlen = strlen(why) < sizeof(r) - 1 ? strlen(why) : sizeof(r) - 1;
	memcpy(r + 1, why, rlen);
	return l2c_mon_reply(mon, MTM_REPLY | MTM_CHECK, r, 1 + rlen, -1);
}

static int
on_spawn(struct mt_srv_mon *m, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	struct mt_srv_login	 lg;
	struct prog		*p;
	char			 user[LOGIN_MAX + 1], term[TERM_MAX + 1];
	int			 fd = -1, rv;
	pid_t			 pid = 0;

	if (q->len < 14 || text(q->b + 14, q->len - 14, term, TERM_MAX) != 0)
		return L2C_ERR_MALFORMED;
	memset(&lg, 0, sizeof(lg));
	if ((rv = mt_check_take(m->check, id_of(q->b), user, sizeof(user),
	    &lg.method)) != 0)
		l2c_warn("mt-server: monitor: a program asked for login %u, "
		    "which did not pass its check: refused",
		    (unsigned)id_of(q->b));
	else if ((p = reallocarray(m->progs, m->nprogs + 1,
	    sizeof(*p))) == NULL)
		rv = L2C_ERR_NOMEM;
	else {
		m->progs = p;
		lg.user = lg.login = user;
		lg.term = term;
		lg.cols = (unsigned)q->b[4] << 8 | q->b[5];
		lg.rows = (unsigned)q->b[6] << 8 | q->b[7];
		lg.peer = q->b + 8;
		if ((rv = m->spawn(m->spawn_arg, &lg, &fd, &pid)) == 0 &&
		    pid > 0) {
			p[m->nprogs].id = id_of(q->b);
			p[m->nprogs++].pid = pid;
		}
	}
	rv = l2c_mon_reply_fd(mon, MTM_SPAWN, rv, fd);
	if (fd >= 0)
		close(fd);
	return rv;
}

/* The session is over: forget the login, hang its program up. */
static int
on_end(struct mt_srv_mon *m, const struct l2c_mon_msg *q)
{
	uint32_t	id;
	size_t		i;

	if (q->len != 4)
		return L2C_ERR_MALFORMED;
	id = id_of(q->b);
	mt_check_forget(m->check, id);
	for (i = 0; i < m->nprogs; i++)
		if (m->progs[i].id == id) {
			l2c_reaper_hangup(&m->reap, m->progs[i].pid);
			m->progs[i] = m->progs[--m->nprogs];
			break;
		}
	return 0;
}

int
mt_srv_mon_request(void *arg, struct l2c_mon *mon,
    const struct l2c_mon_msg *q)
{
	struct mt_srv_mon	*m = arg;

	m->loop = m->reap.loop = l2c_mon_loop(mon);
	if (q->len < 4)
		return L2C_ERR_MALFORMED;
	switch (q->type) {
	case MTM_BEGIN:
		return on_begin(m, mon, q);
	case MTM_CHECK:
		return on_check(m, mon, q);
	case MTM_SPAWN:
		return on_spawn(m, mon, q);
	case MTM_END:
		return on_end(m, q);
	default:
		return L2C_ERR_MALFORMED;
	}
}
