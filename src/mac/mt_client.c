/*
 * MAC-Telnet client session.  One DATA in flight each way, every DATA
 * acknowledged (duplicates too), retransmission on the reference
 * client's schedule stretched or squeezed to the configured budget.
 *
 *   START --ack--> KEY --key/salt--> AUTH --end auth--> HOLD --> OPEN
 *                                                      (output not
 *                                                   "Login failed")
 *   any --close--> CLOSING --END--> CLOSED;  END from the server -> CLOSED
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/log.h"
#include "core/random.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_client.h"
#include "mac/mt_proto.h"

/* Ack resends after the session goes quiet (issue 8): short, bounded. */
static const uint16_t ackre_ms[] = { 20, 40, 80, 160, 320 };
/* The reference client's retransmit intervals, in ms (2365 in all). */
static const uint16_t rtx_ms[] = { 15, 20, 30, 50, 90, 170, 330, 660, 1000 };
#define NRTX		(sizeof(rtx_ms) / sizeof(rtx_ms[0]))
#define NACKRE		(sizeof(ackre_ms) / sizeof(ackre_ms[0]))
/*
 * The key block never came although the begin auth was acked: lost on
 * the way (mactelnetd never resends).  Ask again, slowly: a second
 * begin auth makes a server pick a new salt, so it must not overtake
 * a slow EC-SRP5 answer.
 */
static const uint16_t keyre_ms[] = { 1000, 2000, 4000 };
#define NKEYRE		(sizeof(keyre_ms) / sizeof(keyre_ms[0]))
#define LOGIN_US	L2C_SEC(10)	/* key to end auth, at most */
#define HOLD_US		L2C_MS(300)	/* end auth to OPEN without output */
#define FAILED_TEXT	"Login failed"

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
	struct ecsrp		*ec;
	uint8_t			 priv[ECSRP_LEN], wc[ECSRP_KEY_LEN];
	uint64_t		 budget_us, keepalive_us;

	/* Outgoing: one DATA in flight, the rest queued. */
	uint32_t		 outcnt;	/* counter of the next DATA */
	uint8_t			 txbuf[MT_MAX_PAYLOAD];
	size_t			 txlen;
	int			 inflight;
	uint8_t			 ctlbuf[MT_MAX_PAYLOAD];	/* login */
	size_t			 ctllen;
	uint8_t			 inq[MT_INQ_MAX];
	size_t			 inqlen;
	int			 resize_pending, want_writable, close_pending;
	enum rtx_what		 rtx_what;
	unsigned		 rtx_k;
	uint64_t		 rtx_elapsed, tx_at, last_tx;
	int			 rtx_again;	/* retransmitted: no RTT sample */

	/* Incoming. */
	uint32_t		 incnt;		/* next expected server counter */
	int			 in_started;	/* first server DATA seen */
	uint32_t		 last_ack;
	unsigned		 ackre_k, keyre_k;
	int			 peer_echoes, login_failed;
	uint64_t		 gaps;

	struct l2c_timer	 t_rtx, t_ka, t_ackre, t_login, t_hold, t_key;
	struct l2c_sess_info	 info;
};

static void	pump(struct mt_client *);

uint64_t
mt_client_budget(const struct mt_client_conf *c)
{
	return c->timeout_us != 0 ? c->timeout_us : MT_RTX_REF_US;
}

static struct l2c_loop *
loop_of(struct mt_client *s)
{
	return s->ctx->loop;
}

