/* SPDX-License-Identifier: ISC */
/*
 * What the session fuzz targets share: a loop, an in-memory link pair
 * (a: the client's end, b: the server's), a context on a, a face that
 * traps on anything heard after CLOSED, and the reader of the input's
 * records, "length (2, BE) | flags (1) | length bytes".
 */
#ifndef L2C_FUZZ_RIG_H
#define L2C_FUZZ_RIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/session.h"

struct fz_rig {
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_sess_cb	 cb;	/* for the session under test */
	int			 closed;
};

/* One record of the input. */
struct fz_rec {
	const uint8_t		*p;
	size_t			 n;	/* what is there of its bytes */
	uint16_t		 len;	/* what its length said */
	uint8_t			 flags;
};

/* 0, or -1 (nothing to free). */
int	fz_rig_open(struct fz_rig *, const uint8_t *cmac, const uint8_t *smac);
/*
 * A client target's start: the input's options byte (0 if there is
 * none) into *opts, its records after it in *in, and fz_rig_open.
 */
int	fz_client_open(struct fz_rig *, struct l2c_rbuf *in,
	    const uint8_t *data, size_t size, uint8_t *opts,
	    const uint8_t *cmac, const uint8_t *smac);
/* The next record (the last may be cut short): 1, or 0 at the end. */
int	fz_next(struct l2c_rbuf *, struct fz_rec *);
/*
 * Close the session first when asked (and it is still open), free it
 * (sess may be NULL if it never started), then the rig.
 */
void	fz_rig_close(struct fz_rig *, struct l2c_sess *, int close_first);

#endif
