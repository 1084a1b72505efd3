/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet client session over an in-memory link, against a
 * scripted server in this file (stop-and-wait like mactelnetd, never
 * retransmitting unless told to).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_client.h"
#include "mac/mt_proto.h"
#include "../lib/capture.h"
#include "../lib/rig.h"

static const uint8_t MAC_C[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t MAC_S[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };

enum { F_ECSRP, F_MD5 };

struct fake {
	struct l2c_ctx	 ctx;
	struct l2c_loop	*loop;
	int		 mode;
	const char	*password;
	int		 silent;	/* answers nothing at all */
	int		 dead;		/* stops after login */
	int		 start_only;	/* acks START, then nothing */
	int		 echo_acks;
	int		 keylen;	/* send a key block this long */
	int		 wrap16;
	int		 resend;	/* retransmit its DATA (our server) */
	int		 one_start;	/* ignore a START for a known key */
	int		 ctl_nowait;	/* key, end auth: no waiting for ACK */
	/* the session */
	uint16_t	 key, cport;
	uint32_t	 outcnt, incnt;
	int		 have_in;
	uint8_t		 q[16][MT_MAX_PAYLOAD];
	size_t		 qlen[16];
	size_t		 qn;
	int		 inflight;
	int		 logged;
	uint8_t		 salt[16], s[32], i[32], V[33], ws[33], wc[33];
	int		 got_wc;
	struct ecsrp	*ec;
	/* what it saw */
	int		 starts, datas, dups, ends, acks, kas, begin_only;
	int		 end_after;	/* END once the queue drains */
	char		 user[256], term[64];
	unsigned	 w, h, resizes;
	uint8_t		 in[32768];
	size_t		 inlen;
	size_t		 skip_next;	/* make a gap of this many bytes */
};

static void
fake_send(struct fake *fk, uint8_t type, uint32_t counter, const void *p,
    size_t len)
{
	uint8_t		 pkt[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w, fr;
	struct mt_hdr	 h = { .type = type, .session = fk->key,
	    .client_type = MT_CLIENT_TYPE, .counter = counter };

	memcpy(h.src, MAC_S, 6);
	memcpy(h.dst, MAC_C, 6);
	l2c_wbuf_init(&w, pkt, sizeof(pkt));
	l2c_wbuf_init(&fr, frame, sizeof(frame));
	assert_int_equal(mt_hdr_build(&w, MT_S2C, &h), 0);
	assert_int_equal(l2c_put_bytes(&w, p, len), 0);
	/* Like mactelnetd in socket mode: broadcast, with an address. */
	assert_int_equal(l2c_udp_build(&fr, l2c_mac_bcast, MAC_S, 0xc0000201,
	    0xffffffff, MT_PORT, fk->cport, pkt, w.len), 0);
	assert_int_equal(l2c_link_send(fk->ctx.link, frame, fr.len), 0);
}

static void
fake_kick(struct fake *fk)
{
	if (fk->inflight)
		return;
	if (fk->qn == 0) {
		if (fk->end_after) {
			fk->end_after = 0;
			fake_send(fk, MT_PT_END, fk->outcnt, NULL, 0);
		}
		return;
	}
	if (fk->skip_next > 0) {
		fk->outcnt += (uint32_t)fk->skip_next;
		fk->skip_next = 0;
	}
	if (fk->wrap16)
		fk->outcnt &= 0xffff;
	fake_send(fk, MT_PT_DATA, fk->outcnt, fk->q[0], fk->qlen[0]);
	fk->inflight = 1;
}

/* Queue a DATA; like mactelnetd, one in flight until the ACK comes. */
static void
fake_data(struct fake *fk, const void *p, size_t len)
{
	assert_true(fk->qn < 16);
	memcpy(fk->q[fk->qn], p, len);
	fk->qlen[fk->qn++] = len;
	fake_kick(fk);
}

static void
fake_ctl(struct fake *fk, int type, const void *p, size_t len)
{
	uint8_t		 b[MT_MAX_PAYLOAD];
	struct l2c_wbuf	 w;

	l2c_wbuf_init(&w, b, sizeof(b));
	assert_int_equal(mt_cpkt_put(&w, type, p, len), 0);
	/* mactelnetd sends these at once and never waits for their ACK. */
	if (fk->ctl_nowait && !fk->inflight) {
		fake_send(fk, MT_PT_DATA, fk->outcnt, b, w.len);
		fk->outcnt += (uint32_t)w.len;
		return;
	}
	fake_data(fk, b, w.len);
}

static void
fake_key(struct fake *fk)
{
	uint8_t	b[64];
	size_t	n;

	assert_int_equal(ecsrp_random_scalar(b), 0);
	memcpy(fk->salt, b, sizeof(fk->salt));
	if (fk->keylen > 0) {
		memset(b, 7, sizeof(b));
		fake_ctl(fk, MT_CP_PASSSALT, b, (size_t)fk->keylen);
	} else if (fk->mode == F_MD5) {
		fake_ctl(fk, MT_CP_PASSSALT, fk->salt, 16);
	} else {
		if (!fk->got_wc)
			return;	/* an EC-SRP5 server ignores a bare begin */
		assert_int_equal(ecsrp_random_scalar(fk->s), 0);
		assert_int_equal(ecsrp_verifier(fk->user, fk->password,
		    fk->salt, fk->i), 0);
		assert_int_equal(ecsrp_pubkey(fk->ec, fk->i, fk->V), 0);
		assert_int_equal(ecsrp_server_key(fk->ec, fk->s, fk->V,
		    fk->ws), 0);
		memcpy(b, fk->ws, 33);
		memcpy(b + 33, fk->salt, 16);
		n = 49;
		fake_ctl(fk, MT_CP_PASSSALT, b, n);
	}
}

static void
fake_password(struct fake *fk, const uint8_t *pw, size_t len)
{
	static const char failed[] =
	    "Login failed, incorrect username or password\r\n";
	uint8_t	i[32];
	int	ok;

	if (fk->mode == F_MD5)
		ok = len == 17 && mt_md5_check(fk->password, fk->salt, pw) == 0;
	else {
		assert_int_equal(ecsrp_verifier(fk->user, fk->password,
		    fk->salt, i), 0);
		ok = len == 32 && memcmp(i, fk->i, 32) == 0 &&
		    ecsrp_server_check(fk->ec, fk->s, fk->V, fk->wc, fk->ws,
		    pw) == 0;
	}
	fake_ctl(fk, MT_CP_END_AUTH, NULL, 0);
	if (!ok) {
		fake_data(fk, failed, sizeof(failed) - 1);
		fk->end_after = 1;
		fk->logged = -1;
		return;
	}
	fk->logged = 1;
	fake_data(fk, "Welcome\r\n$ ", 11);
}

static void
fake_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct fake	*fk = arg;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	struct mt_cpkt	 cp;
	int		 pw = -1, sawkey = 0;
	const uint8_t	*pwp = NULL;
	size_t		 pwl = 0, plen;

	if (fk->silent || fk->dead || (fk->start_only && fk->starts > 0))
		return;
	assert_true(pkt->udp_ok);
	/* No IPv4 address on the client side. */
	assert_int_equal(pkt->ip_src, 0);
	assert_int_equal(pkt->ip_dst, 0xffffffff);
	assert_memory_equal(pkt->dst, MAC_S, 6);
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	assert_int_equal(mt_hdr_parse(&r, MT_C2S, &h), 0);
	assert_memory_equal(h.src, MAC_C, 6);
	switch (h.type) {
	case MT_PT_START:
		/* mactelnetd: a second START with the same key is ignored. */
		if (fk->one_start && fk->starts > 0 && h.session == fk->key)
			return;
		fk->starts++;
		fk->key = h.session;
		fk->cport = pkt->sport;
		assert_true(fk->cport >= 1024 && fk->cport < 2048);
		fake_send(fk, MT_PT_ACK, h.counter, NULL, 0);
		return;
	case MT_PT_END:
		fk->ends++;
		fake_send(fk, MT_PT_END, h.counter, NULL, 0);
		return;
	case MT_PT_ACK:
		fk->acks++;
		if (h.counter == fk->incnt)
			fk->kas++;
		if (fk->inflight &&
		    h.counter == (uint32_t)(fk->outcnt + fk->qlen[0])) {
			fk->outcnt += (uint32_t)fk->qlen[0];
			fk->inflight = 0;
			memmove(fk->q[0], fk->q[1], sizeof(fk->q[0]) * 15);
			memmove(fk->qlen, fk->qlen + 1, sizeof(fk->qlen[0]) * 15);
			fk->qn--;
			fake_kick(fk);
		} else if (fk->echo_acks)
			fake_send(fk, MT_PT_ACK, h.counter, NULL, 0);
		return;
	case MT_PT_DATA:
		break;
	default:
		fail();
	}
	assert_int_equal(h.session, fk->key);
	plen = l2c_rbuf_left(&r);
	fake_send(fk, MT_PT_ACK, h.counter + (uint32_t)plen, NULL, 0);
	if (fk->have_in && h.counter < fk->incnt) {
		fk->dups++;
		return;
	}
	/* One DATA in flight: the client never skips ahead. */
	assert_int_equal(h.counter, fk->incnt);
	fk->have_in = 1;
	fk->incnt = h.counter + (uint32_t)plen;
	fk->datas++;
	while (mt_cpkt_next(&r, &cp) == 1) {
		switch (cp.type) {
		case MT_CP_BEGINAUTH:
			pw = 0;
			break;
		case MT_CP_PASSSALT:
			assert_true(cp.len > 34);
			memcpy(fk->user, cp.data, cp.len - 34);
			fk->user[cp.len - 34] = '\0';
			assert_int_equal(cp.data[cp.len - 34], 0);
			memcpy(fk->wc, cp.data + cp.len - 33, 33);
			fk->got_wc = 1;
			sawkey = 1;
			break;
		case MT_CP_PASSWORD:
			pwp = cp.data;
			pwl = cp.len;
			pw = 1;
			break;
		case MT_CP_USERNAME:
			memcpy(fk->user, cp.data, cp.len);
			fk->user[cp.len] = '\0';
			break;
		case MT_CP_TERM_TYPE:
			memcpy(fk->term, cp.data, cp.len);
			fk->term[cp.len] = '\0';
			break;
		case MT_CP_TERM_WIDTH:
			fk->w = (unsigned)(cp.data[0] | cp.data[1] << 8);
			fk->resizes++;
			break;
		case MT_CP_TERM_HEIGHT:
			fk->h = (unsigned)(cp.data[0] | cp.data[1] << 8);
			break;
		case MT_CP_DATA:
			assert_true(fk->inlen + cp.len <= sizeof(fk->in));
			memcpy(fk->in + fk->inlen, cp.data, cp.len);
			fk->inlen += cp.len;
			/* a shell echoes what it is given */
			if (fk->logged == 1)
				fake_data(fk, cp.data, cp.len);
			break;
		}
	}
	if (pw == 0) {
		if (!sawkey)
			fk->begin_only++;
		fake_key(fk);
	} else if (pw == 1)
		fake_password(fk, pwp, pwl);
}

/* A server that lost the client's ACK would stall; a kind one resends. */
static void
fake_setup(struct fake *fk, struct l2c_loop *loop, struct l2c_link *b)
{
	memset(fk, 0, sizeof(*fk));
	fk->loop = loop;
	fk->password = "test123";
	assert_int_equal(l2c_ctx_init(&fk->ctx, loop, b), 0);
	assert_true(l2c_ctx_listen(&fk->ctx, "udp dst port 20561", fake_rx,
	    fk) >= 0);
	assert_int_equal(ecsrp_new(&fk->ec), 0);
}

struct rig {
	struct ut_pair		 p;	/* a: the client, b: the fake */
	struct fake		 fk;
	struct ut_face		 face;
	struct l2c_sess		 sess;
	struct mt_client_conf	 conf;
	int			 started;
};

static void
rig_init(struct rig *g)
{
	memset(g, 0, sizeof(*g));
	ut_pair_open(&g->p, MAC_C, MAC_S, 0);
	fake_setup(&g->fk, g->p.loop, g->p.b);
	ut_face_init(&g->face, &g->sess);
	g->conf.peer = MAC_S;
	g->conf.login = "admin";
	g->conf.password = "test123";
	g->conf.cols = 80;
	g->conf.rows = 24;
}

static void
rig_start(struct rig *g)
{
	assert_int_equal(mt_client_new(&g->p.ca, &g->conf, &g->face.cb,
	    &g->sess), 0);
	g->started = 1;
}

static void
rig_free(struct rig *g)
{
	if (g->started)
		g->sess.ops->free(g->sess.s);
	l2c_ctx_fini(&g->fk.ctx);
	ecsrp_free(g->fk.ec);
	ut_pair_close(&g->p);
}

/* After CLOSED the loop stops: let the peer read what was sent last. */
static void
drain(struct rig *g)
{
	int	i;

	for (i = 0; i < 5; i++)
		l2c_loop_once(g->p.loop, L2C_MS(5));
}

/* Run the loop until cond holds or the session closes (or time is up). */
static int
run_until(struct rig *g, int (*cond)(struct rig *), uint64_t max_us)
{
	uint64_t	end = l2c_now_us() + max_us;

	while (!cond(g) && !g->face.closed && l2c_now_us() < end)
		l2c_loop_once(g->p.loop, (int64_t)(end - l2c_now_us()));
	return cond(g);
}

static int
is_closed(struct rig *g)
{
	return g->face.closed > 0;
}

static int
has_prompt(struct rig *g)
{
	return g->face.outlen >= 11 &&
	    memcmp(g->face.out + g->face.outlen - 2, "$ ", 2) == 0;
}

static const char *want_text;

static int
has_text(struct rig *g)
{
	return memmem(g->face.out, g->face.outlen, want_text,
	    strlen(want_text)) != NULL;
}

static void
wait_text(struct rig *g, const char *text)
{
	want_text = text;
	assert_true(run_until(g, has_text, L2C_SEC(2)));
}

static void
close_and_wait(struct rig *g)
{
	g->sess.ops->close(g->sess.s);
	assert_true(run_until(g, is_closed, L2C_SEC(3)));
	drain(g);
}

/* Started and logged in: the shell's prompt shows. */
static void
rig_up(struct rig *g)
{
	rig_start(g);
	assert_true(run_until(g, has_prompt, L2C_SEC(2)));
}

/* Closed by us, the peer told; then all freed. */
static void
rig_down(struct rig *g)
{
	close_and_wait(g);
	rig_free(g);
}

static void
test_login_ecsrp(void **state)
{
	struct rig		g;
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	g.conf.login = "admin+ct80w";
	rig_up(&g);
	assert_int_equal(g.face.opened, 1);
	assert_int_equal(g.face.notices, 0);
	assert_string_equal(g.fk.user, "admin+ct80w");
	assert_string_equal(g.fk.term, "vt102");
	assert_int_equal(g.fk.w, 80);
	assert_int_equal(g.fk.h, 24);
	g.sess.ops->info(g.sess.s, &info);
	assert_string_equal(info.method, "EC-SRP5");
	assert_string_equal(info.proto, "mikrotik");
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)
	    "echo hi\r", 8), 8);
	wait_text(&g, "echo hi\r");
	assert_memory_equal(g.fk.in, "echo hi\r", 8);
	close_and_wait(&g);
	assert_int_equal(g.face.err, 0);
	assert_int_equal(g.fk.ends, 1);
	assert_int_equal(g.fk.dups, 0);
	g.sess.ops->info(g.sess.s, &info);
	assert_int_equal(info.bytes_tx, 8);
	assert_int_equal(info.retransmits, 0);
	assert_true(info.rtt_us > 0);
	rig_free(&g);
}

