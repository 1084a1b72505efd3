/* SPDX-License-Identifier: ISC */
/* The backend-independent half of a link. */
#include <string.h>

#include "err.h"
#include "frame.h"
#include "link.h"
#include "loop.h"

int
l2c_link_send(struct l2c_link *l, const uint8_t *p, size_t len)
{
	int	rv;

	if (len < L2C_ETH_HLEN || len > L2C_ETH_HLEN + (size_t)l->mtu)
		return L2C_ERR_INVAL;
	if ((rv = l->ops->send(l, p, len)) != 0)
		return rv;
	l->stats.tx_frames++;
	l->stats.tx_bytes += len;
	if (l->tap != NULL)
		l->tap(l->taparg, 1, p, len);
	return 0;
}

int
l2c_link_fd(struct l2c_link *l)
{
	return l->ops->fd(l);
}

int
l2c_link_read_batch(struct l2c_link *l, int max)
{
	return l->ops->read_batch(l, max);
}

int
l2c_link_set_filter(struct l2c_link *l, const char *f)
{
	return l->ops->set_filter(l, f);
}

int
l2c_link_join(struct l2c_link *l, const uint8_t *mac)
{
	return l->ops->join != NULL ? l->ops->join(l, mac) : 0;
}

void
l2c_link_set_rx(struct l2c_link *l, l2c_rx_cb *fn, void *arg)
{
	l->rx = fn;
	l->rxarg = arg;
}

void
l2c_link_close(struct l2c_link *l)
{
	if (l != NULL)
		l->ops->close(l);
}

void
l2c_link_deliver(struct l2c_link *l, const uint8_t *p, size_t len)
{
	struct l2c_pkt	pkt;

	l->stats.rx_frames++;
	l->stats.rx_bytes += len;
	if (l->tap != NULL)
		l->tap(l->taparg, 0, p, len);
	if (l2c_frame_parse(p, len, &pkt) != 0) {
		l->stats.rx_bad++;
		return;
	}
	/* Our own frames looped back by a bridge are never input. */
	if (memcmp(pkt.src, l->mac, L2C_ETH_ALEN) == 0)
		return;
	pkt.ts_us = l2c_now_us();
	if (l->rx != NULL)
		l->rx(l->rxarg, &pkt);
}