static void
notice(struct mt_client *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
notice(struct mt_client *s, const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->cb.event(s->cb.arg, L2C_SESS_NOTICE, 0, msg);
}

static void
wipe_secrets(struct mt_client *s)
{
	OPENSSL_cleanse(s->password, sizeof(s->password));
	OPENSSL_cleanse(s->priv, sizeof(s->priv));
}

/* No more timers, no more frames. */
static void
stop_io(struct mt_client *s)
{
	l2c_timer_cancel(loop_of(s), &s->t_rtx);
	l2c_timer_cancel(loop_of(s), &s->t_ka);
	l2c_timer_cancel(loop_of(s), &s->t_ackre);
	l2c_timer_cancel(loop_of(s), &s->t_login);
	l2c_timer_cancel(loop_of(s), &s->t_hold);
	l2c_timer_cancel(loop_of(s), &s->t_key);
	if (s->rxid >= 0)
		l2c_ctx_unlisten(s->ctx, s->rxid);
	s->rxid = -1;
}

/* Stop everything; the face hears CLOSED last, once. */
static void
finish(struct mt_client *s, int err)
{
	if (s->state == ST_CLOSED)
		return;
	s->state = ST_CLOSED;
	stop_io(s);
	wipe_secrets(s);
	if (s->gaps > 1)
		notice(s, "%llu bytes of output were lost in %llu gaps (the "
		    "server does not resend)",
		    (unsigned long long)s->info.lost_bytes,
		    (unsigned long long)s->gaps);
	s->cb.event(s->cb.arg, L2C_SESS_CLOSED, err, NULL);
}

static int
send_pkt(struct mt_client *s, uint8_t type, uint32_t counter,
    const uint8_t *payload, size_t len)
{
	uint8_t		 pkt[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w, f;
	struct mt_hdr	 h;
	int		 rv;

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, s->self, sizeof(h.src));
	memcpy(h.dst, s->peer, sizeof(h.dst));
	h.session = s->key;
	h.client_type = MT_CLIENT_TYPE;
	h.counter = counter;
	l2c_wbuf_init(&w, pkt, sizeof(pkt));
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if ((rv = mt_hdr_build(&w, MT_C2S, &h)) != 0 ||
	    (rv = l2c_put_bytes(&w, payload, len)) != 0 ||
	    (rv = mt_frame_build(&f, s->peer, s->self, 0, s->sport, MT_PORT,
	    pkt, w.len)) != 0)
		return rv;
	s->last_tx = l2c_now_us();
	s->info.frames_tx++;
	if ((rv = l2c_link_send(s->ctx->link, frame, f.len)) != 0)
		l2c_debug("mikrotik: send: %s", l2c_strerror(rv));
	return rv;
}

static void
send_ack(struct mt_client *s, uint32_t counter)
{
	(void)send_pkt(s, MT_PT_ACK, counter, NULL, 0);
}

/* The interval before retransmission k+1 (µs). */
static uint64_t
rtx_interval(const struct mt_client *s, unsigned k)
{
	uint64_t	iv;

	if (s->budget_us <= MT_RTX_REF_US)
		iv = k < NRTX ? L2C_MS(rtx_ms[k]) * s->budget_us /
		    MT_RTX_REF_US : L2C_MS(1);
	else
		iv = k < NRTX ? L2C_MS(rtx_ms[k]) : L2C_SEC(1);
	return iv < L2C_MS(1) ? L2C_MS(1) : iv;
}

static void
rtx_start(struct mt_client *s, enum rtx_what what)
{
	s->rtx_what = what;
	s->rtx_k = 0;
	s->rtx_elapsed = 0;
	s->rtx_again = 0;
	s->tx_at = l2c_now_us();
	l2c_timer_arm(loop_of(s), &s->t_rtx, rtx_interval(s, 0));
}

static void
rtx_stop(struct mt_client *s)
{
	s->rtx_what = RTX_NONE;
	l2c_timer_cancel(loop_of(s), &s->t_rtx);
}

static void
resend(struct mt_client *s)
{
	uint8_t	rnd[2];

	switch (s->rtx_what) {
	case RTX_START:
		/*
		 * mactelnetd ignores a second START with the same key, so
		 * after a lost ACK the session could never begin: a fresh
		 * key is a fresh session.  The server forgets the old one
		 * after its idle timeout; what it sends there is dropped.
		 */
		if (l2c_random(rnd, sizeof(rnd)) == 0)
			s->key = (uint16_t)(rnd[0] << 8 | rnd[1]);
		(void)send_pkt(s, MT_PT_START, 0, NULL, 0);
		break;
	case RTX_DATA:
		(void)send_pkt(s, MT_PT_DATA, s->outcnt, s->txbuf, s->txlen);
		break;
	case RTX_KEEPALIVE:
		send_ack(s, s->outcnt);
		break;
	case RTX_END:
		(void)send_pkt(s, MT_PT_END, 0, NULL, 0);
		break;
	case RTX_NONE:
		break;
	}
}

/* Out of budget: what that means depends on what went unanswered. */
static void
rtx_give_up(struct mt_client *s)
{
	enum rtx_what	what = s->rtx_what;

	s->rtx_what = RTX_NONE;
	switch (what) {
	case RTX_START:
		finish(s, L2C_ERR_NOANSWER);
		break;
	case RTX_DATA:
		finish(s, L2C_ERR_PEERLOST);
		break;
	case RTX_KEEPALIVE:
		/* Only a peer that answered keepalives before is missed. */
		if (s->peer_echoes)
			finish(s, L2C_ERR_PEERLOST);
		break;
	case RTX_END:
		finish(s, 0);
		break;
	case RTX_NONE:
		break;
	}
}

static void
rtx_fire(void *arg)
{
	struct mt_client	*s = arg;
	uint64_t		 next;

	s->rtx_elapsed += rtx_interval(s, s->rtx_k);
	/* Squeezed intervals round down: the schedule's end is the end. */
	if (s->rtx_elapsed >= s->budget_us ||
	    (s->budget_us <= MT_RTX_REF_US && s->rtx_k + 1 >= NRTX)) {
		rtx_give_up(s);
		return;
	}
	resend(s);
	s->info.retransmits++;
	s->rtx_again = 1;
	s->rtx_k++;
	next = rtx_interval(s, s->rtx_k);
	if (next > s->budget_us - s->rtx_elapsed)
		next = s->budget_us - s->rtx_elapsed;
	l2c_timer_arm(loop_of(s), &s->t_rtx, next);
}

static void
data_send(struct mt_client *s, const uint8_t *p, size_t len)
{
	memcpy(s->txbuf, p, len);
	s->txlen = len;
	s->inflight = 1;
	(void)send_pkt(s, MT_PT_DATA, s->outcnt, s->txbuf, s->txlen);
	rtx_start(s, RTX_DATA);
}

static void
send_end(struct mt_client *s)
{
	s->state = ST_CLOSING;
	(void)send_pkt(s, MT_PT_END, 0, NULL, 0);
	rtx_start(s, RTX_END);
}

/*
 * Send what waits, if nothing is in flight: the login first, then a
 * size change and as many typed bytes as one packet holds.
 */
static void
pump(struct mt_client *s)
{
	static const uint8_t magic[4] = { 0x56, 0x34, 0x12, 0xff };
	uint8_t		 buf[MT_MAX_PAYLOAD];
	struct l2c_wbuf	 w;
	size_t		 n;

	if (s->inflight || s->state == ST_CLOSED || s->state == ST_CLOSING)
		return;
	if (s->ctllen > 0) {
		data_send(s, s->ctlbuf, s->ctllen);
		OPENSSL_cleanse(s->ctlbuf, s->ctllen);
		s->ctllen = 0;
		return;
	}
	if (s->state != ST_OPEN)
		return;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	if (s->resize_pending) {
		(void)mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH, (uint16_t)s->cols);
		(void)mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT,
		    (uint16_t)s->rows);
		s->resize_pending = 0;
	}
	n = s->inqlen < l2c_wbuf_room(&w) ? s->inqlen : l2c_wbuf_room(&w);
	/*
	 * Terminal bytes that start with the control magic would be read
	 * as a control packet: send the first byte alone, then the rest.
	 */
	if (n > 1 && s->inqlen >= 4 && memcmp(s->inq, magic, 4) == 0)
		n = 1;
	if (n > 0) {
		(void)l2c_put_bytes(&w, s->inq, n);
		memmove(s->inq, s->inq + n, s->inqlen - n);
		s->inqlen -= n;
		s->info.bytes_tx += n;
	}
	if (w.len > 0) {
		data_send(s, buf, w.len);
		if (s->want_writable && s->inqlen < MT_INQ_MAX) {
			s->want_writable = 0;
			s->cb.event(s->cb.arg, L2C_SESS_WRITABLE, 0, NULL);
		}
		return;
	}
	if (s->close_pending)
		send_end(s);
}

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

