/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's sessions, from START to END: bound to their
 * client, the client's DATA acked only when there is room to keep it
 * and used once, our DATA resent on the reference schedule (frames go
 * out through mt_srv_wire.c), idle and half-open sessions ended.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "core/pty.h"
#include "core/rtx.h"
#include "mac/mt_srv_int.h"

static void	rtx_cb(void *);
static void	idle_cb(void *);

/* Bytes a payload would add to the program's input. */
static size_t
term_bytes(const uint8_t *p, size_t len)
{
	struct l2c_rbuf	r;
	struct mt_cpkt	cp;
	size_t		n = 0;

	l2c_rbuf_init(&r, p, len);
	while (mt_cpkt_next(&r, &cp) == 1)
		if (cp.type == MT_CP_DATA)
			n += cp.len;
	return n;
}

/* A peer's string, cut to fit; printable only when it goes into env. */
static void
copy_str(char *dst, size_t cap, const struct mt_cpkt *cp, int printable)
{
	size_t	i, n = cp->len < cap ? cp->len : cap;

	memcpy(dst, cp->data, n);
	dst[n] = '\0';
	for (i = 0; printable && i < n; i++)
		if (dst[i] < 0x21 || dst[i] > 0x7e)
			dst[i] = '?';
}

/* EC-SRP5 type 1 from a client: user \0 then the 33-byte key. */
static void
take_key(struct sess *s, const struct mt_cpkt *cp)
{
	size_t	ulen;

	/* user \0 key(33): the user part must be exactly that long. */
	if (cp->len < ECSRP_KEY_LEN + 1 ||
	    cp->len - ECSRP_KEY_LEN - 1 > LOGIN_MAX)
		return;
	ulen = cp->len - ECSRP_KEY_LEN - 1;
	if (memchr(cp->data, '\0', ulen) != NULL || cp->data[ulen] != '\0')
		return;
	memcpy(s->user1, cp->data, ulen);
	s->user1[ulen] = '\0';
	memcpy(s->wc, cp->data + ulen + 1, ECSRP_KEY_LEN);
	s->method = M_ECSRP;
}

/* Type 3: the login as typed (console options included). */
static void
take_login(struct sess *s, const struct mt_cpkt *cp)
{
	if (cp->len > LOGIN_MAX || memchr(cp->data, '\0', cp->len) != NULL)
		s->bad_login = 1;
	copy_str(s->login, LOGIN_MAX, cp, 0);
	s->have_user = 1;
}

/* Types 5 and 6: u16 little-endian. */
static void
take_size(unsigned *v, const struct mt_cpkt *cp)
{
	struct l2c_rbuf	r;
	uint16_t	x;

	l2c_rbuf_init(&r, cp->data, cp->len);
	if (l2c_get_le16(&r, &x) == 0)
		*v = x;
}

/* The elements of one new DATA payload, then what they call for. */
static void
data_in(struct sess *s, const uint8_t *p, size_t len)
{
	struct l2c_rbuf	r;
	struct mt_cpkt	cp;
	int		begin = 0, key = 0, resized = 0;
	size_t		n;

	l2c_rbuf_init(&r, p, len);
	while (mt_cpkt_next(&r, &cp) == 1) {
		switch (cp.type) {
		case MT_CP_DATA:
			if (s->state != S_ACTIVE || s->fd < 0 || s->fd_eof)
				break;
			n = cp.len <= INBUF - s->inlen ? cp.len :
			    INBUF - s->inlen;
			memcpy(s->in + s->inlen, cp.data, n);
			s->inlen += n;
			break;
		case MT_CP_BEGINAUTH:
			begin = 1;
			break;
		case MT_CP_PASSSALT:
			if (s->state == S_AUTH) {
				take_key(s, &cp);
				key = s->method == M_ECSRP;
			}
			break;
		case MT_CP_PASSWORD:
			if (s->state != S_KEY)
				break;
			s->passlen = cp.len < sizeof(s->pass) ? cp.len :
			    sizeof(s->pass);
			memcpy(s->pass, cp.data, s->passlen);
			s->have_pass = 1;
			break;
		case MT_CP_USERNAME:
			if (s->state == S_AUTH || s->state == S_KEY)
				take_login(s, &cp);
			break;
		case MT_CP_TERM_TYPE:
			copy_str(s->term, TERM_MAX, &cp, 1);
			break;
		case MT_CP_TERM_WIDTH:
			take_size(&s->cols, &cp);
			resized = 1;
			break;
		case MT_CP_TERM_HEIGHT:
			take_size(&s->rows, &cp);
			resized = 1;
			break;
		default:
			break;
		}
	}
	if (s->state == S_AUTH && key)
		mts_start_ecsrp(s);
	else if (s->state == S_AUTH && begin)
		mts_start_md5(s);
	else if (s->state == S_KEY && s->have_pass && s->have_user)
		mts_verify(s);
	if (s->state == S_ACTIVE && s->fd >= 0) {
		if (resized)
			(void)l2c_pty_winsize(s->fd, s->cols, s->rows);
		mts_flush_input(s);
		mts_update_watch(s);
	}
}

