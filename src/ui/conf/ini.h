/* SPDX-License-Identifier: ISC */
/*
 * INI files as people write them by hand: "[section]", "key = value",
 * comments from "#" or ";" at the start of a line.  Both l2console's own
 * profiles and the reference client's ~/.mactelnet are read with it.
 * Values may be secrets: the line buffer is wiped before returning.
 *
 * Why not Debian's libinih: the shared library is built with inih's
 * defaults, and those do not fit files that hold passwords.  A ";"
 * after a space starts an inline comment (a password "a ;b" would be
 * cut to "a"), an indented line continues the previous value, lines
 * past 200 bytes are cut silently, nothing is unquoted (key = "  x "),
 * the stack line buffer is never wiped, and an error is only a line
 * number, with no reason a user could act on.
 */
#ifndef L2C_UI_INI_H
#define L2C_UI_INI_H

#include <stdio.h>

#define L2C_INI_LINE_MAX	1024

struct l2c_ini_err {
	unsigned	 line;		/* where the parse stopped */
	const char	*what;		/* why, for a user to read */
};

/*
 * Called for each key; section is "" before the first header.  A
 * non-zero return stops the parse and is returned as is; a callback that
 * rejects the line says why in err->what (err->line is already set).
 */
typedef int (*l2c_ini_fn)(void *arg, const char *section, const char *key,
    const char *value, struct l2c_ini_err *err);

/*
 * Returns 0, the callback's non-zero return, or L2C_ERR_MALFORMED with
 * err filled in (a line that is neither, an unclosed "[", a line too
 * long); L2C_ERR_SYS on a read error.
 */
int	l2c_ini_parse(FILE *, l2c_ini_fn, void *, struct l2c_ini_err *);

#endif
