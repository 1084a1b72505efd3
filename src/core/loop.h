/* SPDX-License-Identifier: ISC */
/*
 * The event loop: one ppoll() over file descriptors, signals (through a
 * signalfd) and monotonic timers.  Idle means asleep: the only timeout
 * ppoll ever gets is the nearest armed timer.
 */
#ifndef L2C_LOOP_H
#define L2C_LOOP_H

#include <sys/queue.h>

#include <stdint.h>
#include <poll.h>

struct l2c_loop;

typedef void	l2c_fd_cb(void *, int fd, short revents);
typedef void	l2c_timer_cb(void *);
typedef void	l2c_signal_cb(void *, int signo);

struct l2c_timer {
	TAILQ_ENTRY(l2c_timer)	 entry;		/* while armed */
	uint64_t		 when_us;
	l2c_timer_cb		*fn;
	void			*arg;
	int			 armed;
};

uint64_t	 l2c_now_us(void);

int		 l2c_loop_new(struct l2c_loop **);
/* Its timers are disarmed: cancelling one later is harmless. */
void		 l2c_loop_free(struct l2c_loop *);
/* Watch fd for events (POLLIN/POLLOUT); one watcher per fd. */
int		 l2c_loop_fd(struct l2c_loop *, int, short, l2c_fd_cb *, void *);
int		 l2c_loop_fd_events(struct l2c_loop *, int, short);
void		 l2c_loop_fd_del(struct l2c_loop *, int);
/*
 * Watch fd for reading (on) or stop (off), where *watching says which
 * it is now: nothing when it is already so.  Off removes the watcher
 * rather than muting it, since poll reports a hangup even then.  On
 * that fails leaves *watching 0.
 */
void		 l2c_loop_fd_watch(struct l2c_loop *, int, int on, int *watching,
		    l2c_fd_cb *, void *);
/* Deliver signo through the loop instead of asynchronously. */
int		 l2c_loop_signal(struct l2c_loop *, int, l2c_signal_cb *, void *);
/* After fork(): give the child the signal mask it would have had. */
void		 l2c_loop_child_reset(void);

void		 l2c_timer_init(struct l2c_timer *, l2c_timer_cb *, void *);
void		 l2c_timer_arm(struct l2c_loop *, struct l2c_timer *, uint64_t us);
void		 l2c_timer_arm_at(struct l2c_loop *, struct l2c_timer *, uint64_t);
void		 l2c_timer_cancel(struct l2c_loop *, struct l2c_timer *);

/* Run until l2c_loop_break(); returns the code given to it. */
int		 l2c_loop_run(struct l2c_loop *);
/* One pass: wait at most timeout_us (-1: until something happens). */
int		 l2c_loop_once(struct l2c_loop *, int64_t timeout_us);
void		 l2c_loop_break(struct l2c_loop *, int);
uint64_t	 l2c_loop_wakeups(const struct l2c_loop *);

#define L2C_MS(x)	((uint64_t)(x) * 1000)
#define L2C_SEC(x)	((uint64_t)(x) * 1000000)

#endif /* L2C_LOOP_H */