/*
 * Where a client's DATA counter c stands: 1 new (the one expected, or a
 * gap after it of at most RX_WINDOW bytes, as a client that sends
 * several at once may leave), 0 a copy of one taken (acked again,
 * dropped), -1 outside the window (dropped unanswered: a blind sender
 * must guess the counter as well as the key and the source).
 */
static int
data_where(const struct sess *s, uint32_t c)
{
	int64_t	d;

	if (!s->have_in)
		return c <= RX_WINDOW ? 1 : -1;
	d = mt_counter_ahead(s->in_next, c);
	if (d >= 0)
		return d <= RX_WINDOW ? 1 : -1;
	if (c != s->in_last && mt_counter_ahead(s->in_last, c) > 0)
		return 1;
	return d >= -RX_WINDOW ? 0 : -1;
}

static unsigned
hash(const uint8_t *mac, uint16_t key)
{
	unsigned	h = key;
	size_t		i;

	for (i = 0; i < L2C_ETH_ALEN; i++)
		h = h * 31 + mac[i];
	return h % NBUCKET;
}

struct sess *
mts_sess_find(struct mt_server *srv, const uint8_t *mac, uint16_t key)
{
	struct sess	*s;

	for (s = srv->bucket[hash(mac, key)]; s != NULL; s = s->hnext)
		if (s->key == key && memcmp(s->peer, mac, L2C_ETH_ALEN) == 0)
			return s;
	return NULL;
}

/*
 * A frame of s's from where s began: the Ethernet source and UDP port
 * of its START.  Anything else is dropped and counted.
 */
int
mts_sess_owns(struct sess *s, const struct l2c_pkt *pkt)
{
	if (memcmp(s->eth, pkt->src, L2C_ETH_ALEN) == 0 &&
	    s->sport == pkt->sport)
		return 1;
	s->srv->st.foreign++;
	return 0;
}

/*
 * When s ends unless it hears more: the idle time, before login the
 * grace, and before its first DATA the half-open time.
 */
static uint64_t
deadline(const struct sess *s)
{
	uint64_t	when = s->last_rx + s->srv->conf.idle_us;

	if (s->state < S_ACTIVE && s->created + GRACE_US < when)
		when = s->created + GRACE_US;
	if (!s->have_in && s->created + HALFOPEN_US < when)
		when = s->created + HALFOPEN_US;
	return when;
}

static void
arm_idle(struct sess *s)
{
	l2c_timer_arm_at(s->srv->ctx->loop, &s->idle, deadline(s));
}

/*
 * Room for a START from eth, made by ending a session not logged in:
 * the source's own oldest when it has conf.per_source of them, else (the
 * table full) the oldest that has no salt yet, else the oldest not
 * logged in (a good login waiting for its answer counts as logged in).
 * 0 when there is room (now); a flood of STARTs then only pushes out
 * its own kind, and a client past START is ended last.
 */
