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

#include "core/err.h"
#include "core/frame.h"
#include "mac/mndp_lookup.h"
#include "mac/mt_client.h"
#include "ui/autologin.h"
#include "ui/cmd.h"
#include "ui/console.h"
#include "ui/exitcode.h"
#include "ui/open.h"
#include "ui/profile.h"
#include "ui/secret.h"
#include "ui/sess-opts.h"
#include "ui/station.h"

/*
 * A MAC in any spelling, then /etc/ethers, then the identity a device
 * announces over MNDP.  Returns 0 or an exit status after one line.
 */
static int
resolve(struct l2c_ui_link *u, const char *ifname, const char *target,
    uint8_t mac[L2C_ETH_ALEN])
{
	int	rv;

	if (l2c_station_parse(target, mac) == 0)
		return 0;
	if ((rv = mndp_lookup(&u->ctx, target, MNDP_LOOKUP_US, mac)) == 0)
		return 0;
	if (rv == L2C_ERR_NOTFOUND) {
		l2c_say("no device named %s answered on %s", target, ifname);
		return L2C_EX_NOHOST;
	}
	l2c_say("cannot look up %s on %s: %s", target, ifname,
	    l2c_strerror(rv));
	return l2c_exit_for(rv);
}

/* The session's end in one line a user can act on. */
static int
explain_end(int err, const char *ifname, const uint8_t *peer,
    const char *login, uint64_t budget_us)
{
	char	mac[L2C_MAC_STRLEN];
	double	secs = (double)budget_us / 1e6;

	l2c_mac_fmt(peer, mac, sizeof(mac));
	switch (err) {
	case 0:
		break;
	case L2C_ERR_NOANSWER:
		l2c_say("no answer from %s on %s after %.1f s (is the MAC "
		    "server enabled on the device?)", mac, ifname, secs);
		break;
	case L2C_ERR_AUTH:
		l2c_say("login failed for %.*s on %s",
		    (int)strcspn(login, "+"), login, mac);
		break;
	case L2C_ERR_PEERLOST:
		l2c_say("lost %s on %s: no answer for %.1f s", mac, ifname,
		    secs);
		break;
	default:
		l2c_say("session with %s on %s ended: %s", mac, ifname,
		    l2c_strerror(err));
		break;
	}
	return l2c_exit_for(err);
}

static const struct option longopts[] = {
	{ "user",		required_argument,	NULL, 'u' },
	{ "md5",		no_argument,		NULL, 'M' },
	{ "password-file",	required_argument,	NULL, 'P' },
	{ "autologin",		required_argument,	NULL, 'a' },
	{ "no-autologin",	no_argument,		NULL, 'A' },
	L2C_SESS_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

struct args {
	struct l2c_sess_opts	 so;
	struct mt_client_conf	 conf;
	const char		*pwfile;
	const char		*autologin;	/* NULL: ~/.mactelnet */
	int			 no_autologin;
};

/* The options, from the command line or a profile turned into one. */
static int
parse(const struct l2c_cmd *self, int argc, char **argv, void *arg)
{
	struct args	*a = arg;
	int		 ch, ex;

	memset(a, 0, sizeof(*a));
	l2c_sess_opts_init(&a->so);
	while ((ch = getopt_long(argc, argv, L2C_SESS_SHORTOPTS "u:a:A",
	    longopts, NULL)) != -1) {
		if ((ex = l2c_sess_opts_take(self, ch, optarg, &a->so)) >= 0) {
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
		default:
			return l2c_usage_error(self, "unknown option");
		}
	}
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
		snprintf(user, ulen, "%s", al.have_user ? al.user : "admin");
		a->conf.login = user;
	}
	if (a->pwfile == NULL && getenv("L2CONSOLE_PASSWORD") == NULL &&
	    al.have_password) {
		snprintf(password, len, "%s", al.password);
		ex = 0;
	} else
		ex = l2c_secret_get(a->pwfile, "L2CONSOLE_PASSWORD",
		    "Password: ", password, len);
	l2c_secret_wipe(&al, sizeof(al));
	return ex;
}

int
cmd_mikrotik(int argc, char **argv)
{
	const struct l2c_cmd	*self = l2c_cmd_find(argv[0]);
	struct l2c_profile_argv	 pa;
	struct args		 a;
	struct l2c_ui_link	 u;
	struct l2c_console	*con = NULL;
	struct l2c_sess		 sess;
	const char		*ifname, *target;
	char			 password[L2C_SECRET_MAX], user[MT_LOGIN_MAX + 1];
	uint8_t			 peer[L2C_ETH_ALEN];
	int			 rv, ex;

	memset(&u, 0, sizeof(u));
	memset(password, 0, sizeof(password));
	l2c_sess_opts_init(&a.so);
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

	/* Before the privilege drop: these files may be root's. */
	if ((ex = credentials(&a, target, password, sizeof(password), user,
	    sizeof(user))) != 0)
		goto wipe;
	if ((ex = l2c_sess_opts_open_log(&a.so)) != 0 ||
	    (ex = l2c_ui_open_session(ifname, &u)) != 0)
		goto wipe;
	if ((ex = resolve(&u, ifname, target, peer)) != 0)
		goto out;
	if ((rv = l2c_console_new(u.loop, &a.so.co, &con)) != 0 ||
	    (rv = l2c_sess_opts_attach_log(&a.so, con)) != 0) {
		ex = explain_end(rv, ifname, peer, a.conf.login, 0);
		goto out;
	}
	a.conf.peer = peer;
	a.conf.password = password;
	a.conf.term = getenv("TERM");
	l2c_console_winsize(&a.conf.cols, &a.conf.rows);
	rv = mt_client_new(&u.ctx, &a.conf, l2c_console_cb(con), &sess);
	/* The session keeps its own copy until the login is computed. */
	l2c_secret_wipe(password, sizeof(password));
	if (rv != 0) {
		l2c_say("cannot start the session: %s", l2c_strerror(rv));
		ex = l2c_exit_for(rv);
		goto out;
	}
	rv = l2c_console_run(con, &sess);
	ex = explain_end(rv, ifname, peer, a.conf.login,
	    mt_client_budget(&a.conf));
	sess.ops->free(sess.s);
out:
	l2c_console_free(con);
	l2c_ui_close(&u);
wipe:
	l2c_sess_opts_close(&a.so);
	l2c_secret_wipe(password, sizeof(password));
	l2c_profile_argv_free(&pa);
	return ex;
}