static void
test_login_md5_fallback(void **state)
{
	struct rig		g;
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	g.conf.term = "xterm";
	rig_up(&g);
	/* One warning that MD5 is weak, and the login went through. */
	assert_int_equal(g.face.notices, 1);
	assert_non_null(strstr(g.face.notice, "MD5"));
	assert_string_equal(g.fk.term, "xterm");
	assert_int_equal(g.fk.begin_only, 0);
	g.sess.ops->info(g.sess.s, &info);
	assert_string_equal(info.method, "MD5");
	close_and_wait(&g);
	assert_int_equal(g.face.err, 0);
	rig_free(&g);
}

static void
test_login_md5_forced(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	g.conf.md5 = 1;
	rig_up(&g);
	assert_int_equal(g.face.notices, 0);
	assert_int_equal(g.fk.begin_only, 1);
	rig_down(&g);
}

/* offer_only: the key block's kind, then END; no login goes out. */
static void
offer_only(int mode, const char *want)
{
	struct rig		g;
	struct l2c_sess_info	info;

	rig_init(&g);
	g.fk.mode = mode;
	g.conf.offer_only = 1;
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	drain(&g);
	assert_int_equal(g.face.err, 0);
	assert_int_equal(g.face.opened, 0);
	assert_int_equal(g.face.notices, 0);
	assert_int_equal(g.fk.ends, 1);
	/* One DATA, the begin auth: no login packet (its term type). */
	assert_int_equal(g.fk.datas, 1);
	assert_int_equal(g.fk.logged, 0);
	assert_string_equal(g.fk.term, "");
	g.sess.ops->info(g.sess.s, &info);
	assert_string_equal(info.method, want);
	rig_free(&g);
}

