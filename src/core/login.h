/* SPDX-License-Identifier: ISC */
/*
 * A login on a pseudo-terminal (the pty spawner of pty.h with the
 * account as its child hook), for servers that give remote users a
 * shell (serve mikrotik): the account's login shell or a command, in a
 * session of its own with the pty as controlling terminal, as that
 * account (when we are root), with a clean environment.  The caller
 * owns the master and reaps the child.
 *
 * The environment is this and nothing else (docs/l2console.1, SECURITY):
 * PATH=/usr/bin:/bin (root: /usr/sbin:/usr/bin:/sbin:/bin), TERM, HOME,
 * USER, LOGNAME and SHELL of the account, and LANG if ours is set.
 */
#ifndef L2C_LOGIN_H
#define L2C_LOGIN_H

#include <sys/types.h>

struct l2c_login {
	const char	*user;	/* account to become; NULL: stay who we are */
	const char	*cmd;	/* /bin/sh -c cmd; NULL: the login shell */
	char *const	*argv;	/* else exec argv[0] (a path) as is: login(1) */
	const char	*term;	/* TERM; NULL or "": vt102 */
	unsigned	 cols, rows;	/* 0: 80x24 */
};

/*
 * Spawn; on success *master is the pty master (non-blocking,
 * close-on-exec) and *pid the child, which has already exec'd.  Errors:
 * L2C_ERR_NOTFOUND (no such account here), L2C_ERR_PERM (another
 * account, and we are not root), L2C_ERR_PRIV (could not become it),
 * L2C_ERR_SYS.
 */
int	l2c_login_spawn(const struct l2c_login *, int *master, pid_t *pid);

#endif /* L2C_LOGIN_H */
