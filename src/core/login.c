/* SPDX-License-Identifier: ISC */
/*
 * A login on a new pty: the account, looked up before the fork, is the
 * pty spawner's child hook (pty.c): become it, exec its shell, a
 * command or a program, with the clean environment of login.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "login.h"
#include "pty.h"

#define USER_PATH	"/usr/bin:/bin"
#define ROOT_PATH	"/usr/sbin:/usr/bin:/sbin:/bin"
#define LANG_MAX	128

/* What the child needs of the account, copied before fork(). */
struct acct {
	char	name[LOGIN_NAME_MAX + 1];
	char	home[PATH_MAX];
	char	shell[PATH_MAX];
	char	lang[LANG_MAX];	/* ours, if set and short; else "" */
	uid_t	uid;
	gid_t	gid;
	int	switch_user;
	gid_t	ttygid;
	const struct l2c_login *lg;
};

/* The account, and whether we must (and may) switch to it. */
static int
lookup(const struct l2c_login *lg, struct acct *a)
{
	struct passwd	 pw, *res = NULL;
	const char	*lang;
	char		 buf[16384];
	int		 rv;

	memset(a, 0, sizeof(*a));
	if (lg->user != NULL)
		rv = getpwnam_r(lg->user, &pw, buf, sizeof(buf), &res);
	else
		rv = getpwuid_r(geteuid(), &pw, buf, sizeof(buf), &res);
	if (rv != 0 || res == NULL)
		return L2C_ERR_NOTFOUND;
	if (strlen(pw.pw_name) > LOGIN_NAME_MAX ||
	    strlen(pw.pw_dir) >= sizeof(a->home) ||
	    strlen(pw.pw_shell) >= sizeof(a->shell))
		return L2C_ERR_NOTFOUND;
	strcpy(a->name, pw.pw_name);
	strcpy(a->home, pw.pw_dir);
	strcpy(a->shell, pw.pw_shell[0] != '\0' ? pw.pw_shell : "/bin/sh");
	a->uid = pw.pw_uid;
	a->gid = pw.pw_gid;
	/* Copied now: the child clears the environment before it sets it. */
	if ((lang = getenv("LANG")) != NULL && strlen(lang) < sizeof(a->lang))
		strcpy(a->lang, lang);
	if (pw.pw_uid != geteuid()) {
		if (geteuid() != 0)
			return L2C_ERR_PERM;
		a->switch_user = 1;
	}
	return 0;
}

/* The tty group, as login(1) gives a terminal to its user. */
static gid_t
tty_gid(gid_t dflt)
{
	struct group	 gr, *res = NULL;
	char		 buf[4096];

	if (getgrnam_r("tty", &gr, buf, sizeof(buf), &res) == 0 && res != NULL)
		return gr.gr_gid;
	return dflt;
}

/* In the child, on the pty: the account's terminal, ids, home, shell. */
static int
child(void *arg)
{
	const struct acct	*a = arg;
	const struct l2c_login	*lg = a->lg;
	const char		*base;
	char			 argv0[PATH_MAX + 1];

	if (a->switch_user && (fchown(0, a->uid, a->ttygid) == -1 ||
	    fchmod(0, 0620) == -1))
		return L2C_ERR_SYS;
	if (a->switch_user) {
		if (initgroups(a->name, a->gid) == -1 ||
		    setgid(a->gid) == -1 || setuid(a->uid) == -1)
			return L2C_ERR_PRIV;
		/* As OpenSSH's permanently_set_uid: root must not come back. */
		if (a->uid != 0 && (setuid(0) != -1 || seteuid(0) != -1)) {
			errno = EPERM;
			return L2C_ERR_PRIV;
		}
	}
	/* As login(1): no home is no reason to stop, no "/" is. */
	if (chdir(a->home) == -1 && chdir("/") == -1)
		return L2C_ERR_SYS;
	if (clearenv() != 0 ||
	    setenv("HOME", a->home, 1) == -1 ||
	    setenv("USER", a->name, 1) == -1 ||
	    setenv("LOGNAME", a->name, 1) == -1 ||
	    setenv("SHELL", a->shell, 1) == -1 ||
	    setenv("PATH", a->uid == 0 ? ROOT_PATH : USER_PATH, 1) == -1 ||
	    setenv("TERM", lg->term != NULL && lg->term[0] != '\0' ?
	    lg->term : "vt102", 1) == -1 ||
	    (a->lang[0] != '\0' && setenv("LANG", a->lang, 1) == -1))
		return L2C_ERR_SYS;
	if (lg->cmd != NULL) {
		execl("/bin/sh", "sh", "-c", lg->cmd, (char *)NULL);
		return L2C_ERR_SYS;
	}
	if (lg->argv != NULL) {
		execv(lg->argv[0], lg->argv);
		return L2C_ERR_SYS;
	}
	/* A login shell: argv[0] is "-" and the shell's base name. */
	base = strrchr(a->shell, '/');
	base = base != NULL ? base + 1 : a->shell;
	snprintf(argv0, sizeof(argv0), "-%s", base);
	execl(a->shell, argv0, (char *)NULL);
	return L2C_ERR_SYS;
}

int
l2c_login_spawn(const struct l2c_login *lg, int *masterp, pid_t *pidp)
{
	struct acct	a;
	struct l2c_pty	p;
	int		rv;

	*masterp = -1;
	*pidp = 0;
	if ((rv = lookup(lg, &a)) != 0)
		return rv;
	a.lg = lg;
	a.ttygid = a.switch_user ? tty_gid(a.gid) : a.gid;
	l2c_pty_init(&p);
	if ((rv = l2c_pty_start(&p, lg->cols, lg->rows, child, &a)) != 0)
		return rv;
	*masterp = p.fd;
	*pidp = p.pid;
	return 0;
}
