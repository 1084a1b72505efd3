/*
 * The MOP remote console requester.  Setup: Request ID -> System ID
 * (console carrier? taken?), Reserve Console + Request ID -> System ID
 * (are we the console user?), an empty first poll that finds the
 * server's message number.  Then one Command/Poll outstanding at a
 * time: again at once while data flows, backing off when idle, the
 * same message and number again on a timeout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "mop/mop_client.h"

#define CMD_MAX		1400		/* our cap, whatever the peer says */
#define CMD_DEFAULT	128		/* when the System ID names no size */
#define INQ_CAP		65536
/*
 * A lost poll costs the whole RTO, and a bulk transfer through a lossy
 * link loses many: start low (a LAN answers in well under 1 ms) and let
 * the measured round trip push it up for slow consoles.  A too-early
 * retransmission only costs a repeated response (the server answers a
 * duplicate with its last one).  Not lower without a real console's
 * timing: an answer to a repeated poll gives no RTT sample and every
 * answer brings the RTO back to max(floor, 3 * srtt), so a console whose
 * polls take longer than the floor (while its System ID came fast) gets
 * every poll twice for good, and in the handshake a repeat already
 * switches to the other message number.
 */
#define RTO_MIN_US	50000
#define RTO_MAX_US	2000000
#define ECHO_POLL_US	1000		/* after typing: first look for echo */
#define REQID_FALLBACK_US 500000	/* 4-byte form unanswered: try 5 */
#define REQID_RETRY_US	1000000
#define RESERVE_TRIES	3		/* answers without us as the user */

enum mc_state {
	MC_REQID,		/* Request ID sent, waiting for System ID */
	MC_RESERVE,		/* Reserve + Request ID sent */
	MC_HANDSHAKE,		/* empty first poll: which number? */
	MC_RUN,
	MC_DONE,
};

struct mop_client {
	struct l2c_ctx		*ctx;
	struct l2c_sess_cb	 cb;
	struct mop_client_opts	 o;
	int			 rxid;
	enum mc_state		 st;
	struct mop_client_state	 cs;
	uint16_t		 rbase;		/* first receipt number */
	uint16_t		 receipt;	/* last receipt number sent */
	int			 echo;		/* peer echoes receipts */
	int			 tries;
	int			 reserve_sent;
	uint64_t		 phase_start;
	/* The Command/Poll outstanding (or last sent). */
	int			 outstanding;
	uint8_t			 num;
	uint8_t			 oflags;
	uint8_t			 obuf[CMD_MAX];
	size_t			 olen;
	uint64_t		 first_sent, last_sent;
	uint64_t		 last_ok;	/* last response accepted */
	int			 resent;
	uint64_t		 rto, srtt;
	uint64_t		 idle_us;
	/* Typed input not yet sent. */
	uint8_t			*inq;
	size_t			 inlen;
	int			 brk;
	int			 blocked;
	struct l2c_sess_info	 info;
	struct l2c_timer	 t_rtx, t_poll, t_done;
	int			 done_err;
	char			 done_msg[160];
};

static const struct l2c_sess_ops mop_client_ops;

static char *
macstr(const uint8_t *mac, char *buf)
{
	return l2c_mac_fmt(mac, buf, L2C_MAC_STRLEN);
}

static int
send_msg(struct mop_client *c, const struct mop_msg *m)
{
	uint8_t		buf[L2C_ETH_MAXLEN];
	struct l2c_wbuf	w;
	int		rv;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	if ((rv = mop_build(&w, c->o.peer, c->ctx->link->mac, L2C_ENCAP_ETH2,
	    m)) != 0)
		return rv;
	if ((rv = l2c_link_send(c->ctx->link, buf, w.len)) != 0) {
		l2c_debug("mop: send %s: %s", mop_code_name(m->code),
		    l2c_strerror(rv));
		return rv;
	}
	c->info.frames_tx++;
	return 0;
}

/* Attempt k of a Request ID series: the spec's form first, then moprc's. */
static int
reqid_form(int k)
{
	return k % 2 == 0 ? MOP_REQID_SPEC : MOP_REQID_MOPRC;
}

static int
send_reqid(struct mop_client *c, int form)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = (uint8_t)form;
	m.u.reqid.receipt = ++c->receipt;
	if (m.u.reqid.receipt == 0)
		m.u.reqid.receipt = ++c->receipt;
	c->last_sent = l2c_now_us();
	return send_msg(c, &m);
}

