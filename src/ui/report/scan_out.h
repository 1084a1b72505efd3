/* SPDX-License-Identifier: ISC */
/*
 * What `l2console scan` prints: a table for people (colour only on a
 * terminal, never with NO_COLOR), and for programs one fixed, versioned
 * JSON schema (docs/scan-json.md), CSV (RFC 4180) and JSON Lines for
 * --watch.  Every wire string is escaped here: a device's identity can
 * hold anything, terminal escape sequences included.
 */
#ifndef L2C_UI_SCAN_OUT_H
#define L2C_UI_SCAN_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "core/neigh.h"
#include "core/text.h"

#define L2C_SCAN_SCHEMA		"l2console-scan/2"

enum l2c_scan_fmt {
	L2C_SCAN_TABLE = 0,
	L2C_SCAN_JSON,
	L2C_SCAN_CSV,
};

struct l2c_scan_out {
	FILE		*f;
	enum l2c_scan_fmt fmt;
	int		 color;
	const char	*ifname;
	int64_t		 started_wall_us;
	uint64_t	 duration_us;
};

/* Colour is for terminals, and never when NO_COLOR is set and not empty. */
int	l2c_scan_want_color(FILE *);

/* The whole report once the scan is over: devices sorted by MAC. */
int	l2c_scan_print(const struct l2c_scan_out *,
	    const struct l2c_neigh_tab *);
/*
 * --watch: the table header or CSV header row (nothing for JSON Lines),
 * then one line per new, changed or gone device (event: an
 * l2c_neigh_result).
 */
void	l2c_scan_print_head(const struct l2c_scan_out *);
void	l2c_scan_print_one(const struct l2c_scan_out *,
	    const struct l2c_neigh *, int event);

/*
 * The link partner for a summary or a header, escaped for a terminal:
 * "S2 GigabitEthernet0/13, cisco WS-C3560G-24PS".  0: nobody sent CDP
 * or LLDP.
 */
int	l2c_scan_partner(const struct l2c_neigh_tab *, char *, size_t);

/*
 * --audit instead of the device list: findings per device, most
 * serious first (a table, or JSON for L2C_SCAN_JSON); *nserious gets
 * how many are above info.
 */
int	l2c_scan_audit(const struct l2c_scan_out *,
	    const struct l2c_neigh_tab *, size_t *nserious);

/* A protocol bit's name ("mndp", "cdp"); an unknown TLV's kept bytes as hex. */
const char *report_proto_name(uint32_t);
char	*report_tlv_hex(const struct l2c_neigh_tlv *, char *, size_t);

#endif
