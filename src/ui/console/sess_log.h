/* SPDX-License-Identifier: ISC */
/*
 * The session log: a console's output appended to a file as it
 * arrives, each line stamped with the local time if asked.  Opening
 * and attaching are two steps so that the file can be opened before
 * root is given up.
 */
#ifndef L2C_UI_CONSOLE_SESS_LOG_H
#define L2C_UI_CONSOLE_SESS_LOG_H

#include <stddef.h>
#include <stdint.h>

struct l2c_sess_log {
	int	 fd;		/* -1: not logging */
	int	 stamps;
	int	 bol;		/* the next byte starts a line */
	char	*path;
};

void	l2c_sess_log_init(struct l2c_sess_log *);
/* A descriptor for path (appended, created 0600), or -1 with errno. */
int	l2c_sess_log_open(const char *);
/* Log to fd, which the log owns from now on: 0 or L2C_ERR_NOMEM. */
int	l2c_sess_log_attach(struct l2c_sess_log *, int fd, const char *path,
	    int stamps);
/* Append output: 0, or -1 when a write failed (the caller stops). */
int	l2c_sess_log_write(struct l2c_sess_log *, const uint8_t *, size_t);
void	l2c_sess_log_stop(struct l2c_sess_log *);
/* The path while logging, else NULL. */
const char *l2c_sess_log_path(const struct l2c_sess_log *);

#endif