/* The downgrade policy alone: who may get an MD5 response. */
static void
test_md5_verdict(void **state)
{
	struct mt_client_conf	c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_NONE);
	c.known_ecsrp5 = 1;
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_DOWNGRADE);
	c.allow_md5 = 1;
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_NONE);
	c.allow_md5 = 0;
	c.md5 = 1;		/* asked for by name */
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_NONE);
	c.no_md5 = 1;
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_NO_MD5);
	c.known_ecsrp5 = 0;
	c.md5 = 0;
	c.allow_md5 = 1;
	assert_int_equal(mt_login_md5_verdict(&c), MT_WHY_NO_MD5);
}

/*
 * A device known for EC-SRP5 offers only MD5: refused before any
 * response leaves, with the downgrade as the reason; MD5 refused
 * outright likewise.  Allowed once, the same server takes the login.
 */
static void
md5_refused(int known, int no_md5, int why)
{
	struct rig		g;
	struct l2c_sess_facts	f;
	int			logged = 0;

	rig_init(&g);
	g.fk.mode = F_MD5;
	g.conf.known_ecsrp5 = known;
	g.conf.no_md5 = no_md5;
	g.conf.logged_in = &logged;
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	drain(&g);
	assert_int_equal(g.face.err, L2C_ERR_AUTH);
	assert_int_equal(g.face.opened, 0);
	assert_int_equal(g.fk.logged, 0);	/* no response came */
	assert_int_equal(g.face.notices, 0);	/* no MD5 warning either */
	assert_int_equal(logged, 0);
	g.sess.ops->facts(g.sess.s, &f);
	assert_int_equal(f.why, why);
	assert_memory_equal(f.peer, MAC_S, 6);
	/* The family's sentence names the device and the way out. */
	assert_non_null(strstr(g.face.reason, why == MT_WHY_DOWNGRADE ?
	    "offered EC-SRP5 before; someone may be in the middle "
	    "(--allow-md5" : "--no-md5"));
	assert_non_null(strstr(g.face.reason, "02:4c:32:43:00:01"));
	rig_free(&g);
}

