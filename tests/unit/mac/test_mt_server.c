/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server over an in-memory link, with the clients
 * scripted here from the codec and the login math: EC-SRP5 and MD5
 * logins, a verifier-only user refused over MD5, --no-md5, an unknown
 * user failing byte for byte as a wrong password does, retransmission
 * of dropped DATA, 100 sessions at once each with its own output, MAC
 * ping with its rate limit, MNDP, idle timeout, keepalive echo, the
 * per-MAC failure limit, and a real login on a pty.
 */
#include <sys/ioctl.h>

#include <fcntl.h>
#include <pty.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/login.h"
#include "core/pty.h"
#include "core/loop.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mndp.h"
#include "mac/mt_proto.h"
#include "mac/mt_server.h"
#include "mac/mt_users.h"
#include "../lib/rig.h"

#define MAXTC		128
#define MAXSHELL	128
#define MAXFRAMES	64

static const uint8_t	SRV_MAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	CLI_MAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };

struct env;

/* A scripted client session. */
struct tc {
	struct env	*env;
	uint8_t		 mac[6];
	uint16_t	 key, sport;
	const char	*user, *pw, *term;
	int		 md5;
	unsigned	 cols, rows;
	int		 state;		/* 0 START, 1 auth, 2 password */
	uint32_t	 out;
	int		 have_in;
	uint32_t	 in_next;
	uint8_t		 a[32], wc[33];
	const uint8_t	*x;		/* the secret to prove with; NULL: pw */
	char		 text[8192];
	size_t		 textlen;
	int		 end_auth, ended, salt_len, no_auto_end;
	unsigned	 data_rx, acks_rx;
	uint32_t	 last_ack;
	uint8_t		*frames[MAXFRAMES];
	size_t		 flen[MAXFRAMES], nframes;
};

/* The program a login gets here: a pty whose slave the test holds. */
struct shell {
	struct env	*env;
	int		 fd;
	char		 user[64], term[64];
	unsigned	 cols, rows;
};

struct env {
	struct ut_pair		 p;	/* a: the server, b: the client */
	struct mt_server	*srv;
	struct mt_users		*users;
	struct mt_server_conf	 conf;
	struct tc		*tc[MAXTC];
	size_t			 ntc;
	struct shell		 shells[MAXSHELL];
	size_t			 nshells;
	int			 spawn_err;
	int			 real;		/* spawn a real /bin/sh */
	uint32_t		 rng;
	struct ecsrp		*e;
	/* Server frames to drop: DATA only, the next n of them. */
	int			 drop_data;
	int			 strangers;	/* frames for no script: ignored */
	unsigned		 pongs;
	uint8_t			 pong[64];
	size_t			 pong_len;
	unsigned		 mndp;
	struct mndp_info	 mi;
};

/* --- the environment ---------------------------------------------- */

static int
det_rng(void *arg, uint8_t *p, size_t len)
{
	struct env	*e = arg;
	size_t		 i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(e->rng++ * 167 + 13);
	return 0;
}

static void
shell_cb(void *arg, int fd, short revents)
{
	struct shell	*sh = arg;
	char		 buf[512], out[600];
	ssize_t		 n;
	int		 m;

	(void)revents;
	memset(buf, 0, sizeof(buf));
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0 || strstr(buf, "exit") != NULL) {
		l2c_loop_fd_del(sh->env->p.loop, fd);
		close(fd);
		sh->fd = -1;
		return;
	}
	m = snprintf(out, sizeof(out), "%s:%s\n", sh->user, buf);
	assert_int_equal(write(fd, out, (size_t)m), m);
}

static int
fake_spawn(void *arg, const struct mt_srv_login *lg, int *fd, pid_t *pid)
{
	struct env	*e = arg;
	struct shell	*sh;
	struct termios	 t;
	struct l2c_login l;
	int		 m, s;

	if (e->spawn_err != 0)
		return e->spawn_err;
	if (e->real) {
		memset(&l, 0, sizeof(l));
		l.cmd = "echo T=$TERM; stty size";
		l.term = lg->term;
		l.cols = lg->cols;
		l.rows = lg->rows;
		return l2c_login_spawn(&l, fd, pid);
	}
	assert_true(e->nshells < MAXSHELL);
	assert_int_equal(openpty(&m, &s, NULL, NULL, NULL), 0);
	assert_int_equal(tcgetattr(s, &t), 0);
	cfmakeraw(&t);
	assert_int_equal(tcsetattr(s, TCSANOW, &t), 0);
	assert_int_equal(fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK), 0);
	(void)l2c_pty_winsize(m, lg->cols, lg->rows);
	sh = &e->shells[e->nshells++];
	sh->env = e;
	sh->fd = s;
	snprintf(sh->user, sizeof(sh->user), "%s", lg->user);
	snprintf(sh->term, sizeof(sh->term), "%s", lg->term);
	sh->cols = lg->cols;
	sh->rows = lg->rows;
	dprintf(s, "hello %s term=%s %ux%u\r\n", lg->user, lg->term, lg->cols,
	    lg->rows);
	assert_int_equal(l2c_loop_fd(e->p.loop, s, POLLIN, shell_cb, sh), 0);
	*fd = m;
	*pid = 0;
	return 0;
}

static int
drop_cb(void *arg, const uint8_t *p, size_t len)
{
	struct env	*e = arg;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;

	if (e->drop_data <= 0 || l2c_frame_parse(p, len, &pkt) != 0 ||
	    !pkt.udp_ok || pkt.sport != MT_PORT)
		return 0;
	l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
	if (mt_hdr_parse(&r, MT_S2C, &h) != 0 || h.type != MT_PT_DATA)
		return 0;
	e->drop_data--;
	return 1;
}

static void	client_rx(void *, const struct l2c_pkt *);

