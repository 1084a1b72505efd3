/* SPDX-License-Identifier: ISC */
/*
 * The MOP remote console server: answers Request ID with a System ID,
 * lets one station at a time reserve the console (with an optional
 * verification), runs a program on a pty for the holder and carries
 * its terminal over Command/Poll and Response/Ack.  Also answers MOP
 * loopback (0x9000) and, if asked, announces itself periodically.
 */
#ifndef L2C_MOP_SERVER_H
#define L2C_MOP_SERVER_H

#include <sys/types.h>

#include <stdint.h>

#include "core/ctx.h"
#include "mop/mop_proto.h"

#define MOP_SERVER_SIZE		512	/* command and response size */
#define MOP_SERVER_RSV_TIMER	15	/* seconds, as pydecnet */

/*
 * What needs the verification or root: here (conf.guard NULL: the
 * conf's verif and argv), or asked of the privileged monitor
 * (mop_srv_mon.h).  reserve: 1 if the verification is right (or none
 * is asked for), 0 if not; spawn: the program on a pty, only after a
 * good reserve (pid 0: not ours to reap); hangup: the program's end;
 * release: the reservation's.
 */
struct mop_srv_guard {
	int	(*reserve)(void *, const uint8_t verif[MOP_VERIF_LEN]);
	int	(*spawn)(void *, int *fd, pid_t *pid);
	void	(*hangup)(void *);
	void	(*release)(void *);
	void	*arg;
};

struct mop_server_conf {
	char *const	*argv;		/* run per reservation on a pty */
	const char	*user;		/* as this account; NULL: ours */
	int		 verify;	/* check verif on Reserve Console */
	uint8_t		 verif[MOP_VERIF_LEN];
	uint64_t	 sysid_interval_us;	/* 0: no announcements */
	uint16_t	 rsv_timer;	/* seconds; 0: the default */
	const char	*software;	/* software id; NULL: "l2console" */
	const struct mop_srv_guard *guard; /* NULL: verif and argv, here */
};

/* The conf's program on a pty, as its user: the guard's spawn. */
int	mop_server_spawn(const struct mop_server_conf *, int *fd, pid_t *pid);
/* The conf's verification against a Reserve's (no verify: 1). */
int	mop_server_verif_ok(const struct mop_server_conf *,
	    const uint8_t verif[MOP_VERIF_LEN]);

struct mop_server_stats {
	uint64_t	reservations;
	uint64_t	refused;	/* wrong verification, or taken */
	uint64_t	duplicates;	/* polls answered with the last response */
	uint64_t	expired;	/* reservations the timer ended */
	uint64_t	foreign;	/* Command or Release not from the holder */
	uint64_t	bytes_in, bytes_out;
};

struct mop_server;

void	mop_server_defaults(struct mop_server_conf *);
int	mop_server_new(struct l2c_ctx *, const struct mop_server_conf *,
	    struct mop_server **);
void	mop_server_stats(const struct mop_server *, struct mop_server_stats *);
/* 1 and the holder's MAC if the console is reserved, else 0. */
int	mop_server_holder(const struct mop_server *, uint8_t *);
/* Hangs up the child, stops answering. */
void	mop_server_free(struct mop_server *);

#endif /* L2C_MOP_SERVER_H */
