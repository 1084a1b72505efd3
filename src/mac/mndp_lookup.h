/* SPDX-License-Identifier: ISC */
/*
 * Finding a MikroTik by its identity: ask with an MNDP request, listen
 * to the announcements, match the name without regard to case.
 */
#ifndef L2C_MAC_MNDP_LOOKUP_H
#define L2C_MAC_MNDP_LOOKUP_H

#include <stdint.h>

#include "core/ctx.h"

#define MNDP_LOOKUP_US		L2C_SEC(3)
#define MNDP_REQUEST_EVERY_US	L2C_SEC(1)

/* What a lookup heard. */
struct mndp_found {
	uint8_t		 mac[6];	/* the first device with the name */
	int		 preferred;	/* the preferred MAC answered */
	int		 others;	/* answers from other MACs */
	uint8_t		 other[6];	/* the first of those */
};

/*
 * Run the loop until a device announces identity (0, *f filled) or
 * wait_us passes (L2C_ERR_NOTFOUND when nobody did).  With prefer (a
 * MAC recorded for the name), wait for that one, noting the others.
 * A request goes out at once and again every second.
 */
int	mndp_lookup(struct l2c_ctx *, const char *identity, uint64_t wait_us,
	    const uint8_t *prefer, struct mndp_found *f);

#endif /* L2C_MAC_MNDP_LOOKUP_H */
