/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server: every client session in one process and one
 * event loop.  This file takes each frame to its session (or to the
 * MAC-ping responder and the MNDP announcer) and runs the server's own
 * life; the sessions, their logins, their programs and their frames
 * live in mt_srv_sess.c, mt_srv_auth.c, mt_srv_pty.c and
 * mt_srv_wire.c (mt_srv_int.h says who may call whom).
 */
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/log.h"
#include "mac/mndp.h"
#include "mac/mndp_announce.h"
#include "mac/mt_ping.h"
#include "mac/mt_srv_check.h"
#include "mac/mt_srv_int.h"

/* MAC ping: the same payload back, at most pings_per_min. */
static void
on_ping(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h, struct l2c_rbuf *r)
{
	struct l2c_wbuf	f;
	uint8_t		frame[L2C_ETH_MAXLEN];
	uint64_t	per = 60000000ULL / srv->conf.pings_per_min;

	if (!mts_gcra(&srv->ping_tat, l2c_now_us(), per,
	    srv->conf.pings_per_min)) {
		srv->st.pings_dropped++;
		return;
	}
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if (mt_pong_build(&f, srv->ctx->link->mac, srv->conf.ipsrc, pkt, h->src,
	    l2c_rbuf_cur(r), l2c_rbuf_left(r)) != 0)
		return;
	if (l2c_link_send(srv->ctx->link, frame, f.len) == 0)
		srv->st.pongs++;
}

/* Every frame for port 20561 or 5678, from the link. */
static void
srv_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct mt_server	*srv = arg;
	struct l2c_rbuf		 r;
	struct mt_hdr		 h;
	struct sess		*s;

	if (!pkt->udp_ok)
		return;
	if (pkt->dport == MNDP_PORT) {
		if (mndp_is_request(pkt->udata, pkt->ulen) &&
		    mts_gcra(&srv->mndp_tat, l2c_now_us(), L2C_SEC(1), MNDP_BURST))
			(void)mt_server_announce(srv);
		return;
	}
	if (pkt->dport != MT_PORT)
		return;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&r, MT_C2S, &h) != 0 ||
	    memcmp(h.dst, srv->ctx->link->mac, L2C_ETH_ALEN) != 0)
		return;
	switch (h.type) {
	case MT_PT_PING:
		on_ping(srv, pkt, &h, &r);
		return;
	case MT_PT_START:
		mts_on_start(srv, pkt, &h);
		return;
	default:
		break;
	}
	if ((s = mts_sess_find(srv, h.src, h.session)) == NULL ||
	    !mts_sess_owns(s, pkt))
		return;
	s->last_rx = l2c_now_us();
	switch (h.type) {
	case MT_PT_DATA:
		mts_on_data(s, &h, &r);
		break;
	case MT_PT_ACK:
		mts_on_ack(s, &h);
		break;
	case MT_PT_END:
		mts_on_end(s, &h);
		break;
	default:
		break;
	}
}

int
mt_server_announce(struct mt_server *srv)
{
	struct mndp_announce	 a;
	struct sysinfo		 si;
	struct l2c_wbuf		 f;
	uint8_t			 frame[L2C_ETH_MAXLEN];
	int			 rv;

	memset(&a, 0, sizeof(a));
	a.seq = srv->mndp_seq++;
	a.mac = srv->ctx->link->mac;
	a.identity = srv->conf.identity;
	a.version = srv->conf.version;
	a.platform = srv->conf.platform;
	a.board = srv->conf.board;
	a.softid = "l2console";
	a.ifname = srv->ctx->link->ifname;
	a.uptime = sysinfo(&si) == 0 ? (uint32_t)si.uptime : 0;
	if (srv->conf.ipsrc != 0) {
		a.has_ipv4 = 1;
		a.ipv4[0] = (uint8_t)(srv->conf.ipsrc >> 24);
		a.ipv4[1] = (uint8_t)(srv->conf.ipsrc >> 16);
		a.ipv4[2] = (uint8_t)(srv->conf.ipsrc >> 8);
		a.ipv4[3] = (uint8_t)srv->conf.ipsrc;
	}
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if ((rv = mndp_announce_frame(&f, &a, srv->conf.ipsrc)) != 0 ||
	    (rv = l2c_link_send(srv->ctx->link, frame, f.len)) != 0)
		return rv;
	srv->st.mndp_sent++;
	return 0;
}

/* The periodic announcement. */
static void
mndp_cb(void *arg)
{
	struct mt_server	*srv = arg;
	int			 rv;

	if ((rv = mt_server_announce(srv)) != 0)
		l2c_debug("mt-server: MNDP announcement: %s", l2c_strerror(rv));
	l2c_timer_arm(srv->ctx->loop, &srv->mndp_timer, srv->conf.mndp_us);
}