static struct env *
env_new(const char *users, void (*tweak)(struct mt_server_conf *))
{
	struct env	*e;
	char		 why[256];

	assert_non_null(e = calloc(1, sizeof(*e)));
	ut_pair_open(&e->p, SRV_MAC, CLI_MAC, 1);
	assert_true(l2c_ctx_listen(&e->p.cb, "udp", client_rx, e) >= 0);
	assert_int_equal(mt_users_parse(users, strlen(users), &e->users, why,
	    sizeof(why)), 0);
	assert_int_equal(ecsrp_new(&e->e), 0);
	l2c_link_mem_set_drop(e->p.a, drop_cb, e);
	e->conf.users = e->users;
	e->conf.spawn = fake_spawn;
	e->conf.spawn_arg = e;
	e->conf.fail_delay_us = L2C_MS(20);
	e->conf.identity = "testbox";
	e->conf.version = "1.2.3";
	if (tweak != NULL)
		tweak(&e->conf);
	assert_int_equal(mt_server_new(&e->p.ca, &e->conf, &e->srv), 0);
	return e;
}

static void
tc_free(struct tc *t)
{
	size_t	i;

	for (i = 0; i < t->nframes; i++)
		free(t->frames[i]);
	free(t);
}

static void
env_free(struct env *e)
{
	size_t	i;

	mt_server_free(e->srv);
	for (i = 0; i < e->nshells; i++)
		if (e->shells[i].fd >= 0)
			close(e->shells[i].fd);
	for (i = 0; i < e->ntc; i++)
		tc_free(e->tc[i]);
	ut_pair_close(&e->p);
	mt_users_free(e->users);
	ecsrp_free(e->e);
	free(e);
}

/* Run the loop until cond holds, or fail after ms. */
static int
run_until(struct env *e, int (*cond)(struct env *, void *), void *arg,
    unsigned ms)
{
	uint64_t	end = l2c_now_us() + L2C_MS(ms);

	while (!cond(e, arg)) {
		if (l2c_now_us() >= end)
			return 0;
		assert_int_equal(l2c_loop_once(e->p.loop, L2C_MS(5)), 0);
	}
	return 1;
}

static void
run_for(struct env *e, unsigned ms)
{
	uint64_t	end = l2c_now_us() + L2C_MS(ms);

	while (l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(e->p.loop, L2C_MS(5)), 0);
}

/* --- the scripted client ------------------------------------------- */

/* Any station's packet: Ethernet source eth, header MAC mac. */
static void
raw_send(struct env *e, const uint8_t *eth, const uint8_t *mac, uint16_t key,
    uint16_t sport, uint8_t type, uint32_t counter, const uint8_t *p,
    size_t len)
{
	struct l2c_wbuf	w, f;
	struct mt_hdr	h;
	uint8_t		udp[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, mac, 6);
	memcpy(h.dst, SRV_MAC, 6);
	h.session = key;
	h.client_type = MT_CLIENT_TYPE;
	h.counter = counter;
	l2c_wbuf_init(&w, udp, sizeof(udp));
	assert_int_equal(mt_hdr_build(&w, MT_C2S, &h), 0);
	if (len > 0)
		assert_int_equal(l2c_put_bytes(&w, p, len), 0);
	l2c_wbuf_init(&f, frame, sizeof(frame));
	assert_int_equal(mt_frame_build(&f, SRV_MAC, eth, 0, sport, MT_PORT,
	    udp, w.len), 0);
	assert_int_equal(l2c_link_send(e->p.b, frame, f.len), 0);
}

static void
tc_send(struct tc *t, uint8_t type, uint32_t counter, const uint8_t *p,
    size_t len)
{
	raw_send(t->env, t->mac, t->mac, t->key, t->sport, type, counter, p,
	    len);
}

static void
tc_data(struct tc *t, const uint8_t *p, size_t len)
{
	tc_send(t, MT_PT_DATA, t->out, p, len);
	t->out += (uint32_t)len;
}

static void
tc_text(struct tc *t, const char *s)
{
	tc_data(t, (const uint8_t *)s, strlen(s));
}

static struct tc *
tc_new(struct env *e, const char *user, const char *pw, int md5,
    uint16_t key)
{
	struct tc	*t;

	assert_true(e->ntc < MAXTC);
	assert_non_null(t = calloc(1, sizeof(*t)));
	t->env = e;
	memcpy(t->mac, CLI_MAC, 6);
	t->key = key;
	t->sport = (uint16_t)(1024 + key % 1000);
	t->user = user;
	t->pw = pw;
	t->md5 = md5;
	t->term = "vt102";
	t->cols = 80;
	t->rows = 24;
	/* A fixed client scalar: the same bytes for the same script. */
	memset(t->a, 0x11, sizeof(t->a));
	t->a[31] = (uint8_t)key;
	assert_int_equal(ecsrp_pubkey(e->e, t->a, t->wc), 0);
	e->tc[e->ntc++] = t;
	return t;
}

static void
tc_start(struct tc *t)
{
	tc_send(t, MT_PT_START, 0, NULL, 0);
}

/* Begin auth, and for EC-SRP5 the user and our public key. */
static void
tc_auth(struct tc *t)
{
	uint8_t		buf[256], k[300];
	struct l2c_wbuf	w;
	size_t		ul = strlen(t->user);

	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_cpkt_put(&w, MT_CP_BEGINAUTH, NULL, 0), 0);
	if (!t->md5) {
		memcpy(k, t->user, ul);
		k[ul] = '\0';
		memcpy(k + ul + 1, t->wc, 33);
		assert_int_equal(mt_cpkt_put(&w, MT_CP_PASSSALT, k, ul + 34),
		    0);
	}
	t->state = 1;
	tc_data(t, buf, w.len);
}

static void
tc_password(struct tc *t, const uint8_t *salt, size_t slen)
{
	uint8_t		buf[512], resp[32], i[32];
	struct l2c_wbuf	w;
	size_t		rlen = 0;

	t->salt_len = (int)slen;
	if (slen == 16 && t->md5) {
		assert_int_equal(mt_md5_response(t->pw, salt, resp), 0);
		rlen = 17;
	} else if (slen == 49 && !t->md5) {
		if (t->x != NULL)
			memcpy(i, t->x, sizeof(i));
		else
			assert_int_equal(ecsrp_verifier(t->user, t->pw,
			    salt + 33, i), 0);
		assert_int_equal(ecsrp_client_proof(t->env->e, t->a, t->wc,
		    salt, i, resp), 0);
		rlen = 32;
	} else
		fail_msg("salt of %zu bytes for an %s client", slen,
		    t->md5 ? "MD5" : "EC-SRP5");
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_cpkt_put(&w, MT_CP_PASSWORD, resp, rlen), 0);
	assert_int_equal(mt_cpkt_put(&w, MT_CP_USERNAME, t->user,
	    strlen(t->user)), 0);
	assert_int_equal(mt_cpkt_put(&w, MT_CP_TERM_TYPE, t->term,
	    strlen(t->term)), 0);
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH,
	    (uint16_t)t->cols), 0);
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT,
	    (uint16_t)t->rows), 0);
	t->state = 2;
	tc_data(t, buf, w.len);
}

