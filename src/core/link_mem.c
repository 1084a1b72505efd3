/* SPDX-License-Identifier: ISC */
/*
 * The in-memory link pair that unit tests use in place of a wire.  It
 * honours BPF filters (compiled with the same libpcap), records every
 * frame sent, can drop frames on demand, and wakes the poll loop through
 * a pipe exactly as a capture fd would.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "err.h"
#include "link.h"

struct memframe {
	struct memframe	*next;
	size_t		 len;
	uint8_t		 data[];
};

struct mem_priv {
	struct l2c_link		*peer;
	int			 pipe[2];
	struct memframe		*head, **tail;	/* waiting to be read */
	struct memframe		*sent, **senttail;
	size_t			 nsent;
	pcap_t			*dead;
	struct bpf_program	 prog;
	int			 has_prog;
	int			(*drop)(void *, const uint8_t *, size_t);
	void			*droparg;
};

static struct memframe *
mf_new(const uint8_t *p, size_t len)
{
	struct memframe	*mf;

	if ((mf = malloc(sizeof(*mf) + len)) == NULL)
		return NULL;
	mf->next = NULL;
	mf->len = len;
	memcpy(mf->data, p, len);
	return mf;
}

static int
mem_send(struct l2c_link *l, const uint8_t *p, size_t len)
{
	struct mem_priv	*mp = l->priv, *pp;
	struct memframe	*mf;
	char		 c = 0;

	if ((mf = mf_new(p, len)) == NULL)
		return L2C_ERR_NOMEM;
	*mp->senttail = mf;
	mp->senttail = &mf->next;
	mp->nsent++;
	if (mp->peer == NULL)
		return 0;
	if (mp->drop != NULL && mp->drop(mp->droparg, p, len))
		return 0;
	pp = mp->peer->priv;
	if (pp->has_prog) {
		struct pcap_pkthdr h = { .caplen = (bpf_u_int32)len,
		    .len = (bpf_u_int32)len };

		if (pcap_offline_filter(&pp->prog, &h, p) == 0)
			return 0;
	}
	if ((mf = mf_new(p, len)) == NULL)
		return L2C_ERR_NOMEM;
	*pp->tail = mf;
	pp->tail = &mf->next;
	if (write(pp->pipe[1], &c, 1) != 1)
		return L2C_ERR_SYS;
	return 0;
}

static int
mem_fd(struct l2c_link *l)
{
	return ((struct mem_priv *)l->priv)->pipe[0];
}

static int
mem_read_batch(struct l2c_link *l, int max)
{
	struct mem_priv	*mp = l->priv;
	struct memframe	*mf;
	char		 c;
	int		 n = 0;

	while ((max <= 0 || n < max) && (mf = mp->head) != NULL) {
		if (read(mp->pipe[0], &c, 1) != 1)
			break;
		if ((mp->head = mf->next) == NULL)
			mp->tail = &mp->head;
		l2c_link_deliver(l, mf->data, mf->len);
		free(mf);
		n++;
	}
	return n;
}

static int
mem_set_filter(struct l2c_link *l, const char *filter)
{
	struct mem_priv	*mp = l->priv;

	if (mp->has_prog) {
		pcap_freecode(&mp->prog);
		mp->has_prog = 0;
	}
	if (pcap_compile(mp->dead, &mp->prog, filter, 1,
	    PCAP_NETMASK_UNKNOWN) == -1)
		return L2C_ERR_INVAL;
	mp->has_prog = 1;
	return 0;
}

static void
mf_free_list(struct memframe *mf)
{
	struct memframe	*next;

	for (; mf != NULL; mf = next) {
		next = mf->next;
		free(mf);
	}
}

static void
mem_close(struct l2c_link *l)
{
	struct mem_priv	*mp = l->priv;

	if (mp->peer != NULL)
		((struct mem_priv *)mp->peer->priv)->peer = NULL;
	mf_free_list(mp->head);
	mf_free_list(mp->sent);
	if (mp->has_prog)
		pcap_freecode(&mp->prog);
	pcap_close(mp->dead);
	close(mp->pipe[0]);
	close(mp->pipe[1]);
	free(mp);
	free(l);
}

static const struct l2c_link_ops mem_ops = {
	.name = "mem",
	.send = mem_send,
	.fd = mem_fd,
	.read_batch = mem_read_batch,
	.set_filter = mem_set_filter,
	/* No join: a pair hears every frame the other end sends. */
	.close = mem_close,
};

static int
mem_new(const uint8_t *mac, const char *name, struct l2c_link **lp)
{
	struct l2c_link	*l;
	struct mem_priv	*mp;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return L2C_ERR_NOMEM;
	if ((mp = calloc(1, sizeof(*mp))) == NULL) {
		free(l);
		return L2C_ERR_NOMEM;
	}
	if (pipe2(mp->pipe, O_NONBLOCK | O_CLOEXEC) == -1) {
		free(mp);
		free(l);
		return L2C_ERR_SYS;
	}
	mp->tail = &mp->head;
	mp->senttail = &mp->sent;
	mp->dead = pcap_open_dead(DLT_EN10MB, 65535);
	l->ops = &mem_ops;
	l->priv = mp;
	l->mtu = 1500;
	memcpy(l->mac, mac, L2C_ETH_ALEN);
	strncpy(l->ifname, name, sizeof(l->ifname) - 1);
	*lp = l;
	return 0;
}

int
l2c_link_mem_pair(const uint8_t *maca, const uint8_t *macb,
    struct l2c_link **ap, struct l2c_link **bp)
{
	int	rv;

	if ((rv = mem_new(maca, "mem0", ap)) != 0)
		return rv;
	if ((rv = mem_new(macb, "mem1", bp)) != 0) {
		mem_close(*ap);
		return rv;
	}
	((struct mem_priv *)(*ap)->priv)->peer = *bp;
	((struct mem_priv *)(*bp)->priv)->peer = *ap;
	return 0;
}

size_t
l2c_link_mem_sent(struct l2c_link *l, size_t i, const uint8_t **pp)
{
	struct mem_priv	*mp = l->priv;
	struct memframe	*mf;

	for (mf = mp->sent; mf != NULL && i > 0; mf = mf->next)
		i--;
	if (mf == NULL) {
		*pp = NULL;
		return 0;
	}
	*pp = mf->data;
	return mf->len;
}

void
l2c_link_mem_set_drop(struct l2c_link *l,
    int (*drop)(void *, const uint8_t *, size_t), void *arg)
{
	struct mem_priv	*mp = l->priv;

	mp->drop = drop;
	mp->droparg = arg;
}