static int
make_room(struct mt_server *srv, const uint8_t *eth)
{
	struct sess	*s, *mine = NULL, *bare = NULL, *pre = NULL;
	unsigned	 nmine = 0;

	TAILQ_FOREACH_REVERSE(s, &srv->all, sess_list, entry) {
		/*
		 * A good login waiting out --fail-delay is as good as in:
		 * a flood of begin auths would end every one of them
		 * before its answer.  Only a right password gets here.
		 */
		if (s->state >= S_ACTIVE ||
		    (s->state == S_VERDICT && s->verdict_ok))
			continue;
		if (pre == NULL)
			pre = s;
		/*
		 * No salt granted yet, whether or not a begin auth came:
		 * a flood that sends START and begin auth together must
		 * not leave a real client's START, one round trip from
		 * its first DATA, as the only one to push out.
		 */
		if (bare == NULL && s->state == S_AUTH)
			bare = s;
		if (memcmp(s->eth, eth, L2C_ETH_ALEN) == 0 && nmine++ == 0)
			mine = s;
	}
	if (nmine >= srv->conf.per_source)
		s = mine;
	else if (srv->nsess < srv->conf.max_sessions)
		return 0;
	else if ((s = bare != NULL ? bare : pre) == NULL)
		return -1;
	mts_send_simple(s, MT_PT_END, s->out_counter);
	mts_sess_destroy(s);
	srv->st.evicted++;
	return 0;
}

/* A session for a START; none when full or shutting down. */
static struct sess *
sess_new(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h)
{
	struct sess	*s;
	unsigned	 b;

	if (srv->shutting_down || make_room(srv, pkt->src) != 0)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->srv = srv;
	if (++srv->next_id == 0)
		srv->next_id = 1;
	s->id = srv->next_id;
	memcpy(s->peer, h->src, L2C_ETH_ALEN);
	memcpy(s->eth, pkt->src, L2C_ETH_ALEN);
	s->key = h->session;
	s->client_type = h->client_type;
	s->sport = pkt->sport;
	s->fd = -1;
	s->created = s->last_rx = l2c_now_us();
	l2c_timer_init(&s->rtx, rtx_cb, s);
	l2c_timer_init(&s->idle, idle_cb, s);
	l2c_timer_init(&s->verdict, mts_verdict_cb, s);
	l2c_timer_init(&s->lead, mts_lead_cb, s);
	b = hash(s->peer, s->key);
	s->hnext = srv->bucket[b];
	srv->bucket[b] = s;
	TAILQ_INSERT_HEAD(&srv->all, s, entry);
	srv->nsess++;
	srv->st.sessions++;
	arm_idle(s);
	return s;
}

/* Gone: timers off, program hung up, secrets wiped. */
void
mts_sess_destroy(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	struct l2c_loop		*loop = srv->ctx->loop;
	struct sess		**pp;

	l2c_timer_cancel(loop, &s->rtx);
	l2c_timer_cancel(loop, &s->idle);
	l2c_timer_cancel(loop, &s->verdict);
	l2c_timer_cancel(loop, &s->lead);
	mts_hangup(s);
	for (pp = &srv->bucket[hash(s->peer, s->key)]; *pp != NULL;
	    pp = &(*pp)->hnext)
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	TAILQ_REMOVE(&srv->all, s, entry);
	if (s->counted)
		srv->st.active--;
	srv->nsess--;
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}

/* Unacked DATA (or END) goes again; END gives up after a few. */
static void
rtx_cb(void *arg)
{
	struct sess	*s = arg;
	uint64_t	 due;

	if (s->state != S_ENDSENT && !s->inflight)
		return;
	if (!l2c_rtx_fire(&s->sched, l2c_now_us(), &due)) {
		mts_sess_destroy(s);	/* only END gives up */
		return;
	}
	if (s->state == S_ENDSENT)
		mts_send_simple(s, MT_PT_END, s->out_counter);
	else {
		(void)l2c_link_send(s->srv->ctx->link, s->tx, s->txlen);
		s->srv->st.retransmits++;
	}
	l2c_timer_arm_at(s->srv->ctx->loop, &s->rtx, due);
}

