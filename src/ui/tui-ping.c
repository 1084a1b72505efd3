/*
 * `p` on the neighbor table: a few pings to the selected device with
 * the ping rows `l2console ping` uses (MAC-Telnet ping for MikroTik,
 * MOP loopback otherwise), summed up in the status line.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/ping.h"
#include "core/random.h"
#include "mac/mt_ping.h"
#include "mop/mop_ping.h"
#include "ui/tui-int.h"

#define PING_COUNT	3
#define PING_GAP_US	L2C_MS(200)
#define PING_WAIT_US	L2C_SEC(1)	/* after the last one */
#define PING_PAYLOAD	32

struct tui_ping {
	struct tui			*t;
	const struct l2c_ping_proto	*row;
	int				 rxid;
	uint8_t				 peer[L2C_ETH_ALEN];
	char				 name[TUI_NAMELEN];
	uint32_t			 cookie;
	uint32_t			 sent;
	uint32_t			 seen;		/* bit per sequence */
	struct l2c_ping_stats		 st;
	struct l2c_timer		 tick;
};

static void
report(struct tui_ping *p, int final)
{
	double	avg, mdev;

	if (p->st.nrtt == 0) {
		tui_status(p->t, final ? TA_ERR : TA_NORMAL, "ping %s (%s): "
		    "%llu sent, no reply%s", p->name, p->row->name,
		    (unsigned long long)p->st.tx, final ? "" : " yet");
		return;
	}
	l2c_ping_stats_avg(&p->st, &avg, &mdev);
	tui_status(p->t, TA_OK, "ping %s (%s): %llu/%llu replies, rtt "
	    "min/avg/max %.2f/%.2f/%.2f ms%s%s", p->name, p->row->name,
	    (unsigned long long)p->st.rx, (unsigned long long)p->st.tx,
	    (double)p->st.min_us / 1000, avg / 1000,
	    (double)p->st.max_us / 1000,
	    p->st.dup ? ", duplicates" : "",
	    p->st.corrupt ? ", corrupt replies" : "");
}

/* A reply from the device we ping, judged by the payload it echoed. */
static void
on_reply(void *arg, const struct l2c_pkt *pkt)
{
	struct tui_ping		*p = arg;
	struct l2c_ping_reply	 r;
	uint64_t		 t_us;
	uint32_t		 seq;
	size_t			 bad;

	if (p->row->parse(pkt, p->t->u.link->mac, &r) != 0 ||
	    memcmp(r.from, p->peer, L2C_ETH_ALEN) != 0)
		return;
	switch (l2c_ping_check(r.data, r.len, PING_PAYLOAD, p->cookie, &seq,
	    &t_us, &bad)) {
	case L2C_PING_GOOD:
		if (seq >= PING_COUNT)
			return;
		if (p->seen & (1u << seq)) {
			p->st.dup++;
			break;
		}
		p->seen |= 1u << seq;
		p->st.rx++;
		l2c_ping_stats_rtt(&p->st, pkt->ts_us > t_us ?
		    pkt->ts_us - t_us : 0);
		break;
	case L2C_PING_CORRUPT:
		p->st.corrupt++;
		break;
	default:
		return;
	}
	report(p, 0);
	/* All back: finish from a timer, not inside the receive path. */
	if (p->st.rx == PING_COUNT)
		l2c_timer_arm(p->t->loop, &p->tick, 0);
}

static void
on_tick(void *arg)
{
	struct tui_ping	*p = arg;
	uint8_t		 frame[L2C_ETH_MAXLEN], pl[PING_PAYLOAD];
	struct l2c_wbuf	 w;
	uint64_t	 now = l2c_now_us();
	int		 rv;

	if (p->sent == PING_COUNT) {
		report(p, 1);
		tui_ping_stop(p->t);
		return;
	}
	l2c_ping_payload(pl, sizeof(pl), p->cookie, p->sent, now);
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if ((rv = p->row->build(&w, p->t->u.link->mac, p->peer,
	    (uint16_t)p->sent, pl, sizeof(pl))) != 0 ||
	    (rv = l2c_link_send(p->t->u.link, frame, w.len)) != 0) {
		tui_status(p->t, TA_ERR, "ping %s: %s", p->name,
		    l2c_strerror(rv));
		tui_ping_stop(p->t);
		return;
	}
	p->sent++;
	p->st.tx++;
	l2c_timer_arm(p->t->loop, &p->tick, p->sent == PING_COUNT ?
	    PING_WAIT_US : PING_GAP_US);
}

/* One pinger at a time: a new `p` replaces the one under way. */
int
tui_ping_start(struct tui *t, enum tui_proto proto, const uint8_t *mac,
    const char *name)
{
	struct tui_ping	*p;
	int		 rv;

	tui_ping_stop(t);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return L2C_ERR_NOMEM;
	p->t = t;
	p->row = proto == TUI_MT ? &mt_ping_proto : &mop_loop_ping_proto;
	memcpy(p->peer, mac, L2C_ETH_ALEN);
	if (name != NULL && name[0] != '\0')
		snprintf(p->name, sizeof(p->name), "%s", name);
	else
		l2c_mac_fmt(mac, p->name, sizeof(p->name));
	p->cookie = (uint32_t)l2c_random_cookie();
	l2c_timer_init(&p->tick, on_tick, p);
	if ((rv = l2c_ctx_listen(&t->u.ctx, p->row->filter, on_reply,
	    p)) < 0) {
		tui_status(t, TA_ERR, "ping: %s", l2c_strerror(rv));
		free(p);
		return rv;
	}
	p->rxid = rv;
	t->ping = p;
	tui_status(t, TA_NORMAL, "ping %s (%s)...", p->name, p->row->name);
	on_tick(p);
	return 0;
}

void
tui_ping_stop(struct tui *t)
{
	struct tui_ping	*p = t->ping;

	if (p == NULL)
		return;
	l2c_timer_cancel(t->loop, &p->tick);
	l2c_ctx_unlisten(&t->u.ctx, p->rxid);
	free(p);
	t->ping = NULL;
}
