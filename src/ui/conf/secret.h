/* SPDX-License-Identifier: ISC */
/*
 * Passwords: from --password-file, an environment variable, or a prompt
 * on the terminal without echo.  Never printed, never logged; wipe them
 * with l2c_secret_wipe() as soon as they have been used.
 */
#ifndef L2C_UI_SECRET_H
#define L2C_UI_SECRET_H

#include <stddef.h>

#define L2C_SECRET_MAX	256

/*
 * file, then $envname, then a no-echo prompt on /dev/tty (none if prompt
 * is NULL: buf is then "").  Returns 0, or an exit status after one line
 * on stderr.  The caller is made undumpable and buf locked in memory
 * where the system allows (core/priv.h).
 */
int	l2c_secret_get(const char *file, const char *envname,
	    const char *prompt, char *buf, size_t len);
void	l2c_secret_wipe(void *, size_t);

#endif
