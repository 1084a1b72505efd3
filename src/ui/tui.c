/*
 * The full-screen UI's frame: curses on the core loop (the keyboard is
 * one more fd, a resize one more signal, a redraw one more timer), the
 * stack of screens, and the round trip between the screens and a
 * console session, which gets the real terminal while curses sleeps.
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
#include <strings.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "ui/cmd.h"
#include "ui/console.h"
#include "ui/exitcode.h"
#include "ui/tui-int.h"

#define KEY_CTRL(c)	((c) & 0x1f)

void
l2c_tui_defaults(struct l2c_tui_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->color = L2C_COLOR_AUTO;
	o->escape = L2C_ESCAPE_DEFAULT;
}

int
l2c_tui_parse_color(const char *s, enum l2c_color *c)
{
	static const struct {
		const char	*name;
		enum l2c_color	 c;
	} names[] = {
		{ "auto", L2C_COLOR_AUTO }, { "tty", L2C_COLOR_AUTO },
		{ "always", L2C_COLOR_ALWAYS }, { "yes", L2C_COLOR_ALWAYS },
		{ "force", L2C_COLOR_ALWAYS },
		{ "never", L2C_COLOR_NEVER }, { "no", L2C_COLOR_NEVER },
		{ "none", L2C_COLOR_NEVER },
	};
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*c = names[i].c;
			return 0;
		}
	return L2C_ERR_INVAL;
}

void
tui_push(struct tui *t, const struct tui_screen *s)
{
	if (t->depth < TUI_DEPTH)
		t->stack[t->depth++].s = s;
	tui_dirty(t);
}

void
tui_pop(struct tui *t)
{
	if (t->depth > 0)
		t->depth--;
	tui_dirty(t);
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
			t->stack[i].s->draw(t);
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
	t->quit = 1;
	t->exit_code = code;
	if (t->sess != NULL && t->sess->started) {
		tui_keys(t, 0);		/* unread keys must not spin the loop */
		l2c_console_close(t->sess->con);
	} else
		l2c_loop_break(t->loop, 0);
}

/* Leave the loop so the session runs outside it (no nested loops). */
void
tui_connect(struct tui *t)
{
	t->want_conn = 1;
	l2c_loop_break(t->loop, 0);
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
	while (t->keys_on && t->curses_on && !t->quit && !t->want_conn &&
	    (ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			tui_resized(t);
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
			s->key(t, ch);
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
	if (on == t->keys_on)
		return;
	if (on)
		t->keys_on = l2c_loop_fd(t->loop, STDIN_FILENO, POLLIN,
		    on_keys, t) == 0;
	else {
		l2c_loop_fd_del(t->loop, STDIN_FILENO);
		t->keys_on = 0;
	}
}

/* The window changed (or may have while curses slept): follow it. */
void
tui_resized(struct tui *t)
{
	struct winsize	ws;

	if (!t->curses_on)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resize_term(ws.ws_row, ws.ws_col);
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
void
tui_signals(struct tui *t)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
	size_t			i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)l2c_loop_signal(t->loop, sigs[i], on_signal, t);
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
		curs_set(0);
		tui_colors(t);
	}
	t->curses_on = 1;
	l2c_log_set_sink(log_sink, t);
	tui_keys(t, 1);
	/* Back from a session: the size may have changed meanwhile. */
	tui_resized(t);
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
	t->curses_on = 0;
	endwin();
}

/* curses would not start here (TERM unknown or unusable). */
static int
bad_terminal(void)
{
	const char	*term = getenv("TERM");

	l2c_say("cannot drive this terminal full-screen (TERM=%s): give a "
	    "command instead (l2console --help lists them)",
	    term != NULL ? term : "unset");
	return L2C_EX_USAGE;
}

static int
no_terminal(void)
{
	l2c_say("the full-screen UI needs a terminal: give a command "
	    "instead (l2console --help lists them)");
	return L2C_EX_USAGE;
}

/* The only usable interface that is up, if there is exactly one. */
static int
auto_iface(char *name, size_t len)
{
	struct l2c_ifinfo	*list;
	int			 i, n, found = 0;

	if ((n = l2c_if_list(&list)) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!list[i].loopback && list[i].up &&
		    l2c_if_unusable(&list[i]) == NULL) {
			if (found++ == 0)
				snprintf(name, len, "%s", list[i].name);
		}
	free(list);
	return found == 1;
}

