/* SPDX-License-Identifier: ISC */
/*
 * The MOP remote console requester.  Setup (mop_reserve.c): Request ID
 * -> System ID (console carrier? taken?), Reserve Console + Request ID
 * -> System ID (are we the console user?).  Here: an empty first poll
 * that finds the server's message number, then one Command/Poll
 * outstanding at a time: again at once while data flows, backing off
 * when idle, the same message and number again on a timeout.  Every
 * way out is mcl_finish (mop_client_end.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "mop/mop_client_int.h"

static const struct l2c_sess_ops mop_client_ops;

static void
notice(struct mop_client *c, const char *msg)
{
	c->cb.event(c->cb.arg, L2C_SESS_NOTICE, 0, msg);
}

static void
transmit(struct mop_client *c)
{
	struct mop_msg	m;

	mop_msg_console(&m, MOP_COMMAND, c->oflags, c->obuf, c->olen);
	c->last_sent = l2c_now_us();
	(void)mcl_send_msg(c, &m);
}

static void
writable(struct mop_client *c)
{
	/* Not from inside the face's own input() or brk() call. */
	if (!c->in_op && l2c_inputq_writable(&c->inq))
		c->cb.event(c->cb.arg, L2C_SESS_WRITABLE, 0, NULL);
}

/* A new Command/Poll: flip the number, take what was typed. */
static void
send_next(struct mop_client *c)
{
	size_t	n;

	if (c->st != MC_RUN || c->outstanding)
		return;
	l2c_timer_cancel(c->ctx->loop, &c->t_poll);
	n = c->inq.len < c->cs.cmd_size ? c->inq.len : c->cs.cmd_size;
	memcpy(c->obuf, c->inq.buf, n);
	l2c_inputq_drop(&c->inq, n);
	c->olen = n;
	c->num ^= 1;
	c->oflags = (uint8_t)(c->num | (c->brk ? MOP_CMD_BREAK : 0));
	c->brk = 0;
	c->outstanding = 1;
	c->info.bytes_tx += n;
	transmit(c);
	mcl_arm_rtx(c, &mcl_poll_rtx, l2c_now_us(), c->last_ok + c->o.timeout_us);
	writable(c);
}

/* Reserved: an empty first poll finds the server's message number. */
static void
start_handshake(struct mop_client *c)
{
	c->st = MC_HANDSHAKE;
	c->phase_start = l2c_now_us();
	c->num = (uint8_t)(c->o.first_num & 1);
	c->oflags = c->num;
	c->olen = 0;
	c->outstanding = 1;
	transmit(c);
	mcl_arm_rtx(c, &mcl_poll_rtx, c->phase_start,
	    c->phase_start + c->o.timeout_us);
}

/*
 * Idle: 80 ms, doubling, up to what keeps the reservation alive: 1 s,
 * and 2 s once nothing was typed or shown for 10 s.  Each poll is two
 * wake-ups; a long quiet console then costs half.  A key polls at
 * once, so only output the device starts on its own after a long
 * quiet can show up to 2 s late.
 */
