/* SPDX-License-Identifier: ISC */
/*
 * The monitor and its parser: fork, the parser's drop (account, empty
 * root, no new privileges, no new processes), the message framing with
 * descriptor passing, and the monitor's loop.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "monitor.h"
#include "priv.h"

/*
 * LeakSanitizer reads /proc/self and starts a thread of its own at
 * exit, which an empty root and RLIMIT_NPROC 0 forbid: the sanitizer
 * builds (tests) skip both, the release build has them.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED	1
#endif
#endif

#define HDR		4	/* type and length, big-endian 16 bits */
#define EX_BROKEN	70	/* the monitor ended the parser */

struct l2c_mon {
	const struct l2c_mon_conf	*conf;
	struct l2c_loop			*loop;
	int				 sock;
	pid_t				 parser;
	int				 status, done;
};

int
l2c_mon_send(int sock, unsigned type, const void *p, size_t len, int fd)
{
	uint8_t		 hdr[HDR];
	struct iovec	 iov[2];
	struct msghdr	 mh;
	union {
		struct cmsghdr	c;
		char		b[CMSG_SPACE(sizeof(int))];
	} cm;
	ssize_t		 n;

	if (len > L2C_MON_MAX || type > 0xffff)
		return L2C_ERR_INVAL;
	hdr[0] = type >> 8;
	hdr[1] = type & 0xff;
	hdr[2] = len >> 8;
	hdr[3] = len & 0xff;
	iov[0].iov_base = hdr;
	iov[0].iov_len = sizeof(hdr);
	iov[1].iov_base = (void *)(uintptr_t)p;
	iov[1].iov_len = len;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = len > 0 ? 2 : 1;
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.b;
		mh.msg_controllen = sizeof(cm.b);
		CMSG_FIRSTHDR(&mh)->cmsg_level = SOL_SOCKET;
		CMSG_FIRSTHDR(&mh)->cmsg_type = SCM_RIGHTS;
		CMSG_FIRSTHDR(&mh)->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(CMSG_FIRSTHDR(&mh)), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return errno == EPIPE || errno == ECONNRESET ?
		    L2C_ERR_PEERLOST : L2C_ERR_SYS;
	return 0;
}

/* A descriptor that came with a message, or -1; extra ones are closed. */
static int
take_fd(struct msghdr *mh)
{
	struct cmsghdr	*c;
	int		 fd = -1, one;
	size_t		 i, n;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			memcpy(&one, CMSG_DATA(c) + i * sizeof(int),
			    sizeof(int));
			if (fd == -1)
				fd = one;
			else
				close(one);
		}
	}
	return fd;
}

int
l2c_mon_recv(int sock, struct l2c_mon_msg *m, int fd_ok)
{
	uint8_t		 b[HDR + L2C_MON_MAX + 1];
	struct iovec	 iov;
	struct msghdr	 mh;
	union {
		struct cmsghdr	c;
		char		b[CMSG_SPACE(sizeof(int) * 4)];
	} cm;
	ssize_t		 n;

	m->fd = -1;
	m->len = 0;
	iov.iov_base = b;
	iov.iov_len = sizeof(b);
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.b;
	mh.msg_controllen = sizeof(cm.b);
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n == 0 || (n == -1 && errno == ECONNRESET))
		return L2C_ERR_PEERLOST;
	if (n == -1)
		return L2C_ERR_SYS;
	m->fd = take_fd(&mh);
	if ((mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || n < HDR ||
	    n > HDR + L2C_MON_MAX || (size_t)n != HDR +
	    ((size_t)b[2] << 8 | b[3]) || (m->fd >= 0 && !fd_ok)) {
		if (m->fd >= 0)
			close(m->fd);
		m->fd = -1;
		return L2C_ERR_MALFORMED;
	}
	m->type = (unsigned)b[0] << 8 | b[1];
	m->len = (size_t)n - HDR;
	memcpy(m->b, b + HDR, m->len);
	return 0;
}

int
l2c_mon_call(int sock, unsigned type, const void *p, size_t len,
    struct l2c_mon_msg *reply)
{
	int	rv;

	if ((rv = l2c_mon_send(sock, type, p, len, -1)) != 0)
		return rv;
	return l2c_mon_recv(sock, reply, 1);
}

