/* SPDX-License-Identifier: ISC */
/*
 * The server's guard in its own process (no monitor: tests, fuzzing, a
 * run without root): the checks against conf.users, the program from
 * conf.spawn, through the same seam the monitor answers.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "mac/mt_srv_check.h"
#include "mac/mt_srv_int.h"

static int
l_begin(void *arg, uint32_t id, int md5, const char *user, const uint8_t *wc,
    uint8_t *salt, uint8_t *ws)
{
	struct mt_server	*srv = arg;

	return mt_check_begin(srv->check, id, md5, user, wc, salt, ws);
}

static int
l_check(void *arg, uint32_t id, const char *user, const uint8_t *resp,
    size_t len, char *why, size_t wlen)
{
	struct mt_server	*srv = arg;
	const char		*w = "";
	int			 rv;

	rv = mt_check_verify(srv->check, id, user, resp, len, &w);
	snprintf(why, wlen, "%s", w);
	return rv;
}

static int
l_spawn(void *arg, uint32_t id, const struct mt_srv_login *lg, int *fd,
    pid_t *pid)
{
	struct mt_server	*srv = arg;
	struct mt_srv_login	 l = *lg;
	char			 user[LOGIN_MAX + 1];
	int			 rv;

	if ((rv = mt_check_take(srv->check, id, user, sizeof(user),
	    &l.method)) != 0)
		return rv;
	l.user = user;
	return srv->conf.spawn(srv->conf.spawn_arg, &l, fd, pid);
}

static void
l_end(void *arg, uint32_t id)
{
	struct mt_server	*srv = arg;

	mt_check_forget(srv->check, id);
}

int
mts_local_guard(struct mt_server *srv)
{
	int	rv;

	if (srv->conf.users == NULL || srv->conf.spawn == NULL)
		return L2C_ERR_INVAL;
	if ((rv = mt_check_new(srv->conf.users, srv->conf.rng,
	    srv->conf.rng_arg, &srv->check)) != 0)
		return rv;
	srv->guard.begin = l_begin;
	srv->guard.check = l_check;
	srv->guard.spawn = l_spawn;
	srv->guard.end = l_end;
	srv->guard.arg = srv;
	return 0;
}
