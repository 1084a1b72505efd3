/* SPDX-License-Identifier: ISC */
/*
 * Paced input (console_int.h): a paste (more than one line in one read)
 * and a file sent with ^] s go out line by line through the pacer
 * (core/pace.h).  Order is kept: while a paste is under way, what is
 * typed queues behind it; while a file is read, typed bytes wait in the
 * console's input buffer until the whole file is queued.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/loop.h"
#include "ui/console/console_int.h"

#define FILE_CHUNK	4096

int
l2c_con_paste_init(struct l2c_console *c)
{
	struct l2c_pace_conf	pc;
	int			wait = c->opts.paste_wait;

	c->file_fd = -1;
	if (wait == L2C_PASTE_AUTO)
		wait = c->interactive || c->opts.line_delay_us > 0 ?
		    L2C_PACE_ECHO : L2C_PACE_OFF;
	/* Off for pastes; a file still goes line by line, at the delay. */
	c->pacing = wait != L2C_PACE_OFF;
	memset(&pc, 0, sizeof(pc));
	pc.wait = wait == L2C_PACE_OFF ? L2C_PACE_DELAY : wait;
	pc.delay_us = wait == L2C_PACE_DELAY ? c->opts.paste_delay_us :
	    c->opts.line_delay_us;
	return l2c_pace_init(&c->pace, &pc, PACE_QUEUE);
}

void
l2c_con_paste_free(struct l2c_console *c)
{
	if (c->file_fd >= 0)
		close(c->file_fd);
	c->file_fd = -1;
	l2c_pace_free(&c->pace);
}

int
l2c_con_paste_busy(const struct l2c_console *c)
{
	return c->sending || l2c_pace_busy(&c->pace);
}

int
l2c_con_paste_wanted(const struct l2c_console *c, const uint8_t *p,
    size_t n)
{
	size_t	i;

	if (l2c_con_paste_busy(c))
		return 1;
	if (!c->pacing)
		return 0;
	/* A line end with more after it: more than one line at once. */
	for (i = 0; i + 1 < n; i++)
		if ((p[i] == '\r' || p[i] == '\n') &&
		    !(p[i] == '\r' && p[i + 1] == '\n' && i + 2 == n))
			return 1;
	return 0;
}

/*
 * A file's lines end as typed lines do, with a bare CR (RouterOS takes
 * no LF as Enter; IOS takes either): LF and CR LF become CR, in place.
 */
static size_t
file_eol(struct l2c_console *c, uint8_t *b, size_t n)
{
	size_t	i, o = 0;

	for (i = 0; i < n; i++) {
		if (b[i] == '\n' && c->file_cr) {
			c->file_cr = 0;
			continue;
		}
		c->file_cr = b[i] == '\r';
		b[o++] = b[i] == '\n' ? '\r' : b[i];
	}
	return o;
}

/* What waits goes into the pacer: the file first, else typed input. */
static void
fill(struct l2c_console *c)
{
	uint8_t	buf[FILE_CHUNK];
	size_t	room, taken;
	ssize_t	n;

	if (!l2c_pace_busy(&c->pace) && !c->pasting && !c->sending) {
		l2c_pace_reset_stats(&c->pace);
		c->pasting = 1;
	}
	while (c->file_fd >= 0 && (room = l2c_pace_room(&c->pace)) > 0) {
		n = read(c->file_fd, buf, room < sizeof(buf) ? room :
		    sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				l2c_con_say(c, "%s: %s", c->file_name,
				    strerror(errno));
			close(c->file_fd);
			c->file_fd = -1;
			break;
		}
		n = (ssize_t)file_eol(c, buf, (size_t)n);
		(void)l2c_pace_put(&c->pace, buf, (size_t)n);
	}
	if (c->file_fd >= 0 || c->inlen == 0)
		return;
	taken = l2c_pace_put(&c->pace, c->in, c->inlen);
	memmove(c->in, c->in + taken, c->inlen - taken);
	c->inlen -= taken;
}