static struct tc *
find_tc(struct env *e, uint16_t key, uint16_t port)
{
	size_t	i;

	/* The newest first: a finished script may share a key. */
	for (i = e->ntc; i-- > 0;)
		if (e->tc[i]->key == key && e->tc[i]->sport == port)
			return e->tc[i];
	return NULL;
}

static void
tc_payload(struct tc *t, const uint8_t *p, size_t len)
{
	struct l2c_rbuf	r;
	struct mt_cpkt	cp;

	l2c_rbuf_init(&r, p, len);
	while (mt_cpkt_next(&r, &cp) == 1) {
		switch (cp.type) {
		case MT_CP_PASSSALT:
			tc_password(t, cp.data, cp.len);
			break;
		case MT_CP_END_AUTH:
			t->end_auth = 1;
			break;
		case MT_CP_DATA:
			assert_true(t->textlen + cp.len < sizeof(t->text));
			memcpy(t->text + t->textlen, cp.data, cp.len);
			t->textlen += cp.len;
			t->text[t->textlen] = '\0';
			break;
		default:
			break;
		}
	}
}

static void
client_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct env	*e = arg;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	struct tc	*t;
	uint32_t	 len;

	if (!pkt->udp_ok)
		return;
	if (pkt->dport == MNDP_PORT) {
		assert_int_equal(mndp_parse(pkt->udata, pkt->ulen, &e->mi), 0);
		e->mndp++;
		return;
	}
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	assert_int_equal(mt_hdr_parse(&r, MT_S2C, &h), 0);
	assert_memory_equal(h.src, SRV_MAC, 6);
	if (h.type == MT_PT_PONG) {
		e->pongs++;
		e->pong_len = l2c_rbuf_left(&r);
		if (e->pong_len <= sizeof(e->pong))
			memcpy(e->pong, l2c_rbuf_cur(&r), e->pong_len);
		return;
	}
	if ((t = find_tc(e, h.session, pkt->dport)) == NULL && e->strangers)
		return;
	assert_non_null(t);
	assert_memory_equal(h.dst, t->mac, 6);
	assert_int_equal(h.client_type, MT_CLIENT_TYPE);
	len = (uint32_t)l2c_rbuf_left(&r);
	/* What the server said, retransmitted copies left out. */
	if (t->nframes < MAXFRAMES && (h.type != MT_PT_DATA || !t->have_in ||
	    h.counter == t->in_next)) {
		assert_non_null(t->frames[t->nframes] = malloc(pkt->framelen));
		memcpy(t->frames[t->nframes], pkt->frame, pkt->framelen);
		t->flen[t->nframes++] = pkt->framelen;
	}
	switch (h.type) {
	case MT_PT_ACK:
		t->acks_rx++;
		t->last_ack = h.counter;
		if (t->state == 0 && h.counter == 0)
			tc_auth(t);
		break;
	case MT_PT_DATA:
		tc_send(t, MT_PT_ACK, h.counter + len, NULL, 0);
		if (t->have_in && h.counter != t->in_next)
			break;		/* a copy we already have */
		t->have_in = 1;
		t->in_next = h.counter + len;
		t->data_rx++;
		tc_payload(t, l2c_rbuf_cur(&r), len);
		break;
	case MT_PT_END:
		if (!t->ended && !t->no_auto_end)
			tc_send(t, MT_PT_END, 0, NULL, 0);
		t->ended = 1;
		break;
	default:
		break;
	}
}

static int
cond_text(struct env *e, void *arg)
{
	struct tc	*t = arg;

	(void)e;
	return t->end_auth && t->textlen > 0 && strchr(t->text, '\n') != NULL;
}

static int
cond_ended(struct env *e, void *arg)
{
	(void)e;
	return ((struct tc *)arg)->ended;
}

static int
cond_no_sessions(struct env *e, void *arg)
{
	(void)arg;
	return mt_server_sessions(e->srv) == 0;
}

/* --- tests -------------------------------------------------------- */

/* Log in, see the program's greeting, talk to it, leave with "exit". */
static void
login_and_talk(struct env *e, struct tc *t, const char *greeting)
{
	char	echo[128];

	tc_start(t);
	if (!run_until(e, cond_text, t, 3000))
		fail_msg("no greeting; got \"%s\" (ended %d)", t->text,
		    t->ended);
	assert_string_equal(t->text, greeting);
	t->textlen = 0;
	tc_text(t, "hi\r");
	assert_true(run_until(e, cond_text, t, 2000));
	snprintf(echo, sizeof(echo), "%.*s:hi\r\n",
	    (int)strcspn(t->user, "+"), t->user);
	assert_string_equal(t->text, echo);
	tc_text(t, "exit\r");
	assert_true(run_until(e, cond_ended, t, 2000));
	assert_true(run_until(e, cond_no_sessions, NULL, 2000));
}

static void
test_ecsrp_login(void **state)
{
	struct env		*e = env_new("admin:test123\n", NULL);
	struct tc		*t = tc_new(e, "admin", "test123", 0, 0x1234);
	struct mt_server_stats	 st;

	(void)state;
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	assert_int_equal(t->salt_len, 49);
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.logins_ok, 1);
	assert_int_equal(st.logins_failed, 0);
	assert_int_equal(st.active, 0);
	assert_int_equal(st.crypto_ops, 2);
	env_free(e);
}

/* A verifier line (no password stored) logs in with EC-SRP5. */
static void
test_ecsrp_verifier_user(void **state)
{
	char		 line[256];
	struct env	*e;
	struct tc	*t;

	(void)state;
	assert_int_equal(mt_users_line("bob", "s3cret", line, sizeof(line)),
	    0);
	e = env_new(line, NULL);
	t = tc_new(e, "bob", "s3cret", 0, 7);
	t->user = "bob+ct";		/* console options are not the user */
	t->term = "xterm";
	t->cols = 132;
	t->rows = 43;
	login_and_talk(e, t, "hello bob term=xterm 132x43\r\n");
	env_free(e);
}

