/* SPDX-License-Identifier: ISC */
/*
 * Line pacing (pace.h): one line out, then its confirmation or the
 * bound, then the next.  The echo is matched as a subsequence of the
 * output, so a line editor's colours and redraws between the echoed
 * characters do not hide it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/pace.h"

int
l2c_pace_init(struct l2c_pace *p, const struct l2c_pace_conf *conf,
    size_t cap)
{
	memset(p, 0, sizeof(*p));
	p->conf = *conf;
	if (p->conf.bound_us == 0)
		p->conf.bound_us = L2C_PACE_BOUND;
	return l2c_inputq_init(&p->q, cap);
}

void
l2c_pace_free(struct l2c_pace *p)
{
	l2c_inputq_free(&p->q);
	explicit_bzero(p->want, sizeof(p->want));
}

size_t
l2c_pace_put(struct l2c_pace *p, const uint8_t *b, size_t n)
{
	return l2c_inputq_put(&p->q, b, n);
}

int
l2c_pace_busy(const struct l2c_pace *p)
{
	return p->q.len > 0 || (p->waiting && !p->done);
}

size_t
l2c_pace_room(const struct l2c_pace *p)
{
	return p->q.cap - p->q.len;
}

/* The line at the queue's head: up to CR, LF or CR LF, or a piece. */
static void
pick(struct l2c_pace *p)
{
	const uint8_t	*b = p->q.buf;
	size_t		 i, max = p->q.len;

	if (max > L2C_PACE_LINE_MAX)
		max = L2C_PACE_LINE_MAX;
	p->ended = 0;
	for (i = 0; i < max; i++)
		if (b[i] == '\r' || b[i] == '\n') {
			p->ended = 1;
			break;
		}
	p->line = p->ended ? i + 1 : max;
	if (p->ended && b[i] == '\r' && i + 1 < p->q.len && b[i + 1] == '\n')
		p->line++;
	p->wantlen = 0;
	for (i = 0; i < p->line; i++)
		if (b[i] >= 0x20 && b[i] != 0x7f)
			p->want[p->wantlen++] = b[i];
	p->matched = 0;
	p->broke = 0;
	p->done = 0;
	p->taillen = 0;
}

size_t
l2c_pace_next(struct l2c_pace *p, uint64_t now, const uint8_t **out)
{
	*out = NULL;
	if (p->waiting && !p->done) {
		if (now < p->deadline)
			return 0;
		if (p->conf.wait != L2C_PACE_DELAY) {
			p->unconfirmed++;
			p->fallback = 1;
		}
	}
	p->waiting = 0;
	if (p->q.len == 0)
		return 0;
	if (p->line == 0)
		pick(p);
	*out = p->q.buf;
	return p->line;
}

void
l2c_pace_sent(struct l2c_pace *p, size_t n, uint64_t now)
{
	uint64_t	wait;

	if (n > p->line)
		n = p->line;
	l2c_inputq_drop(&p->q, n);
	p->bytes += n;
	p->line -= n;
	if (p->line > 0 || n == 0)
		return;
	if (!p->ended)
		return;		/* a piece of a long line: no one confirms it */
	p->lines++;
	if (p->done)
		return;		/* echoed while it was still going out */
	if (p->conf.wait == L2C_PACE_DELAY)
		wait = p->conf.delay_us;
	else if (p->fallback)
		wait = p->conf.delay_us ? p->conf.delay_us : L2C_PACE_FALLBACK;
	else
		wait = p->conf.bound_us;
	p->waiting = 1;
	p->deadline = now + wait;
}

/* The text since the last line break ends like a prompt ("> ", "#"). */
static int
prompt_tail(const struct l2c_pace *p)
{
	size_t	n = p->taillen;

	if (n > 0 && p->tail[n - 1] == ' ')
		n--;
	return n > 0 && strchr("#>$%:]", p->tail[n - 1]) != NULL;
}

void
l2c_pace_output(struct l2c_pace *p, const uint8_t *b, size_t n)
{
	size_t	i;

	if ((p->line == 0 && !p->waiting) || p->done ||
	    p->conf.wait == L2C_PACE_DELAY)
		return;
	for (i = 0; i < n; i++) {
		if (p->conf.wait == L2C_PACE_ECHO) {
			if (p->matched < p->wantlen) {
				if (b[i] == p->want[p->matched])
					p->matched++;
			} else if (b[i] == '\r' || b[i] == '\n')
				p->done = 1;
			continue;
		}
		if (b[i] == '\r' || b[i] == '\n') {
			p->broke = 1;
			p->taillen = 0;
			continue;
		}
		if (p->taillen == sizeof(p->tail)) {
			memmove(p->tail, p->tail + 1, sizeof(p->tail) - 1);
			p->taillen--;
		}
		p->tail[p->taillen++] = (char)b[i];
	}
	if (p->conf.wait == L2C_PACE_PROMPT && p->broke && prompt_tail(p))
		p->done = 1;
	if (p->done)
		p->fallback = 0;
}

uint64_t
l2c_pace_deadline(const struct l2c_pace *p)
{
	return p->waiting && !p->done ? p->deadline : 0;
}

void
l2c_pace_stop(struct l2c_pace *p)
{
	l2c_inputq_drop(&p->q, p->q.len);
	p->line = 0;
	p->waiting = 0;
	p->done = 0;
}

void
l2c_pace_reset_stats(struct l2c_pace *p)
{
	p->lines = p->bytes = p->unconfirmed = 0;
}

int
l2c_pace_parse(const char *s, int *wait, uint64_t *delay_us)
{
	char		*end;
	unsigned long	 ms;

	if (strcmp(s, "echo") == 0)
		*wait = L2C_PACE_ECHO;
	else if (strcmp(s, "prompt") == 0)
		*wait = L2C_PACE_PROMPT;
	else if (strcmp(s, "none") == 0)
		*wait = L2C_PACE_OFF;
	else {
		if (s[0] < '0' || s[0] > '9')
			return L2C_ERR_INVAL;
		ms = strtoul(s, &end, 10);
		if (*end != '\0' || ms > 60000)
			return L2C_ERR_INVAL;
		*wait = L2C_PACE_DELAY;
		*delay_us = (uint64_t)ms * 1000;
	}
	return 0;
}
