/* SPDX-License-Identifier: ISC */
/* Identity -> MAC through MNDP, with a bounded wait. */
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/log.h"
#include "mac/mndp.h"
#include "mac/mndp_lookup.h"

struct lookup {
	struct l2c_ctx		*ctx;
	const char		*want;
	const uint8_t		*prefer;
	struct mndp_found	 f;
	int			 found, done;
	struct l2c_timer	 t_req;
};

static void
on_mndp(void *arg, const struct l2c_pkt *pkt)
{
	struct lookup		*lk = arg;
	struct mndp_info	 mi;
	const uint8_t		*mac;

	if (lk->done || !pkt->udp_ok || pkt->dport != MNDP_PORT ||
	    mndp_parse(pkt->udata, pkt->ulen, &mi) != 0 ||
	    mi.identity[0] == '\0' || strcasecmp(mi.identity, lk->want) != 0)
		return;
	/* The MAC TLV names the device; the frame's source is the fallback. */
	mac = mi.has_mac ? mi.mac : pkt->src;
	if (!lk->found)
		memcpy(lk->f.mac, mac, sizeof(lk->f.mac));
	lk->found = 1;
	if (lk->prefer == NULL ||
	    memcmp(mac, lk->prefer, L2C_ETH_ALEN) == 0) {
		lk->f.preferred = lk->prefer != NULL;
		lk->done = 1;
	} else if (lk->f.others++ == 0)
		memcpy(lk->f.other, mac, sizeof(lk->f.other));
}

static int
send_request(struct l2c_ctx *ctx)
{
	uint8_t		 req[MNDP_REQ_LEN], frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w, f;
	int		 rv;

	l2c_wbuf_init(&w, req, sizeof(req));
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if ((rv = mndp_request_build(&w)) != 0 ||
	    (rv = l2c_udp_build(&f, l2c_mac_bcast, ctx->link->mac, 0,
	    0xffffffffU, MNDP_PORT, MNDP_PORT, req, w.len)) != 0)
		return rv;
	return l2c_link_send(ctx->link, frame, f.len);
}

static void
req_fire(void *arg)
{
	struct lookup	*lk = arg;
	int		 rv;

	if ((rv = send_request(lk->ctx)) != 0)
		l2c_debug("mndp: request: %s", l2c_strerror(rv));
	l2c_timer_arm(lk->ctx->loop, &lk->t_req, MNDP_REQUEST_EVERY_US);
}

int
mndp_lookup(struct l2c_ctx *ctx, const char *identity, uint64_t wait_us,
    const uint8_t *prefer, struct mndp_found *f)
{
	struct lookup	 lk;
	uint64_t	 end = l2c_now_us() + wait_us, now;
	int		 id, rv = 0;

	memset(&lk, 0, sizeof(lk));
	lk.ctx = ctx;
	lk.want = identity;
	lk.prefer = prefer;
	l2c_timer_init(&lk.t_req, req_fire, &lk);
	if ((id = l2c_ctx_listen(ctx, "udp dst port 5678", on_mndp, &lk)) < 0)
		return id;
	req_fire(&lk);
	while (!lk.done && (now = l2c_now_us()) < end)
		if ((rv = l2c_loop_once(ctx->loop, (int64_t)(end - now))) != 0)
			break;
	l2c_timer_cancel(ctx->loop, &lk.t_req);
	l2c_ctx_unlisten(ctx, id);
	if (rv != 0)
		return rv;
	if (!lk.found)
		return L2C_ERR_NOTFOUND;
	*f = lk.f;
	return 0;
}
