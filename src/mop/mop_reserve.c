/* SPDX-License-Identifier: ISC */
/*
 * The MOP console requester's reservation phase: Request ID (the spec's
 * 4-byte form, then moprc's 5-byte one) until a System ID says there is
 * a console carrier and who holds it, then Reserve Console with a
 * confirming Request ID until we are its user; and --info's System ID
 * query outside any session.
 */
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "mop/mop_client_int.h"

/* Attempt k of a Request ID series: the spec's form first, then moprc's. */
int
mcl_reqid_form(int k)
{
	return k % 2 == 0 ? MOP_REQID_SPEC : MOP_REQID_MOPRC;
}

int
mcl_send_reqid(struct mop_client *c, int form)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = (uint8_t)form;
	m.u.reqid.receipt = ++c->receipt;
	if (m.u.reqid.receipt == 0)
		m.u.reqid.receipt = ++c->receipt;
	c->last_sent = l2c_now_us();
	return mcl_send_msg(c, &m);
}

void
mcl_send_reserve(struct mop_client *c)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	memcpy(m.u.reserve.verif, c->o.verif, MOP_VERIF_LEN);
	c->reserve_sent = 1;
	(void)mcl_send_msg(c, &m);
	(void)mcl_send_reqid(c, c->cs.reqid_form);
}

static void
take_sizes(struct mop_client *c, const struct mop_sysid *si)
{
	uint64_t	max, deep;

	c->cs.sysid = *si;
	c->cs.cmd_size = (si->have & MOP_HAVE_CMD_SIZE) && si->cmd_size > 0 ?
	    si->cmd_size : CMD_DEFAULT;
	if (c->cs.cmd_size > CMD_MAX)
		c->cs.cmd_size = CMD_MAX;
	c->cs.rsp_size = (si->have & MOP_HAVE_RSP_SIZE) ? si->rsp_size : 0;
	max = MOP_POLL_DEEP_US;
	if ((si->have & MOP_HAVE_RSV_TIMER) && si->rsv_timer > 0 &&
	    (uint64_t)si->rsv_timer * 1000000 / 3 < max)
		max = (uint64_t)si->rsv_timer * 1000000 / 3;
	/* Room for a few retransmissions before the peer counts as lost. */
	if (c->o.timeout_us / 4 < max)
		max = c->o.timeout_us / 4;
	deep = max < MOP_POLL_MIN_US ? MOP_POLL_MIN_US : max;
	c->cs.deep_max_us = deep;
	c->cs.idle_max_us = deep < MOP_POLL_MAX_US ? deep : MOP_POLL_MAX_US;
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

/*
 * A System ID for the session: 1 once we are the console's user (the
 * run phase starts its handshake), else 0.
 */
int
mcl_on_sysid(struct mop_client *c, const struct l2c_pkt *pkt,
    const struct mop_msg *m)
{
	const uint8_t		*self = c->ctx->link->mac;
	struct mop_sysid	 si;
	uint16_t		 k;
	int			 rv;

	/* Announcements to the multicast group are not our answer. */
	if (memcmp(pkt->dst, self, L2C_ETH_ALEN) != 0)
		return 0;
	if ((rv = mop_sysid_parse(m->u.sysid.info, m->u.sysid.infolen,
	    &si)) != 0) {
		l2c_debug("mop: System ID: %s", l2c_strerror(rv));
		return 0;
	}
	switch (c->st) {
	case MC_REQID:
		k = (uint16_t)(m->u.sysid.receipt - c->rbase);
		if (m->u.sysid.receipt != 0 && k <= (uint16_t)c->tries) {
			c->echo = 1;
			c->cs.reqid_form = mcl_reqid_form(k);
			if (c->tries == 0) {
				l2c_rtx_sample(&c->rtx,
				    l2c_now_us() - c->last_sent);
				c->info.rtt_us = c->rtx.srtt;
			}
		} else
			c->cs.reqid_form = mcl_reqid_form(c->tries);
		l2c_debug("mop: System ID answers the %d-byte Request ID",
		    c->cs.reqid_form);
		take_sizes(c, &si);
		if (!((si.have & MOP_HAVE_FUNCTIONS) &&
		    (si.functions & MOP_FN_CONSOLE))) {
			mcl_finish(c, L2C_ERR_UNAVAIL, MOP_WHY_NO_CONSOLE, NULL);
			return 0;
		}
		if (holder(&si, self) == 2) {
			mcl_finish(c, L2C_ERR_UNAVAIL, MOP_WHY_RESERVED,
			    si.console_user);
			return 0;
		}
		c->st = MC_RESERVE;
		c->tries = 0;
		c->phase_start = l2c_now_us();
		mcl_send_reserve(c);
		mcl_arm_rtx(c, &mcl_poll_rtx, l2c_now_us(),
		    c->phase_start + c->o.timeout_us);
		break;
	case MC_RESERVE:
		if (c->echo && m->u.sysid.receipt != c->receipt)
			return 0;	/* answers an earlier Request ID */
		if (holder(&si, self) == 1) {
			l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
			take_sizes(c, &si);
			return 1;
		}
		if (holder(&si, self) == 2) {
			mcl_finish(c, L2C_ERR_UNAVAIL, MOP_WHY_RESERVED,
			    si.console_user);
			return 0;
		}
		/* Our Reserve may have been lost: ask again, a few times. */
		if (++c->tries >= RESERVE_TRIES) {
			mcl_finish(c, L2C_ERR_AUTH, MOP_WHY_REFUSED, NULL);
			return 0;
		}
		mcl_send_reserve(c);
		l2c_timer_arm_at(c->ctx->loop, &c->t_rtx,
		    l2c_rtx_rearm(&c->rtx, l2c_now_us()));
		break;
	default:
		break;
	}
	return 0;
}

uint16_t
mcl_receipt_base(void)
{
	uint64_t	t = l2c_now_us() ^ ((uint64_t)getpid() << 16);

	/* Small enough that a series never wraps through 0. */
	return (uint16_t)((t ^ t >> 16 ^ t >> 32) % 0x7000 + 1);
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
	q->form = mcl_reqid_form(m.u.sysid.receipt != 0 && k <= (uint16_t)q->tries ?
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
	m.u.reqid.form = (uint8_t)mcl_reqid_form(q->tries);
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
	q.rbase = mcl_receipt_base();
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