static void
test_offer_only_md5(void **state)
{
	(void)state;
	offer_only(F_MD5, "MD5");
}

static void
test_offer_only_ecsrp(void **state)
{
	(void)state;
	offer_only(F_ECSRP, "EC-SRP5");
}

static void
test_md5_downgrade_refused(void **state)
{
	(void)state;
	md5_refused(1, 0, MT_WHY_DOWNGRADE);
	md5_refused(0, 1, MT_WHY_NO_MD5);
}

static void
test_md5_downgrade_allowed(void **state)
{
	struct rig	g;
	int		logged = 0;

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	g.conf.known_ecsrp5 = 1;
	g.conf.allow_md5 = 1;
	g.conf.logged_in = &logged;
	rig_up(&g);
	assert_int_equal(logged, MT_LOGIN_MD5);
	rig_down(&g);
}

/* EC-SRP5 offered: known or not, --no-md5 or not, it logs in. */
static void
test_logged_in_ecsrp5(void **state)
{
	struct rig	g;
	int		logged = 0;

	(void)state;
	rig_init(&g);
	g.conf.known_ecsrp5 = 1;
	g.conf.no_md5 = 1;
	g.conf.logged_in = &logged;
	rig_up(&g);
	assert_int_equal(logged, MT_LOGIN_ECSRP5);
	rig_down(&g);
}

static void
test_login_failed(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.conf.password = "wrong";
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	assert_int_equal(g.face.err, L2C_ERR_AUTH);
	assert_int_equal(g.face.opened, 0);
	want_text = "Login failed, incorrect username or password\r\n";
	assert_true(has_text(&g));
	rig_free(&g);
}

/* A server that sends a login failure and then ends the session. */
static void
test_login_failed_md5_end(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	g.conf.password = "wrong";
	rig_start(&g);
	wait_text(&g, "Login failed");
	fake_send(&g.fk, MT_PT_END, g.fk.outcnt, NULL, 0);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	drain(&g);
	assert_int_equal(g.face.err, L2C_ERR_AUTH);
	assert_int_equal(g.face.opened, 0);
	assert_int_equal(g.fk.ends, 1);		/* END answered */
	rig_free(&g);
}

static void
test_bad_key_length(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.fk.keylen = 33;
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	drain(&g);
	assert_int_equal(g.face.err, L2C_ERR_AUTH);
	assert_int_equal(g.face.notices, 1);
	assert_non_null(strstr(g.face.notice, "33-byte"));
	assert_int_equal(g.fk.ends, 1);
	rig_free(&g);
}

/* Packets of a type we sent (with counter *counter if not NULL). */
static int
count_sent_at(struct l2c_link *l, uint8_t type, const uint32_t *counter,
    size_t *n)
{
	const uint8_t	*p;
	size_t		 len, i;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	int		 c = 0;

	for (i = 0; (len = l2c_link_mem_sent(l, i, &p)) > 0; i++) {
		if (l2c_frame_parse(p, len, &pkt) != 0 || !pkt.udp_ok)
			continue;
		l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
		if (mt_hdr_parse(&r, MT_C2S, &h) == 0 && h.type == type &&
		    (counter == NULL || h.counter == *counter))
			c++;
	}
	if (n != NULL)
		*n = i;
	return c;
}

static int
count_sent(struct l2c_link *l, uint8_t type, size_t *n)
{
	return count_sent_at(l, type, NULL, n);
}

/* START's own schedule: every 300 ms, 7 of them, give up at 2 s. */
static void
test_no_answer(void **state)
{
	struct rig	g;
	uint64_t	t0, dt;

	(void)state;
	rig_init(&g);
	g.fk.silent = 1;
	t0 = l2c_now_us();
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(4)));
	dt = l2c_now_us() - t0;
	assert_int_equal(g.face.err, L2C_ERR_NOANSWER);
	assert_true(dt >= MT_START_US && dt < MT_START_US + L2C_MS(300));
	assert_int_equal(count_sent(g.p.a, MT_PT_START, NULL), 7);
	assert_int_equal(mt_client_start_budget(&g.conf), MT_START_US);
	/* DATA keeps the reference schedule. */
	assert_int_equal(mt_client_budget(&g.conf), MT_RTX_REF_US);
	rig_free(&g);
}

/* --timeout is START's budget too; the interval stays 300 ms. */
static void
test_no_answer_scaled(void **state)
{
	struct rig	g;
	uint64_t	t0, dt;

	(void)state;
	rig_init(&g);
	g.fk.silent = 1;
	g.conf.timeout_us = L2C_MS(400);
	t0 = l2c_now_us();
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	dt = l2c_now_us() - t0;
	assert_int_equal(g.face.err, L2C_ERR_NOANSWER);
	assert_true(dt >= L2C_MS(400) && dt < L2C_MS(1000));
	assert_int_equal(count_sent(g.p.a, MT_PT_START, NULL), 2);
	rig_free(&g);
}

/* When each START left, from the link's tap. */
struct start_times {
	uint64_t	at[32];
	size_t		n;
};

static void
start_tap(void *arg, int dir, const uint8_t *p, size_t len)
{
	struct start_times	*st = arg;
	struct l2c_pkt		 pkt;
	struct l2c_rbuf		 r;
	struct mt_hdr		 h;

	if (dir != 1 || l2c_frame_parse(p, len, &pkt) != 0 || !pkt.udp_ok)
		return;
	l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
	if (mt_hdr_parse(&r, MT_C2S, &h) == 0 && h.type == MT_PT_START &&
	    st->n < sizeof(st->at) / sizeof(st->at[0]))
		st->at[st->n++] = l2c_now_us();
}

