/* SPDX-License-Identifier: ISC */
/*
 * `l2console serve mikrotik IFACE`: a MAC-Telnet server (EC-SRP5 and
 * MD5) that gives each login a shell on a pty, and
 * `l2console serve mikrotik --add-user USER`: a verifier line in the
 * users file from a password typed without echo.
 */
#include <sys/types.h>
#include <sys/utsname.h>

#include <arpa/inet.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "core/login.h"
#include "core/priv.h"
#include "core/monitor.h"
#include "mac/mt_server.h"
#include "mac/mt_srv_mon.h"
#include "mac/mt_users.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/open.h"
#include "ui/conf/secret.h"

static const struct l2c_cmd *const me = &cmd_serve_mikrotik_entry;

#define SHUTDOWN_US	L2C_SEC(3)
#define SHUTDOWN_POLL	L2C_MS(50)

struct serve {
	const char		*exec;
	const char		*privsep_user;
	struct mt_server	*srv;
	struct mt_users		*users;
	struct mt_srv_guard	 guard;		/* the monitor's, over sock */
	int			 sock;
	struct l2c_loop		*loop;
	struct l2c_timer	 stop_timer;
	uint64_t		 stop_deadline;
	int			 stopping;
};

/* Whole seconds for an option. */
static int
seconds(const char *s, uint64_t *us)
{
	char		*end;
	unsigned long	 v;

	v = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || v > 86400 * 365)
		return -1;
	*us = L2C_SEC(v);
	return 0;
}

/* A bounded whole number for an option. */
static int
number(const char *s, unsigned long min, unsigned long max,
    unsigned long *out)
{
	char	*end;

	*out = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || *out < min || *out > max)
		return -1;
	return 0;
}

/* The exit status for a users file we will not use, after one line. */
static int
users_exit(int rv, const char *why)
{
	l2c_say("%s", why);
	switch (rv) {
	case L2C_ERR_PERM:
		return L2C_EX_NOPERM;
	case L2C_ERR_NOTFOUND:
		return L2C_EX_NOINPUT;
	case L2C_ERR_MALFORMED:
		return L2C_EX_DATAERR;
	case L2C_ERR_NOMEM:
		return L2C_EX_SOFTWARE;
	default:
		return L2C_EX_OSERR;
	}
}

/* --add-user: the password twice from a terminal, once otherwise. */
static int
add_user(const char *path, const char *user, const char *pwfile, int md5)
{
	char	pw[L2C_SECRET_MAX], again[L2C_SECRET_MAX], prompt[128];
	char	why[512];
	int	rv, replaced, tty;

	if (!mt_user_name_ok(user))
		return l2c_usage_error(me, "\"%s\" cannot be a user name "
		    "(1 to 64 bytes, no ':', '+' or control characters)", user);
	tty = pwfile == NULL && getenv("L2CONSOLE_PASSWORD") == NULL;
	snprintf(prompt, sizeof(prompt), "Password for %s: ", user);
	if ((rv = l2c_secret_get(pwfile, "L2CONSOLE_PASSWORD", prompt, pw,
	    sizeof(pw))) != 0)
		return rv;
	if (tty) {
		if ((rv = l2c_secret_get(NULL, NULL, "Again: ", again,
		    sizeof(again))) != 0) {
			l2c_secret_wipe(pw, sizeof(pw));
			return rv;
		}
		rv = strcmp(pw, again) != 0;
		l2c_secret_wipe(again, sizeof(again));
		if (rv) {
			l2c_secret_wipe(pw, sizeof(pw));
			l2c_say("the passwords differ: nothing changed");
			return L2C_EX_DATAERR;
		}
	}
	if (pw[0] == '\0') {
		l2c_say("empty password: nothing changed");
		return L2C_EX_DATAERR;
	}
	rv = mt_users_set(path, user, pw, md5, &replaced, why, sizeof(why));
	l2c_secret_wipe(pw, sizeof(pw));
	if (rv != 0)
		return users_exit(rv, why);
	printf("%s %s in %s (%s)\n", replaced ? "replaced" : "added", user,
	    path, md5 ? "plain text, marked md5-plain: MD5 needs the "
	    "password itself, and whoever reads the file has it" :
	    "EC-SRP5 verifier point, no password stored");
	return L2C_EX_OK;
}

