/* SPDX-License-Identifier: ISC */
/*
 * The parser's guard under privilege separation: each begin, check,
 * program and end a request to the monitor over the socketpair,
 * waited for (the monitor's EC work is the ~1.7 ms the login budget
 * already counts).  A monitor that is gone or answers out of shape
 * fails the login; the monitor's exit then ends us too.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "mac/ecsrp.h"
#include "mac/mt_srv_mon.h"

static void
put_id(uint8_t *p, uint32_t id)
{
	p[0] = id >> 24;
	p[1] = id >> 16;
	p[2] = id >> 8;
	p[3] = id;
}

/* One request and its answer of the right type and length. */
static int
ask(int sock, unsigned type, const uint8_t *q, size_t len,
    struct l2c_mon_msg *r, size_t rmin)
{
	int	rv;

	if ((rv = l2c_mon_call(sock, type, q, len, r)) != 0)
		return rv;
	/* These answers carry no descriptor. */
	if (r->fd >= 0)
		close(r->fd);
	if (r->type != (MTM_REPLY | type) || r->len < rmin)
		return L2C_ERR_PROTO;
	return 0;
}

static int
a_begin(void *arg, uint32_t id, int md5, const char *user, const uint8_t *wc,
    uint8_t *salt, uint8_t *ws)
{
	int			*sock = arg;
	uint8_t			 q[6 + 255 + ECSRP_KEY_LEN];
	struct l2c_mon_msg	 r;
	size_t			 ulen = strlen(user);
	int			 rv;

	if (ulen > 255)
		return L2C_ERR_INVAL;
	put_id(q, id);
	q[4] = md5 != 0;
	q[5] = (uint8_t)ulen;
	memcpy(q + 6, user, ulen);
	memcpy(q + 6 + ulen, wc, ECSRP_KEY_LEN);
	if ((rv = ask(*sock, MTM_BEGIN, q, 6 + ulen + ECSRP_KEY_LEN, &r,
	    1 + ECSRP_SALT_LEN + ECSRP_KEY_LEN)) != 0)
		return rv;
	if (r.b[0] != 0)
		return r.b[0] == 1 ? L2C_ERR_PROTO : L2C_ERR_AUTH;
	memcpy(salt, r.b + 1, ECSRP_SALT_LEN);
	memcpy(ws, r.b + 1 + ECSRP_SALT_LEN, ECSRP_KEY_LEN);
	return 0;
}

static int
a_check(void *arg, uint32_t id, const char *user, const uint8_t *resp,
    size_t len, char *why, size_t wlen)
{
	int			*sock = arg;
	uint8_t			 q[6 + 255 + 255];
	struct l2c_mon_msg	 r;
	size_t			 ulen = strlen(user);
	int			 rv;

	if (ulen > 255 || len > 255)
		return L2C_ERR_INVAL;
	put_id(q, id);
	q[4] = (uint8_t)ulen;
	memcpy(q + 5, user, ulen);
	q[5 + ulen] = (uint8_t)len;
	memcpy(q + 6 + ulen, resp, len);
	rv = ask(*sock, MTM_CHECK, q, 6 + ulen + len, &r, 1);
	OPENSSL_cleanse(q, sizeof(q));
	if (rv != 0)
		return rv;
	snprintf(why, wlen, "%.*s", (int)(r.len - 1), (const char *)r.b + 1);
	return r.b[0] == 1;
}

static int
a_spawn(void *arg, uint32_t id, const struct mt_srv_login *lg, int *fd,
    pid_t *pid)
{
	int			*sock = arg;
	uint8_t			 q[14 + 255];
	size_t			 tlen = strlen(lg->term);
	int			 rv;

	if (tlen > 255)
		tlen = 0;
	put_id(q, id);
	q[4] = (lg->cols > 0xffff ? 0 : lg->cols) >> 8;
	q[5] = (lg->cols > 0xffff ? 0 : lg->cols) & 0xff;
	q[6] = (lg->rows > 0xffff ? 0 : lg->rows) >> 8;
	q[7] = (lg->rows > 0xffff ? 0 : lg->rows) & 0xff;
	memcpy(q + 8, lg->peer, 6);
	memcpy(q + 14, lg->term, tlen);
	if ((rv = l2c_mon_call_fd(*sock, MTM_SPAWN, q, 14 + tlen, fd)) != 0)
		return rv;
	/* The program is the monitor's child: nothing for us to reap. */
	*pid = 0;
	return 0;
}

static void
a_end(void *arg, uint32_t id)
{
	int	*sock = arg;
	uint8_t	 q[4];

	put_id(q, id);
	if (l2c_mon_send(*sock, MTM_END, q, sizeof(q), -1) != 0)
		l2c_debug("mt-server: the monitor is gone");
}

void
mt_srv_ask_guard(int *sock, struct mt_srv_guard *g)
{
	g->begin = a_begin;
	g->check = a_check;
	g->spawn = a_spawn;
	g->end = a_end;
	g->arg = sock;
	g->foreign = 1;
}
