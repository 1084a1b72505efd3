/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet client's login: begin auth (with our EC-SRP5 key), the
 * server's key block deciding the method, the answer (EC-SRP5 proof or
 * MD5 response) with the terminal's type and size, then end auth and a
 * short hold for a "Login failed" text before the session is OPEN, and
 * OPEN itself.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_client_int.h"

/* Password, login, terminal type and size: one DATA after the salt. */
static int
build_login(struct mt_client *s, const uint8_t *pw, size_t pwlen)
{
	struct l2c_wbuf	w;
	int		rv;

	l2c_wbuf_init(&w, s->ctlbuf, sizeof(s->ctlbuf));
	if ((rv = mt_cpkt_put(&w, MT_CP_PASSWORD, pw, pwlen)) != 0 ||
	    (rv = mt_cpkt_put(&w, MT_CP_USERNAME, s->login,
	    strlen(s->login))) != 0 ||
	    (rv = mt_cpkt_put(&w, MT_CP_TERM_TYPE, s->term,
	    strlen(s->term))) != 0 ||
	    (rv = mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH,
	    (uint16_t)s->cols)) != 0 ||
	    (rv = mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT,
	    (uint16_t)s->rows)) != 0)
		return rv;
	s->ctllen = w.len;
	return 0;
}

/*
 * The policy against a downgrade, in one place: a server that offers
 * only MD5 gets the response (which a capture cracks offline) unless
 * MD5 is refused outright, or the device logged us in with EC-SRP5
 * before and nobody said MD5 is wanted now.
 */
int
mt_login_md5_verdict(const struct mt_client_conf *c)
{
	if (c->no_md5)
		return MT_WHY_NO_MD5;
	if (c->known_ecsrp5 && !c->allow_md5 && !c->md5)
		return MT_WHY_DOWNGRADE;
	return MT_WHY_NONE;
}

void
mtc_fail_login(struct mt_client *s)
{
	mtc_send_end(s);
	mtc_finish(s, L2C_ERR_AUTH);
}

/* The server's key block decides the method. */
void
mtc_got_key(struct mt_client *s, const uint8_t *p, size_t len)
{
	uint8_t	resp[MT_MD5_RESP_LEN], i[ECSRP_LEN], proof[ECSRP_LEN];
	int	rv;

	if (s->state != ST_KEY)
		return;
	/*
	 * The key answers our begin auth: its ACK was lost.  Sending the
	 * begin auth again would make mactelnetd pick a new salt and
	 * refuse the login computed with this one.
	 */
	if (s->inflight && s->rtx_what == RTX_DATA) {
		s->outcnt += (uint32_t)s->txlen;
		s->inflight = 0;
		mtc_rtx_stop(s);
	}
	l2c_timer_cancel(mtc_loop_of(s), &s->t_key);
	if (s->offer_only) {
		s->info.method = len == MT_MD5_SALT_LEN ? "MD5" :
		    len == ECSRP_KEY_LEN + ECSRP_SALT_LEN ? "EC-SRP5" : "?";
		mtc_wipe_secrets(s);
		mtc_send_end(s);
		mtc_finish(s, 0);
		return;
	}
	if (len == MT_MD5_SALT_LEN && s->md5_refused != MT_WHY_NONE) {
		/* Nothing computed, nothing sent: the face words it. */
		s->why = s->md5_refused;
		rv = L2C_ERR_AUTH;
	} else if (len == MT_MD5_SALT_LEN) {
		if (!s->md5_forced)
			mtc_notice(s, "the server offers only the legacy MD5 "
			    "login, which is weak: the password can be "
			    "guessed offline from a capture");
		s->info.method = "MD5";
		rv = mt_md5_response(s->password, p, resp);
		if (rv == 0)
			rv = build_login(s, resp, sizeof(resp));
		OPENSSL_cleanse(resp, sizeof(resp));
	} else if (len == ECSRP_KEY_LEN + ECSRP_SALT_LEN && !s->md5_forced) {
		s->info.method = "EC-SRP5";
		rv = ecsrp_verifier(s->login, s->password, p + ECSRP_KEY_LEN,
		    i);
		if (rv == 0)
			rv = ecsrp_client_proof(s->ec, s->priv, s->wc, p, i,
			    proof);
		if (rv == 0)
			rv = build_login(s, proof, sizeof(proof));
		OPENSSL_cleanse(i, sizeof(i));
		OPENSSL_cleanse(proof, sizeof(proof));
	} else if (len == ECSRP_KEY_LEN + ECSRP_SALT_LEN) {
		mtc_notice(s, "the server wants an EC-SRP5 login: leave out --md5");
		rv = L2C_ERR_AUTH;
	} else {
		mtc_notice(s, "the server sent a %zu-byte key block (expected 16 "
		    "or 49): treating it as a refused login", len);
		rv = L2C_ERR_AUTH;
	}
	mtc_wipe_secrets(s);
	if (rv != 0) {
		if (rv != L2C_ERR_AUTH)
			mtc_notice(s, "cannot compute the login: %s",
			    l2c_strerror(rv));
		mtc_fail_login(s);
		return;
	}
	s->state = ST_AUTH;
	mtc_pump(s);
}

