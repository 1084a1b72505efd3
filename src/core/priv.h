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

#endif /* L2C_PRIV_H */
