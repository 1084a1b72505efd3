/* SPDX-License-Identifier: ISC */
/*
 * `l2console serve mop IFACE`: an out-of-band console for a Linux box
 * with no IP configuration.  Runs login (or --exec CMD) on a pty for
 * the station that reserves the console.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "mop/mop_server.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/open.h"

static void
on_signal(void *arg, int signo)
{
	struct l2c_loop	*loop = arg;

	l2c_info("signal %d: stopping", signo);
	l2c_loop_break(loop, 0);
}

static int
serve_mop(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "exec",		required_argument,	NULL, 'x' },
		{ "verification",	required_argument,	NULL, 'V' },
		{ "sysid-interval",	required_argument,	NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static char		 sh[] = "/bin/sh", dash_c[] = "-c";
	static char		 login[] = "/bin/login";
	const struct l2c_cmd	*me = &cmd_serve_mop_entry;
	struct mop_server_conf	 o;
	struct mop_server	*srv;
	struct l2c_ui_link	 u;
	char			*args[4], mac[L2C_MAC_STRLEN];
	const char		*exec = NULL;
	uint64_t		 us;
	size_t			 i;
	int			 ch, rv;

	mop_server_defaults(&o);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'x':
			exec = optarg;
			break;
		case 'V':
			if (l2c_mop_verif_parse(optarg, o.verif) != 0)
				return l2c_usage_error(me, "--verification: 16 "
				    "hex digits or up to 8 characters");
			o.verify = 1;
			break;
		case 's':
			if (strcmp(optarg, "0") == 0)
				o.sysid_interval_us = 0;
			else if (l2c_cmd_seconds(optarg, 0, &us) != 0)
				return l2c_usage_error(me, "--sysid-interval: "
				    "seconds (0 for none)");
			else
				o.sysid_interval_us = us;
			break;
		default:
			return l2c_usage_error(me, "unknown option for "
			    "serve mop");
		}
	}
	if (argc - optind != 1)
		return l2c_usage_error(me, "serve mop needs one interface");
	if (exec != NULL) {
		args[0] = sh;
		args[1] = dash_c;
		args[2] = (char *)exec;
		args[3] = NULL;
	} else {
		if (geteuid() != 0)
			l2c_warn("not root: %s will probably refuse to run",
			    login);
		args[0] = login;
		args[1] = NULL;
	}
	o.argv = args;
	if ((rv = l2c_ui_open_keep(argv[optind], &u)) != 0)
		return rv;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if ((rv = l2c_loop_signal(u.loop, sigs[i], on_signal,
		    u.loop)) != 0)
			break;
	signal(SIGPIPE, SIG_IGN);
	if (rv == 0)
		rv = mop_server_new(&u.ctx, &o, &srv);
	if (rv != 0) {
		l2c_say("cannot serve on %s: %s", argv[optind],
		    l2c_strerror(rv));
		l2c_ui_close(&u);
		return l2c_exit_for(rv);
	}
	l2c_say("serving the MOP console on %s (%s): %s%s", argv[optind],
	    l2c_mac_fmt(u.link->mac, mac, sizeof(mac)),
	    exec != NULL ? "/bin/sh -c " : "", exec != NULL ? exec : login);
	if (!o.verify)
		l2c_warn("no --verification: any station on the segment can "
		    "take the console");
	rv = l2c_loop_run(u.loop);
	mop_server_free(srv);
	l2c_ui_close(&u);
	if (rv < 0) {
		l2c_say("%s: %s", argv[optind], l2c_strerror(rv));
		return l2c_exit_for(rv);
	}
	return L2C_EX_OK;
}

const struct l2c_cmd cmd_serve_mop_entry = {
	.name = "mop",
	.parent = "serve",
	.usage = "[--exec CMD] [--verification HEX16|STRING] "
	    "[--sysid-interval SEC] IFACE",
	.summary = "DEC MOP remote console",
	.fn = serve_mop,
	.help = NULL,
};
