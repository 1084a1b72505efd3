/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's logins: EC-SRP5 and MD5 checked with the same
 * work whatever the user (unknown users fail exactly as wrong passwords
 * do), begun only within a server-wide budget, every answer (success
 * or failure) held the same delay, longer for an Ethernet source that
 * keeps failing.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/log.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_srv_int.h"

/*
 * Per-user values that must look the same on every try (a salt that
 * changed per try would tell an unknown user from a known one):
 * SHA256(secret || tag || user), the secret fresh per server.
 */
static int
derive(struct mt_server *srv, char tag, const char *user, uint8_t *out,
    size_t len)
{
	uint8_t		 h[32];
	EVP_MD_CTX	*md;
	int		 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, srv->secret, sizeof(srv->secret)) &&
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

static struct failrec *
failrec(struct mt_server *srv, const uint8_t *mac, int create)
{
	struct failrec	*r, *oldest = NULL;
	size_t		 i;

	for (i = 0; i < FAILREC_MAX; i++) {
		r = &srv->fails[i];
		if (r->used && memcmp(r->mac, mac, L2C_ETH_ALEN) == 0)
			return r;
		if (oldest == NULL || !r->used ||
		    (oldest->used && r->window_start < oldest->window_start))
			oldest = r;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	memcpy(oldest->mac, mac, L2C_ETH_ALEN);
	oldest->used = 1;
	return oldest;
}

/*
 * How much longer than the delay this source's answers wait: nothing
 * until max_fails failures in the window, then doubling with each one,
 * up to block_us.  A victim whose MAC is used by a guesser waits; it is
 * never refused.
 */
static uint64_t
penalty(struct mt_server *srv, const uint8_t *eth)
{
	struct failrec	*r = failrec(srv, eth, 0);
	uint64_t	 p;
	unsigned	 k;

	if (r == NULL || r->fails < srv->conf.max_fails ||
	    l2c_now_us() - r->window_start > srv->conf.fail_window_us)
		return 0;
	srv->st.penalized++;
	k = r->fails - srv->conf.max_fails;
	p = PENALTY_MIN_US << (k < 10 ? k : 10);
	return p < srv->conf.block_us ? p : srv->conf.block_us;
}

/* One more failure for a source; past max_fails its answers wait. */
static void
count_failure(struct mt_server *srv, const uint8_t *eth)
{
	struct failrec	*r = failrec(srv, eth, 1);
	uint64_t	 now = l2c_now_us();
	char		 m[L2C_MAC_STRLEN];

	if (now - r->window_start > srv->conf.fail_window_us) {
		r->window_start = now;
		r->fails = 0;
	}
	if (++r->fails == srv->conf.max_fails)
		l2c_warn("mt-server: %u failed logins from %s: its answers "
		    "wait up to %llu s longer", r->fails, mts_macstr(eth, m),
		    (unsigned long long)(srv->conf.block_us / 1000000));
}

/* A source that logged in lately has its own budget in a flood. */
static void
remember_good(struct mt_server *srv, const uint8_t *eth)
{
	struct goodrec	*g = &srv->good[srv->ngood++ % GOOD_MAX];

	memcpy(g->mac, eth, L2C_ETH_ALEN);
	g->when = l2c_now_us();
}

static int
is_good(const struct mt_server *srv, const uint8_t *eth)
{
	uint64_t	now = l2c_now_us();
	size_t		i;

	for (i = 0; i < GOOD_MAX; i++)
		if (srv->good[i].when != 0 && now - srv->good[i].when < GOOD_US &&
		    memcmp(srv->good[i].mac, eth, L2C_ETH_ALEN) == 0)
			return 1;
	return 0;
}

/*
 * May this begin auth have its salt (and EC-SRP5 work)?  The server's
 * budget, logins_per_s with as many at once; sources that logged in
 * within the hour draw on a budget of their own.  Past it the begin
 * auth is dropped unanswered: the client sends it again.
 */
static int
budget(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	uint64_t		 per = L2C_SEC(1) / srv->conf.logins_per_s;

	if (mts_gcra(is_good(srv, s->eth) ? &srv->good_tat : &srv->auth_tat,
	    l2c_now_us(), per, srv->conf.logins_per_s))
		return 1;
	srv->st.auth_dropped++;
	return 0;
}

static void
wipe_secrets(struct sess *s)
{
	OPENSSL_cleanse(s->pass, sizeof(s->pass));
	OPENSSL_cleanse(s->s, sizeof(s->s));
	OPENSSL_cleanse(s->v, sizeof(s->v));
}

/* End auth, a message, END: no delay, and nothing about any user. */
void
mts_refuse(struct sess *s, const char *msg)
{
	wipe_secrets(s);
	s->srv->st.logins_refused++;
	(void)mts_queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	(void)mts_queue_msg(s, MT_CP_DATA, msg, strlen(msg));
	s->end_after = 1;
	s->state = S_DRAIN;
	mts_pump(s);
}

/*
 * The delayed answer: a good login's program and end auth, or end auth,
 * the failure text and END.
 */
void
mts_verdict_cb(void *arg)
{
	struct sess	*s = arg;
	char		 user[LOGIN_MAX + 1];

	if (s->verdict_ok) {
		s->verdict_ok = 0;
		snprintf(user, sizeof(user), "%.*s",
		    (int)ecsrp_user_len(s->login), s->login);
		mts_open_terminal(s, user);
		if (s->state == S_ACTIVE)
			remember_good(s->srv, s->eth);
		return;
	}
	(void)mts_queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	(void)mts_queue_msg(s, MT_CP_DATA, MT_SRV_MSG_FAILED,
	    strlen(MT_SRV_MSG_FAILED));
	s->end_after = 1;
	s->state = S_DRAIN;
	mts_pump(s);
}

/* The answer to a login, after the delay and the source's penalty. */
static void
hold_answer(struct sess *s, int ok)
{
	struct mt_server	*srv = s->srv;

	s->verdict_ok = ok;
	s->state = S_VERDICT;
	l2c_timer_arm(srv->ctx->loop, &s->verdict, srv->conf.fail_delay_us +
	    penalty(srv, s->eth));
}

/* A failed login, logged and counted against its source. */
static void
log_failure(struct sess *s, const char *why)
{
	struct mt_server	*srv = s->srv;
	char			 m[L2C_MAC_STRLEN], u[LOGIN_MAX + 1];

	wipe_secrets(s);
	srv->st.logins_failed++;
	l2c_warn("mt-server: login failed for \"%s\" from %s (%s): %s",
	    mts_clean(s->have_user ? s->login : s->user1, u, sizeof(u)),
	    mts_macstr(s->peer, m), mts_method_name[s->method], why);
	count_failure(srv, s->eth);
}

/* A failed login: answered after the delay, as a good one is. */
void
mts_fail(struct sess *s, const char *why)
{
	log_failure(s, why);
	hold_answer(s, 0);
}

/* A good login the host has no account for: its delay is spent. */
void
mts_fail_now(struct sess *s, const char *why)
{
	log_failure(s, why);
	mts_verdict_cb(s);
}

/*
 * The verifier point V for a user, and its salt.  A verifier line has
 * both; a plain-text password gives x for a salt of its own and V = x.G;
 * an unknown user gets a made-up x the same way (same salt on every
 * try).  Each costs one scalar multiplication, a verifier line's spent
 * on a made-up x, so the time to answer tells nothing about the user.
 */
static int
user_v(struct sess *s, const struct mt_user *u, const char *user)
{
	struct mt_server	*srv = s->srv;
	uint8_t			 x[ECSRP_LEN], junk[ECSRP_KEY_LEN];
	int			 rv;

	if (u != NULL && MT_USER_HAS_V(u)) {
		memcpy(s->v, u->v, sizeof(s->v));
		memcpy(s->salt, u->salt, sizeof(s->salt));
		if ((rv = derive(srv, 'i', user, x, sizeof(x))) == 0)
			rv = ecsrp_pubkey(srv->e, x, junk);
	} else if ((rv = derive(srv, 's', user, s->salt,
	    sizeof(s->salt))) == 0) {
		rv = u != NULL ? ecsrp_verifier(user, u->password, s->salt, x) :
		    derive(srv, 'i', user, x, sizeof(x));
		if (rv == 0)
			rv = ecsrp_pubkey(srv->e, x, s->v);
	}
	OPENSSL_cleanse(x, sizeof(x));
	return rv;
}

/*
 * The client sent its user and key: answer W_s and the salt.  A known
 * user's verifier, or one made up for an unknown user (same salt on
 * every try, same work), so the answer tells nothing about the user.
 */
void
mts_start_ecsrp(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	const struct mt_user	*u;
	uint8_t			 key[ECSRP_KEY_LEN + ECSRP_SALT_LEN];
	char			 user[LOGIN_MAX + 1];
	int			 rv;

	s->method = M_ECSRP;
	if (!budget(s))
		return;
	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->user1),
	    s->user1);
	(void)mt_users_refresh(srv->conf.users);
	u = mt_users_find(srv->conf.users, user, strlen(user));
	s->known = u != NULL;
	rv = user_v(s, u, user);
	if (rv == 0 && (rv = ecsrp_key_check(srv->e, s->wc, s->wc)) != 0) {
		mts_fail(s, "the client's public key is not on the curve");
		return;
	}
	if (rv == 0)
		rv = mts_rng(srv, s->s, sizeof(s->s));
	if (rv == 0) {
		srv->st.crypto_ops++;
		rv = ecsrp_server_key(srv->e, s->s, s->v, s->ws);
	}
	if (rv != 0) {
		l2c_warn("mt-server: EC-SRP5 key: %s", l2c_strerror(rv));
		mts_refuse(s, MSG_INTERNAL);
		return;
	}
	memcpy(key, s->ws, ECSRP_KEY_LEN);
	memcpy(key + ECSRP_KEY_LEN, s->salt, ECSRP_SALT_LEN);
	(void)mts_queue_msg(s, MT_CP_PASSSALT, key, sizeof(key));
	s->state = S_KEY;
	mts_pump(s);
}

