/* SPDX-License-Identifier: ISC */
/* The session log (sess_log.h): output to a file, lines stamped if asked. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/priv.h"
#include "ui/console/sess_log.h"
#include "ui/console/tools.h"

void
l2c_sess_log_init(struct l2c_sess_log *l)
{
	memset(l, 0, sizeof(*l));
	l->fd = -1;
}

int
l2c_sess_log_open(const char *path)
{
	return l2c_priv_open_out(path, 1);
}

int
l2c_sess_log_attach(struct l2c_sess_log *l, int fd, const char *path,
    int stamps)
{
	char	*p;

	l2c_sess_log_stop(l);
	if ((p = strdup(path)) == NULL) {
		close(fd);
		return L2C_ERR_NOMEM;
	}
	l->fd = fd;
	l->path = p;
	l->stamps = stamps;
	l->bol = 1;
	return 0;
}

/* A time at the start of each logged line (--timestamps). */
static int
stamp(struct l2c_sess_log *l)
{
	char	buf[64];
	size_t	n;

	n = l2c_stamp_fmt(buf, sizeof(buf));
	return write(l->fd, buf, n) == (ssize_t)n ? 0 : -1;
}

int
l2c_sess_log_write(struct l2c_sess_log *l, const uint8_t *p, size_t n)
{
	const uint8_t	*nl;
	size_t		 seg;

	while (n > 0) {
		if (l->stamps && l->bol && stamp(l) != 0)
			return -1;
		nl = l->stamps ? memchr(p, '\n', n) : NULL;
		seg = nl != NULL ? (size_t)(nl - p) + 1 : n;
		if (write(l->fd, p, seg) != (ssize_t)seg)
			return -1;
		l->bol = p[seg - 1] == '\n';
		p += seg;
		n -= seg;
	}
	return 0;
}

void
l2c_sess_log_stop(struct l2c_sess_log *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	free(l->path);
	l->path = NULL;
}

const char *
l2c_sess_log_path(const struct l2c_sess_log *l)
{
	return l->fd >= 0 ? l->path : NULL;
}
