/* SPDX-License-Identifier: ISC */
/*
 * The MOP remote console requester: Request ID, Reserve Console with a
 * verification, a confirming Request ID, then Command/Poll with one
 * message outstanding.  It is a console session (core/session.h).
 *
 *	mop_client_defaults(&o);
 *	memcpy(o.peer, mac, 6);
 *	mop_client_new(ctx, &o, l2c_console_cb(con), &sess);
 */
#ifndef L2C_MOP_CLIENT_H
#define L2C_MOP_CLIENT_H

#include <stdint.h>

#include "core/ctx.h"
#include "core/session.h"
#include "mop/mop_proto.h"
#include "mop/sysid.h"

#define MOP_POLL_MIN_US		80000	/* idle: never faster (the spec) */
#define MOP_POLL_MAX_US		1000000	/* idle: never slower... */
#define MOP_POLL_DEEP_US	2000000	/* ...until quiet this long, */
#define MOP_DEEP_IDLE_US	10000000 /* then up to MOP_POLL_DEEP_US */
#define MOP_TIMEOUT_DEFAULT_US	10000000

struct mop_client_conf {
	uint8_t		peer[L2C_ETH_ALEN];
	uint8_t		verif[MOP_VERIF_LEN];
	uint64_t	timeout_us;	/* no answer this long: peer lost */
	uint64_t	fixed_poll_us;	/* > 0: poll on this fixed tick, like
					   moprc (benchmarks only) */
	int		first_num;	/* handshake: first number tried */
	uint64_t	deep_idle_us;	/* 0: MOP_DEEP_IDLE_US (tests) */
};

/* What the session learned, for the face's status line. */
struct mop_client_state {
	struct mop_sysid sysid;		/* as it was when reserved */
	int		 reqid_form;	/* MOP_REQID_SPEC or _MOPRC */
	int		 first_num;	/* handshake: the number answered */
	uint16_t	 cmd_size, rsp_size;
	uint64_t	 idle_max_us;	/* slowest idle poll */
	uint64_t	 deep_max_us;	/* slowest, long quiet */
};

/* Why a MOP session CLOSED (l2c_sess_facts.why). */
enum mop_why {
	MOP_WHY_NONE,
	MOP_WHY_NO_CONSOLE,	/* no console carrier in its System ID */
	MOP_WHY_RESERVED,	/* held by facts.other */
	MOP_WHY_REFUSED,	/* reservation refused */
	MOP_WHY_NOANSWER,	/* no System ID on facts.ifname */
	MOP_WHY_PEERLOST,	/* no answer for facts.timeout_us */
};

void	mop_client_defaults(struct mop_client_conf *);
int	mop_client_new(struct l2c_ctx *, const struct mop_client_conf *,
	    const struct l2c_sess_cb *, struct l2c_sess *);
void	mop_client_state(struct l2c_sess *, struct mop_client_state *);

/*
 * One System ID, for --info: Request ID (4-byte form, then 5) until an
 * answer or timeout_us.  Runs the loop itself.  Returns 0,
 * L2C_ERR_NOANSWER, or another error.  form may be NULL.
 */
int	mop_query_sysid(struct l2c_ctx *, const uint8_t *peer,
	    uint64_t timeout_us, struct mop_sysid *, int *form);

#endif /* L2C_MOP_CLIENT_H */
