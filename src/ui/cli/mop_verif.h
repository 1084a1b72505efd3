/* SPDX-License-Identifier: ISC */
/*
 * The MOP verification for `mop` and `serve mop`: from
 * --verification-file or $L2CONSOLE_MOP_VERIFICATION (conf/secret.c's
 * rules), or from --verification on argv, which every local user can
 * read (kept for compatibility, with a warning).
 */
#ifndef L2C_MOP_VERIF_H
#define L2C_MOP_VERIF_H

#include <stdint.h>

#include "ui/cli/cmd.h"

#define L2C_MOP_VERIF_ENV	"L2CONSOLE_MOP_VERIFICATION"

/*
 * file, else arg (--verification), else the environment: 16 hex
 * digits, or a string of up to 8 bytes padded with zeros; *have is 1 if
 * one was given.  argv: the command line as typed, to warn only when
 * arg is on it (a profile's is not).  0, or an exit status after one
 * line (64 both file and arg, 65 a bad verification, 66 a file that
 * cannot be read).
 */
int	l2c_mop_verif_get(const struct l2c_cmd *, const char *file,
	    const char *arg, char *const *argv, uint8_t *v, int *have);

#endif
