/*
 * `l2console mikrotik IFACE TARGET`: a MAC-Telnet console.  TARGET is a
 * MAC in any spelling, an /etc/ethers name, or a RouterOS identity
 * found with MNDP.  This file turns the session's end into one line and
 * an exit status; the wire is src/mac's business.
 */
#include <netinet/ether.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "mac/mndp_lookup.h"
#include "mac/mt_client.h"
#include "ui/cmd.h"
#include "ui/console.h"
#include "ui/exitcode.h"
#include "ui/open.h"
#include "ui/secret.h"

#define MAX_TIMEOUT_SEC	3600.0

/* "2.5" -> 2500000 µs; 0 if not a number in (min, MAX_TIMEOUT_SEC]. */
static uint64_t
parse_seconds(const char *s, double min)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > min) ||
	    v > MAX_TIMEOUT_SEC)
		return 0;
	return (uint64_t)(v * 1e6 + 0.5);
}

/*
 * A MAC in any spelling, then /etc/ethers, then the identity a device
 * announces over MNDP.  Returns 0 or an exit status after one line.
 */
static int
resolve(struct l2c_ui_link *u, const char *ifname, const char *target,
    uint8_t mac[L2C_ETH_ALEN])
{
	struct ether_addr	ea;
	int			rv;

	if (l2c_mac_parse(target, mac) == 0)
		return 0;
	if (ether_hostton(target, &ea) == 0) {
		memcpy(mac, ea.ether_addr_octet, L2C_ETH_ALEN);
		return 0;
	}
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

int
cmd_mikrotik(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "user",		required_argument,	NULL, 'u' },
		{ "md5",		no_argument,		NULL, 'M' },
		{ "password-file",	required_argument,	NULL, 'P' },
		{ "escape",		required_argument,	NULL, 'e' },
		{ "timeout",		required_argument,	NULL, 'T' },
		{ "idle",		required_argument,	NULL, 'I' },
		{ NULL, 0, NULL, 0 }
	};
	const struct l2c_cmd	*self = l2c_cmd_find(argv[0]);
	struct l2c_console_opts	 co;
	struct mt_client_conf	 conf;
	struct l2c_ui_link	 u;
	struct l2c_console	*con = NULL;
	struct l2c_sess		 sess;
	const char		*pwfile = NULL, *ifname, *target;
	char			 password[L2C_SECRET_MAX];
	uint8_t			 peer[L2C_ETH_ALEN];
	int			 ch, rv, ex;

	l2c_console_defaults(&co);
	memset(&conf, 0, sizeof(conf));
	conf.login = "admin";
	while ((ch = getopt_long(argc, argv, "u:e:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			conf.login = optarg;
			break;
		case 'M':
			conf.md5 = 1;
			break;
		case 'P':
			pwfile = optarg;
			break;
		case 'e':
			if (l2c_console_parse_escape(optarg, &co.escape) != 0)
				return l2c_usage_error(self, "bad escape key "
				    "\"%s\" (one character, ^X, or none)",
				    optarg);
			break;
		case 'T':
			if ((conf.timeout_us = parse_seconds(optarg, 0)) == 0)
				return l2c_usage_error(self, "bad --timeout "
				    "\"%s\" (seconds, up to %.0f)", optarg,
				    MAX_TIMEOUT_SEC);
			break;
		case 'I':
			if ((co.idle_us = parse_seconds(optarg, -1)) == 0 &&
			    strtod(optarg, NULL) != 0)
				return l2c_usage_error(self, "bad --idle \"%s\""
				    " (seconds)", optarg);
			break;
		default:
			return l2c_usage_error(self, "unknown option");
		}
	}
	if (argc - optind < 2)
		return l2c_usage_error(self, "give an interface and a target");
	if (argc - optind > 2)
		return l2c_usage_error(self, "unexpected argument \"%s\"",
		    argv[optind + 2]);
	ifname = argv[optind];
	target = argv[optind + 1];
	if (conf.login[0] == '\0' || strlen(conf.login) > MT_LOGIN_MAX)
		return l2c_usage_error(self, "bad user name");

	/* Before the privilege drop: the file or /dev/tty may be root's. */
	if ((ex = l2c_secret_get(pwfile, "L2CONSOLE_PASSWORD", "Password: ",
	    password, sizeof(password))) != 0)
		return ex;
	if ((ex = l2c_ui_open_session(ifname, &u)) != 0)
		goto wipe;
	if ((ex = resolve(&u, ifname, target, peer)) != 0)
		goto out;
	if ((rv = l2c_console_new(u.loop, &co, &con)) != 0) {
		ex = explain_end(rv, ifname, peer, conf.login, 0);
		goto out;
	}
	conf.peer = peer;
	conf.password = password;
	conf.term = getenv("TERM");
	l2c_console_winsize(&conf.cols, &conf.rows);
	rv = mt_client_new(&u.ctx, &conf, l2c_console_cb(con), &sess);
	/* The session keeps its own copy until the login is computed. */
	l2c_secret_wipe(password, sizeof(password));
	if (rv != 0) {
		l2c_say("cannot start the session: %s", l2c_strerror(rv));
		ex = l2c_exit_for(rv);
		goto out;
	}
	rv = l2c_console_run(con, &sess);
	ex = explain_end(rv, ifname, peer, conf.login,
	    mt_client_budget(&conf));
	sess.ops->free(sess.s);
out:
	l2c_console_free(con);
	l2c_ui_close(&u);
wipe:
	l2c_secret_wipe(password, sizeof(password));
	return ex;
}
