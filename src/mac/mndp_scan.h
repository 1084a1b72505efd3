/* SPDX-License-Identifier: ISC */
/*
 * MikroTik discovery rows for `scan`: MNDP (refresh request, every
 * announcement into the neighbor table) and MAC-Telnet (a ping to each
 * station MNDP found; a pong marks it as answering).
 */
#ifndef L2C_MAC_MNDP_SCAN_H
#define L2C_MAC_MNDP_SCAN_H

#include <stdint.h>

#include "core/frame.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "mac/mndp.h"

extern const struct l2c_scan_proto mndp_scan_proto;
extern const struct l2c_scan_proto mt_ping_scan_proto;

/*
 * A parsed announcement as a neighbor update.  The station is the MAC
 * TLV (else the Ethernet source); without an IPv4 TLV, the IPv4 source
 * of the datagram stands in for it when it is not 0.0.0.0.
 */
void	mndp_scan_upd(const struct l2c_pkt *, const struct mndp_info *,
	    struct l2c_neigh_upd *);

#endif