/* Silence for the idle time (or no login within the grace): end. */
static void
idle_cb(void *arg)
{
	struct sess	*s = arg;
	uint64_t	 now = l2c_now_us();
	char		 m[L2C_MAC_STRLEN];
	uint8_t		 frame[L2C_ETH_MAXLEN];
	uint8_t		 msg[64];
	struct l2c_wbuf	 w;
	size_t		 flen;

	if (now < deadline(s)) {
		arm_idle(s);
		return;
	}
	l2c_info("mt-server: session %u from %s timed out", s->key,
	    mts_macstr(s->peer, m));
	/* As mactelnetd: a last word if the wire is free, then END. */
	if (!s->inflight && s->state != S_ENDSENT) {
		l2c_wbuf_init(&w, msg, sizeof(msg));
		if (mt_cpkt_put(&w, MT_CP_DATA, MSG_TIMEOUT,
		    strlen(MSG_TIMEOUT)) == 0 && mts_send_pkt(s, MT_PT_DATA,
		    s->out_counter, msg, w.len, frame, &flen) == 0)
			s->out_counter += (uint32_t)w.len;
	}
	if (s->state != S_ENDSENT)
		mts_send_simple(s, MT_PT_END, s->out_counter);
	mts_sess_destroy(s);
}

/* START: a new session, or our lost ACK said again. */
void
mts_on_start(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h)
{
	struct sess	*s;

	if ((s = mts_sess_find(srv, h->src, h->session)) != NULL) {
		/* Another station's START leaves the session alone. */
		if (!mts_sess_owns(s, pkt))
			return;
		if (!s->have_in && s->state == S_AUTH) {
			/* Our ACK was lost: say it again. */
			s->last_rx = l2c_now_us();
			mts_send_simple(s, MT_PT_ACK, h->counter);
			return;
		}
		/* The client started over with the same key. */
		mts_sess_destroy(s);
	}
	if ((s = sess_new(srv, pkt, h)) == NULL) {
		l2c_debug("mt-server: no room for another session");
		return;
	}
	mts_send_simple(s, MT_PT_ACK, h->counter);
}

/* DATA: acked (copies too) when there is room, then used once. */
void
mts_on_data(struct sess *s, const struct mt_hdr *h, struct l2c_rbuf *r)
{
	const uint8_t	*p = l2c_rbuf_cur(r);
	size_t		 len = l2c_rbuf_left(r);
	int		 where = data_where(s, h->counter);
	int		 fresh = where == 1;

	if (where < 0) {
		s->srv->st.out_of_window++;
		return;
	}
	/* No room for the bytes: no ack, the client sends them again. */
	if (fresh && s->state == S_ACTIVE &&
	    term_bytes(p, len) > INBUF - s->inlen)
		return;
	mts_send_simple(s, MT_PT_ACK, h->counter + (uint32_t)len);
	if (!fresh || s->state == S_ENDSENT)
		return;
	s->have_in = 1;
	s->in_last = h->counter;
	s->in_next = h->counter + (uint32_t)len;
	data_in(s, p, len);
}

/* ACK: of our DATA in flight, or a keepalive. */
void
mts_on_ack(struct sess *s, const struct mt_hdr *h)
{
	if (s->inflight && h->counter == s->out_counter) {
		s->inflight = 0;
		l2c_timer_cancel(s->srv->ctx->loop, &s->rtx);
		mts_pump(s);
		return;
	}
	/*
	 * A keepalive carries the client's own counter: echo it (as
	 * mactelnetd does), which is also a true ack of all it sent.  A
	 * stale ack of ours (one per retransmitted copy) is dropped.
	 */
	if (h->counter == (s->have_in ? s->in_next : 0))
		mts_send_simple(s, MT_PT_ACK, h->counter);
}

/*
 * END from the client: answered unless ours crossed it.  Its counter is
 * 0 (what the reference clients send) or the client's own next one.
 */
void
mts_on_end(struct sess *s, const struct mt_hdr *h)
{
	if (h->counter != 0 && h->counter != (s->have_in ? s->in_next : 0)) {
		s->srv->st.out_of_window++;
		return;
	}
	if (s->state != S_ENDSENT)
		mts_send_simple(s, MT_PT_END, h->counter);
	mts_sess_destroy(s);
}
