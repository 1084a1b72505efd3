/* SPDX-License-Identifier: ISC */
/*
 * The CDP and LLDP discovery rows: passive, they join their groups and
 * listen; what a PDU says becomes an update of the sender's record, held
 * for the PDU's TTL.
 */
#ifndef L2C_DISC_DISC_SCAN_H
#define L2C_DISC_DISC_SCAN_H

#include "core/neigh.h"
#include "core/scan.h"
#include "disc/disc.h"

extern const struct l2c_scan_proto cdp_scan_proto;
extern const struct l2c_scan_proto lldp_scan_proto;

/*
 * The update a decoded PDU from src makes, received at ts_us; cur is
 * src's record as it stands, or NULL.
 */
void	disc_scan_upd(const uint8_t *src, const struct disc_info *,
	    const struct l2c_neigh *cur, uint64_t ts_us,
	    struct l2c_neigh_upd *);

#endif /* L2C_DISC_DISC_SCAN_H */
