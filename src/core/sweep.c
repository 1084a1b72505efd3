/* SPDX-License-Identifier: ISC */
/* The sweep (sweep.h): a set of stations seen, a queue, a paced timer. */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "err.h"
#include "loop.h"
#include "sweep.h"

static const uint8_t	zero_mac[L2C_ETH_ALEN];

/* FNV-1a over the MAC: the set only has to spread, not resist. */
static size_t
mac_slot(const uint8_t *mac, size_t cap)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < L2C_ETH_ALEN; i++)
		h = (h ^ mac[i]) * 16777619u;
	return h & (cap - 1);
}

/* Add mac; 1 if it is new, 0 if known, an error when full. */
static int
set_add(struct l2c_sweep *w, const uint8_t *mac)
{
	uint8_t	(*old)[L2C_ETH_ALEN] = w->set;
	size_t	  i, oldcap = w->setcap;

	if ((w->setn + 1) * 2 > w->setcap) {
		if (w->setcap >= 2 * L2C_SWEEP_MAX)
			return L2C_ERR_NOSPACE;
		w->setcap = oldcap ? oldcap * 2 : 256;
		if ((w->set = calloc(w->setcap, sizeof(*w->set))) == NULL) {
			w->set = old;
			w->setcap = oldcap;
			return L2C_ERR_NOMEM;
		}
		w->setn = 0;
		for (i = 0; i < oldcap; i++)
			if (memcmp(old[i], zero_mac, L2C_ETH_ALEN) != 0)
				(void)set_add(w, old[i]);
		free(old);
	}
	for (i = mac_slot(mac, w->setcap);; i = (i + 1) & (w->setcap - 1)) {
		if (memcmp(w->set[i], mac, L2C_ETH_ALEN) == 0)
			return 0;
		if (memcmp(w->set[i], zero_mac, L2C_ETH_ALEN) == 0)
			break;
	}
	memcpy(w->set[i], mac, L2C_ETH_ALEN);
	w->setn++;
	return 1;
}

static int
enqueue(struct l2c_sweep *w, const uint8_t *mac)
{
	uint8_t	(*nq)[L2C_ETH_ALEN];
	size_t	  i, ncap;

	if (w->qlen == w->qcap) {
		ncap = w->qcap ? w->qcap * 2 : 64;
		if ((nq = calloc(ncap, sizeof(*nq))) == NULL)
			return L2C_ERR_NOMEM;
		for (i = 0; i < w->qlen; i++)
			memcpy(nq[i], w->queue[(w->qhead + i) % w->qcap],
			    L2C_ETH_ALEN);
		free(w->queue);
		w->queue = nq;
		w->qcap = ncap;
		w->qhead = 0;
	}
	memcpy(w->queue[(w->qhead + w->qlen++) % w->qcap], mac, L2C_ETH_ALEN);
	return 0;
}

/* One tick: a batch of stations, then wait as long as the rate says. */
static void
sweep_tick(void *arg)
{
	struct l2c_sweep	*w = arg;
	size_t			 n = w->rate >= 100 ? w->rate / 100 : 1, k;

	for (k = 0; k < n && w->qlen > 0; k++) {
		(void)l2c_scan_probe_station(w->scan, w->queue[w->qhead]);
		w->qhead = (w->qhead + 1) % w->qcap;
		w->qlen--;
		w->asked++;
	}
	w->next_us = l2c_now_us() + L2C_SEC(1) * k / w->rate;
	if (w->qlen > 0)
		l2c_timer_arm_at(w->scan->ctx->loop, &w->t, w->next_us);
}

void
l2c_sweep_saw(struct l2c_sweep *w, const uint8_t *mac)
{
	int	rv;

	if (mac[0] & 1 || memcmp(mac, w->scan->ctx->link->mac,
	    L2C_ETH_ALEN) == 0 || memcmp(mac, zero_mac, L2C_ETH_ALEN) == 0)
		return;
	if ((rv = set_add(w, mac)) <= 0) {
		if (rv < 0)
			w->skipped++;
		return;
	}
	if (enqueue(w, mac) != 0) {
		w->skipped++;
		return;
	}
	/* At once, unless the rate says wait: within a second of its frame. */
	if (!w->t.armed)
		l2c_timer_arm_at(w->scan->ctx->loop, &w->t, w->next_us);
}

static void
sweep_rx(void *arg, const struct l2c_pkt *pkt)
{
	l2c_sweep_saw(arg, pkt->src);
}

int
l2c_sweep_start(struct l2c_sweep *w, struct l2c_scan *s, unsigned rate)
{
	memset(w, 0, sizeof(*w));
	w->scan = s;
	w->rate = rate != 0 ? rate : L2C_SWEEP_RATE_DEFAULT;
	l2c_timer_init(&w->t, sweep_tick, w);
	/* Every frame the link lets in. */
	if ((w->rxid = l2c_ctx_listen(s->ctx, "not ether src 00:00:00:00:00:00",
	    sweep_rx, w)) < 0)
		return w->rxid;
	return 0;
}

void
l2c_sweep_stop(struct l2c_sweep *w)
{
	if (w->scan == NULL)
		return;
	if (w->rxid >= 0)
		l2c_ctx_unlisten(w->scan->ctx, w->rxid);
	l2c_timer_cancel(w->scan->ctx->loop, &w->t);
	free(w->set);
	free(w->queue);
	w->set = NULL;
	w->queue = NULL;
	w->scan = NULL;
}