/* STARTs 300 ms apart (not the reference's 15, 20, 30 ... ms). */
static void
test_start_spacing(void **state)
{
	struct rig		g;
	struct start_times	st;
	uint64_t		gap;
	size_t			i;

	(void)state;
	memset(&st, 0, sizeof(st));
	rig_init(&g);
	g.fk.silent = 1;
	g.p.a->tap = start_tap;
	g.p.a->taparg = &st;
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(4)));
	assert_int_equal(g.face.err, L2C_ERR_NOANSWER);
	assert_int_equal(st.n, 7);
	for (i = 1; i < st.n; i++) {
		gap = st.at[i] - st.at[i - 1];
		assert_true(gap >= L2C_MS(295) && gap < L2C_MS(400));
	}
	/* The last one 1.8 s after the first; then 200 ms to give up. */
	assert_true(st.at[st.n - 1] - st.at[0] >= L2C_MS(1795));
	g.p.a->tap = NULL;
	rig_free(&g);
}

struct dropper {
	uint8_t	type;
	int	skip;		/* let this many of the type through first */
	int	n;		/* then drop this many */
	int	dropped;
};

static int
drop_fn(void *arg, const uint8_t *p, size_t len)
{
	struct dropper	*d = arg;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;

	if (l2c_frame_parse(p, len, &pkt) != 0 || !pkt.udp_ok)
		return 0;
	l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
	if (mt_hdr_parse(&r, pkt.dport == MT_PORT ? MT_C2S : MT_S2C, &h) != 0
	    || h.type != d->type)
		return 0;
	if (d->skip > 0) {
		d->skip--;
		return 0;
	}
	if (d->n > 0) {
		d->n--;
		d->dropped++;
		return 1;
	}
	return 0;
}

/* A START lost once: the second, 300 ms later, begins the session. */
static void
test_start_lost_once(void **state)
{
	struct rig		g;
	struct start_times	st;
	struct dropper		d = { .type = MT_PT_START, .skip = 0, .n = 1 };

	(void)state;
	memset(&st, 0, sizeof(st));
	rig_init(&g);
	g.p.a->tap = start_tap;
	g.p.a->taparg = &st;
	l2c_link_mem_set_drop(g.p.a, drop_fn, &d);
	rig_start(&g);
	assert_true(run_until(&g, has_prompt, L2C_SEC(3)));
	assert_int_equal(d.dropped, 1);
	assert_int_equal(st.n, 2);
	assert_int_equal(g.fk.starts, 1);
	assert_true(st.at[1] - st.at[0] >= L2C_MS(295));
	g.p.a->tap = NULL;
	rig_free(&g);
}

/* Lost DATA from us: retransmitted until acked, delivered once. */
static void
test_retransmit_on_drop(void **state)
{
	struct rig		g;
	struct dropper		d = { .type = MT_PT_DATA, .skip = 0, .n = 3 };
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	l2c_link_mem_set_drop(g.p.a, drop_fn, &d);
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"ls\r",
	    3), 3);
	wait_text(&g, "ls\r");
	assert_int_equal(d.dropped, 3);
	assert_int_equal(g.fk.inlen, 3);
	g.sess.ops->info(g.sess.s, &info);
	assert_int_equal(info.retransmits, 3);
	rig_down(&g);
}

/* Our ACK lost on the way: the server waits, we say it again. */
static void
test_ack_resend(void **state)
{
	struct rig	g;
	struct dropper	d = { .type = MT_PT_ACK, .skip = 0, .n = 1 };
	uint64_t	t0;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	/* Two DATA from the server; the ACK of the first is lost. */
	l2c_link_mem_set_drop(g.p.a, drop_fn, &d);
	t0 = l2c_now_us();
	fake_data(&g.fk, "one\r\n", 5);
	fake_data(&g.fk, "two\r\n", 5);
	wait_text(&g, "one\r\ntwo\r\n");
	/* well before the 10 s keepalive would have unstuck it */
	assert_true(l2c_now_us() - t0 < L2C_SEC(1));
	assert_int_equal(d.dropped, 1);
	assert_int_equal(g.face.notices, 0);
	rig_down(&g);
}

/*
 * The ACK of our START lost, against a server that, like mactelnetd,
 * ignores a second START with the same key: the next START must carry
 * a new key, or the session never begins.
 */
static void
test_start_ack_lost(void **state)
{
	struct rig	g;
	struct dropper	d = { .type = MT_PT_ACK, .skip = 0, .n = 1 };

	(void)state;
	rig_init(&g);
	g.fk.one_start = 1;
	l2c_link_mem_set_drop(g.p.b, drop_fn, &d);
	rig_up(&g);
	assert_int_equal(d.dropped, 1);
	/* Both STARTs were taken: the second had a key of its own. */
	assert_int_equal(g.fk.starts, 2);
	assert_int_equal(g.face.opened, 1);
	rig_down(&g);
}

/*
 * The ACK of our begin auth lost, but the key block came: that answers
 * it.  Sending the begin auth again would make mactelnetd pick a new
 * salt and refuse the login computed with the first.
 */
static void
test_begin_ack_lost(void **state)
{
	struct rig		g;
	struct dropper		d = { .type = MT_PT_ACK, .skip = 1, .n = 1 };
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	l2c_link_mem_set_drop(g.p.b, drop_fn, &d);
	rig_up(&g);
	assert_int_equal(d.dropped, 1);
	/* Give a wrong resend time to happen (15 ms), then count. */
	drain(&g);
	assert_int_equal(g.fk.dups, 0);
	g.sess.ops->info(g.sess.s, &info);
	assert_int_equal(info.retransmits, 0);
	rig_down(&g);
}

/*
 * The key block lost (mactelnetd never resends it): after a second
 * without one, the begin auth goes again and the login completes.
 */
