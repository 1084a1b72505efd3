/*
 * MAC-Telnet server sessions, MAC ping and MNDP, all in one loop.
 *
 * A session lives from START to END.  Its output runs one DATA at a
 * time: queued control messages first (end auth, a farewell text), then
 * what the program wrote to its pty, read only when nothing is in
 * flight, so a slow client slows the program rather than filling memory.
 * Input from the client is acked only when there is room to keep it.
 */
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/log.h"
#include "core/login.h"
#include "core/random.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mndp.h"
#include "mac/mndp_announce.h"
#include "mac/mt_proto.h"
#include "mac/mt_server.h"

#define NBUCKET		256
#define LOGIN_MAX	128		/* type 3 bytes we keep */
#define TERM_MAX	64
#define QMAX		4		/* queued control messages */
#define QMSG_MAX	160
#define CHUNK		1024		/* program output per DATA */
#define INBUF		16384		/* client input not yet written */
#define GRACE_US	L2C_SEC(60)	/* from START to logged in */
#define END_TRIES	5		/* our END, before we give up */
#define KILL_GRACE_US	L2C_SEC(2)	/* SIGHUP, then SIGKILL */
#define FAILREC_MAX	256
#define MNDP_BURST	5		/* MNDP answers: 5 at once, 1/s */

#define MSG_NOMD5	"MD5 login is disabled on this server: use a client " \
			"that speaks EC-SRP5\r\n"
#define MSG_BLOCKED	"Too many failed logins from this address, try " \
			"again later\r\n"
#define MSG_INTERNAL	"Internal error: cannot start a terminal\r\n"
#define MSG_TIMEOUT	"\r\nTimeout\r\n"

/* The reference client's retransmit steps; the last one repeats. */
static const uint32_t rtx_ms[] = { 15, 20, 30, 50, 90, 170, 330, 660, 1000 };

enum sstate {
	S_AUTH,		/* waiting for begin auth */
	S_KEY,		/* salt or key sent: waiting for password + user */
	S_VERDICT,	/* failed: the answer waits out the delay */
	S_ACTIVE,	/* logged in, program running */
	S_DRAIN,	/* last output and messages, then END */
	S_ENDSENT,	/* our END is out: waiting for the client's */
};

enum method {
	M_NONE,
	M_ECSRP,
	M_MD5,
};

static const char *const method_name[] = { "none", "EC-SRP5", "MD5" };

struct qmsg {
	uint8_t	b[QMSG_MAX];
	size_t	len;
};

struct sess {
	struct sess		*hnext;
	struct sess		*next, *prev;
	struct mt_server	*srv;
	uint8_t			 peer[L2C_ETH_ALEN];	/* MAC-Telnet header */
	uint8_t			 eth[L2C_ETH_ALEN];	/* frame source */
	uint16_t		 key;
	uint16_t		 client_type;
	uint16_t		 sport;
	enum sstate		 state;
	enum method		 method;
	uint64_t		 created, last_rx;

	/* Login, gathered over one or more DATA packets. */
	char			 login[LOGIN_MAX + 1];
	char			 user1[LOGIN_MAX + 1];	/* EC-SRP5 type 1 */
	char			 term[TERM_MAX + 1];
	unsigned		 cols, rows;
	int			 have_user, have_pass, bad_login;
	uint8_t			 pass[ECSRP_LEN];
	size_t			 passlen;
	int			 known;
	uint8_t			 salt[ECSRP_SALT_LEN];
	uint8_t			 s[ECSRP_LEN], i[ECSRP_LEN];
	uint8_t			 wc[ECSRP_KEY_LEN], ws[ECSRP_KEY_LEN];

	/* The wire. */
	int			 have_in;
	uint32_t		 in_last, in_next;
	uint32_t		 out_counter;
	int			 inflight;
	uint8_t			 tx[L2C_ETH_MAXLEN];
	size_t			 txlen;
	unsigned		 rtx_n;
	struct qmsg		 q[QMAX];
	unsigned		 qhead, qn;
	int			 end_after;
	unsigned		 end_tries;

	/* The program. */
	int			 fd;
	pid_t			 pid;
	int			 watching;
	short			 events;
	int			 fd_eof, child_done;
	int			 counted;	/* in st.active */
	uint8_t			 in[INBUF];
	size_t			 inlen;

	struct l2c_timer	 rtx, idle, verdict;
};

struct failrec {
	uint8_t		mac[L2C_ETH_ALEN];
	unsigned	fails;
	uint64_t	window_start, blocked_until;
	int		used;
};

struct orphan {
	pid_t		pid;
	uint64_t	kill_at;
};

struct mt_server {
	struct l2c_ctx		*ctx;
	struct mt_srv_conf	 conf;
	struct ecsrp		*e;
	int			 rxid;
	uint8_t			 secret[32];
	struct sess		*bucket[NBUCKET];
	struct sess		*all;
	size_t			 nsess;
	struct failrec		 fails[FAILREC_MAX];
	struct orphan		*orphans;
	size_t			 norphans;
	struct l2c_timer	 orphan_timer;
	struct l2c_timer	 mndp_timer;
	uint64_t		 ping_tat, mndp_tat;
	uint16_t		 mndp_seq;
	int			 shutting_down;
	struct mt_srv_stats	 st;
};