/* The server's program for a login: the shell, or --exec, as the user. */
static int
spawn(void *arg, const struct mt_srv_login *lg, int *fd, pid_t *pid)
{
	struct serve	*sv = arg;
	struct l2c_login l;
	int		 rv;

	memset(&l, 0, sizeof(l));
	l.user = lg->user;
	l.cmd = sv->exec;
	l.term = lg->term;
	l.cols = lg->cols;
	l.rows = lg->rows;
	rv = l2c_login_spawn(&l, fd, pid);
	return rv == L2C_ERR_NOTFOUND ? L2C_ERR_AUTH : rv;
}

/* Our IPv4 address on ifname, or 0.0.0.0 (which works as well). */
static uint32_t
if_ipv4(const char *ifname)
{
	struct ifaddrs	*ifa, *i;
	uint32_t	 a = 0;

	if (getifaddrs(&ifa) == -1)
		return 0;
	for (i = ifa; i != NULL && a == 0; i = i->ifa_next)
		if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
		    strcmp(i->ifa_name, ifname) == 0)
			a = ntohl(((struct sockaddr_in *)(void *)
			    i->ifa_addr)->sin_addr.s_addr);
	freeifaddrs(ifa);
	return a;
}

/* After SIGTERM: stop once the sessions have said goodbye. */
static void
stop_check(void *arg)
{
	struct serve	*sv = arg;

	if (mt_server_done(sv->srv) || l2c_now_us() >= sv->stop_deadline) {
		l2c_loop_break(sv->loop, 0);
		return;
	}
	l2c_timer_arm(sv->loop, &sv->stop_timer, SHUTDOWN_POLL);
}

/* TERM/INT: goodbye to everyone (twice: at once); HUP: re-read users. */
static void
on_signal(void *arg, int signo)
{
	struct serve	*sv = arg;

	if (signo == SIGHUP) {
		/* Under privsep the monitor re-reads it before each login. */
		if (sv->users != NULL && mt_users_refresh(sv->users) == 0)
			l2c_info("users file unchanged (%zu users)",
			    sv->users->n);
		return;
	}
	if (sv->stopping) {
		l2c_loop_break(sv->loop, 0);
		return;
	}
	sv->stopping = 1;
	l2c_info("shutting down");
	mt_server_shutdown(sv->srv, "\r\n\r\nServer shutting down.\r\n");
	sv->stop_deadline = l2c_now_us() + SHUTDOWN_US;
	stop_check(sv);
}

/*
 * Privilege separation, as root: the monitor keeps the users file and
 * returns here only when the parser has ended (its exit status); the
 * parser goes on (-1) with none of the users' secrets, asking the
 * monitor for each login.  Without root there is nothing to separate.
 */
static int
separate(struct serve *sv, struct l2c_ui_link *u)
{
	struct l2c_mon_conf	 mc;
	struct mt_srv_mon	*mon;
	int			 rv, status;

	sv->sock = -1;
	if (geteuid() != 0)
		return -1;
	if ((rv = mt_srv_mon_new(sv->users, spawn, sv, &mon)) != 0) {
		l2c_say("cannot start the monitor: %s", l2c_strerror(rv));
		status = l2c_exit_for(rv);
		goto done;
	}
	memset(&mc, 0, sizeof(mc));
	mc.user = sv->privsep_user;
	mc.name = "mt-server";
	mc.request = mt_srv_mon_request;
	mc.reaped = mt_srv_mon_reaped;
	mc.arg = mon;
	rv = l2c_monitor_start(&mc, &sv->sock, &status);
	mt_srv_mon_free(mon);
	if (rv == 0) {
		/* The parser: what it inherited of the users goes. */
		mt_users_free(sv->users);
		sv->users = NULL;
		mt_srv_ask_guard(&sv->sock, &sv->guard);
		return -1;
	}
	status = l2c_ui_monitor_status(rv, status);
done:
	l2c_ui_close(u);
	mt_users_free(sv->users);
	return status;
}

