/* SPDX-License-Identifier: ISC */
/* The scan schedule (scan_sched.h): rounds on one timer, stations on another. */
#include <string.h>

#include "log.h"
#include "scan_sched.h"

static void
failed(struct l2c_scan_sched *s, int rv)
{
	if (s->send_error != NULL)
		s->send_error(s->arg, rv);
}

/* Listed stations, a batch per tick. */
static void
pace_fire(void *arg)
{
	struct l2c_scan_sched	*s = arg;
	size_t			 i;
	int			 rv;

	for (i = 0; i < L2C_SCHED_PACE_BATCH && s->next < s->nstations; i++)
		if ((rv = l2c_scan_probe_station(s->scan,
		    s->stations[s->next++])) != 0)
			failed(s, rv);
	if (s->next < s->nstations)
		l2c_timer_arm(s->scan->ctx->loop, &s->t_pace,
		    L2C_SCHED_PACE_TICK_US);
}

static void
round_fire(void *arg)
{
	struct l2c_scan_sched	*s = arg;
	int			 rv;

	l2c_debug("scan: probe round %u", s->round);
	if ((rv = l2c_scan_probe(s->scan, s->round)) != 0)
		failed(s, rv);
	s->next = 0;
	if (s->nstations > 0)
		pace_fire(s);
	s->round++;
	if (s->round == 1)
		l2c_timer_arm(s->scan->ctx->loop, &s->t_round, s->round2_us);
	else if (s->reprobe_us != 0)
		l2c_timer_arm(s->scan->ctx->loop, &s->t_round, s->reprobe_us);
	else
		l2c_timer_cancel(s->scan->ctx->loop, &s->t_round);
}

void
l2c_scan_sched_init(struct l2c_scan_sched *s, struct l2c_scan *scan)
{
	memset(s, 0, sizeof(*s));
	s->scan = scan;
	s->round2_us = L2C_SCHED_ROUND2_US;
	s->reprobe_us = L2C_SCHED_REPROBE_US;
	l2c_timer_init(&s->t_round, round_fire, s);
	l2c_timer_init(&s->t_pace, pace_fire, s);
}

void
l2c_scan_sched_now(struct l2c_scan_sched *s, int restart)
{
	if (restart)
		s->round = 0;
	round_fire(s);
}

void
l2c_scan_sched_stop(struct l2c_scan_sched *s)
{
	if (s->scan == NULL || s->scan->ctx == NULL)
		return;
	l2c_timer_cancel(s->scan->ctx->loop, &s->t_round);
	l2c_timer_cancel(s->scan->ctx->loop, &s->t_pace);
}
