/* SPDX-License-Identifier: ISC */
/*
 * The program behind each MAC-Telnet server session: started on a pty
 * once logged in, its output read only while nothing is in flight (a
 * slow client slows the program rather than filling memory), the
 * client's input written as the pty takes it; hung up and reaped.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "core/pty.h"
#include "mac/mt_srv_int.h"

/* How often the session of a program that is not our child is looked at. */
#define LEAD_POLL	L2C_SEC(1)

static void	fd_cb(void *, int, short);

/* Watch the pty only for what we can act on now: no busy POLLHUP. */
void
mts_update_watch(struct sess *s)
{
	struct l2c_loop	*loop = s->srv->ctx->loop;
	short		 want = 0;

	if (s->fd >= 0 && !s->fd_eof) {
		if (!s->inflight && s->qn == 0 &&
		    (s->state == S_ACTIVE || s->state == S_DRAIN))
			want |= POLLIN;
		if (s->inlen > 0)
			want |= POLLOUT;
	}
	if (want == 0) {
		if (s->watching)
			l2c_loop_fd_del(loop, s->fd);
		s->watching = 0;
	} else if (!s->watching) {
		if (l2c_loop_fd(loop, s->fd, want, fd_cb, s) == 0)
			s->watching = 1;
	} else if (want != s->events)
		(void)l2c_loop_fd_events(loop, s->fd, want);
	s->events = want;
}

/* What the client typed, into the pty as far as it takes it. */
void
mts_flush_input(struct sess *s)
{
	ssize_t	n;

	while (s->inlen > 0 && s->fd >= 0) {
		n = write(s->fd, s->in, s->inlen);
		if (n > 0) {
			memmove(s->in, s->in + n, s->inlen - (size_t)n);
			s->inlen -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		s->inlen = 0;	/* EIO: nobody reads the terminal any more */
	}
}

/* The pty can be written, or read (or hung up): move things along. */
static void
fd_cb(void *arg, int fd, short revents)
{
	struct sess	*s = arg;

	(void)fd;
	if (revents & POLLOUT)
		mts_flush_input(s);
	mts_pump(s);
}

/* Hang the program up; a child that outlives SIGHUP is killed later. */
void
mts_hangup(struct sess *s)
{
	struct mt_server	*srv = s->srv;

	if (s->fd >= 0) {
		if (s->watching)
			l2c_loop_fd_del(srv->ctx->loop, s->fd);
		s->watching = 0;
		close(s->fd);
		s->fd = -1;
	}
	s->fd_eof = 1;
	s->inlen = 0;
	l2c_timer_cancel(srv->ctx->loop, &s->lead);
	if (s->begun) {
		s->begun = 0;
		srv->guard.end(srv->guard.arg, s->id);
	}
	if (s->pid <= 0)
		return;
	l2c_reaper_hangup(&srv->reap, s->pid);
	s->pid = 0;
}

/*
 * Move output along: a queued message, else a chunk of the program's
 * output, else END when everything is said.  One DATA in flight.
 */
void
mts_pump(struct sess *s)
{
	uint8_t		buf[CHUNK];
	struct qmsg	*m;
	ssize_t		n;

	if (s->state == S_ENDSENT)
		return;
	if (!s->inflight && s->qn > 0) {
		m = &s->q[s->qhead];
		s->qhead = (s->qhead + 1) % QMAX;
		s->qn--;
		mts_send_data(s, m->b, m->len);
	}
	if (!s->inflight && s->fd >= 0 && !s->fd_eof &&
	    (s->state == S_ACTIVE || s->state == S_DRAIN)) {
		n = read(s->fd, buf, sizeof(buf));
		if (n > 0)
			mts_send_data(s, buf, (size_t)n);
		else if (n == 0 || (errno != EAGAIN && errno != EINTR) ||
		    s->child_done) {
			/* EIO: the program and all it started let go. */
			s->fd_eof = 1;
			s->end_after = 1;
			if (s->state == S_ACTIVE)
				s->state = S_DRAIN;
		}
	}
	if (!s->inflight && s->qn == 0 && s->end_after &&
	    (s->fd < 0 || s->fd_eof)) {
		mts_hangup(s);
		mts_send_end(s);
	}
	mts_update_watch(s);
}

void
mts_sigchld_cb(void *arg, int signo)
{
	struct mt_server	*srv = arg;
	struct sess		*s;
	pid_t			 pid;
	int			 status;

	(void)signo;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (l2c_reaper_reaped(&srv->reap, pid))
			continue;
		TAILQ_FOREACH(s, &srv->all, entry)
			if (s->pid == pid) {
				s->pid = 0;
				s->child_done = 1;
				mts_pump(s);
				break;
			}
	}
}

/*
 * Under privilege separation the program is the monitor's child: no
 * SIGCHLD here tells of its end, and a job it left in the background
 * holding the terminal would keep the session open (no EIO).  The
 * terminal tells (l2c_pty_lead_gone); the session then ends as it would
 * after SIGCHLD, the rest of the output first.
 */
void
mts_lead_cb(void *arg)
{
	struct sess	*s = arg;

	if (s->fd < 0 || s->fd_eof || s->child_done)
		return;
	if (l2c_pty_lead_gone(s->fd)) {
		s->child_done = 1;
		mts_pump(s);
		return;
	}
	l2c_timer_arm(s->srv->ctx->loop, &s->lead, LEAD_POLL);
}

void
mts_watch_lead(struct sess *s)
{
	if (s->srv->guard.foreign)
		mts_lead_cb(s);
}
