/* SPDX-License-Identifier: ISC */
/*
 * The known devices file, as ssh's known_hosts: one line per MikroTik
 * that logged us in, with the login it used and the identity it had,
 *
 *	# comment
 *	MAC LOGIN IDENTITY	(LOGIN ecsrp5 or md5; IDENTITY with \xHH
 *				 for space, '\', controls and non-ASCII;
 *				 "-" when none is known)
 *
 * so that a device that used EC-SRP5 is not talked into MD5 later, and
 * an identity that moved to another MAC is noticed.  The file is
 * opened once, before the privilege drop, as the invoking user (sudo's
 * too), and rewritten through that descriptor after a login.
 */
#ifndef L2C_UI_KNOWN_H
#define L2C_UI_KNOWN_H

#include <stddef.h>
#include <stdint.h>

#define L2C_KNOWN_ENV		"L2CONSOLE_KNOWN_DEVICES"
#define L2C_KNOWN_NAME		"l2console/known_devices"
#define L2C_KNOWN_IDENT_MAX	128

/* Logins, weakest first: a record is never moved down. */
enum l2c_known_login {
	L2C_KNOWN_NONE,
	L2C_KNOWN_MD5,
	L2C_KNOWN_ECSRP5,
};

struct l2c_known_dev {
	uint8_t		 mac[6];
	int		 login;		/* enum l2c_known_login */
	char		 identity[L2C_KNOWN_IDENT_MAX + 1];	/* "" none */
};

struct l2c_known {
	struct l2c_known_dev	*d;
	size_t			 n;
	size_t			 bad;		/* lines skipped */
	size_t			 first_bad;	/* the first one's number */
	int			 fd;		/* -1: not kept */
	char			 path[4096];
};

/*
 * Where the file is: --known-devices, $L2CONSOLE_KNOWN_DEVICES, else
 * $XDG_STATE_HOME/l2console/known_devices (default ~/.local/state/),
 * the home being sudo's invoking user's when root runs for one.  0, or
 * L2C_ERR_NOTFOUND when there is no home to put it in.
 */
int	l2c_known_path(const char *opt, char *buf, size_t len);
/*
 * Open (making it 0600 and its directory 0700 as needed) and read it,
 * before the privilege drop.  Trouble is one line on stderr and an
 * empty table (nothing to check against, nothing written): never an
 * end to the command.
 */
void	l2c_known_open(struct l2c_known *, const char *opt);
/* Text to table (skipping bad lines); 0 or L2C_ERR_NOMEM. */
int	l2c_known_parse(struct l2c_known *, const char *text, size_t len);
/* The text of the table, malloc'd, with its header comment. */
int	l2c_known_format(const struct l2c_known *, char **text, size_t *len);
const struct l2c_known_dev *l2c_known_find(const struct l2c_known *,
	    const uint8_t mac[6]);
/* 1 if the device got in with EC-SRP5 before: MD5 is a downgrade. */
int	l2c_known_strong(const struct l2c_known *, const uint8_t mac[6]);
/* The last device recorded with identity (any case), or NULL. */
const struct l2c_known_dev *l2c_known_by_identity(const struct l2c_known *,
	    const char *identity);
/*
 * A login got in: record it, the login only ever moving up (ecsrp5
 * stays ecsrp5) and the identity replaced when one is given.  1 if the
 * table changed, 0 if not, or L2C_ERR_NOMEM.
 */
int	l2c_known_note(struct l2c_known *, const uint8_t mac[6], int login,
	    const char *identity);
/*
 * The same in the file: locked, read again (another l2console may have
 * written since), noted and rewritten.  0, or a line said and an error.
 */
int	l2c_known_save(struct l2c_known *, const uint8_t mac[6], int login,
	    const char *identity);
void	l2c_known_close(struct l2c_known *);

#endif
