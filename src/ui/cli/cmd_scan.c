/* SPDX-License-Identifier: ISC */
/*
 * `l2console scan IFACE`: who is on this wire.  Asks (MNDP refresh, MOP
 * Request ID to the console multicast and to --probe stations, a MAC
 * ping to MikroTiks found) and listens (announcements, periodic System
 * IDs) for --timeout seconds, then prints one record per MAC.  With
 * --watch it prints each new or changed device as it comes, until
 * interrupted.  The protocols are rows in one table; this file only
 * schedules them and shows what they found.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "core/scan_sched.h"
#include "core/sweep.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/login_probe.h"
#include "ui/cli/open.h"
#include "ui/report/scan_out.h"
#include "ui/registry.h"
#include "ui/cli/station.h"

#define SCAN_TIMEOUT_DEFAULT	L2C_SEC(3)

struct scan_run {
	struct l2c_ui_link	 u;
	struct l2c_neigh_tab	*tab;
	struct l2c_scan		 scan;
	struct l2c_scan_sched	 sched;
	struct l2c_sweep	 sweep;
	struct l2c_scan_out	 out;
	struct l2c_timer	 t_end;
	uint8_t			 (*stations)[6];
	size_t			 nstations;
	int			 watch;
	int			 warned;
	uint64_t		 timeout_us;
	uint64_t		 start_us;
};

static void
send_failed(void *arg, int rv)
{
	struct scan_run	*r = arg;

	if (r->warned++ == 0)
		l2c_warn("cannot send probes on %s: %s (listening only)",
		    r->u.link->ifname, l2c_strerror(rv));
}

static void
on_news(void *arg, struct l2c_neigh *n, int result)
{
	struct scan_run	*r = arg;

	if (r->watch)
		l2c_scan_print_one(&r->out, n, result);
}

/*
 * The completion cache: opened before root goes (only where the caller
 * owns the directory, so root never leaves files in someone else's
 * home), written after the scan.  Any failure: no cache, no message.
 */
