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

/* 0, or -1 (nothing to free). */
int	fz_rig_open(struct fz_rig *, const uint8_t *cmac, const uint8_t *smac);
/* The next record (the last may be cut short): 1, or 0 at the end. */
int	fz_next(struct l2c_rbuf *, const uint8_t **rec, size_t *n,
	    uint16_t *len, uint8_t *flags);
/*
 * Close the session first when asked (and it is still open), free it
 * (sess may be NULL if it never started), then the rig.
 */
void	fz_rig_close(struct fz_rig *, struct l2c_sess *, int close_first);

#endif
