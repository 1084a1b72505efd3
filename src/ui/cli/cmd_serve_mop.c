/* SPDX-License-Identifier: ISC */
/*
 * `l2console serve mop IFACE`: an out-of-band console for a Linux box
 * with no IP configuration.  Runs login(1) as getty would (or --exec
 * CMD as --user, nobody by default) on a pty for the station that
 * reserves the console.
 */
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "core/monitor.h"
#include "core/priv.h"
#include "mop/mop_server.h"
#include "mop/mop_srv_mon.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/mop_verif.h"
#include "ui/cli/open.h"

#define OPT_USER		0x310
#define OPT_VERIF_FILE		0x311
#define OPT_PRIVSEP_USER	0x381
#define LOGIN_PROGRAM		"/bin/login"

static void
on_signal(void *arg, int signo)
{
	struct l2c_loop	*loop = arg;

	l2c_info("signal %d: stopping", signo);
	l2c_loop_break(loop, 0);
}

/*
 * --exec's account: --user, else nobody; root only when named.  Not
 * root, we can become nobody else: the program runs as we do.
 */
static int
exec_user(const struct l2c_cmd *me, const char *user, const char **out)
{
	struct passwd	*pw;

	*out = NULL;
	if (geteuid() != 0) {
		if (user != NULL && ((pw = getpwnam(user)) == NULL ||
		    pw->pw_uid != geteuid()))
			return l2c_usage_error(me, "--user %s: not root, the "
			    "program can only run as this account", user);
		return 0;
	}
	if (user == NULL)
		user = L2C_PRIV_DEFAULT_USER;
	if ((pw = getpwnam(user)) == NULL)
		return l2c_usage_error(me, "--user: no account \"%s\" here",
		    user);
	if (pw->pw_uid == 0 && strcmp(user, "root") != 0)
		return l2c_usage_error(me, "--user %s has uid 0: say --user "
		    "root to run the program as root", user);
	*out = user;
	return 0;
}

/*
 * Privilege separation, as root: the monitor keeps the verification
 * and starts the program; it returns here only when the parser has
 * ended (its exit status).  The parser goes on (-1) with the monitor's
 * guard and no verification of its own.
 */
static int
separate(const char *user, struct mop_server_conf *o, struct l2c_ui_link *u,
    int *sock, struct mop_srv_guard *g)
{
	struct l2c_mon_conf	 mc;
	struct mop_srv_mon	*mon;
	int			 rv, status;

	*sock = -1;
	if (geteuid() != 0)
		return -1;
	if ((rv = mop_srv_mon_new(o, &mon)) != 0) {
		l2c_say("cannot start the monitor: %s", l2c_strerror(rv));
		l2c_ui_close(u);
		return l2c_exit_for(rv);
	}
	memset(&mc, 0, sizeof(mc));
	mc.user = user;
	mc.name = "mop";
	mc.request = mop_srv_mon_request;
	mc.reaped = mop_srv_mon_reaped;
	mc.arg = mon;
	rv = l2c_monitor_start(&mc, sock, &status);
	mop_srv_mon_free(mon);
	if (rv == 0) {
		explicit_bzero(o->verif, sizeof(o->verif));
		mop_srv_ask_guard(sock, g);
		o->guard = g;
		return -1;
	}
	l2c_ui_close(u);
	return l2c_ui_monitor_status(rv, status);
}

static int
serve_mop(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "exec",		required_argument,	NULL, 'x' },
		{ "verification",	required_argument,	NULL, 'V' },
		{ "verification-file",	required_argument, NULL, OPT_VERIF_FILE },
		{ "user",		required_argument, NULL, OPT_USER },
		{ "sysid-interval",	required_argument,	NULL, 's' },
		{ "privsep-user",	required_argument, NULL, OPT_PRIVSEP_USER },
		{ "help",		no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static char		 sh[] = "/bin/sh", dash_c[] = "-c";
	static char		 login[] = LOGIN_PROGRAM;
	const struct l2c_cmd	*me = &cmd_serve_mop_entry;
	struct mop_server_conf	 o;
	struct mop_server	*srv;
	struct mop_srv_guard	 guard;
	struct l2c_ui_link	 u;
	char			*args[4], mac[L2C_MAC_STRLEN];
	const char		*exec = NULL, *user = NULL, *verif = NULL;
	const char		*verif_file = NULL, *privsep = NULL;
	uint64_t		 us;
	size_t			 i;
	int			 ch, rv, sock;

	mop_server_defaults(&o);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'x':
			exec = optarg;
			break;
		case 'V':
			verif = optarg;
			break;
		case OPT_VERIF_FILE:
			verif_file = optarg;
			break;
		case OPT_USER:
			user = optarg;
			break;
		case OPT_PRIVSEP_USER:
			privsep = optarg;
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
			return l2c_cmd_opt_rest(me, ch);
		}
	}
	if (argc - optind != 1)
		return l2c_usage_error(me, "serve mop needs one interface");
	l2c_priv_nodump();
	if ((rv = l2c_mop_verif_get(me, verif_file, verif, argv, o.verif,
	    &o.verify)) != 0)
		return rv;
	if (exec != NULL) {
		args[0] = sh;
		args[1] = dash_c;
		args[2] = (char *)exec;
		args[3] = NULL;
		if ((rv = exec_user(me, user, &o.user)) != 0)
			return rv;
	} else {
		if (user != NULL)
			return l2c_usage_error(me, "--user goes with --exec "
			    "(login asks who logs in)");
		if (geteuid() != 0)
			l2c_warn("not root: %s will probably refuse to run",
			    login);
		args[0] = login;
		args[1] = NULL;
	}
	o.argv = args;
	if ((rv = l2c_ui_open_keep(argv[optind], &u)) != 0)
		return rv;
	if ((rv = separate(privsep, &o, &u, &sock, &guard)) >= 0)
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
	l2c_say("serving the MOP console on %s (%s): %s%s%s%s%s", argv[optind],
	    l2c_mac_fmt(u.link->mac, mac, sizeof(mac)),
	    exec != NULL ? "/bin/sh -c " : "", exec != NULL ? exec : login,
	    o.user != NULL ? " as " : "", o.user != NULL ? o.user : "",
	    sock >= 0 ? ", privilege separated" : "");
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
	.usage = "[--exec CMD [--user USER]] [--verification-file FILE] "
	    "[--sysid-interval SEC] [--privsep-user USER] IFACE",
	.summary = "DEC MOP remote console",
	.fn = serve_mop,
};