/* Users, interface, server, loop; the exit status. */
static int
run(const char *ifname, const char *users_path, struct mt_server_conf *conf,
    struct serve *sv)
{
	struct l2c_ui_link	 u;
	struct mt_server_stats	 st;
	struct utsname		 un;
	char			 host[HOST_NAME_MAX + 1], why[512];
	char			 mac[L2C_MAC_STRLEN];
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t			 i, nusers;
	int			 rv, ex;

	/* The users file's secrets must not end up in a core file. */
	l2c_priv_nodump();
	if ((rv = mt_users_load(users_path, &sv->users, why,
	    sizeof(why))) != 0) {
		if (rv == L2C_ERR_NOTFOUND)
			l2c_say("%s (add a user with: l2console serve mikrotik "
			    "--add-user USER --users %s)", why, users_path);
		return rv == L2C_ERR_NOTFOUND ? L2C_EX_NOINPUT :
		    users_exit(rv, why);
	}
	if (sv->users->n == 0)
		l2c_warn("%s lists no users: nobody can log in", users_path);
	mt_users_warn(sv->users, users_path);
	if (geteuid() != 0)
		l2c_warn("not running as root: only logins as this account "
		    "can be started");
	if ((ex = l2c_ui_open_keep(ifname, &u)) != 0) {
		mt_users_free(sv->users);
		return ex;
	}
	nusers = sv->users->n;
	if ((ex = separate(sv, &u)) >= 0)
		return ex;
	if (conf->identity == NULL && gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		conf->identity = host;
	}
	if (uname(&un) == 0) {
		conf->version = un.release;
		conf->platform = un.sysname;
		conf->board = un.machine;
	}
	conf->users = sv->users;
	conf->spawn = spawn;
	conf->spawn_arg = sv;
	conf->guard = sv->sock >= 0 ? &sv->guard : NULL;
	conf->ipsrc = if_ipv4(ifname);
	sv->loop = u.loop;
	l2c_timer_init(&sv->stop_timer, stop_check, sv);
	ex = L2C_EX_OK;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if ((rv = l2c_loop_signal(u.loop, sigs[i], on_signal, sv)) != 0)
			goto fail;
	if ((rv = mt_server_new(&u.ctx, conf, &sv->srv)) != 0)
		goto fail;
	l2c_info("serving MAC-Telnet on %s (%s), %zu users%s%s", ifname,
	    l2c_mac_fmt(u.link->mac, mac, sizeof(mac)), nusers,
	    conf->no_md5 ? ", MD5 refused" : "", sv->sock >= 0 ?
	    ", privilege separated" : "");
	if ((rv = l2c_loop_run(u.loop)) < 0)
		goto fail;
	goto out;
fail:
	l2c_say("cannot serve on %s: %s", ifname, l2c_strerror(rv));
	ex = l2c_exit_for(rv);
out:
	if (sv->srv != NULL) {
		mt_server_stats(sv->srv, &st);
		l2c_info("%llu sessions, %llu logins, %llu failed, %llu "
		    "retransmits", (unsigned long long)st.sessions,
		    (unsigned long long)st.logins_ok,
		    (unsigned long long)st.logins_failed,
		    (unsigned long long)st.retransmits);
		if (st.foreign + st.out_of_window + st.evicted > 0)
			l2c_info("dropped: %llu frames from another source, "
			    "%llu off the counter; %llu logins pushed out",
			    (unsigned long long)st.foreign,
			    (unsigned long long)st.out_of_window,
			    (unsigned long long)st.evicted);
		mt_server_free(sv->srv);
	}
	l2c_timer_cancel(u.loop, &sv->stop_timer);
	l2c_ui_close(&u);
	mt_users_free(sv->users);
	return ex;
}

/* Long-only options: this helper's range (0x320...). */
#define OPT_MD5_USER	0x323
#define OPT_PRIVSEP_USER 0x380

