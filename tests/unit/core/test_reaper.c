/* SPDX-License-Identifier: ISC */
/*
 * The reaper: a program hung up goes on SIGHUP, or on SIGKILL after
 * the grace when it ignores SIGHUP; reaped ones are forgotten; what is
 * left at the end is killed and waited for.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/reaper.h"

#define GRACE_US	200000

/* A child in its own group that sleeps, SIGHUP ignored if asked. */
static pid_t
child(int ignore_hup)
{
	int	p[2];
	pid_t	pid;
	char	c;

	assert_int_equal(pipe(p), 0);
	if ((pid = fork()) == 0) {
		(void)setpgid(0, 0);
		if (ignore_hup)
			signal(SIGHUP, SIG_IGN);
		(void)write(p[1], "x", 1);
		for (;;)
			pause();
	}
	assert_true(pid > 0);
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);	/* its signals are set */
	close(p[0]);
	return pid;
}

/* Run the loop until pid is gone (reaped here), at most 3 s: its status. */
static int
wait_gone(struct l2c_loop *loop, struct l2c_reaper *r, pid_t pid,
    uint64_t *took)
{
	uint64_t	t0 = l2c_now_us(), end = t0 + 3000000;
	int		st;

	while (l2c_now_us() < end) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			*took = l2c_now_us() - t0;
			assert_int_equal(l2c_reaper_reaped(r, pid), 1);
			assert_int_equal(l2c_reaper_reaped(r, pid), 0);
			return st;
		}
		assert_int_equal(l2c_loop_once(loop, 10000), 0);
	}
	fail_msg("child %d still there after 3 s", (int)pid);
	return -1;
}

static void
test_hup_then_kill(void **state)
{
	struct l2c_loop		*loop;
	struct l2c_reaper	 r;
	uint64_t		 took;
	pid_t			 a, b;
	int			 st;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_reaper_init(&r, loop, GRACE_US);
	a = child(0);
	b = child(1);
	l2c_reaper_hangup(&r, a);
	l2c_reaper_hangup(&r, b);
	st = wait_gone(loop, &r, a, &took);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP);
	assert_true(took < GRACE_US);
	st = wait_gone(loop, &r, b, &took);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	assert_true(took >= GRACE_US / 2);
	assert_int_equal(r.n, 0);
	l2c_reaper_free(&r);
	l2c_loop_free(loop);
}

/* The end: what still runs is killed and waited for, not left behind. */
static void
test_free_kills(void **state)
{
	struct l2c_loop		*loop;
	struct l2c_reaper	 r;
	pid_t			 a;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_reaper_init(&r, loop, 60000000);
	a = child(1);
	l2c_reaper_hangup(&r, a);
	assert_int_equal(r.n, 1);
	l2c_reaper_free(&r);
	assert_int_equal(r.n, 0);
	assert_int_equal(waitpid(a, NULL, WNOHANG), -1);	/* reaped */
	l2c_loop_free(loop);
}

/* Without a loop yet (a monitor before its first request): SIGKILL. */
static void
test_no_loop_kills_at_once(void **state)
{
	struct l2c_reaper	 r;
	pid_t			 a;
	int			 st;

	(void)state;
	l2c_reaper_init(&r, NULL, GRACE_US);
	a = child(1);
	l2c_reaper_hangup(&r, a);
	assert_int_equal(r.n, 0);
	assert_int_equal(waitpid(a, &st, 0), a);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	l2c_reaper_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hup_then_kill),
		cmocka_unit_test(test_free_kills),
		cmocka_unit_test(test_no_loop_kills_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
