/* SPDX-License-Identifier: ISC */
/*
 * The MOP console server.  One holder at a time; the reservation timer
 * restarts with each poll from the holder.  A poll repeating the last
 * number is a retransmission and gets the last response again; any
 * other number is new (so requesters that start at 0 and at 1 both
 * work).  The program on the pty starts with each reservation and is
 * hung up when the reservation ends.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "core/login.h"
#include "core/pty.h"
#include "mop/loopback.h"
#include "mop/mop_server.h"
#include "mop/sysid.h"

#define OUT_CAP		65536
#define IN_CAP		65536
#define RSP_MAX		MOP_SERVER_SIZE
#define LEAD_POLL	L2C_SEC(1)	/* has the program ended? */

static const char ended_note[] = "\r\n[l2console: the console program "
    "ended; type Enter to start it again]\r\n";

struct mop_server {
	struct l2c_ctx		*ctx;
	struct mop_server_conf	 o;
	int			 rx_con, rx_loop;
	uint64_t		 started;
	/* The reservation. */
	int			 held;
	uint8_t			 holder[L2C_ETH_ALEN];
	int			 have_last;
	uint8_t			 last_flags;
	uint8_t			 last[RSP_MAX];
	size_t			 last_len;
	uint8_t			 lost;		/* flags for the next response */
	/* The program and its terminal. */
	struct l2c_pty		 pty;
	short			 watching;	/* events asked of the loop */
	uint8_t			*out;		/* pty -> holder */
	size_t			 outlen;
	uint8_t			*in;		/* holder -> pty */
	size_t			 inlen;
	struct l2c_timer	 t_rsv, t_sysid, t_lead;
	struct mop_server_stats	 st;
	struct mop_srv_guard	 guard;
};

static char *
macstr(const uint8_t *mac, char *buf)
{
	return l2c_mac_fmt(mac, buf, L2C_MAC_STRLEN);
}

static void
send_frame(struct mop_server *s, const uint8_t *dst, const struct mop_msg *m)
{
	uint8_t		buf[L2C_ETH_MAXLEN];
	struct l2c_wbuf	w;
	int		rv;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	if ((rv = mop_build(&w, dst, s->ctx->link->mac, L2C_ENCAP_ETH2,
	    m)) != 0 ||
	    (rv = l2c_link_send(s->ctx->link, buf, w.len)) != 0)
		l2c_warn("mop: cannot send %s: %s", mop_code_name(m->code),
		    l2c_strerror(rv));
}

static void
send_sysid(struct mop_server *s, const uint8_t *dst, uint16_t receipt)
{
	struct mop_sysid	si;
	struct mop_msg		m;
	uint8_t			info[512];
	struct l2c_wbuf		w;

	memset(&si, 0, sizeof(si));
	si.have = MOP_HAVE_VERSION | MOP_HAVE_FUNCTIONS | MOP_HAVE_RSV_TIMER |
	    MOP_HAVE_CMD_SIZE | MOP_HAVE_RSP_SIZE | MOP_HAVE_HWADDR |
	    MOP_HAVE_SOFTWARE | MOP_HAVE_PROCESSOR | MOP_HAVE_DATALINK |
	    MOP_HAVE_DL_BUFSIZE;
	memcpy(si.version, "\x03\x00\x00", 3);
	si.functions = MOP_FN_LOOP | MOP_FN_CONSOLE | MOP_FN_COUNTERS;
	if (s->held) {
		si.functions |= MOP_FN_RESERVED;
		si.have |= MOP_HAVE_CONSOLE_USER;
		memcpy(si.console_user, s->holder, L2C_ETH_ALEN);
	}
	si.rsv_timer = s->o.rsv_timer;
	si.cmd_size = si.rsp_size = MOP_SERVER_SIZE;
	memcpy(si.hwaddr, s->ctx->link->mac, L2C_ETH_ALEN);
	snprintf(si.software, sizeof(si.software), "%s", s->o.software);
	si.software_kind = (int)strlen(si.software);
	si.processor = 2;		/* communication server */
	si.datalink = 1;		/* Ethernet */
	si.dl_bufsize = (uint16_t)(s->ctx->link->mtu > 0 ?
	    s->ctx->link->mtu : 1500);
	l2c_wbuf_init(&w, info, sizeof(info));
	if (mop_sysid_build(&w, &si) != 0)
		return;
	memset(&m, 0, sizeof(m));
	m.code = MOP_SYSTEM_ID;
	m.u.sysid.receipt = receipt;
	m.u.sysid.info = info;
	m.u.sysid.infolen = w.len;
	send_frame(s, dst, &m);
}

