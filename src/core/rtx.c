/* SPDX-License-Identifier: ISC */
/*
 * Retransmission schedules and the smoothed round trip (see rtx.h): the
 * one engine behind the MAC-Telnet client and server and the MOP client.
 */
#include "core/loop.h"
#include "core/rtx.h"

const uint16_t l2c_rtx_ref_ms[9] = { 15, 20, 30, 50, 90, 170, 330, 660, 1000 };

/* The sum of a table, in µs. */
static uint64_t
table_us(const struct l2c_rtx_conf *c)
{
	uint64_t	sum = 0;
	size_t		i;

	for (i = 0; i < c->nsched; i++)
		sum += L2C_MS(c->sched_ms[i]);
	return sum;
}

/* A budget at or below the table's sum squeezes it. */
static int
squeezed(const struct l2c_rtx_conf *c)
{
	return c->budget_us != 0 && c->budget_us <= table_us(c);
}

/* Table: the wait before resend k+1 (µs), never under 1 ms. */
static uint64_t
table_interval(const struct l2c_rtx_conf *c, unsigned k)
{
	uint64_t	iv;

	iv = L2C_MS(c->sched_ms[k < c->nsched ? k : c->nsched - 1]);
	if (squeezed(c))
		iv = k < c->nsched ? iv * c->budget_us / table_us(c) :
		    L2C_MS(1);
	return iv < L2C_MS(1) ? L2C_MS(1) : iv;
}

/* The next look, capped by the budget left and the deadline. */
static uint64_t
due_at(const struct l2c_rtx *x, uint64_t now)
{
	const struct l2c_rtx_conf	*c = x->conf;
	uint64_t			 iv, due;

	if (c->sched_ms != NULL) {
		iv = table_interval(c, x->k);
		if (c->budget_us != 0 && iv > c->budget_us - x->elapsed)
			iv = c->budget_us - x->elapsed;
	} else
		iv = x->rto;
	due = now + iv;
	return x->deadline != 0 && x->deadline < due ? x->deadline : due;
}

uint64_t
l2c_rtx_base_rto(const struct l2c_rtx *x)
{
	uint64_t	rto = x->srtt * 3;

	if (rto < x->conf->rto_min_us)
		rto = x->conf->rto_min_us;
	return rto > x->conf->rto_max_us ? x->conf->rto_max_us : rto;
}

uint64_t
l2c_rtx_start(struct l2c_rtx *x, const struct l2c_rtx_conf *c, uint64_t now,
    uint64_t deadline)
{
	x->conf = c;
	x->k = 0;
	x->elapsed = 0;
	x->sent_at = now;
	x->deadline = deadline;
	if (c->sched_ms == NULL)
		x->rto = l2c_rtx_base_rto(x);
	return due_at(x, now);
}

uint64_t
l2c_rtx_rearm(struct l2c_rtx *x, uint64_t now)
{
	return due_at(x, now);
}

int
l2c_rtx_fire(struct l2c_rtx *x, uint64_t now, uint64_t *due)
{
	const struct l2c_rtx_conf	*c = x->conf;

	if (x->deadline != 0 && now >= x->deadline)
		return 0;
	if (c->max_resends != 0 && x->k >= c->max_resends)
		return 0;
	if (c->sched_ms != NULL) {
		x->elapsed += table_interval(c, x->k);
		/* Squeezed intervals round down: the table's end is the end. */
		if ((c->budget_us != 0 && x->elapsed >= c->budget_us) ||
		    (squeezed(c) && x->k + 1 >= c->nsched))
			return 0;
	} else
		x->rto = x->rto * 2 > c->rto_max_us ? c->rto_max_us :
		    x->rto * 2;
	x->k++;
	*due = due_at(x, now);
	return 1;
}

void
l2c_rtx_sample(struct l2c_rtx *x, uint64_t us)
{
	x->srtt = x->srtt == 0 ? us : (7 * x->srtt + us) / 8;
}

void
l2c_rtx_ack(struct l2c_rtx *x, uint64_t now)
{
	if (x->k == 0)
		l2c_rtx_sample(x, now - x->sent_at);
	if (x->conf != NULL && x->conf->sched_ms == NULL)
		x->rto = l2c_rtx_base_rto(x);
}

int
l2c_rtx_resent(const struct l2c_rtx *x)
{
	return x->k > 0;
}
