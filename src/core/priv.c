/* SPDX-License-Identifier: ISC */
/*
 * Permanent privilege drop, verified the way OpenSSH's uidswap does,
 * and the files opened before it.
 */
#include <sys/fsuid.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "priv.h"

int
l2c_priv_drop(const char *user)
{
	struct passwd	*pw;

	if (geteuid() != 0)
		return 0;
	if (user == NULL)
		user = L2C_PRIV_DEFAULT_USER;
	if ((pw = getpwnam(user)) == NULL) {
		l2c_err("cannot drop privileges: no user \"%s\"", user);
		return L2C_ERR_PRIV;
	}
	return l2c_priv_drop_ids(pw->pw_uid, pw->pw_gid);
}

int
l2c_priv_drop_ids(uid_t uid, gid_t gid)
{
	uid_t		 ru, eu, su;
	gid_t		 rg, eg, sg;

	if (uid == 0)
		return L2C_ERR_PRIV;
	if (setgroups(1, &gid) == -1 ||
	    setresgid(gid, gid, gid) == -1 ||
	    setresuid(uid, uid, uid) == -1)
		return L2C_ERR_PRIV;
	/* The drop must be permanent: root must not come back. */
	if (setuid(0) != -1 || seteuid(0) != -1 || setgid(0) != -1)
		return L2C_ERR_PRIV;
	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1 ||
	    ru != uid || eu != uid || su != uid ||
	    rg != gid || eg != gid || sg != gid)
		return L2C_ERR_PRIV;
	l2c_priv_nodump();
	l2c_debug("dropped privileges to uid %u", (unsigned)uid);
	return 0;
}

/* No symlink, no hard link to a file elsewhere, nothing but a file. */
int
l2c_priv_open_out(const char *path, int append)
{
	struct stat	st;
	int		flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
			    O_NOCTTY, fd;

	if (append)
		flags |= O_APPEND;
	else if (geteuid() == 0)
		flags |= O_EXCL;
	else
		flags |= O_TRUNC;
	if ((fd = open(path, flags, 0600)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

/* A decimal id from sudo's environment, nonzero. */
static int
env_id(const char *name, unsigned long *out)
{
	const char	*s = getenv(name);
	char		*end;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || *out == 0 || *out >= UINT_MAX)
		return -1;
	return 0;
}

int
l2c_priv_invoker(uid_t *uid, gid_t *gid, char *home, size_t len)
{
	struct passwd	*pw;
	unsigned long	 u, g;

	/* Only root may speak for someone else; sudo set these for it. */
	if (geteuid() != 0 || env_id("SUDO_UID", &u) != 0 ||
	    env_id("SUDO_GID", &g) != 0 || (pw = getpwuid((uid_t)u)) == NULL ||
	    pw->pw_dir == NULL || pw->pw_dir[0] != '/')
		return 0;
	*uid = (uid_t)u;
	*gid = (gid_t)g;
	if ((size_t)snprintf(home, len, "%s", pw->pw_dir) >= len)
		return 0;
	return 1;
}

int
l2c_priv_fs_as(uid_t uid, gid_t gid)
{
	(void)setfsgid(gid);
	(void)setfsuid(uid);
	/* Each call returns the old id: asking again tells if it took. */
	if ((uid_t)setfsuid((uid_t)-1) != uid ||
	    (gid_t)setfsgid((gid_t)-1) != gid) {
		l2c_priv_fs_back();
		return L2C_ERR_PRIV;
	}
	return 0;
}

void
l2c_priv_fs_back(void)
{
	(void)setfsuid(geteuid());
	(void)setfsgid(getegid());
}

void
l2c_priv_nodump(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_CORE, &rl) == 0) {
		rl.rlim_cur = 0;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
	(void)prctl(PR_SET_DUMPABLE, 0);
}

/* Whole pages are locked; a failure (RLIMIT_MEMLOCK, EPERM) is no error. */
void
l2c_priv_lock(const void *p, size_t len)
{
	if (mlock(p, len) == -1)
		l2c_debug("cannot lock a secret in memory: %s",
		    strerror(errno));
}

void
l2c_priv_unlock(const void *p, size_t len)
{
	(void)munlock(p, len);
}