static uint64_t
base_rto(const struct mop_client *c)
{
	uint64_t	rto = c->srtt * 3;

	if (rto < RTO_MIN_US)
		rto = RTO_MIN_US;
	return rto > RTO_MAX_US ? RTO_MAX_US : rto;
}

static void
rtt_sample(struct mop_client *c, uint64_t us)
{
	c->srtt = c->srtt == 0 ? us : (c->srtt * 7 + us) / 8;
	c->info.rtt_us = c->srtt;
}

/* The next retransmission, never past the point of giving up. */
static void
arm_rtx(struct mop_client *c, uint64_t deadline)
{
	uint64_t	when = l2c_now_us() + c->rto;

	l2c_timer_arm_at(c->ctx->loop, &c->t_rtx,
	    when < deadline ? when : deadline);
}

static void
done_cb(void *arg)
{
	struct mop_client	*c = arg;

	c->cb.event(c->cb.arg, L2C_SESS_CLOSED, c->done_err,
	    c->done_msg[0] != '\0' ? c->done_msg : NULL);
}

/*
 * Every way out comes here: Release Console if we ever asked to
 * reserve (twice: it is never acknowledged, and a Release from a
 * non-holder is ignored), then CLOSED from the loop, not from inside
 * the caller's own call.
 */
static void
finish(struct mop_client *c, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
finish(struct mop_client *c, int err, const char *fmt, ...)
{
	struct mop_msg	m;
	va_list		ap;

	if (c->st == MC_DONE)
		return;
	c->st = MC_DONE;
	l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
	l2c_timer_cancel(c->ctx->loop, &c->t_poll);
	if (c->reserve_sent) {
		memset(&m, 0, sizeof(m));
		m.code = MOP_RELEASE;
		(void)send_msg(c, &m);
		(void)send_msg(c, &m);
	}
	if (c->rxid >= 0) {
		l2c_ctx_unlisten(c->ctx, c->rxid);
		c->rxid = -1;
	}
	c->done_err = err;
	c->done_msg[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(c->done_msg, sizeof(c->done_msg), fmt, ap);
		va_end(ap);
	}
	l2c_timer_arm(c->ctx->loop, &c->t_done, 0);
}

static void
notice(struct mop_client *c, const char *msg)
{
	c->cb.event(c->cb.arg, L2C_SESS_NOTICE, 0, msg);
}

static void
send_reserve(struct mop_client *c)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	memcpy(m.u.reserve.verif, c->o.verif, MOP_VERIF_LEN);
	c->reserve_sent = 1;
	(void)send_msg(c, &m);
	(void)send_reqid(c, c->cs.reqid_form);
	arm_rtx(c, c->phase_start + c->o.timeout_us);
}

static void
transmit(struct mop_client *c)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_COMMAND;
	m.u.con.flags = c->oflags;
	m.u.con.data = c->obuf;
	m.u.con.dlen = c->olen;
	c->last_sent = l2c_now_us();
	(void)send_msg(c, &m);
}

static void
writable(struct mop_client *c)
{
	if (c->blocked && c->inlen < INQ_CAP) {
		c->blocked = 0;
		c->cb.event(c->cb.arg, L2C_SESS_WRITABLE, 0, NULL);
	}
}

/* A new Command/Poll: flip the number, take what was typed. */
static void
send_next(struct mop_client *c)
{
	size_t	n;

	if (c->st != MC_RUN || c->outstanding)
		return;
	l2c_timer_cancel(c->ctx->loop, &c->t_poll);
	n = c->inlen < c->cs.cmd_size ? c->inlen : c->cs.cmd_size;
	memcpy(c->obuf, c->inq, n);
	memmove(c->inq, c->inq + n, c->inlen - n);
	c->inlen -= n;
	c->olen = n;
	c->num ^= 1;
	c->oflags = (uint8_t)(c->num | (c->brk ? MOP_CMD_BREAK : 0));
	c->brk = 0;
	c->outstanding = 1;
	c->resent = 0;
	c->first_sent = l2c_now_us();
	c->info.bytes_tx += n;
	transmit(c);
	arm_rtx(c, c->last_ok + c->o.timeout_us);
	writable(c);
}

static void
start_handshake(struct mop_client *c)
{
	c->st = MC_HANDSHAKE;
	c->phase_start = l2c_now_us();
	c->rto = base_rto(c);
	c->num = (uint8_t)(c->o.first_num & 1);
	c->oflags = c->num;
	c->olen = 0;
	c->outstanding = 1;
	c->resent = 0;
	c->first_sent = c->phase_start;
	transmit(c);
	arm_rtx(c, c->phase_start + c->o.timeout_us);
}