static void	pump(struct sess *);
static void	sess_destroy(struct sess *);

/* --- small helpers ------------------------------------------------ */

static int
rng(struct mt_server *srv, uint8_t *p, size_t len)
{
	if (srv->conf.rng != NULL)
		return srv->conf.rng(srv->conf.rng_arg, p, len);
	return l2c_random(p, len);
}

/* A printable copy of a peer's string, for the log. */
static const char *
clean(const char *in, char *out, size_t len)
{
	size_t	i;

	for (i = 0; in[i] != '\0' && i + 1 < len; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
	return out;
}

static const char *
macstr(const uint8_t *mac, char *buf)
{
	return l2c_mac_fmt(mac, buf, L2C_MAC_STRLEN);
}

/*
 * Per-user values that must look the same on every try (a salt that
 * changed per try would tell an unknown user from a known one):
 * SHA256(secret || tag || user), the secret fresh per server.
 */
static int
derive(struct mt_server *srv, char tag, const char *user, uint8_t *out,
    size_t len)
{
	uint8_t		 h[32];
	EVP_MD_CTX	*md;
	int		 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, srv->secret, sizeof(srv->secret)) &&
	    EVP_DigestUpdate(md, &tag, 1) &&
	    EVP_DigestUpdate(md, user, strlen(user)) &&
	    EVP_DigestFinal_ex(md, h, NULL);
	EVP_MD_CTX_free(md);
	if (!ok)
		return L2C_ERR_CRYPTO;
	memcpy(out, h, len < sizeof(h) ? len : sizeof(h));
	OPENSSL_cleanse(h, sizeof(h));
	return 0;
}

/*
 * Rate limit as GCRA: one event per `interval`, bursts up to `burst`
 * events.  1 if this one may pass.
 */
static int
gcra(uint64_t *tat, uint64_t now, uint64_t interval, uint64_t burst)
{
	uint64_t	t = *tat > now ? *tat : now;

	if (t - now > interval * (burst - 1))
		return 0;
	*tat = t + interval;
	return 1;
}

/* --- sending ------------------------------------------------------ */

static int
send_pkt(struct sess *s, uint8_t type, uint32_t counter, const uint8_t *data,
    size_t len, uint8_t *frame, size_t *flen)
{
	struct mt_server	*srv = s->srv;
	struct l2c_wbuf		 w, f;
	struct mt_hdr		 h;
	uint8_t			 udp[MT_MAX_UDP];
	int			 rv;

	memset(&h, 0, sizeof(h));
	h.type = type;
	memcpy(h.src, srv->ctx->link->mac, L2C_ETH_ALEN);
	memcpy(h.dst, s->peer, L2C_ETH_ALEN);
	h.session = s->key;
	h.client_type = s->client_type;
	h.counter = counter;
	l2c_wbuf_init(&w, udp, sizeof(udp));
	if ((rv = mt_hdr_build(&w, MT_S2C, &h)) != 0 ||
	    (rv = l2c_put_bytes(&w, data, len)) != 0)
		return rv;
	l2c_wbuf_init(&f, frame, L2C_ETH_MAXLEN);
	if ((rv = mt_frame_build(&f, s->eth, srv->ctx->link->mac,
	    srv->conf.ipsrc, MT_PORT, s->sport, udp, w.len)) != 0)
		return rv;
	*flen = f.len;
	return l2c_link_send(srv->ctx->link, frame, f.len);
}

/* ACK, END: no payload, nothing kept, a failure only noted. */
static void
send_simple(struct sess *s, uint8_t type, uint32_t counter)
{
	uint8_t	frame[L2C_ETH_MAXLEN];
	size_t	flen;
	int	rv;

	if ((rv = send_pkt(s, type, counter, NULL, 0, frame, &flen)) != 0)
		l2c_debug("mt-server: send %s: %s", mt_ptype_name(type),
		    l2c_strerror(rv));
}

/* The next retransmission, on the reference client's schedule. */
static void
arm_rtx(struct sess *s)
{
	size_t		n = sizeof(rtx_ms) / sizeof(rtx_ms[0]);
	uint32_t	ms = rtx_ms[s->rtx_n < n ? s->rtx_n : n - 1];

	l2c_timer_arm(s->srv->ctx->loop, &s->rtx, L2C_MS(ms));
}

/* One DATA, kept for retransmission until the client acks it. */
static void
send_data(struct sess *s, const uint8_t *p, size_t len)
{
	int	rv;

	s->txlen = 0;
	if ((rv = send_pkt(s, MT_PT_DATA, s->out_counter, p, len, s->tx,
	    &s->txlen)) != 0 && s->txlen == 0) {
		l2c_warn("mt-server: cannot send: %s", l2c_strerror(rv));
		return;
	}
	s->out_counter += (uint32_t)len;
	s->inflight = 1;
	s->rtx_n = 0;
	arm_rtx(s);
}

