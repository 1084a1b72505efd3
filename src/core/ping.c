/* SPDX-License-Identifier: ISC */
/*
 * The ping payload and statistics.  The fill is a xorshift stream keyed
 * by cookie, sequence and time: recomputing it tells an intact echo from
 * a damaged one, byte by byte, with nothing stored per packet.
 */
#include <math.h>
#include <string.h>

#include "buf.h"
#include "ping.h"

static uint64_t
fill_seed(uint32_t cookie, uint32_t seq, uint64_t t)
{
	uint64_t	x = ((uint64_t)cookie << 32 | seq) ^ (t * 0x9e3779b97f4a7c15ULL);

	return x != 0 ? x : 0x2545f4914f6cdd1dULL;
}

static uint8_t
fill_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint8_t)(*x >> 32);
}

void
l2c_ping_payload(uint8_t *p, size_t len, uint32_t cookie, uint32_t seq,
    uint64_t t)
{
	struct l2c_wbuf	w;
	uint64_t	x = fill_seed(cookie, seq, t);

	l2c_wbuf_init(&w, p, len);
	if (l2c_put_be32(&w, cookie) != 0 || l2c_put_be32(&w, seq) != 0 ||
	    l2c_put_be32(&w, (uint32_t)(t >> 32)) != 0 ||
	    l2c_put_be32(&w, (uint32_t)t) != 0)
		return;
	while (l2c_wbuf_room(&w) > 0)
		(void)l2c_put_u8(&w, fill_next(&x));
}

enum l2c_ping_verdict
l2c_ping_check(const uint8_t *p, size_t len, size_t want, uint32_t cookie,
    uint32_t *seq, uint64_t *t, size_t *bad)
{
	struct l2c_rbuf	r;
	uint32_t	c, hi, lo;
	uint64_t	x;
	uint8_t		b;
	size_t		i;

	*bad = 0;
	l2c_rbuf_init(&r, p, len);
	if (l2c_get_be32(&r, &c) != 0 || c != cookie)
		return L2C_PING_FOREIGN;
	if (l2c_get_be32(&r, seq) != 0 || l2c_get_be32(&r, &hi) != 0 ||
	    l2c_get_be32(&r, &lo) != 0) {
		*bad = len;
		return L2C_PING_CORRUPT;
	}
	*t = (uint64_t)hi << 32 | lo;
	if (len < want) {
		*bad = len;
		return L2C_PING_CORRUPT;
	}
	x = fill_seed(cookie, *seq, *t);
	for (i = L2C_PING_HDR; i < want; i++) {
		if (l2c_get_u8(&r, &b) != 0 || b != fill_next(&x)) {
			*bad = i;
			return L2C_PING_CORRUPT;
		}
	}
	return L2C_PING_GOOD;
}

void
l2c_ping_stats_rtt(struct l2c_ping_stats *s, uint64_t rtt)
{
	if (s->nrtt == 0 || rtt < s->min_us)
		s->min_us = rtt;
	if (rtt > s->max_us)
		s->max_us = rtt;
	s->sum += (double)rtt;
	s->sum2 += (double)rtt * (double)rtt;
	s->nrtt++;
}

void
l2c_ping_stats_avg(const struct l2c_ping_stats *s, double *avg, double *mdev)
{
	double	v;

	*avg = *mdev = 0;
	if (s->nrtt == 0)
		return;
	*avg = s->sum / (double)s->nrtt;
	v = s->sum2 / (double)s->nrtt - *avg * *avg;
	*mdev = v > 0 ? sqrt(v) : 0;
}

double
l2c_ping_stats_loss(const struct l2c_ping_stats *s)
{
	if (s->tx == 0)
		return 0;
	return s->rx >= s->tx ? 0 : 100.0 * (double)(s->tx - s->rx) /
	    (double)s->tx;
}
