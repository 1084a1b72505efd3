/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet logins' checks: EC-SRP5 and MD5 with the same work
 * whatever the user (unknown users fail exactly as wrong passwords do),
 * each login's secrets in a locked table by id, wiped when done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/priv.h"
#include "core/random.h"
#include "mac/md5auth.h"
#include "mac/mt_srv_check.h"

#define USER_MAX	128

struct slot {
	uint32_t	id;		/* 0: free */
	uint64_t	age;
	int		md5, known, ok;
	char		user[USER_MAX + 1];
	uint8_t		salt[ECSRP_SALT_LEN];
	uint8_t		s[ECSRP_LEN], v[ECSRP_KEY_LEN];	/* V = x.G */
	uint8_t		wc[ECSRP_KEY_LEN], ws[ECSRP_KEY_LEN];
};

struct mt_check {
	struct mt_users	*users;
	mt_srv_rng_fn	*rng;
	void		*rng_arg;
	struct ecsrp	*e;
	uint8_t		 secret[32];
	uint64_t	 age;
	struct slot	 slot[MT_CHECK_SLOTS];
};

static int
rng(struct mt_check *c, uint8_t *p, size_t len)
{
	if (c->rng != NULL)
		return c->rng(c->rng_arg, p, len);
	return l2c_random(p, len);
}

int
mt_check_new(struct mt_users *users, mt_srv_rng_fn *fn, void *arg,
    struct mt_check **out)
{
	struct mt_check	*c;
	int		 rv;

	*out = NULL;
	if (users == NULL)
		return L2C_ERR_INVAL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return L2C_ERR_NOMEM;
	l2c_priv_lock(c, sizeof(*c));
	c->users = users;
	c->rng = fn;
	c->rng_arg = arg;
	if ((rv = rng(c, c->secret, sizeof(c->secret))) != 0 ||
	    (rv = ecsrp_new(&c->e)) != 0) {
		mt_check_free(c);
		return rv;
	}
	*out = c;
	return 0;
}

void
mt_check_free(struct mt_check *c)
{
	if (c == NULL)
		return;
	ecsrp_free(c->e);
	OPENSSL_cleanse(c, sizeof(*c));
	l2c_priv_unlock(c, sizeof(*c));
	free(c);
}

static struct slot *
find(struct mt_check *c, uint32_t id)
{
	size_t	i;

	for (i = 0; id != 0 && i < MT_CHECK_SLOTS; i++)
		if (c->slot[i].id == id)
			return &c->slot[i];
	return NULL;
}

/* A free slot, or the oldest login's: that one then fails its check. */
static struct slot *
take_slot(struct mt_check *c, uint32_t id)
{
	struct slot	*sl = find(c, id), *old = &c->slot[0];
	size_t		 i;

	for (i = 0; sl == NULL && i < MT_CHECK_SLOTS; i++) {
		if (c->slot[i].id == 0) {
			sl = &c->slot[i];
			break;
		}
		if (c->slot[i].age < old->age)
			old = &c->slot[i];
	}
	if (sl == NULL)
		sl = old;
	OPENSSL_cleanse(sl, sizeof(*sl));
	sl->id = id;
	sl->age = ++c->age;
	return sl;
}

void
mt_check_forget(struct mt_check *c, uint32_t id)
{
	struct slot	*sl = find(c, id);

	if (sl != NULL)
		OPENSSL_cleanse(sl, sizeof(*sl));
}

/*
 * Per-user values that must look the same on every try (a salt that
 * changed per try would tell an unknown user from a known one):
 * SHA256(secret || tag || user), the secret fresh per server.
 */
static int
derive(struct mt_check *c, char tag, const char *user, uint8_t *out,
    size_t len)
{
	uint8_t		 h[32];
	EVP_MD_CTX	*md;
	int		 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, c->secret, sizeof(c->secret)) &&
	    EVP_DigestUpdate(md, &tag, 1) &&
	    EVP_DigestUpdate(md, user, strlen(user)) &&
	    EVP_DigestFinal_ex(md, h, NULL);
	EVP_MD_CTX_free(md);
	if (!ok)
		return L2C_ERR_CRYPTO;
	memcpy(out, h, len < sizeof(h) ? len : sizeof(h));
	OPENSSL_cleanse(h, sizeof(h));
	return 0;
}

/*
 * The verifier point V for a user, and its salt.  A verifier line has
 * both; a plain-text password gives x for a salt of its own and V = x.G;
 * an unknown user gets a made-up x the same way (same salt on every
 * try).  Each costs one scalar multiplication, a verifier line's spent
 * on a made-up x, so the time to answer tells nothing about the user.
 */
static int
user_v(struct mt_check *c, struct slot *sl, const struct mt_user *u)
{
	uint8_t	x[ECSRP_LEN], junk[ECSRP_KEY_LEN];
	int	rv;

	if (u != NULL && MT_USER_HAS_V(u)) {
		memcpy(sl->v, u->v, sizeof(sl->v));
		memcpy(sl->salt, u->salt, sizeof(sl->salt));
		if ((rv = derive(c, 'i', sl->user, x, sizeof(x))) == 0)
			rv = ecsrp_pubkey(c->e, x, junk);
	} else if ((rv = derive(c, 's', sl->user, sl->salt,
	    sizeof(sl->salt))) == 0) {
		rv = u != NULL ? ecsrp_verifier(sl->user, u->password,
		    sl->salt, x) : derive(c, 'i', sl->user, x, sizeof(x));
		if (rv == 0)
			rv = ecsrp_pubkey(c->e, x, sl->v);
	}
	OPENSSL_cleanse(x, sizeof(x));
	return rv;
}

