/* SPDX-License-Identifier: ISC */
/* Route received frames to the receivers whose filters match them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "err.h"
#include "log.h"

static void
ctx_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct l2c_ctx		*c = arg;
	struct pcap_pkthdr	 h;
	size_t			 i;

	memset(&h, 0, sizeof(h));
	h.caplen = h.len = (bpf_u_int32)pkt->framelen;
	for (i = 0; i < L2C_MAX_RX; i++) {
		if (!c->rx[i].used)
			continue;
		if (pcap_offline_filter(&c->rx[i].prog, &h, pkt->frame) != 0)
			c->rx[i].fn(c->rx[i].arg, pkt);
	}
}

static void
ctx_readable(void *arg, int fd, short revents)
{
	struct l2c_ctx	*c = arg;
	int		 n;

	(void)fd;
	(void)revents;
	n = l2c_link_read_batch(c->link, L2C_RX_BATCH);
	if (n < 0)
		l2c_warn("%s: %s", c->link->ifname, l2c_strerror(n));
}

int
l2c_ctx_init(struct l2c_ctx *c, struct l2c_loop *loop, struct l2c_link *link)
{
	memset(c, 0, sizeof(*c));
	c->loop = loop;
	c->link = link;
	if ((c->dead = pcap_open_dead(DLT_EN10MB, 65535)) == NULL)
		return L2C_ERR_NOMEM;
	l2c_link_set_rx(link, ctx_rx, c);
	return 0;
}

void
l2c_ctx_fini(struct l2c_ctx *c)
{
	size_t	i;

	for (i = 0; i < L2C_MAX_RX; i++)
		if (c->rx[i].used)
			l2c_ctx_unlisten(c, (int)i);
	if (c->watching)
		l2c_loop_fd_del(c->loop, l2c_link_fd(c->link));
	if (c->dead != NULL)
		pcap_close(c->dead);
	c->dead = NULL;
}

/* The kernel filter is the union of every receiver's filter. */
static int
refilter(struct l2c_ctx *c)
{
	char	*all = NULL, *tmp;
	size_t	 i;
	int	 rv;

	for (i = 0; i < L2C_MAX_RX; i++) {
		if (!c->rx[i].used)
			continue;
		if (asprintf(&tmp, "%s%s(%s)", all ? all : "",
		    all ? " or " : "", c->rx[i].filter) == -1) {
			free(all);
			return L2C_ERR_NOMEM;
		}
		free(all);
		all = tmp;
	}
	/* With no receiver, accept nothing rather than everything. */
	rv = l2c_link_set_filter(c->link, all != NULL ? all : "less 1");
	free(all);
	return rv;
}

int
l2c_ctx_listen(struct l2c_ctx *c, const char *filter, l2c_rx_cb *fn,
    void *arg)
{
	struct l2c_rxh	*h = NULL;
	size_t		 i;
	int		 rv;

	for (i = 0; i < L2C_MAX_RX && h == NULL; i++)
		if (!c->rx[i].used)
			h = &c->rx[i];
	if (h == NULL)
		return L2C_ERR_BUSY;
	if (pcap_compile(c->dead, &h->prog, filter, 1,
	    PCAP_NETMASK_UNKNOWN) == -1) {
		l2c_err("bad capture filter \"%s\": %s", filter,
		    pcap_geterr(c->dead));
		return L2C_ERR_INVAL;
	}
	if ((h->filter = strdup(filter)) == NULL) {
		pcap_freecode(&h->prog);
		return L2C_ERR_NOMEM;
	}
	h->fn = fn;
	h->arg = arg;
	h->used = 1;
	if ((rv = refilter(c)) != 0) {
		l2c_ctx_unlisten(c, (int)(h - c->rx));
		return rv;
	}
	if (!c->watching) {
		if ((rv = l2c_loop_fd(c->loop, l2c_link_fd(c->link), POLLIN,
		    ctx_readable, c)) != 0)
			return rv;
		c->watching = 1;
	}
	return (int)(h - c->rx);
}

void
l2c_ctx_unlisten(struct l2c_ctx *c, int id)
{
	struct l2c_rxh	*h;

	if (id < 0 || id >= L2C_MAX_RX || !c->rx[id].used)
		return;
	h = &c->rx[id];
	pcap_freecode(&h->prog);
	free(h->filter);
	memset(h, 0, sizeof(*h));
	(void)refilter(c);
}

int
l2c_ctx_join(struct l2c_ctx *c, const uint8_t *mac)
{
	return l2c_link_join(c->link, mac);
}