/* Idle: 80 ms, doubling, up to what keeps the reservation alive. */
static void
schedule_poll(struct mop_client *c, int active)
{
	uint64_t	delay;

	if (c->o.fixed_poll_us > 0) {
		delay = c->o.fixed_poll_us;
	} else if (active || c->inlen > 0 || c->brk) {
		c->idle_us = 0;
		send_next(c);
		return;
	} else {
		c->idle_us = c->idle_us == 0 ? MOP_POLL_MIN_US : c->idle_us * 2;
		if (c->idle_us > c->cs.idle_max_us)
			c->idle_us = c->cs.idle_max_us;
		delay = c->idle_us;
	}
	l2c_timer_arm(c->ctx->loop, &c->t_poll, delay);
}

static void
on_response(struct mop_client *c, const struct mop_msg *m)
{
	uint64_t	now = l2c_now_us();

	if ((c->st != MC_RUN && c->st != MC_HANDSHAKE) || !c->outstanding)
		return;
	/* Not the number outstanding: a late answer to an earlier one. */
	if ((m->u.con.flags & MOP_RSP_ACK) != c->num)
		return;
	c->outstanding = 0;
	c->last_ok = now;
	l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
	if (!c->resent)
		rtt_sample(c, now - c->first_sent);
	c->rto = base_rto(c);
	if (c->st == MC_HANDSHAKE) {
		c->st = MC_RUN;
		c->cs.first_num = c->num;
		l2c_debug("mop: first poll answered with number %d", c->num);
		c->cb.event(c->cb.arg, L2C_SESS_OPEN, 0, NULL);
		if (c->st != MC_RUN)
			return;
	}
	if (m->u.con.flags & MOP_RSP_CMD_LOST)
		notice(c, "the console lost some of our input "
		    "(command data lost)");
	if (m->u.con.flags & MOP_RSP_RSP_LOST)
		notice(c, "the console lost some of its output "
		    "(response data lost)");
	if (m->u.con.dlen > 0) {
		c->info.bytes_rx += m->u.con.dlen;
		c->cb.output(c->cb.arg, m->u.con.data, m->u.con.dlen);
		if (c->st != MC_RUN)
			return;
	}
	/*
	 * What we typed echoes soon, but after this answer: the server
	 * answers before its pty has echoed.  Look again after a
	 * millisecond and back off from there, instead of waiting out
	 * the idle interval with the echo ready.
	 */
	if (c->olen > 0 && m->u.con.dlen == 0)
		c->idle_us = ECHO_POLL_US / 2;
	schedule_poll(c, m->u.con.dlen > 0);
}

static void
take_sizes(struct mop_client *c, const struct mop_sysid *si)
{
	uint64_t	max;

	c->cs.sysid = *si;
	c->cs.cmd_size = (si->have & MOP_HAVE_CMD_SIZE) && si->cmd_size > 0 ?
	    si->cmd_size : CMD_DEFAULT;
	if (c->cs.cmd_size > CMD_MAX)
		c->cs.cmd_size = CMD_MAX;
	c->cs.rsp_size = (si->have & MOP_HAVE_RSP_SIZE) ? si->rsp_size : 0;
	max = MOP_POLL_MAX_US;
	if ((si->have & MOP_HAVE_RSV_TIMER) && si->rsv_timer > 0 &&
	    (uint64_t)si->rsv_timer * 1000000 / 3 < max)
		max = (uint64_t)si->rsv_timer * 1000000 / 3;
	/* Room for a few retransmissions before the peer counts as lost. */
	if (c->o.timeout_us / 4 < max)
		max = c->o.timeout_us / 4;
	c->cs.idle_max_us = max < MOP_POLL_MIN_US ? MOP_POLL_MIN_US : max;
}

/*
 * Who holds the console: 0 nobody, 1 us, 2 another station.  Reserved
 * without a console user entry counts as us: we cannot tell, and if it
 * is not, our polls go unanswered and the session ends as peer lost.
 */
static int
holder(const struct mop_sysid *si, const uint8_t *mac)
{
	if (!(si->functions & MOP_FN_RESERVED))
		return 0;
	if (!(si->have & MOP_HAVE_CONSOLE_USER) ||
	    memcmp(si->console_user, mac, L2C_ETH_ALEN) == 0)
		return 1;
	return 2;
}

