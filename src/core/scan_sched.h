/* SPDX-License-Identifier: ISC */
/*
 * The scan schedule, the same for `scan` and the full-screen UI: ask
 * everyone now, once more soon after (a probe or an answer may be lost;
 * MOP's second Request ID has moprc's form), then every so often if
 * asked to; and ask listed stations directly, a batch per tick, so that
 * thousands never go out in one burst.
 */
#ifndef L2C_SCAN_SCHED_H
#define L2C_SCAN_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "loop.h"
#include "scan.h"

#define L2C_SCHED_ROUND2_US	L2C_SEC(1)	/* the second ask, at most */
#define L2C_SCHED_REPROBE_US	L2C_SEC(60)	/* then every minute */
#define L2C_SCHED_PACE_BATCH	32		/* stations per tick */
#define L2C_SCHED_PACE_TICK_US	L2C_MS(2)

struct l2c_scan_sched {
	struct l2c_scan		 *scan;
	uint64_t		  round2_us;	/* after the first round */
	uint64_t		  reprobe_us;	/* then; 0: no more rounds */
	const uint8_t		(*stations)[6];	/* asked directly each round */
	size_t			  nstations, next;
	unsigned		  round;
	struct l2c_timer	  t_round, t_pace;
	/* A probe could not be sent (each time); may be NULL. */
	void			(*send_error)(void *, int);
	void			 *arg;
};

/*
 * Set up the schedule over a scan with the defaults above; the caller
 * may then change round2_us, reprobe_us, stations and send_error.
 */
void	l2c_scan_sched_init(struct l2c_scan_sched *, struct l2c_scan *);
/* A round now: round 0 again when restart, else the next one. */
void	l2c_scan_sched_now(struct l2c_scan_sched *, int restart);
void	l2c_scan_sched_stop(struct l2c_scan_sched *);

#endif /* L2C_SCAN_SCHED_H */
