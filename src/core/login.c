/* A login on a new pty: fork, become the account, exec its shell. */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "login.h"
#include "loop.h"

#define ERRFD		10	/* where the child keeps its error pipe */
#define USER_PATH	"/usr/local/bin:/usr/bin:/bin"
#define ROOT_PATH	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
			"/sbin:/bin"

/* What the child needs of the account, copied before fork(). */
struct acct {
	char	name[LOGIN_NAME_MAX + 1];
	char	home[PATH_MAX];
	char	shell[PATH_MAX];
	uid_t	uid;
	gid_t	gid;
	int	switch_user;
};

/* Stages a child can fail in, sent up the error pipe with errno. */
enum stage {
	ST_SESSION = 1,
	ST_TTY,
	ST_PRIV,
	ST_EXEC,
};

/* The account, and whether we must (and may) switch to it. */
static int
lookup(const struct l2c_login *lg, struct acct *a)
{
	struct passwd	 pw, *res = NULL;
	char		 buf[16384];
	int		 rv;

	memset(a, 0, sizeof(*a));
	if (lg->user != NULL)
		rv = getpwnam_r(lg->user, &pw, buf, sizeof(buf), &res);
	else
		rv = getpwuid_r(geteuid(), &pw, buf, sizeof(buf), &res);
	if (rv != 0 || res == NULL)
		return L2C_ERR_NOTFOUND;
	if (strlen(pw.pw_name) > LOGIN_NAME_MAX ||
	    strlen(pw.pw_dir) >= sizeof(a->home) ||
	    strlen(pw.pw_shell) >= sizeof(a->shell))
		return L2C_ERR_NOTFOUND;
	strcpy(a->name, pw.pw_name);
	strcpy(a->home, pw.pw_dir);
	strcpy(a->shell, pw.pw_shell[0] != '\0' ? pw.pw_shell : "/bin/sh");
	a->uid = pw.pw_uid;
	a->gid = pw.pw_gid;
	if (pw.pw_uid != geteuid()) {
		if (geteuid() != 0)
			return L2C_ERR_PERM;
		a->switch_user = 1;
	}
	return 0;
}

static void __attribute__((noreturn))
die(enum stage st)
{
	int	msg[2] = { (int)st, errno };
	ssize_t	n;

	/* If the parent cannot be told, there is no one else to tell. */
	n = write(ERRFD, msg, sizeof(msg));
	(void)n;
	_exit(127);
}

/* The tty group, as login(1) gives a terminal to its user. */
static gid_t
tty_gid(gid_t dflt)
{
	struct group	 gr, *res = NULL;
	char		 buf[4096];

	if (getgrnam_r("tty", &gr, buf, sizeof(buf), &res) == 0 && res != NULL)
		return gr.gr_gid;
	return dflt;
}