int
mt_server_new(struct l2c_ctx *ctx, const struct mt_server_conf *conf,
    struct mt_server **out)
{
	struct mt_server	*srv;
	int			 rv;

	*out = NULL;
	if (conf->guard == NULL && (conf->users == NULL || conf->spawn == NULL))
		return L2C_ERR_INVAL;
	if ((srv = calloc(1, sizeof(*srv))) == NULL)
		return L2C_ERR_NOMEM;
	TAILQ_INIT(&srv->all);
	srv->ctx = ctx;
	srv->conf = *conf;
	srv->rxid = -1;
	if (srv->conf.idle_us == 0)
		srv->conf.idle_us = MT_SRV_IDLE_US;
	if (srv->conf.pings_per_min == 0)
		srv->conf.pings_per_min = MT_SRV_PINGS_PER_MIN;
	if (srv->conf.max_sessions == 0)
		srv->conf.max_sessions = MT_SRV_MAX_SESSIONS;
	if (srv->conf.per_source == 0)
		srv->conf.per_source = MT_SRV_PER_SOURCE;
	if (srv->conf.max_fails == 0)
		srv->conf.max_fails = MT_SRV_MAX_FAILS;
	if (srv->conf.fail_window_us == 0)
		srv->conf.fail_window_us = MT_SRV_FAIL_WINDOW_US;
	if (srv->conf.logins_per_s == 0)
		srv->conf.logins_per_s = MT_SRV_LOGINS_PER_S;
	if (srv->conf.block_us == 0)
		srv->conf.block_us = MT_SRV_BLOCK_US;
	l2c_reaper_init(&srv->reap, ctx->loop, KILL_GRACE_US);
	l2c_timer_init(&srv->mndp_timer, mndp_cb, srv);
	if (conf->guard != NULL)
		srv->guard = *conf->guard;
	else if ((rv = mts_local_guard(srv)) != 0)
		goto fail;
	if ((rv = l2c_loop_signal(ctx->loop, SIGCHLD, mts_sigchld_cb, srv)) != 0)
		goto fail;
	if ((rv = l2c_ctx_listen(ctx, "udp dst port 20561 or udp dst port 5678",
	    srv_rx, srv)) < 0)
		goto fail;
	srv->rxid = rv;
	if (srv->conf.mndp_us > 0) {
		(void)mt_server_announce(srv);
		l2c_timer_arm(ctx->loop, &srv->mndp_timer, srv->conf.mndp_us);
	}
	*out = srv;
	return 0;
fail:
	mt_server_free(srv);
	return rv;
}

/* Sessions in a login just end; logged-in ones get msg, then END. */
void
mt_server_shutdown(struct mt_server *srv, const char *msg)
{
	struct sess	*s, *next;

	srv->shutting_down = 1;
	l2c_timer_cancel(srv->ctx->loop, &srv->mndp_timer);
	for (s = TAILQ_FIRST(&srv->all); s != NULL; s = next) {
		next = TAILQ_NEXT(s, entry);
		if (s->state == S_ENDSENT)
			continue;
		if (s->state != S_ACTIVE && s->state != S_DRAIN) {
			mts_send_simple(s, MT_PT_END, s->out_counter);
			mts_sess_destroy(s);
			continue;
		}
		mts_hangup(s);
		if (msg != NULL)
			(void)mts_queue_msg(s, MT_CP_DATA, msg, strlen(msg));
		s->end_after = 1;
		s->state = S_DRAIN;
		mts_pump(s);
	}
}

int
mt_server_done(const struct mt_server *srv)
{
	return srv->shutting_down && TAILQ_EMPTY(&srv->all);
}

/* Everything goes now: sessions, children (SIGKILL, reaped), us. */
void
mt_server_free(struct mt_server *srv)
{
	struct l2c_loop	*loop;
	struct sess	*s;

	if (srv == NULL)
		return;
	loop = srv->ctx->loop;
	while ((s = TAILQ_FIRST(&srv->all)) != NULL)
		mts_sess_destroy(s);
	l2c_reaper_free(&srv->reap);
	l2c_timer_cancel(loop, &srv->mndp_timer);
	if (srv->rxid >= 0)
		l2c_ctx_unlisten(srv->ctx, srv->rxid);
	(void)l2c_loop_signal(loop, SIGCHLD, NULL, NULL);
	mt_check_free(srv->check);
	OPENSSL_cleanse(srv, sizeof(*srv));
	free(srv);
}

void
mt_server_stats(const struct mt_server *srv, struct mt_server_stats *st)
{
	*st = srv->st;
}

size_t
mt_server_sessions(const struct mt_server *srv)
{
	return srv->nsess;
}
