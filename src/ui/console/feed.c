/* SPDX-License-Identifier: ISC */
/*
 * Paced input (feed.h), shared by the console and the full-screen UI:
 * a paste and a file go out line by line through the pacer.  A file's
 * lines end as typed lines do; typed bytes wait in the face's buffer
 * until the whole file is queued.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/loop.h"
#include "ui/console/console.h"
#include "ui/console/feed.h"

#define FILE_CHUNK	4096

static void	say(struct l2c_feed *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
say(struct l2c_feed *f, const char *fmt, ...)
{
	char	line[L2C_FEED_NAME + 128];
	va_list	ap;

	if (f->say == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	f->say(f->arg, line);
}

int
l2c_feed_init(struct l2c_feed *f, int wait, uint64_t paste_delay_us,
    uint64_t line_delay_us, int interactive)
{
	struct l2c_pace_conf	pc;

	f->file_fd = -1;
	f->pasting = f->sending = 0;
	if (wait == L2C_PASTE_AUTO)
		wait = interactive || line_delay_us > 0 ? L2C_PACE_ECHO :
		    L2C_PACE_OFF;
	/* Off for pastes; a file still goes line by line, at the delay. */
	f->pacing = wait != L2C_PACE_OFF;
	memset(&pc, 0, sizeof(pc));
	pc.wait = wait == L2C_PACE_OFF ? L2C_PACE_DELAY : wait;
	pc.delay_us = wait == L2C_PACE_DELAY ? paste_delay_us : line_delay_us;
	return l2c_pace_init(&f->pace, &pc, L2C_FEED_QUEUE);
}

void
l2c_feed_free(struct l2c_feed *f)
{
	if (f->file_fd >= 0)
		close(f->file_fd);
	f->file_fd = -1;
	l2c_pace_free(&f->pace);
}

int
l2c_feed_busy(const struct l2c_feed *f)
{
	return f->sending || l2c_pace_busy(&f->pace);
}

int
l2c_feed_wanted(const struct l2c_feed *f, const uint8_t *p, size_t n)
{
	size_t	i;

	if (l2c_feed_busy(f))
		return 1;
	if (!f->pacing)
		return 0;
	/* A line end with more after it: more than one line at once. */
	for (i = 0; i + 1 < n; i++)
		if ((p[i] == '\r' || p[i] == '\n') &&
		    !(p[i] == '\r' && p[i + 1] == '\n' && i + 2 == n))
			return 1;
	return 0;
}

void
l2c_feed_output(struct l2c_feed *f, const uint8_t *p, size_t n)
{
	if (l2c_feed_busy(f))
		l2c_pace_output(&f->pace, p, n);
}

/*
 * A file's lines end as typed lines do, with a bare CR (RouterOS takes
 * no LF as Enter; IOS takes either): LF and CR LF become CR, in place.
 */
static size_t
file_eol(struct l2c_feed *f, uint8_t *b, size_t n)
{
	size_t	i, o = 0;

	for (i = 0; i < n; i++) {
		if (b[i] == '\n' && f->file_cr) {
			f->file_cr = 0;
			continue;
		}
		f->file_cr = b[i] == '\r';
		b[o++] = b[i] == '\n' ? '\r' : b[i];
	}
	return o;
}

/* What waits goes into the pacer: the file first, else typed input. */
static void
fill(struct l2c_feed *f, uint8_t *in, size_t *inlen)
{
	uint8_t	buf[FILE_CHUNK];
	size_t	room, taken;
	ssize_t	n;

	if (!l2c_pace_busy(&f->pace) && !f->pasting && !f->sending) {
		l2c_pace_reset_stats(&f->pace);
		f->pasting = 1;
	}
	while (f->file_fd >= 0 && (room = l2c_pace_room(&f->pace)) > 0) {
		n = read(f->file_fd, buf, room < sizeof(buf) ? room :
		    sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				say(f, "%s: %s", f->file_name,
				    strerror(errno));
			close(f->file_fd);
			f->file_fd = -1;
			break;
		}
		n = (ssize_t)file_eol(f, buf, (size_t)n);
		(void)l2c_pace_put(&f->pace, buf, (size_t)n);
	}
	if (f->file_fd >= 0 || *inlen == 0)
		return;
	taken = l2c_pace_put(&f->pace, in, *inlen);
	memmove(in, in + taken, *inlen - taken);
	*inlen -= taken;
}