static void
fail_login(struct mt_client *s)
{
	send_end(s);
	finish(s, L2C_ERR_AUTH);
}

/* The server's key block decides the method. */
static void
got_key(struct mt_client *s, const uint8_t *p, size_t len)
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
		rtx_stop(s);
	}
	l2c_timer_cancel(loop_of(s), &s->t_key);
	if (len == MT_MD5_SALT_LEN) {
		if (!s->md5_forced)
			notice(s, "the server offers only the legacy MD5 "
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
		notice(s, "the server wants an EC-SRP5 login: leave out --md5");
		rv = L2C_ERR_AUTH;
	} else {
		notice(s, "the server sent a %zu-byte key block (expected 16 "
		    "or 49): treating it as a refused login", len);
		rv = L2C_ERR_AUTH;
	}
	wipe_secrets(s);
	if (rv != 0) {
		if (rv != L2C_ERR_AUTH)
			notice(s, "cannot compute the login: %s",
			    l2c_strerror(rv));
		fail_login(s);
		return;
	}
	s->state = ST_AUTH;
	pump(s);
}

static void
go_open(struct mt_client *s)
{
	l2c_timer_cancel(loop_of(s), &s->t_hold);
	s->state = ST_OPEN;
	s->cb.event(s->cb.arg, L2C_SESS_OPEN, 0, NULL);
	if (s->state == ST_OPEN)
		pump(s);
}