void
mtc_enter_hold(struct mt_client *s)
{
	l2c_timer_cancel(mtc_loop_of(s), &s->t_login);
	s->state = ST_HOLD;
	l2c_timer_arm(mtc_loop_of(s), &s->t_hold, HOLD_US);
}

/* The first DATA: begin auth, and for EC-SRP5 our name and key. */
int
mtc_send_begin(struct mt_client *s)
{
	uint8_t		buf[MT_MAX_PAYLOAD];
	struct l2c_wbuf	w, k;
	uint8_t		kb[MT_LOGIN_MAX + 1 + ECSRP_KEY_LEN];
	int		rv;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	if ((rv = mt_cpkt_put(&w, MT_CP_BEGINAUTH, NULL, 0)) != 0)
		return rv;
	if (!s->md5_forced) {
		l2c_wbuf_init(&k, kb, sizeof(kb));
		if ((rv = l2c_put_bytes(&k, s->login, strlen(s->login))) != 0 ||
		    (rv = l2c_put_u8(&k, 0)) != 0 ||
		    (rv = l2c_put_bytes(&k, s->wc, sizeof(s->wc))) != 0 ||
		    (rv = mt_cpkt_put(&w, MT_CP_PASSSALT, kb, k.len)) != 0)
			return rv;
	}
	mtc_data_send(s, buf, w.len);
	return 0;
}

/* The begin auth was acked, but no key block came: ask again. */
void
mtc_key_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state != ST_KEY || s->inflight)
		return;
	s->keyre_k++;
	s->info.retransmits++;
	if (mtc_send_begin(s) != 0)
		mtc_finish(s, L2C_ERR_SYS);
}

/*
 * The login took LOGIN_US: an MD5 answer RouterOS ignores is a refusal
 * (with the hint); any other silence is the peer's, not the password's.
 */
void
mtc_login_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->md5_forced && s->state == ST_AUTH) {
		mtc_notice(s, "the server did not answer the MD5 login (RouterOS "
		    "6.43 and later need EC-SRP5: leave out --md5)");
		mtc_fail_login(s);
		return;
	}
	s->why = MT_WHY_LOGIN_SILENT;
	mtc_send_end(s);
	mtc_finish(s, L2C_ERR_PEERLOST);
}

void
mtc_go_open(struct mt_client *s)
{
	l2c_timer_cancel(mtc_loop_of(s), &s->t_hold);
	s->state = ST_OPEN;
	s->info.login = strcmp(s->info.method, "MD5") == 0 ?
	    L2C_LOGIN_WEAK : L2C_LOGIN_STRONG;
	if (s->logged_in != NULL)
		*s->logged_in = s->info.login == L2C_LOGIN_WEAK ?
		    MT_LOGIN_MD5 : MT_LOGIN_ECSRP5;
	s->cb.event(s->cb.arg, L2C_SESS_OPEN, 0, NULL);
	if (s->state == ST_OPEN)
		mtc_pump(s);
}

void
mtc_hold_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state == ST_HOLD && !s->login_failed)
		mtc_go_open(s);
}
