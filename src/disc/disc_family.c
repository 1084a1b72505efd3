/* SPDX-License-Identifier: ISC */
/*
 * CDP and LLDP as families (core/family.h): discovery only.  No console
 * and no ping: they say who is on the other end of the cable, and from
 * which port, so the other families know where to knock.
 */
#include "core/family.h"
#include "core/neigh.h"
#include "disc/disc_family.h"
#include "disc/disc_scan.h"

static const struct l2c_scan_proto *const cdp_rows[] = { &cdp_scan_proto };
static const struct l2c_scan_proto *const lldp_rows[] = { &lldp_scan_proto };

const struct l2c_family cdp_family = {
	.name = "cdp",
	.title = "Cisco Discovery Protocol",
	.wire = "CDP",
	.scan_family = L2C_SCAN_CDP,
	.np_seen = L2C_NP_CDP,
	.scan = cdp_rows,
	.nscan = sizeof(cdp_rows) / sizeof(cdp_rows[0]),
};

const struct l2c_family lldp_family = {
	.name = "lldp",
	.title = "Link Layer Discovery Protocol",
	.wire = "LLDP",
	.scan_family = L2C_SCAN_LLDP,
	.np_seen = L2C_NP_LLDP,
	.scan = lldp_rows,
	.nscan = sizeof(lldp_rows) / sizeof(lldp_rows[0]),
};
