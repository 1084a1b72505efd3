/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's logins: begun only within a server-wide
 * budget, checked by the guard (mt_srv_check.c, here or in the
 * monitor), every answer (success or failure) held the same delay,
 * longer for an Ethernet source that keeps failing.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_srv_int.h"

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
 * The client sent its user and key: answer W_s and the salt, which the
 * guard makes the same way for a known user and an unknown one.
 */
void
mts_start_ecsrp(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	uint8_t			 key[ECSRP_KEY_LEN + ECSRP_SALT_LEN];
	char			 user[LOGIN_MAX + 1];
	int			 rv;

	s->method = M_ECSRP;
	if (!budget(s))
		return;
	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->user1),
	    s->user1);
	srv->st.crypto_ops++;
	rv = srv->guard.begin(srv->guard.arg, s->id, 0, user, s->wc, key +
	    ECSRP_KEY_LEN, key);
	s->begun = 1;
	if (rv == L2C_ERR_PROTO) {
		mts_fail(s, "the client's public key is not on the curve");
		return;
	}
	if (rv != 0) {
		l2c_warn("mt-server: EC-SRP5 key: %s", l2c_strerror(rv));
		mts_refuse(s, MSG_INTERNAL);
		return;
	}
	(void)mts_queue_msg(s, MT_CP_PASSSALT, key, sizeof(key));
	s->state = S_KEY;
	mts_pump(s);
}

/* A bare begin auth: the legacy MD5 login, unless refused. */
void
mts_start_md5(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	uint8_t			 salt[MT_MD5_SALT_LEN];
	uint8_t			 ws[ECSRP_KEY_LEN];
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
	memset(ws, 0, sizeof(ws));
	s->begun = 1;
	if (srv->guard.begin(srv->guard.arg, s->id, 1, "", ws, salt,
	    ws) != 0) {
		mts_refuse(s, MSG_INTERNAL);
		return;
	}
	(void)mts_queue_msg(s, MT_CP_PASSSALT, salt, MT_MD5_SALT_LEN);
	s->state = S_KEY;
	mts_pump(s);
}

/*
 * Password and user are in: the guard checks them with the same
 * computation whatever the user (unknown, verifier-only over MD5,
 * wrong password).
 */
void
mts_verify(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	char			 user[LOGIN_MAX + 1], why[128];
	int			 rv;

	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->login),
	    s->login);
	if (s->method == M_ECSRP)
		srv->st.crypto_ops++;
	else
		srv->st.md5_checks++;
	snprintf(why, sizeof(why), "wrong password");
	rv = srv->guard.check(srv->guard.arg, s->id, user, s->pass,
	    s->passlen, why, sizeof(why));
	wipe_secrets(s);
	if (rv != 1 || s->bad_login) {
		mts_fail(s, rv < 0 ? l2c_strerror(rv) : why);
		return;
	}
	hold_answer(s, 1);
}

/* Logged in: start the program and say end auth. */
void
mts_open_terminal(struct sess *s, const char *user)
{
	struct mt_server	*srv = s->srv;
	struct mt_srv_login	 lg;
	char			 m[L2C_MAC_STRLEN], u[LOGIN_MAX + 1];
	int			 rv;

	memset(&lg, 0, sizeof(lg));
	lg.user = user;
	lg.login = s->login;
	lg.term = s->term;
	lg.cols = s->cols;
	lg.rows = s->rows;
	lg.peer = s->peer;
	lg.method = mts_method_name[s->method];
	rv = srv->guard.spawn(srv->guard.arg, s->id, &lg, &s->fd, &s->pid);
	if (rv == L2C_ERR_AUTH || rv == L2C_ERR_NOTFOUND) {
		mts_fail_now(s, "no such account on this host");
		return;
	}
	if (rv != 0) {
		s->fd = -1;
		s->pid = 0;
		l2c_warn("mt-server: cannot start the program for \"%s\": %s",
		    mts_clean(user, u, sizeof(u)), l2c_strerror(rv));
		mts_refuse(s, MSG_INTERNAL);
		return;
	}
	srv->st.logins_ok++;
	srv->st.active++;
	s->counted = 1;
	l2c_info("mt-server: \"%s\" logged in from %s (%s)",
	    mts_clean(s->login, u, sizeof(u)), mts_macstr(s->peer, m),
	    mts_method_name[s->method]);
	s->state = S_ACTIVE;
	mts_watch_lead(s);
	(void)mts_queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	mts_pump(s);
}