/* Our END; it is sent again a few times until the client answers. */
static void
send_end(struct sess *s)
{
	s->state = S_ENDSENT;
	s->end_tries = 0;
	s->inflight = 0;
	send_simple(s, MT_PT_END, s->out_counter);
	s->rtx_n = 0;
	arm_rtx(s);
}

/* A control message (or text) to send before any program output. */
static int
queue_msg(struct sess *s, int ctype, const void *p, size_t len)
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

/* --- the program's side ------------------------------------------- */

static void	fd_cb(void *, int, short);

/* Watch the pty only for what we can act on now: no busy POLLHUP. */
static void
update_watch(struct sess *s)
{
	struct l2c_loop	*loop = s->srv->ctx->loop;
	short		 want = 0;

	if (s->fd >= 0 && !s->fd_eof) {
		if (!s->inflight && s->qn == 0 &&
		    (s->state == S_ACTIVE || s->state == S_DRAIN))
			want |= POLLIN;
		if (s->inlen > 0)
			want |= POLLOUT;
	}
	if (want == 0) {
		if (s->watching)
			l2c_loop_fd_del(loop, s->fd);
		s->watching = 0;
	} else if (!s->watching) {
		if (l2c_loop_fd(loop, s->fd, want, fd_cb, s) == 0)
			s->watching = 1;
	} else if (want != s->events)
		(void)l2c_loop_fd_events(loop, s->fd, want);
	s->events = want;
}