/* Interface: -i, the only one, or the picker.  0, or an exit status. */
static int
choose_iface(struct tui *t, char *name, size_t len)
{
	int	rv;

	if (t->o.ifname != NULL) {
		snprintf(name, len, "%s", t->o.ifname);
		return 0;
	}
	if (auto_iface(name, len))
		return 0;
	if ((rv = l2c_loop_new(&t->loop)) != 0)
		return L2C_EX_SOFTWARE;
	l2c_timer_init(&t->redraw, on_redraw, t);
	tui_signals(t);
	if (tui_curses_on(t) != 0) {
		l2c_loop_free(t->loop);
		t->loop = NULL;
		return bad_terminal();
	}
	rv = tui_pick_iface(t, name, len);
	tui_curses_off(t);
	l2c_timer_cancel(t->loop, &t->redraw);
	l2c_loop_free(t->loop);
	t->loop = NULL;
	t->depth = 0;
	return rv != 0 || t->quit ? -1 : 0;
}

/* Everything the UI opened goes, in the reverse order; no secret stays. */
static void
finish(struct tui *t)
{
	tui_curses_off(t);
	if (t->scr != NULL) {
		delscreen(t->scr);
		t->scr = NULL;
	}
	if (t->loop != NULL)
		l2c_timer_cancel(t->loop, &t->redraw);
	tui_ping_stop(t);
	tui_neigh_stop(t);
	if (t->u.loop != NULL)
		l2c_ui_close(&t->u);
	t->loop = NULL;
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	if (t->logfd != -1)
		close(t->logfd);
	t->logfd = -1;
}

int
tui_log_attach(struct tui *t, struct l2c_console *con)
{
	int	fd;

	if (t->logfd == -1)
		return L2C_ERR_INVAL;
	if ((fd = dup(t->logfd)) == -1)
		return L2C_ERR_SYS;
	return l2c_console_log_attach(con, fd, t->o.log, t->o.timestamps);
}

int
l2c_tui_main(const struct l2c_tui_opts *o)
{
	struct tui	 t;
	char		 ifname[IF_NAMESIZE + 1];
	void		(*tstp)(int);
	int		 rv;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return no_terminal();
	if (!tui_term_ok())
		return bad_terminal();
	memset(&t, 0, sizeof(t));
	t.o = *o;
	t.logfd = -1;
	/* Before the privilege drop: the log may be in root's directory. */
	if (o->log != NULL && (t.logfd = l2c_console_log_open(o->log)) == -1) {
		l2c_say("cannot open the session log %s: %s", o->log,
		    strerror(errno));
		return L2C_EX_NOINPUT;
	}
	setlocale(LC_ALL, "");
	/* No job control inside the UI: curses would fight the session. */
	tstp = signal(SIGTSTP, SIG_IGN);
	if ((rv = choose_iface(&t, ifname, sizeof(ifname))) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		return rv < 0 ? t.exit_code : rv;
	}
	if ((rv = l2c_ui_open(ifname, &t.u)) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		return rv;
	}
	t.loop = t.u.loop;
	l2c_timer_init(&t.redraw, on_redraw, &t);
	tui_signals(&t);
	if (tui_curses_on(&t) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		return bad_terminal();
	}
	if ((rv = tui_neigh_start(&t)) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		l2c_say("cannot start the scan on %s: %s", ifname,
		    l2c_strerror(rv));
		return l2c_exit_for(rv);
	}
	tui_redraw_now(&t);
	while (!t.quit) {
		t.want_conn = 0;
		if ((rv = l2c_loop_run(t.loop)) != 0) {
			finish(&t);
			signal(SIGTSTP, tstp);
			l2c_say("event loop: %s", l2c_strerror(rv));
			return L2C_EX_SOFTWARE;
		}
		if (t.want_conn && !t.quit)
			tui_session(&t);
	}
	finish(&t);
	signal(SIGTSTP, tstp);
	return t.exit_code;
}
