/* SPDX-License-Identifier: ISC */
/*
 * `l2console mop IFACE MAC`: a DEC MOP remote console (Cisco IOS and
 * IOS XE offer one on every Ethernet interface unless `no mop enabled`).
 * --info shows the System ID, as moprc -v does, and exits.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "mop/mop.h"
#include "mop/mop_client.h"
#include "mop/sysid.h"
#include "ui/cli/cmd.h"
#include "ui/cli/con_opts.h"
#include "ui/cli/console_login.h"
#include "ui/console/console.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/mop_verif.h"
#include "ui/cli/open.h"
#include "ui/cli/reconnect.h"
#include "ui/conf/profile.h"
#include "ui/registry.h"
#include "ui/cli/script_opts.h"
#include "ui/cli/sess_opts.h"
#include "ui/cli/station.h"

static void
row(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
row(const char *name, const char *fmt, ...)
{
	va_list	ap;

	printf("  %-24s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *
named(const char *name, char *buf, size_t len, unsigned code)
{
	if (name != NULL)
		snprintf(buf, len, "%s (%u)", name, code);
	else
		snprintf(buf, len, "%u", code);
	return buf;
}

/* The System ID as moprc -v shows it: every field that was sent. */
static void
print_sysid(const uint8_t *peer, const struct mop_sysid *si, int form)
{
	char	mac[L2C_MAC_STRLEN], buf[256];

	printf("System ID of %s (answered the %d-byte Request ID)\n",
	    l2c_mac_fmt(peer, mac, sizeof(mac)), form);
	if (si->have & MOP_HAVE_VERSION)
		row("maintenance version", "%u.%u.%u", si->version[0],
		    si->version[1], si->version[2]);
	if (si->have & MOP_HAVE_FUNCTIONS)
		row("functions", "%s", mop_functions_str(si->functions, buf,
		    sizeof(buf)));
	if (si->have & MOP_HAVE_FUNCTIONS)
		row("remote console", "%s", !(si->functions & MOP_FN_CONSOLE) ?
		    "not offered" : (si->functions & MOP_FN_RESERVED) ?
		    "reserved" : "available");
	if (si->have & MOP_HAVE_CONSOLE_USER)
		row("console user", "%s", l2c_mac_fmt(si->console_user, mac,
		    sizeof(mac)));
	if (si->have & MOP_HAVE_RSV_TIMER)
		row("reservation timer", "%u s", si->rsv_timer);
	if (si->have & MOP_HAVE_CMD_SIZE)
		row("console command size", "%u", si->cmd_size);
	if (si->have & MOP_HAVE_RSP_SIZE)
		row("console response size", "%u", si->rsp_size);
	if (si->have & MOP_HAVE_HWADDR)
		row("hardware address", "%s", l2c_mac_fmt(si->hwaddr, mac,
		    sizeof(mac)));
	if (si->have & MOP_HAVE_DEVICE)
		row("device", "%s", named(mop_device_name(si->device), buf,
		    sizeof(buf), si->device));
	if (si->have & MOP_HAVE_SOFTWARE)
		row("software id", "%s", mop_software_str(si));
	if (si->have & MOP_HAVE_PROCESSOR)
		row("processor", "%s", named(mop_processor_name(si->processor),
		    buf, sizeof(buf), si->processor));
	if (si->have & MOP_HAVE_DATALINK)
		row("data link", "%s", named(mop_datalink_name(si->datalink),
		    buf, sizeof(buf), si->datalink));
	if (si->have & MOP_HAVE_DL_BUFSIZE)
		row("data link buffer size", "%u", si->dl_bufsize);
	if (si->unknown + si->odd > 0)
		row("skipped entries", "%u", si->unknown + si->odd);
}

