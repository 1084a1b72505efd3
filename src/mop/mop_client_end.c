/* SPDX-License-Identifier: ISC */
/*
 * The bottom of the MOP console requester: a message out, a retransmit
 * series armed, and the session's one way out (Release Console, the
 * facts, CLOSED from the loop).  The reservation phase and the run
 * phase above it both end a session here; this file calls neither.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "mop/mop_client_int.h"

/* Request ID: the 4-byte form for a moment, then each second. */
static const uint16_t reqid_ms[] = {
	REQID_FALLBACK_US / 1000,
	REQID_RETRY_US / 1000,
};
const struct l2c_rtx_conf mcl_reqid_rtx = {
	.sched_ms = reqid_ms,
	.nsched = sizeof(reqid_ms) / sizeof(reqid_ms[0]),
};
/* Reserve and Command/Poll: 3 * SRTT, doubling. */
const struct l2c_rtx_conf mcl_poll_rtx = {
	.rto_min_us = RTO_MIN_US,
	.rto_max_us = RTO_MAX_US,
};

int
mcl_send_msg(struct mop_client *c, const struct mop_msg *m)
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

/* A new series on schedule rc, never past the point of giving up. */
void
mcl_arm_rtx(struct mop_client *c, const struct l2c_rtx_conf *rc, uint64_t now,
    uint64_t deadline)
{
	l2c_timer_arm_at(c->ctx->loop, &c->t_rtx,
	    l2c_rtx_start(&c->rtx, rc, now, deadline));
}

void
mcl_done_fire(void *arg)
{
	struct mop_client	*c = arg;

	c->cb.event(c->cb.arg, L2C_SESS_CLOSED, c->done_err, NULL);
}

/*
 * Every way out comes here: Release Console if we ever asked to
 * reserve (twice: it is never acknowledged, and a Release from a
 * non-holder is ignored), then CLOSED from the loop, not from inside
 * the caller's own call.
 */
void
mcl_finish(struct mop_client *c, int err, int why, const uint8_t *other)
{
	struct mop_msg	m;

	if (c->st == MC_DONE)
		return;
	c->st = MC_DONE;
	l2c_timer_cancel(c->ctx->loop, &c->t_rtx);
	l2c_timer_cancel(c->ctx->loop, &c->t_poll);
	if (c->reserve_sent) {
		memset(&m, 0, sizeof(m));
		m.code = MOP_RELEASE;
		(void)mcl_send_msg(c, &m);
		(void)mcl_send_msg(c, &m);
	}
	if (c->rxid >= 0) {
		l2c_ctx_unlisten(c->ctx, c->rxid);
		c->rxid = -1;
	}
	c->done_err = err;
	c->facts.why = why;
	memcpy(c->facts.peer, c->o.peer, L2C_ETH_ALEN);
	if (other != NULL)
		memcpy(c->facts.other, other, L2C_ETH_ALEN);
	c->facts.timeout_us = c->o.timeout_us;
	snprintf(c->facts.ifname, sizeof(c->facts.ifname), "%s",
	    c->ctx->link->ifname);
	l2c_timer_arm(c->ctx->loop, &c->t_done, 0);
}