/* What the client typed, into the pty as far as it takes it. */
static void
flush_input(struct sess *s)
{
	ssize_t	n;

	while (s->inlen > 0 && s->fd >= 0) {
		n = write(s->fd, s->in, s->inlen);
		if (n > 0) {
			memmove(s->in, s->in + n, s->inlen - (size_t)n);
			s->inlen -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		s->inlen = 0;	/* EIO: nobody reads the terminal any more */
	}
}

/* The pty can be written, or read (or hung up): move things along. */
static void
fd_cb(void *arg, int fd, short revents)
{
	struct sess	*s = arg;

	(void)fd;
	if (revents & POLLOUT)
		flush_input(s);
	pump(s);
}

/* Hang the program up; a child that outlives SIGHUP is killed later. */
static void
hangup(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	struct orphan		*o;

	if (s->fd >= 0) {
		if (s->watching)
			l2c_loop_fd_del(srv->ctx->loop, s->fd);
		s->watching = 0;
		close(s->fd);
		s->fd = -1;
	}
	s->fd_eof = 1;
	s->inlen = 0;
	if (s->pid <= 0)
		return;
	kill(-s->pid, SIGHUP);
	kill(s->pid, SIGHUP);
	o = reallocarray(srv->orphans, srv->norphans + 1, sizeof(*o));
	if (o == NULL) {
		kill(-s->pid, SIGKILL);
		kill(s->pid, SIGKILL);
	} else {
		srv->orphans = o;
		o[srv->norphans].pid = s->pid;
		o[srv->norphans].kill_at = l2c_now_us() + KILL_GRACE_US;
		if (srv->norphans++ == 0)
			l2c_timer_arm(srv->ctx->loop, &srv->orphan_timer,
			    KILL_GRACE_US);
	}
	s->pid = 0;
}

/*
 * Move output along: a queued message, else a chunk of the program's
 * output, else END when everything is said.  One DATA in flight.
 */
static void
pump(struct sess *s)
{
	uint8_t		buf[CHUNK];
	struct qmsg	*m;
	ssize_t		n;

	if (s->state == S_ENDSENT)
		return;
	if (!s->inflight && s->qn > 0) {
		m = &s->q[s->qhead];
		s->qhead = (s->qhead + 1) % QMAX;
		s->qn--;
		send_data(s, m->b, m->len);
	}
	if (!s->inflight && s->fd >= 0 && !s->fd_eof &&
	    (s->state == S_ACTIVE || s->state == S_DRAIN)) {
		n = read(s->fd, buf, sizeof(buf));
		if (n > 0)
			send_data(s, buf, (size_t)n);
		else if (n == 0 || (errno != EAGAIN && errno != EINTR) ||
		    s->child_done) {
			/* EIO: the program and all it started let go. */
			s->fd_eof = 1;
			s->end_after = 1;
			if (s->state == S_ACTIVE)
				s->state = S_DRAIN;
		}
	}
	if (!s->inflight && s->qn == 0 && s->end_after &&
	    (s->fd < 0 || s->fd_eof)) {
		hangup(s);
		send_end(s);
	}
	update_watch(s);
}

/* --- the per-MAC failure record ------------------------------------ */

static struct failrec *
failrec(struct mt_server *srv, const uint8_t *mac, int create)
{
	struct failrec	*r, *oldest = NULL;
	size_t		 i;

	for (i = 0; i < FAILREC_MAX; i++) {
		r = &srv->fails[i];
		if (r->used && memcmp(r->mac, mac, L2C_ETH_ALEN) == 0)
			return r;
		if (oldest == NULL || !r->used ||
		    (oldest->used && r->window_start < oldest->window_start))
			oldest = r;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	memcpy(oldest->mac, mac, L2C_ETH_ALEN);
	oldest->used = 1;
	return oldest;
}

/* Is this MAC refused for now after too many failures? */
static int
blocked(struct mt_server *srv, const uint8_t *mac)
{
	struct failrec	*r = failrec(srv, mac, 0);

	return r != NULL && r->blocked_until > l2c_now_us();
}

/* One more failure for a MAC; too many within the window block it. */
static void
count_failure(struct mt_server *srv, const uint8_t *mac)
{
	struct failrec	*r = failrec(srv, mac, 1);
	uint64_t	 now = l2c_now_us();
	char		 m[L2C_MAC_STRLEN];

	if (now - r->window_start > srv->conf.fail_window_us) {
		r->window_start = now;
		r->fails = 0;
	}
	if (++r->fails >= srv->conf.max_fails && r->blocked_until <= now) {
		r->blocked_until = now + srv->conf.block_us;
		l2c_warn("mt-server: %u failed logins from %s: refusing its "
		    "logins for %llu s", r->fails, macstr(mac, m),
		    (unsigned long long)(srv->conf.block_us / 1000000));
	}
}

/* --- login -------------------------------------------------------- */

static void
wipe_secrets(struct sess *s)
{
	OPENSSL_cleanse(s->pass, sizeof(s->pass));
	OPENSSL_cleanse(s->s, sizeof(s->s));
	OPENSSL_cleanse(s->i, sizeof(s->i));
}

/* End auth, a message, END: no delay, and nothing about any user. */
static void
refuse(struct sess *s, const char *msg)
{
	wipe_secrets(s);
	s->srv->st.logins_refused++;
	(void)queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	(void)queue_msg(s, MT_CP_DATA, msg, strlen(msg));
	s->end_after = 1;
	s->state = S_DRAIN;
	pump(s);
}

/* The delayed answer to a failed login: end auth, the text, END. */
static void
verdict_cb(void *arg)
{
	struct sess	*s = arg;

	(void)queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	(void)queue_msg(s, MT_CP_DATA, MT_SRV_MSG_FAILED,
	    strlen(MT_SRV_MSG_FAILED));
	s->end_after = 1;
	s->state = S_DRAIN;
	pump(s);
}

/* A failed login: logged, counted per MAC, answered after the delay. */
static void
fail(struct sess *s, const char *why)
{
	struct mt_server	*srv = s->srv;
	char			 m[L2C_MAC_STRLEN], u[LOGIN_MAX + 1];

	wipe_secrets(s);
	srv->st.logins_failed++;
	l2c_warn("mt-server: login failed for \"%s\" from %s (%s): %s",
	    clean(s->have_user ? s->login : s->user1, u, sizeof(u)),
	    macstr(s->peer, m), method_name[s->method], why);
	count_failure(srv, s->peer);
	s->state = S_VERDICT;
	l2c_timer_arm(srv->ctx->loop, &s->verdict, srv->conf.fail_delay_us);
}

/*
 * The client sent its user and key: answer W_s and the salt.  A known
 * user's verifier, or one made up for an unknown user (same salt on
 * every try, same work), so the answer tells nothing about the user.
 */
static void
start_ecsrp(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	const struct mt_user	*u;
	uint8_t			 key[ECSRP_KEY_LEN + ECSRP_SALT_LEN];
	char			 user[LOGIN_MAX + 1];
	int			 rv;

	s->method = M_ECSRP;
	if (blocked(srv, s->peer)) {
		refuse(s, MSG_BLOCKED);
		return;
	}
	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->user1),
	    s->user1);
	(void)mt_users_refresh(srv->conf.users);
	u = mt_users_find(srv->conf.users, user, strlen(user));
	s->known = u != NULL;
	if (u != NULL && u->hashed) {
		memcpy(s->i, u->i, sizeof(s->i));
		memcpy(s->salt, u->salt, sizeof(s->salt));
		rv = 0;
	} else if ((rv = derive(srv, 's', user, s->salt,
	    sizeof(s->salt))) == 0) {
		/* Unknown: a made-up verifier, the same work as a real one. */
		rv = u != NULL ? ecsrp_verifier(user, u->password, s->salt,
		    s->i) : derive(srv, 'i', user, s->i, sizeof(s->i));
	}
	if (rv == 0 && (rv = ecsrp_key_check(srv->e, s->wc, s->wc)) != 0) {
		fail(s, "the client's public key is not on the curve");
		return;
	}
	if (rv == 0)
		rv = rng(srv, s->s, sizeof(s->s));
	if (rv == 0) {
		srv->st.crypto_ops++;
		rv = ecsrp_server_key(srv->e, s->s, s->i, s->ws);
	}
	if (rv != 0) {
		l2c_warn("mt-server: EC-SRP5 key: %s", l2c_strerror(rv));
		refuse(s, MSG_INTERNAL);
		return;
	}
	memcpy(key, s->ws, ECSRP_KEY_LEN);
	memcpy(key + ECSRP_KEY_LEN, s->salt, ECSRP_SALT_LEN);
	(void)queue_msg(s, MT_CP_PASSSALT, key, sizeof(key));
	s->state = S_KEY;
	pump(s);
}

