/* Spawn a child on a pseudo-terminal, and hang it up again. */
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
#include "loop.h"
#include "pty.h"

void
l2c_pty_init(struct l2c_pty *p)
{
	p->fd = -1;
	p->pid = 0;
	p->status = 0;
}

/* In the child: its own session, the slave as controlling terminal. */
static void
child(const char *slave, char *const argv[], const struct l2c_pty_opts *o)
{
	static const int dfl[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
	    SIGCHLD, SIGTTIN, SIGTTOU, SIGTSTP };
	size_t	i;
	int	fd;

	l2c_loop_child_reset();
	for (i = 0; i < sizeof(dfl) / sizeof(dfl[0]); i++)
		signal(dfl[i], SIG_DFL);
	if (setsid() == -1)
		_exit(126);
	if ((fd = open(slave, O_RDWR)) == -1)
		_exit(126);
	(void)ioctl(fd, TIOCSCTTY, 0);
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		_exit(126);
	closefrom(3);
	setenv("TERM", o != NULL && o->term != NULL ? o->term : "vt100", 1);
	execvp(argv[0], argv);
	_exit(127);
}

int
l2c_pty_spawn(struct l2c_pty *p, char *const argv[],
    const struct l2c_pty_opts *o)
{
	struct winsize	 ws;
	char		 slave[128];
	pid_t		 pid;
	int		 m, fl;

	if (argv == NULL || argv[0] == NULL)
		return L2C_ERR_INVAL;
	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		return L2C_ERR_SYS;
	if (grantpt(m) == -1 || unlockpt(m) == -1 ||
	    ptsname_r(m, slave, sizeof(slave)) != 0) {
		close(m);
		return L2C_ERR_SYS;
	}
	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)(o != NULL && o->cols ? o->cols : 80);
	ws.ws_row = (unsigned short)(o != NULL && o->rows ? o->rows : 24);
	(void)ioctl(m, TIOCSWINSZ, &ws);
	if ((pid = fork()) == -1) {
		close(m);
		return L2C_ERR_SYS;
	}
	if (pid == 0)
		child(slave, argv, o);
	if ((fl = fcntl(m, F_GETFL)) == -1 ||
	    fcntl(m, F_SETFL, fl | O_NONBLOCK) == -1) {
		close(m);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return L2C_ERR_SYS;
	}
	p->fd = m;
	p->pid = pid;
	p->status = 0;
	return 0;
}

int
l2c_pty_resize(struct l2c_pty *p, unsigned cols, unsigned rows)
{
	struct winsize	ws;

	if (p->fd == -1)
		return L2C_ERR_INVAL;
	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	return ioctl(p->fd, TIOCSWINSZ, &ws) == -1 ? L2C_ERR_SYS : 0;
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