static void
test_key_lost(void **state)
{
	struct rig	g;
	struct dropper	d = { .type = MT_PT_DATA, .skip = 0, .n = 1 };
	uint64_t	t0 = l2c_now_us();

	(void)state;
	rig_init(&g);
	g.fk.mode = F_MD5;
	g.fk.ctl_nowait = 1;
	l2c_link_mem_set_drop(g.p.b, drop_fn, &d);
	rig_start(&g);
	assert_true(run_until(&g, has_prompt, L2C_SEC(3)));
	assert_int_equal(d.dropped, 1);
	assert_true(l2c_now_us() - t0 >= L2C_MS(900));
	assert_int_equal(g.face.opened, 1);
	/* Login bytes are not output: nothing reported lost. */
	assert_int_equal(g.face.notices, 1);	/* the MD5 warning only */
	assert_non_null(strstr(g.face.notice, "MD5"));
	rig_down(&g);
}

/* The end auth lost: the output after it opens the console. */
static void
test_end_auth_lost(void **state)
{
	struct rig		g;
	struct dropper		d = { .type = MT_PT_DATA, .skip = 1, .n = 1 };
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	g.fk.ctl_nowait = 1;
	l2c_link_mem_set_drop(g.p.b, drop_fn, &d);
	rig_up(&g);
	assert_int_equal(d.dropped, 1);
	assert_int_equal(g.face.opened, 1);
	assert_int_equal(g.face.notices, 0);
	g.sess.ops->info(g.sess.s, &info);
	assert_int_equal(info.lost_bytes, 0);
	close_and_wait(&g);
	assert_int_equal(g.face.err, 0);
	rig_free(&g);
}

/* A server DATA lost for good: the gap is reported, the session goes on. */
static void
test_gap(void **state)
{
	struct rig		g;
	struct l2c_sess_info	info;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	g.fk.skip_next = 100;
	fake_data(&g.fk, "after\r\n", 7);
	wait_text(&g, "after\r\n");
	assert_int_equal(g.face.notices, 1);
	assert_non_null(strstr(g.face.notice, "100 bytes"));
	g.sess.ops->info(g.sess.s, &info);
	assert_int_equal(info.lost_bytes, 100);
	close_and_wait(&g);
	assert_int_equal(g.face.err, 0);
	rig_free(&g);
}

/*
 * Output lost right before the server ends: only END's counter shows it
 * (mactelnetd's is the counter after its last DATA).  An END with the
 * last DATA's own counter, as other servers send, counts nothing.
 */
static int
fake_acked(struct rig *g)
{
	return !g->fk.inflight && g->fk.qn == 0;
}

static void
test_gap_at_end(void **state)
{
	struct rig		g;
	struct l2c_sess_info	info;
	int			upstream;

	(void)state;
	for (upstream = 0; upstream <= 1; upstream++) {
		rig_init(&g);
		rig_start(&g);
		assert_true(run_until(&g, has_prompt, L2C_SEC(2)));
		fake_data(&g.fk, "last\r\n", 6);
		wait_text(&g, "last\r\n");
		assert_true(run_until(&g, fake_acked, L2C_SEC(2)));
		fake_send(&g.fk, MT_PT_END, upstream ? g.fk.outcnt - 6 :
		    g.fk.outcnt + 40, NULL, 0);
		assert_true(run_until(&g, is_closed, L2C_SEC(2)));
		g.sess.ops->info(g.sess.s, &info);
		assert_int_equal(info.lost_bytes, upstream ? 0 : 40);
		assert_int_equal(g.face.notices, upstream ? 0 : 1);
		assert_int_equal(g.face.err, 0);
		rig_free(&g);
	}
}

/*
 * The first server DATA is taken whatever its counter; then a server
 * counter that crosses 2^32 goes on; a duplicate is acked and dropped.
 */
static void
test_dup_and_wrap32(void **state)
{
	struct rig	g;
	const char	*c40 = "0123456789abcdefghijABCDEFGHIJ0123456789";
	size_t		before;
	int		k, acks;

	(void)state;
	rig_init(&g);
	g.fk.outcnt = 0xffffff80U;
	rig_up(&g);
	for (k = 0; k < 4; k++)
		fake_data(&g.fk, c40, 40);
	fake_data(&g.fk, "[end1]", 6);
	wait_text(&g, "[end1]");
	assert_true(g.fk.outcnt < 0x100);	/* went past 2^32 */
	assert_int_equal(g.face.notices, 0);
	/* The last 40-byte DATA again, twice. */
	before = g.face.outlen;
	acks = count_sent(g.p.a, MT_PT_ACK, NULL);
	fake_send(&g.fk, MT_PT_DATA, g.fk.outcnt - 46, c40, 40);
	fake_send(&g.fk, MT_PT_DATA, g.fk.outcnt - 46, c40, 40);
	fake_data(&g.fk, "[end2]", 6);
	wait_text(&g, "[end2]");
	assert_int_equal(g.face.outlen, before + 6);
	/* Both duplicates were acked, and [end2] too. */
	assert_true(count_sent(g.p.a, MT_PT_ACK, NULL) - acks >= 3);
	assert_int_equal(g.face.notices, 0);
	rig_down(&g);
}

/*
 * Output only from the server's own counter: a DATA with the session's
 * key and port but a counter far from the expected one (a blind
 * injection) is neither shown nor acked.
 */
static void
test_blind_data_dropped(void **state)
{
	struct rig	g;
	size_t		before;
	uint32_t	c, far, back;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	before = g.face.outlen;
	c = g.fk.outcnt;
	far = c + 100004;
	back = c - 99996;
	fake_send(&g.fk, MT_PT_DATA, c + 100000, "evil", 4);
	fake_send(&g.fk, MT_PT_DATA, c - 100000, "evil", 4);
	fake_data(&g.fk, "[ok]", 4);
	wait_text(&g, "[ok]");
	assert_int_equal(g.face.outlen, before + 4);
	assert_int_equal(count_sent_at(g.p.a, MT_PT_ACK, &far, NULL), 0);
	assert_int_equal(count_sent_at(g.p.a, MT_PT_ACK, &back, NULL), 0);
	assert_int_equal(g.face.notices, 0);
	rig_down(&g);
}

