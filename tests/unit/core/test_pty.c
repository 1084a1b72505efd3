/* SPDX-License-Identifier: ISC */
/* The pty spawner: argv and login hooks, sizes, a failing hook, reaping. */
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/login.h"
#include "core/pty.h"

/* Everything the child writes until it lets go of the pty. */
static size_t
slurp(int fd, char *buf, size_t cap)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	size_t		len = 0;
	ssize_t		n;

	while (len + 1 < cap && poll(&pfd, 1, 5000) == 1) {
		n = read(fd, buf + len, cap - 1 - len);
		if (n > 0)
			len += (size_t)n;
		else if (n == 0 || errno != EAGAIN)
			break;
	}
	buf[len] = '\0';
	return len;
}

static void
test_argv_child(void **state)
{
	char *const		 argv[] = { "sh", "-c",
	    "echo \"term=$TERM\"; stty size", NULL };
	struct l2c_pty_opts	 o = { .term = "xterm", .cols = 100, .rows = 30 };
	struct l2c_pty		 p;
	char			 out[512];

	(void)state;
	l2c_pty_init(&p);
	assert_int_equal(l2c_pty_spawn(&p, argv, &o), 0);
	assert_true(p.fd >= 0 && p.pid > 0);
	(void)slurp(p.fd, out, sizeof(out));
	assert_non_null(strstr(out, "term=xterm"));
	assert_non_null(strstr(out, "30 100"));
	l2c_pty_close(&p);
	assert_int_equal(p.pid, 0);
	assert_true(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 0);
}

/*
 * A program that leaves a job in the background holding the terminal
 * and ends: the master sees no EIO, yet l2c_pty_lead_gone says it ended
 * (and not before: while it waits for its line it runs).
 */
static void
test_lead_gone(void **state)
{
	char *const		 argv[] = { "sh", "-c",
	    "read x; trap '' HUP; sleep 5 & exit 0", NULL };
	struct timespec		 tick = { 0, 10 * 1000000 };
	struct l2c_pty		 p;
	char			 c;
	int			 i;

	(void)state;
	l2c_pty_init(&p);
	assert_int_equal(l2c_pty_spawn(&p, argv, NULL), 0);
	assert_int_equal(l2c_pty_lead_gone(p.fd), 0);
	assert_int_equal(write(p.fd, "\n", 1), 1);
	for (i = 0; i < 500 && l2c_pty_reap(&p) != 1; i++)
		nanosleep(&tick, NULL);
	assert_int_equal(p.pid, 0);
	assert_int_equal(l2c_pty_lead_gone(p.fd), 1);
	/* The job still holds the slave: no EIO (after the echoed line). */
	while (read(p.fd, &c, 1) == 1)
		;
	assert_int_equal(errno, EAGAIN);
	l2c_pty_close(&p);
}

static void
test_missing_program(void **state)
{
	char *const	argv[] = { "/nonexistent/program", NULL };
	struct l2c_pty	p;

	(void)state;
	l2c_pty_init(&p);
	/* As before the hooks: the child runs and exits 127. */
	assert_int_equal(l2c_pty_spawn(&p, argv, NULL), 0);
	l2c_pty_close(&p);
	assert_true(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 127);
	assert_int_equal(l2c_pty_spawn(&p, NULL, NULL), L2C_ERR_INVAL);
}

static int
failing_hook(void *arg)
{
	(void)arg;
	errno = EPERM;
	return L2C_ERR_PRIV;
}

static void
test_hook_error_reaches_parent(void **state)
{
	struct l2c_pty	p;

	(void)state;
	l2c_pty_init(&p);
	assert_int_equal(l2c_pty_start(&p, 0, 0, failing_hook, NULL),
	    L2C_ERR_PRIV);
	assert_int_equal(p.fd, -1);
	assert_int_equal(p.pid, 0);
}

static void
test_login_hook(void **state)
{
	struct l2c_login	lg = { .cmd = "echo \"$TERM $HOME\"; stty size",
	    .cols = 0, .rows = 0 };
	struct l2c_pty		p;
	char			out[512];
	int			status;

	(void)state;
	/* Ourselves: no switch, the account's home, vt102, 80x24. */
	l2c_pty_init(&p);
	assert_int_equal(l2c_login_spawn(&lg, &p.fd, &p.pid), 0);
	(void)slurp(p.fd, out, sizeof(out));
	assert_non_null(strstr(out, "vt102 /"));
	assert_non_null(strstr(out, "24 80"));
	assert_int_equal(l2c_pty_winsize(p.fd, 0, 0), 0);
	close(p.fd);
	assert_int_equal(waitpid(p.pid, &status, 0), p.pid);
	lg.user = "no-such-user-here";
	assert_int_equal(l2c_login_spawn(&lg, &p.fd, &p.pid),
	    L2C_ERR_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argv_child),
		cmocka_unit_test(test_lead_gone),
		cmocka_unit_test(test_missing_program),
		cmocka_unit_test(test_hook_error_reaches_parent),
		cmocka_unit_test(test_login_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