/* The pacer has gone idle: the end of a paste or of a file. */
static void
finished(struct l2c_console *c)
{
	struct l2c_pace	*p = &c->pace;
	double		 secs;

	if (c->sending) {
		secs = (double)(l2c_now_us() - c->file_start) / 1e6;
		l2c_con_say(c, "sent %s: %llu lines, %llu bytes in %.1f s%s",
		    c->file_name, (unsigned long long)p->lines,
		    (unsigned long long)p->bytes, secs, p->unconfirmed ?
		    " (some lines without an echo in time)" : "");
	} else if (c->pasting && p->unconfirmed > 0)
		l2c_con_say(c, "paste: %llu of %llu lines without an echo or "
		    "prompt in time", (unsigned long long)p->unconfirmed,
		    (unsigned long long)p->lines);
	c->sending = c->pasting = 0;
}

int
l2c_con_paste_pump(struct l2c_console *c, uint64_t *deadline)
{
	const uint8_t	*p;
	uint64_t	 now = l2c_now_us();
	size_t		 n;
	int		 taken;

	*deadline = 0;
	fill(c);
	while ((n = l2c_pace_next(&c->pace, now, &p)) > 0) {
		if ((taken = l2c_con_offer(c, p, n)) < 0)
			return taken;
		l2c_pace_sent(&c->pace, (size_t)taken, now);
		if ((size_t)taken < n)
			break;		/* the session is full: WRITABLE */
		fill(c);
	}
	*deadline = l2c_pace_deadline(&c->pace);
	if (!l2c_pace_busy(&c->pace) && c->file_fd < 0 && c->inlen == 0)
		finished(c);
	return 0;
}

void
l2c_con_paste_stop(struct l2c_console *c, const char *why)
{
	l2c_pace_stop(&c->pace);
	if (c->file_fd >= 0)
		close(c->file_fd);
	c->file_fd = -1;
	explicit_bzero(c->in, c->inlen);
	c->inlen = 0;
	l2c_con_say(c, "%s %s stopped after %llu lines, %llu bytes", why,
	    c->sending ? c->file_name : "paste",
	    (unsigned long long)c->pace.lines,
	    (unsigned long long)c->pace.bytes);
	c->sending = c->pasting = 0;
}

int
l2c_con_send_start(struct l2c_console *c, const char *path)
{
	struct stat	st;
	int		fd;

	if (l2c_con_paste_busy(c)) {
		l2c_con_say(c, "still sending: ^C stops it");
		return L2C_ERR_BUSY;
	}
	if (path[0] == '\0')
		return L2C_ERR_INVAL;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
		l2c_con_say(c, "cannot send %s: %s", path, strerror(errno));
		return L2C_ERR_SYS;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		l2c_con_say(c, "cannot send %s: not a regular file", path);
		close(fd);
		return L2C_ERR_INVAL;
	}
	c->file_fd = fd;
	c->file_cr = 0;
	snprintf(c->file_name, sizeof(c->file_name), "%s", path);
	c->file_size = (uint64_t)st.st_size;
	c->file_start = l2c_now_us();
	c->sending = 1;
	c->pasting = 0;
	l2c_pace_reset_stats(&c->pace);
	l2c_con_say(c, "sending %s, %llu bytes, line by line; ^C stops it",
	    path, (unsigned long long)c->file_size);
	return 0;
}

void
l2c_con_send_progress(struct l2c_console *c)
{
	struct l2c_pace	*p = &c->pace;
	uint64_t	 el = l2c_now_us() - c->file_start, left, eta = 0;

	if (!c->sending)
		return;
	left = c->file_size > p->bytes ? c->file_size - p->bytes : 0;
	if (p->bytes > 0)
		eta = (uint64_t)((double)el / 1e6 * (double)left /
		    (double)p->bytes + 0.5);
	l2c_con_say(c, "sending %s: %llu lines, %llu of %llu bytes, "
	    "ETA %llu s", c->file_name, (unsigned long long)p->lines,
	    (unsigned long long)p->bytes, (unsigned long long)c->file_size,
	    (unsigned long long)eta);
}
