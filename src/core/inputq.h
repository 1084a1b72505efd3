/* SPDX-License-Identifier: ISC */
/*
 * The typed-input queue a console session keeps between the face and
 * the wire: bytes the face offered, taken as far as there is room.  A
 * face refused once (a short take) is told WRITABLE again once room
 * opens: l2c_inputq_writable() says so exactly once per refusal.
 */
#ifndef L2C_INPUTQ_H
#define L2C_INPUTQ_H

#include <stddef.h>
#include <stdint.h>

struct l2c_inputq {
	uint8_t	*buf;
	size_t	 cap, len;
	int	 refused;	/* a put came up short since the last WRITABLE */
};

/* An empty queue of cap bytes: 0 or L2C_ERR_NOMEM. */
int		l2c_inputq_init(struct l2c_inputq *, size_t cap);
/* Wiped (typed bytes may be secrets) and released. */
void		l2c_inputq_free(struct l2c_inputq *);
/* Take what fits of p: returns how many bytes were taken. */
size_t		l2c_inputq_put(struct l2c_inputq *, const uint8_t *, size_t);
/* The n oldest bytes went out. */
void		l2c_inputq_drop(struct l2c_inputq *, size_t n);
/* 1 once after a refusal, as soon as there is room again. */
int		l2c_inputq_writable(struct l2c_inputq *);

#endif /* L2C_INPUTQ_H */
