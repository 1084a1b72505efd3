/* SPDX-License-Identifier: ISC */
/*
 * Discovery plumbing: each row's filter becomes a receiver, each
 * receiver hands frames to its row, and every piece of news goes
 * through one place (l2c_scan_note) so the face and the other rows hear
 * about it.
 */

#include <string.h>

#include "err.h"
#include "log.h"
#include "loop.h"
#include "random.h"
#include "scan.h"

static void
scan_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct l2c_scan_bind	*b = arg;

	/* Our own probes come back on some links: never a neighbor. */
	if (memcmp(pkt->src, b->scan->ctx->link->mac, L2C_ETH_ALEN) == 0)
		return;
	b->row->rx(b->scan, pkt);
}

static void
scan_gone(void *arg, struct l2c_neigh *n, int result)
{
	struct l2c_scan	*s = arg;

	if (s->news != NULL)
		s->news(s->newsarg, n, result);
}

/* Holds ran out: let them go, then wait for the next one. */
static void
scan_expire(void *arg)
{
	struct l2c_scan	*s = arg;
	uint64_t	 next;

	next = l2c_neigh_expire(s->tab, l2c_now_us(), scan_gone, s);
	if (next != 0)
		l2c_timer_arm_at(s->ctx->loop, &s->t_expire, next);
}

int
l2c_scan_init(struct l2c_scan *s, struct l2c_ctx *ctx,
    struct l2c_neigh_tab *tab, const struct l2c_scan_proto *const *rows,
    size_t nrows, unsigned families)
{
	struct l2c_scan_bind	*b;
	size_t			 i;
	int			 rv;

	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->tab = tab;
	s->cookie = (uint16_t)l2c_random_cookie();
	l2c_timer_init(&s->t_expire, scan_expire, s);
	for (i = 0; i < nrows; i++) {
		if (!(rows[i]->family & families))
			continue;
		if (s->nrows == L2C_SCAN_MAXROWS)
			return L2C_ERR_INVAL;
		b = &s->bind[s->nrows++];
		b->scan = s;
		b->row = rows[i];
		b->rxid = -1;
		if (b->row->filter != NULL && b->row->rx != NULL &&
		    (b->rxid = l2c_ctx_listen(ctx, b->row->filter, scan_rx,
		    b)) < 0)
			return b->rxid;
		if (b->row->start != NULL && (rv = b->row->start(s)) != 0)
			return rv;
	}
	return 0;
}

void
l2c_scan_fini(struct l2c_scan *s)
{
	size_t	i;

	for (i = 0; i < s->nrows; i++)
		if (s->bind[i].rxid >= 0)
			l2c_ctx_unlisten(s->ctx, s->bind[i].rxid);
	s->nrows = 0;
	if (s->ctx != NULL)
		l2c_timer_cancel(s->ctx->loop, &s->t_expire);
}

int
l2c_scan_probe(struct l2c_scan *s, unsigned round)
{
	size_t	i;
	int	rv, first = 0;

	for (i = 0; i < s->nrows; i++)
		if (s->bind[i].row->probe != NULL &&
		    (rv = s->bind[i].row->probe(s, round)) != 0 && first == 0)
			first = rv;
	return first;
}

int
l2c_scan_probe_station(struct l2c_scan *s, const uint8_t *mac)
{
	size_t	i;
	int	rv, first = 0;

	for (i = 0; i < s->nrows; i++)
		if (s->bind[i].row->probe_station != NULL &&
		    (rv = s->bind[i].row->probe_station(s, mac)) != 0 &&
		    first == 0)
			first = rv;
	return first;
}

int
l2c_scan_send(struct l2c_scan *s, const uint8_t *frame, size_t len)
{
	int	rv;

	if ((rv = l2c_link_send(s->ctx->link, frame, len)) != 0) {
		s->stats.send_errors++;
		return rv;
	}
	s->stats.probes++;
	return 0;
}

void
l2c_scan_bad(struct l2c_scan *s, const struct l2c_pkt *pkt, const char *what,
    int err)
{
	char	mac[L2C_MAC_STRLEN];

	s->stats.malformed++;
	l2c_debug("%s from %s: %s", what, l2c_mac_fmt(pkt->src, mac,
	    sizeof(mac)), l2c_strerror(err));
}

int
l2c_scan_note(struct l2c_scan *s, const struct l2c_neigh_upd *u,
    uint64_t ts, struct l2c_neigh **np)
{
	struct l2c_neigh	*n;
	size_t			 i;
	int			 rv;

	if ((rv = l2c_neigh_update(s->tab, u, ts, &n)) < 0) {
		if (rv != L2C_ERR_NOSPACE || l2c_neigh_dropped(s->tab) == 1)
			l2c_warn("neighbor table: %s", l2c_strerror(rv));
		return rv;
	}
	if (u->hold.protos != 0 && u->hold.until_us > ts &&
	    (!s->t_expire.armed || u->hold.until_us < s->t_expire.when_us))
		l2c_timer_arm_at(s->ctx->loop, &s->t_expire, u->hold.until_us);
	if (np != NULL)
		*np = n;
	if (rv != L2C_NEIGH_SAME && s->news != NULL)
		s->news(s->newsarg, n, rv);
	for (i = 0; i < s->nrows; i++)
		if (s->bind[i].row->seen != NULL)
			s->bind[i].row->seen(s, n, &n->probed[i]);
	return rv;
}
