/* SPDX-License-Identifier: ISC */
/*
 * `l2console mikrotik IFACE TARGET`: a MAC-Telnet console.  TARGET is a
 * MAC in any spelling, an /etc/ethers name, or a RouterOS identity
 * found with MNDP.  This file turns the session's end into one line and
 * an exit status; the wire is src/mac's business.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "mac/mikrotik.h"
#include "mac/mndp_lookup.h"
#include "mac/mt_client.h"
#include "ui/conf/autologin.h"
#include "ui/conf/known.h"
#include "ui/cli/cmd.h"
#include "ui/cli/con_opts.h"
#include "ui/console/console.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/open.h"
#include "ui/cli/reconnect.h"
#include "ui/conf/profile.h"
#include "ui/registry.h"
#include "ui/conf/secret.h"
#include "ui/cli/script_opts.h"
#include "ui/script/script.h"
#include "ui/cli/sess_opts.h"
#include "ui/cli/station.h"

/*
 * A MAC in any spelling, then /etc/ethers, then the identity a device
 * announces over MNDP: the MAC recorded for that identity first (MNDP
 * answers are anyone's to send), with one line when MNDP names another
 * now.  *ident says the identity was looked up.  Returns 0 or an exit
 * status after one line.
 */
static int
resolve(struct l2c_ui_link *u, const struct l2c_known *k, const char *ifname,
    const char *target, uint8_t mac[L2C_ETH_ALEN], int *ident)
{
	const struct l2c_known_dev	*rec;
	struct mndp_found		 f;
	char				 m1[L2C_MAC_STRLEN], m2[L2C_MAC_STRLEN];
	int				 rv;

	*ident = 0;
	if (l2c_station_parse(target, mac) == 0)
		return 0;
	rec = l2c_known_by_identity(k, target);
	rv = mndp_lookup(&u->ctx, target, MNDP_LOOKUP_US,
	    rec != NULL ? rec->mac : NULL, &f);
	if (rec != NULL && (rv == 0 || rv == L2C_ERR_NOTFOUND)) {
		l2c_mac_fmt(rec->mac, m2, sizeof(m2));
		if (rv == 0 && f.others > 0 && f.preferred)
			l2c_say("MNDP names %s as well as %s (recorded) for %s: "
			    "connecting to %s (give a MAC to choose)",
			    l2c_mac_fmt(f.other, m1, sizeof(m1)), m2, target, m2);
		else if (rv == 0 && f.others > 0)
			l2c_say("MNDP names %s for %s, which was %s before: "
			    "connecting to %s (give a MAC to choose)",
			    l2c_mac_fmt(f.other, m1, sizeof(m1)), target, m2, m2);
		memcpy(mac, rec->mac, L2C_ETH_ALEN);
		*ident = 1;
		return 0;
	}
	if (rv == 0) {
		memcpy(mac, f.mac, L2C_ETH_ALEN);
		*ident = 1;
		return 0;
	}
	if (rv == L2C_ERR_NOTFOUND) {
		l2c_say("no device named %s answered on %s", target, ifname);
		return L2C_EX_NOHOST;
	}
	l2c_say("cannot look up %s on %s: %s", target, ifname,
	    l2c_strerror(rv));
	return l2c_exit_for(rv);
}

/* The session's end in the family's words: one line, and the status. */
static int
explain_end(int err, const char *ifname, const struct l2c_sess_conf *sc,
    const struct l2c_sess_facts *facts)
{
	struct l2c_sess_end	e = { err, ifname, sc, facts };
	char			line[512];

	if (l2c_family_explain(&mikrotik_family, &e, line, sizeof(line)) > 0)
		l2c_say("%s", line);
	return l2c_exit_for(err);
}

/* Long-only options: this command's own range. */
enum {
	OPT_KNOWN = 0x320,
	OPT_ALLOW_MD5,
	OPT_NO_MD5,
};