static int
cache_open(void)
{
	const char	*xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char		 base[PATH_MAX], dir[PATH_MAX], path[PATH_MAX];
	struct stat	 st;
	int		 n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(base, sizeof(base), "%s", xdg);
	else if (home != NULL && home[0] == '/')
		n = snprintf(base, sizeof(base), "%s/.cache", home);
	else
		return -1;
	if (n < 0 || (size_t)n >= sizeof(base))
		return -1;
	if (mkdir(base, 0700) == -1 && errno != EEXIST)
		return -1;
	n = snprintf(dir, sizeof(dir), "%s/l2console", base);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return -1;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	if (lstat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return -1;
	n = snprintf(path, sizeof(path), "%s/last-scan", dir);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -1;
	return open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
}

static void
cache_write(int fd, const struct l2c_neigh_tab *t)
{
	const struct l2c_neigh	**l;
	char			  mac[L2C_MAC_STRLEN];
	FILE			 *f;
	int			  n, i;

	if (fd < 0)
		return;
	if (l2c_neigh_count(t) == 0 || (n = l2c_neigh_sorted(t, &l)) < 0) {
		close(fd);
		return;
	}
	if (ftruncate(fd, 0) == 0 && (f = fdopen(fd, "w")) != NULL) {
		for (i = 0; i < n; i++)
			fprintf(f, "%s\n", l2c_mac_fmt(l[i]->mac, mac,
			    sizeof(mac)));
		fclose(f);
	} else
		close(fd);
	free(l);
}

/* --probe-file: MACs or /etc/ethers names, "#" comments. */
static int
load_probe_file(const char *file, uint8_t (**list)[6], size_t *n)
{
	FILE	*f;
	char	*line = NULL, *hash, bad[256];
	size_t	 cap = 0;
	unsigned lineno = 0;
	int	 rv = 0;

	if (strcmp(file, "-") == 0)
		f = stdin;
	else if ((f = fopen(file, "r")) == NULL) {
		l2c_say("cannot read %s: %s", file, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		if ((rv = l2c_station_list_add(line, list, n, bad,
		    sizeof(bad))) != 0)
			break;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	if (rv == L2C_ERR_NOTFOUND) {
		l2c_say("%s:%u: \"%s\" " L2C_STATION_UNKNOWN, file, lineno,
		    bad);
		return L2C_EX_DATAERR;
	}
	return rv == 0 ? 0 : L2C_EX_SOFTWARE;
}

static void
summary(const struct scan_run *r)
{
	const struct l2c_neigh	*n;
	char			 partner[256];
	size_t			 i, all = 0, mt = 0, mop = 0, cons = 0;
	size_t			 disc = 0;

	for (i = 0; (n = l2c_neigh_at(r->tab, i)) != NULL; i++) {
		if (!l2c_neigh_live(n))
			continue;
		all++;
		mt += (n->protos & (L2C_NP_MNDP | L2C_NP_MACTELNET)) != 0;
		mop += (n->protos & L2C_NP_MOP) != 0;
		cons += (n->protos & L2C_NP_MOP_CONSOLE) != 0;
		disc += (n->protos & (L2C_NP_CDP | L2C_NP_LLDP)) != 0;
	}
	i = all;
	if (i == 0)
		l2c_say("no devices answered on %s in %.1f s", r->u.link->ifname,
		    (double)r->out.duration_us / 1e6);
	else if (!l2c_opts.quiet)
		l2c_say("%zu device%s on %s in %.1f s: %zu MikroTik, %zu MOP "
		    "(%zu with a MOP console), %zu CDP/LLDP", i, i == 1 ? "" :
		    "s", r->u.link->ifname, (double)r->out.duration_us / 1e6,
		    mt, mop, cons, disc);
	if (!l2c_opts.quiet && l2c_scan_partner(r->tab, partner,
	    sizeof(partner)))
		l2c_say("link partner: %s", partner);
	if (l2c_neigh_dropped(r->tab) > 0)
		l2c_say("the neighbor table was full: %llu frames from further "
		    "stations ignored",
		    (unsigned long long)l2c_neigh_dropped(r->tab));
}

#define L2C_SCAN_ALL	(~0u)

/* --<family>-only: that family's scan rows (the registry's row). */
static unsigned
only(const char *family)
{
	const struct l2c_family	*f = l2c_family_find(family);

	return f != NULL ? f->scan_family : 0;
}

/* Each option, for "scan --help" (l2c_cmd_help). */
static void
cmd_scan_help(FILE *f)
{
	fputs("  --timeout SEC     listen this long (default 3)\n"
	    "  --watch           print new and changed devices until "
	    "interrupted\n"
	    "  --json, --csv     machine-readable output (docs/scan-json.md)\n"
	    "  --mop-only        only MOP (Request ID, System ID)\n"
	    "  --mikrotik-only   only MNDP and MAC-Telnet\n"
	    "  --probe MAC,...   also ask these stations directly (MOP)\n"
	    "  --probe-file FILE the same, one or more per line "
	    "(\"-\": stdin)\n"
	    "  --sweep-rate N    ask every station seen by MOP, N a second "
	    "(default 50)\n"
	    "  --no-sweep        ask only the multicast groups and --probe "
	    "stations\n"
	    "  --promisc         capture promiscuously: the sweep also asks "
	    "stations\n"
	    "                    whose frames are for others (a bridge, a "
	    "hub, a tap)\n"
	    "  --audit           findings instead of devices, most serious "
	    "first;\n"
	    "                    asks each MAC-Telnet which login it offers "
	    "(no login);\n"
	    "                    exit 5 when one is more than info\n", f);
}

static int
cmd_scan(int argc, char **argv)
{
	enum { O_TIMEOUT = 256, O_WATCH, O_JSON, O_CSV, O_MOP, O_MT, O_PROBE,
	    O_PROBEFILE, O_SWEEPRATE, O_NOSWEEP, O_AUDIT,
	    O_PROMISC = 0x330 };
	static const struct option longopts[] = {
		{ "timeout",	required_argument,	NULL, O_TIMEOUT },
		{ "watch",	no_argument,		NULL, O_WATCH },
		{ "json",	no_argument,		NULL, O_JSON },
		{ "csv",	no_argument,		NULL, O_CSV },
		{ "mop-only",	no_argument,		NULL, O_MOP },
		{ "mikrotik-only", no_argument,		NULL, O_MT },
		{ "probe",	required_argument,	NULL, O_PROBE },
		{ "probe-file",	required_argument,	NULL, O_PROBEFILE },
		{ "sweep-rate",	required_argument,	NULL, O_SWEEPRATE },
		{ "no-sweep",	no_argument,		NULL, O_NOSWEEP },
		{ "audit",	no_argument,		NULL, O_AUDIT },
		{ "promisc",	no_argument,		NULL, O_PROMISC },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct l2c_cmd	*c = &cmd_scan_entry;
	const struct l2c_scan_proto *rows[L2C_REG_MAXSCAN];
	size_t			 nrows;
	struct scan_run		 r;
	unsigned		 families = L2C_SCAN_ALL;
	char			 bad[256], *end;
	unsigned long		 rate = L2C_SWEEP_RATE_DEFAULT;
	size_t			 nserious = 0;
	int			 ch, rv, ex, nfmt = 0, cache = -1, sweep = 1;
	int			 audit = 0;
	unsigned		 linkflags = 0;

	memset(&r, 0, sizeof(r));
	l2c_scan_sched_init(&r.sched, &r.scan);
	r.timeout_us = SCAN_TIMEOUT_DEFAULT;
	r.out.fmt = L2C_SCAN_TABLE;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case O_TIMEOUT:
			if (l2c_cmd_seconds(optarg, 0, &r.timeout_us) != 0) {
				ex = l2c_usage_error(c, "--timeout wants "
				    "seconds (> 0), not \"%s\"", optarg);
				goto out;
			}
			break;
		case O_WATCH:
			r.watch = 1;
			break;
		case O_JSON:
			r.out.fmt = L2C_SCAN_JSON;
			nfmt++;
			break;
		case O_CSV:
			r.out.fmt = L2C_SCAN_CSV;
			nfmt++;
			break;
		case O_MOP:
			if (families != L2C_SCAN_ALL)
				goto conflict;
			families = only("mop");
			break;
		case O_MT:
			if (families != L2C_SCAN_ALL)
				goto conflict;
			families = only("mikrotik");
			break;
		case O_PROBE:
			if ((rv = l2c_station_list_add(optarg, &r.stations,
			    &r.nstations, bad, sizeof(bad))) != 0) {
				ex = rv == L2C_ERR_NOTFOUND ?
				    l2c_usage_error(c, "--probe: \"%s\" "
				    L2C_STATION_UNKNOWN, bad) : L2C_EX_SOFTWARE;
				goto out;
			}
			break;
		case O_PROBEFILE:
			if ((ex = load_probe_file(optarg, &r.stations,
			    &r.nstations)) != 0)
				goto out;
			break;
		case O_SWEEPRATE:
			rate = strtoul(optarg, &end, 10);
			if (end == optarg || *end != '\0' || rate == 0 ||
			    rate > 100000) {
				ex = l2c_usage_error(c, "--sweep-rate wants "
				    "stations a second (1-100000), not \"%s\"",
				    optarg);
				goto out;
			}
			break;
		case O_NOSWEEP:
			sweep = 0;
			break;
		case O_AUDIT:
			audit = 1;
			break;
		case O_PROMISC:
			linkflags |= L2C_LINK_PROMISC;
			break;
		default:
			ex = l2c_cmd_opt_rest(c, ch);
			goto out;
		}
	}
	if (nfmt > 1) {
		ex = l2c_usage_error(c, "--json and --csv exclude each other");
		goto out;
	}
	if (audit && (r.watch || r.out.fmt == L2C_SCAN_CSV)) {
		ex = l2c_usage_error(c, "--audit prints a table or --json, "
		    "once");
		goto out;
	}
	if (optind + 1 != argc) {
		ex = optind == argc ? l2c_usage_error(c, "which interface?") :
		    l2c_usage_error(c, "unexpected argument \"%s\"",
		    argv[optind + 1]);
		goto out;
	}
	if (r.nstations > 0 && !(families & only("mop")))
		l2c_warn("--probe asks by MOP; --mikrotik-only leaves it out");

	cache = cache_open();
	if ((ex = l2c_ui_open_flags(argv[optind], &r.u, linkflags)) != 0)
		goto out;
	nrows = l2c_registry_scan_rows(rows, L2C_REG_MAXSCAN);
	if ((rv = l2c_neigh_new(0, &r.tab)) != 0 ||
	    (rv = l2c_scan_init(&r.scan, &r.u.ctx, r.tab, rows, nrows,
	    families)) != 0) {
		l2c_say("cannot start the scan on %s: %s", argv[optind],
		    l2c_strerror(rv));
		ex = rv == L2C_ERR_INVAL ? L2C_EX_SOFTWARE : l2c_exit_for(rv);
		goto out;
	}
	r.scan.news = on_news;
	r.scan.newsarg = &r;
	/* Devices whose MOP answers only to their own MAC (Cisco IOS). */
	if (sweep && (families & only("mop")) &&
	    (rv = l2c_sweep_start(&r.sweep, &r.scan, (unsigned)rate)) != 0) {
		l2c_say("cannot start the sweep on %s: %s", argv[optind],
		    l2c_strerror(rv));
		ex = l2c_exit_for(rv);
		goto out;
	}
	r.out.f = stdout;
	r.out.ifname = r.u.link->ifname;
	r.out.color = r.out.fmt == L2C_SCAN_TABLE &&
	    l2c_scan_want_color(stdout);
	/* The second ask soon after the first; --watch asks every minute. */
	if (!r.watch && r.timeout_us / 3 < r.sched.round2_us)
		r.sched.round2_us = r.timeout_us / 3;
	if (!r.watch)
		r.sched.reprobe_us = 0;
	r.sched.stations = (const uint8_t (*)[6])r.stations;
	r.sched.nstations = r.nstations;
	r.sched.send_error = send_failed;
	r.sched.arg = &r;
	l2c_timer_init(&r.t_end, l2c_ui_stop, &r.u);
	if ((rv = l2c_ui_stop_on_signals(&r.u)) != 0) {
		l2c_say("cannot start: %s", l2c_strerror(rv));
		ex = L2C_EX_SOFTWARE;
		goto out;
	}
	if (r.watch)
		l2c_scan_print_head(&r.out);
	r.start_us = l2c_now_us();
	r.out.started_wall_us = l2c_wall_us();
	l2c_scan_sched_now(&r.sched, 1);
	if (!r.watch)
		l2c_timer_arm(r.u.loop, &r.t_end, r.timeout_us);
	(void)l2c_loop_run(r.u.loop);
	r.out.duration_us = l2c_now_us() - r.start_us;

	l2c_info("scan: %llu frames taken, %llu malformed, %llu probes sent "
	    "(%llu stations swept)", (unsigned long long)r.scan.stats.rx,
	    (unsigned long long)r.scan.stats.malformed,
	    (unsigned long long)r.scan.stats.probes,
	    (unsigned long long)r.sweep.asked);
	/* Which login each MAC-Telnet offers: the MD5 finding. */
	if (audit && (rv = l2c_login_probe(&r.u, r.tab)) > 0)
		l2c_info("audit: asked %d console%s which login %s offer%s", rv,
		    rv == 1 ? "" : "s", rv == 1 ? "it" : "they",
		    rv == 1 ? "s" : "");
	if (audit)
		rv = l2c_scan_audit(&r.out, r.tab, &nserious);
	else if (!r.watch)
		rv = l2c_scan_print(&r.out, r.tab);
	else
		rv = 0;
	if (rv != 0) {
		l2c_say("cannot print the results: %s", l2c_strerror(rv));
		ex = L2C_EX_SOFTWARE;
		goto out;
	}
	if (fflush(stdout) != 0) {
		l2c_say("cannot write the results: %s", strerror(errno));
		ex = L2C_EX_SOFTWARE;
		goto out;
	}
	if (r.out.fmt == L2C_SCAN_TABLE || l2c_neigh_count(r.tab) == 0)
		summary(&r);
	cache_write(cache, r.tab);
	cache = -1;
	ex = l2c_neigh_count(r.tab) > 0 ? L2C_EX_OK : L2C_EX_NONE;
	if (audit)
		ex = nserious > 0 ? L2C_EX_FINDINGS : L2C_EX_OK;
out:
	if (cache >= 0)
		close(cache);
	l2c_scan_sched_stop(&r.sched);
	l2c_sweep_stop(&r.sweep);
	l2c_timer_cancel(r.u.loop, &r.t_end);
	if (r.u.loop != NULL)
		l2c_scan_fini(&r.scan);
	l2c_ui_close(&r.u);
	l2c_neigh_free(r.tab);
	free(r.stations);
	return ex;
conflict:
	ex = l2c_usage_error(c, "--mop-only and --mikrotik-only exclude each "
	    "other");
	goto out;
}

const struct l2c_cmd cmd_scan_entry = {
	.name = "scan",
	.usage = "[--json|--csv] [--watch] [--timeout SEC] "
	    "[--mop-only|--mikrotik-only] [--probe MAC[,MAC...]] "
	    "[--probe-file FILE] [--sweep-rate N|--no-sweep] [--promisc] "
	    "[--audit] IFACE",
	.summary = "list MikroTik, MOP, CDP and LLDP devices on the wire",
	.fn = cmd_scan,
	.help = cmd_scan_help,
};
