/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's users file:
 *
 *	user:ecsrp5-v:SALT:V		what --add-user writes: the salt (32
 *					hex digits) and the verifier point
 *					V = x.G (66: u and y's parity), which
 *					logs nobody in; EC-SRP5 only
 *	user:md5-plain:password		plain text, marked: MD5 needs it
 *
 * and, read with a warning, upstream mactelnetd's
 *
 *	user:password			plain text (MD5 and EC-SRP5)
 *	user:HEXHASH:HEXSALT		the client's secret x (64 and 32 hex
 *					digits): as good as the password here
 *
 * x = SHA256(salt || SHA256(user ":" password)); docs/protocols.md has
 * the math.  '#' starts a comment line; blank lines are skipped.  The
 * file must be root's, 0600: a reader can guess passwords offline from
 * V and logs in with the rest, a writer logs in as anyone.
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

/* What a line holds (mt_user.kind). */
enum mt_user_kind {
	MT_USER_VERIFIER,	/* user:ecsrp5-v:SALT:V */
	MT_USER_LEGACY,		/* user:X:SALT, held as V from load on */
	MT_USER_MD5,		/* user:md5-plain:password */
	MT_USER_PLAIN,		/* user:password (upstream's) */
};
#define MT_USER_HAS_V(u)	((u)->kind == MT_USER_VERIFIER || \
				 (u)->kind == MT_USER_LEGACY)

struct mt_user {
	char		 name[MT_USER_MAX + 1];
	int		 kind;			/* enum mt_user_kind */
	char		*password;		/* MD5, PLAIN: plain text */
	uint8_t		 v[ECSRP_KEY_LEN];	/* HAS_V: the verifier point */
	uint8_t		 salt[ECSRP_SALT_LEN];
};

struct mt_users {
	struct mt_user	*u;
	size_t		 n;
	size_t		 nkind[4];	/* lines of each kind */
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
/* What the file's lines give away, one warning per kind (at start). */
void	mt_users_warn(const struct mt_users *, const char *path);
/* The verifier line for user/password with a fresh salt. */
int	mt_users_line(const char *user, const char *password, char *out,
	    size_t outlen);
/*
 * Add or replace user's line with a verifier line (with md5: a marked
 * plain-text line, user:md5-plain:password), atomically (temporary
 * file + rename).  A missing file is created 0600 (its directory 0755 if
 * missing too); an existing one must pass mt_users_check.  *replaced
 * says whether the user was there before.
 */
int	mt_users_set(const char *path, const char *user, const char *password,
	    int md5, int *replaced, char *why, size_t whylen);

#endif /* L2C_MAC_MT_USERS_H */
