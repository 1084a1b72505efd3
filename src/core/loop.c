/* SPDX-License-Identifier: ISC */
/*
 * One ppoll() loop.  Timers sit in a list sorted by deadline, so the
 * next timeout is the head; signals arrive through a signalfd so that
 * handlers run in loop context, never asynchronously.
 */
#include <sys/signalfd.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "loop.h"

#define MAXSIG	65

struct watch {
	int		 fd;
	short		 events;
	l2c_fd_cb	*fn;
	void		*arg;
	int		 dead;
};

struct l2c_loop {
	struct watch		*w;
	size_t			 nw, capw;
	struct pollfd		*pfd;
	TAILQ_HEAD(, l2c_timer)	 timers;	/* by deadline, then arming */
	int			 sigfd;
	sigset_t		 sigmask;
	l2c_signal_cb		*sigfn[MAXSIG];
	void			*sigarg[MAXSIG];
	int			 stop;
	int			 code;
	uint64_t		 wakeups;
};

uint64_t
l2c_now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

int
l2c_loop_new(struct l2c_loop **lp)
{
	struct l2c_loop	*l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return L2C_ERR_NOMEM;
	TAILQ_INIT(&l->timers);
	l->sigfd = -1;
	sigemptyset(&l->sigmask);
	*lp = l;
	return 0;
}

void
l2c_loop_free(struct l2c_loop *l)
{
	struct l2c_timer	*t;

	if (l == NULL)
		return;
	/*
	 * Timers outlive their loop in their owners' structs, which may
	 * cancel them when they go after it (a monitor's reaper): disarmed,
	 * a cancel no longer reaches the freed list.
	 */
	while ((t = TAILQ_FIRST(&l->timers)) != NULL) {
		TAILQ_REMOVE(&l->timers, t, entry);
		t->armed = 0;
	}
	if (l->sigfd != -1) {
		close(l->sigfd);
		/*
		 * A signal sent twice (timeout(1) signals its child and then
		 * its process group) may wait here after the first one was
		 * acted on: taken now, it would kill us on the way out.
		 */
		while (sigtimedwait(&l->sigmask, NULL,
		    &(struct timespec){ 0, 0 }) > 0)
			;
		sigprocmask(SIG_UNBLOCK, &l->sigmask, NULL);
	}
	free(l->w);
	free(l->pfd);
	free(l);
}

static struct watch *
find_watch(struct l2c_loop *l, int fd)
{
	size_t	i;

	for (i = 0; i < l->nw; i++)
		if (l->w[i].fd == fd && !l->w[i].dead)
			return &l->w[i];
	return NULL;
}

int
l2c_loop_fd(struct l2c_loop *l, int fd, short events, l2c_fd_cb *fn,
    void *arg)
{
	struct watch	*w;
	void		*p;

	if (fd < 0)
		return L2C_ERR_INVAL;
	if ((w = find_watch(l, fd)) == NULL) {
		if (l->nw == l->capw) {
			size_t ncap = l->capw ? l->capw * 2 : 8;

			if ((p = reallocarray(l->w, ncap, sizeof(*l->w))) == NULL)
				return L2C_ERR_NOMEM;
			l->w = p;
			if ((p = reallocarray(l->pfd, ncap,
			    sizeof(*l->pfd))) == NULL)
				return L2C_ERR_NOMEM;
			l->pfd = p;
			l->capw = ncap;
		}
		w = &l->w[l->nw++];
	}
	w->fd = fd;
	w->events = events;
	w->fn = fn;
	w->arg = arg;
	w->dead = 0;
	return 0;
}

int
l2c_loop_fd_events(struct l2c_loop *l, int fd, short events)
{
	struct watch	*w;

	if ((w = find_watch(l, fd)) == NULL)
		return L2C_ERR_NOTFOUND;
	w->events = events;
	return 0;
}

void
l2c_loop_fd_del(struct l2c_loop *l, int fd)
{
	struct watch	*w;

	/* Marked, not removed: we may be inside the dispatch over l->w. */
	if ((w = find_watch(l, fd)) != NULL)
		w->dead = 1;
}

void
l2c_loop_fd_watch(struct l2c_loop *l, int fd, int on, int *watching,
    l2c_fd_cb *fn, void *arg)
{
	on = on != 0;
	if (on == *watching)
		return;
	if (on)
		*watching = l2c_loop_fd(l, fd, POLLIN, fn, arg) == 0;
	else {
		l2c_loop_fd_del(l, fd);
		*watching = 0;
	}
}

static void
compact(struct l2c_loop *l)
{
	size_t	i, j;

	for (i = j = 0; i < l->nw; i++)
		if (!l->w[i].dead)
			l->w[j++] = l->w[i];
	l->nw = j;
}