static void
got_output(struct mt_client *s, const uint8_t *p, size_t len)
{
	size_t	n = len < strlen(FAILED_TEXT) ? len : strlen(FAILED_TEXT);

	if (s->state < ST_OPEN && !s->login_failed && n > 0 &&
	    memcmp(p, FAILED_TEXT, n) == 0)
		s->login_failed = 1;
	if (s->state == ST_HOLD && !s->login_failed)
		go_open(s);
	if (s->state == ST_CLOSED)
		return;
	s->info.bytes_rx += len;
	s->cb.output(s->cb.arg, p, len);
}

/*
 * How far counter c is ahead of the next expected one: > 0 is a gap,
 * 0 in order, < 0 old.  Counters wrap at 2^32, and at 2^16 on peers
 * reported to do so: a small counter far behind one just past 2^16.
 */
static int64_t
seq_ahead(uint32_t expect, uint32_t c)
{
	int32_t		d = (int32_t)(c - expect);
	uint16_t	d16;

	if (d >= 0)
		return d;
	if (c <= 0xffff && expect <= 0x1ffff && expect - c >= 0x8000) {
		d16 = (uint16_t)(c - expect);
		if (d16 < 0x8000)
			return d16;
	}
	return d;
}

static void
ackre_arm(struct mt_client *s)
{
	s->ackre_k = 0;
	l2c_timer_arm(loop_of(s), &s->t_ackre, L2C_MS(ackre_ms[0]));
}

static void
enter_hold(struct mt_client *s)
{
	l2c_timer_cancel(loop_of(s), &s->t_login);
	s->state = ST_HOLD;
	l2c_timer_arm(loop_of(s), &s->t_hold, HOLD_US);
}

static void
count_gap(struct mt_client *s, int64_t ahead)
{
	if (s->gaps++ == 0)
		notice(s, "%lld bytes of output lost (the server does not "
		    "resend)", (long long)ahead);
	s->info.lost_bytes += (uint64_t)ahead;
}

static void
got_data(struct mt_client *s, const struct mt_hdr *h, struct l2c_rbuf *r)
{
	struct mt_cpkt	 cp;
	size_t		 plen = l2c_rbuf_left(r);
	int64_t		 ahead;
	int		 rv = 0;

	s->last_ack = h->counter + (uint32_t)plen;
	send_ack(s, s->last_ack);
	/* The first DATA sets the counter, whatever it starts at. */
	ahead = s->in_started ? seq_ahead(s->incnt, h->counter) : 0;
	s->in_started = 1;
	if (ahead < 0)
		return;		/* a duplicate: acked, dropped */
	if (ahead > 0 && (s->state == ST_KEY || s->state == ST_AUTH))
		/* A lost key block or end auth: login, not output. */
		l2c_debug("mikrotik: %lld bytes of the login lost",
		    (long long)ahead);
	else if (ahead > 0)
		count_gap(s, ahead);
	s->incnt = h->counter + (uint32_t)plen;
	ackre_arm(s);
	while (s->state != ST_CLOSED && (rv = mt_cpkt_next(r, &cp)) == 1) {
		switch (cp.type) {
		case MT_CP_PASSSALT:
			got_key(s, cp.data, cp.len);
			break;
		case MT_CP_END_AUTH:
			if (s->state == ST_AUTH)
				enter_hold(s);
			break;
		case MT_CP_DATA:
			/* Output comes after end auth: that one was lost. */
			if (s->state == ST_AUTH)
				enter_hold(s);
			got_output(s, cp.data, cp.len);
			break;
		default:
			break;
		}
	}
	if (s->state != ST_CLOSED && rv < 0)
		l2c_debug("mikrotik: bad control packet: %s",
		    l2c_strerror(rv));
}

