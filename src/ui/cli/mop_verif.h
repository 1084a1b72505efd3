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

/* 16 hex digits, or a string of up to 8 bytes padded with zeros. */
int	l2c_mop_verif_parse(const char *, uint8_t *);
/*
 * file, else arg (from argv), else the environment; *have is 1 if one
 * was given.  0, or an exit status after one line (64 both file and
 * arg, 65 a bad verification, 66 a file that cannot be read).
 */
int	l2c_mop_verif_get(const struct l2c_cmd *, const char *file,
	    const char *arg, uint8_t *v, int *have);

#endif
