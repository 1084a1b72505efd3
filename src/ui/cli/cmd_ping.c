/* SPDX-License-Identifier: ISC */
/*
 * `l2console ping IFACE TARGET`: is this station there, and how far?
 * MAC ping (MAC-Telnet types 4/5) by default, MOP loopback with --mop
 * (TARGET "assistant": through the loopback assistant multicast).  One
 * line per reply with its round trip, duplicates and damaged echoes
 * flagged, and ping(8)'s summary at the end.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/ping.h"
#include "core/ping_run.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/open.h"
#include "ui/registry.h"
#include "ui/cli/station.h"

#define PING_SIZE_DEFAULT	38	/* the reference macping's payload */
#define PING_INTERVAL_MIN	L2C_MS(10)

struct ping_run {
	struct l2c_ui_link		 u;
	const struct l2c_family		*fam;
	struct l2c_ping_conf		 pc;
	struct l2c_pinger		*p;
	const char			*target;
	uint64_t			 start_us;
	int				 send_warned;
};

/* One line per echo, as ping(8) prints it. */
static void
on_echo(void *arg, const struct l2c_ping_echo *e)
{
	struct ping_run	*r = arg;
	char		 mac[L2C_MAC_STRLEN], note[96];

	if (l2c_opts.quiet)
		return;
	note[0] = '\0';
	if (e->verdict == L2C_PING_CORRUPT && e->len < r->pc.size)
		snprintf(note, sizeof(note), " (CORRUPT: %zu bytes, not %zu)",
		    e->len, r->pc.size);
	else if (e->verdict == L2C_PING_CORRUPT)
		snprintf(note, sizeof(note), " (CORRUPT: byte %zu differs)",
		    e->bad_off);
	printf("%zu bytes from %s: seq=%u", e->len, l2c_mac_fmt(e->from, mac,
	    sizeof(mac)), e->seq);
	if (e->verdict == L2C_PING_GOOD)
		printf(" time=%.3f ms", (double)e->rtt_us / 1000.0);
	printf("%s%s\n", e->dup ? " (DUP!)" : "", note);
	fflush(stdout);
}

static void
on_send_error(void *arg, int rv)
{
	struct ping_run	*r = arg;

	if (r->send_warned++ == 0)
		l2c_say("cannot send on %s: %s", r->u.link->ifname,
		    l2c_strerror(rv));
}

static void
on_done(void *arg)
{
	struct ping_run	*r = arg;

	l2c_loop_break(r->u.loop, 0);
}

static void
summary(const struct ping_run *r)
{
	const struct l2c_ping_stats	*st = l2c_pinger_stats(r->p);
	double				 avg, mdev;

	printf("\n--- %s %s statistics ---\n", r->target, r->pc.proto->name);
	printf("%llu packets transmitted, %llu received",
	    (unsigned long long)st->tx, (unsigned long long)st->rx);
	if (st->dup > 0)
		printf(", +%llu duplicates", (unsigned long long)st->dup);
	if (st->corrupt > 0)
		printf(", %llu corrupt", (unsigned long long)st->corrupt);
	printf(", %.4g%% packet loss, time %llums\n",
	    l2c_ping_stats_loss(st),
	    (unsigned long long)((l2c_now_us() - r->start_us) / 1000));
	if (st->nrtt > 0) {
		l2c_ping_stats_avg(st, &avg, &mdev);
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		    (double)st->min_us / 1000, avg / 1000,
		    (double)st->max_us / 1000, mdev / 1000);
	}
	fflush(stdout);
}

static int
parse_count(const char *s, uint64_t *n, uint64_t min, uint64_t max)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	if (s[0] == '-')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*n = v;
	return 0;
}

/* Each option, for "ping --help" (l2c_cmd_help). */
static void
cmd_ping_help(FILE *f)
{
	fprintf(f, "  -c COUNT      stop after COUNT pings (default: until "
	    "interrupted)\n"
	    "  -i INTERVAL   seconds between pings (default 1, at least "
	    "0.01)\n"
	    "  -s SIZE       payload bytes (default %d, at least %d)\n"
	    "  -W TIMEOUT    seconds to wait for replies after the last "
	    "ping (default 2)\n"
	    "  --mop         MOP loopback instead of MAC ping; TARGET "
	    "\"assistant\" asks\n"
	    "                the loopback assistant multicast "
	    "CF-00-00-00-00-00\n"
	    "TARGET is a MAC address in any common spelling or a name from "
	    "/etc/ethers.\n", PING_SIZE_DEFAULT, L2C_PING_HDR);
}