static void
test_md5_login(void **state)
{
	struct env	*e = env_new("admin:test123\n", NULL);
	struct tc	*t = tc_new(e, "admin", "test123", 1, 99);

	(void)state;
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	assert_int_equal(t->salt_len, 16);
	env_free(e);
}

static void
expect_failed(struct env *e, struct tc *t, const char *msg)
{
	tc_start(t);
	if (!run_until(e, cond_ended, t, 3000))
		fail_msg("no END; text \"%s\"", t->text);
	assert_true(t->end_auth);
	assert_string_equal(t->text, msg);
	assert_true(run_until(e, cond_no_sessions, NULL, 2000));
	assert_int_equal(e->nshells, 0);
}

/*
 * What a users file lets a reader do.  Upstream's user:X:SALT holds the
 * client's secret x itself: a proof made from the line alone logs in
 * (password-equivalent; it still loads, with a warning at start).  The
 * new user:ecsrp5-v:SALT:V holds only V = x.G: the same use of what the
 * line holds (its 32 hex bytes of u(V) as x, or V's hash) is refused,
 * while the password still logs in.
 */
static void
stolen_login(const char *line, const uint8_t *x, int want_ok)
{
	struct env	*e = env_new(line, NULL);
	struct tc	*t = tc_new(e, "bob", "not-the-password", 0, 0x4242);

	t->x = x;
	if (want_ok)
		login_and_talk(e, t, "hello bob term=vt102 80x24\r\n");
	else
		expect_failed(e, t, MT_SRV_MSG_FAILED);
	env_free(e);
}

static void
test_users_file_not_a_password(void **state)
{
	const struct mt_user	*u;
	struct mt_users		*us;
	struct env		*e;
	struct tc		*t;
	uint8_t			 salt[16], x[32], h[32];
	char			 line[256], legacy[256], why[128];
	unsigned int		 n;
	size_t			 k;

	(void)state;
	/* The old form, made by hand: "bob:" x ":" salt. */
	memset(salt, 0x5a, sizeof(salt));
	assert_int_equal(ecsrp_verifier("bob", "s3cret", salt, x), 0);
	k = (size_t)snprintf(legacy, sizeof(legacy), "bob:");
	for (n = 0; n < 32; n++)
		k += (size_t)snprintf(legacy + k, sizeof(legacy) - k, "%02x",
		    x[n]);
	k += (size_t)snprintf(legacy + k, sizeof(legacy) - k, ":");
	for (n = 0; n < 16; n++)
		k += (size_t)snprintf(legacy + k, sizeof(legacy) - k, "%02x",
		    salt[n]);
	snprintf(legacy + k, sizeof(legacy) - k, "\n");
	/* The old line's value, taken as it is, logs in: no password. */
	stolen_login(legacy, x, 1);
	/* The old line with its password logs in too (still read). */
	e = env_new(legacy, NULL);
	assert_int_equal(e->users->nkind[MT_USER_LEGACY], 1);
	login_and_talk(e, tc_new(e, "bob", "s3cret", 0, 0x4343),
	    "hello bob term=vt102 80x24\r\n");
	env_free(e);

	/* The new form: what it holds proves nothing. */
	assert_int_equal(mt_users_line("bob", "s3cret", line, sizeof(line)),
	    0);
	assert_int_equal(mt_users_parse(line, strlen(line), &us, why,
	    sizeof(why)), 0);
	assert_non_null(u = mt_users_find(us, "bob", 3));
	assert_int_equal(u->kind, MT_USER_VERIFIER);
	stolen_login(line, u->v, 0);			/* u(V) as x */
	assert_true(EVP_Digest(u->v, 33, h, &n, EVP_sha256(), NULL));
	stolen_login(line, h, 0);			/* H(V) as x */
	assert_int_equal(ecsrp_verifier("bob", "s3cret", u->salt, x), 0);
	stolen_login(line, x, 1);	/* the password's x: in */
	mt_users_free(us);
	/* And the password itself, the ordinary way. */
	e = env_new(line, NULL);
	t = tc_new(e, "bob", "s3cret", 0, 0x4444);
	login_and_talk(e, t, "hello bob term=vt102 80x24\r\n");
	env_free(e);
}

static void
test_md5_verifier_only_refused(void **state)
{
	char			 line[256];
	struct env		*e;
	struct mt_server_stats	 st;

	(void)state;
	assert_int_equal(mt_users_line("bob", "s3cret", line, sizeof(line)),
	    0);
	e = env_new(line, NULL);
	expect_failed(e, tc_new(e, "bob", "s3cret", 1, 5), MT_SRV_MSG_FAILED);
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.logins_failed, 1);
	assert_int_equal(st.md5_checks, 1);
	env_free(e);
}

static void
no_md5(struct mt_server_conf *c)
{
	c->no_md5 = 1;
}

/* --no-md5: no salt goes out (nothing to crack offline), a clear word. */
static void
test_no_md5(void **state)
{
	struct env	*e = env_new("admin:test123\n", no_md5);
	struct tc	*t = tc_new(e, "admin", "test123", 1, 6);

	(void)state;
	expect_failed(e, t, "MD5 login is disabled on this server: use a "
	    "client that speaks EC-SRP5\r\n");
	assert_int_equal(t->salt_len, 0);
	assert_int_equal(t->state, 1);
	/* EC-SRP5 still works. */
	t = tc_new(e, "admin", "test123", 0, 8);
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	env_free(e);
}

/* Run one failing login with a fresh deterministic server. */
static struct tc *
failing(const char *user, const char *pw, int md5,
    struct mt_server_stats *st, struct env **ep)
{
	struct env	*e = env_new("admin:test123\n", NULL);
	struct tc	*t;

	e->conf.rng = det_rng;
	mt_server_free(e->srv);
	e->conf.rng_arg = e;
	e->conf.rng = det_rng;
	assert_int_equal(mt_server_new(&e->p.ca, &e->conf, &e->srv), 0);
	t = tc_new(e, user, pw, md5, 0x4242);
	expect_failed(e, t, MT_SRV_MSG_FAILED);
	mt_server_stats(e->srv, st);
	*ep = e;
	return t;
}

/*
 * The same packets, and byte for byte the same ones after the key (whose
 * salt is per user); the same computation was done.
 */
