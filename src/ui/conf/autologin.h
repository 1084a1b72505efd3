/* SPDX-License-Identifier: ISC */
/*
 * The reference client's autologin file (mactelnet -a FILE, by default
 * ~/.mactelnet), read so that an engineer's existing file keeps working:
 *
 *	[00:0c:42:11:22:33]	(or an identity, or "default")
 *	user = admin
 *	password = secret
 *
 * As there, the section named like the target is taken whole, else the
 * "default" one; names compare without regard to case, MACs in any
 * spelling.
 */
#ifndef L2C_UI_AUTOLOGIN_H
#define L2C_UI_AUTOLOGIN_H

#include "ui/conf/secret.h"

#define L2C_AUTOLOGIN_FILE	".mactelnet"	/* in $HOME */

struct l2c_autologin {
	char	user[256];
	char	password[L2C_SECRET_MAX];
	int	have_user;
	int	have_password;
};

/*
 * path NULL: $HOME/.mactelnet, which need not exist.  A password in a
 * file others can read is not used (one warning line).  Returns 0 with
 * a filled in (wipe it after use), or an exit status after one line.
 */
int	l2c_autologin_read(const char *path, const char *target,
	    struct l2c_autologin *a);

#endif