static void	pty_cb(void *, int, short);

/* Ask the loop for what we can use now; nothing while the buffer is full. */
static void
pty_watch(struct mop_server *s)
{
	short	ev = 0;

	if (s->pty.fd != -1) {
		if (s->outlen < OUT_CAP)
			ev |= POLLIN;
		if (s->inlen > 0)
			ev |= POLLOUT;
	}
	if (ev == s->watching)
		return;
	if (ev == 0)
		l2c_loop_fd_del(s->ctx->loop, s->pty.fd);
	else if (l2c_loop_fd(s->ctx->loop, s->pty.fd, ev, pty_cb, s) != 0)
		return;
	s->watching = ev;
}

static void
pty_hangup(struct mop_server *s)
{
	int	had = s->pty.fd != -1;

	if (s->pty.fd != -1 && s->watching)
		l2c_loop_fd_del(s->ctx->loop, s->pty.fd);
	s->watching = 0;
	l2c_timer_cancel(s->ctx->loop, &s->t_lead);
	l2c_pty_close(&s->pty);
	if (had && s->guard.hangup != NULL)
		s->guard.hangup(s->guard.arg);
}

static void
out_append(struct mop_server *s, const void *p, size_t len)
{
	if (len > OUT_CAP - s->outlen) {
		len = OUT_CAP - s->outlen;
		s->lost |= MOP_RSP_RSP_LOST;
	}
	memcpy(s->out + s->outlen, p, len);
	s->outlen += len;
}

static void
child_ended(struct mop_server *s)
{
	pty_hangup(s);
	s->inlen = 0;
	if (s->held)
		out_append(s, ended_note, sizeof(ended_note) - 1);
}

int
mop_server_spawn(const struct mop_server_conf *o, int *fd, pid_t *pid)
{
	struct l2c_login	lg;
	int			rv;

	/* login.c: the account's ids and the documented environment. */
	memset(&lg, 0, sizeof(lg));
	lg.user = o->user;
	lg.argv = o->argv;
	lg.term = "vt100";
	if ((rv = l2c_login_spawn(&lg, fd, pid)) != 0) {
		l2c_warn("mop: cannot start %s: %s", o->argv[0],
		    l2c_strerror(rv));
		return rv;
	}
	l2c_info("mop: started %s (pid %d)", o->argv[0], (int)*pid);
	return 0;
}

/* Every byte looked at, right or wrong: the time tells nothing. */
int
mop_server_verif_ok(const struct mop_server_conf *o,
    const uint8_t verif[MOP_VERIF_LEN])
{
	uint8_t	d = 0;
	size_t	i;

	if (!o->verify)
		return 1;
	for (i = 0; i < MOP_VERIF_LEN; i++)
		d |= verif[i] ^ o->verif[i];
	return d == 0;
}

static int
spawn(struct mop_server *s)
{
	int	rv;

	if ((rv = s->guard.spawn(s->guard.arg, &s->pty.fd,
	    &s->pty.pid)) != 0)
		return rv;
	l2c_timer_arm(s->ctx->loop, &s->t_lead, LEAD_POLL);
	pty_watch(s);
	return 0;
}

static int
l_reserve(void *arg, const uint8_t verif[MOP_VERIF_LEN])
{
	struct mop_server	*s = arg;

	return mop_server_verif_ok(&s->o, verif);
}

static int
l_spawn(void *arg, int *fd, pid_t *pid)
{
	struct mop_server	*s = arg;

	return mop_server_spawn(&s->o, fd, pid);
}

static void
flush_in(struct mop_server *s)
{
	ssize_t	n;

	while (s->inlen > 0 && s->pty.fd != -1) {
		n = write(s->pty.fd, s->in, s->inlen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				s->inlen = 0;
			break;
		}
		memmove(s->in, s->in + n, s->inlen - (size_t)n);
		s->inlen -= (size_t)n;
	}
	pty_watch(s);
}