/* A bare begin auth: the legacy MD5 login, unless refused. */
static void
start_md5(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	char			 m[L2C_MAC_STRLEN];

	s->method = M_MD5;
	if (srv->conf.no_md5) {
		l2c_info("mt-server: MD5 login from %s refused (--no-md5)",
		    macstr(s->peer, m));
		refuse(s, MSG_NOMD5);
		return;
	}
	if (blocked(srv, s->peer)) {
		refuse(s, MSG_BLOCKED);
		return;
	}
	if (rng(srv, s->salt, MT_MD5_SALT_LEN) != 0) {
		refuse(s, MSG_INTERNAL);
		return;
	}
	(void)queue_msg(s, MT_CP_PASSSALT, s->salt, MT_MD5_SALT_LEN);
	s->state = S_KEY;
	pump(s);
}

/* Logged in: start the program and say end auth. */
static void
open_terminal(struct sess *s, const char *user)
{
	struct mt_server	*srv = s->srv;
	struct mt_srv_login	 lg;
	char			 m[L2C_MAC_STRLEN], u[LOGIN_MAX + 1];
	int			 rv;

	memset(&lg, 0, sizeof(lg));
	lg.user = user;
	lg.login = s->login;
	lg.term = s->term;
	lg.cols = s->cols;
	lg.rows = s->rows;
	lg.peer = s->peer;
	lg.method = method_name[s->method];
	rv = srv->conf.spawn(srv->conf.spawn_arg, &lg, &s->fd, &s->pid);
	if (rv == L2C_ERR_AUTH || rv == L2C_ERR_NOTFOUND) {
		fail(s, "no such account on this host");
		return;
	}
	if (rv != 0) {
		s->fd = -1;
		s->pid = 0;
		l2c_warn("mt-server: cannot start the program for \"%s\": %s",
		    clean(user, u, sizeof(u)), l2c_strerror(rv));
		refuse(s, MSG_INTERNAL);
		return;
	}
	srv->st.logins_ok++;
	srv->st.active++;
	s->counted = 1;
	l2c_info("mt-server: \"%s\" logged in from %s (%s)",
	    clean(s->login, u, sizeof(u)), macstr(s->peer, m),
	    method_name[s->method]);
	s->state = S_ACTIVE;
	(void)queue_msg(s, MT_CP_END_AUTH, NULL, 0);
	pump(s);
}

/*
 * Password and user are in: check them with the same computation
 * whatever the user (unknown, verifier-only over MD5, wrong password).
 */
static void
verify(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	const struct mt_user	*u;
	char			 user[LOGIN_MAX + 1], dummy[33];
	uint8_t			 d[16];
	const char		*why = "wrong password";
	size_t			 k;
	int			 ok = 0, rv;

	snprintf(user, sizeof(user), "%.*s", (int)ecsrp_user_len(s->login),
	    s->login);
	if (s->method == M_ECSRP) {
		uint8_t proof[ECSRP_LEN];

		memset(proof, 0, sizeof(proof));
		memcpy(proof, s->pass, s->passlen < sizeof(proof) ?
		    s->passlen : sizeof(proof));
		srv->st.crypto_ops++;
		rv = ecsrp_server_check(srv->e, s->s, s->i, s->wc, s->ws,
		    proof);
		ok = rv == 0 && s->known && s->passlen == ECSRP_LEN &&
		    !s->bad_login && strlen(user) == ecsrp_user_len(s->user1) &&
		    strncmp(user, s->user1, strlen(user)) == 0;
		if (!s->known)
			why = "no such user";
		else if (rv == 0 && !ok)
			why = "user name changed during the login";
		OPENSSL_cleanse(proof, sizeof(proof));
	} else {
		(void)mt_users_refresh(srv->conf.users);
		u = mt_users_find(srv->conf.users, user, strlen(user));
		srv->st.md5_checks++;
		if (u != NULL && !u->hashed && s->passlen == MT_MD5_RESP_LEN) {
			ok = mt_md5_check(u->password, s->salt, s->pass) == 0 &&
			    !s->bad_login;
		} else {
			/* The same work against a password nobody has. */
			(void)derive(srv, 'm', user, d, sizeof(d));
			for (k = 0; k < sizeof(d); k++)
				snprintf(dummy + 2 * k, 3, "%02x", d[k]);
			(void)mt_md5_check(dummy, s->salt, s->pass);
			OPENSSL_cleanse(dummy, sizeof(dummy));
			why = u == NULL ? "no such user" : u->hashed ?
			    "the user has only an EC-SRP5 verifier, MD5 "
			    "cannot work" : "bad password field";
		}
	}
	wipe_secrets(s);
	if (!ok) {
		fail(s, why);
		return;
	}
	open_terminal(s, user);
}

