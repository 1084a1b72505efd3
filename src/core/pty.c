/* SPDX-License-Identifier: ISC */
/*
 * The one pty spawner: a child on a pseudo-terminal (its own session,
 * the slave as its controlling terminal), whose last step a hook takes:
 * exec a program, or become a login account first (login.c); and the
 * hang-up and reaping after.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "loop.h"
#include "pty.h"

#define ERRFD		10	/* where the child keeps its error pipe */

void
l2c_pty_init(struct l2c_pty *p)
{
	p->fd = -1;
	p->pid = 0;
	p->status = 0;
}

/* The child tells the parent why it failed: error code and errno. */
static void __attribute__((noreturn))
child_fail(int err)
{
	int	msg[2] = { err, errno };
	ssize_t	n;

	/* If the parent cannot be told, there is no one else to tell. */
	n = write(ERRFD, msg, sizeof(msg));
	(void)n;
	_exit(127);
}

/* In the child: its own session, the slave on 0, 1, 2; then the hook. */
static void __attribute__((noreturn))
child(const char *slave, l2c_pty_child_fn *fn, void *arg)
{
	static const int dfl[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
	    SIGCHLD, SIGTTIN, SIGTTOU, SIGTSTP, SIGALRM, SIGUSR1, SIGUSR2 };
	size_t	i;
	int	fd;

	l2c_loop_child_reset();
	for (i = 0; i < sizeof(dfl) / sizeof(dfl[0]); i++)
		signal(dfl[i], SIG_DFL);
	if (setsid() == -1 || (fd = open(slave, O_RDWR)) == -1)
		child_fail(L2C_ERR_SYS);
	(void)ioctl(fd, TIOCSCTTY, 0);
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		child_fail(L2C_ERR_SYS);
	if (fd > 2)
		close(fd);
	close_range(3, ERRFD - 1, 0);
	close_range(ERRFD + 1, ~0U, 0);
	child_fail(fn(arg));
}

/* The child's word: nothing (it exec'd) or an error code and errno. */
static int
child_result(int rfd, pid_t pid)
{
	int	msg[2];
	ssize_t	n;

	do
		n = read(rfd, msg, sizeof(msg));
	while (n == -1 && errno == EINTR);
	if (n == 0)
		return 0;
	(void)waitpid(pid, NULL, 0);
	if (n != (ssize_t)sizeof(msg) || msg[0] >= 0)
		return L2C_ERR_SYS;
	l2c_debug("pty child failed: %s: %s", l2c_strerror(msg[0]),
	    strerror(msg[1]));
	return msg[0];
}

int
l2c_pty_winsize(int fd, unsigned cols, unsigned rows)
{
	struct winsize	ws;

	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)(cols > 0 && cols < 10000 ? cols : 80);
	ws.ws_row = (unsigned short)(rows > 0 && rows < 10000 ? rows : 24);
	return ioctl(fd, TIOCSWINSZ, &ws) == -1 ? L2C_ERR_SYS : 0;
}

/*
 * The master is opened here; the child opens the slave by name, so that
 * it becomes the controlling terminal of the child's new session.
 */
int
l2c_pty_start(struct l2c_pty *p, unsigned cols, unsigned rows,
    l2c_pty_child_fn *fn, void *arg)
{
	char	slave[128];
	pid_t	pid;
	int	m, e[2], fl, rv;

	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		return L2C_ERR_SYS;
	if (grantpt(m) == -1 || unlockpt(m) == -1 ||
	    ptsname_r(m, slave, sizeof(slave)) != 0 ||
	    (fl = fcntl(m, F_GETFL)) == -1 ||
	    fcntl(m, F_SETFL, fl | O_NONBLOCK) == -1) {
		close(m);
		return L2C_ERR_SYS;
	}
	(void)l2c_pty_winsize(m, cols, rows);
	if (pipe2(e, O_CLOEXEC) == -1) {
		close(m);
		return L2C_ERR_SYS;
	}
	if ((pid = fork()) == -1) {
		close(m);
		close(e[0]);
		close(e[1]);
		return L2C_ERR_SYS;
	}
	if (pid == 0) {
		close(e[0]);
		close(m);
		if (e[1] != ERRFD && (dup2(e[1], ERRFD) == -1 ||
		    fcntl(ERRFD, F_SETFD, FD_CLOEXEC) == -1))
			_exit(127);
		child(slave, fn, arg);
	}
	close(e[1]);
	rv = child_result(e[0], pid);
	close(e[0]);
	if (rv != 0) {
		close(m);
		return rv;
	}
	p->fd = m;
	p->pid = pid;
	p->status = 0;
	return 0;
}

struct argv_child {
	char *const		 *argv;
	const struct l2c_pty_opts *o;
};

/* A program from PATH; one that cannot be run exits 127 unreported. */
static int
argv_exec(void *arg)
{
	struct argv_child	*a = arg;

	setenv("TERM", a->o != NULL && a->o->term != NULL ? a->o->term :
	    "vt100", 1);
	execvp(a->argv[0], a->argv);
	_exit(127);
}

int
l2c_pty_spawn(struct l2c_pty *p, char *const argv[],
    const struct l2c_pty_opts *o)
{
	struct argv_child	a = { argv, o };

	if (argv == NULL || argv[0] == NULL)
		return L2C_ERR_INVAL;
	return l2c_pty_start(p, o != NULL ? o->cols : 0, o != NULL ? o->rows :
	    0, argv_exec, &a);
}

int
l2c_pty_resize(struct l2c_pty *p, unsigned cols, unsigned rows)
{
	if (p->fd == -1)
		return L2C_ERR_INVAL;
	return l2c_pty_winsize(p->fd, cols, rows);
}

int
l2c_pty_signal(struct l2c_pty *p, int sig)
{
	pid_t	pg;

	if (p->fd == -1)
		return L2C_ERR_INVAL;
#ifdef TIOCSIG
	if (ioctl(p->fd, TIOCSIG, sig) == 0)
		return 0;
#endif
	if ((pg = tcgetpgrp(p->fd)) > 0 && kill(-pg, sig) == 0)
		return 0;
	return p->pid > 0 && kill(p->pid, sig) == 0 ? 0 : L2C_ERR_SYS;
}

int
l2c_pty_reap(struct l2c_pty *p)
{
	pid_t	r;

	if (p->pid <= 0)
		return 1;
	r = waitpid(p->pid, &p->status, WNOHANG);
	if (r == -1)
		return errno == ECHILD ? (p->pid = 0, 1) : L2C_ERR_SYS;
	if (r == 0)
		return 0;
	p->pid = 0;
	return 1;
}

int
l2c_pty_lead_gone(int master)
{
	return tcgetpgrp(master) == 0;
}

/* Wait up to ms for the child to go. */
static int
reap_wait(struct l2c_pty *p, int ms)
{
	struct timespec	ts = { 0, 10 * 1000000 };
	int		i;

	for (i = 0; i <= ms / 10; i++) {
		if (l2c_pty_reap(p) != 0)
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

void
l2c_pty_close(struct l2c_pty *p)
{
	if (p->fd != -1) {
		close(p->fd);
		p->fd = -1;
	}
	if (p->pid <= 0)
		return;
	if (reap_wait(p, 100))
		return;
	kill(-p->pid, SIGTERM);
	kill(p->pid, SIGTERM);
	if (reap_wait(p, 500))
		return;
	kill(-p->pid, SIGKILL);
	kill(p->pid, SIGKILL);
	(void)waitpid(p->pid, &p->status, 0);
	p->pid = 0;
}