static void
pty_cb(void *arg, int fd, short revents)
{
	struct mop_server	*s = arg;
	ssize_t			 n;

	if (revents & POLLOUT)
		flush_in(s);
	if (!(revents & (POLLIN | POLLHUP | POLLERR)) || s->pty.fd != fd)
		return;
	while (s->outlen < OUT_CAP) {
		n = read(fd, s->out + s->outlen, OUT_CAP - s->outlen);
		if (n > 0) {
			s->outlen += (size_t)n;
			s->st.bytes_out += (uint64_t)n;
			continue;
		}
		if (n < 0 && (errno == EINTR))
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		/* EIO (or EOF): nobody has the slave open any more. */
		child_ended(s);
		return;
	}
	pty_watch(s);
}

/*
 * The program ended though a job it left in the background still holds
 * the terminal (no EIO): its output so far, then the note, as at EIO.
 * A full buffer waits for the next look.
 */
static void
on_lead_timer(void *arg)
{
	struct mop_server	*s = arg;
	int			 fd = s->pty.fd;

	if (fd == -1)
		return;
	if (s->outlen < OUT_CAP && l2c_pty_lead_gone(fd)) {
		pty_cb(s, fd, POLLIN);
		if (s->pty.fd == fd && s->outlen < OUT_CAP) {
			child_ended(s);
			return;
		}
	}
	if (s->pty.fd != -1)
		l2c_timer_arm(s->ctx->loop, &s->t_lead, LEAD_POLL);
}

static void
drop(struct mop_server *s, const char *why)
{
	char	a[L2C_MAC_STRLEN];

	if (!s->held)
		return;
	l2c_info("mop: %s: reservation %s", macstr(s->holder, a), why);
	s->held = 0;
	s->have_last = 0;
	s->lost = 0;
	l2c_timer_cancel(s->ctx->loop, &s->t_rsv);
	pty_hangup(s);
	s->outlen = s->inlen = 0;
	if (s->guard.release != NULL)
		s->guard.release(s->guard.arg);
}

static void
on_rsv_timer(void *arg)
{
	struct mop_server	*s = arg;

	s->st.expired++;
	drop(s, "timed out");
}

static void
on_reserve(struct mop_server *s, const struct l2c_pkt *pkt,
    const struct mop_msg *m)
{
	char	a[L2C_MAC_STRLEN], b[L2C_MAC_STRLEN];

	if (s->held && memcmp(s->holder, pkt->src, L2C_ETH_ALEN) != 0) {
		s->st.refused++;
		l2c_info("mop: %s: refused, reserved by %s",
		    macstr(pkt->src, a), macstr(s->holder, b));
		return;
	}
	if (s->guard.reserve(s->guard.arg, m->u.reserve.verif) != 1) {
		s->st.refused++;
		l2c_info("mop: %s: refused, wrong verification",
		    macstr(pkt->src, a));
		return;
	}
	if (!s->held) {
		s->held = 1;
		memcpy(s->holder, pkt->src, L2C_ETH_ALEN);
		s->st.reservations++;
		s->outlen = s->inlen = 0;
		l2c_info("mop: %s: reserved", macstr(pkt->src, a));
		if (spawn(s) != 0) {
			drop(s, "abandoned");
			return;
		}
	}
	/* Reserved (again): the next poll is new, whatever its number. */
	s->have_last = 0;
	l2c_timer_arm(s->ctx->loop, &s->t_rsv,
	    (uint64_t)s->o.rsv_timer * 1000000);
}

static void
respond(struct mop_server *s, const uint8_t *dst)
{
	struct mop_msg	m;

	mop_msg_console(&m, MOP_RESPONSE, s->last_flags, s->last, s->last_len);
	send_frame(s, dst, &m);
}