static void
on_sysid(struct mop_client *c, const struct l2c_pkt *pkt,
    const struct mop_msg *m)
{
	const uint8_t		*self = c->ctx->link->mac;
	struct mop_sysid	 si;
	char			 a[L2C_MAC_STRLEN], b[L2C_MAC_STRLEN];
	uint16_t		 k;
	int			 rv;

	/* Announcements to the multicast group are not our answer. */
	if (memcmp(pkt->dst, self, L2C_ETH_ALEN) != 0)
		return;
	if ((rv = mop_sysid_parse(m->u.sysid.info, m->u.sysid.infolen,
	    &si)) != 0) {
		l2c_debug("mop: System ID: %s", l2c_strerror(rv));
		return;
	}
	switch (c->st) {
	case MC_REQID:
		k = (uint16_t)(m->u.sysid.receipt - c->rbase);
		if (m->u.sysid.receipt != 0 && k <= (uint16_t)c->tries) {
			c->echo = 1;
			c->cs.reqid_form = reqid_form(k);
			if (c->tries == 0)
				rtt_sample(c, l2c_now_us() - c->last_sent);
		} else
			c->cs.reqid_form = reqid_form(c->tries);
		l2c_debug("mop: System ID answers the %d-byte Request ID",
		    c->cs.reqid_form);
		take_sizes(c, &si);
		if (!((si.have & MOP_HAVE_FUNCTIONS) &&
		    (si.functions & MOP_FN_CONSOLE))) {
			finish(c, L2C_ERR_UNAVAIL, "%s does not offer a remote "
			    "console (no console carrier in its System ID)",
			    macstr(c->o.peer, a));
			return;
		}
		if (holder(&si, self) == 2) {
			finish(c, L2C_ERR_UNAVAIL, "the console of %s is "
			    "reserved by %s", macstr(c->o.peer, a),
			    macstr(si.console_user, b));
			return;
		}
		c->st = MC_RESERVE;
		c->tries = 0;
		c->phase_start = l2c_now_us();
		c->rto = base_rto(c);
		send_reserve(c);
		break;
	case MC_RESERVE:
		if (c->echo && m->u.sysid.receipt != c->receipt)
			return;		/* answers an earlier Request ID */
		if (holder(&si, self) == 1) {
			l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
			take_sizes(c, &si);
			start_handshake(c);
			return;
		}
		if (holder(&si, self) == 2) {
			finish(c, L2C_ERR_UNAVAIL, "the console of %s is "
			    "reserved by %s", macstr(c->o.peer, a),
			    macstr(si.console_user, b));
			return;
		}
		/* Our Reserve may have been lost: ask again, a few times. */
		if (++c->tries >= RESERVE_TRIES) {
			finish(c, L2C_ERR_AUTH, "%s: reservation refused "
			    "(wrong verification or console taken)",
			    macstr(c->o.peer, a));
			return;
		}
		send_reserve(c);
		break;
	default:
		break;
	}
}

static void
rx(void *arg, const struct l2c_pkt *pkt)
{
	struct mop_client	*c = arg;
	struct mop_msg		 m;

	if (c->st == MC_DONE ||
	    memcmp(pkt->src, c->o.peer, L2C_ETH_ALEN) != 0)
		return;
	if (mop_parse_pkt(pkt, &m) != 0)
		return;
	c->info.frames_rx++;
	switch (m.code) {
	case MOP_SYSTEM_ID:
		on_sysid(c, pkt, &m);
		break;
	case MOP_RESPONSE:
		if (memcmp(pkt->dst, c->ctx->link->mac, L2C_ETH_ALEN) == 0)
			on_response(c, &m);
		break;
	default:
		break;
	}
}

