/* SPDX-License-Identifier: ISC */
/*
 * The full-screen UI from the top: its options, the terminal and the
 * interface it runs on, the screens it starts, and the round trip
 * between the neighbor screen and a console session, which gets the
 * real terminal while curses sleeps.  The frame (frame.c) is below.
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
#include "ui/cli/cmd.h"
#include "ui/console/console.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/reconnect.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

void
l2c_tui_defaults(struct l2c_tui_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->color = L2C_COLOR_AUTO;
	o->escape = L2C_ESCAPE_DEFAULT;
	o->scrollback = TUI_PANE_SCROLLBACK;
	o->reconnect_us = L2C_RECONNECT_US;
	o->paste_wait = L2C_PASTE_AUTO;
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

int
l2c_tui_parse_scrollback(const char *s, size_t *n)
{
	unsigned long long	v = 0;
	const char		*p = s;

	if (*p == '\0')
		return L2C_ERR_INVAL;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (unsigned)(*p - '0')) >
		    TUI_PANE_SCROLLBACK_MAX)
			return L2C_ERR_INVAL;
	if (*p != '\0')
		return L2C_ERR_INVAL;
	*n = (size_t)v;
	return 0;
}

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
	tui_frame_attach(t);
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
	tui_pop_to(t, 0);
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
	tui_sess_free_all(t);
	tui_ping_stop(t);
	tui_neigh_stop(t);
	if (t->u.loop != NULL)
		l2c_ui_close(&t->u);
	t->loop = NULL;
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	if (t->logfd != -1)
		close(t->logfd);
	t->logfd = -1;
	l2c_known_close(&t->known);
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
	t.known.fd = -1;
	t.ss.scrollback = o->scrollback;
	t.sess_begin = tui_sess_begin;
	t.sess_end_all = tui_sess_end_all;
	t.sess_resize = tui_sess_resize_all;
	t.sess_show = tui_sess_show;
	/* Before the privilege drop: the log may be in root's directory. */
	if (o->log != NULL && (t.logfd = l2c_console_log_open(o->log)) == -1) {
		l2c_say("cannot open the session log %s: %s", o->log,
		    strerror(errno));
		return L2C_EX_NOINPUT;
	}
	/* Also before the drop: the file is the invoking user's. */
	l2c_known_open(&t.known, NULL);
	setlocale(LC_ALL, "");
	/* No job control inside the UI: curses would fight the session. */
	tstp = signal(SIGTSTP, SIG_IGN);
	if ((rv = choose_iface(&t, ifname, sizeof(ifname))) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		return rv < 0 ? t.exit_code : rv;
	}
	if ((rv = l2c_ui_open_flags(ifname, &t.u, o->promisc ?
	    L2C_LINK_PROMISC : 0)) != 0) {
		finish(&t);
		signal(SIGTSTP, tstp);
		return rv;
	}
	t.loop = t.u.loop;
	tui_frame_attach(&t);
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
	/* Until quit, and then until every session said CLOSED. */
	while (!t.quit || t.ss.n > 0) {
		if ((rv = l2c_loop_run(t.loop)) != 0) {
			finish(&t);
			signal(SIGTSTP, tstp);
			l2c_say("event loop: %s", l2c_strerror(rv));
			return L2C_EX_SOFTWARE;
		}
		if (t.quit && t.sess_end_all(&t) == 0)
			break;
	}
	finish(&t);
	signal(SIGTSTP, tstp);
	return t.exit_code;
}