/* --- DATA from the client ----------------------------------------- */

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
		start_ecsrp(s);
	else if (s->state == S_AUTH && begin)
		start_md5(s);
	else if (s->state == S_KEY && s->have_pass && s->have_user)
		verify(s);
	if (s->state == S_ACTIVE && s->fd >= 0) {
		if (resized)
			(void)l2c_login_resize(s->fd, s->cols, s->rows);
		flush_input(s);
		update_watch(s);
	}
}

/* New by the counter: not the last one again, and not behind it. */
static int
data_is_new(const struct sess *s, uint32_t c)
{
	if (!s->have_in)
		return 1;
	if (c == s->in_next || c == (s->in_next & 0xffff))
		return 1;
	if (c == s->in_last)
		return 0;
	return (uint32_t)(c - s->in_last) < 0x80000000U;
}

/* --- sessions ----------------------------------------------------- */

static unsigned
hash(const uint8_t *mac, uint16_t key)
{
	unsigned	h = key;
	size_t		i;

	for (i = 0; i < L2C_ETH_ALEN; i++)
		h = h * 31 + mac[i];
	return h % NBUCKET;
}

static struct sess *
sess_find(struct mt_server *srv, const uint8_t *mac, uint16_t key)
{
	struct sess	*s;

	for (s = srv->bucket[hash(mac, key)]; s != NULL; s = s->hnext)
		if (s->key == key && memcmp(s->peer, mac, L2C_ETH_ALEN) == 0)
			return s;
	return NULL;
}

static void	rtx_cb(void *);
static void	idle_cb(void *);

/* The idle deadline, and before login the grace deadline too. */
static void
arm_idle(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	uint64_t		 when = s->last_rx + srv->conf.idle_us;

	if (s->state < S_ACTIVE && s->created + GRACE_US < when)
		when = s->created + GRACE_US;
	l2c_timer_arm_at(srv->ctx->loop, &s->idle, when);
}

/* A session for a START; none when full or shutting down. */
static struct sess *
sess_new(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h)
{
	struct sess	*s;
	unsigned	 b;

	if (srv->nsess >= srv->conf.max_sessions || srv->shutting_down)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->srv = srv;
	memcpy(s->peer, h->src, L2C_ETH_ALEN);
	memcpy(s->eth, pkt->src, L2C_ETH_ALEN);
	s->key = h->session;
	s->client_type = h->client_type;
	s->sport = pkt->sport;
	s->fd = -1;
	s->created = s->last_rx = l2c_now_us();
	l2c_timer_init(&s->rtx, rtx_cb, s);
	l2c_timer_init(&s->idle, idle_cb, s);
	l2c_timer_init(&s->verdict, verdict_cb, s);
	b = hash(s->peer, s->key);
	s->hnext = srv->bucket[b];
	srv->bucket[b] = s;
	if ((s->next = srv->all) != NULL)
		s->next->prev = s;
	srv->all = s;
	srv->nsess++;
	srv->st.sessions++;
	arm_idle(s);
	return s;
}

/* Gone: timers off, program hung up, secrets wiped. */
static void
sess_destroy(struct sess *s)
{
	struct mt_server	*srv = s->srv;
	struct l2c_loop		*loop = srv->ctx->loop;
	struct sess		**pp;

	l2c_timer_cancel(loop, &s->rtx);
	l2c_timer_cancel(loop, &s->idle);
	l2c_timer_cancel(loop, &s->verdict);
	hangup(s);
	for (pp = &srv->bucket[hash(s->peer, s->key)]; *pp != NULL;
	    pp = &(*pp)->hnext)
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		srv->all = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
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

	if (s->state == S_ENDSENT) {
		if (++s->end_tries >= END_TRIES) {
			sess_destroy(s);
			return;
		}
		send_simple(s, MT_PT_END, s->out_counter);
		s->rtx_n++;
		arm_rtx(s);
		return;
	}
	if (!s->inflight)
		return;
	(void)l2c_link_send(s->srv->ctx->link, s->tx, s->txlen);
	s->srv->st.retransmits++;
	s->rtx_n++;
	arm_rtx(s);
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

	if (now < s->last_rx + s->srv->conf.idle_us &&
	    (s->state >= S_ACTIVE || now < s->created + GRACE_US)) {
		arm_idle(s);
		return;
	}
	l2c_info("mt-server: session %u from %s timed out", s->key,
	    macstr(s->peer, m));
	/* As mactelnetd: a last word if the wire is free, then END. */
	if (!s->inflight && s->state != S_ENDSENT) {
		l2c_wbuf_init(&w, msg, sizeof(msg));
		if (mt_cpkt_put(&w, MT_CP_DATA, MSG_TIMEOUT,
		    strlen(MSG_TIMEOUT)) == 0 && send_pkt(s, MT_PT_DATA,
		    s->out_counter, msg, w.len, frame, &flen) == 0)
			s->out_counter += (uint32_t)w.len;
	}
	if (s->state != S_ENDSENT)
		send_simple(s, MT_PT_END, s->out_counter);
	sess_destroy(s);
}