static void
on_rtx(void *arg)
{
	struct mop_client	*c = arg;
	uint64_t		 now = l2c_now_us();
	char			 a[L2C_MAC_STRLEN];

	switch (c->st) {
	case MC_REQID:
		if (now >= c->phase_start + c->o.timeout_us) {
			finish(c, L2C_ERR_NOANSWER, "no answer from %s on %s "
			    "(no MOP console there, or MOP disabled on its "
			    "interface)", macstr(c->o.peer, a),
			    c->ctx->link->ifname);
			return;
		}
		c->tries++;
		c->info.retransmits++;
		(void)send_reqid(c, reqid_form(c->tries));
		c->rto = REQID_RETRY_US;
		arm_rtx(c, c->phase_start + c->o.timeout_us);
		break;
	case MC_RESERVE:
	case MC_HANDSHAKE:
	case MC_RUN:
		if (now >= (c->st == MC_RUN ? c->last_ok : c->phase_start) +
		    c->o.timeout_us) {
			finish(c, L2C_ERR_PEERLOST, "peer lost: no answer from "
			    "%s for %.1f s", macstr(c->o.peer, a),
			    (double)c->o.timeout_us / 1e6);
			return;
		}
		c->info.retransmits++;
		c->rto = c->rto * 2 > RTO_MAX_US ? RTO_MAX_US : c->rto * 2;
		if (c->st == MC_RESERVE) {
			send_reserve(c);
			return;
		}
		if (c->st == MC_HANDSHAKE) {
			/* No answer to this number: the server wants the other. */
			c->num ^= 1;
			c->oflags = c->num;
		}
		c->resent = 1;
		transmit(c);
		arm_rtx(c, (c->st == MC_RUN ? c->last_ok : c->phase_start) +
		    c->o.timeout_us);
		break;
	default:
		break;
	}
}

static void
on_poll(void *arg)
{
	struct mop_client	*c = arg;

	send_next(c);
}

static int
mc_input(void *arg, const uint8_t *p, size_t len)
{
	struct mop_client	*c = arg;
	size_t			 n;

	if (c->st == MC_DONE)
		return L2C_ERR_PEERLOST;
	n = INQ_CAP - c->inlen;
	if (n > len)
		n = len;
	memcpy(c->inq + c->inlen, p, n);
	c->inlen += n;
	if (n < len)
		c->blocked = 1;
	if (c->o.fixed_poll_us == 0)
		send_next(c);
	return (int)n;
}

static int
mc_resize(void *arg, unsigned cols, unsigned rows)
{
	(void)arg;
	(void)cols;
	(void)rows;
	return 0;	/* MOP has no window size */
}

static int
mc_brk(void *arg)
{
	struct mop_client	*c = arg;

	if (c->st == MC_DONE)
		return L2C_ERR_PEERLOST;
	c->brk = 1;
	send_next(c);
	return 0;
}

static void
mc_close(void *arg)
{
	finish(arg, 0, NULL);
}

static void
mc_info(void *arg, struct l2c_sess_info *out)
{
	struct mop_client	*c = arg;

	*out = c->info;
}

/*
 * Waiting for the peer: a poll unanswered (its answer may carry output)
 * or typed bytes not yet sent; before the console runs, every phase
 * waits.  on_rtx ends each wait by the timeout.
 */
static int
mc_pending(void *arg)
{
	struct mop_client	*c = arg;

	if (c->st == MC_DONE)
		return 0;
	return c->st != MC_RUN || c->outstanding || c->inlen > 0 || c->brk;
}

static void
mc_free(void *arg)
{
	struct mop_client	*c = arg;

	if (c == NULL)
		return;
	l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
	l2c_timer_cancel(c->ctx->loop, &c->t_poll);
	l2c_timer_cancel(c->ctx->loop, &c->t_done);
	if (c->rxid >= 0)
		l2c_ctx_unlisten(c->ctx, c->rxid);
	free(c->inq);
	free(c);
}

static const struct l2c_sess_ops mop_client_ops = {
	.proto = "mop",
	.input = mc_input,
	.resize = mc_resize,
	.brk = mc_brk,
	.close = mc_close,
	.info = mc_info,
	.pending = mc_pending,
	.free = mc_free,
};

void
mop_client_defaults(struct mop_client_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_us = MOP_TIMEOUT_DEFAULT_US;
}

static uint16_t
receipt_base(void)
{
	uint64_t	t = l2c_now_us() ^ ((uint64_t)getpid() << 16);

	/* Small enough that a series never wraps through 0. */
	return (uint16_t)((t ^ t >> 16 ^ t >> 32) % 0x7000 + 1);
}

