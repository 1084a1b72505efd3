/* SPDX-License-Identifier: ISC */
/*
 * What every console command (mikrotik, mop) takes besides its own
 * options, in one call: the session's (sess_opts.h), the scripted
 * console's (script_opts.h) and --reconnect's (reconnect.h).  A command
 * lists their long options in its table and hands every getopt result
 * to l2c_con_opts_take() before its own switch.
 */
#ifndef L2C_UI_CON_OPTS_H
#define L2C_UI_CON_OPTS_H

#include "core/family.h"
#include "ui/cli/cmd.h"
#include "ui/cli/reconnect.h"
#include "ui/cli/script_opts.h"
#include "ui/cli/sess_opts.h"

/* The three at their defaults, with family f's terminal habits. */
void	l2c_con_opts_init(const struct l2c_family *f, struct l2c_sess_opts *,
	    struct l2c_script_opts *, struct l2c_reconnect_opts *);
/*
 * ch and optarg from getopt: 1 when ch is one of theirs (*ex is then
 * 0, or an exit status after a usage error), 0 when it is not.
 */
int	l2c_con_opts_take(const struct l2c_cmd *, int ch, const char *arg,
	    struct l2c_sess_opts *, struct l2c_script_opts *,
	    struct l2c_reconnect_opts *, int *ex);

#endif