/* The first DATA: begin auth, and for EC-SRP5 our name and key. */
static int
send_begin(struct mt_client *s)
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
	data_send(s, buf, w.len);
	return 0;
}

static void
got_ack(struct mt_client *s, const struct mt_hdr *h)
{
	uint64_t	sample;

	if (s->state == ST_START) {
		rtx_stop(s);
		s->state = ST_KEY;
		l2c_timer_arm(loop_of(s), &s->t_login, LOGIN_US);
		if (send_begin(s) != 0)
			finish(s, L2C_ERR_SYS);
		return;
	}
	if (s->inflight && h->counter == s->outcnt + (uint32_t)s->txlen) {
		if (!s->rtx_again) {
			sample = l2c_now_us() - s->tx_at;
			s->info.rtt_us = s->info.rtt_us == 0 ? sample :
			    (7 * s->info.rtt_us + sample) / 8;
		}
		s->outcnt += (uint32_t)s->txlen;
		s->inflight = 0;
		rtx_stop(s);
		if (s->state == ST_KEY && s->keyre_k < NKEYRE)
			l2c_timer_arm(loop_of(s), &s->t_key,
			    L2C_MS(keyre_ms[s->keyre_k]));
		pump(s);
		return;
	}
	if (s->rtx_what == RTX_KEEPALIVE) {
		s->peer_echoes = 1;
		rtx_stop(s);
	}
}

static void
got_end(struct mt_client *s, const struct mt_hdr *h)
{
	int64_t	ahead;
	int	err = 0;

	/*
	 * Output lost just before the end shows only here: mactelnetd's END
	 * carries the counter after its last DATA.  (Others send that DATA's
	 * own counter, which is never ahead: nothing is made up for them.)
	 */
	if (s->in_started && (s->state == ST_OPEN || s->state == ST_HOLD ||
	    s->state == ST_CLOSING) &&
	    (ahead = seq_ahead(s->incnt, h->counter)) > 0)
		count_gap(s, ahead);
	if (s->state != ST_CLOSING)
		(void)send_pkt(s, MT_PT_END, 0, NULL, 0);
	if (s->login_failed || s->state == ST_KEY || s->state == ST_AUTH ||
	    s->state == ST_START)
		err = L2C_ERR_AUTH;
	finish(s, err);
}

static void
rx(void *arg, const struct l2c_pkt *pkt)
{
	struct mt_client	*s = arg;
	struct l2c_rbuf		 r;
	struct mt_hdr		 h;

	if (s->state == ST_CLOSED || !pkt->udp_ok)
		return;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&r, MT_S2C, &h) != 0 ||
	    memcmp(h.src, s->peer, sizeof(h.src)) != 0 ||
	    memcmp(h.dst, s->self, sizeof(h.dst)) != 0 ||
	    h.type == MT_PT_PING || h.type == MT_PT_PONG ||
	    h.session != s->key || h.client_type != MT_CLIENT_TYPE)
		return;
	s->info.frames_rx++;
	/* Anything from the peer answers a keepalive. */
	if (s->rtx_what == RTX_KEEPALIVE && h.type != MT_PT_ACK)
		rtx_stop(s);
	switch (h.type) {
	case MT_PT_ACK:
		got_ack(s, &h);
		break;
	case MT_PT_DATA:
		if (s->state != ST_START)
			got_data(s, &h, &r);
		break;
	case MT_PT_END:
		got_end(s, &h);
		break;
	default:
		break;
	}
}