static void
on_command(struct mop_server *s, const struct l2c_pkt *pkt,
    const struct mop_msg *m)
{
	uint8_t	num = m->u.con.flags & MOP_CMD_MSGNUM;
	size_t	n;

	if (!s->held || memcmp(s->holder, pkt->src, L2C_ETH_ALEN) != 0) {
		s->st.foreign++;
		return;
	}
	l2c_timer_arm(s->ctx->loop, &s->t_rsv,
	    (uint64_t)s->o.rsv_timer * 1000000);
	if (s->have_last && (s->last_flags & MOP_RSP_ACK) == num) {
		s->st.duplicates++;
		respond(s, pkt->src);
		return;
	}
	if (m->u.con.dlen > 0) {
		if (s->pty.fd == -1)
			(void)spawn(s);
		n = m->u.con.dlen;
		if (n > IN_CAP - s->inlen) {
			n = IN_CAP - s->inlen;
			s->lost |= MOP_RSP_CMD_LOST;
		}
		memcpy(s->in + s->inlen, m->u.con.data, n);
		s->inlen += n;
		s->st.bytes_in += n;
		flush_in(s);
	}
	if ((m->u.con.flags & MOP_CMD_BREAK) && s->pty.fd != -1)
		(void)l2c_pty_signal(&s->pty, SIGINT);
	n = s->outlen < RSP_MAX ? s->outlen : RSP_MAX;
	memcpy(s->last, s->out, n);
	memmove(s->out, s->out + n, s->outlen - n);
	s->outlen -= n;
	s->last_len = n;
	s->last_flags = (uint8_t)(num | s->lost);
	s->lost = 0;
	s->have_last = 1;
	respond(s, pkt->src);
	pty_watch(s);
}

static void
on_reqctr(struct mop_server *s, const struct l2c_pkt *pkt,
    const struct mop_msg *m)
{
	const struct l2c_link_stats	*ls = &s->ctx->link->stats;
	struct mop_msg			 c;
	uint64_t			 secs;

	memset(&c, 0, sizeof(c));
	c.code = MOP_COUNTERS;
	c.u.counters.receipt = m->u.reqctr.receipt;
	secs = (l2c_now_us() - s->started) / 1000000;
	c.u.counters.seconds = (uint16_t)(secs > 0xffff ? 0xffff : secs);
	c.u.counters.c32[0] = (uint32_t)ls->rx_bytes;
	c.u.counters.c32[1] = (uint32_t)ls->tx_bytes;
	c.u.counters.c32[2] = (uint32_t)ls->rx_frames;
	c.u.counters.c32[3] = (uint32_t)ls->tx_frames;
	send_frame(s, pkt->src, &c);
}

static void
rx_console(void *arg, const struct l2c_pkt *pkt)
{
	struct mop_server	*s = arg;
	const uint8_t		*self = s->ctx->link->mac;
	struct mop_msg		 m;
	int			 to_us;

	if (memcmp(pkt->src, self, L2C_ETH_ALEN) != 0 &&
	    mop_parse_pkt(pkt, &m) == 0) {
		to_us = memcmp(pkt->dst, self, L2C_ETH_ALEN) == 0;
		switch (m.code) {
		case MOP_REQUEST_ID:
			if (to_us || memcmp(pkt->dst, mop_mcast_console,
			    L2C_ETH_ALEN) == 0)
				send_sysid(s, pkt->src, m.u.reqid.receipt);
			break;
		case MOP_REQUEST_COUNTERS:
			if (to_us)
				on_reqctr(s, pkt, &m);
			break;
		case MOP_RESERVE:
			if (to_us)
				on_reserve(s, pkt, &m);
			break;
		case MOP_RELEASE:
			if (!to_us)
				break;
			if (s->held &&
			    memcmp(s->holder, pkt->src, L2C_ETH_ALEN) == 0)
				drop(s, "released");
			else
				s->st.foreign++;
			break;
		case MOP_COMMAND:
			if (to_us)
				on_command(s, pkt, &m);
			break;
		default:
			break;
		}
	}
}

/* Loopback: forward what is addressed to us to where it asks. */
static void
rx_loop(void *arg, const struct l2c_pkt *pkt)
{
	struct mop_server	*s = arg;
	struct mop_loop		 m;
	uint8_t			 buf[L2C_ETH_MAXLEN];
	struct l2c_wbuf		 w;

	if (pkt->encap != L2C_ENCAP_ETH2 ||
	    memcmp(pkt->dst, s->ctx->link->mac, L2C_ETH_ALEN) != 0 ||
	    mop_loop_parse(pkt->payload, pkt->plen, &m) != 0 ||
	    m.function != MOP_LOOP_FORWARD)
		return;
	l2c_wbuf_init(&w, buf, sizeof(buf));
	if (mop_loop_build_forward(&w, s->ctx->link->mac, pkt->payload,
	    pkt->plen, &m) == 0)
		(void)l2c_link_send(s->ctx->link, buf, w.len);
}