/* A bare begin auth: the legacy MD5 login, unless refused. */
void
mts_start_md5(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	char			 m[L2C_MAC_STRLEN];

	s->method = M_MD5;
	if (srv->conf.no_md5) {
		l2c_info("mt-server: MD5 login from %s refused (--no-md5)",
		    mts_macstr(s->peer, m));
		mts_refuse(s, MSG_NOMD5);
		return;
	}
	if (!budget(s))
		return;
	if (mts_rng(srv, s->salt, MT_MD5_SALT_LEN) != 0) {
		mts_refuse(s, MSG_INTERNAL);
		return;
	}
	(void)mts_queue_msg(s, MT_CP_PASSSALT, s->salt, MT_MD5_SALT_LEN);
	s->state = S_KEY;
	mts_pump(s);
}

/*
 * Password and user are in: check them with the same computation
 * whatever the user (unknown, verifier-only over MD5, wrong password).
 */
void
mts_verify(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	const struct mt_user	*u;
	char			 user[LOGIN_MAX + 1], dummy[33];
	uint8_t			 d[16];
	const char		*why = "wrong password";
	size_t			 k;
	int			 ok = 0, rv;

	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->login),
	    s->login);
	if (s->method == M_ECSRP) {
		uint8_t proof[ECSRP_LEN];

		memset(proof, 0, sizeof(proof));
		memcpy(proof, s->pass, s->passlen < sizeof(proof) ?
		    s->passlen : sizeof(proof));
		srv->st.crypto_ops++;
		rv = ecsrp_server_check(srv->e, s->s, s->v, s->wc, s->ws,
		    proof);
		ok = rv == 0 && s->known && s->passlen == ECSRP_LEN &&
		    !s->bad_login && strlen(user) == ecsrp_user_len(s->user1) &&
		    strncmp(user, s->user1, strlen(user)) == 0;
		if (!s->known)
			why = "no such user";
		else if (rv == 0 && !ok)
			why = "user name changed during the login";
		OPENSSL_cleanse(proof, sizeof(proof));
	} else {
		(void)mt_users_refresh(srv->conf.users);
		u = mt_users_find(srv->conf.users, user, strlen(user));
		srv->st.md5_checks++;
		if (u != NULL && !MT_USER_HAS_V(u) &&
		    s->passlen == MT_MD5_RESP_LEN) {
			ok = mt_md5_check(u->password, s->salt, s->pass) == 0 &&
			    !s->bad_login;
		} else {
			/* The same work against a password nobody has. */
			(void)derive(srv, 'm', user, d, sizeof(d));
			for (k = 0; k < sizeof(d); k++)
				snprintf(dummy + 2 * k, 3, "%02x", d[k]);
			(void)mt_md5_check(dummy, s->salt, s->pass);
			OPENSSL_cleanse(dummy, sizeof(dummy));
			why = u == NULL ? "no such user" : MT_USER_HAS_V(u) ?
			    "the user has only an EC-SRP5 verifier, MD5 "
			    "cannot work" : "bad password field";
		}
	}
	wipe_secrets(s);
	if (!ok) {
		mts_fail(s, why);
		return;
	}
	hold_answer(s, 1);
}
