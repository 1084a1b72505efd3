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

/* The shown bytes' way out: the terminal, or held while a menu is up. */
void
l2c_con_put(void *arg, const void *p, size_t n)
{
	struct l2c_console	*c = arg;

	if (c->esc.state == L2C_ESC_MENU)
		l2c_con_hold(c, p, n);
	else
		l2c_con_write(STDOUT_FILENO, p, n);
}

void
l2c_con_show(struct l2c_console *c, const uint8_t *p, size_t n)
{
	l2c_view_show(&c->view, p, n);
}

void
l2c_con_echo(struct l2c_console *c, const uint8_t *p, size_t n)
{
	if (!c->out_text)
		l2c_view_echo(&c->view, p, n);
}

int
l2c_con_tool(struct l2c_console *c, enum l2c_esc_cmd cmd)
{
	uint8_t	b[L2C_VIEW_WRITE_MAX];
	char	msg[L2C_ESC_LINE_MAX + 64];
	size_t	n;
	int	rv;

	switch (cmd) {
	case L2C_ESC_ECHO:
		l2c_view_flip(&c->view, L2C_VIEW_ECHO, msg, sizeof(msg));
		break;
	case L2C_ESC_HEX:
		l2c_view_flip(&c->view, L2C_VIEW_HEX, msg, sizeof(msg));
		break;
	case L2C_ESC_STAMPS:
		l2c_view_flip(&c->view, L2C_VIEW_STAMPS, msg, sizeof(msg));
		break;
	case L2C_ESC_MAP:
		(void)l2c_view_set_maps(&c->view, c->esc.line, msg,
		    sizeof(msg));
		break;
	case L2C_ESC_WRITE:
		if (l2c_hex_parse(c->esc.line, b, sizeof(b), &n) != 0) {
			l2c_con_say(c, "not hex bytes (\"1b 5b 41\", at most "
			    "%d)", L2C_VIEW_WRITE_MAX);
			return 1;
		}
		rv = l2c_con_offer(c, b, n);
		if (rv >= 0)
			l2c_con_say(c, "%d of %zu bytes written", rv, n);
		return 1;
	default:
		return 0;
	}
	l2c_con_say(c, "%s", msg);
	return 1;
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
