/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet client's acknowledged-data transport: the frame around
 * every packet, one DATA in flight on the reference schedule (core
 * rtx.c) squeezed or stretched to the budget, START every 300 ms on
 * its own, what waits to go out (the login, a size change, typed
 * bytes), what each unanswered packet means when the budget runs out,
 * keepalives, and ACKs said again after the server goes quiet.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/link.h"
#include "core/log.h"
#include "core/random.h"
#include "mac/mt_client_int.h"

/*
 * Our last ACK said again after the session goes quiet, in case it was
 * lost and the server waits for it: short, bounded.
 */
static const uint16_t ackre_ms[] = { 20, 40, 80, 160, 320 };
#define NACKRE		(sizeof(ackre_ms) / sizeof(ackre_ms[0]))

int
mtc_send_pkt(struct mt_client *s, uint8_t type, uint32_t counter,
    const uint8_t *payload, size_t len)
{
	uint8_t		 frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 f;
	struct mt_hdr	 h;
	int		 rv;

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, s->self, sizeof(h.src));
	memcpy(h.dst, s->peer, sizeof(h.dst));
	h.session = s->key;
	h.client_type = MT_CLIENT_TYPE;
	h.counter = counter;
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if ((rv = mt_packet_build(&f, MT_C2S, &h, payload, len, s->peer, 0,
	    s->sport, MT_PORT)) != 0)
		return rv;
	s->last_tx = l2c_now_us();
	s->info.frames_tx++;
	if ((rv = l2c_link_send(s->ctx->link, frame, f.len)) != 0)
		l2c_debug("mikrotik: send: %s", l2c_strerror(rv));
	return rv;
}

void
mtc_send_ack(struct mt_client *s, uint32_t counter)
{
	(void)mtc_send_pkt(s, MT_PT_ACK, counter, NULL, 0);
}

/*
 * Something went out that wants an answer: the schedule starts, START's
 * own for START (its RTT sample then never shapes DATA's).
 */
void
mtc_rtx_start(struct mt_client *s, enum rtx_what what)
{
	s->rtx_what = what;
	l2c_timer_arm_at(mtc_loop_of(s), &s->t_rtx,
	    l2c_rtx_start(&s->rtx, what == RTX_START ? &s->start_conf :
	    &s->rtx_conf, l2c_now_us(), 0));
}

void
mtc_rtx_stop(struct mt_client *s)
{
	s->rtx_what = RTX_NONE;
	l2c_timer_cancel(mtc_loop_of(s), &s->t_rtx);
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
		(void)mtc_send_pkt(s, MT_PT_START, 0, NULL, 0);
		break;
	case RTX_DATA:
		(void)mtc_send_pkt(s, MT_PT_DATA, s->outcnt, s->txbuf, s->txlen);
		break;
	case RTX_KEEPALIVE:
		mtc_send_ack(s, s->outcnt);
		break;
	case RTX_END:
		(void)mtc_send_pkt(s, MT_PT_END, 0, NULL, 0);
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
		mtc_finish(s, L2C_ERR_NOANSWER);
		break;
	case RTX_DATA:
		/* Acknowledged START, then silence: not a session lost. */
		if (s->state == ST_KEY || s->state == ST_AUTH)
			s->why = MT_WHY_LOGIN_SILENT;
		mtc_finish(s, L2C_ERR_PEERLOST);
		break;
	case RTX_KEEPALIVE:
		/*
		 * A peer that echoed keepalives before is lost.  One that
		 * never did (it died before the first, or it does not
		 * echo) gets another period: silent through that too, it
		 * is lost; heard from meanwhile, it does not echo, and
		 * keepalives tell nothing more.
		 */
		if (s->peer_echoes)
			mtc_finish(s, L2C_ERR_PEERLOST);
		else if (s->ka_deaf)
			break;
		else if (s->ka_missed_at == 0)
			s->ka_missed_at = l2c_now_us();
		else if (s->last_rx < s->ka_missed_at)
			mtc_finish(s, L2C_ERR_PEERLOST);
		else
			s->ka_deaf = 1;
		break;
	case RTX_END:
		mtc_finish(s, 0);
		break;
	case RTX_NONE:
		break;
	}
}