/* START: a new session, or our lost ACK said again. */
static void
on_start(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h)
{
	struct sess	*s;

	if ((s = sess_find(srv, h->src, h->session)) != NULL) {
		if (!s->have_in && s->state == S_AUTH) {
			/* Our ACK was lost: say it again. */
			s->last_rx = l2c_now_us();
			send_simple(s, MT_PT_ACK, h->counter);
			return;
		}
		/* The client started over with the same key. */
		sess_destroy(s);
	}
	if ((s = sess_new(srv, pkt, h)) == NULL) {
		l2c_debug("mt-server: no room for another session");
		return;
	}
	send_simple(s, MT_PT_ACK, h->counter);
}

/* DATA: acked (copies too) when there is room, then used once. */
static void
on_data(struct sess *s, const struct mt_hdr *h, struct l2c_rbuf *r)
{
	const uint8_t	*p = l2c_rbuf_cur(r);
	size_t		 len = l2c_rbuf_left(r);
	int		 fresh = data_is_new(s, h->counter);

	/* No room for the bytes: no ack, the client sends them again. */
	if (fresh && s->state == S_ACTIVE &&
	    term_bytes(p, len) > INBUF - s->inlen)
		return;
	send_simple(s, MT_PT_ACK, h->counter + (uint32_t)len);
	if (!fresh || s->state == S_ENDSENT)
		return;
	s->have_in = 1;
	s->in_last = h->counter;
	s->in_next = h->counter + (uint32_t)len;
	data_in(s, p, len);
}

/* ACK: of our DATA in flight, or a keepalive. */
static void
on_ack(struct sess *s, const struct mt_hdr *h)
{
	if (s->inflight && h->counter == s->out_counter) {
		s->inflight = 0;
		l2c_timer_cancel(s->srv->ctx->loop, &s->rtx);
		pump(s);
		return;
	}
	/*
	 * A keepalive carries the client's own counter: echo it (as
	 * mactelnetd does), which is also a true ack of all it sent.  A
	 * stale ack of ours (one per retransmitted copy) is dropped.
	 */
	if (h->counter == (s->have_in ? s->in_next : 0))
		send_simple(s, MT_PT_ACK, h->counter);
}

/* END from the client: answered unless ours crossed it. */
static void
on_end(struct sess *s, const struct mt_hdr *h)
{
	if (s->state != S_ENDSENT)
		send_simple(s, MT_PT_END, h->counter);
	sess_destroy(s);
}

/* MAC ping: the same payload back, at most pings_per_min. */
static void
on_ping(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h, struct l2c_rbuf *r)
{
	struct l2c_wbuf	w, f;
	struct mt_hdr	pong;
	uint8_t		udp[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];
	uint64_t	per = 60000000ULL / srv->conf.pings_per_min;

	if (!gcra(&srv->ping_tat, l2c_now_us(), per, srv->conf.pings_per_min)) {
		srv->st.pings_dropped++;
		return;
	}
	memset(&pong, 0, sizeof(pong));
	pong.type = MT_PT_PONG;
	memcpy(pong.src, srv->ctx->link->mac, L2C_ETH_ALEN);
	memcpy(pong.dst, h->src, L2C_ETH_ALEN);
	l2c_wbuf_init(&w, udp, sizeof(udp));
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if (mt_hdr_build(&w, MT_S2C, &pong) != 0 ||
	    l2c_put_bytes(&w, l2c_rbuf_cur(r), l2c_rbuf_left(r)) != 0 ||
	    mt_frame_build(&f, pkt->src, srv->ctx->link->mac,
	    srv->conf.ipsrc, MT_PORT, pkt->sport, udp, w.len) != 0)
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
		    gcra(&srv->mndp_tat, l2c_now_us(), L2C_SEC(1), MNDP_BURST))
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
		on_start(srv, pkt, &h);
		return;
	default:
		break;
	}
	if ((s = sess_find(srv, h.src, h.session)) == NULL)
		return;
	s->last_rx = l2c_now_us();
	switch (h.type) {
	case MT_PT_DATA:
		on_data(s, &h, &r);
		break;
	case MT_PT_ACK:
		on_ack(s, &h);
		break;
	case MT_PT_END:
		on_end(s, &h);
		break;
	default:
		break;
	}
}

/* --- children ------------------------------------------------------ */

static void
sigchld_cb(void *arg, int signo)
{
	struct mt_server	*srv = arg;
	struct sess		*s;
	pid_t			 pid;
	size_t			 i;
	int			 status;

	(void)signo;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < srv->norphans; i++)
			if (srv->orphans[i].pid == pid) {
				srv->orphans[i] = srv->orphans[--srv->norphans];
				break;
			}
		for (s = srv->all; s != NULL; s = s->next)
			if (s->pid == pid) {
				s->pid = 0;
				s->child_done = 1;
				pump(s);
				break;
			}
	}
	if (srv->norphans == 0)
		l2c_timer_cancel(srv->ctx->loop, &srv->orphan_timer);
}

