/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet client's insides, shared by its four files.  Calls go
 * one way, down:
 *
 *	mt_client.c	the session: ops, frames in, the constructor
 *	  mt_login.c	the login, until OPEN
 *	    mt_xport.c	the acked-data transport and what waits to go out
 *	      mt_client_end.c	notices, and the one way out (mtc_finish)
 *
 * A file calls only those below it; a timer's callback is given by
 * address at construction.  Nothing outside them includes it.
 */
#ifndef L2C_MAC_MT_CLIENT_INT_H
#define L2C_MAC_MT_CLIENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/inputq.h"
#include "core/loop.h"
#include "core/rtx.h"
#include "core/session.h"
#include "mac/ecsrp.h"
#include "mac/mt_client.h"
#include "mac/mt_proto.h"

#define LOGIN_US	L2C_SEC(10)	/* key to end auth, at most */
#define HOLD_US		L2C_MS(300)	/* end auth to OPEN without output */
#define FAILED_TEXT	"Login failed"
#define NAG_TEXT	"new password> "

enum mt_state {
	ST_START,	/* START sent, waiting for its ACK */
	ST_KEY,		/* begin auth sent, waiting for the key/salt */
	ST_AUTH,	/* login sent, waiting for end auth */
	ST_HOLD,	/* end auth seen, first output not yet */
	ST_OPEN,
	ST_CLOSING,	/* our END sent */
	ST_CLOSED,
};

enum rtx_what {
	RTX_NONE,
	RTX_START,
	RTX_DATA,
	RTX_KEEPALIVE,
	RTX_END,
};

struct mt_client {
	struct l2c_ctx		*ctx;
	struct l2c_sess_cb	 cb;
	int			 rxid;
	enum mt_state		 state;
	uint8_t			 peer[L2C_ETH_ALEN];
	uint8_t			 self[L2C_ETH_ALEN];
	uint16_t		 key, sport;
	char			 login[MT_LOGIN_MAX + 1];
	char			 password[MT_PASSWORD_MAX];
	char			 term[64];
	unsigned		 cols, rows;
	int			 md5_forced;
	int			 offer_only;
	int			 md5_refused;	/* mt_login_md5_verdict */
	int			*logged_in;
	struct ecsrp		*ec;
	uint8_t			 priv[ECSRP_LEN], wc[ECSRP_KEY_LEN];
	uint64_t		 keepalive_us;

	/* Outgoing: one DATA in flight, the rest queued. */
	uint32_t		 outcnt;	/* counter of the next DATA */
	uint8_t			 txbuf[MT_MAX_PAYLOAD];
	size_t			 txlen;
	int			 inflight;
	uint8_t			 ctlbuf[MT_MAX_PAYLOAD];	/* login */
	size_t			 ctllen;
	struct l2c_inputq	 inq;
	int			 resize_pending, close_pending;
	enum rtx_what		 rtx_what;
	struct l2c_rtx_conf	 rtx_conf;	/* the reference schedule */
	struct l2c_rtx_conf	 start_conf;	/* START's own: 300 ms */
	struct l2c_rtx		 rtx;
	uint64_t		 last_tx;

	/* Incoming. */
	uint32_t		 incnt;		/* next expected server counter */
	int			 in_started;	/* first server DATA seen */
	uint32_t		 last_ack;
	unsigned		 ackre_k, keyre_k;
	int			 peer_echoes, login_failed;
	uint64_t		 last_rx;	/* last frame of this session */
	uint64_t		 ka_missed_at;	/* a first keepalive unanswered */
	int			 ka_deaf;	/* the peer never echoes them */
	int			 dismiss_nag, nag_seen;
	uint64_t		 gaps;

	struct l2c_timer	 t_rtx, t_ka, t_ackre, t_login, t_hold, t_key;
	struct l2c_timer	 t_done;	/* CLOSED after a close at START */
	int			 in_op;		/* inside a face's call: no events */
	int			 why;		/* MT_WHY_*, for facts */
	struct l2c_sess_info	 info;
};

/* mt_client_end.c */
struct l2c_loop *	mtc_loop_of(struct mt_client *s);
void	mtc_notice(struct mt_client *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	mtc_wipe_secrets(struct mt_client *s);
void	mtc_stop_io(struct mt_client *s);
void	mtc_finish(struct mt_client *s, int err);

/* mt_xport.c */
int	mtc_send_pkt(struct mt_client *s, uint8_t type, uint32_t counter,
    const uint8_t *payload, size_t len);
void	mtc_send_ack(struct mt_client *s, uint32_t counter);
void	mtc_rtx_start(struct mt_client *s, enum rtx_what what);
void	mtc_rtx_stop(struct mt_client *s);
void	mtc_rtx_fire(void *arg);
void	mtc_data_send(struct mt_client *s, const uint8_t *p, size_t len);
void	mtc_pump(struct mt_client *s);
void	mtc_send_end(struct mt_client *s);
void	mtc_ackre_arm(struct mt_client *s);
void	mtc_ka_fire(void *arg);
void	mtc_ackre_fire(void *arg);

/* mt_login.c */
void	mtc_fail_login(struct mt_client *s);
void	mtc_got_key(struct mt_client *s, const uint8_t *p, size_t len);
int	mtc_send_begin(struct mt_client *s);
void	mtc_enter_hold(struct mt_client *s);
void	mtc_go_open(struct mt_client *s);
void	mtc_key_fire(void *arg);
void	mtc_login_fire(void *arg);
void	mtc_hold_fire(void *arg);

#endif /* L2C_MAC_MT_CLIENT_INT_H */