static int
serve_mikrotik(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "users",		required_argument,	NULL, 'U' },
		{ "add-user",		required_argument,	NULL, 'a' },
		{ "password-file",	required_argument,	NULL, 'P' },
		{ "exec",		required_argument,	NULL, 'e' },
		{ "no-md5",		no_argument,		NULL, 'm' },
		{ "idle-timeout",	required_argument,	NULL, 't' },
		{ "mndp-interval",	required_argument,	NULL, 'i' },
		{ "identity",		required_argument,	NULL, 'I' },
		{ "max-fails",		required_argument,	NULL, 'F' },
		{ "fail-delay",		required_argument,	NULL, 'D' },
		{ "md5",		no_argument,		NULL, OPT_MD5_USER },
		{ "privsep-user",	required_argument, NULL, OPT_PRIVSEP_USER },
		{ "help",		no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct mt_server_conf	 conf;
	struct serve		 sv;
	const char		*users = MT_USERS_DEFAULT, *adduser = NULL;
	const char		*pwfile = NULL;
	unsigned long		 v;
	int			 ch, md5 = 0;

	memset(&conf, 0, sizeof(conf));
	memset(&sv, 0, sizeof(sv));
	conf.idle_us = MT_SRV_IDLE_US;
	conf.mndp_us = MT_SRV_MNDP_US;
	conf.fail_delay_us = MT_SRV_FAIL_DELAY_US;
	optind = 0;
	/* Options may follow IFACE (the systemd unit puts them there). */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'U':
			users = optarg;
			break;
		case 'a':
			adduser = optarg;
			break;
		case 'P':
			pwfile = optarg;
			break;
		case 'e':
			sv.exec = optarg;
			break;
		case 'm':
			conf.no_md5 = 1;
			break;
		case 't':
			if (seconds(optarg, &conf.idle_us) == -1 ||
			    conf.idle_us == 0)
				return l2c_usage_error(me, "bad --idle-timeout "
				    "\"%s\" (seconds, at least 1)", optarg);
			break;
		case 'i':
			if (seconds(optarg, &conf.mndp_us) == -1)
				return l2c_usage_error(me, "bad --mndp-interval "
				    "\"%s\" (seconds, 0: never)", optarg);
			break;
		case 'I':
			conf.identity = optarg;
			break;
		case 'F':
			if (number(optarg, 1, 100000, &v) == -1)
				return l2c_usage_error(me, "bad --max-fails "
				    "\"%s\" (failed logins per MAC and minute, "
				    "at least 1)", optarg);
			conf.max_fails = (unsigned)v;
			break;
		case 'D':
			if (number(optarg, 0, 60000, &v) == -1)
				return l2c_usage_error(me, "bad --fail-delay "
				    "\"%s\" (milliseconds, 0 to 60000)", optarg);
			conf.fail_delay_us = L2C_MS(v);
			break;
		case OPT_MD5_USER:
			md5 = 1;
			break;
		case OPT_PRIVSEP_USER:
			sv.privsep_user = optarg;
			break;
		case 'h':
			return l2c_cmd_help(me);
		default:
			return l2c_usage_error(me, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (adduser != NULL) {
		if (argc > 0)
			return l2c_usage_error(me, "--add-user takes no "
			    "interface (got \"%s\")", argv[0]);
		return add_user(users, adduser, pwfile, md5);
	}
	if (md5)
		return l2c_usage_error(me, "%s", "--md5 goes with --add-user");
	if (pwfile != NULL)
		return l2c_usage_error(me, "%s", "--password-file goes with "
		    "--add-user");
	if (argc != 1)
		return l2c_usage_error(me, "%s", argc == 0 ?
		    "which interface? give one" : "one interface only");
	return run(argv[0], users, &conf, &sv);
}

const struct l2c_cmd cmd_serve_mikrotik_entry = {
	.name = "mikrotik",
	.parent = "serve",
	.usage = "[--users FILE] [--exec CMD] [--no-md5] "
	    "[--idle-timeout SEC] [--mndp-interval SEC] [--identity NAME] "
	    "[--max-fails N] [--fail-delay MS] [--privsep-user USER] "
	    "IFACE | --add-user USER [--md5] [--users FILE] "
	    "[--password-file FILE]",
	.summary = "MikroTik MAC-Telnet server (EC-SRP5 and MD5)",
	.fn = serve_mikrotik,
};
