/* SPDX-License-Identifier: ISC */
/*
 * Programs hung up and not yet gone: SIGHUP to the program's group now,
 * SIGKILL once the grace has passed, until the owner reaps them (its
 * SIGCHLD handler calls l2c_reaper_reaped).  One for each server that
 * starts programs: the in-process MAC-Telnet server and both monitors.
 */
#ifndef L2C_CORE_REAPER_H
#define L2C_CORE_REAPER_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "core/loop.h"

struct l2c_reaper_ent {
	pid_t		 pid;
	uint64_t	 kill_at;
};

struct l2c_reaper {
	struct l2c_loop		*loop;
	uint64_t		 grace_us;
	struct l2c_timer	 timer;
	struct l2c_reaper_ent	*e;
	size_t			 n;
};

/* The loop may be NULL until the owner has one (set r->loop then). */
void	l2c_reaper_init(struct l2c_reaper *, struct l2c_loop *,
	    uint64_t grace_us);
/* SIGHUP now; SIGKILL after the grace (at once if it cannot be kept). */
void	l2c_reaper_hangup(struct l2c_reaper *, pid_t);
/* A child reaped: 1 if it was one of these (then forgotten), else 0. */
int	l2c_reaper_reaped(struct l2c_reaper *, pid_t);
/* SIGKILL and wait for every one left; the table goes. */
void	l2c_reaper_free(struct l2c_reaper *);

#endif /* L2C_CORE_REAPER_H */