static const struct option longopts[] = {
	{ "user",		required_argument,	NULL, 'u' },
	{ "md5",		no_argument,		NULL, 'M' },
	{ "password-file",	required_argument,	NULL, 'P' },
	{ "autologin",		required_argument,	NULL, 'a' },
	{ "no-autologin",	no_argument,		NULL, 'A' },
	{ "login-retries",	required_argument,	NULL, 'R' },
	{ "known-devices",	required_argument,	NULL, OPT_KNOWN },
	{ "allow-md5",		no_argument,		NULL, OPT_ALLOW_MD5 },
	{ "no-md5",		no_argument,		NULL, OPT_NO_MD5 },
	L2C_SESS_LONGOPTS,
	L2C_SCRIPT_LONGOPTS,
	L2C_RECONNECT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

struct args {
	struct l2c_sess_opts	 so;
	struct l2c_script_opts	 sco;
	struct l2c_reconnect_opts ro;
	struct mt_client_conf	 conf;
	const char		*pwfile;
	const char		*autologin;	/* NULL: ~/.mactelnet */
	int			 no_autologin;
	int			 retries;	/* --login-retries */
	int			 prompted;	/* the password was asked for */
	const char		*known;		/* --known-devices */
};

/*
 * RouterOS refuses about one valid login in a hundred under load (after
 * END_AUTH, "Login failed"), and takes the same credentials at once
 * when tried again; tik4net tries three times.  So: 2 retries.
 */
#define LOGIN_RETRIES	2
#define LOGIN_RETRIES_MAX 10
#define PASSWORD_TRIES	3	/* interactive, as ssh */

/* --login-retries N: a small count, nothing else. */
static int
retries_parse(const char *s, int *n)
{
	char	*end;
	long	 v;

	if (s[0] < '0' || s[0] > '9')
		return L2C_ERR_INVAL;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v > LOGIN_RETRIES_MAX)
		return L2C_ERR_INVAL;
	*n = (int)v;
	return 0;
}

/* The options, from the command line or a profile turned into one. */
static int
parse(const struct l2c_cmd *self, int argc, char **argv, void *arg)
{
	struct args	*a = arg;
	int		 ch, ex;

	memset(a, 0, sizeof(*a));
	a->retries = LOGIN_RETRIES;
	l2c_con_opts_init(&mikrotik_family, &a->so, &a->sco, &a->ro);
	while ((ch = getopt_long(argc, argv, L2C_SESS_SHORTOPTS "u:a:A",
	    longopts, NULL)) != -1) {
		if (l2c_con_opts_take(self, ch, optarg, &a->so, &a->sco,
		    &a->ro, &ex)) {
			if (ex != 0)
				return ex;
			continue;
		}
		switch (ch) {
		case 'u':
			a->conf.login = optarg;
			break;
		case 'M':
			a->conf.md5 = 1;
			break;
		case 'P':
			a->pwfile = optarg;
			break;
		case 'a':
			a->autologin = optarg;
			a->no_autologin = 0;
			break;
		case 'A':
			a->no_autologin = 1;
			break;
		case OPT_KNOWN:
			a->known = optarg;
			break;
		case OPT_ALLOW_MD5:
			a->conf.allow_md5 = 1;
			break;
		case OPT_NO_MD5:
			a->conf.no_md5 = 1;
			break;
		case 'R':
			if (retries_parse(optarg, &a->retries) != 0)
				return l2c_usage_error(self, "bad --login-retries "
				    "\"%s\" (0 to %d)", optarg, LOGIN_RETRIES_MAX);
			break;
		default:
			return l2c_usage_error(self, "unknown option");
		}
	}
	if (a->conf.no_md5 && (a->conf.md5 || a->conf.allow_md5))
		return l2c_usage_error(self, "--no-md5 refuses what %s asks for",
		    a->conf.md5 ? "--md5" : "--allow-md5");
	a->conf.timeout_us = a->so.timeout_us;
	return 0;
}

/*
 * User and password when the command line and the profile left them
 * out: from the reference client's autologin file, then "admin" and the
 * usual sources (secret.h).
 */
