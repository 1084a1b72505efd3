/* SPDX-License-Identifier: ISC */
/*
 * Lab tool: what a console client did on the wire, counted from a
 * capture (l2console --pcap), so the loss tests report measured
 * retransmissions instead of the program's own claims.
 *   wirestat mikrotik|mop FILE CLIENTMAC
 * prints one line of "name value" pairs:
 *   mikrotik: starts data rtx acks ackre sdata sdup sgaps sgapbytes
 *   mop:      polls rtx sresp sdup wait_ms
 *   both:     frames (all in the file), quiet_ms (the longest time
 *             without any frame)
 * rtx: client DATA with a counter sent before, or a poll repeating the
 * previous poll's message number; ackre: client ACKs with a counter
 * acked before (resends, keepalives included); sdup/sgaps: the server's
 * DATA seen twice or after a hole, or a response repeating the number
 * it acknowledged last; wait_ms: the longest time from a poll's first
 * sending to its answer, or to the end of the capture if none came (how
 * long output stalled on loss).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "core/buf.h"
#include "core/frame.h"
#include "mac/mt_proto.h"
#include "mop/mop_proto.h"

#define SETSZ	(1u << 17)

struct set {
	uint32_t	*v;
	uint8_t		*used;
};

struct stats {
	uint64_t	starts, data, rtx, acks, ackre;
	uint64_t	sdata, sdup, sgaps, sgapbytes;
	uint64_t	polls, sresp;
	uint64_t	pollfirst, wait;	/* µs */
	uint32_t	expect;
	int		have, lastpoll, lastresp, answered;
	struct set	cdata, cacks, sdat;
};

/* Add c; returns 1 if it was there already. */
static int
set_add(struct set *s, uint32_t c)
{
	uint32_t	i = (c * 2654435761u) & (SETSZ - 1);

	while (s->used[i]) {
		if (s->v[i] == c)
			return 1;
		i = (i + 1) & (SETSZ - 1);
	}
	s->used[i] = 1;
	s->v[i] = c;
	return 0;
}

static int
set_init(struct set *s)
{
	s->v = calloc(SETSZ, sizeof(*s->v));
	s->used = calloc(SETSZ, 1);
	return s->v != NULL && s->used != NULL ? 0 : -1;
}

static void
set_free(struct set *s)
{
	free(s->v);
	free(s->used);
}

static void
mikrotik(struct stats *st, const struct l2c_pkt *pkt, int fromc)
{
	struct l2c_rbuf	r;
	struct mt_hdr	h;
	uint32_t	plen;

	if (!pkt->udp_ok || (fromc && pkt->dport != MT_PORT) ||
	    (!fromc && pkt->sport != MT_PORT))
		return;
	l2c_rbuf_init(&r, pkt->udata, pkt->ulen);
	if (mt_hdr_parse(&r, fromc ? MT_C2S : MT_S2C, &h) != 0)
		return;
	plen = (uint32_t)l2c_rbuf_left(&r);
	if (fromc) {
		if (h.type == MT_PT_START)
			st->starts++;
		else if (h.type == MT_PT_DATA) {
			st->data++;
			st->rtx += (uint64_t)set_add(&st->cdata, h.counter);
		} else if (h.type == MT_PT_ACK) {
			st->acks++;
			st->ackre += (uint64_t)set_add(&st->cacks, h.counter);
		}
		return;
	}
	if (h.type != MT_PT_DATA)
		return;
	st->sdata++;
	if (set_add(&st->sdat, h.counter)) {
		st->sdup++;
		return;
	}
	if (st->have && (int32_t)(h.counter - st->expect) > 0) {
		st->sgaps++;
		st->sgapbytes += h.counter - st->expect;
	}
	if (!st->have || (int32_t)(h.counter + plen - st->expect) > 0)
		st->expect = h.counter + plen;
	st->have = 1;
}