static void
same_failure(int md5)
{
	struct mt_server_stats	 s1, s2;
	struct env		*e1, *e2;
	struct tc		*t1, *t2;
	size_t			 i, keyframe = 0;

	t1 = failing("admin", "wrong", md5, &s1, &e1);
	/* As long as "admin": our acks count the client's bytes. */
	t2 = failing("zelda", "wrong", md5, &s2, &e2);
	assert_int_equal(t1->nframes, t2->nframes);
	assert_true(t1->nframes >= 5);
	for (i = 0; i < t1->nframes; i++) {
		assert_int_equal(t1->flen[i], t2->flen[i]);
		if (t1->flen[i] > 100 && keyframe == 0)
			keyframe = i;	/* the salt/key DATA */
	}
	assert_true(keyframe > 0);
	for (i = 0; i < t1->nframes; i++)
		if (i != keyframe || md5)
			assert_memory_equal(t1->frames[i], t2->frames[i],
			    t1->flen[i]);
	assert_int_equal(s1.logins_failed, 1);
	assert_int_equal(s2.logins_failed, 1);
	assert_int_equal(s1.crypto_ops, s2.crypto_ops);
	assert_int_equal(s1.md5_checks, s2.md5_checks);
	env_free(e1);
	env_free(e2);
}

static void
test_unknown_user_is_wrong_password_ecsrp(void **state)
{
	(void)state;
	same_failure(0);
}

static void
test_unknown_user_is_wrong_password_md5(void **state)
{
	(void)state;
	same_failure(1);
}

/* The account is missing on this host: a failed login all the same. */
static void
test_no_local_account(void **state)
{
	struct env	*e = env_new("admin:test123\n", NULL);

	(void)state;
	e->spawn_err = L2C_ERR_AUTH;
	expect_failed(e, tc_new(e, "admin", "test123", 0, 3),
	    MT_SRV_MSG_FAILED);
	env_free(e);
}

/* Our DATA is dropped twice: the retransmission gets it through. */
static void
test_retransmit(void **state)
{
	struct env		*e = env_new("admin:test123\n", NULL);
	struct tc		*t = tc_new(e, "admin", "test123", 0, 11);
	struct mt_server_stats	 st;
	unsigned		 acks;

	(void)state;
	e->drop_data = 2;	/* the key packet, twice */
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	mt_server_stats(e->srv, &st);
	assert_true(st.retransmits >= 2);
	/* A duplicate DATA from the client: acked again, used once. */
	t->textlen = 0;
	t->text[0] = '\0';
	acks = t->acks_rx;
	tc_send(t, MT_PT_DATA, t->out, (const uint8_t *)"dup\r", 4);
	tc_send(t, MT_PT_DATA, t->out, (const uint8_t *)"dup\r", 4);
	t->out += 4;
	assert_true(run_until(e, cond_text, t, 2000));
	run_for(e, 50);
	assert_int_equal(t->acks_rx - acks, 2);
	assert_int_equal(t->last_ack, t->out);
	assert_string_equal(t->text, "admin:dup\r\n");
	env_free(e);
}

static int
cond_all_greeted(struct env *e, void *arg)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < e->ntc; i++)
		if (!cond_text(e, e->tc[i]))
			return 0;
	return 1;
}

static int
cond_all_echoed(struct env *e, void *arg)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < e->ntc; i++)
		if (strstr(e->tc[i]->text, "\r\n") == NULL ||
		    strstr(strstr(e->tc[i]->text, "\r\n") + 2, "\r\n") ==
		    NULL)
			return 0;
	return 1;
}

static int
cond_all_ended(struct env *e, void *arg)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < e->ntc; i++)
		if (!e->tc[i]->ended)
			return 0;
	return 1;
}

/* 100 logins at once, half of each method: everyone gets their own. */
/* Logins past the default budget, for a test of many at once. */
static void
many_logins(struct mt_server_conf *c)
{
	c->logins_per_s = 1000;
}

static void
test_100_sessions(void **state)
{
	static const char users[] = "u0:p0\nu1:p1\nu2:p2\nu3:p3\nu4:p4\n";
	static char	 names[100][8], pws[100][8], terms[100][16];
	struct env	*e = env_new(users, many_logins);
	struct tc	*t;
	char		 want[128], typed[32];
	size_t		 i;
	uint64_t	 t0 = l2c_now_us();
	struct mt_server_stats st;

	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "u%zu", i % 5);
		snprintf(pws[i], sizeof(pws[i]), "p%zu", i % 5);
		snprintf(terms[i], sizeof(terms[i]), "tok%zu", i);
		t = tc_new(e, names[i], pws[i], (int)(i % 2),
		    (uint16_t)(500 + i));
		t->mac[5] = (uint8_t)(0x10 + i % 7);	/* a few client MACs */
		t->term = terms[i];
		tc_start(t);
	}
	if (!run_until(e, cond_all_greeted, NULL, 60000)) {
		for (i = 0; i < 100; i++)
			if (!cond_text(e, e->tc[i]))
				print_message("tc %zu: state %d salt %d "
				    "end_auth %d ended %d text \"%s\"\n", i,
				    e->tc[i]->state, e->tc[i]->salt_len,
				    e->tc[i]->end_auth, e->tc[i]->ended,
				    e->tc[i]->text);
		fail_msg("not all 100 logged in");
	}
	assert_int_equal(mt_server_sessions(e->srv), 100);
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.active, 100);
	for (i = 0; i < 100; i++) {
		t = e->tc[i];
		snprintf(want, sizeof(want), "hello %s term=tok%zu 80x24\r\n",
		    names[i], i);
		assert_string_equal(t->text, want);
		snprintf(typed, sizeof(typed), "line%zu\r", i);
		tc_text(t, typed);
	}
	assert_true(run_until(e, cond_all_echoed, NULL, 10000));
	for (i = 0; i < 100; i++) {
		t = e->tc[i];
		snprintf(want, sizeof(want), "hello %s term=tok%zu 80x24\r\n"
		    "%s:line%zu\r\n", names[i], i, names[i], i);
		assert_string_equal(t->text, want);
		tc_text(t, "exit\r");
	}
	assert_true(run_until(e, cond_all_ended, NULL, 10000));
	assert_true(run_until(e, cond_no_sessions, NULL, 5000));
	print_message("100 sessions: logged in, talked and ended in %llu ms\n",
	    (unsigned long long)((l2c_now_us() - t0) / 1000));
	env_free(e);
}