static int
credentials(struct args *a, const char *target, char *password, size_t len,
    char *user, size_t ulen)
{
	struct l2c_autologin	al;
	int			ex;

	memset(&al, 0, sizeof(al));
	if (!a->no_autologin && (a->conf.login == NULL ||
	    (a->pwfile == NULL && getenv("L2CONSOLE_PASSWORD") == NULL)) &&
	    (ex = l2c_autologin_read(a->autologin, target, &al)) != 0)
		return ex;
	if (a->conf.login == NULL) {
		snprintf(user, ulen, "%s", al.have_user ? al.user :
		    mikrotik_family.default_login);
		a->conf.login = user;
	}
	if (a->pwfile == NULL && getenv("L2CONSOLE_PASSWORD") == NULL &&
	    al.have_password) {
		snprintf(password, len, "%s", al.password);
		ex = 0;
	} else {
		a->prompted = a->pwfile == NULL &&
		    getenv("L2CONSOLE_PASSWORD") == NULL;
		ex = l2c_secret_get(a->pwfile, "L2CONSOLE_PASSWORD",
		    "Password: ", password, len);
	}
	l2c_secret_wipe(&al, sizeof(al));
	return ex;
}

/*
 * The login failed: try again?  Batch (or a password not typed): the
 * same credentials, --login-retries times, each said on stderr.  A
 * typed password: ask again, three tries in all, as ssh does.
 */
static int
try_again(struct args *a, int tries, char *password, size_t len)
{
	if (a->prompted && isatty(STDIN_FILENO)) {
		if (tries >= PASSWORD_TRIES)
			return 0;
		l2c_say("login failed; try again");
		return l2c_secret_get(NULL, NULL, "Password: ", password,
		    len) == 0;
	}
	if (tries > a->retries)
		return 0;
	l2c_say("login refused; trying again with the same credentials "
	    "(%d of %d)", tries, a->retries);
	return 1;
}