int
l2c_mon_reply(struct l2c_mon *mon, unsigned type, const void *p, size_t len,
    int fd)
{
	return l2c_mon_send(mon->sock, type, p, len, fd);
}

int
l2c_mon_call_fd(int sock, unsigned type, const void *p, size_t len, int *fd)
{
	struct l2c_mon_msg	r;
	int32_t			v;
	int			rv;

	*fd = -1;
	if ((rv = l2c_mon_call(sock, type, p, len, &r)) != 0)
		return rv;
	v = L2C_ERR_PROTO;
	if (r.type == (L2C_MON_REPLY | type) && r.len == 4)
		v = (int32_t)((uint32_t)r.b[0] << 24 |
		    (uint32_t)r.b[1] << 16 | (uint32_t)r.b[2] << 8 | r.b[3]);
	if (v == 0 && r.fd < 0)
		v = L2C_ERR_PROTO;
	if (v != 0) {
		if (r.fd >= 0)
			close(r.fd);
		return v < 0 ? v : L2C_ERR_PROTO;
	}
	*fd = r.fd;
	return 0;
}

int
l2c_mon_reply_fd(struct l2c_mon *mon, unsigned type, int rv, int fd)
{
	uint8_t	r[4];

	r[0] = (uint32_t)rv >> 24;
	r[1] = (uint32_t)rv >> 16;
	r[2] = (uint32_t)rv >> 8;
	r[3] = (uint32_t)rv;
	return l2c_mon_send(mon->sock, L2C_MON_REPLY | type, r, sizeof(r),
	    rv == 0 ? fd : -1);
}

struct l2c_loop *
l2c_mon_loop(struct l2c_mon *mon)
{
	return mon->loop;
}

/* The monitor gives up on its parser: one line, the parser killed. */
static void
broken(struct l2c_mon *mon, const char *why)
{
	l2c_err("%s: monitor: %s: ending the server", mon->conf->name, why);
	if (mon->parser > 0)
		kill(mon->parser, SIGKILL);
	mon->status = EX_BROKEN;
	mon->done = 1;
	l2c_loop_break(mon->loop, 0);
}

static void
on_sock(void *arg, int fd, short revents)
{
	struct l2c_mon		*mon = arg;
	struct l2c_mon_msg	 m;
	int			 rv;

	(void)revents;
	rv = l2c_mon_recv(fd, &m, 0);
	if (rv == L2C_ERR_PEERLOST || rv == L2C_ERR_SYS) {
		/* The parser is ending: its status comes with SIGCHLD. */
		l2c_loop_fd_del(mon->loop, fd);
		if (mon->parser <= 0) {
			mon->done = 1;
			l2c_loop_break(mon->loop, 0);
		}
		return;
	}
	if (rv != 0) {
		broken(mon, "malformed request");
		return;
	}
	if ((rv = mon->conf->request(mon->conf->arg, mon, &m)) < 0)
		broken(mon, rv == L2C_ERR_MALFORMED ? "malformed request" :
		    l2c_strerror(rv));
}

static void
on_chld(void *arg, int signo)
{
	struct l2c_mon	*mon = arg;
	pid_t		 pid;
	int		 st;

	(void)signo;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid != mon->parser) {
			if (mon->conf->reaped != NULL)
				mon->conf->reaped(mon->conf->arg, pid, st);
			continue;
		}
		mon->parser = 0;
		if (!mon->done)
			mon->status = WIFEXITED(st) ? WEXITSTATUS(st) :
			    WIFSIGNALED(st) ? 128 + WTERMSIG(st) : EX_BROKEN;
		mon->done = 1;
		l2c_loop_break(mon->loop, 0);
	}
}

/* Stopping is the parser's to do: it says goodbye to its sessions. */
static void
on_stop(void *arg, int signo)
{
	struct l2c_mon	*mon = arg;

	if (mon->parser > 0)
		kill(mon->parser, signo);
}

