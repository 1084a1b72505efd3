/* SPDX-License-Identifier: ISC */
/*
 * Line pacing for large input (a paste, a file sent): queued bytes go
 * out one line at a time, each after the device confirmed the one
 * before it (its echo, or its prompt), or after a fixed delay.  Waiting
 * is bounded; once a confirmation has not come in time, the rest waits
 * only the fallback delay, until a confirmation comes in time again (a
 * device that does not echo costs one bound, not one per line).
 *
 * The pacer owns no descriptor and no timer: the face asks it what may
 * go now (next), says what went (sent), shows it the device's output
 * (output), and looks again at the deadline.  Bytes are queued in a
 * typed-input queue (inputq.h): a put that comes up short is the
 * producer's cue to hold the rest.
 */
#ifndef L2C_PACE_H
#define L2C_PACE_H

#include <stddef.h>
#include <stdint.h>

#include "core/inputq.h"

enum l2c_pace_wait {
	L2C_PACE_OFF = -1,	/* no pacing: input goes as it comes */
	L2C_PACE_ECHO,		/* the line's echo, then a line break */
	L2C_PACE_PROMPT,	/* a line break, then output ending in a prompt */
	L2C_PACE_DELAY,		/* a fixed delay after each line */
};

#define L2C_PACE_BOUND		2000000	/* us: the longest wait for a line */
#define L2C_PACE_FALLBACK	100000	/* us: the delay once one timed out */
#define L2C_PACE_LINE_MAX	1024	/* longer lines go out in pieces */
#define L2C_PACE_TAIL		64	/* output kept to look for a prompt */

struct l2c_pace_conf {
	int		 wait;		/* enum l2c_pace_wait */
	uint64_t	 delay_us;	/* DELAY's delay; else the fallback */
	uint64_t	 bound_us;	/* the longest wait; 0: L2C_PACE_BOUND */
};

struct l2c_pace {
	struct l2c_pace_conf	 conf;
	struct l2c_inputq	 q;
	size_t			 line;		/* the line at q's head; 0: none */
	int			 waiting;	/* it went: its confirmation due */
	uint64_t		 deadline;
	uint8_t			 want[L2C_PACE_LINE_MAX];	/* to echo */
	size_t			 wantlen, matched;
	int			 broke;		/* a line break since it went */
	char			 tail[L2C_PACE_TAIL];	/* since the last break */
	size_t			 taillen;
	int			 ended;		/* the line ends (CR, LF) */
	int			 done;		/* its confirmation came */
	int			 fallback;	/* one timed out: the short wait */
	uint64_t		 lines, bytes;	/* gone out */
	uint64_t		 unconfirmed;	/* lines whose wait timed out */
};

/* An idle pacer queueing up to cap bytes: 0 or L2C_ERR_NOMEM. */
int	l2c_pace_init(struct l2c_pace *, const struct l2c_pace_conf *,
	    size_t cap);
void	l2c_pace_free(struct l2c_pace *);
/* Queue bytes: how many were taken (short: the queue is full). */
size_t	l2c_pace_put(struct l2c_pace *, const uint8_t *, size_t);
/* Bytes queued or a confirmation awaited. */
int	l2c_pace_busy(const struct l2c_pace *);
/* Room in the queue. */
size_t	l2c_pace_room(const struct l2c_pace *);
/*
 * What may go out at now: *p and the length (0: nothing yet; ask again
 * at l2c_pace_deadline() or after output).
 */
size_t	l2c_pace_next(struct l2c_pace *, uint64_t now, const uint8_t **p);
/* n bytes of what next offered went out at now. */
void	l2c_pace_sent(struct l2c_pace *, size_t n, uint64_t now);
/* The device's output, looked at for the confirmation. */
void	l2c_pace_output(struct l2c_pace *, const uint8_t *, size_t);
/* When a wait ends anyway (0: no wait). */
uint64_t l2c_pace_deadline(const struct l2c_pace *);
/* Drop what is queued and stop waiting; the counters stay. */
void	l2c_pace_stop(struct l2c_pace *);
/* Counters back to zero (a new paste or file). */
void	l2c_pace_reset_stats(struct l2c_pace *);
/* "echo", "prompt", "none" or a delay in ms: 0, or L2C_ERR_INVAL. */
int	l2c_pace_parse(const char *, int *wait, uint64_t *delay_us);

#endif /* L2C_PACE_H */
