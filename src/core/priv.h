/* SPDX-License-Identifier: ISC */
/*
 * Privileges: once the capture and injection handles are open, root is
 * no longer needed.  A non-root caller (file capability cap_net_raw)
 * keeps working: the open handles carry the privilege.
 */
#ifndef L2C_PRIV_H
#define L2C_PRIV_H

#include <stddef.h>
#include <sys/types.h>

#define L2C_PRIV_DEFAULT_USER	"nobody"

/* As root: become user (default nobody) for good, and check it. */
int	l2c_priv_drop(const char *user);
/* The same by ids, for a caller that looked the account up before. */
int	l2c_priv_drop_ids(uid_t uid, gid_t gid);
/*
 * A file written for the user while still root (--pcap, --log): no
 * symlink followed, only a regular file with one link, mode 0600 when
 * created; as root, append or nothing: a file to truncate must not
 * exist yet.  The descriptor, or -1 with errno.
 */
int	l2c_priv_open_out(const char *path, int append);
/*
 * For a process that holds secrets (both servers, clients with a
 * password): no core dump (soft RLIMIT_CORE 0, so a child may raise it
 * again) and not dumpable (no ptrace, /proc/PID root's).  Say it again
 * after a uid change: the kernel resets the dumpable flag then.
 */
void	l2c_priv_nodump(void);
/* Keep a secret out of swap where the system lets us (EPERM is fine). */
void	l2c_priv_lock(const void *, size_t);
void	l2c_priv_unlock(const void *, size_t);

/*
 * The user who ran us as root through sudo (SUDO_UID, SUDO_GID): 1 with
 * *uid, *gid and their home (len bytes); 0 when there is none (not root,
 * no sudo, or sudo from root).  Their own files are theirs, not root's.
 */
int	l2c_priv_invoker(uid_t *uid, gid_t *gid, char *home, size_t len);
/*
 * File system work as uid/gid while root (setfsuid: files made are
 * theirs, their permissions apply, a symlink of theirs gets nothing
 * they could not do), and back: 0 or L2C_ERR_PRIV.
 */
int	l2c_priv_fs_as(uid_t uid, gid_t gid);
void	l2c_priv_fs_back(void);

#endif /* L2C_PRIV_H */