int
l2c_mon_run(const struct l2c_mon_conf *conf, int sock, pid_t parser)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct l2c_mon		 mon;
	size_t			 i;
	int			 rv;

	memset(&mon, 0, sizeof(mon));
	mon.conf = conf;
	mon.sock = sock;
	mon.parser = parser;
	if ((rv = l2c_loop_new(&mon.loop)) != 0)
		return EX_BROKEN;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]) && rv == 0; i++)
		rv = l2c_loop_signal(mon.loop, sigs[i], on_stop, &mon);
	if (rv == 0)
		rv = l2c_loop_signal(mon.loop, SIGCHLD, on_chld, &mon);
	if (rv == 0)
		rv = l2c_loop_fd(mon.loop, sock, POLLIN, on_sock, &mon);
	/* The parser may have ended before SIGCHLD was ours to see. */
	if (rv == 0)
		on_chld(&mon, SIGCHLD);
	while (rv == 0 && !mon.done)
		if ((rv = l2c_loop_run(mon.loop)) < 0)
			broken(&mon, l2c_strerror(rv));
	if (mon.parser > 0) {
		kill(mon.parser, SIGKILL);
		(void)waitpid(mon.parser, NULL, 0);
	}
	l2c_loop_free(mon.loop);
	return rv < 0 && mon.status == 0 ? EX_BROKEN : mon.status;
}

/*
 * An empty root nobody can write: a fresh directory, removed while we
 * are in it, so that nothing can ever be made there.
 */
static int
empty_root(void)
{
	char	dir[] = "/tmp/l2console-privsep.XXXXXX";

#ifdef SANITIZED
	return 0;
#endif
	if (mkdtemp(dir) == NULL)
		return -1;
	if (chdir(dir) == -1 || rmdir(dir) == -1 || chroot(".") == -1 ||
	    chdir("/") == -1) {
		(void)rmdir(dir);
		return -1;
	}
	return 0;
}

/* The parser's drop: the account, the empty root, no way to exec. */
static int
drop(const char *user)
{
	struct rlimit	 rl = { 0, 0 };
	struct passwd	*pw;
	uid_t		 uid;
	gid_t		 gid;
	int		 rv;

	if (user == NULL)
		user = L2C_PRIV_DEFAULT_USER;
	/* Looked up while /etc is still in sight. */
	if ((pw = getpwnam(user)) == NULL) {
		l2c_err("privsep: no user \"%s\"", user);
		return L2C_ERR_PRIV;
	}
	uid = pw->pw_uid;
	gid = pw->pw_gid;
	if (empty_root() == -1) {
		l2c_err("privsep: cannot enter an empty root: %s",
		    strerror(errno));
		return L2C_ERR_PRIV;
	}
	if ((rv = l2c_priv_drop_ids(uid, gid)) != 0)
		return rv;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return L2C_ERR_PRIV;
#ifndef SANITIZED
	if (setrlimit(RLIMIT_NPROC, &rl) == -1)
		return L2C_ERR_PRIV;
#else
	(void)rl;
#endif
	return 0;
}

int
l2c_monitor_start(const struct l2c_mon_conf *conf, int *sock, int *status)
{
	struct passwd	*pw;
	const char	*user;
	int		 sv[2], rv;
	pid_t		 pid, monitor = getpid();

	*sock = -1;
	*status = 0;
	if (geteuid() != 0)
		return 0;
	user = conf->user != NULL ? conf->user : L2C_PRIV_DEFAULT_USER;
	if ((pw = getpwnam(user)) == NULL) {
		l2c_err("privsep: no user \"%s\"", user);
		return L2C_ERR_PRIV;
	}
	if (pw->pw_uid == 0) {
		l2c_err("privsep: \"%s\" has uid 0: the parser must not be "
		    "root", user);
		return L2C_ERR_PRIV;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return L2C_ERR_SYS;
	if ((pid = fork()) == -1) {
		close(sv[0]);
		close(sv[1]);
		return L2C_ERR_SYS;
	}
	if (pid == 0) {
		close(sv[0]);
		if ((rv = drop(user)) != 0) {
			l2c_err("privsep: the parser cannot become %s: %s",
			    user, l2c_strerror(rv));
			_exit(EX_BROKEN);
		}
		/*
		 * A monitor killed outright takes us along (set after the
		 * drop, which clears it); it may be gone already.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
		    getppid() != monitor)
			_exit(EX_BROKEN);
		*sock = sv[1];
		return 0;
	}
	close(sv[1]);
	l2c_priv_nodump();
	*status = l2c_mon_run(conf, sv[0], pid);
	close(sv[0]);
	return 1;
}
