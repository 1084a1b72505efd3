/* The discovery rows: adding a protocol is one line here. */
#include "mac/mndp_scan.h"
#include "mop/mop_scan.h"
#include "ui/scan-rows.h"

const struct l2c_scan_proto *const l2c_scan_rows[] = {
	&mndp_scan_proto,
	&mt_ping_scan_proto,
	&mop_scan_proto,
};

const size_t l2c_scan_nrows =
    sizeof(l2c_scan_rows) / sizeof(l2c_scan_rows[0]);
