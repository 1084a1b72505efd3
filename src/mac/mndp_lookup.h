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

/*
 * Run the loop until a device announces identity (0, mac filled) or
 * wait_us passes (L2C_ERR_NOTFOUND).  A request goes out at once and
 * again every second.
 */
int	mndp_lookup(struct l2c_ctx *, const char *identity, uint64_t wait_us,
	    uint8_t mac[6]);

#endif /* L2C_MAC_MNDP_LOOKUP_H */
