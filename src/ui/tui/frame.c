/* SPDX-License-Identifier: ISC */
/*
 * The full-screen UI's frame, at the bottom of its room: curses on the
 * core loop (the keyboard is one more fd, a resize one more signal, a
 * redraw one more timer), the stack of screens it draws and hands keys
 * to through their ops, and the status line.  It calls no screen by
 * name: every screen file calls down into it.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "ui/cli/exitcode.h"
#include "ui/console/console.h"
#include "ui/tui/tui_int.h"

#define KEY_CTRL(c)	((c) & 0x1f)

int
tui_push(struct tui *t, const struct tui_screen *s, const void *arg)
{
	void	*data = NULL;

	if (t->depth >= TUI_DEPTH)
		return L2C_ERR_NOSPACE;
	if (s->datalen > 0) {
		if ((data = malloc(s->datalen)) == NULL)
			return L2C_ERR_NOMEM;
		memcpy(data, arg, s->datalen);
	} else if (s->init == NULL)
		data = (void *)(uintptr_t)arg;	/* the pusher's own */
	else if ((data = s->init(t, arg)) == NULL)
		return L2C_ERR_NOMEM;
	t->stack[t->depth].s = s;
	t->stack[t->depth++].data = data;
	tui_dirty(t);
	return 0;
}

void
tui_pop(struct tui *t)
{
	const struct tui_screen	*s;
	void			*data;

	if (t->depth > 0) {
		t->depth--;
		s = t->stack[t->depth].s;
		data = t->stack[t->depth].data;
		t->stack[t->depth].data = NULL;
		if (s->free != NULL)
			s->free(t, data);
		if (s->datalen > 0)
			free(data);
	}
	tui_dirty(t);
}

void
tui_pop_to(struct tui *t, int depth)
{
	while (t->depth > depth && t->depth > 0)
		tui_pop(t);
}

const struct tui_screen *
tui_top(const struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1].s : NULL;
}

/* Draw from the topmost screen that covers everything, upwards. */
void
tui_redraw_now(struct tui *t)
{
	int	i, from = 0;

	l2c_timer_cancel(t->loop, &t->redraw);
	if (!t->curses_on)
		return;
	erase();
	t->cur_y = t->cur_x = -1;
	for (i = t->depth - 1; i >= 0; i--)
		if (t->stack[i].s->full) {
			from = i;
			break;
		}
	if (COLS < 40 || LINES < 8)
		mvaddstr(0, 0, "l2console: window too small");
	else
		for (i = from; i < t->depth; i++)
			t->stack[i].s->draw(t, t->stack[i].data);
	/* A form leaves where its cursor goes; everything else hides it. */
	if ((t->cur_y >= 0) != t->cursor_vis) {
		t->cursor_vis = t->cur_y >= 0;
		curs_set(t->cursor_vis);
	}
	if (t->cur_y >= 0)
		move(t->cur_y, t->cur_x);
	refresh();
}

static void
on_redraw(void *arg)
{
	tui_redraw_now(arg);
}

/* Something changed: redraw once this pass of the loop is over. */
void
tui_dirty(struct tui *t)
{
	if (t->loop != NULL && !t->redraw.armed)
		l2c_timer_arm(t->loop, &t->redraw, 0);
}

/* One line above the key bar: results, errors, how a session ended. */
void
tui_status(struct tui *t, enum tui_attr a, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_attr = a;
	t->status_us = l2c_now_us();
	tui_dirty(t);
}

/* Leave the UI; a session under way is ended properly first. */
void
tui_quit(struct tui *t, int code)
{
	if (t->quit)
		return;
	t->quit = 1;
	t->exit_code = code;
	if (t->sess_end_all != NULL && t->sess_end_all(t)) {
		tui_keys(t, 0);		/* unread keys must not spin the loop */
		tui_status(t, TA_NORMAL, "closing the sessions...");
	} else
		l2c_loop_break(t->loop, 0);
}

/* A session to t->conn, on the same loop as everything else. */
void
tui_connect(struct tui *t)
{
	if (t->sess_begin != NULL)
		t->sess_begin(t);
}

/* Module warnings go to the status line while curses has the screen. */
static void
log_sink(void *arg, enum l2c_loglevel lvl, const char *msg)
{
	struct tui	*t = arg;

	tui_status(t, lvl == L2C_LOG_ERR || lvl == L2C_LOG_WARN ? TA_ERR :
	    TA_NORMAL, "%s", msg);
}

