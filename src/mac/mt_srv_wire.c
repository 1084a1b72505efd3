/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's wire, the bottom of its files: a session's
 * frames built and sent, one DATA kept for retransmission on the
 * reference schedule (the session's rtx timer resends it), END, and
 * control messages queued before program output.  It calls none of
 * the server's other files.
 */
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "core/rtx.h"
#include "mac/mt_srv_int.h"

/* The reference client's retransmit steps, the last one repeating. */
static const struct l2c_rtx_conf data_rtx = {
	.sched_ms = l2c_rtx_ref_ms,
	.nsched = L2C_RTX_REF_N,
};
static const struct l2c_rtx_conf end_rtx = {
	.sched_ms = l2c_rtx_ref_ms,
	.nsched = L2C_RTX_REF_N,
	.max_resends = END_TRIES - 1,
};

/* One frame of this session to its client; the built frame in frame. */
int
mts_send_pkt(struct sess *s, uint8_t type, uint32_t counter,
    const uint8_t *data, size_t len, uint8_t *frame, size_t *flen)
{
	struct mt_server	*srv = s->srv;
	struct l2c_wbuf		 f;
	struct mt_hdr		 h;
	int			 rv;

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, srv->ctx->link->mac, L2C_ETH_ALEN);
	memcpy(h.dst, s->peer, L2C_ETH_ALEN);
	h.session = s->key;
	h.client_type = s->client_type;
	h.counter = counter;
	l2c_wbuf_init(&f, frame, L2C_ETH_MAXLEN);
	if ((rv = mt_packet_build(&f, MT_S2C, &h, data, len, s->eth,
	    srv->conf.ipsrc, MT_PORT, s->sport)) != 0)
		return rv;
	*flen = f.len;
	return l2c_link_send(srv->ctx->link, frame, f.len);
}

/* ACK, END: no payload, nothing kept, a failure only noted. */
void
mts_send_simple(struct sess *s, uint8_t type, uint32_t counter)
{
	uint8_t	frame[L2C_ETH_MAXLEN];
	size_t	flen;
	int	rv;

	if ((rv = mts_send_pkt(s, type, counter, NULL, 0, frame, &flen)) != 0)
		l2c_debug("mt-server: send %s: %s", mt_ptype_name(type),
		    l2c_strerror(rv));
}

/* The retransmissions of what just went out, on schedule c. */
static void
arm_rtx(struct sess *s, const struct l2c_rtx_conf *c)
{
	l2c_timer_arm_at(s->srv->ctx->loop, &s->rtx,
	    l2c_rtx_start(&s->sched, c, l2c_now_us(), 0));
}

/* One DATA, kept for retransmission until the client acks it. */
void
mts_send_data(struct sess *s, const uint8_t *p, size_t len)
{
	int	rv;

	s->txlen = 0;
	if ((rv = mts_send_pkt(s, MT_PT_DATA, s->out_counter, p, len, s->tx,
	    &s->txlen)) != 0 && s->txlen == 0) {
		l2c_warn("mt-server: cannot send: %s", l2c_strerror(rv));
		return;
	}
	s->out_counter += (uint32_t)len;
	s->inflight = 1;
	arm_rtx(s, &data_rtx);
}

/* Our END; it is sent again a few times until the client answers. */
void
mts_send_end(struct sess *s)
{
	s->state = S_ENDSENT;
	s->inflight = 0;
	mts_send_simple(s, MT_PT_END, s->out_counter);
	arm_rtx(s, &end_rtx);
}

/* A control message (or text) to send before any program output. */
int
mts_queue_msg(struct sess *s, int ctype, const void *p, size_t len)
{
	struct qmsg	*m;
	struct l2c_wbuf	 w;
	int		 rv;

	if (s->qn == QMAX)
		return L2C_ERR_NOSPACE;
	m = &s->q[(s->qhead + s->qn) % QMAX];
	l2c_wbuf_init(&w, m->b, sizeof(m->b));
	if ((rv = mt_cpkt_put(&w, ctype, p, len)) != 0)
		return rv;
	m->len = w.len;
	s->qn++;
	return 0;
}
