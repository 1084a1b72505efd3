/* SPDX-License-Identifier: ISC */
/*
 * `p` on the neighbor table: a few pings to the selected device with
 * the ping runner `l2console ping` uses, with the row the registry
 * picks for it, summed up in the status line.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/ping.h"
#include "core/ping_run.h"
#include "ui/tui/tui_int.h"

#define PING_COUNT	3
#define PING_GAP_US	L2C_MS(200)
#define PING_WAIT_US	L2C_SEC(1)	/* after the last one */
#define PING_PAYLOAD	32

struct tui_ping {
	struct tui			*t;
	const struct l2c_ping_proto	*row;
	struct l2c_pinger		*p;
	char				 name[TUI_NAMELEN];
};

static void
report(struct tui_ping *p, int final)
{
	const struct l2c_ping_stats	*st = l2c_pinger_stats(p->p);
	double				 avg, mdev;

	if (st->nrtt == 0) {
		tui_status(p->t, final ? TA_ERR : TA_NORMAL, "ping %s (%s): "
		    "%llu sent, no reply%s", p->name, p->row->name,
		    (unsigned long long)st->tx, final ? "" : " yet");
		return;
	}
	l2c_ping_stats_avg(st, &avg, &mdev);
	tui_status(p->t, TA_OK, "ping %s (%s): %llu/%llu replies, rtt "
	    "min/avg/max %.2f/%.2f/%.2f ms%s%s", p->name, p->row->name,
	    (unsigned long long)st->rx, (unsigned long long)st->tx,
	    (double)st->min_us / 1000, avg / 1000,
	    (double)st->max_us / 1000,
	    st->dup ? ", duplicates" : "",
	    st->corrupt ? ", corrupt replies" : "");
}

static void
on_echo(void *arg, const struct l2c_ping_echo *e)
{
	(void)e;
	report(arg, 0);
}

static void
on_send_error(void *arg, int rv)
{
	struct tui_ping	*p = arg;

	tui_status(p->t, TA_ERR, "ping %s: %s", p->name, l2c_strerror(rv));
	tui_ping_stop(p->t);
}

static void
on_done(void *arg)
{
	struct tui_ping	*p = arg;

	report(p, 1);
	tui_ping_stop(p->t);
}

/* One pinger at a time: a new `p` replaces the one under way. */
int
tui_ping_start(struct tui *t, const struct l2c_family *fam,
    const uint8_t *mac, const char *name)
{
	struct l2c_ping_conf	 pc;
	struct l2c_ping_cb	 cb;
	struct tui_ping		*p;
	int			 rv;

	tui_ping_stop(t);
	if (fam == NULL || fam->ping == NULL)
		return L2C_ERR_INVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return L2C_ERR_NOMEM;
	p->t = t;
	p->row = fam->ping;
	if (name != NULL && name[0] != '\0')
		snprintf(p->name, sizeof(p->name), "%s", name);
	else
		l2c_mac_fmt(mac, p->name, sizeof(p->name));
	memset(&pc, 0, sizeof(pc));
	pc.proto = fam->ping;
	memcpy(pc.dst, mac, L2C_ETH_ALEN);
	pc.count = PING_COUNT;
	pc.interval_us = PING_GAP_US;
	pc.wait_us = PING_WAIT_US;
	pc.size = PING_PAYLOAD;
	cb = (struct l2c_ping_cb){ on_echo, on_send_error, on_done, p };
	if ((rv = l2c_pinger_new(&t->u.ctx, &pc, &cb, &p->p)) != 0) {
		tui_status(t, TA_ERR, "ping: %s", l2c_strerror(rv));
		free(p);
		return rv;
	}
	t->ping = p;
	tui_status(t, TA_NORMAL, "ping %s (%s)...", p->name, p->row->name);
	l2c_pinger_start(p->p);
	return 0;
}

void
tui_ping_stop(struct tui *t)
{
	struct tui_ping	*p = t->ping;

	if (p == NULL)
		return;
	l2c_pinger_free(p->p);
	free(p);
	t->ping = NULL;
}