/* A server whose counter wraps at 2^16 (RouterOS, reportedly). */
static void
test_wrap16(void **state)
{
	struct rig	g;
	char		chunk[600];
	int		k;

	(void)state;
	rig_init(&g);
	g.fk.outcnt = 0xf000;	/* the jump below stays within the window */
	rig_up(&g);
	g.fk.wrap16 = 1;
	g.fk.skip_next = 0xfe00 - g.fk.outcnt;
	memset(chunk, 'x', sizeof(chunk));
	for (k = 0; k < 3; k++)
		fake_data(&g.fk, chunk, sizeof(chunk));
	fake_data(&g.fk, "done", 4);
	wait_text(&g, "done");
	/* 0xfe00 + 1800 wrapped: the server went past 2^16. */
	assert_true(g.fk.outcnt < 0x1000);
	/* Only the deliberate jump counts as lost. */
	assert_int_equal(g.face.notices, 1);
	assert_int_equal(g.face.outlen, 11 + 1800 + 4);
	rig_down(&g);
}

/* Input arriving while a DATA is in flight goes out in full packets. */
static void
test_batching(void **state)
{
	struct rig	g;
	uint8_t		big[3000];
	int		before;
	size_t		i;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	g.fk.logged = 2;	/* stop echoing */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)('a' + i % 26);
	before = count_sent(g.p.a, MT_PT_DATA, NULL);
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"x", 1),
	    1);
	assert_int_equal(g.sess.ops->input(g.sess.s, big, sizeof(big)),
	    sizeof(big));
	for (i = 0; i < 20 && g.fk.inlen < 3001; i++)
		l2c_loop_once(g.p.loop, L2C_MS(100));
	assert_int_equal(g.fk.inlen, 3001);
	assert_memory_equal(g.fk.in + 1, big, sizeof(big));
	/* 1 + 3000 bytes: "x", then 1450 + 1450 + 100. */
	assert_int_equal(count_sent(g.p.a, MT_PT_DATA, NULL) - before, 4);
	rig_down(&g);
}

/* A full queue refuses, then says WRITABLE once it drains. */
static void
test_queue_bound(void **state)
{
	struct rig	g;
	static uint8_t	big[MT_INQ_MAX + 5000];
	int		n;
	size_t		i;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	g.fk.logged = 2;
	memset(big, 'q', sizeof(big));
	n = g.sess.ops->input(g.sess.s, big, sizeof(big));
	assert_true(n > 0 && (size_t)n < sizeof(big));
	for (i = 0; i < 20 && g.face.writables == 0; i++)
		l2c_loop_once(g.p.loop, L2C_MS(100));
	assert_int_equal(g.face.writables, 1);
	close_and_wait(&g);
	assert_int_equal(g.fk.inlen, (size_t)n);
	rig_free(&g);
}

static void
test_resize(void **state)
{
	struct rig	g;
	size_t		i;
	int		before;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	/* The size the login carried again: nothing to send. */
	before = count_sent(g.p.a, MT_PT_DATA, NULL);
	assert_int_equal(g.sess.ops->resize(g.sess.s, 80, 24), 0);
	assert_int_equal(count_sent(g.p.a, MT_PT_DATA, NULL), before);
	assert_int_equal(g.sess.ops->resize(g.sess.s, 132, 43), 0);
	for (i = 0; i < 20 && g.fk.w != 132; i++)
		l2c_loop_once(g.p.loop, L2C_MS(100));
	assert_int_equal(g.fk.w, 132);
	assert_int_equal(g.fk.h, 43);
	assert_int_equal(g.fk.resizes, 2);
	rig_down(&g);
}

/* Peer gone mid-session: typed bytes go unanswered -> PEERLOST. */
static void
test_peer_lost(void **state)
{
	struct rig	g;
	uint64_t	t0;

	(void)state;
	rig_init(&g);
	g.conf.timeout_us = L2C_MS(300);
	rig_up(&g);
	g.fk.dead = 1;
	t0 = l2c_now_us();
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"a", 1),
	    1);
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	assert_int_equal(g.face.err, L2C_ERR_PEERLOST);
	assert_true(l2c_now_us() - t0 < L2C_MS(1500));
	rig_free(&g);
}

/*
 * START acknowledged, then nothing: "no answer to the login", a peer
 * lost (exit 75) after DATA's budget, not a refused password; a START
 * with no answer at all stays NOANSWER (test_no_answer).
 */
static void
test_login_silent(void **state)
{
	struct rig	g;
	uint64_t	t0, dt;

	(void)state;
	rig_init(&g);
	g.fk.start_only = 1;
	t0 = l2c_now_us();
	rig_start(&g);
	assert_true(run_until(&g, is_closed, L2C_SEC(4)));
	dt = l2c_now_us() - t0;
	assert_int_equal(g.fk.starts, 1);
	assert_int_equal(g.face.err, L2C_ERR_PEERLOST);
	assert_true(dt >= MT_RTX_REF_US && dt < MT_RTX_REF_US + L2C_MS(800));
	assert_string_equal(g.face.reason, "no answer to the login from "
	    "02:4c:32:43:00:01 on mem0");
	assert_int_equal(g.face.notices, 0);
	rig_free(&g);
}

static int
settled(struct rig *g)
{
	return !g->sess.ops->pending(g->sess.s);
}

/*
 * The face's idle end asks whether the peer owes an answer: during the
 * login, while our DATA goes unacknowledged through its retransmissions
 * and until the budget ends it; not for a keepalive, whose answer
 * carries no output.
 */
static void
test_pending(void **state)
{
	struct rig	g;
	struct dropper	d = { .type = MT_PT_DATA, .skip = 0, .n = 1000 };
	uint64_t	end;
	int		kas;

	(void)state;
	rig_init(&g);
	g.conf.timeout_us = L2C_MS(300);
	g.conf.keepalive_us = L2C_MS(100);
	rig_start(&g);
	assert_false(settled(&g));
	assert_true(run_until(&g, has_prompt, L2C_SEC(2)));
	assert_true(run_until(&g, settled, L2C_SEC(1)));
	/* Our DATA lost again and again: owed until it gets through. */
	l2c_link_mem_set_drop(g.p.a, drop_fn, &d);
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"ls\r",
	    3), 3);
	end = l2c_now_us() + L2C_MS(150);
	while (l2c_now_us() < end) {
		assert_false(settled(&g));
		l2c_loop_once(g.p.loop, (int64_t)(end - l2c_now_us()));
	}
	assert_false(g.face.closed);
	d.n = 0;
	assert_true(run_until(&g, settled, L2C_SEC(1)));
	wait_text(&g, "ls\r");
	/* Keepalives nobody answers: nothing owed, no end. */
	kas = g.fk.kas;
	end = l2c_now_us() + L2C_MS(400);
	while (l2c_now_us() < end) {
		assert_true(settled(&g));
		l2c_loop_once(g.p.loop, (int64_t)(end - l2c_now_us()));
	}
	assert_true(g.fk.kas > kas);
	assert_false(g.face.closed);
	/* The peer goes away: owed to the end, which the budget sets. */
	g.fk.dead = 1;
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"a", 1),
	    1);
	end = l2c_now_us() + L2C_SEC(2);
	while (!g.face.closed && l2c_now_us() < end) {
		assert_false(settled(&g));
		l2c_loop_once(g.p.loop, (int64_t)(end - l2c_now_us()));
	}
	assert_true(g.face.closed);
	assert_int_equal(g.face.err, L2C_ERR_PEERLOST);
	assert_true(settled(&g));
	rig_free(&g);
}