static void
schedule_poll(struct mop_client *c, int active)
{
	uint64_t	delay, cap, now = l2c_now_us();

	if (c->o.fixed_poll_us > 0) {
		delay = c->o.fixed_poll_us;
	} else if (active || c->inq.len > 0 || c->brk) {
		c->idle_us = 0;
		c->last_busy = now;
		send_next(c);
		return;
	} else {
		cap = now - c->last_busy >= c->o.deep_idle_us ?
		    c->cs.deep_max_us : c->cs.idle_max_us;
		c->idle_us = c->idle_us == 0 ? MOP_POLL_MIN_US : c->idle_us * 2;
		if (c->idle_us > cap)
			c->idle_us = cap;
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
	l2c_rtx_ack(&c->rtx, now);
	c->info.rtt_us = c->rtx.srtt;
	if (c->st == MC_HANDSHAKE) {
		c->st = MC_RUN;
		c->last_busy = now;
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
		if (mcl_on_sysid(c, pkt, &m) == 1)
			start_handshake(c);
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
	uint64_t		 now = l2c_now_us(), due;

	switch (c->st) {
	case MC_REQID:
		if (!l2c_rtx_fire(&c->rtx, now, &due)) {
			mcl_finish(c, L2C_ERR_NOANSWER, MOP_WHY_NOANSWER, NULL);
			return;
		}
		c->tries++;
		c->info.retransmits++;
		(void)mcl_send_reqid(c, mcl_reqid_form(c->tries));
		l2c_timer_arm_at(c->ctx->loop, &c->t_rtx, due);
		break;
	case MC_RESERVE:
	case MC_HANDSHAKE:
	case MC_RUN:
		if (!l2c_rtx_fire(&c->rtx, now, &due)) {
			mcl_finish(c, L2C_ERR_PEERLOST, MOP_WHY_PEERLOST, NULL);
			return;
		}
		c->info.retransmits++;
		if (c->st == MC_RESERVE) {
			mcl_send_reserve(c);
			l2c_timer_arm_at(c->ctx->loop, &c->t_rtx, due);
			return;
		}
		if (c->st == MC_HANDSHAKE) {
			/* No answer to this number: the server wants the other. */
			c->num ^= 1;
			c->oflags = c->num;
		}
		transmit(c);
		l2c_timer_arm_at(c->ctx->loop, &c->t_rtx, due);
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
	n = l2c_inputq_put(&c->inq, p, len);
	if (n > 0)
		c->last_busy = l2c_now_us();
	if (c->o.fixed_poll_us == 0) {
		c->in_op = 1;
		send_next(c);
		c->in_op = 0;
	}
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
	c->in_op = 1;
	send_next(c);
	c->in_op = 0;
	return 0;
}

static void
mc_close(void *arg)
{
	mcl_finish(arg, 0, 0, NULL);
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
	return c->st != MC_RUN || c->outstanding || c->inq.len > 0 || c->brk;
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
	l2c_inputq_free(&c->inq);
	free(c);
}

static void
mc_facts(void *arg, struct l2c_sess_facts *out)
{
	struct mop_client	*c = arg;

	*out = c->facts;
}

static const struct l2c_sess_ops mop_client_ops = {
	.proto = "mop",
	.input = mc_input,
	.resize = mc_resize,
	.brk = mc_brk,
	.close = mc_close,
	.info = mc_info,
	.pending = mc_pending,
	.facts = mc_facts,
	.free = mc_free,
};

void
mop_client_defaults(struct mop_client_conf *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_us = MOP_TIMEOUT_DEFAULT_US;
}

int
mop_client_new(struct l2c_ctx *ctx, const struct mop_client_conf *o,
    const struct l2c_sess_cb *cb, struct l2c_sess *sess)
{
	struct mop_client	*c;
	char			 filter[256];
	int			 rv;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return L2C_ERR_NOMEM;
	if (l2c_inputq_init(&c->inq, INQ_CAP) != 0) {
		free(c);
		return L2C_ERR_NOMEM;
	}
	c->ctx = ctx;
	c->cb = *cb;
	c->o = *o;
	if (c->o.timeout_us == 0)
		c->o.timeout_us = MOP_TIMEOUT_DEFAULT_US;
	if (c->o.deep_idle_us == 0)
		c->o.deep_idle_us = MOP_DEEP_IDLE_US;
	c->rxid = -1;
	c->info.proto = "mop";
	c->info.method = "console carrier";
	memcpy(c->info.peer, o->peer, L2C_ETH_ALEN);
	c->cs.idle_max_us = MOP_POLL_MAX_US;
	c->cs.deep_max_us = MOP_POLL_MAX_US;
	c->cs.cmd_size = CMD_DEFAULT;
	l2c_timer_init(&c->t_rtx, on_rtx, c);
	l2c_timer_init(&c->t_poll, on_poll, c);
	l2c_timer_init(&c->t_done, mcl_done_fire, c);
	if ((rv = mop_filter(filter, sizeof(filter), o->peer)) != 0 ||
	    (rv = l2c_ctx_listen(ctx, filter, rx, c)) < 0) {
		mc_free(c);
		return rv;
	}
	c->rxid = rv;
	c->rbase = mcl_receipt_base();
	c->receipt = (uint16_t)(c->rbase - 1);
	c->st = MC_REQID;
	c->phase_start = l2c_now_us();
	(void)mcl_send_reqid(c, mcl_reqid_form(0));
	mcl_arm_rtx(c, &mcl_reqid_rtx, c->phase_start,
	    c->phase_start + c->o.timeout_us);
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