static void
sig_read(void *arg, int fd, short revents)
{
	struct l2c_loop			*l = arg;
	struct signalfd_siginfo		 si;
	int				 signo;

	(void)revents;
	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		signo = (int)si.ssi_signo;
		if (signo > 0 && signo < MAXSIG && l->sigfn[signo] != NULL)
			l->sigfn[signo](l->sigarg[signo], signo);
	}
}

int
l2c_loop_signal(struct l2c_loop *l, int signo, l2c_signal_cb *fn, void *arg)
{
	int	fd;

	if (signo <= 0 || signo >= MAXSIG)
		return L2C_ERR_INVAL;
	l->sigfn[signo] = fn;
	l->sigarg[signo] = arg;
	sigaddset(&l->sigmask, signo);
	if (sigprocmask(SIG_BLOCK, &l->sigmask, NULL) == -1)
		return L2C_ERR_SYS;
	fd = signalfd(l->sigfd, &l->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd == -1)
		return L2C_ERR_SYS;
	if (l->sigfd == -1) {
		l->sigfd = fd;
		return l2c_loop_fd(l, fd, POLLIN, sig_read, l);
	}
	return 0;
}

void
l2c_loop_child_reset(void)
{
	sigset_t	all;

	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
}

void
l2c_timer_init(struct l2c_timer *t, l2c_timer_cb *fn, void *arg)
{
	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->arg = arg;
}

void
l2c_timer_cancel(struct l2c_loop *l, struct l2c_timer *t)
{
	if (!t->armed)
		return;
	TAILQ_REMOVE(&l->timers, t, entry);
	t->armed = 0;
}

void
l2c_timer_arm_at(struct l2c_loop *l, struct l2c_timer *t, uint64_t when)
{
	struct l2c_timer	*cur;

	l2c_timer_cancel(l, t);
	t->when_us = when;
	/* After those due at the same time: they were armed first. */
	TAILQ_FOREACH(cur, &l->timers, entry)
		if (cur->when_us > when)
			break;
	if (cur != NULL)
		TAILQ_INSERT_BEFORE(cur, t, entry);
	else
		TAILQ_INSERT_TAIL(&l->timers, t, entry);
	t->armed = 1;
}

void
l2c_timer_arm(struct l2c_loop *l, struct l2c_timer *t, uint64_t us)
{
	l2c_timer_arm_at(l, t, l2c_now_us() + us);
}

static void
run_timers(struct l2c_loop *l)
{
	struct l2c_timer	*t;
	uint64_t		 now = l2c_now_us();

	/* A callback may re-arm or cancel any timer: restart from the head. */
	while ((t = TAILQ_FIRST(&l->timers)) != NULL && t->when_us <= now &&
	    !l->stop) {
		l2c_timer_cancel(l, t);
		t->fn(t->arg);
	}
}

int
l2c_loop_once(struct l2c_loop *l, int64_t timeout_us)
{
	struct timespec	 ts, *tsp = NULL;
	uint64_t	 now;
	struct l2c_timer *first;
	int64_t		 wait = timeout_us;
	size_t		 i, n;
	int		 rv;

	compact(l);
	if ((first = TAILQ_FIRST(&l->timers)) != NULL) {
		now = l2c_now_us();
		if (first->when_us <= now)
			wait = 0;
		else if (wait < 0 || (int64_t)(first->when_us - now) < wait)
			wait = (int64_t)(first->when_us - now);
	}
	if (wait >= 0) {
		ts.tv_sec = wait / 1000000;
		ts.tv_nsec = (wait % 1000000) * 1000;
		tsp = &ts;
	}
	n = l->nw;
	for (i = 0; i < n; i++) {
		l->pfd[i].fd = l->w[i].fd;
		l->pfd[i].events = l->w[i].events;
		l->pfd[i].revents = 0;
	}
	rv = ppoll(l->pfd, n, tsp, NULL);
	l->wakeups++;
	if (rv == -1 && errno != EINTR)
		return L2C_ERR_SYS;
	for (i = 0; rv > 0 && i < n && !l->stop; i++) {
		if (l->pfd[i].revents == 0 || l->w[i].dead)
			continue;
		l->w[i].fn(l->w[i].arg, l->w[i].fd, l->pfd[i].revents);
	}
	if (!l->stop)
		run_timers(l);
	return 0;
}

int
l2c_loop_run(struct l2c_loop *l)
{
	int	rv;

	l->stop = 0;
	while (!l->stop)
		if ((rv = l2c_loop_once(l, -1)) != 0)
			return rv;
	return l->code;
}

void
l2c_loop_break(struct l2c_loop *l, int code)
{
	l->stop = 1;
	l->code = code;
}

uint64_t
l2c_loop_wakeups(const struct l2c_loop *l)
{
	return l->wakeups;
}