static void
few_pings(struct mt_server_conf *c)
{
	c->pings_per_min = 3;
}

static void
send_ping(struct env *e, const uint8_t *payload, size_t len)
{
	struct l2c_wbuf	w, f;
	struct mt_hdr	h;
	uint8_t		udp[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];

	memset(&h, 0, sizeof(h));
	h.type = MT_PT_PING;
	memcpy(h.src, CLI_MAC, 6);
	memcpy(h.dst, SRV_MAC, 6);
	l2c_wbuf_init(&w, udp, sizeof(udp));
	assert_int_equal(mt_hdr_build(&w, MT_C2S, &h), 0);
	assert_int_equal(l2c_put_bytes(&w, payload, len), 0);
	l2c_wbuf_init(&f, frame, sizeof(frame));
	assert_int_equal(mt_frame_build(&f, SRV_MAC, CLI_MAC, 0, MT_PORT,
	    MT_PORT, udp, w.len), 0);
	assert_int_equal(l2c_link_send(e->p.b, frame, f.len), 0);
}

static void
test_ping(void **state)
{
	struct env		*e = env_new("admin:test123\n", few_pings);
	static const uint8_t	 payload[] = "0123456789abcdef-ping";
	struct mt_server_stats	 st;
	int			 i;

	(void)state;
	for (i = 0; i < 5; i++)
		send_ping(e, payload, sizeof(payload));
	run_for(e, 50);
	assert_int_equal(e->pongs, 3);
	assert_int_equal(e->pong_len, sizeof(payload));
	assert_memory_equal(e->pong, payload, sizeof(payload));
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.pings_dropped, 2);
	env_free(e);
}

static void
fast_mndp(struct mt_server_conf *c)
{
	c->mndp_us = L2C_MS(40);
}

static int
cond_mndp(struct env *e, void *arg)
{
	return e->mndp >= *(unsigned *)arg;
}

static void
test_mndp(void **state)
{
	struct env	*e = env_new("admin:test123\n", fast_mndp);
	uint8_t		 frame[L2C_ETH_MAXLEN], req[4] = { 0 };
	struct l2c_wbuf	 f;
	unsigned	 n;

	(void)state;
	/* One at start, then one each period. */
	n = 3;
	assert_true(run_until(e, cond_mndp, &n, 2000));
	assert_string_equal(e->mi.identity, "testbox");
	assert_string_equal(e->mi.version, "1.2.3");
	assert_string_equal(e->mi.softid, "l2console");
	assert_string_equal(e->mi.ifname, "mem0");
	assert_true(e->mi.has_mac);
	assert_memory_equal(e->mi.mac, SRV_MAC, 6);
	assert_int_equal(e->mi.unknown + e->mi.bad, 0);
	/* A request is answered at once. */
	mt_server_free(e->srv);
	e->conf.mndp_us = 0;
	assert_int_equal(mt_server_new(&e->p.ca, &e->conf, &e->srv), 0);
	n = e->mndp;
	l2c_wbuf_init(&f, frame, sizeof(frame));
	assert_int_equal(l2c_udp_build(&f, l2c_mac_bcast, CLI_MAC, 0,
	    0xffffffffU, MNDP_PORT, MNDP_PORT, req, sizeof(req)), 0);
	assert_int_equal(l2c_link_send(e->p.b, frame, f.len), 0);
	n++;
	assert_true(run_until(e, cond_mndp, &n, 500));
	run_for(e, 50);
	assert_int_equal(e->mndp, n);
	env_free(e);
}

static void
short_idle(struct mt_server_conf *c)
{
	c->idle_us = L2C_MS(300);
}

/* A keepalive is echoed and keeps the session; silence ends it. */
static void
test_idle_and_keepalive(void **state)
{
	struct env	*e = env_new("admin:test123\n", short_idle);
	struct tc	*t = tc_new(e, "admin", "test123", 0, 21);
	unsigned	 acks;
	int		 i;

	(void)state;
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	t->textlen = 0;
	for (i = 0; i < 4; i++) {
		acks = t->acks_rx;
		tc_send(t, MT_PT_ACK, t->out, NULL, 0);
		run_for(e, 150);
		assert_int_equal(t->acks_rx, acks + 1);
		assert_int_equal(t->last_ack, t->out);
		assert_false(t->ended);
	}
	assert_true(run_until(e, cond_ended, t, 1000));
	assert_string_equal(t->text, "\r\nTimeout\r\n");
	assert_int_equal(mt_server_sessions(e->srv), 0);
	env_free(e);
}

static void
two_fails(struct mt_server_conf *c)
{
	c->max_fails = 2;
	c->fail_delay_us = 0;
}

/*
 * After too many failures from one Ethernet source, its answers wait
 * (here 250 ms more), a good login's too; it is never refused.  Another
 * source is not affected.
 */
static void
test_fail_limit(void **state)
{
	struct env		*e = env_new("admin:test123\n", two_fails);
	struct tc		*t;
	struct mt_server_stats	 st;
	uint64_t		 t0;

	(void)state;
	expect_failed(e, tc_new(e, "admin", "x", 0, 31), MT_SRV_MSG_FAILED);
	expect_failed(e, tc_new(e, "admin", "y", 1, 32), MT_SRV_MSG_FAILED);
	t = tc_new(e, "admin", "test123", 0, 33);
	t0 = l2c_now_us();
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	assert_true(l2c_now_us() - t0 >= L2C_MS(250));
	assert_int_equal(t->salt_len, 49);
	/* Another MAC is not affected. */
	t = tc_new(e, "admin", "test123", 0, 34);
	t->mac[5] = 0x77;
	t0 = l2c_now_us();
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	assert_true(l2c_now_us() - t0 < L2C_MS(250));
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.logins_failed, 2);
	assert_int_equal(st.logins_ok, 2);
	/* The second failure's answer and the good login's. */
	assert_int_equal(st.penalized, 2);
	env_free(e);
}

static int
cond_failed_n(struct env *e, void *arg)
{
	struct mt_server_stats	st;

	mt_server_stats(e->srv, &st);
	return st.logins_failed >= *(unsigned *)arg;
}