static void __attribute__((noreturn))
child(const char *slave, const struct acct *a, const struct l2c_login *lg,
    gid_t ttygid)
{
	static const int dfl[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
	    SIGCHLD, SIGTTIN, SIGTTOU, SIGTSTP, SIGALRM, SIGUSR1, SIGUSR2 };
	const char	*base;
	char		 argv0[PATH_MAX + 1];
	size_t		 i;
	int		 fd;

	l2c_loop_child_reset();
	for (i = 0; i < sizeof(dfl) / sizeof(dfl[0]); i++)
		signal(dfl[i], SIG_DFL);
	if (setsid() == -1)
		die(ST_SESSION);
	if ((fd = open(slave, O_RDWR)) == -1)
		die(ST_TTY);
	(void)ioctl(fd, TIOCSCTTY, 0);
	if (a->switch_user && (fchown(fd, a->uid, ttygid) == -1 ||
	    fchmod(fd, 0620) == -1))
		die(ST_TTY);
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		die(ST_TTY);
	if (fd > 2)
		close(fd);
	close_range(3, ERRFD - 1, 0);
	close_range(ERRFD + 1, ~0U, 0);
	if (a->switch_user) {
		if (initgroups(a->name, a->gid) == -1 ||
		    setgid(a->gid) == -1 || setuid(a->uid) == -1)
			die(ST_PRIV);
		/* As OpenSSH's permanently_set_uid: root must not come back. */
		if (a->uid != 0 && (setuid(0) != -1 || seteuid(0) != -1)) {
			errno = EPERM;
			die(ST_PRIV);
		}
	}
	/* As login(1): no home is no reason to stop, no "/" is. */
	if (chdir(a->home) == -1 && chdir("/") == -1)
		die(ST_EXEC);
	if (clearenv() != 0 ||
	    setenv("HOME", a->home, 1) == -1 ||
	    setenv("USER", a->name, 1) == -1 ||
	    setenv("LOGNAME", a->name, 1) == -1 ||
	    setenv("SHELL", a->shell, 1) == -1 ||
	    setenv("PATH", a->uid == 0 ? ROOT_PATH : USER_PATH, 1) == -1 ||
	    setenv("TERM", lg->term != NULL && lg->term[0] != '\0' ?
	    lg->term : "vt102", 1) == -1)
		die(ST_EXEC);
	if (lg->cmd != NULL) {
		execl("/bin/sh", "sh", "-c", lg->cmd, (char *)NULL);
		die(ST_EXEC);
	}
	/* A login shell: argv[0] is "-" and the shell's base name. */
	base = strrchr(a->shell, '/');
	base = base != NULL ? base + 1 : a->shell;
	snprintf(argv0, sizeof(argv0), "-%s", base);
	execl(a->shell, argv0, (char *)NULL);
	die(ST_EXEC);
}

/* The client's window size, as the program on the pty sees it. */
int
l2c_login_resize(int master, unsigned cols, unsigned rows)
{
	struct winsize	ws;

	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)(cols > 0 && cols < 10000 ? cols : 80);
	ws.ws_row = (unsigned short)(rows > 0 && rows < 10000 ? rows : 24);
	return ioctl(master, TIOCSWINSZ, &ws) == -1 ? L2C_ERR_SYS : 0;
}

/* The child's word: nothing (it exec'd) or the stage and errno. */
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
	if (n != (ssize_t)sizeof(msg))
		return L2C_ERR_SYS;
	l2c_debug("login child failed at stage %d: %s", msg[0],
	    strerror(msg[1]));
	return msg[0] == ST_PRIV ? L2C_ERR_PRIV : L2C_ERR_SYS;
}

/*
 * The master is opened here; the child opens the slave by name, so that
 * it becomes the controlling terminal of the child's new session.
 */
int
l2c_login_spawn(const struct l2c_login *lg, int *masterp, pid_t *pidp)
{
	struct acct	 a;
	char		 slave[128];
	gid_t		 ttygid;
	pid_t		 pid;
	int		 m, p[2], fl, rv;

	*masterp = -1;
	*pidp = 0;
	if ((rv = lookup(lg, &a)) != 0)
		return rv;
	ttygid = a.switch_user ? tty_gid(a.gid) : a.gid;
	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		return L2C_ERR_SYS;
	if (grantpt(m) == -1 || unlockpt(m) == -1 ||
	    ptsname_r(m, slave, sizeof(slave)) != 0 ||
	    (fl = fcntl(m, F_GETFL)) == -1 ||
	    fcntl(m, F_SETFL, fl | O_NONBLOCK) == -1) {
		close(m);
		return L2C_ERR_SYS;
	}
	(void)l2c_login_resize(m, lg->cols, lg->rows);
	if (pipe2(p, O_CLOEXEC) == -1) {
		close(m);
		return L2C_ERR_SYS;
	}
	if ((pid = fork()) == -1) {
		close(m);
		close(p[0]);
		close(p[1]);
		return L2C_ERR_SYS;
	}
	if (pid == 0) {
		close(p[0]);
		close(m);
		if (p[1] != ERRFD && (dup2(p[1], ERRFD) == -1 ||
		    fcntl(ERRFD, F_SETFD, FD_CLOEXEC) == -1))
			_exit(127);
		child(slave, &a, lg, ttygid);
	}
	close(p[1]);
	rv = child_result(p[0], pid);
	close(p[0]);
	if (rv != 0) {
		close(m);
		return rv;
	}
	*masterp = m;
	*pidp = pid;
	return 0;
}
