/* SPDX-License-Identifier: ISC */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>

#include "core/reaper.h"

static void
sig(pid_t pid, int signo)
{
	kill(-pid, signo);
	kill(pid, signo);
}

/* Those that outlived their SIGHUP get SIGKILL, again each grace. */
static void
fire(void *arg)
{
	struct l2c_reaper	*r = arg;
	uint64_t		 now = l2c_now_us(), next = 0;
	size_t			 i;

	for (i = 0; i < r->n; i++) {
		if (r->e[i].kill_at <= now) {
			sig(r->e[i].pid, SIGKILL);
			r->e[i].kill_at = now + r->grace_us;
		}
		if (next == 0 || r->e[i].kill_at < next)
			next = r->e[i].kill_at;
	}
	if (next != 0)
		l2c_timer_arm_at(r->loop, &r->timer, next);
}

void
l2c_reaper_init(struct l2c_reaper *r, struct l2c_loop *loop,
    uint64_t grace_us)
{
	r->loop = loop;
	r->grace_us = grace_us;
	r->e = NULL;
	r->n = 0;
	l2c_timer_init(&r->timer, fire, r);
}

void
l2c_reaper_hangup(struct l2c_reaper *r, pid_t pid)
{
	struct l2c_reaper_ent	*e;

	if (pid <= 0)
		return;
	sig(pid, SIGHUP);
	if (r->loop == NULL ||
	    (e = reallocarray(r->e, r->n + 1, sizeof(*e))) == NULL) {
		sig(pid, SIGKILL);
		return;
	}
	r->e = e;
	e[r->n].pid = pid;
	e[r->n].kill_at = l2c_now_us() + r->grace_us;
	if (r->n++ == 0)
		l2c_timer_arm(r->loop, &r->timer, r->grace_us);
}

int
l2c_reaper_reaped(struct l2c_reaper *r, pid_t pid)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].pid == pid) {
			r->e[i] = r->e[--r->n];
			if (r->n == 0 && r->loop != NULL)
				l2c_timer_cancel(r->loop, &r->timer);
			return 1;
		}
	return 0;
}

void
l2c_reaper_free(struct l2c_reaper *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		sig(r->e[i].pid, SIGKILL);
		(void)waitpid(r->e[i].pid, NULL, 0);
	}
	free(r->e);
	r->e = NULL;
	r->n = 0;
	if (r->loop != NULL)
		l2c_timer_cancel(r->loop, &r->timer);
}
