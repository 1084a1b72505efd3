/* SPDX-License-Identifier: ISC */
/*
 * Privilege separation, the OpenSSH way, for the servers: once what
 * needs root is open (the link, the output files), the process forks.
 * The child, the parser, becomes an unprivileged account in an empty
 * root, may start no program, and runs the whole event loop.  The
 * parent stays root as a small monitor that answers narrow requests
 * over a socketpair, one at a time: the protocol's own handler decides
 * what to grant.  Here are only the fork, the drop, the framing (one
 * message per SOCK_SEQPACKET datagram, at most one descriptor riding
 * with it), and the monitor's loop: SIGTERM, SIGINT and SIGHUP go on to
 * the parser, and the parser's end is the monitor's.
 */
#ifndef L2C_MONITOR_H
#define L2C_MONITOR_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "core/loop.h"

#define L2C_MON_MAX	512		/* body bytes of a message */
#define L2C_MON_REPLY	0x80		/* or-ed into an answer's type */

struct l2c_mon_msg {
	unsigned	type;
	size_t		len;
	uint8_t		b[L2C_MON_MAX];
	int		fd;		/* passed along, or -1 */
};

/* One message (and fd, or -1): 0, or L2C_ERR_SYS / L2C_ERR_PEERLOST. */
int	l2c_mon_send(int sock, unsigned type, const void *, size_t, int fd);
/*
 * The next message, blocking: 0; L2C_ERR_PEERLOST at the other end's
 * close; L2C_ERR_MALFORMED for a short, oversized or truncated one, or
 * one that brings a descriptor it may not (fd_ok 0).
 */
int	l2c_mon_recv(int sock, struct l2c_mon_msg *, int fd_ok);
/* The parser's side: a request and the monitor's reply to it. */
int	l2c_mon_call(int sock, unsigned type, const void *, size_t,
	    struct l2c_mon_msg *reply);

/*
 * A request whose answer is a status and, with 0, a descriptor (a
 * program's pty): 0 and *fd, or the monitor's negative L2C_ERR_*.
 */
int	l2c_mon_call_fd(int sock, unsigned type, const void *, size_t,
	    int *fd);

struct l2c_mon;

/*
 * A request in the monitor: answer it with l2c_mon_reply() (or not, for
 * a request that has no answer).  0 to go on; negative for a malformed
 * or out-of-order request: the monitor says so, kills the parser and
 * ends.
 */
typedef int	l2c_mon_req_fn(void *, struct l2c_mon *,
		    const struct l2c_mon_msg *);
/* A child of the monitor's (not the parser) was reaped. */
typedef void	l2c_mon_reap_fn(void *, pid_t, int status);

struct l2c_mon_conf {
	const char	*user;		/* the parser's; NULL: nobody */
	const char	*name;		/* for log lines: "mt-server" */
	l2c_mon_req_fn	*request;
	l2c_mon_reap_fn	*reaped;	/* may be NULL */
	void		*arg;
};

/*
 * Fork.  In the parser: 0 and *sock, privileges gone for good.  In the
 * monitor, which stays root: serves until the parser ends, then returns
 * 1 with *status its exit status (128 + signal if killed; 70 when the
 * monitor ended it), *sock -1.  Errors before the fork are negative.
 * Without root there is nothing to separate: 0 and *sock -1.
 */
int	l2c_monitor_start(const struct l2c_mon_conf *, int *sock,
	    int *status);
/*
 * The monitor's loop on a socket already made (l2c_monitor_start's
 * second half; tests drive it from a parser of their own): until the
 * socket closes or the parser (pid, 0: none to watch or kill) ends.
 * The parser's exit status, or 70 after a malformed request.
 */
int	l2c_mon_run(const struct l2c_mon_conf *, int sock, pid_t parser);
int	l2c_mon_reply(struct l2c_mon *, unsigned type, const void *, size_t,
	    int fd);
/* The answer l2c_mon_call_fd() takes: rv, and fd when rv is 0. */
int	l2c_mon_reply_fd(struct l2c_mon *, unsigned type, int rv, int fd);
struct l2c_loop	*l2c_mon_loop(struct l2c_mon *);

#endif /* L2C_MONITOR_H */
