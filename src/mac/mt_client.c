/* SPDX-License-Identifier: ISC */
/*
 * MAC-Telnet client session.  One DATA in flight each way, every DATA
 * acknowledged (duplicates too), retransmission on the reference
 * client's schedule stretched or squeezed to the configured budget;
 * START alone is sent every 300 ms for 2 s, as RouterOS wants it.
 *
 *   START --ack--> KEY --key/salt--> AUTH --end auth--> HOLD --> OPEN
 *                                                      (output not
 *                                                   "Login failed")
 *   any --close--> CLOSING --END--> CLOSED;  END from the server -> CLOSED
 */
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
#include "mac/mt_client_int.h"

/*
 * The key block never came although the begin auth was acked: lost on
 * the way (mactelnetd never resends).  Ask again, slowly: a second
 * begin auth makes a server pick a new salt, so it must not overtake
 * a slow EC-SRP5 answer.
 */
static const uint16_t keyre_ms[] = { 1000, 2000, 4000 };
#define NKEYRE		(sizeof(keyre_ms) / sizeof(keyre_ms[0]))
static const uint16_t start_ms[] = { MT_START_EVERY_MS };
#define RX_WINDOW	16384	/* server DATA taken this far from the next */

uint64_t
mt_client_budget(const struct mt_client_conf *c)
{
	return c->timeout_us != 0 ? c->timeout_us : MT_RTX_REF_US;
}

uint64_t
mt_client_start_budget(const struct mt_client_conf *c)
{
	return c->timeout_us != 0 ? c->timeout_us : MT_START_US;
}

/* RouterOS asks for a new password (painted once or twice): Ctrl-C. */
static void
dismiss_nag(struct mt_client *s)
{
	static const uint8_t	 ctrl_c = 0x03;
	size_t			 n = strcspn(s->login, "+");

	s->nag_seen = 1;
	(void)l2c_inputq_put(&s->inq, &ctrl_c, 1);
	mtc_pump(s);
	mtc_notice(s, "%.*s has no or a default password: the device asked "
	    "for a new one, dismissed with Ctrl-C", (int)n, s->login);
}

static void
got_output(struct mt_client *s, const uint8_t *p, size_t len)
{
	size_t	n = len < strlen(FAILED_TEXT) ? len : strlen(FAILED_TEXT);

	if (s->state < ST_OPEN && !s->login_failed && n > 0 &&
	    memcmp(p, FAILED_TEXT, n) == 0)
		s->login_failed = 1;
	if (s->state == ST_HOLD && !s->login_failed)
		mtc_go_open(s);
	if (s->state == ST_CLOSED)
		return;
	s->info.bytes_rx += len;
	s->cb.output(s->cb.arg, p, len);
	if (s->dismiss_nag && !s->nag_seen && s->state != ST_CLOSED &&
	    memmem(p, len, NAG_TEXT, strlen(NAG_TEXT)) != NULL)
		dismiss_nag(s);
}