void
mtc_rtx_fire(void *arg)
{
	struct mt_client	*s = arg;
	uint64_t		 due;

	if (!l2c_rtx_fire(&s->rtx, l2c_now_us(), &due)) {
		rtx_give_up(s);
		return;
	}
	resend(s);
	s->info.retransmits++;
	l2c_timer_arm_at(mtc_loop_of(s), &s->t_rtx, due);
}

void
mtc_data_send(struct mt_client *s, const uint8_t *p, size_t len)
{
	memcpy(s->txbuf, p, len);
	s->txlen = len;
	s->inflight = 1;
	(void)mtc_send_pkt(s, MT_PT_DATA, s->outcnt, s->txbuf, s->txlen);
	mtc_rtx_start(s, RTX_DATA);
}

void
mtc_send_end(struct mt_client *s)
{
	s->state = ST_CLOSING;
	(void)mtc_send_pkt(s, MT_PT_END, 0, NULL, 0);
	mtc_rtx_start(s, RTX_END);
}

/*
 * Send what waits, if nothing is in flight: the login first, then a
 * size change and as many typed bytes as one packet holds.
 */
void
mtc_pump(struct mt_client *s)
{
	static const uint8_t magic[4] = { 0x56, 0x34, 0x12, 0xff };
	uint8_t		 buf[MT_MAX_PAYLOAD];
	struct l2c_wbuf	 w;
	size_t		 n;

	if (s->inflight || s->state == ST_CLOSED || s->state == ST_CLOSING)
		return;
	if (s->ctllen > 0) {
		mtc_data_send(s, s->ctlbuf, s->ctllen);
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
	n = s->inq.len < l2c_wbuf_room(&w) ? s->inq.len : l2c_wbuf_room(&w);
	/*
	 * Terminal bytes that start with the control magic would be read
	 * as a control packet: send the first byte alone, then the rest.
	 */
	if (n > 1 && s->inq.len >= 4 && memcmp(s->inq.buf, magic, 4) == 0)
		n = 1;
	if (n > 0) {
		(void)l2c_put_bytes(&w, s->inq.buf, n);
		l2c_inputq_drop(&s->inq, n);
		s->info.bytes_tx += n;
	}
	if (w.len > 0) {
		mtc_data_send(s, buf, w.len);
		/* Not from inside the face's own input() call. */
		if (!s->in_op && l2c_inputq_writable(&s->inq))
			s->cb.event(s->cb.arg, L2C_SESS_WRITABLE, 0, NULL);
		return;
	}
	if (s->close_pending)
		mtc_send_end(s);
}

void
mtc_ackre_arm(struct mt_client *s)
{
	s->ackre_k = 0;
	l2c_timer_arm(mtc_loop_of(s), &s->t_ackre, L2C_MS(ackre_ms[0]));
}

void
mtc_ka_fire(void *arg)
{
	struct mt_client	*s = arg;
	uint64_t		 now = l2c_now_us();

	if (now - s->last_tx >= s->keepalive_us) {
		if (!s->inflight && s->rtx_what == RTX_NONE &&
		    (s->state == ST_OPEN || s->state == ST_HOLD)) {
			mtc_send_ack(s, s->outcnt);
			mtc_rtx_start(s, RTX_KEEPALIVE);
		}
		l2c_timer_arm(mtc_loop_of(s), &s->t_ka, s->keepalive_us);
	} else
		l2c_timer_arm_at(mtc_loop_of(s), &s->t_ka,
		    s->last_tx + s->keepalive_us);
}

/* Our ACK may have been lost and the server waits for it: say it again. */
void
mtc_ackre_fire(void *arg)
{
	struct mt_client	*s = arg;

	if (s->state == ST_CLOSING)
		return;
	mtc_send_ack(s, s->last_ack);
	if (++s->ackre_k < NACKRE)
		l2c_timer_arm(mtc_loop_of(s), &s->t_ackre,
		    L2C_MS(ackre_ms[s->ackre_k]));
}