int
mop_client_start(struct l2c_ctx *ctx, const struct mop_client_opts *o,
    const struct l2c_sess_cb *cb, struct l2c_sess *sess)
{
	struct mop_client	*c;
	char			 filter[256];
	int			 rv;

	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->inq = malloc(INQ_CAP)) == NULL) {
		free(c);
		return L2C_ERR_NOMEM;
	}
	c->ctx = ctx;
	c->cb = *cb;
	c->o = *o;
	if (c->o.timeout_us == 0)
		c->o.timeout_us = MOP_TIMEOUT_DEFAULT_US;
	c->rxid = -1;
	c->info.proto = "mop";
	c->info.method = "console carrier";
	memcpy(c->info.peer, o->peer, L2C_ETH_ALEN);
	c->cs.idle_max_us = MOP_POLL_MAX_US;
	c->cs.cmd_size = CMD_DEFAULT;
	l2c_timer_init(&c->t_rtx, on_rtx, c);
	l2c_timer_init(&c->t_poll, on_poll, c);
	l2c_timer_init(&c->t_done, done_cb, c);
	if ((rv = mop_filter(filter, sizeof(filter), o->peer)) != 0 ||
	    (rv = l2c_ctx_listen(ctx, filter, rx, c)) < 0) {
		mc_free(c);
		return rv;
	}
	c->rxid = rv;
	c->rbase = receipt_base();
	c->receipt = (uint16_t)(c->rbase - 1);
	c->st = MC_REQID;
	c->phase_start = l2c_now_us();
	c->rto = REQID_FALLBACK_US;
	(void)send_reqid(c, reqid_form(0));
	arm_rtx(c, c->phase_start + c->o.timeout_us);
	sess->ops = &mop_client_ops;
	sess->s = c;
	return 0;
}

void
mop_client_state(struct l2c_sess *sess, struct mop_client_state *out)
{
	const struct mop_client	*c = sess->s;

	*out = c->cs;
}

/* --info: a Request ID series of its own, outside any session. */
struct query {
	const uint8_t		*peer;
	const uint8_t		*self;
	struct mop_sysid	*out;
	uint16_t		 rbase;
	int			 tries;
	int			 form;
	int			 done;
	int			 err;
};

static void
query_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct query	*q = arg;
	struct mop_msg	 m;
	uint16_t	 k;

	if (q->done || memcmp(pkt->src, q->peer, L2C_ETH_ALEN) != 0 ||
	    memcmp(pkt->dst, q->self, L2C_ETH_ALEN) != 0 ||
	    mop_parse_pkt(pkt, &m) != 0 || m.code != MOP_SYSTEM_ID)
		return;
	if ((q->err = mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen,
	    q->out)) != 0)
		return;
	k = (uint16_t)(m.u.sysid.receipt - q->rbase);
	q->form = reqid_form(m.u.sysid.receipt != 0 && k <= (uint16_t)q->tries ?
	    k : q->tries);
	q->done = 1;
}

static int
query_send(struct l2c_ctx *ctx, struct query *q)
{
	uint8_t		buf[64];
	struct l2c_wbuf	w;
	struct mop_msg	m;
	int		rv;

	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = (uint8_t)reqid_form(q->tries);
	m.u.reqid.receipt = (uint16_t)(q->rbase + q->tries);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	if ((rv = mop_build(&w, q->peer, q->self, L2C_ENCAP_ETH2, &m)) != 0)
		return rv;
	return l2c_link_send(ctx->link, buf, w.len);
}

int
mop_query_sysid(struct l2c_ctx *ctx, const uint8_t *peer,
    uint64_t timeout_us, struct mop_sysid *out, int *form)
{
	struct query	 q;
	char		 filter[256];
	uint64_t	 now, deadline, next;
	int		 id, rv;

	memset(&q, 0, sizeof(q));
	q.peer = peer;
	q.self = ctx->link->mac;
	q.out = out;
	q.rbase = receipt_base();
	if ((rv = mop_filter(filter, sizeof(filter), peer)) != 0 ||
	    (id = l2c_ctx_listen(ctx, filter, query_rx, &q)) < 0)
		return rv != 0 ? rv : L2C_ERR_INVAL;
	now = l2c_now_us();
	deadline = now + (timeout_us > 0 ? timeout_us : MOP_TIMEOUT_DEFAULT_US);
	next = now + REQID_FALLBACK_US;
	rv = query_send(ctx, &q);
	while (rv == 0 && !q.done && (now = l2c_now_us()) < deadline) {
		if (now >= next) {
			q.tries++;
			next = now + REQID_RETRY_US;
			if ((rv = query_send(ctx, &q)) != 0)
				break;
			continue;
		}
		rv = l2c_loop_once(ctx->loop, (int64_t)((next < deadline ?
		    next : deadline) - now));
		if (rv > 0)
			rv = 0;
	}
	l2c_ctx_unlisten(ctx, id);
	if (rv < 0)
		return rv;
	if (!q.done)
		return L2C_ERR_NOANSWER;
	if (form != NULL)
		*form = q.form;
	return 0;
}
