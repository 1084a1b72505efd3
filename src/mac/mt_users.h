/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's users file, in upstream mactelnetd's format:
 *
 *	user:password			plain text (MD5 and EC-SRP5)
 *	user:HEXHASH:HEXSALT		the salted EC-SRP5 verifier i (64 and
 *					32 hex digits): no password stored,
 *					EC-SRP5 only
 *
 * '#' starts a comment line; blank lines are skipped.  The file must be
 * owned by root and writable by nobody else: anyone who can write it can
 * log in as anyone listed.
 */
#ifndef L2C_MAC_MT_USERS_H
#define L2C_MAC_MT_USERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mac/ecsrp.h"

#define MT_USERS_DEFAULT	"/etc/l2console/users"
#define MT_USER_MAX		64	/* name bytes */
#define MT_PASS_MAX		256	/* plain-text password bytes */

struct mt_user {
	char		 name[MT_USER_MAX + 1];
	int		 hashed;		/* verifier only */
	char		*password;		/* plain text, or NULL */
	uint8_t		 i[ECSRP_LEN];		/* hashed: the verifier */
	uint8_t		 salt[ECSRP_SALT_LEN];
};

struct mt_users {
	struct mt_user	*u;
	size_t		 n;
	/* Where it came from, to notice a changed file (refresh). */
	char		*path;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	int64_t		 mtime_ns;
};

/*
 * Why a users file must not be trusted, or 0: L2C_ERR_PERM with `why`
 * filled (group/other writable, not owned by root, not a regular file),
 * L2C_ERR_NOTFOUND if it does not exist, L2C_ERR_SYS otherwise.
 */
int	mt_users_check(const char *path, char *why, size_t whylen);
/*
 * Check, then load.  A malformed line is L2C_ERR_MALFORMED with `why`
 * saying "FILE:LINE: ...".
 */
int	mt_users_load(const char *path, struct mt_users **, char *why,
	    size_t whylen);
/* Parse text (tests, fuzzing): no file, no permission check. */
int	mt_users_parse(const char *text, size_t len, struct mt_users **,
	    char *why, size_t whylen);
/*
 * Reload if the file changed since it was read; on any trouble keep
 * what we have and say why once in the log.  Returns 1 if reloaded.
 */
int	mt_users_refresh(struct mt_users *);
const struct mt_user *mt_users_find(const struct mt_users *, const char *,
	    size_t);
void	mt_users_free(struct mt_users *);

/* A name a line can hold: 1..64 bytes, no ':' '+' controls, no '#' first. */
int	mt_user_name_ok(const char *);
/* The verifier line for user/password with a fresh salt ("u:hex:hex\n"). */
int	mt_users_line(const char *user, const char *password, char *out,
	    size_t outlen);
/*
 * Add or replace user's line with a verifier line, atomically (temporary
 * file + rename).  A missing file is created 0600 (its directory 0755 if
 * missing too); an existing one must pass mt_users_check.  *replaced
 * says whether the user was there before.
 */
int	mt_users_set(const char *path, const char *user, const char *password,
	    int *replaced, char *why, size_t whylen);

#endif /* L2C_MAC_MT_USERS_H */