static void
count_gap(struct mt_client *s, int64_t ahead)
{
	if (s->gaps++ == 0)
		mtc_notice(s, "%lld bytes of output lost (the server does not "
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

	/* The first DATA sets the counter, whatever it starts at. */
	ahead = s->in_started ? mt_counter_ahead(s->incnt, h->counter) : 0;
	/* Far from it: not the server's (a blind guess), not answered. */
	if (ahead > RX_WINDOW || ahead < -RX_WINDOW) {
		l2c_debug("mikrotik: DATA %lld bytes off the counter dropped",
		    (long long)ahead);
		return;
	}
	s->last_ack = h->counter + (uint32_t)plen;
	mtc_send_ack(s, s->last_ack);
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
	mtc_ackre_arm(s);
	while (s->state != ST_CLOSED && (rv = mt_cpkt_next(r, &cp)) == 1) {
		switch (cp.type) {
		case MT_CP_PASSSALT:
			mtc_got_key(s, cp.data, cp.len);
			break;
		case MT_CP_END_AUTH:
			if (s->state == ST_AUTH)
				mtc_enter_hold(s);
			break;
		case MT_CP_DATA:
			/* Output comes after end auth: that one was lost. */
			if (s->state == ST_AUTH)
				mtc_enter_hold(s);
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

static void
got_ack(struct mt_client *s, const struct mt_hdr *h)
{
	if (s->state == ST_START) {
		mtc_rtx_stop(s);
		s->state = ST_KEY;
		l2c_timer_arm(mtc_loop_of(s), &s->t_login, LOGIN_US);
		if (mtc_send_begin(s) != 0)
			mtc_finish(s, L2C_ERR_SYS);
		return;
	}
	if (s->inflight && h->counter == s->outcnt + (uint32_t)s->txlen) {
		l2c_rtx_ack(&s->rtx, l2c_now_us());
		s->info.rtt_us = s->rtx.srtt;
		s->outcnt += (uint32_t)s->txlen;
		s->inflight = 0;
		mtc_rtx_stop(s);
		if (s->state == ST_KEY && s->keyre_k < NKEYRE)
			l2c_timer_arm(mtc_loop_of(s), &s->t_key,
			    L2C_MS(keyre_ms[s->keyre_k]));
		mtc_pump(s);
		return;
	}
	if (s->rtx_what == RTX_KEEPALIVE) {
		s->peer_echoes = 1;
		mtc_rtx_stop(s);
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
	    (ahead = mt_counter_ahead(s->incnt, h->counter)) > 0)
		count_gap(s, ahead);
	if (s->state != ST_CLOSING)
		(void)mtc_send_pkt(s, MT_PT_END, 0, NULL, 0);
	if (s->login_failed || s->state == ST_KEY || s->state == ST_AUTH ||
	    s->state == ST_START)
		err = L2C_ERR_AUTH;
	mtc_finish(s, err);
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
	s->last_rx = l2c_now_us();
	/* Anything from the peer answers a keepalive. */
	if (s->rtx_what == RTX_KEEPALIVE && h.type != MT_PT_ACK)
		mtc_rtx_stop(s);
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

static int
mtc_input(void *arg, const uint8_t *p, size_t len)
{
	struct mt_client	*s = arg;
	size_t			 take;

	if (s->state == ST_CLOSED || s->state == ST_CLOSING ||
	    s->close_pending)
		return L2C_ERR_INVAL;
	take = l2c_inputq_put(&s->inq, p, len);
	s->in_op = 1;
	mtc_pump(s);
	s->in_op = 0;
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
		s->in_op = 1;
		mtc_pump(s);
		s->in_op = 0;
	}
	return 0;
}

/* A close before the server answered START: CLOSED, now from the loop. */
static void
done_fire(void *arg)
{
	mtc_finish(arg, 0);
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
		/* CLOSED from the loop, not from inside this call. */
		(void)mtc_send_pkt(s, MT_PT_END, 0, NULL, 0);
		mtc_stop_io(s);
		s->state = ST_CLOSING;
		l2c_timer_arm(mtc_loop_of(s), &s->t_done, 0);
		return;
	case ST_OPEN:
		/* Let typed bytes reach the server first. */
		if (s->inflight || s->inq.len > 0 || s->resize_pending) {
			s->close_pending = 1;
			return;
		}
		break;
	default:
		break;
	}
	mtc_send_end(s);
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
	return s->state != ST_OPEN || s->inflight || s->inq.len > 0 ||
	    s->resize_pending;
}

static void
mtc_facts(void *arg, struct l2c_sess_facts *f)
{
	struct mt_client	*s = arg;

	memset(f, 0, sizeof(*f));
	f->why = s->why;
	memcpy(f->peer, s->peer, sizeof(f->peer));
	f->timeout_us = s->rtx_conf.budget_us;
	snprintf(f->ifname, sizeof(f->ifname), "%s", s->ctx->link->ifname);
}

static void
mtc_free(void *arg)
{
	struct mt_client	*s = arg;

	if (s == NULL)
		return;
	l2c_timer_cancel(mtc_loop_of(s), &s->t_done);
	if (s->state != ST_CLOSED) {
		/* Silent: the face is gone, nobody hears CLOSED. */
		s->cb.event = NULL;
		mtc_stop_io(s);
	}
	ecsrp_free(s->ec);
	l2c_inputq_free(&s->inq);
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}

const struct l2c_sess_ops mt_client_ops = {
	.proto = "mikrotik",
	.input = mtc_input,
	.resize = mtc_resize,
	.close = mtc_close,
	.info = mtc_info,
	.pending = mtc_pending,
	.facts = mtc_facts,
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
	if (l2c_inputq_init(&s->inq, MT_INQ_MAX) != 0) {
		free(s);
		return L2C_ERR_NOMEM;
	}
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
	s->offer_only = c->offer_only && !c->md5;
	s->md5_refused = mt_login_md5_verdict(c);
	s->logged_in = c->logged_in;
	s->dismiss_nag = c->dismiss_nag;
	s->rtx_conf.sched_ms = l2c_rtx_ref_ms;
	s->rtx_conf.nsched = L2C_RTX_REF_N;
	s->rtx_conf.budget_us = mt_client_budget(c);
	s->start_conf.sched_ms = start_ms;
	s->start_conf.nsched = 1;
	s->start_conf.budget_us = mt_client_start_budget(c);
	s->keepalive_us = c->keepalive_us != 0 ? c->keepalive_us :
	    MT_KEEPALIVE_US;
	s->info.proto = "mikrotik";
	s->info.method = c->md5 ? "MD5" : "EC-SRP5";
	memcpy(s->info.peer, c->peer, sizeof(s->info.peer));
	l2c_timer_init(&s->t_rtx, mtc_rtx_fire, s);
	l2c_timer_init(&s->t_ka, mtc_ka_fire, s);
	l2c_timer_init(&s->t_ackre, mtc_ackre_fire, s);
	l2c_timer_init(&s->t_login, mtc_login_fire, s);
	l2c_timer_init(&s->t_hold, mtc_hold_fire, s);
	l2c_timer_init(&s->t_key, mtc_key_fire, s);
	l2c_timer_init(&s->t_done, done_fire, s);
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
	if ((rv = mtc_send_pkt(s, MT_PT_START, 0, NULL, 0)) != 0)
		goto fail;
	mtc_rtx_start(s, RTX_START);
	l2c_timer_arm(mtc_loop_of(s), &s->t_ka, s->keepalive_us);
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