static void
ka_fire(void *arg)
{
	struct mt_client	*s = arg;
	uint64_t		 now = l2c_now_us();

	if (now - s->last_tx >= s->keepalive_us) {
		if (!s->inflight && s->rtx_what == RTX_NONE &&
		    (s->state == ST_OPEN || s->state == ST_HOLD)) {
			send_ack(s, s->outcnt);
			rtx_start(s, RTX_KEEPALIVE);
		}
		l2c_timer_arm(loop_of(s), &s->t_ka, s->keepalive_us);
	} else
		l2c_timer_arm_at(loop_of(s), &s->t_ka,
		    s->last_tx + s->keepalive_us);
}

/* Our ACK may have been lost and the server waits for it: say it again. */
static void
ackre_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state == ST_CLOSING)
		return;
	send_ack(s, s->last_ack);
	if (++s->ackre_k < NACKRE)
		l2c_timer_arm(loop_of(s), &s->t_ackre,
		    L2C_MS(ackre_ms[s->ackre_k]));
}

/* The begin auth was acked, but no key block came: ask again. */
static void
key_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state != ST_KEY || s->inflight)
		return;
	s->keyre_k++;
	s->info.retransmits++;
	if (send_begin(s) != 0)
		finish(s, L2C_ERR_SYS);
}

static void
login_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->md5_forced)
		notice(s, "the server did not answer the MD5 login (RouterOS "
		    "6.43 and later need EC-SRP5: leave out --md5)");
	else
		notice(s, "the server did not finish the login in %u s",
		    (unsigned)(LOGIN_US / 1000000));
	fail_login(s);
}

static void
hold_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state == ST_HOLD && !s->login_failed)
		go_open(s);
}

static int
mtc_input(void *arg, const uint8_t *p, size_t len)
{
	struct mt_client	*s = arg;
	size_t			 take;

	if (s->state == ST_CLOSED || s->state == ST_CLOSING ||
	    s->close_pending)
		return L2C_ERR_INVAL;
	take = MT_INQ_MAX - s->inqlen;
	if (take > len)
		take = len;
	memcpy(s->inq + s->inqlen, p, take);
	s->inqlen += take;
	if (take < len)
		s->want_writable = 1;
	pump(s);
	return (int)take;
}

static int
mtc_resize(void *arg, unsigned cols, unsigned rows)
{
	struct mt_client	*s = arg;

	cols = cols > 0xffff ? 0xffff : cols;
	rows = rows > 0xffff ? 0xffff : rows;
	/* The face tells the size at OPEN too: the login carried it. */
	if (cols == s->cols && rows == s->rows)
		return 0;
	s->cols = cols;
	s->rows = rows;
	if (s->state == ST_OPEN) {
		s->resize_pending = 1;
		pump(s);
	}
	return 0;
}

static void
mtc_close(void *arg)
{
	struct mt_client	*s = arg;

	switch (s->state) {
	case ST_CLOSED:
	case ST_CLOSING:
		return;
	case ST_START:
		(void)send_pkt(s, MT_PT_END, 0, NULL, 0);
		finish(s, 0);
		return;
	case ST_OPEN:
		/* Let typed bytes reach the server first. */
		if (s->inflight || s->inqlen > 0 || s->resize_pending) {
			s->close_pending = 1;
			return;
		}
		break;
	default:
		break;
	}
	send_end(s);
}

static void
mtc_info(void *arg, struct l2c_sess_info *info)
{
	struct mt_client	*s = arg;

	*info = s->info;
}

/*
 * Waiting for the peer: our DATA unacknowledged (the output it asks for
 * is still to come) or typed bytes queued; before OPEN, the login.  A
 * keepalive is not: its answer carries no output.  The retransmit
 * budget and the login timer end each wait.
 */
static int
mtc_pending(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state == ST_CLOSED || s->state == ST_CLOSING)
		return 0;
	return s->state != ST_OPEN || s->inflight || s->inqlen > 0 ||
	    s->resize_pending;
}

static void
mtc_free(void *arg)
{
	struct mt_client	*s = arg;

	if (s == NULL)
		return;
	if (s->state != ST_CLOSED) {
		/* Silent: the face is gone, nobody hears CLOSED. */
		s->cb.event = NULL;
		stop_io(s);
	}
	ecsrp_free(s->ec);
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}

