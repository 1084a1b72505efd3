/*
 * The contract between a console session (MAC-Telnet, MOP: src/mac,
 * src/mop) and the face that shows it (src/ui).  The face owns the
 * terminal, the escape key and batch mode; the session owns the wire.
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

struct l2c_sess_info {
	const char	*proto;		/* "mikrotik", "mop" */
	const char	*method;	/* "EC-SRP5", "MD5", "console carrier" */
	uint8_t		 peer[L2C_ETH_ALEN];
	uint64_t	 frames_tx, frames_rx;
	uint64_t	 bytes_tx, bytes_rx;	/* terminal bytes */
	uint64_t	 retransmits;
	uint64_t	 rtt_us;		/* smoothed; 0 if unknown */
	uint64_t	 lost_bytes;		/* output the peer lost for good */
};

/* What a session tells its face. */
struct l2c_sess_cb {
	void	(*output)(void *, const uint8_t *, size_t);
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
	void	(*free)(void *);
};

struct l2c_sess {
	const struct l2c_sess_ops	*ops;
	void				*s;
};

#endif /* L2C_SESSION_H */
