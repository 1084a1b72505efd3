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

#define L2C_SCAN_SCHEMA		"l2console-scan/1"

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
 * then one line per new or changed device.
 */
void	l2c_scan_print_head(const struct l2c_scan_out *);
void	l2c_scan_print_one(const struct l2c_scan_out *,
	    const struct l2c_neigh *, int is_new);

/* Escapers, exposed for their tests. */
void	l2c_json_str(FILE *, const char *);
void	l2c_csv_field(FILE *, const char *);
/* For a terminal: controls and broken UTF-8 as \xNN, at most width
 * code points (cut ones end in "~"); returns the code points written. */
size_t	l2c_tty_str(FILE *, const char *, size_t width);

#endif
