/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server: every client session in one event loop (the
 * parser's, under privilege separation: the users file and the
 * programs are the monitor's, behind conf.guard).  START, login (EC-SRP5, or legacy MD5 for plain-text users
 * unless refused), then a program on a pty per session, over
 * acknowledged DATA in both directions (ours are retransmitted, unlike
 * mactelnetd's).  It also answers MAC ping and MNDP requests and
 * announces itself with MNDP.  Wire facts: docs/protocols.md.
 *
 * An unknown user fails exactly as a wrong password does: the same
 * packets and text, after the same computation against a made-up
 * verifier, so the users cannot be enumerated.
 */
#ifndef L2C_MAC_MT_SERVER_H
#define L2C_MAC_MT_SERVER_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "mac/mt_users.h"

#define MT_SRV_IDLE_US		L2C_SEC(15)	/* as mactelnetd */
#define MT_SRV_MNDP_US		L2C_SEC(30)
#define MT_SRV_PINGS_PER_MIN	300		/* as mactelnetd */
#define MT_SRV_MAX_SESSIONS	1024
#define MT_SRV_PER_SOURCE	16		/* logins under way, per source */
#define MT_SRV_FAIL_DELAY_US	L2C_SEC(1)
#define MT_SRV_MAX_FAILS	5		/* per source and window */
#define MT_SRV_FAIL_WINDOW_US	L2C_SEC(60)
#define MT_SRV_BLOCK_US		L2C_SEC(10)	/* the longest penalty */
#define MT_SRV_LOGINS_PER_S	10		/* begin auths, server-wide */

#define MT_SRV_MSG_FAILED \
	"Login failed, incorrect username or password\r\n"

/* Who logged in, for the program that is started for them. */
struct mt_srv_login {
	const char	*user;		/* the login cut at '+' */
	const char	*login;		/* as the client sent it */
	const char	*term;		/* "" if the client sent none */
	unsigned	 cols, rows;	/* 0 if the client sent none */
	const uint8_t	*peer;		/* the client's MAC */
	const char	*method;	/* "EC-SRP5" or "MD5" */
};

/*
 * Start the program for a login.  0 with *fd (a pty master or any
 * non-blocking stream; the server owns it from now on) and *pid (0 when
 * there is no child to reap); L2C_ERR_AUTH or L2C_ERR_NOTFOUND when the
 * account does not exist here: the client is told its login failed,
 * exactly as for a wrong password.
 */
typedef int	mt_srv_spawn_fn(void *, const struct mt_srv_login *, int *fd,
		    pid_t *pid);
/* Random bytes (tests and fuzzing make them predictable); 0 or error. */
typedef int	mt_srv_rng_fn(void *, uint8_t *, size_t);

/*
 * What needs the users file or root, for login id (nonzero, one per
 * session): done in this process from users and spawn (conf.guard
 * NULL), or asked of the privileged monitor (mt_srv_mon.h).
 * begin: 0 with the salt and EC-SRP5's W_s (33 bytes), L2C_ERR_PROTO
 * for a client key off the curve, else an error; check: 1 good, 0 with
 * why, or an error; spawn: only after a good check, as
 * mt_srv_spawn_fn; end: the login is over, its program hung up.
 * foreign: the program is another process's child (the monitor's), so
 * no SIGCHLD here tells of its end: its terminal does.
 */
struct mt_srv_guard {
	int	(*begin)(void *, uint32_t id, int md5, const char *user,
		    const uint8_t *wc, uint8_t *salt, uint8_t *ws);
	int	(*check)(void *, uint32_t id, const char *user,
		    const uint8_t *resp, size_t len, char *why, size_t wlen);
	int	(*spawn)(void *, uint32_t id, const struct mt_srv_login *,
		    int *fd, pid_t *pid);
	void	(*end)(void *, uint32_t id);
	void	*arg;
	int	 foreign;
};

struct mt_server_conf {
	struct mt_users	*users;		/* borrowed; refreshed before logins */
	mt_srv_spawn_fn	*spawn;
	void		*spawn_arg;
	const struct mt_srv_guard *guard; /* else users and spawn, here */
	int		 no_md5;	/* refuse the legacy MD5 login */
	uint64_t	 idle_us;	/* 0: MT_SRV_IDLE_US */
	uint64_t	 mndp_us;	/* announce period; 0: never */
	unsigned	 pings_per_min;	/* 0: MT_SRV_PINGS_PER_MIN */
	unsigned	 max_sessions;	/* 0: MT_SRV_MAX_SESSIONS */
	unsigned	 per_source;	/* 0: MT_SRV_PER_SOURCE */
	uint64_t	 fail_delay_us;	/* before any login's answer */
	unsigned	 max_fails;	/* 0: MT_SRV_MAX_FAILS */
	uint64_t	 fail_window_us; /* 0: MT_SRV_FAIL_WINDOW_US */
	uint64_t	 block_us;	/* 0: MT_SRV_BLOCK_US */
	unsigned	 logins_per_s;	/* 0: MT_SRV_LOGINS_PER_S */
	uint32_t	 ipsrc;		/* our IPv4 source, 0.0.0.0 is fine */
	/* What MNDP says about us (strings may be NULL). */
	const char	*identity;
	const char	*version;
	const char	*platform;
	const char	*board;
	mt_srv_rng_fn	*rng;		/* NULL: l2c_random() */
	void		*rng_arg;
};

/* Counters for tests and the log line at exit. */
struct mt_server_stats {
	uint64_t	sessions;	/* started */
	uint64_t	active;		/* now, logged in */
	uint64_t	logins_ok;
	uint64_t	logins_failed;
	uint64_t	logins_refused;	/* MD5 refused, internal errors */
	uint64_t	auth_dropped;	/* begin auths past the budget */
	uint64_t	penalized;	/* answers held for a failing source */
	uint64_t	retransmits;
	uint64_t	pongs, pings_dropped;
	uint64_t	mndp_sent;
	uint64_t	crypto_ops;	/* EC-SRP5 key + check computations */
	uint64_t	md5_checks;
	/* Dropped frames of a live session: */
	uint64_t	foreign;	/* another Ethernet source or port */
	uint64_t	out_of_window;	/* DATA, ACK or END counter off */
	uint64_t	evicted;	/* sessions not logged in, for room */
};

struct mt_server;

int	mt_server_new(struct l2c_ctx *, const struct mt_server_conf *,
	    struct mt_server **);
/*
 * Say goodbye to every session (text, then END), hang up their
 * programs; the loop keeps running until mt_server_done() says so.
 */
void	mt_server_shutdown(struct mt_server *, const char *);
int	mt_server_done(const struct mt_server *);
/* Kill what is left, reap it, free everything. */
void	mt_server_free(struct mt_server *);
/* Announce now (also done every conf.mndp_us). */
int	mt_server_announce(struct mt_server *);
void	mt_server_stats(const struct mt_server *, struct mt_server_stats *);
size_t	mt_server_sessions(const struct mt_server *);

#endif /* L2C_MAC_MT_SERVER_H */