static int
cmd_ping(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "count",	required_argument,	NULL, 'c' },
		{ "interval",	required_argument,	NULL, 'i' },
		{ "size",	required_argument,	NULL, 's' },
		{ "timeout",	required_argument,	NULL, 'W' },
		{ "mop",	no_argument,		NULL, 'm' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct l2c_cmd	*c = &cmd_ping_entry;
	struct l2c_ping_cb	 cb;
	struct ping_run		*r;
	char			 mac[L2C_MAC_STRLEN];
	uint64_t		 size = PING_SIZE_DEFAULT;
	int			 ch, rv, ex;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		l2c_say("out of memory");
		return L2C_EX_SOFTWARE;
	}
	cb = (struct l2c_ping_cb){ on_echo, on_send_error, on_done, r };
	r->fam = l2c_family_ping_default();
	r->pc.interval_us = L2C_SEC(1);
	r->pc.wait_us = L2C_SEC(2);
	while ((ch = getopt_long(argc, argv, "c:i:s:W:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (parse_count(optarg, &r->pc.count, 1, UINT32_MAX) !=
			    0) {
				ex = l2c_usage_error(c, "-c wants a count "
				    "(> 0), not \"%s\"", optarg);
				goto out;
			}
			break;
		case 'i':
			if (l2c_cmd_seconds(optarg, 1, &r->pc.interval_us) != 0 ||
			    r->pc.interval_us < PING_INTERVAL_MIN) {
				ex = l2c_usage_error(c, "-i wants seconds "
				    "(at least 0.01), not \"%s\"", optarg);
				goto out;
			}
			break;
		case 's':
			if (parse_count(optarg, &size, L2C_PING_HDR,
			    L2C_ETH_MAXLEN) != 0) {
				ex = l2c_usage_error(c, "-s wants a payload "
				    "size (at least %d), not \"%s\"",
				    L2C_PING_HDR, optarg);
				goto out;
			}
			break;
		case 'W':
			if (l2c_cmd_seconds(optarg, 1, &r->pc.wait_us) != 0) {
				ex = l2c_usage_error(c, "-W wants seconds, "
				    "not \"%s\"", optarg);
				goto out;
			}
			break;
		case 'm':
			r->fam = l2c_family_find("mop");
			break;
		default:
			ex = l2c_cmd_opt_rest(c, ch);
			goto out;
		}
	}
	if (argc - optind != 2) {
		ex = argc - optind < 2 ?
		    l2c_usage_error(c, "which interface and which station?") :
		    l2c_usage_error(c, "unexpected argument \"%s\"",
		    argv[optind + 2]);
		goto out;
	}
	r->pc.proto = r->fam->ping;
	if (size > r->pc.proto->max_payload) {
		ex = l2c_usage_error(c, "-s: at most %zu bytes fit in a %s",
		    r->pc.proto->max_payload, r->pc.proto->name);
		goto out;
	}
	r->pc.size = (size_t)size;
	r->target = argv[optind + 1];
	if (r->fam->ping_group != NULL &&
	    strcmp(r->target, r->fam->ping_group) == 0) {
		r->pc.any_from = 1;
		memcpy(r->pc.dst, r->fam->ping_group_mac, L2C_ETH_ALEN);
	} else if (l2c_station_parse(r->target, r->pc.dst) != 0) {
		ex = l2c_usage_error(c, "\"%s\" " L2C_STATION_UNKNOWN,
		    r->target);
		goto out;
	}
	if ((ex = l2c_ui_open_session(argv[optind], &r->u)) != 0)
		goto out;
	if ((rv = l2c_pinger_new(&r->u.ctx, &r->pc, &cb, &r->p)) != 0 ||
	    (rv = l2c_ui_stop_on_signals(&r->u)) != 0) {
		l2c_say("cannot start: %s", l2c_strerror(rv));
		ex = L2C_EX_SOFTWARE;
		goto out;
	}
	if (!l2c_opts.quiet) {
		printf("PING %s", r->target);
		if (strcmp(r->target, l2c_mac_fmt(r->pc.dst, mac, sizeof(mac))))
			printf(" (%s)", mac);
		printf(" by %s on %s: %zu data bytes\n", r->pc.proto->name,
		    r->u.link->ifname, r->pc.size);
		fflush(stdout);
	}
	r->start_us = l2c_now_us();
	l2c_pinger_start(r->p);
	(void)l2c_loop_run(r->u.loop);
	summary(r);
	ex = l2c_pinger_stats(r->p)->rx > 0 ? L2C_EX_OK : L2C_EX_NONE;
out:
	l2c_pinger_free(r->p);
	l2c_ui_close(&r->u);
	free(r);
	return ex;
}

const struct l2c_cmd cmd_ping_entry = {
	.name = "ping",
	.usage = "[-c COUNT] [-i INTERVAL] [-s SIZE] [-W TIMEOUT] [--mop] "
	    "IFACE TARGET",
	.summary = "MAC ping or MOP loopback to one station",
	.fn = cmd_ping,
	.help = cmd_ping_help,
};