static void
mop(struct stats *st, const struct l2c_pkt *pkt, int fromc, uint64_t t)
{
	struct mop_msg	m;
	int		num;

	if (mop_parse_pkt(pkt, &m) != 0)
		return;
	if (fromc && m.code == MOP_COMMAND) {
		num = m.u.con.flags & MOP_CMD_MSGNUM;
		st->polls++;
		if (num == st->lastpoll)
			st->rtx++;
		else {
			st->pollfirst = t;
			st->answered = 0;
		}
		st->lastpoll = num;
	} else if (!fromc && m.code == MOP_RESPONSE) {
		num = m.u.con.flags & MOP_RSP_ACK;
		st->sresp++;
		if (num == st->lastresp)
			st->sdup++;
		st->lastresp = num;
		if (num == st->lastpoll && !st->answered) {
			st->answered = 1;
			if (t - st->pollfirst > st->wait)
				st->wait = t - st->pollfirst;
		}
	}
}

int
main(int argc, char **argv)
{
	char			 errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*ph;
	const u_char		*p;
	pcap_t			*pc;
	struct l2c_pkt		 pkt;
	struct stats		 st;
	uint8_t			 cmac[L2C_ETH_ALEN];
	uint64_t		 t, last = 0, quiet = 0, n = 0;
	int			 ismop;

	if (argc != 4 || (strcmp(argv[1], "mikrotik") != 0 &&
	    strcmp(argv[1], "mop") != 0) || l2c_mac_parse(argv[3], cmac) != 0) {
		fprintf(stderr, "usage: wirestat mikrotik|mop FILE CLIENTMAC\n");
		return 64;
	}
	ismop = strcmp(argv[1], "mop") == 0;
	if ((pc = pcap_open_offline(argv[2], errbuf)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[2], errbuf);
		return 66;
	}
	memset(&st, 0, sizeof(st));
	st.lastpoll = st.lastresp = -1;
	if (set_init(&st.cdata) != 0 || set_init(&st.cacks) != 0 ||
	    set_init(&st.sdat) != 0)
		return 71;
	while (pcap_next_ex(pc, &ph, &p) == 1) {
		t = (uint64_t)ph->ts.tv_sec * 1000000 + (uint64_t)ph->ts.tv_usec;
		if (n++ > 0 && t - last > quiet)
			quiet = t - last;
		last = t;
		if (l2c_frame_parse(p, ph->caplen, &pkt) != 0)
			continue;
		if (ismop)
			mop(&st, &pkt, memcmp(pkt.src, cmac, sizeof(cmac)) == 0,
			    t);
		else
			mikrotik(&st, &pkt,
			    memcmp(pkt.src, cmac, sizeof(cmac)) == 0);
	}
	pcap_close(pc);
	if (st.polls > 0 && !st.answered && last - st.pollfirst > st.wait)
		st.wait = last - st.pollfirst;
	if (ismop)
		printf("polls %llu rtx %llu sresp %llu sdup %llu wait_ms %llu",
		    (unsigned long long)st.polls, (unsigned long long)st.rtx,
		    (unsigned long long)st.sresp, (unsigned long long)st.sdup,
		    (unsigned long long)(st.wait / 1000));
	else
		printf("starts %llu data %llu rtx %llu acks %llu ackre %llu "
		    "sdata %llu sdup %llu sgaps %llu sgapbytes %llu",
		    (unsigned long long)st.starts, (unsigned long long)st.data,
		    (unsigned long long)st.rtx, (unsigned long long)st.acks,
		    (unsigned long long)st.ackre, (unsigned long long)st.sdata,
		    (unsigned long long)st.sdup, (unsigned long long)st.sgaps,
		    (unsigned long long)st.sgapbytes);
	printf(" frames %llu quiet_ms %llu\n", (unsigned long long)n,
	    (unsigned long long)(quiet / 1000));
	set_free(&st.cdata);
	set_free(&st.cacks);
	set_free(&st.sdat);
	return 0;
}
