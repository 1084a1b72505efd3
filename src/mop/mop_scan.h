/* SPDX-License-Identifier: ISC */
/*
 * MOP in a scan: Request ID to the remote-console multicast and to
 * chosen stations, System IDs (asked for or periodic) into the neighbor
 * table.  The row lives in the face's table of discovery protocols.
 */
#ifndef L2C_MOP_SCAN_H
#define L2C_MOP_SCAN_H

#include <stdint.h>

#include "core/neigh.h"
#include "core/scan.h"
#include "mop/mop_proto.h"
#include "mop/sysid.h"

extern const struct l2c_scan_proto mop_scan_proto;

/*
 * A parsed System ID from src as a neighbor update: MOP seen, the
 * console carrier offered / reserved (and by whom), sizes, device,
 * hardware address, maintenance version, software id.
 */
void	mop_scan_upd(const uint8_t *src, const struct mop_sysid *,
	    struct l2c_neigh_upd *);

#endif