const struct l2c_sess_ops mt_client_ops = {
	.proto = "mikrotik",
	.input = mtc_input,
	.resize = mtc_resize,
	.brk = NULL,
	.close = mtc_close,
	.info = mtc_info,
	.pending = mtc_pending,
	.free = mtc_free,
};

int
mt_client_new(struct l2c_ctx *ctx, const struct mt_client_conf *c,
    const struct l2c_sess_cb *cb, struct l2c_sess *out)
{
	struct mt_client	*s;
	char			 filter[128], mac[L2C_MAC_STRLEN];
	uint8_t			 rnd[4];
	int			 rv;

	memset(out, 0, sizeof(*out));
	if (c->peer == NULL || c->login == NULL || c->password == NULL ||
	    strlen(c->login) > MT_LOGIN_MAX ||
	    strlen(c->password) >= MT_PASSWORD_MAX)
		return L2C_ERR_INVAL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return L2C_ERR_NOMEM;
	s->ctx = ctx;
	s->cb = *cb;
	s->rxid = -1;
	memcpy(s->peer, c->peer, sizeof(s->peer));
	memcpy(s->self, ctx->link->mac, sizeof(s->self));
	memcpy(s->login, c->login, strlen(c->login) + 1);
	memcpy(s->password, c->password, strlen(c->password) + 1);
	snprintf(s->term, sizeof(s->term), "%s",
	    c->term != NULL && c->term[0] != '\0' ? c->term : "vt102");
	s->cols = c->cols > 0xffff ? 0xffff : c->cols;
	s->rows = c->rows > 0xffff ? 0xffff : c->rows;
	s->md5_forced = c->md5;
	s->budget_us = mt_client_budget(c);
	s->keepalive_us = c->keepalive_us != 0 ? c->keepalive_us :
	    MT_KEEPALIVE_US;
	s->info.proto = "mikrotik";
	s->info.method = c->md5 ? "MD5" : "EC-SRP5";
	memcpy(s->info.peer, c->peer, sizeof(s->info.peer));
	l2c_timer_init(&s->t_rtx, rtx_fire, s);
	l2c_timer_init(&s->t_ka, ka_fire, s);
	l2c_timer_init(&s->t_ackre, ackre_fire, s);
	l2c_timer_init(&s->t_login, login_fire, s);
	l2c_timer_init(&s->t_hold, hold_fire, s);
	l2c_timer_init(&s->t_key, key_fire, s);
	out->ops = &mt_client_ops;
	out->s = s;

	if ((rv = l2c_random(rnd, sizeof(rnd))) != 0)
		goto fail;
	s->key = (uint16_t)(rnd[0] << 8 | rnd[1]);
	s->sport = c->sport != 0 ? c->sport :
	    (uint16_t)(1024 + ((rnd[2] << 8 | rnd[3]) % 1024));
	if (!s->md5_forced) {
		if ((rv = ecsrp_new(&s->ec)) != 0)
			goto fail;
		if (c->fixed_priv != NULL)
			memcpy(s->priv, c->fixed_priv, sizeof(s->priv));
		else if ((rv = ecsrp_random_scalar(s->priv)) != 0)
			goto fail;
		if ((rv = ecsrp_pubkey(s->ec, s->priv, s->wc)) != 0)
			goto fail;
	}
	snprintf(filter, sizeof(filter), "udp src port %d and udp dst port "
	    "%u and ether src %s", MT_PORT, s->sport,
	    l2c_mac_fmt(s->peer, mac, sizeof(mac)));
	if ((rv = l2c_ctx_listen(ctx, filter, rx, s)) < 0)
		goto fail;
	s->rxid = rv;
	s->state = ST_START;
	if ((rv = send_pkt(s, MT_PT_START, 0, NULL, 0)) != 0)
		goto fail;
	rtx_start(s, RTX_START);
	l2c_timer_arm(loop_of(s), &s->t_ka, s->keepalive_us);
	return 0;
fail:
	s->state = ST_CLOSED;
	if (s->rxid >= 0)
		l2c_ctx_unlisten(ctx, s->rxid);
	s->rxid = -1;
	mtc_free(s);
	memset(out, 0, sizeof(*out));
	return rv;
}