static void
slow_answers(struct mt_server_conf *c)
{
	c->fail_delay_us = L2C_MS(200);
}

/*
 * Guessing is slow for everybody: 100 wrong guesses at once from 100
 * Ethernet sources get salts (and EC work) only within the server's
 * budget (10 at once, then 10/s), the rest are dropped unanswered; a
 * source that logged in before still gets in during the flood; a good
 * login is answered no sooner than a failed one.
 */
static void
test_guess_budget(void **state)
{
	struct env		*e = env_new("admin:test123\n", slow_answers);
	struct tc		*t;
	struct mt_server_stats	 st;
	uint64_t		 t0;
	unsigned		 i, ten = 10;

	(void)state;
	t = tc_new(e, "admin", "test123", 0, 0x7000);
	t0 = l2c_now_us();
	login_and_talk(e, t, "hello admin term=vt102 80x24\r\n");
	assert_true(l2c_now_us() - t0 >= L2C_MS(200));
	for (i = 0; i < 100; i++) {
		t = tc_new(e, "admin", "guess", (int)(i % 2),
		    (uint16_t)(0x7100 + i));
		t->mac[4] = 0x80;
		t->mac[5] = (uint8_t)i;
		tc_start(t);
	}
	assert_true(run_until(e, cond_failed_n, &ten, 2000));
	/* The one that logged in before, in the middle of it. */
	t = tc_new(e, "admin", "test123", 0, 0x7001);
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	run_for(e, 300);
	mt_server_stats(e->srv, &st);
	assert_true(st.logins_failed <= 10 + 1 + 3);
	assert_true(st.auth_dropped >= 80);
	assert_true(st.crypto_ops <= 2 * (st.logins_failed + 2));
	env_free(e);
}

static const uint8_t	EVE_MAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xee };

static int
cond_echoed(struct env *e, void *arg)
{
	struct tc	*t = arg;

	(void)e;
	return strstr(t->text, "admin:hi\r\n") != NULL;
}

/*
 * A logged-in session belongs to its client: DATA, END and START with
 * its key from another Ethernet source or port, and DATA or END from its
 * own source at a counter off the expected one, change nothing; the
 * victim's next line is still echoed.
 */
static void
test_bound_to_client(void **state)
{
	struct env		*e = env_new("admin:test123\n", NULL);
	struct tc		*t = tc_new(e, "admin", "test123", 0, 0x5151);
	struct mt_server_stats	 st;
	uint8_t			 buf[64];
	struct l2c_wbuf		 w;

	(void)state;
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	t->textlen = 0;
	t->text[0] = '\0';
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_cpkt_put(&w, MT_CP_DATA, "evil\r", 5), 0);
	/* Another source with the victim's header MAC, key and port. */
	raw_send(e, EVE_MAC, t->mac, t->key, t->sport, MT_PT_DATA, t->out,
	    buf, w.len);
	raw_send(e, EVE_MAC, t->mac, t->key, t->sport, MT_PT_END, 0, NULL, 0);
	raw_send(e, EVE_MAC, t->mac, t->key, t->sport, MT_PT_START, 0, NULL,
	    0);
	/* The victim's source, another port. */
	raw_send(e, t->mac, t->mac, t->key, (uint16_t)(t->sport + 1),
	    MT_PT_DATA, t->out, buf, w.len);
	/* Everything right but the counter: a blind guess. */
	raw_send(e, t->mac, t->mac, t->key, t->sport, MT_PT_DATA,
	    t->out + 100000, buf, w.len);
	raw_send(e, t->mac, t->mac, t->key, t->sport, MT_PT_END, 777, NULL, 0);
	run_for(e, 100);
	assert_int_equal(mt_server_sessions(e->srv), 1);
	assert_false(t->ended);
	tc_text(t, "hi\r");
	assert_true(run_until(e, cond_echoed, t, 2000));
	assert_null(strstr(t->text, "evil"));
	mt_server_stats(e->srv, &st);
	assert_int_equal(st.foreign, 4);
	assert_int_equal(st.out_of_window, 2);
	tc_text(t, "exit\r");
	assert_true(run_until(e, cond_ended, t, 2000));
	env_free(e);
}

static void
small_table(struct mt_server_conf *c)
{
	c->max_sessions = 16;
	c->per_source = 4;
}

/*
 * A START flood (one source, then random ones) fills neither a source's
 * share nor the table against a real client: the sessions that never
 * sent DATA make room.  A START alone is gone after the half-open time.
 */
static void
test_start_flood(void **state)
{
	struct env		*e = env_new("admin:test123\n", small_table);
	struct tc		*t;
	struct mt_server_stats	 st;
	uint8_t			 mac[6];
	uint64_t		 t0;
	unsigned		 i, n;

	(void)state;
	e->strangers = 1;
	memcpy(mac, EVE_MAC, 6);
	for (i = 0; i < 20; i++)
		raw_send(e, mac, mac, (uint16_t)i, 2000, MT_PT_START, 0, NULL,
		    0);
	run_for(e, 50);
	assert_int_equal(mt_server_sessions(e->srv), 4);
	for (i = 0; i < 200; i++) {
		mac[4] = (uint8_t)(i >> 8);
		mac[5] = (uint8_t)i;
		raw_send(e, mac, mac, (uint16_t)i, 2000, MT_PT_START, 0, NULL,
		    0);
	}
	run_for(e, 50);
	assert_int_equal(mt_server_sessions(e->srv), 16);
	/* A real login while 4 more STARTs come each turn of the loop. */
	t = tc_new(e, "admin", "test123", 0, 0x6161);
	tc_start(t);
	for (i = 0; i < 600 && !cond_text(e, t); i++) {
		mac[4] = (uint8_t)(0x80 + (i >> 6));
		mac[5] = (uint8_t)(i << 2);
		for (n = 0; n < 4; n++, mac[5]++)
			raw_send(e, mac, mac, (uint16_t)i, 2000, MT_PT_START,
			    0, NULL, 0);
		assert_int_equal(l2c_loop_once(e->p.loop, L2C_MS(5)), 0);
	}
	assert_true(cond_text(e, t));
	mt_server_stats(e->srv, &st);
	assert_true(st.evicted >= 200);
	assert_int_equal(st.logins_ok, 1);
	/* The half-open ones go on their own, long before the idle time. */
	tc_text(t, "exit\r");
	t0 = l2c_now_us();
	assert_true(run_until(e, cond_no_sessions, NULL, 8000));
	assert_true(l2c_now_us() - t0 < L2C_SEC(7));
	env_free(e);
}

