/* SPDX-License-Identifier: ISC */
/*
 * The contract between a console session (MAC-Telnet, MOP: src/mac,
 * src/mop) and the face that shows it (src/ui).  The face owns the
 * terminal, the escape key and batch mode; the session owns the wire.
 *
 * The rules:
 *  - A session never calls the face from inside one of the face's own
 *    calls (ops below): OPEN, NOTICE, WRITABLE, CLOSED and output all
 *    come from the loop (a frame in, a timer), so the face may call any
 *    op from its callbacks.  The one exception is free(), which is
 *    silent.
 *  - CLOSED carries an error code (0 for a normal end) and never a
 *    sentence: the facts behind it (who, which interface, how long)
 *    come from ops->facts, and the family row's explain (core/family.h)
 *    turns (err, facts) into the user's sentence.  Only the face asks
 *    for it.
 *  - Constructors are <module>_new(ctx, const struct <module>_conf *,
 *    const struct l2c_sess_cb *, struct l2c_sess *out); ops->free ends.
 */
#ifndef L2C_SESSION_H
#define L2C_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

enum l2c_sess_event {
	L2C_SESS_OPEN,		/* console ready (login done, reserved) */
	L2C_SESS_CLOSED,	/* over; err says why, 0 for a normal end */
	L2C_SESS_NOTICE,	/* one line for the user, never a secret */
	L2C_SESS_WRITABLE,	/* input refused earlier may be offered again */
};

/*
 * Which of its family's logins a session got in with: the face keeps
 * it per device (a known devices file), to refuse a later downgrade.
 */
enum {
	L2C_LOGIN_NONE,		/* no login (MOP), or not yet */
	L2C_LOGIN_WEAK,		/* MAC-Telnet's legacy MD5 */
	L2C_LOGIN_STRONG,	/* EC-SRP5 */
};

struct l2c_sess_info {
	const char	*proto;		/* "mikrotik", "mop" */
	const char	*method;	/* "EC-SRP5", "MD5", "console carrier" */
	int		 login;		/* L2C_LOGIN_*: which got in, once open */
	uint8_t		 peer[L2C_ETH_ALEN];
	uint64_t	 frames_tx, frames_rx;
	uint64_t	 bytes_tx, bytes_rx;	/* terminal bytes */
	uint64_t	 retransmits;
	uint64_t	 rtt_us;		/* smoothed; 0 if unknown */
	uint64_t	 lost_bytes;		/* output the peer lost for good */
};

/*
 * Why a session CLOSED, beyond its error code: the facts its family's
 * explain() needs for the user's sentence.
 */
struct l2c_sess_facts {
	int		 why;		/* the protocol's own reason; 0: none */
	uint8_t		 peer[L2C_ETH_ALEN];
	uint8_t		 other[L2C_ETH_ALEN];	/* another station involved */
	uint64_t	 timeout_us;	/* the wait that ran out */
	char		 ifname[32];	/* the interface asked on */
};

/* What a session tells its face. */
struct l2c_sess_cb {
	void	(*output)(void *, const uint8_t *, size_t);
	/* The text is NOTICE's line; NULL for every other event. */
	void	(*event)(void *, enum l2c_sess_event, int err, const char *);
	void	*arg;
};

/* What a face may ask of a session. */
struct l2c_sess_ops {
	const char *proto;
	/* Queue typed bytes; returns how many were taken (0..len) or error. */
	int	(*input)(void *, const uint8_t *, size_t);
	int	(*resize)(void *, unsigned cols, unsigned rows);
	int	(*brk)(void *);			/* NULL: no break on this wire */
	void	(*close)(void *);		/* graceful; CLOSED follows */
	void	(*info)(void *, struct l2c_sess_info *);
	/*
	 * Nonzero while the peer owes an answer: something sent is not
	 * yet answered (a retransmission may follow) or typed bytes wait
	 * to go out.  Quiet output then says nothing about the peer.  A
	 * session stays pending only as long as its peer-lost budget:
	 * after that it is CLOSED.  NULL: never waits for the peer.
	 */
	int	(*pending)(void *);
	/* After CLOSED: the facts behind it.  NULL: none. */
	void	(*facts)(void *, struct l2c_sess_facts *);
	void	(*free)(void *);
};

struct l2c_sess {
	const struct l2c_sess_ops	*ops;
	void				*s;
};

#endif /* L2C_SESSION_H */
