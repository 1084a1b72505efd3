/* SPDX-License-Identifier: ISC */
/*
 * Retransmission, once for every protocol: when to send an unanswered
 * message again, when to give up, and the smoothed round trip (no sample
 * from a message that went out more than once: Karn).  Pure arithmetic
 * on timestamps; the caller owns the timer and arms it at the times
 * this returns, so every session keeps its own timer list.
 *
 * Two kinds of schedule:
 *  - a table (the reference MAC-Telnet client's intervals): the k-th
 *    resend waits table[k], the last entry repeats; a budget ends the
 *    series once the intervals waited add up to it, and a budget below
 *    the table's sum squeezes every interval in proportion, the table's
 *    end being the end;
 *  - adaptive (MOP): RTO = 3 * SRTT within [rto_min, rto_max], doubled
 *    per resend up to rto_max, back to 3 * SRTT after an answer.
 * Either may also stop at an absolute deadline or after max_resends.
 */
#ifndef L2C_RTX_H
#define L2C_RTX_H

#include <stddef.h>
#include <stdint.h>

/* The reference MAC-Telnet client's intervals (ms), 2365 ms in all. */
extern const uint16_t	l2c_rtx_ref_ms[9];
#define L2C_RTX_REF_N	(sizeof(l2c_rtx_ref_ms) / sizeof(l2c_rtx_ref_ms[0]))
#define L2C_RTX_REF_US	2365000

struct l2c_rtx_conf {
	const uint16_t	*sched_ms;	/* the table; NULL: adaptive */
	size_t		 nsched;
	uint64_t	 budget_us;	/* table: 0 never gives up */
	unsigned	 max_resends;	/* 0: no limit */
	uint64_t	 rto_min_us;	/* adaptive */
	uint64_t	 rto_max_us;
};

struct l2c_rtx {
	const struct l2c_rtx_conf *conf;
	unsigned	 k;		/* resends of the message now out */
	uint64_t	 elapsed;	/* table: intervals waited for it */
	uint64_t	 sent_at;	/* its first transmission */
	uint64_t	 deadline;	/* absolute; 0: none */
	uint64_t	 rto;		/* adaptive: the interval now */
	uint64_t	 srtt;		/* smoothed round trip; 0: unknown */
};

/* A new message went out at now: returns when to look again (absolute). */
uint64_t	l2c_rtx_start(struct l2c_rtx *, const struct l2c_rtx_conf *,
		    uint64_t now, uint64_t deadline);
/*
 * The same message goes out again at now without counting as a resend
 * (the peer asked for it): returns when to look again.
 */
uint64_t	l2c_rtx_rearm(struct l2c_rtx *, uint64_t now);
/*
 * The timer fired at now without an answer: 1 to resend, *due telling
 * when to look next; 0 to give up.
 */
int		l2c_rtx_fire(struct l2c_rtx *, uint64_t now, uint64_t *due);
/* The answer came at now: an RTT sample unless the message was resent. */
void		l2c_rtx_ack(struct l2c_rtx *, uint64_t now);
/* A round-trip sample from elsewhere (a first answer to a query). */
void		l2c_rtx_sample(struct l2c_rtx *, uint64_t us);
/* Resent at least once (an answer to it then tells no round trip). */
int		l2c_rtx_resent(const struct l2c_rtx *);
/* Adaptive: the interval a fresh message starts with. */
uint64_t	l2c_rtx_base_rto(const struct l2c_rtx *);

#endif /* L2C_RTX_H */
