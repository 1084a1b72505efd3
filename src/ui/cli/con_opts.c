/* SPDX-License-Identifier: ISC */
/* A console command's shared options, set up and taken (con_opts.h). */
#include "ui/cli/con_opts.h"
#include "ui/registry.h"

void
l2c_con_opts_init(const struct l2c_family *f, struct l2c_sess_opts *so,
    struct l2c_script_opts *sco, struct l2c_reconnect_opts *ro)
{
	l2c_sess_opts_init(so);
	l2c_script_opts_init(sco);
	l2c_reconnect_opts_init(ro);
	l2c_family_console_opts(f, &so->co);
}

int
l2c_con_opts_take(const struct l2c_cmd *me, int ch, const char *arg,
    struct l2c_sess_opts *so, struct l2c_script_opts *sco,
    struct l2c_reconnect_opts *ro, int *ex)
{
	return l2c_sess_opts_take(me, ch, arg, so, ex) ||
	    l2c_script_opts_take(me, ch, arg, sco, ex) ||
	    l2c_reconnect_opts_take(me, ch, arg, ro, ex);
}