static int
cmd_mikrotik(int argc, char **argv)
{
	const struct l2c_cmd	*self = &cmd_mikrotik_entry;
	struct l2c_profile_argv	 pa;
	struct args		 a;
	struct l2c_ui_link	 u;
	struct l2c_console	*con = NULL;
	struct l2c_sess		 sess;
	struct l2c_sess_conf	 sc;
	const char		*ifname, *target;
	struct l2c_known	 known;
	char			 password[L2C_SECRET_MAX], user[MT_LOGIN_MAX + 1];
	int			 rv, ex, tries, worded, ident, logged = 0;

	memset(&known, 0, sizeof(known));
	known.fd = -1;
	memset(&u, 0, sizeof(u));
	memset(&sc, 0, sizeof(sc));
	memset(password, 0, sizeof(password));
	l2c_sess_opts_init(&a.so);
	l2c_script_opts_init(&a.sco);
	l2c_reconnect_opts_init(&a.ro);
	if ((ex = l2c_profile_parse(self, longopts, parse, &a, &argc, &argv,
	    &pa)) != 0)
		goto wipe;
	ex = L2C_EX_USAGE;
	if (argc - optind < 2) {
		l2c_usage_error(self, "give an interface and a target");
		goto wipe;
	}
	if (argc - optind > 2) {
		l2c_usage_error(self, "unexpected argument \"%s\"",
		    argv[optind + 2]);
		goto wipe;
	}
	ifname = argv[optind];
	target = argv[optind + 1];
	if (a.conf.login != NULL && (a.conf.login[0] == '\0' ||
	    strlen(a.conf.login) > MT_LOGIN_MAX)) {
		l2c_usage_error(self, "bad user name");
		goto wipe;
	}

	/* Kept for the logins after a reconnect: not to swap. */
	l2c_reconnect_hold(&a.ro, password, sizeof(password));
	/* Before the privilege drop: these files may be root's. */
	if ((ex = credentials(&a, target, password, sizeof(password), user,
	    sizeof(user))) != 0 ||
	    (ex = l2c_script_opts_load(self, &a.sco, NULL)) != 0)
		goto wipe;
	l2c_known_open(&known, a.known);
	if ((ex = l2c_sess_opts_open_log(&a.so)) != 0 ||
	    (ex = l2c_ui_open_session(ifname, &u)) != 0)
		goto wipe;
	if ((ex = resolve(&u, &known, ifname, target, sc.peer, &ident)) != 0)
		goto out;
	sc.strong_known = l2c_known_strong(&known, sc.peer);
	a.conf.logged_in = &logged;
	sc.login = a.conf.login;
	sc.password = password;
	sc.term = getenv("TERM");
	sc.timeout_us = a.conf.timeout_us;
	sc.ext = &a.conf;
	if (l2c_script_opts_wanted(&a.sco)) {
		sc.cols = L2C_SCRIPT_COLS;
		sc.rows = L2C_SCRIPT_ROWS;
		ex = l2c_script_opts_run(&a.sco, u.loop, &mikrotik_family,
		    &u.ctx, &sc, 0, ifname);
		goto record;
	}
	if ((rv = l2c_console_new(u.loop, &a.so.co, &con)) != 0 ||
	    (rv = l2c_sess_opts_attach(&a.so, con)) != 0) {
		ex = explain_end(rv, ifname, &sc, NULL);
		goto out;
	}
	l2c_console_size(con, &sc.cols, &sc.rows);
	/* Batch: nobody to answer RouterOS's change-password nag. */
	a.conf.dismiss_nag = !isatty(STDIN_FILENO) || a.so.co.batch == 1;
	for (tries = 1;; tries++) {
		if ((rv = l2c_family_start(&mikrotik_family, &u.ctx, &sc, con,
		    &sess)) != 0) {
			l2c_say("cannot start the session: %s",
			    l2c_strerror(rv));
			ex = l2c_exit_for(rv);
			goto out;
		}
		rv = l2c_console_run(con, &sess);
		sess.ops->free(sess.s);
		/* A login refused here, not by the device: no retry. */
		if (rv != L2C_ERR_AUTH || (l2c_console_facts(con) != NULL &&
		    l2c_console_facts(con)->why != MT_WHY_NONE) ||
		    !try_again(&a, tries, password, sizeof(password)))
			break;
		l2c_console_rearm(con);
	}
	rv = l2c_reconnect_run(&a.ro, &mikrotik_family, &u.ctx, &sc, con, rv,
	    &worded);
	ex = worded ? l2c_exit_for(rv) : explain_end(rv, ifname, &sc,
	    l2c_console_facts(con));
record:
	/* What got in, for the next time (known.h). */
	if (logged != 0)
		(void)l2c_known_save(&known, sc.peer,
		    logged == MT_LOGIN_ECSRP5 ? L2C_KNOWN_ECSRP5 : L2C_KNOWN_MD5,
		    ident ? target : NULL);
out:
	l2c_console_free(con);
	l2c_ui_close(&u);
wipe:
	l2c_known_close(&known);
	l2c_sess_opts_close(&a.so);
	l2c_script_opts_free(&a.sco);
	l2c_secret_wipe(password, sizeof(password));
	l2c_reconnect_release(&a.ro, password, sizeof(password));
	l2c_profile_argv_free(&pa);
	return ex;
}

const struct l2c_cmd cmd_mikrotik_entry = {
	.name = "mikrotik",
	.usage = "[-u USER] [--md5|--allow-md5|--no-md5] "
	    "[--known-devices FILE] [--password-file FILE] "
	    "[-a FILE|-A] [--login-retries N] [-e CHAR|none] [--timeout SEC] "
	    "[--idle SEC] [--log FILE] [--timestamps] " L2C_SESS_USAGE_TERM " "
	    L2C_RECONNECT_USAGE " "
	    "[--command CMD]... [--commands-file FILE] [--json] "
	    "[--command-timeout SEC] [--prompt REGEX] "
	    "[--script FILE.lua [--script-unsafe] [--script-timeout SEC]] "
	    "IFACE TARGET | [IFACE] @PROFILE",
	.summary = "MAC-Telnet console to a MikroTik (MAC, ethers name or "
	    "identity)",
	.fn = cmd_mikrotik,
};
