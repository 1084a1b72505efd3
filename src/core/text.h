/* SPDX-License-Identifier: ISC */
/*
 * The one sanitiser for text from the wire: whatever a device names
 * itself, it reaches a terminal, the full-screen UI, a CSV or JSON file
 * or a log only as visible text.  C0 and C1 controls, DEL, the bidi
 * overrides and isolates and broken UTF-8 become escapes; a CSV cell
 * that a spreadsheet would run as a formula gets a leading '.
 */
#ifndef L2C_CORE_TEXT_H
#define L2C_CORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string, quotes included (RFC 8259); C1 and bidi as \uXXXX. */
void	l2c_json_str(FILE *, const char *);
/* An RFC 4180 field; controls as \xNN or \uXXXX, formulas defused. */
void	l2c_csv_field(FILE *, const char *);
/*
 * For a terminal: C0 and DEL as \xNN, C1 and bidi as \uXXXX, broken
 * UTF-8 as \xNN per byte, into out (always terminated); at most width
 * columns (code points), a cut one ending in "~".  Returns the columns.
 */
size_t	l2c_tty_escape(const char *, char *out, size_t outsz, size_t width);
size_t	l2c_tty_str(FILE *, const char *, size_t width);

#endif
