/*
 * Every discovery protocol l2console knows, in one table, so that
 * `l2console scan` and the full-screen UI always ask the same things.
 */
#ifndef L2C_UI_SCAN_ROWS_H
#define L2C_UI_SCAN_ROWS_H

#include <stddef.h>

#include "core/scan.h"

extern const struct l2c_scan_proto *const l2c_scan_rows[];
extern const size_t l2c_scan_nrows;

#endif
