/* SPDX-License-Identifier: ISC */
/*
 * A console from the UI: curses steps aside (endwin: the normal screen,
 * the terminal's own modes), the console face that `l2console mikrotik`
 * and `mop` use runs the session on the real terminal, and the escape
 * key brings curses back for the session menu (menu.c) only.  When
 * the session ends, curses takes the screen back.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "ui/console/console.h"
#include "ui/registry.h"
#include "ui/conf/secret.h"
#include "ui/tui/tui_int.h"

/* The escape key: curses comes back, over the session, for the menu. */
static void
menu_open(void *arg, const uint8_t *rest, size_t n)
{
	struct tui	*t = arg;

	if (t->sess == NULL)
		return;
	tui_menu_open(t);
	/* Keys typed right after the escape key are the menu's. */
	while (n-- > 0)
		ungetch(rest[n]);
	tui_feed_keys(t);
}

static void
menu_winch(void *arg)
{
	tui_resized(arg);
}

/* A clean normal screen for the device, and one line saying where. */
static void
announce(struct tui *t)
{
	const char	*clr = tigetstr("clear");
	char		 mac[L2C_MAC_STRLEN], esc[8];
	int		 login = (t->conn.fam->flags & L2C_FAM_LOGIN) != 0;

	if (clr != NULL && clr != (char *)-1)
		putp(clr);
	l2c_mac_fmt(t->conn.peer, mac, sizeof(mac));
	printf("l2console: connecting to %s%s%s%s with %s%s%s%s%s",
	    t->conn.name, strcmp(t->conn.name, mac) != 0 ? " (" : "",
	    strcmp(t->conn.name, mac) != 0 ? mac : "",
	    strcmp(t->conn.name, mac) != 0 ? ")" : "", login ? "" : "the ",
	    t->conn.fam->title, login ? " as " : "", login ?
	    t->conn.user : "", t->o.escape == L2C_ESCAPE_NONE ? "" :
	    "; the escape key ");
	if (t->o.escape != L2C_ESCAPE_NONE)
		printf("%s opens the menu", tui_keyname(t->o.escape, esc,
		    sizeof(esc)));
	printf("\n");
	fflush(stdout);
}

/* The same sessions as `l2console mikrotik` and `l2console mop`. */
static int
start(struct tui *t, struct tui_sess *s)
{
	struct l2c_sess_conf	*sc = &s->sc;

	memset(sc, 0, sizeof(*sc));
	memcpy(sc->peer, t->conn.peer, L2C_ETH_ALEN);
	if (t->conn.fam->flags & L2C_FAM_LOGIN) {
		sc->login = t->conn.user;
		sc->password = t->conn.pass;
	}
	sc->term = getenv("TERM");
	l2c_console_winsize(&sc->cols, &sc->rows);
	return l2c_family_start(t->conn.fam, &t->u.ctx, sc, s->con,
	    &s->sess);
}

/*
 * How it ended, for the status line of the neighbor table: the same
 * sentence as the console commands, from the family row (registry).
 */
static void
verdict(struct tui *t, struct tui_sess *s, int rv)
{
	struct l2c_sess_end	e = { rv, t->u.link->ifname, &s->sc,
				    s->con != NULL ? l2c_console_facts(s->con) :
				    NULL };
	char			why[512];

	if (l2c_family_explain(t->conn.fam, &e, why, sizeof(why)) > 0)
		tui_status(t, rv != 0 ? TA_ERR : TA_NORMAL, "%s: %s",
		    t->conn.name, why);
	else
		tui_status(t, TA_NORMAL, "session with %s ended",
		    t->conn.name);
}

/* One session, start to end; then the table is back, and why it ended. */
void
tui_session(struct tui *t)
{
	struct l2c_console_opts	co;
	struct l2c_console_menu	m = { menu_open, menu_winch, t };
	struct tui_sess		s;
	int			rv, signo = 0;

	memset(&s, 0, sizeof(s));
	t->want_conn = 0;
	s.base = t->depth;
	s.start_us = l2c_now_us();
	t->sess = &s;
	tui_curses_off(t);
	announce(t);
	l2c_console_defaults(&co);
	co.escape = t->o.escape;
	co.batch = 0;
	l2c_family_console_opts(t->conn.fam, &co);
	if ((rv = l2c_console_new(t->loop, &co, &s.con)) == 0) {
		l2c_console_set_menu(s.con, &m);
		if (t->o.log != NULL && tui_log_attach(t, s.con) != 0)
			printf("l2console: cannot open the session log %s: "
			    "%m\n", t->o.log);
		fflush(stdout);
		rv = start(t, &s);
	}
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	if (rv == 0) {
		s.started = 1;
		rv = l2c_console_run(s.con, &s.sess);
		signo = l2c_console_signo(s.con);
		verdict(t, &s, rv);
		s.sess.ops->free(s.sess.s);
	} else
		tui_status(t, TA_ERR, "cannot start a session with %s: %s",
		    t->conn.name, l2c_strerror(rv));
	l2c_console_free(s.con);
	t->sess = NULL;
	tui_pop_to(t, s.base);
	tui_signals(t);
	if (tui_curses_on(t) == 0)
		tui_redraw_now(t);
	tui_neigh_resume(t);
	if (signo == SIGTERM || signo == SIGHUP)
		tui_quit(t, 128 + signo);
}
