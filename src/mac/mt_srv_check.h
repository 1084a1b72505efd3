/* SPDX-License-Identifier: ISC */
/*
 * What a MAC-Telnet login is checked against, and nothing else: the
 * users file, the server's made-up values for unknown users, and each
 * login's EC-SRP5 secrets between its begin and its check, by login id.
 * The server's own process holds one when it runs alone; under privilege
 * separation only the monitor does (mt_srv_mon.c), and the parser never
 * sees a verifier, a password or a server secret.  A leaf: it calls
 * nothing of the server's.
 */
#ifndef L2C_MAC_MT_SRV_CHECK_H
#define L2C_MAC_MT_SRV_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "mac/ecsrp.h"
#include "mac/mt_server.h"

#define MT_CHECK_SLOTS	512	/* logins between begin and check */

struct mt_check;

int	mt_check_new(struct mt_users *, mt_srv_rng_fn *, void *,
	    struct mt_check **);
void	mt_check_free(struct mt_check *);
/*
 * Begin login id for user (MD5: salt only, user and wc unused): 0 with
 * the salt (ECSRP_SALT_LEN bytes, MD5 MT_MD5_SALT_LEN) and EC-SRP5's
 * W_s; L2C_ERR_PROTO for a client key off the curve; else an error.
 * The same work and the same salt on every try whoever the user is.
 */
int	mt_check_begin(struct mt_check *, uint32_t id, int md5,
	    const char *user, const uint8_t wc[ECSRP_KEY_LEN], uint8_t *salt,
	    uint8_t ws[ECSRP_KEY_LEN]);
/*
 * The client's proof (EC-SRP5) or response (MD5) for user: 1 if good
 * (then mt_check_take() may let it in once), 0 with *why, or
 * L2C_ERR_PROTO for a login never begun.
 */
int	mt_check_verify(struct mt_check *, uint32_t id, const char *user,
	    const uint8_t *resp, size_t len, const char **why);
/* The user a good check let in, once: 0, else L2C_ERR_AUTH. */
int	mt_check_take(struct mt_check *, uint32_t id, char *user, size_t len,
	    const char **method);
void	mt_check_forget(struct mt_check *, uint32_t id);

#endif /* L2C_MAC_MT_SRV_CHECK_H */
