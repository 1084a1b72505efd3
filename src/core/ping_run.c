/* SPDX-License-Identifier: ISC */
/*
 * The ping runner (ping_run.h): sends on a timer, judges every reply by
 * the payload it echoed, counts duplicates by sequence number, and ends
 * when all are answered or the wait after the last one is over.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "log.h"
#include "loop.h"
#include "ping_run.h"
#include "random.h"

struct l2c_pinger {
	struct l2c_ctx		*ctx;
	struct l2c_ping_conf	 c;
	struct l2c_ping_cb	 cb;
	int			 rxid;
	uint32_t		 cookie;
	uint32_t		 seq;		/* last sent */
	struct l2c_timer	 t_send, t_end;
	struct l2c_ping_stats	 st;
	uint8_t			 seen[L2C_PING_SEQ_WINDOW / 8];
};

static int
seen_test_set(struct l2c_pinger *p, uint32_t seq)
{
	uint32_t	i = seq % L2C_PING_SEQ_WINDOW;
	int		was = (p->seen[i / 8] >> (i % 8)) & 1;

	p->seen[i / 8] |= (uint8_t)(1u << (i % 8));
	return was;
}

static void
seen_clear(struct l2c_pinger *p, uint32_t seq)
{
	uint32_t	i = seq % L2C_PING_SEQ_WINDOW;

	p->seen[i / 8] &= (uint8_t)~(1u << (i % 8));
}

/* The next ping, then the timer for the one after (or for the end). */
static void
send_fire(void *arg)
{
	struct l2c_pinger	*p = arg;
	struct l2c_link		*l = p->ctx->link;
	struct l2c_wbuf		 w;
	uint8_t			 payload[L2C_ETH_MAXLEN];
	uint8_t			 frame[L2C_ETH_MAXLEN + 64];
	int			 rv;

	p->seq++;
	seen_clear(p, p->seq);
	l2c_ping_payload(payload, p->c.size, p->cookie, p->seq, l2c_now_us());
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if ((rv = p->c.proto->build(&w, l->mac, p->c.dst, (uint16_t)p->seq,
	    payload, p->c.size)) == 0 &&
	    (rv = l2c_link_send(l, frame, w.len)) == 0)
		p->st.tx++;
	if (p->c.count == 0 || p->seq < p->c.count)
		l2c_timer_arm(p->ctx->loop, &p->t_send, p->c.interval_us);
	else
		l2c_timer_arm(p->ctx->loop, &p->t_end, p->c.wait_us);
	/* Last: the face may free us. */
	if (rv != 0 && p->cb.send_error != NULL)
		p->cb.send_error(p->cb.arg, rv);
}

static void
end_fire(void *arg)
{
	struct l2c_pinger	*p = arg;

	l2c_timer_cancel(p->ctx->loop, &p->t_send);
	if (p->cb.done != NULL)
		p->cb.done(p->cb.arg);
}

/* A reply, judged by what it echoed; the wire's own sequence must agree. */
static void
on_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct l2c_pinger	*p = arg;
	struct l2c_ping_reply	 rep;
	struct l2c_ping_echo	 e;
	char			 mac[L2C_MAC_STRLEN];
	uint64_t		 t = 0;

	if (p->c.proto->parse(pkt, p->ctx->link->mac, &rep) != 0)
		return;
	/* A station's own echo of someone else's ping is not for us. */
	if (!p->c.any_from && memcmp(rep.from, p->c.dst, L2C_ETH_ALEN) != 0)
		return;
	memset(&e, 0, sizeof(e));
	memcpy(e.from, rep.from, L2C_ETH_ALEN);
	e.verdict = l2c_ping_check(rep.data, rep.len, p->c.size, p->cookie,
	    &e.seq, &t, &e.bad_off);
	if (e.verdict == L2C_PING_FOREIGN) {
		l2c_debug("ping: a reply that is not ours from %s",
		    l2c_mac_fmt(rep.from, mac, sizeof(mac)));
		return;
	}
	if (e.verdict == L2C_PING_GOOD && rep.seq >= 0 &&
	    (uint16_t)rep.seq != (uint16_t)e.seq) {
		e.verdict = L2C_PING_CORRUPT;
		e.bad_off = 0;
	}
	if (e.verdict == L2C_PING_GOOD && (e.seq == 0 || e.seq > p->seq ||
	    t > pkt->ts_us))
		e.verdict = L2C_PING_CORRUPT;
	if (e.verdict == L2C_PING_CORRUPT) {
		p->st.corrupt++;
		if (e.seq > p->seq)
			e.seq = 0;
	}
	e.len = rep.len < p->c.size ? rep.len : p->c.size;
	if (e.seq != 0 && seen_test_set(p, e.seq)) {
		e.dup = 1;
		p->st.dup++;
	} else
		p->st.rx++;
	if (e.verdict == L2C_PING_GOOD) {
		e.rtt_us = pkt->ts_us - t;
		if (!e.dup)
			l2c_ping_stats_rtt(&p->st, e.rtt_us);
	}
	/* All answered: end from a timer, not inside the receive path. */
	if (p->c.count > 0 && p->st.tx >= p->c.count && p->st.rx >= p->st.tx)
		l2c_timer_arm(p->ctx->loop, &p->t_end, 0);
	if (p->cb.echo != NULL)
		p->cb.echo(p->cb.arg, &e);
}

int
l2c_pinger_new(struct l2c_ctx *ctx, const struct l2c_ping_conf *c,
    const struct l2c_ping_cb *cb, struct l2c_pinger **out)
{
	struct l2c_pinger	*p;
	int			 rv;

	if (c->proto == NULL || c->size < L2C_PING_HDR ||
	    c->size > c->proto->max_payload)
		return L2C_ERR_INVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return L2C_ERR_NOMEM;
	p->ctx = ctx;
	p->c = *c;
	p->cb = *cb;
	p->cookie = (uint32_t)l2c_random_cookie();
	l2c_timer_init(&p->t_send, send_fire, p);
	l2c_timer_init(&p->t_end, end_fire, p);
	if ((rv = l2c_ctx_listen(ctx, c->proto->filter, on_rx, p)) < 0) {
		free(p);
		return rv;
	}
	p->rxid = rv;
	*out = p;
	return 0;
}

void
l2c_pinger_start(struct l2c_pinger *p)
{
	send_fire(p);
}

const struct l2c_ping_stats *
l2c_pinger_stats(const struct l2c_pinger *p)
{
	return &p->st;
}

void
l2c_pinger_free(struct l2c_pinger *p)
{
	if (p == NULL)
		return;
	l2c_timer_cancel(p->ctx->loop, &p->t_send);
	l2c_timer_cancel(p->ctx->loop, &p->t_end);
	l2c_ctx_unlisten(p->ctx, p->rxid);
	free(p);
}
