/* SPDX-License-Identifier: ISC */
/*
 * Privileges: once the capture and injection handles are open, root is
 * no longer needed.  A non-root caller (file capability cap_net_raw)
 * keeps working: the open handles carry the privilege.
 */
#ifndef L2C_PRIV_H
#define L2C_PRIV_H

#define L2C_PRIV_DEFAULT_USER	"nobody"

/* As root: become user (default nobody) for good, and check it. */
int	l2c_priv_drop(const char *user);
/*
 * A file written for the user while still root (--pcap, --log): no
 * symlink followed, only a regular file with one link, mode 0600 when
 * created; as root, append or nothing: a file to truncate must not
 * exist yet.  The descriptor, or -1 with errno.
 */
int	l2c_priv_open_out(const char *path, int append);

#endif /* L2C_PRIV_H */