/* Room for what the budget lets through (10, then 10 a second). */
static void
small_table_slow(struct mt_server_conf *c)
{
	small_table(c);
	c->max_sessions = 64;
	c->fail_delay_us = L2C_MS(300);
}

/*
 * A flood of STARTs each followed at once by a begin auth, 8 of them
 * between a real client's START and its first DATA, the table full: the
 * client's session, the only one without DATA then, is not
 * the one pushed out, and its good login is not pushed out while its
 * answer waits out --fail-delay (issue 19: a 1000/s begin-auth flood
 * ended every real login).
 */
static void
test_auth_flood_keeps_verdict(void **state)
{
	struct env		*e;
	struct tc		*t;
	struct mt_server_stats	 st;
	uint8_t			 mac[6], ba[MT_CPKT_HDR_LEN];
	struct l2c_wbuf		 w;
	unsigned		 i, n;

	(void)state;
	e = env_new("admin:test123\n", small_table_slow);
	e->strangers = 1;
	l2c_wbuf_init(&w, ba, sizeof(ba));
	assert_int_equal(mt_cpkt_put(&w, MT_CP_BEGINAUTH, NULL, 0), 0);
	memcpy(mac, EVE_MAC, 6);
	/* A client that logged in before: the flood spends the others'
	 * budget, not its own. */
	t = tc_new(e, "admin", "test123", 0, 0x6161);
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	t = tc_new(e, "admin", "test123", 0, 0x6262);
	for (i = 0; i < 1000 && !cond_text(e, t); i++) {
		/* The table full first; then 8 STARTs between its START
		 * and its DATA. */
		if (i == 20)
			tc_start(t);
		for (n = 0; n < 8; n++) {
			mac[4] = (uint8_t)(i >> 8);
			mac[5] = (uint8_t)(i * 8 + n);
			raw_send(e, mac, mac, (uint16_t)(i * 8 + n), 2000,
			    MT_PT_START, 0, NULL, 0);
			raw_send(e, mac, mac, (uint16_t)(i * 8 + n), 2000,
			    MT_PT_DATA, 0, ba, w.len);
		}
		assert_int_equal(l2c_loop_once(e->p.loop, L2C_MS(5)), 0);
	}
	assert_true(cond_text(e, t));
	mt_server_stats(e->srv, &st);
	assert_true(st.evicted >= 100);
	assert_int_equal(st.logins_ok, 2);
	env_free(e);
}

/* The window size follows the client: types 5 and 6 after login. */
static void
test_resize(void **state)
{
	struct env	*e = env_new("admin:test123\n", NULL);
	struct tc	*t = tc_new(e, "admin", "test123", 0, 41);
	struct winsize	 ws;
	uint8_t		 buf[64];
	struct l2c_wbuf	 w;

	(void)state;
	tc_start(t);
	assert_true(run_until(e, cond_text, t, 3000));
	assert_int_equal(ioctl(e->shells[0].fd, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(ws.ws_row, 24);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_WIDTH, 100), 0);
	assert_int_equal(mt_cpkt_put_le16(&w, MT_CP_TERM_HEIGHT, 30), 0);
	tc_data(t, buf, w.len);
	run_for(e, 30);
	assert_int_equal(ioctl(e->shells[0].fd, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_col, 100);
	assert_int_equal(ws.ws_row, 30);
	env_free(e);
}

/* A real child on a real pty: TERM and the size arrive; it is reaped. */
static void
test_real_pty(void **state)
{
	struct env	*e = env_new("admin:test123\n", NULL);
	struct tc	*t = tc_new(e, "admin", "test123", 0, 51);

	(void)state;
	e->real = 1;
	t->term = "xterm-test";
	t->cols = 100;
	t->rows = 31;
	tc_start(t);
	if (!run_until(e, cond_ended, t, 5000))
		fail_msg("no END; text \"%s\"", t->text);
	assert_string_equal(t->text, "T=xterm-test\r\n31 100\r\n");
	assert_true(run_until(e, cond_no_sessions, NULL, 2000));
	env_free(e);
}

/* Shutdown: a last word and END to every session, then done. */
static void
test_shutdown(void **state)
{
	struct env	*e = env_new("admin:test123\n", NULL);
	struct tc	*t = tc_new(e, "admin", "test123", 0, 61);
	struct tc	*t2 = tc_new(e, "admin", "test123", 1, 62);

	(void)state;
	t2->state = 9;	/* never answers the ACK: stays in the login */
	tc_start(t);
	tc_start(t2);
	assert_true(run_until(e, cond_text, t, 3000));
	t->textlen = 0;
	mt_server_shutdown(e->srv, "bye\r\n");
	assert_true(run_until(e, cond_ended, t, 2000));
	assert_true(t2->ended);
	assert_string_equal(t->text, "bye\r\n");
	assert_true(run_until(e, cond_no_sessions, NULL, 2000));
	assert_true(mt_server_done(e->srv));
	env_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ecsrp_login),
		cmocka_unit_test(test_ecsrp_verifier_user),
		cmocka_unit_test(test_users_file_not_a_password),
		cmocka_unit_test(test_md5_login),
		cmocka_unit_test(test_md5_verifier_only_refused),
		cmocka_unit_test(test_no_md5),
		cmocka_unit_test(test_unknown_user_is_wrong_password_ecsrp),
		cmocka_unit_test(test_unknown_user_is_wrong_password_md5),
		cmocka_unit_test(test_no_local_account),
		cmocka_unit_test(test_retransmit),
		cmocka_unit_test(test_100_sessions),
		cmocka_unit_test(test_ping),
		cmocka_unit_test(test_mndp),
		cmocka_unit_test(test_idle_and_keepalive),
		cmocka_unit_test(test_fail_limit),
		cmocka_unit_test(test_guess_budget),
		cmocka_unit_test(test_bound_to_client),
		cmocka_unit_test(test_start_flood),
		cmocka_unit_test(test_auth_flood_keeps_verdict),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_real_pty),
		cmocka_unit_test(test_shutdown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