static void
on_sysid_timer(void *arg)
{
	struct mop_server	*s = arg;

	send_sysid(s, mop_mcast_console, 0);
	l2c_timer_arm(s->ctx->loop, &s->t_sysid, s->o.sysid_interval_us);
}

static void
on_sigchld(void *arg, int signo)
{
	struct mop_server	*s = arg;

	(void)signo;
	/* Reap now; the pty's EIO tells us when its output has been read. */
	if (s->pty.pid > 0 && l2c_pty_reap(&s->pty) == 1)
		l2c_info("mop: console program exited (status %d)",
		    s->pty.status);
}

void
mop_server_defaults(struct mop_server_conf *o)
{
	memset(o, 0, sizeof(*o));
	o->rsv_timer = MOP_SERVER_RSV_TIMER;
	o->software = "l2console";
}

int
mop_server_new(struct l2c_ctx *ctx, const struct mop_server_conf *o,
    struct mop_server **sp)
{
	struct mop_server	*s;
	char			 filter[256];
	int			 rv;

	if (o->argv == NULL || o->argv[0] == NULL)
		return L2C_ERR_INVAL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return L2C_ERR_NOMEM;
	s->ctx = ctx;
	s->o = *o;
	if (o->guard != NULL)
		s->guard = *o->guard;
	else {
		s->guard.reserve = l_reserve;
		s->guard.spawn = l_spawn;
		s->guard.arg = s;
	}
	if (s->o.rsv_timer == 0)
		s->o.rsv_timer = MOP_SERVER_RSV_TIMER;
	if (s->o.software == NULL)
		s->o.software = "l2console";
	s->rx_con = s->rx_loop = -1;
	s->started = l2c_now_us();
	l2c_pty_init(&s->pty);
	l2c_timer_init(&s->t_rsv, on_rsv_timer, s);
	l2c_timer_init(&s->t_sysid, on_sysid_timer, s);
	l2c_timer_init(&s->t_lead, on_lead_timer, s);
	if ((s->out = malloc(OUT_CAP)) == NULL ||
	    (s->in = malloc(IN_CAP)) == NULL) {
		mop_server_free(s);
		return L2C_ERR_NOMEM;
	}
	if ((rv = mop_filter(filter, sizeof(filter), NULL)) != 0 ||
	    (rv = l2c_ctx_listen(ctx, filter, rx_console, s)) < 0)
		goto fail;
	s->rx_con = rv;
	if ((rv = l2c_ctx_listen(ctx, "ether proto 0x9000", rx_loop, s)) < 0)
		goto fail;
	s->rx_loop = rv;
	if ((rv = l2c_ctx_join(ctx, mop_mcast_console)) != 0 ||
	    (rv = l2c_loop_signal(ctx->loop, SIGCHLD, on_sigchld, s)) != 0)
		goto fail;
	if (s->o.sysid_interval_us > 0)
		l2c_timer_arm(ctx->loop, &s->t_sysid, 0);
	*sp = s;
	return 0;
fail:
	mop_server_free(s);
	return rv;
}

void
mop_server_stats(const struct mop_server *s, struct mop_server_stats *st)
{
	*st = s->st;
}

int
mop_server_holder(const struct mop_server *s, uint8_t *mac)
{
	if (s->held && mac != NULL)
		memcpy(mac, s->holder, L2C_ETH_ALEN);
	return s->held;
}

void
mop_server_free(struct mop_server *s)
{
	if (s == NULL)
		return;
	drop(s, "ended: server stopping");
	pty_hangup(s);
	l2c_timer_cancel(s->ctx->loop, &s->t_rsv);
	l2c_timer_cancel(s->ctx->loop, &s->t_sysid);
	l2c_timer_cancel(s->ctx->loop, &s->t_lead);
	(void)l2c_loop_signal(s->ctx->loop, SIGCHLD, NULL, NULL);
	if (s->rx_con >= 0)
		l2c_ctx_unlisten(s->ctx, s->rx_con);
	if (s->rx_loop >= 0)
		l2c_ctx_unlisten(s->ctx, s->rx_loop);
	free(s->out);
	free(s->in);
	free(s);
}