static int
info(struct l2c_ui_link *u, const char *ifname,
    const struct mop_client_conf *o)
{
	struct mop_sysid	si;
	char			mac[L2C_MAC_STRLEN];
	int			form = 0, rv;

	rv = mop_query_sysid(&u->ctx, o->peer, o->timeout_us, &si, &form);
	if (rv == L2C_ERR_NOANSWER) {
		l2c_say("no answer from %s on %s (no MOP console there, or MOP "
		    "disabled on its interface)", l2c_mac_fmt(o->peer, mac,
		    sizeof(mac)), ifname);
		return L2C_EX_NOHOST;
	}
	if (rv != 0) {
		l2c_say("%s: %s", ifname, l2c_strerror(rv));
		return l2c_exit_for(rv);
	}
	print_sysid(o->peer, &si, form);
	return L2C_EX_OK;
}

#define OPT_VERIF_FILE	0x311

static const struct option longopts[] = {
	{ "verification",	required_argument,	NULL, 'V' },
	{ "verification-file",	required_argument,	NULL, OPT_VERIF_FILE },
	{ "info",		no_argument,		NULL, 'i' },
	{ "wake",		no_argument,		NULL, 'w' },
	{ "no-wake",		no_argument,		NULL, 'W' },
	{ "fixed-poll",		required_argument,	NULL, 'F' },
	{ "password-file",	required_argument,	NULL, 'P' },
	L2C_SESS_LONGOPTS,
	L2C_SCRIPT_LONGOPTS,
	L2C_SCRIPT_LOGIN_LONGOPTS,
	L2C_RECONNECT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

struct args {
	struct mop_client_conf	 o;
	struct l2c_sess_opts	 so;
	struct l2c_script_opts	 sco;
	struct l2c_reconnect_opts ro;
	const char		*pwfile;
	const char		*verif, *verif_file;
	int			 info;
};

/* The options, from the command line or a profile turned into one. */
static int
parse(const struct l2c_cmd *me, int argc, char **argv, void *arg)
{
	struct args	*a = arg;
	uint64_t	 us;
	int		 ch, ex;

	memset(a, 0, sizeof(*a));
	mop_client_defaults(&a->o);
	l2c_con_opts_init(&mop_family, &a->so, &a->sco, &a->ro);
	while ((ch = getopt_long(argc, argv, L2C_SESS_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (l2c_con_opts_take(me, ch, optarg, &a->so, &a->sco,
		    &a->ro, &ex)) {
			if (ex != 0)
				return ex;
			continue;
		}
		switch (ch) {
		case 'P':
			a->pwfile = optarg;
			break;
		case 'V':
			a->verif = optarg;
			break;
		case OPT_VERIF_FILE:
			a->verif_file = optarg;
			break;
		case 'i':
			a->info = 1;
			break;
		case 'w':
			a->so.co.wake = 1;
			break;
		case 'W':
			a->so.co.wake = 0;
			break;
		case 'F':
			if (l2c_cmd_seconds(optarg, 0, &us) != 0)
				return l2c_usage_error(me, "--fixed-poll: "
				    "seconds");
			a->o.fixed_poll_us = us;
			break;
		default:
			return l2c_usage_error(me, "unknown option");
		}
	}
	if (a->so.timeout_us != 0)
		a->o.timeout_us = a->so.timeout_us;
	return 0;
}

static int
session(struct l2c_ui_link *u, struct args *a)
{
	struct l2c_console	*con = NULL;
	struct l2c_clogin	 cl;
	struct l2c_sess		 sess;
	struct l2c_sess_conf	 sc;
	struct l2c_sess_end	 e;
	char			 line[512];
	int			 rv, worded;

	memset(&sc, 0, sizeof(sc));
	memcpy(sc.peer, a->o.peer, L2C_ETH_ALEN);
	sc.ext = &a->o;
	if (l2c_script_opts_wanted(&a->sco))
		return l2c_script_opts_run(&a->sco, u->loop, &mop_family,
		    &u->ctx, &sc, a->so.co.wake, u->link->ifname);
	if ((rv = l2c_console_new(u->loop, &a->so.co, &con)) != 0 ||
	    (rv = l2c_sess_opts_attach(&a->so, con)) != 0)
		goto fail;
	if (a->sco.login_user != NULL) {
		/* IOS's own login, answered before the user types. */
		l2c_clogin_init(&cl, l2c_console_cb(con), a->sco.login_user,
		    a->sco.password);
		rv = mop_family.start(&u->ctx, &sc, &cl.cb, &sess);
		cl.sess = &sess;
	} else
		rv = l2c_family_start(&mop_family, &u->ctx, &sc, con, &sess);
	if (rv != 0) {
fail:
		l2c_say("cannot start: %s", l2c_strerror(rv));
		l2c_console_free(con);
		return L2C_EX_SOFTWARE;
	}
	rv = l2c_console_run(con, &sess);
	sess.ops->free(sess.s);
	rv = l2c_reconnect_run(&a->ro, &mop_family, &u->ctx, &sc, con, rv,
	    &worded);
	e = (struct l2c_sess_end){ rv, u->link->ifname, &sc,
	    l2c_console_facts(con) };
	if (!worded &&
	    l2c_family_explain(&mop_family, &e, line, sizeof(line)) > 0)
		l2c_say("%s", line);
	l2c_console_free(con);
	return l2c_exit_for(rv);
}

static int
cmd_mop(int argc, char **argv)
{
	const struct l2c_cmd		*me = &cmd_mop_entry;
	struct l2c_profile_argv		 pa;
	struct l2c_ui_link		 u;
	struct args			 a;
	char *const			*typed = argv;
	int				 ex, have_verif;

	l2c_sess_opts_init(&a.so);
	l2c_script_opts_init(&a.sco);
	if ((ex = l2c_profile_parse(me, longopts, parse, &a, &argc, &argv,
	    &pa)) != 0)
		goto out;
	ex = L2C_EX_USAGE;
	if (argc - optind != 2) {
		l2c_usage_error(me, "need an interface and a MAC address");
		goto out;
	}
	if (l2c_station_parse(argv[optind + 1], a.o.peer) != 0) {
		l2c_usage_error(me, "\"%s\" is neither a MAC address nor a "
		    "name in /etc/ethers", argv[optind + 1]);
		goto out;
	}
	if ((ex = l2c_mop_verif_get(me, a.verif_file, a.verif, typed,
	    a.o.verif, &have_verif)) != 0)
		goto out;
	/* Before the privilege drop: the log may be in root's directory. */
	if ((!a.info && ((ex = l2c_sess_opts_open_log(&a.so)) != 0 ||
	    (ex = l2c_script_opts_load(me, &a.sco, a.pwfile)) != 0)) ||
	    (ex = l2c_ui_open_session(argv[optind], &u)) != 0)
		goto out;
	if (a.info)
		ex = info(&u, argv[optind], &a.o);
	else
		ex = session(&u, &a);
	l2c_ui_close(&u);
out:
	l2c_sess_opts_close(&a.so);
	l2c_script_opts_free(&a.sco);
	l2c_profile_argv_free(&pa);
	return ex;
}

const struct l2c_cmd cmd_mop_entry = {
	.name = "mop",
	.usage = "[--verification-file FILE] [--info] [--wake|--no-wake] "
	    "[-e CHAR|none] [--timeout SEC] [--idle SEC] [--fixed-poll SEC] "
	    "[--log FILE] [--timestamps] " L2C_SESS_USAGE_TERM " "
	    L2C_RECONNECT_USAGE " "
	    "[--command CMD]... [--commands-file FILE] [--json] "
	    "[--command-timeout SEC] [--prompt REGEX] "
	    "[--script FILE.lua [--script-unsafe] [--script-timeout SEC]] "
	    "[--login-user USER [--password-file FILE]] "
	    "[--enable [--enable-password-file FILE]] IFACE MAC | [IFACE] @PROFILE",
	.summary = "DEC MOP remote console (Cisco IOS)",
	.fn = cmd_mop,
};