/* The keyboard is one more fd in the loop: read every queued key. */
static void
on_keys(void *arg, int fd, short revents)
{
	struct tui			*t = arg;
	const struct tui_screen		*s;
	int				 ch;

	(void)fd;
	if ((revents & (POLLHUP | POLLERR | POLLNVAL)) &&
	    !(revents & POLLIN)) {
		tui_quit(t, L2C_EX_OK);		/* the terminal went away */
		return;
	}
	while (t->keys_on && t->curses_on && !t->quit &&
	    (ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			tui_resized(t);
			continue;
		}
		s = tui_top(t);
		/* A session screen: ^C and ^L are the device's. */
		if (s != NULL && s->raw) {
			s->key(t, t->stack[t->depth - 1].data, ch);
			continue;
		}
		if (ch == KEY_CTRL('c')) {
			tui_quit(t, L2C_EX_OK);
			break;
		}
		if (ch == KEY_CTRL('l')) {
			clearok(curscr, TRUE);
			tui_dirty(t);
			continue;
		}
		if ((s = tui_top(t)) != NULL && s->key != NULL)
			s->key(t, t->stack[t->depth - 1].data, ch);
	}
	if (t->redraw.armed && t->curses_on)
		tui_redraw_now(t);
}

/* Keys pushed back into curses make no fd readable: handle them now. */
void
tui_feed_keys(struct tui *t)
{
	on_keys(t, STDIN_FILENO, POLLIN);
}

/* Only one of us reads stdin: the screens, or the console in a session. */
void
tui_keys(struct tui *t, int on)
{
	l2c_loop_fd_watch(t->loop, STDIN_FILENO, on, &t->keys_on, on_keys, t);
}

/* The window changed (or may have while curses slept): follow it. */
void
tui_resized(struct tui *t)
{
	struct winsize	ws;
	int		i;

	if (!t->curses_on)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resize_term(ws.ws_row, ws.ws_col);
	/* Every session, shown or not: its pane and its device. */
	if (t->sess_resize != NULL)
		t->sess_resize(t);
	for (i = 0; i < t->depth; i++)
		if (t->stack[i].s->resize != NULL)
			t->stack[i].s->resize(t, t->stack[i].data);
	clearok(curscr, TRUE);
	tui_redraw_now(t);
}

static void
on_signal(void *arg, int signo)
{
	struct tui	*t = arg;

	if (signo == SIGWINCH)
		tui_resized(t);
	else
		tui_quit(t, 128 + signo);
}

/* The UI's own signal handlers (a session puts its own in place). */
/* The frame on t->loop: its redraw timer and its signals. */
void
tui_frame_attach(struct tui *t)
{
	l2c_timer_init(&t->redraw, on_redraw, t);
	tui_signals(t);
}

void
tui_signals(struct tui *t)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
	size_t			i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)l2c_loop_signal(t->loop, sigs[i], on_signal, t);
}

/*
 * Bracketed paste on the terminal, while curses has it and pastes are
 * paced: on at each start, off before curses gives the terminal back
 * (on exit, and before anything else gets it).
 */
static void
bracket(struct tui *t, int on)
{
	if (t->o.paste_wait == L2C_PACE_OFF)
		return;
	(void)fflush(stdout);
	(void)!write(STDOUT_FILENO, on ? "\033[?2004h" : "\033[?2004l", 8);
}

/* Curses takes the terminal (the alternate screen), first or again. */
int
tui_curses_on(struct tui *t)
{
	if (t->curses_on) {
		tui_keys(t, !t->quit);
		return 0;
	}
	if (t->scr == NULL) {
		if ((t->scr = newterm(NULL, stdout, stdin)) == NULL)
			return L2C_ERR_SYS;
		set_term(t->scr);
		raw();
		noecho();
		nonl();
		intrflush(stdscr, FALSE);
		keypad(stdscr, TRUE);
		nodelay(stdscr, TRUE);
		set_escdelay(25);
		/* Keys come through the loop: no peeking at stdin mid-draw. */
		typeahead(-1);
		/* A paste the terminal brackets: its marks as two keys. */
		(void)define_key("\033[200~", TUI_KEY_PASTE_BEGIN);
		(void)define_key("\033[201~", TUI_KEY_PASTE_END);
		curs_set(0);
		tui_colors(t);
	}
	t->curses_on = 1;
	l2c_log_set_sink(log_sink, t);
	tui_keys(t, 1);
	/* Back from a session: the size may have changed meanwhile. */
	tui_resized(t);
	bracket(t, 1);
	return 0;
}

/* Give the terminal back as it was (normal screen, original modes). */
void
tui_curses_off(struct tui *t)
{
	tui_keys(t, 0);
	l2c_log_set_sink(NULL, NULL);
	if (!t->curses_on)
		return;
	bracket(t, 0);
	t->curses_on = 0;
	endwin();
}

/* curses would not start here (TERM unknown or unusable). */
int
tui_log_attach(struct tui *t, struct l2c_sess_log *log)
{
	int	fd;

	if (t->logfd == -1)
		return L2C_ERR_INVAL;
	if ((fd = dup(t->logfd)) == -1)
		return L2C_ERR_SYS;
	return l2c_sess_log_attach(log, fd, t->o.log, t->o.timestamps);
}