int
mt_check_begin(struct mt_check *c, uint32_t id, int md5, const char *user,
    const uint8_t wc[ECSRP_KEY_LEN], uint8_t *salt, uint8_t ws[ECSRP_KEY_LEN])
{
	struct slot		*sl;
	const struct mt_user	*u;
	int			 rv;

	if (id == 0)
		return L2C_ERR_INVAL;
	sl = take_slot(c, id);
	sl->md5 = md5;
	if (md5) {
		if ((rv = rng(c, sl->salt, MT_MD5_SALT_LEN)) != 0)
			return rv;
		memcpy(salt, sl->salt, MT_MD5_SALT_LEN);
		return 0;
	}
	snprintf(sl->user, sizeof(sl->user), "%s", user);
	(void)mt_users_refresh(c->users);
	u = mt_users_find(c->users, sl->user, strlen(sl->user));
	sl->known = u != NULL;
	rv = user_v(c, sl, u);
	if (rv == 0 && ecsrp_key_check(c->e, wc, sl->wc) != 0)
		rv = L2C_ERR_PROTO;
	if (rv == 0)
		rv = rng(c, sl->s, sizeof(sl->s));
	if (rv == 0)
		rv = ecsrp_server_key(c->e, sl->s, sl->v, sl->ws);
	if (rv != 0) {
		OPENSSL_cleanse(sl, sizeof(*sl));
		return rv;
	}
	memcpy(ws, sl->ws, ECSRP_KEY_LEN);
	memcpy(salt, sl->salt, ECSRP_SALT_LEN);
	return 0;
}

static int
verify_ecsrp(struct mt_check *c, struct slot *sl, const char *user,
    const uint8_t *resp, size_t len, const char **why)
{
	uint8_t	proof[ECSRP_LEN];
	int	ok, rv;

	memset(proof, 0, sizeof(proof));
	memcpy(proof, resp, len < sizeof(proof) ? len : sizeof(proof));
	rv = ecsrp_server_check(c->e, sl->s, sl->v, sl->wc, sl->ws, proof);
	OPENSSL_cleanse(proof, sizeof(proof));
	ok = rv == 0 && sl->known && len == ECSRP_LEN &&
	    strcmp(user, sl->user) == 0;
	if (!sl->known)
		*why = "no such user";
	else if (rv == 0 && !ok)
		*why = "user name changed during the login";
	return ok;
}

static int
verify_md5(struct mt_check *c, struct slot *sl, const char *user,
    const uint8_t *resp, size_t len, const char **why)
{
	const struct mt_user	*u;
	uint8_t			 d[16], r[MT_MD5_RESP_LEN];
	char			 dummy[33];
	size_t			 k;
	int			 ok = 0;

	memset(r, 0, sizeof(r));
	memcpy(r, resp, len < sizeof(r) ? len : sizeof(r));
	(void)mt_users_refresh(c->users);
	u = mt_users_find(c->users, user, strlen(user));
	if (u != NULL && !MT_USER_HAS_V(u) && len == MT_MD5_RESP_LEN) {
		ok = mt_md5_check(u->password, sl->salt, r) == 0;
		snprintf(sl->user, sizeof(sl->user), "%s", user);
	} else {
		/* The same work against a password nobody has. */
		(void)derive(c, 'm', user, d, sizeof(d));
		for (k = 0; k < sizeof(d); k++)
			snprintf(dummy + 2 * k, 3, "%02x", d[k]);
		(void)mt_md5_check(dummy, sl->salt, r);
		OPENSSL_cleanse(dummy, sizeof(dummy));
		*why = u == NULL ? "no such user" : MT_USER_HAS_V(u) ?
		    "the user has only an EC-SRP5 verifier, MD5 cannot work" :
		    "bad password field";
	}
	OPENSSL_cleanse(r, sizeof(r));
	return ok;
}

int
mt_check_verify(struct mt_check *c, uint32_t id, const char *user,
    const uint8_t *resp, size_t len, const char **why)
{
	struct slot	*sl = find(c, id);
	int		 ok;

	*why = "wrong password";
	if (sl == NULL)
		return L2C_ERR_PROTO;
	ok = sl->md5 ? verify_md5(c, sl, user, resp, len, why) :
	    verify_ecsrp(c, sl, user, resp, len, why);
	/* One check per begin: a second guess needs a new login. */
	OPENSSL_cleanse(sl->s, sizeof(sl->s));
	OPENSSL_cleanse(sl->v, sizeof(sl->v));
	if (!ok) {
		OPENSSL_cleanse(sl, sizeof(*sl));
		return 0;
	}
	sl->ok = 1;
	return 1;
}

int
mt_check_take(struct mt_check *c, uint32_t id, char *user, size_t len,
    const char **method)
{
	struct slot	*sl = find(c, id);

	if (sl == NULL || !sl->ok)
		return L2C_ERR_AUTH;
	snprintf(user, len, "%s", sl->user);
	*method = sl->md5 ? "MD5" : "EC-SRP5";
	OPENSSL_cleanse(sl, sizeof(*sl));
	return 0;
}