/* Children that outlived their SIGHUP get SIGKILL. */
static void
orphan_cb(void *arg)
{
	struct mt_server	*srv = arg;
	uint64_t		 now = l2c_now_us(), next = 0;
	size_t			 i;

	for (i = 0; i < srv->norphans; i++) {
		if (srv->orphans[i].kill_at <= now) {
			kill(-srv->orphans[i].pid, SIGKILL);
			kill(srv->orphans[i].pid, SIGKILL);
			srv->orphans[i].kill_at = now + KILL_GRACE_US;
		}
		if (next == 0 || srv->orphans[i].kill_at < next)
			next = srv->orphans[i].kill_at;
	}
	if (next != 0)
		l2c_timer_arm_at(srv->ctx->loop, &srv->orphan_timer, next);
}

/* --- MNDP ----------------------------------------------------------- */

int
mt_server_announce(struct mt_server *srv)
{
	struct mndp_announce	 a;
	struct sysinfo		 si;
	struct l2c_wbuf		 w, f;
	uint8_t			 udp[512], frame[L2C_ETH_MAXLEN];
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
	l2c_wbuf_init(&w, udp, sizeof(udp));
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if ((rv = mndp_announce_build(&w, &a)) != 0 ||
	    (rv = l2c_udp_build(&f, l2c_mac_bcast, srv->ctx->link->mac,
	    srv->conf.ipsrc, 0xffffffffU, MNDP_PORT, MNDP_PORT, udp,
	    w.len)) != 0 ||
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

/* --- the server ------------------------------------------------------ */

int
mt_server_new(struct l2c_ctx *ctx, const struct mt_srv_conf *conf,
    struct mt_server **out)
{
	struct mt_server	*srv;
	int			 rv;

	*out = NULL;
	if (conf->users == NULL || conf->spawn == NULL)
		return L2C_ERR_INVAL;
	if ((srv = calloc(1, sizeof(*srv))) == NULL)
		return L2C_ERR_NOMEM;
	srv->ctx = ctx;
	srv->conf = *conf;
	srv->rxid = -1;
	if (srv->conf.idle_us == 0)
		srv->conf.idle_us = MT_SRV_IDLE_US;
	if (srv->conf.pings_per_min == 0)
		srv->conf.pings_per_min = MT_SRV_PINGS_PER_MIN;
	if (srv->conf.max_sessions == 0)
		srv->conf.max_sessions = MT_SRV_MAX_SESSIONS;
	if (srv->conf.max_fails == 0)
		srv->conf.max_fails = MT_SRV_MAX_FAILS;
	if (srv->conf.fail_window_us == 0)
		srv->conf.fail_window_us = MT_SRV_FAIL_WINDOW_US;
	if (srv->conf.block_us == 0)
		srv->conf.block_us = MT_SRV_BLOCK_US;
	l2c_timer_init(&srv->orphan_timer, orphan_cb, srv);
	l2c_timer_init(&srv->mndp_timer, mndp_cb, srv);
	if ((rv = rng(srv, srv->secret, sizeof(srv->secret))) != 0 ||
	    (rv = ecsrp_new(&srv->e)) != 0 ||
	    (rv = l2c_loop_signal(ctx->loop, SIGCHLD, sigchld_cb, srv)) != 0)
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
	for (s = srv->all; s != NULL; s = next) {
		next = s->next;
		if (s->state == S_ENDSENT)
			continue;
		if (s->state != S_ACTIVE && s->state != S_DRAIN) {
			send_simple(s, MT_PT_END, s->out_counter);
			sess_destroy(s);
			continue;
		}
		hangup(s);
		if (msg != NULL)
			(void)queue_msg(s, MT_CP_DATA, msg, strlen(msg));
		s->end_after = 1;
		s->state = S_DRAIN;
		pump(s);
	}
}

int
mt_server_done(const struct mt_server *srv)
{
	return srv->shutting_down && srv->all == NULL;
}

/* Everything goes now: sessions, children (SIGKILL, reaped), us. */
void
mt_server_free(struct mt_server *srv)
{
	struct l2c_loop	*loop;
	size_t		 i;

	if (srv == NULL)
		return;
	loop = srv->ctx->loop;
	while (srv->all != NULL)
		sess_destroy(srv->all);
	for (i = 0; i < srv->norphans; i++) {
		kill(-srv->orphans[i].pid, SIGKILL);
		kill(srv->orphans[i].pid, SIGKILL);
		(void)waitpid(srv->orphans[i].pid, NULL, 0);
	}
	free(srv->orphans);
	l2c_timer_cancel(loop, &srv->orphan_timer);
	l2c_timer_cancel(loop, &srv->mndp_timer);
	if (srv->rxid >= 0)
		l2c_ctx_unlisten(srv->ctx, srv->rxid);
	(void)l2c_loop_signal(loop, SIGCHLD, NULL, NULL);
	ecsrp_free(srv->e);
	OPENSSL_cleanse(srv, sizeof(*srv));
	free(srv);
}

void
mt_server_stats(const struct mt_server *srv, struct mt_srv_stats *st)
{
	*st = srv->st;
}

size_t
mt_server_sessions(const struct mt_server *srv)
{
	return srv->nsess;
}
