/* SPDX-License-Identifier: ISC */
/*
 * The console's two ends below the session (console_int.h): what goes
 * to the terminal (output held while the face's menu is up, our notices,
 * the small tools' views) and what is offered to the session.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "ui/console/console_int.h"

#define SAY_MAX		1024
#define WRITE_MAX	64		/* bytes of one ^] w */

void
l2c_con_write(int fd, const void *p, size_t n)
{
	const uint8_t	*b = p;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		b += w;
		n -= (size_t)w;
	}
}

/* While the face's menu is up, output waits here (bounded). */
void
l2c_con_hold(struct l2c_console *c, const void *p, size_t n)
{
	size_t	 ncap;
	uint8_t	*nb;

	if (c->holdlen + n > c->holdcap) {
		ncap = c->holdcap ? c->holdcap : 4096;
		while (ncap < c->holdlen + n && ncap < L2C_CONSOLE_HOLD_MAX)
			ncap *= 2;
		if (ncap > L2C_CONSOLE_HOLD_MAX)
			ncap = L2C_CONSOLE_HOLD_MAX;
		if (ncap > c->holdcap &&
		    (nb = realloc(c->hold, ncap)) != NULL) {
			c->hold = nb;
			c->holdcap = ncap;
		}
	}
	if (c->holdlen + n > c->holdcap) {
		c->hold_lost += c->holdlen + n - c->holdcap;
		n = c->holdcap - c->holdlen;
	}
	memcpy(c->hold + c->holdlen, p, n);
	c->holdlen += n;
}

/* One line from us, readable whether the terminal is raw or not. */
void
l2c_con_say(struct l2c_console *c, const char *fmt, ...)
{
	char	msg[SAY_MAX];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (c->esc.state == L2C_ESC_MENU) {
		l2c_con_hold(c, "\r\nl2console: ", 13);
		l2c_con_hold(c, msg, strlen(msg));
		l2c_con_hold(c, "\r\n", 2);
		return;
	}
	if (c->term.raw)
		dprintf(STDERR_FILENO, "\r\nl2console: %s\r\n", msg);
	else
		dprintf(STDERR_FILENO, "l2console: %s\n", msg);
}

/* Offer bytes to the session: how many it took, or its error. */
int
l2c_con_offer(struct l2c_console *c, const uint8_t *p, size_t n)
{
	int	taken;

	if (n == 0)
		return 0;
	taken = c->sess->ops->input(c->sess->s, p, n);
	if (taken < 0)
		l2c_con_say(c, "input: %s", l2c_strerror(taken));
	return taken;
}

/* The feeder's hooks: its lines go to the session, its words to us. */
int
l2c_con_feed_offer(void *arg, const uint8_t *p, size_t n)
{
	return l2c_con_offer(arg, p, n);
}

void
l2c_con_feed_say(void *arg, const char *line)
{
	l2c_con_say(arg, "%s", line);
}

void
l2c_con_log(struct l2c_console *c, const void *p, size_t n)
{
	if (c->log.fd >= 0 && l2c_sess_log_write(&c->log, p, n) != 0) {
		l2c_con_say(c, "session log %s: write failed, logging stopped",
		    c->log.path);
		l2c_sess_log_stop(&c->log);
	}
}

static void
put(struct l2c_console *c, const void *p, size_t n)
{
	if (c->esc.state == L2C_ESC_MENU)
		l2c_con_hold(c, p, n);
	else
		l2c_con_write(STDOUT_FILENO, p, n);
}

/* Each line starts with the time, as the log's --timestamps does. */
static void
put_stamped(struct l2c_console *c, const uint8_t *p, size_t n)
{
	const uint8_t	*nl;
	char		 ts[64];
	size_t		 seg;

	while (n > 0) {
		if (c->bol)
			put(c, ts, l2c_stamp_fmt(ts, sizeof(ts)));
		nl = memchr(p, '\n', n);
		seg = nl != NULL ? (size_t)(nl - p) + 1 : n;
		put(c, p, seg);
		c->bol = p[seg - 1] == '\n';
		p += seg;
		n -= seg;
	}
}

void
l2c_con_show(struct l2c_console *c, const uint8_t *p, size_t n)
{
	uint8_t	buf[1024];
	char	hex[L2C_HEX_OUT(512)];
	size_t	k, m;

	if (!c->hex && !c->stamps && (c->maps & L2C_MAP_IN) == 0) {
		put(c, p, n);
		return;
	}
	for (; n > 0; p += k, n -= k) {
		k = n < 512 ? n : 512;
		if (c->hex) {
			put(c, hex, l2c_hexview(&c->hexv, p, k, hex));
			continue;
		}
		m = l2c_map_apply(c->maps, L2C_MAP_IN, p, k, buf);
		if (c->stamps)
			put_stamped(c, buf, m);
		else
			put(c, buf, m);
	}
}

void
l2c_con_echo(struct l2c_console *c, const uint8_t *p, size_t n)
{
	size_t	i;

	if (!c->local_echo || c->out_text)
		return;
	for (i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n')
			put(c, "\r\n", 2);
		else
			put(c, p + i, 1);
}

static const char *
onoff(int on)
{
	return on ? "on" : "off";
}

int
l2c_con_tool(struct l2c_console *c, enum l2c_esc_cmd cmd)
{
	uint8_t	b[WRITE_MAX];
	char	names[128];
	size_t	n;
	int	rv;

	switch (cmd) {
	case L2C_ESC_ECHO:
		c->local_echo = !c->local_echo;
		l2c_con_say(c, "local echo %s", onoff(c->local_echo));
		return 1;
	case L2C_ESC_HEX:
		c->hex = !c->hex;
		c->hexv.col = 0;
		l2c_con_say(c, "hex view %s", onoff(c->hex));
		return 1;
	case L2C_ESC_STAMPS:
		c->stamps = !c->stamps;
		c->bol = 1;
		l2c_con_say(c, "time stamps %s", onoff(c->stamps));
		return 1;
	case L2C_ESC_MAP:
		if (c->esc.line[0] != '\0' &&
		    l2c_map_parse(c->esc.line, &c->maps) != 0)
			l2c_con_say(c, "unknown map in \"%s\"", c->esc.line);
		l2c_map_names(c->maps, names, sizeof(names));
		l2c_con_say(c, "maps: %s", names);
		return 1;
	case L2C_ESC_WRITE:
		if (l2c_hex_parse(c->esc.line, b, sizeof(b), &n) != 0) {
			l2c_con_say(c, "not hex bytes (\"1b 5b 41\", at most "
			    "%d)", WRITE_MAX);
			return 1;
		}
		rv = l2c_con_offer(c, b, n);
		if (rv >= 0)
			l2c_con_say(c, "%d of %zu bytes written", rv, n);
		return 1;
	default:
		return 0;
	}
}

void
l2c_console_winsize(unsigned *cols, unsigned *rows)
{
	struct winsize	ws;

	*cols = 80;
	*rows = 24;
	if ((ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ||
	    ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) &&
	    ws.ws_col > 0 && ws.ws_row > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}