static int
two_keepalives(struct rig *g)
{
	return g->fk.kas >= 2;
}

/* Idle: keepalive ACKs with our counter; a peer that stops echoing is lost. */
static void
test_keepalive(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.conf.keepalive_us = L2C_MS(100);
	g.conf.timeout_us = L2C_MS(200);
	g.fk.echo_acks = 1;
	rig_up(&g);
	assert_true(run_until(&g, two_keepalives, L2C_SEC(2)));
	assert_false(g.face.closed);
	g.fk.dead = 1;
	assert_true(run_until(&g, is_closed, L2C_SEC(2)));
	assert_int_equal(g.face.err, L2C_ERR_PEERLOST);
	rig_free(&g);
}

/* A peer that dies before it ever echoed a keepalive is lost too. */
static void
test_keepalive_never_echoed(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	g.conf.keepalive_us = L2C_MS(100);
	g.conf.timeout_us = L2C_MS(200);
	rig_up(&g);
	g.fk.dead = 1;
	assert_true(run_until(&g, is_closed, L2C_SEC(3)));
	assert_int_equal(g.face.err, L2C_ERR_PEERLOST);
	rig_free(&g);
}

/* One that never echoes, but speaks now and then, is not. */
static void
test_keepalive_deaf_peer(void **state)
{
	struct rig	g;
	uint64_t	end, next;

	(void)state;
	rig_init(&g);
	g.conf.keepalive_us = L2C_MS(100);
	g.conf.timeout_us = L2C_MS(200);
	rig_up(&g);
	end = l2c_now_us() + L2C_MS(1500);
	next = 0;
	while (l2c_now_us() < end && !g.face.closed) {
		if (l2c_now_us() >= next) {
			fake_data(&g.fk, ".", 1);
			next = l2c_now_us() + L2C_MS(250);
		}
		l2c_loop_once(g.p.loop, 20000);
	}
	assert_false(g.face.closed);
	assert_true(g.fk.kas >= 3);
	rig_free(&g);
}

static void
test_server_ends(void **state)
{
	struct rig	g;

	(void)state;
	rig_init(&g);
	rig_up(&g);
	fake_send(&g.fk, MT_PT_END, g.fk.outcnt, NULL, 0);
	assert_true(run_until(&g, is_closed, L2C_SEC(1)));
	drain(&g);
	assert_int_equal(g.face.err, 0);
	assert_int_equal(g.fk.ends, 1);
	assert_int_equal(g.sess.ops->input(g.sess.s, (const uint8_t *)"a", 1),
	    L2C_ERR_INVAL);
	rig_free(&g);
}

/* With the vector's a, the first DATA is the capture's byte for byte. */
static void
test_first_data_matches_capture(void **state)
{
	struct rig	 g;
	uint8_t		 a[32], want[128];
	size_t		 n, i, len;
	const uint8_t	*p;
	struct l2c_pkt	 pkt;
	int		 found = 0;

	(void)state;
	rig_init(&g);
	thex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e5f",
	    a, sizeof(a));
	n = thex("563412ff0000000000563412ff010000002761646d696e00"
	    "5e3d4406364be5e0cf9bfd9196ca4900c41b1df085a7a09efe96e442ec6eaadb00",
	    want, sizeof(want));
	g.conf.fixed_priv = a;
	rig_up(&g);
	for (i = 0; (len = l2c_link_mem_sent(g.p.a, i, &p)) > 0; i++) {
		assert_int_equal(l2c_frame_parse(p, len, &pkt), 0);
		if (pkt.ulen == MT_HDR_LEN + n &&
		    memcmp(pkt.udata + MT_HDR_LEN, want, n) == 0)
			found = 1;
	}
	assert_true(found);
	rig_free(&g);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_ecsrp),
		cmocka_unit_test(test_login_md5_fallback),
		cmocka_unit_test(test_login_md5_forced),
		cmocka_unit_test(test_offer_only_md5),
		cmocka_unit_test(test_offer_only_ecsrp),
		cmocka_unit_test(test_md5_verdict),
		cmocka_unit_test(test_md5_downgrade_refused),
		cmocka_unit_test(test_md5_downgrade_allowed),
		cmocka_unit_test(test_logged_in_ecsrp5),
		cmocka_unit_test(test_login_failed),
		cmocka_unit_test(test_login_failed_md5_end),
		cmocka_unit_test(test_bad_key_length),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test(test_no_answer_scaled),
		cmocka_unit_test(test_start_spacing),
		cmocka_unit_test(test_start_lost_once),
		cmocka_unit_test(test_retransmit_on_drop),
		cmocka_unit_test(test_ack_resend),
		cmocka_unit_test(test_start_ack_lost),
		cmocka_unit_test(test_begin_ack_lost),
		cmocka_unit_test(test_key_lost),
		cmocka_unit_test(test_end_auth_lost),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_gap_at_end),
		cmocka_unit_test(test_dup_and_wrap32),
		cmocka_unit_test(test_wrap16),
		cmocka_unit_test(test_blind_data_dropped),
		cmocka_unit_test(test_batching),
		cmocka_unit_test(test_queue_bound),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_peer_lost),
		cmocka_unit_test(test_login_silent),
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_keepalive),
		cmocka_unit_test(test_keepalive_never_echoed),
		cmocka_unit_test(test_keepalive_deaf_peer),
		cmocka_unit_test(test_server_ends),
		cmocka_unit_test(test_first_data_matches_capture),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("mac/mt_client", tests, NULL, NULL);
}