/* The pacer has gone idle: the end of a paste or of a file. */
static void
finished(struct l2c_feed *f)
{
	struct l2c_pace	*p = &f->pace;
	double		 secs;

	if (f->sending) {
		secs = (double)(l2c_now_us() - f->file_start) / 1e6;
		say(f, "sent %s: %llu lines, %llu bytes in %.1f s%s",
		    f->file_name, (unsigned long long)p->lines,
		    (unsigned long long)p->bytes, secs, p->unconfirmed ?
		    " (some lines without an echo in time)" : "");
	} else if (f->pasting && p->unconfirmed > 0)
		say(f, "paste: %llu of %llu lines without an echo or "
		    "prompt in time", (unsigned long long)p->unconfirmed,
		    (unsigned long long)p->lines);
	f->sending = f->pasting = 0;
}

int
l2c_feed_pump(struct l2c_feed *f, uint8_t *in, size_t *inlen,
    uint64_t *deadline)
{
	const uint8_t	*p;
	uint64_t	 now = l2c_now_us();
	size_t		 n;
	int		 taken;

	*deadline = 0;
	fill(f, in, inlen);
	while ((n = l2c_pace_next(&f->pace, now, &p)) > 0) {
		if ((taken = f->offer(f->arg, p, n)) < 0)
			return taken;
		l2c_pace_sent(&f->pace, (size_t)taken, now);
		if ((size_t)taken < n)
			break;		/* the session is full: WRITABLE */
		fill(f, in, inlen);
	}
	*deadline = l2c_pace_deadline(&f->pace);
	if (!l2c_pace_busy(&f->pace) && f->file_fd < 0 && *inlen == 0)
		finished(f);
	return 0;
}

void
l2c_feed_stop(struct l2c_feed *f, const char *why)
{
	l2c_pace_stop(&f->pace);
	if (f->file_fd >= 0)
		close(f->file_fd);
	f->file_fd = -1;
	say(f, "%s %s stopped after %llu lines, %llu bytes", why,
	    f->sending ? f->file_name : "paste",
	    (unsigned long long)f->pace.lines,
	    (unsigned long long)f->pace.bytes);
	f->sending = f->pasting = 0;
}

int
l2c_feed_send(struct l2c_feed *f, const char *path, const char *stop)
{
	struct stat	st;
	int		fd;

	if (l2c_feed_busy(f)) {
		say(f, "still sending: %s stops it", stop);
		return L2C_ERR_BUSY;
	}
	if (path[0] == '\0')
		return L2C_ERR_INVAL;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
		say(f, "cannot send %s: %s", path, strerror(errno));
		return L2C_ERR_SYS;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		say(f, "cannot send %s: not a regular file", path);
		close(fd);
		return L2C_ERR_INVAL;
	}
	f->file_fd = fd;
	f->file_cr = 0;
	snprintf(f->file_name, sizeof(f->file_name), "%s", path);
	f->file_size = (uint64_t)st.st_size;
	f->file_start = l2c_now_us();
	f->sending = 1;
	f->pasting = 0;
	l2c_pace_reset_stats(&f->pace);
	say(f, "sending %s, %llu bytes, line by line; %s stops it",
	    path, (unsigned long long)f->file_size, stop);
	return 0;
}

int
l2c_feed_progress(const struct l2c_feed *f, char *buf, size_t len)
{
	const struct l2c_pace	*p = &f->pace;
	uint64_t		 el = l2c_now_us() - f->file_start, left;
	uint64_t		 eta = 0;
	int			 n;

	if (!f->sending)
		return 0;
	left = f->file_size > p->bytes ? f->file_size - p->bytes : 0;
	if (p->bytes > 0)
		eta = (uint64_t)((double)el / 1e6 * (double)left /
		    (double)p->bytes + 0.5);
	n = snprintf(buf, len, "sending %s: %llu lines, %llu of %llu bytes, "
	    "ETA %llu s", f->file_name, (unsigned long long)p->lines,
	    (unsigned long long)p->bytes, (unsigned long long)f->file_size,
	    (unsigned long long)eta);
	return n < 0 ? 0 : n;
}
