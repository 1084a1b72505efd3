/* SPDX-License-Identifier: ISC */
/* The lab frame senders' link, random source and pace (rawtool.h). */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "core/err.h"
#include "mac/mt_proto.h"
#include "rawtool.h"

#define TICK_US		1000
#define PER_TICK_MAX	256	/* behind after a stall: catch up slowly */

int
rawtool_open(struct rawtool *r, const char *name, const char *ifname,
    l2c_rx_cb *on_rx, void *arg)
{
	char	filter[64];
	int	rv;

	memset(r, 0, sizeof(*r));
	r->name = name;
	if (getrandom(&r->rng, sizeof(r->rng), 0) != sizeof(r->rng) ||
	    r->rng == 0)
		r->rng = 0x9e3779b97f4a7c15ULL;
	if ((rv = l2c_link_open(ifname, &r->link)) != 0 ||
	    (rv = l2c_loop_new(&r->loop)) != 0 ||
	    (rv = l2c_ctx_init(&r->ctx, r->loop, r->link)) != 0) {
		fprintf(stderr, "%s: %s: %s\n", name, ifname,
		    l2c_strerror(rv));
		return rv == L2C_ERR_PERM ? 77 : 1;
	}
	snprintf(filter, sizeof(filter), "udp src port %d", MT_PORT);
	if ((rv = l2c_ctx_listen(&r->ctx, filter, on_rx, arg)) < 0) {
		fprintf(stderr, "%s: listen: %s\n", name, l2c_strerror(rv));
		return 1;
	}
	return 0;
}

void
rawtool_close(struct rawtool *r)
{
	l2c_ctx_fini(&r->ctx);
	l2c_link_close(r->link);
	l2c_loop_free(r->loop);
}

uint64_t
rawtool_rnd(struct rawtool *r)
{
	r->rng ^= r->rng >> 12;
	r->rng ^= r->rng << 25;
	r->rng ^= r->rng >> 27;
	return r->rng * 2685821657736338717ULL;
}

uint64_t
rawtool_pace(struct rawtool *r, uint64_t rate, double seconds,
    void (*one)(void *), void (*turn)(void *, uint64_t), void *arg)
{
	uint64_t	end, due, done = 0;
	unsigned	n;

	r->t0 = l2c_now_us();
	end = r->t0 + (uint64_t)(seconds * 1e6);
	while ((r->now = l2c_now_us()) < end) {
		due = (r->now - r->t0) * rate / 1000000;
		for (n = 0; done < due && n < PER_TICK_MAX; n++, done++)
			one(arg);
		if (turn != NULL)
			turn(arg, r->now);
		(void)l2c_loop_once(r->loop, TICK_US);
	}
	return done;
}
