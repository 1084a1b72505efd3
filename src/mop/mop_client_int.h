/* SPDX-License-Identifier: ISC */
/*
 * The MOP console requester's insides, shared by its three files.
 * Calls go one way, down:
 *
 *	mop_client.c	the session, its run phase, the constructor
 *	  mop_reserve.c	the reservation phase before it (its verdict
 *			on a System ID is its return value)
 *	    mop_client_end.c	a message out, a retransmit series, and
 *			the one way out (mcl_finish)
 *
 * A timer's callback is given by address at construction.  Nothing
 * else includes it.
 */
#ifndef L2C_MOP_CLIENT_INT_H
#define L2C_MOP_CLIENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/inputq.h"
#include "core/loop.h"
#include "core/rtx.h"
#include "core/session.h"
#include "mop/mop_client.h"

#define CMD_MAX		1400		/* our cap, whatever the peer says */
#define CMD_DEFAULT	128		/* when the System ID names no size */
#define INQ_CAP		65536
/*
 * A lost poll costs the whole RTO, and a bulk transfer through a lossy
 * link loses many: start low (a LAN answers in well under 1 ms) and let
 * the measured round trip push it up for slow consoles.  A too-early
 * retransmission only costs a repeated response (the server answers a
 * duplicate with its last one).  Not lower without a real console's
 * timing: an answer to a repeated poll gives no RTT sample and every
 * answer brings the RTO back to max(floor, 3 * srtt), so a console whose
 * polls take longer than the floor (while its System ID came fast) gets
 * every poll twice for good, and in the handshake a repeat already
 * switches to the other message number.
 */
#define RTO_MIN_US	50000
#define RTO_MAX_US	2000000
#define ECHO_POLL_US	1000		/* after typing: first look for echo */
#define REQID_FALLBACK_US 500000	/* 4-byte form unanswered: try 5 */
#define REQID_RETRY_US	1000000
#define RESERVE_TRIES	3		/* answers without us as the user */

enum mc_state {
	MC_REQID,		/* Request ID sent, waiting for System ID */
	MC_RESERVE,		/* Reserve + Request ID sent */
	MC_HANDSHAKE,		/* empty first poll: which number? */
	MC_RUN,
	MC_DONE,
};

struct mop_client {
	struct l2c_ctx		*ctx;
	struct l2c_sess_cb	 cb;
	struct mop_client_conf	 o;
	int			 rxid;
	enum mc_state		 st;
	struct mop_client_state	 cs;
	uint16_t		 rbase;		/* first receipt number */
	uint16_t		 receipt;	/* last receipt number sent */
	int			 echo;		/* peer echoes receipts */
	int			 tries;
	int			 reserve_sent;
	uint64_t		 phase_start;
	/* The Command/Poll outstanding (or last sent). */
	int			 outstanding;
	uint8_t			 num;
	uint8_t			 oflags;
	uint8_t			 obuf[CMD_MAX];
	size_t			 olen;
	uint64_t		 last_sent;
	uint64_t		 last_ok;	/* last response accepted */
	struct l2c_rtx		 rtx;
	uint64_t		 idle_us;
	uint64_t		 last_busy;	/* last byte typed or shown */
	/* Typed input not yet sent. */
	struct l2c_inputq	 inq;
	int			 brk;
	struct l2c_sess_info	 info;
	struct l2c_timer	 t_rtx, t_poll, t_done;
	int			 done_err;
	int			 in_op;		/* inside a face's call: no events */
	struct l2c_sess_facts	 facts;
};

/* Request ID on its fixed schedule; Reserve and polls adaptive. */
extern const struct l2c_rtx_conf mcl_reqid_rtx, mcl_poll_rtx;

/* mop_client_end.c */
int	mcl_send_msg(struct mop_client *c, const struct mop_msg *m);
void	mcl_arm_rtx(struct mop_client *, const struct l2c_rtx_conf *,
	    uint64_t now, uint64_t deadline);
void	mcl_finish(struct mop_client *, int err, int why,
	    const uint8_t *other);
void	mcl_done_fire(void *arg);

/* mop_reserve.c */
int	mcl_reqid_form(int k);
int	mcl_send_reqid(struct mop_client *c, int form);
void	mcl_send_reserve(struct mop_client *c);
int	mcl_on_sysid(struct mop_client *c, const struct l2c_pkt *pkt,
	    const struct mop_msg *m);
uint16_t	mcl_receipt_base(void);

#endif /* L2C_MOP_CLIENT_INT_H */
