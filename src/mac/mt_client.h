/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet client session: START, login (EC-SRP5, or legacy MD5
 * when the server offers only that or --md5 asks for it), then a
 * terminal over acknowledged DATA packets.  It speaks to the face only
 * through core/session.h: output, OPEN, NOTICE, WRITABLE, CLOSED.
 */
#ifndef L2C_MAC_MT_CLIENT_H
#define L2C_MAC_MT_CLIENT_H

#include <stdint.h>

#include "core/ctx.h"
#include "core/rtx.h"
#include "core/session.h"

/* The reference client's retransmit schedule adds up to this. */
#define MT_RTX_REF_US		L2C_RTX_REF_US
/*
 * START is the one packet outside that schedule (consoles.md): sent
 * again every 300 ms, for 2 s unless --timeout says otherwise.
 */
#define MT_START_EVERY_MS	300
#define MT_START_US		L2C_SEC(2)
#define MT_KEEPALIVE_US		L2C_SEC(10)
#define MT_INQ_MAX		16384	/* typed bytes waiting to go out */
#define MT_LOGIN_MAX		255
#define MT_PASSWORD_MAX		256

struct mt_client_conf {
	const uint8_t	*peer;		/* the server's MAC */
	const char	*login;		/* user, may carry +options */
	const char	*password;	/* copied; the copy is wiped once used */
	const char	*term;		/* NULL or "": vt102 */
	unsigned	 cols, rows;	/* terminal size, 0 if unknown */
	int		 md5;		/* force the legacy MD5 login */
	/*
	 * Offer EC-SRP5, read the server's key block (info.method: "MD5"
	 * when it answers with an MD5 salt), then END: no login is sent.
	 */
	int		 offer_only;
	/*
	 * Who may be answered with MD5 (mt_login.c decides): no_md5
	 * refuses it outright; known_ecsrp5 (the device logged us in with
	 * EC-SRP5 before) refuses it unless allow_md5 (or md5) says so.
	 */
	int		 no_md5, known_ecsrp5, allow_md5;
	/* Set at OPEN to the login that got in (MT_LOGIN_*); may be NULL. */
	int		*logged_in;
	uint64_t	 timeout_us;	/* retransmit budget; 0: reference */
	uint64_t	 keepalive_us;	/* 0: 10 s */
	/*
	 * Batch mode: RouterOS meets an account with an empty or default
	 * password with a change-password nag (NAG_TEXT) before the
	 * prompt; answer it with Ctrl-C and say so in a notice.
	 */
	int		 dismiss_nag;
	/* For tests: a fixed EC-SRP5 private key, source port. */
	const uint8_t	*fixed_priv;
	uint16_t	 sport;
};

/* The logins (mt_client_conf.logged_in). */
#define MT_LOGIN_MD5		1
#define MT_LOGIN_ECSRP5		2

/* Why a session ended, beyond its error (l2c_sess_facts.why). */
enum mt_why {
	MT_WHY_NONE,
	/* START was acknowledged, then the login went unanswered. */
	MT_WHY_LOGIN_SILENT,
	MT_WHY_DOWNGRADE,	/* MD5 only, from a device known for EC-SRP5 */
	MT_WHY_NO_MD5,		/* MD5 only, and no_md5 */
};

/*
 * The MD5 policy: may a server that offers only MD5 get an MD5
 * response?  0, or the MT_WHY_* that refuses it.
 */
int	mt_login_md5_verdict(const struct mt_client_conf *);

/* Start a session: sends START at once.  *out gets the ops and state. */
int	mt_client_new(struct l2c_ctx *, const struct mt_client_conf *,
	    const struct l2c_sess_cb *, struct l2c_sess *out);
/* The retransmit budget a conf gives (for the "after 2.4 s" message). */
uint64_t mt_client_budget(const struct mt_client_conf *);
/* How long START is sent before "no answer". */
uint64_t mt_client_start_budget(const struct mt_client_conf *);

extern const struct l2c_sess_ops mt_client_ops;

#endif /* L2C_MAC_MT_CLIENT_H */
