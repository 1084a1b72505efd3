/* SPDX-License-Identifier: ISC */
/*
 * The context every module is handed: the loop, the link, and the table
 * of receivers.  Each receiver names the frames it wants with a BPF
 * filter; the kernel gets the union, and each frame goes to every
 * receiver whose own filter matches it.
 */
#ifndef L2C_CTX_H
#define L2C_CTX_H

#include <pcap/pcap.h>

#include "link.h"
#include "loop.h"

#define L2C_MAX_RX	16
#define L2C_RX_BATCH	256

struct l2c_rxh {
	char			*filter;
	struct bpf_program	 prog;
	l2c_rx_cb		*fn;
	void			*arg;
	int			 used;
};

struct l2c_ctx {
	struct l2c_loop	*loop;
	struct l2c_link	*link;
	struct l2c_rxh	 rx[L2C_MAX_RX];
	pcap_t		*dead;		/* compiles per-receiver filters */
	int		 watching;
};

/* Open the interface (or adopt a test link) and wire it to the loop. */
int	l2c_ctx_init(struct l2c_ctx *, struct l2c_loop *, struct l2c_link *);
void	l2c_ctx_fini(struct l2c_ctx *);
/* Add a receiver; returns its id (>= 0) or an error. */
int	l2c_ctx_listen(struct l2c_ctx *, const char *, l2c_rx_cb *, void *);
void	l2c_ctx_unlisten(struct l2c_ctx *, int);
int	l2c_ctx_join(struct l2c_ctx *, const uint8_t *);

#endif /* L2C_CTX_H */
