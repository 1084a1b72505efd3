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
#include "core/random.h"
#include "mac/mt_ping.h"
#include "mop/mop_ping.h"
#include "mop/mop_proto.h"
#include "ui/cmd.h"
#include "ui/exitcode.h"
#include "ui/open.h"
#include "ui/station.h"

#define PING_SIZE_DEFAULT	38	/* the reference macping's payload */
#define PING_INTERVAL_MIN	L2C_MS(10)
#define PING_SEQ_WINDOW		65536	/* duplicate detection, by seq */

struct ping_run {
	struct l2c_ui_link		 u;
	const struct l2c_ping_proto	*proto;
	uint8_t				 dst[L2C_ETH_ALEN];
	const char			*target;
	int				 assistant;
	uint64_t			 count;		/* 0: until interrupted */
	uint64_t			 interval_us, wait_us;
	size_t				 size;
	uint32_t			 cookie;
	uint32_t			 seq;		/* last sent */
	uint64_t			 start_us;
	struct l2c_timer		 t_send, t_end;
	struct l2c_ping_stats		 st;
	uint8_t				 seen[PING_SEQ_WINDOW / 8];
	int				 send_warned;
};

static int
seen_test_set(struct ping_run *r, uint32_t seq)
{
	uint32_t	i = seq % PING_SEQ_WINDOW;
	int		was = (r->seen[i / 8] >> (i % 8)) & 1;

	r->seen[i / 8] |= (uint8_t)(1u << (i % 8));
	return was;
}

static void
seen_clear(struct ping_run *r, uint32_t seq)
{
	uint32_t	i = seq % PING_SEQ_WINDOW;

	r->seen[i / 8] &= (uint8_t)~(1u << (i % 8));
}

/* With a count: stop once every ping is answered, or -W after the last. */
static void
maybe_done(struct ping_run *r)
{
	if (r->count > 0 && r->st.tx >= r->count &&
	    r->st.rx >= r->st.tx)
		l2c_loop_break(r->u.loop, 0);
}

static void
send_fire(void *arg)
{
	struct ping_run	*r = arg;
	struct l2c_wbuf	 w;
	uint8_t		 payload[L2C_ETH_MAXLEN], frame[L2C_ETH_MAXLEN + 64];
	int		 rv;

	r->seq++;
	seen_clear(r, r->seq);
	l2c_ping_payload(payload, r->size, r->cookie, r->seq, l2c_now_us());
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if ((rv = r->proto->build(&w, r->u.link->mac, r->dst,
	    (uint16_t)r->seq, payload, r->size)) != 0 ||
	    (rv = l2c_link_send(r->u.link, frame, w.len)) != 0) {
		if (r->send_warned++ == 0)
			l2c_say("cannot send on %s: %s", r->u.link->ifname,
			    l2c_strerror(rv));
	} else
		r->st.tx++;
	if (r->count == 0 || r->seq < r->count)
		l2c_timer_arm(r->u.loop, &r->t_send, r->interval_us);
	else
		l2c_timer_arm(r->u.loop, &r->t_end, r->wait_us);
}

static void
on_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct ping_run		*r = arg;
	struct l2c_ping_reply	 rep;
	enum l2c_ping_verdict	 v;
	char			 mac[L2C_MAC_STRLEN], note[96];
	uint32_t		 seq = 0;
	uint64_t		 t = 0, rtt = 0;
	size_t			 bad;
	int			 dup = 0;

	if (r->proto->parse(pkt, r->u.link->mac, &rep) != 0)
		return;
	/* A station's own echo of someone else's ping is not for us. */
	if (!r->assistant && memcmp(rep.from, r->dst, L2C_ETH_ALEN) != 0)
		return;
	v = l2c_ping_check(rep.data, rep.len, r->size, r->cookie, &seq, &t,
	    &bad);
	if (v == L2C_PING_FOREIGN) {
		l2c_debug("ping: a reply that is not ours from %s",
		    l2c_mac_fmt(rep.from, mac, sizeof(mac)));
		return;
	}
	/* The wire's own sequence (MOP receipt) must agree with ours. */
	if (v == L2C_PING_GOOD && rep.seq >= 0 &&
	    (uint16_t)rep.seq != (uint16_t)seq) {
		v = L2C_PING_CORRUPT;
		bad = 0;
	}
	if (v == L2C_PING_GOOD && (seq == 0 || seq > r->seq || t > pkt->ts_us))
		v = L2C_PING_CORRUPT;
	note[0] = '\0';
	if (v == L2C_PING_CORRUPT) {
		r->st.corrupt++;
		if (rep.len < r->size)
			snprintf(note, sizeof(note), " (CORRUPT: %zu bytes, "
			    "not %zu)", rep.len, r->size);
		else
			snprintf(note, sizeof(note), " (CORRUPT: byte %zu "
			    "differs)", bad);
		if (seq == 0 || seq > r->seq)
			seq = 0;
	}
	if (seq != 0 && seen_test_set(r, seq)) {
		dup = 1;
		r->st.dup++;
	} else
		r->st.rx++;
	if (v == L2C_PING_GOOD && !dup) {
		rtt = pkt->ts_us - t;
		l2c_ping_stats_rtt(&r->st, rtt);
	} else if (v == L2C_PING_GOOD)
		rtt = pkt->ts_us - t;
	if (!l2c_opts.quiet) {
		printf("%zu bytes from %s: seq=%u",
		    rep.len < r->size ? rep.len : r->size,
		    l2c_mac_fmt(rep.from, mac, sizeof(mac)), seq);
		if (v == L2C_PING_GOOD)
			printf(" time=%.3f ms", (double)rtt / 1000.0);
		printf("%s%s\n", dup ? " (DUP!)" : "", note);
		fflush(stdout);
	}
	maybe_done(r);
}

static void
summary(const struct ping_run *r)
{
	double	avg, mdev;

	printf("\n--- %s %s statistics ---\n", r->target, r->proto->name);
	printf("%llu packets transmitted, %llu received",
	    (unsigned long long)r->st.tx, (unsigned long long)r->st.rx);
	if (r->st.dup > 0)
		printf(", +%llu duplicates", (unsigned long long)r->st.dup);
	if (r->st.corrupt > 0)
		printf(", %llu corrupt", (unsigned long long)r->st.corrupt);
	printf(", %.4g%% packet loss, time %llums\n",
	    l2c_ping_stats_loss(&r->st),
	    (unsigned long long)((l2c_now_us() - r->start_us) / 1000));
	if (r->st.nrtt > 0) {
		l2c_ping_stats_avg(&r->st, &avg, &mdev);
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		    (double)r->st.min_us / 1000, avg / 1000,
		    (double)r->st.max_us / 1000, mdev / 1000);
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
void
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

int
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
	const struct l2c_cmd	*c = l2c_cmd_find(argv[0]);
	struct ping_run		*r;
	char			 mac[L2C_MAC_STRLEN];
	uint64_t		 size = PING_SIZE_DEFAULT;
	int			 ch, rv, ex;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		l2c_say("out of memory");
		return L2C_EX_SOFTWARE;
	}
	r->proto = &mt_ping_proto;
	r->interval_us = L2C_SEC(1);
	r->wait_us = L2C_SEC(2);
	while ((ch = getopt_long(argc, argv, "c:i:s:W:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (parse_count(optarg, &r->count, 1, UINT32_MAX) !=
			    0) {
				ex = l2c_usage_error(c, "-c wants a count "
				    "(> 0), not \"%s\"", optarg);
				goto out;
			}
			break;
		case 'i':
			if (l2c_cmd_seconds(optarg, 1, &r->interval_us) != 0 ||
			    r->interval_us < PING_INTERVAL_MIN) {
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
			if (l2c_cmd_seconds(optarg, 1, &r->wait_us) != 0) {
				ex = l2c_usage_error(c, "-W wants seconds, "
				    "not \"%s\"", optarg);
				goto out;
			}
			break;
		case 'm':
			r->proto = &mop_loop_ping_proto;
			break;
		case 'h':
			ex = l2c_cmd_help(c);
			goto out;
		default:
			ex = l2c_usage_error(c, "unknown option");
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
	if (size > r->proto->max_payload) {
		ex = l2c_usage_error(c, "-s: at most %zu bytes fit in a %s",
		    r->proto->max_payload, r->proto->name);
		goto out;
	}
	r->size = (size_t)size;
	r->target = argv[optind + 1];
	if (r->proto == &mop_loop_ping_proto &&
	    strcmp(r->target, "assistant") == 0) {
		r->assistant = 1;
		memcpy(r->dst, mop_mcast_loop, L2C_ETH_ALEN);
	} else if (l2c_station_parse(r->target, r->dst) != 0) {
		ex = l2c_usage_error(c, "\"%s\" " L2C_STATION_UNKNOWN,
		    r->target);
		goto out;
	}
	r->cookie = (uint32_t)l2c_random_cookie();

	if ((ex = l2c_ui_open_session(argv[optind], &r->u)) != 0)
		goto out;
	if ((rv = l2c_ctx_listen(&r->u.ctx, r->proto->filter, on_rx, r)) < 0 ||
	    (rv = l2c_ui_stop_on_signals(&r->u)) != 0) {
		l2c_say("cannot start: %s", l2c_strerror(rv));
		ex = L2C_EX_SOFTWARE;
		goto out;
	}
	l2c_timer_init(&r->t_send, send_fire, r);
	l2c_timer_init(&r->t_end, l2c_ui_stop, &r->u);
	if (!l2c_opts.quiet) {
		printf("PING %s", r->target);
		if (strcmp(r->target, l2c_mac_fmt(r->dst, mac, sizeof(mac))))
			printf(" (%s)", mac);
		printf(" by %s on %s: %zu data bytes\n", r->proto->name,
		    r->u.link->ifname, r->size);
		fflush(stdout);
	}
	r->start_us = l2c_now_us();
	send_fire(r);
	(void)l2c_loop_run(r->u.loop);
	summary(r);
	ex = r->st.rx > 0 ? L2C_EX_OK : L2C_EX_NONE;
out:
	l2c_timer_cancel(r->u.loop, &r->t_send);
	l2c_timer_cancel(r->u.loop, &r->t_end);
	l2c_ui_close(&r->u);
	free(r);
	return ex;
}
