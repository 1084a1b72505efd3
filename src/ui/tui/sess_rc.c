/* SPDX-License-Identifier: ISC */
/*
 * Reconnect in the full-screen UI, one session at a time (the menu's r,
 * or --reconnect for every session): when the session is lost or the
 * device ends it, its state becomes "reconnecting"; it pings the device
 * as `--reconnect` does in line mode (ui/cli/reconnect.h: the same
 * ping, the same test of what is worth retrying), and once the device
 * answers starts the session again into the same pane, with the same
 * credentials; its scrollback and log go on.  Each step is a note line
 * in the pane with its time.  A refused login or the end of the wait
 * leaves the session lost.  All of it runs from the UI's loop, so the
 * other sessions go on meanwhile.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "ui/cli/reconnect.h"
#include "ui/conf/secret.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

/*
 * For hold() and release(), which lock only when on; the wait is
 * --reconnect-timeout's (t->o.reconnect_us).
 */
static const struct l2c_reconnect_opts rc_opts = { 1, L2C_RECONNECT_US };

static void	on_step(void *);
static void	on_end(void *);

void
tui_sess_note(struct tui_sess *s, const char *fmt, ...)
{
	char	msg[512], line[600], when[32];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* On a line of its own, whatever the device left on the last. */
	n = snprintf(line, sizeof(line), "\r\n[l2console %s] %s\r\n",
	    l2c_reconnect_when(when, sizeof(when)), msg);
	if (n > 0)
		tui_pane_feed(s->pane, line, (size_t)n < sizeof(line) ?
		    (size_t)n : sizeof(line) - 1);
	tui_dirty(s->t);
}

/*
 * The last screen of the lost session goes up into the scrollback (the
 * device clears the screen when it starts again): the main screen, no
 * scroll region, the bottom row, a newline a row.
 */
static void
keep_screen(struct tui_sess *s)
{
	static const char	leave[] = "\033[?1049l\033[r\033[0m\033[9999;1H";
	int			i, rows = LINES > 1 ? LINES - 1 : 1;

	tui_pane_feed(s->pane, leave, sizeof(leave) - 1);
	for (i = 0; i < rows; i++)
		tui_pane_feed(s->pane, "\n", 1);
}

/* The password goes; reconnect is off. */
static void
forget(struct tui_sess *s)
{
	l2c_secret_wipe(s->pass, sizeof(s->pass));
	if (s->rc_kept)
		l2c_reconnect_release(&rc_opts, s->pass, sizeof(s->pass));
	s->rc_kept = 0;
	s->rc_on = 0;
}

static void
keep(struct tui_sess *s, const char *pass)
{
	l2c_reconnect_hold(&rc_opts, s->pass, sizeof(s->pass));
	snprintf(s->pass, sizeof(s->pass), "%s", pass);
	s->rc_kept = 1;
	s->rc_on = 1;
}

void
tui_rc_init(struct tui_sess *s, const char *pass)
{
	l2c_timer_init(&s->rc_step, on_step, s);
	l2c_timer_init(&s->rc_end, on_end, s);
	if (s->t->o.reconnect)
		keep(s, pass);
}

/* No ping under way, no step to come. */
static void
stop_wait(struct tui_sess *s)
{
	l2c_timer_cancel(s->t->loop, &s->rc_step);
	l2c_timer_cancel(s->t->loop, &s->rc_end);
	l2c_pinger_free(s->rc_ping);
	s->rc_ping = NULL;
}

void
tui_rc_free(struct tui_sess *s)
{
	stop_wait(s);
	forget(s);
}

/*
 * Reconnect ends, and its password goes.  Lost for good: the session
 * stays listed, as a lost one does; one already started again runs its
 * course (lost when it closes, connected if it opens).
 */
static void
give_up(struct tui_sess *s, const char *why)
{
	stop_wait(s);
	forget(s);
	if (!s->started)
		s->state = TS_LOST;
	tui_sess_note(s, "%s", why);
	tui_status(s->t, TA_ERR, "%s: %s", s->name, why);
}

int
tui_rc_closed(struct tui_sess *s, enum tui_sess_state was, int err)
{
	char	mac[L2C_MAC_STRLEN];

	if (!s->rc_on || s->closing || s->t->quit)
		return 0;
	l2c_mac_fmt(s->peer, mac, sizeof(mac));
	if (was == TS_CONNECTED && l2c_reconnect_worth(err)) {
		keep_screen(s);
		tui_sess_note(s, "%s %s; reconnecting once it answers "
		    "(up to %.0f s)", s->name, err == 0 ? "ended the session" :
		    "lost", (double)s->t->o.reconnect_us / 1e6);
		l2c_timer_arm(s->t->loop, &s->rc_end, s->t->o.reconnect_us);
	} else if (was == TS_RECONNECTING && err == L2C_ERR_NOANSWER)
		tui_sess_note(s, "%s answers, its console not yet: waiting",
		    mac);
	else
		return 0;
	s->state = TS_RECONNECTING;
	return 1;
}

static void
on_end(void *arg)
{
	struct tui_sess	*s = arg;
	char		 why[128];

	snprintf(why, sizeof(why), "gave up reconnecting after %.0f s",
	    (double)s->t->o.reconnect_us / 1e6);
	give_up(s, why);
}

/* From the loop: the session starts again into the pane. */
static void
on_step(void *arg)
{
	struct tui_sess	*s = arg;
	int		 rv;

	if ((rv = s->restart(s)) != 0) {
		give_up(s, l2c_strerror(rv));
		return;
	}
	s->started = 1;
}

static void
on_echo(void *arg, const struct l2c_ping_echo *e)
{
	struct tui_sess	*s = arg;
	char		 mac[L2C_MAC_STRLEN];

	if (e->verdict != L2C_PING_GOOD || s->rc_ping == NULL)
		return;
	/* The runner touches nothing after a callback frees it. */
	l2c_pinger_free(s->rc_ping);
	s->rc_ping = NULL;
	tui_sess_note(s, "%s answers; connecting",
	    l2c_mac_fmt(s->peer, mac, sizeof(mac)));
	l2c_timer_arm(s->t->loop, &s->rc_step, 0);
}

void
tui_rc_wait(struct tui_sess *s)
{
	struct l2c_ping_conf	pc;
	struct l2c_ping_cb	cb = { on_echo, NULL, NULL, s };

	if (l2c_reconnect_ping_conf(s->fam, s->peer, &pc) != 0 ||
	    l2c_pinger_new(&s->t->u.ctx, &pc, &cb, &s->rc_ping) != 0) {
		/* No ping: the session's own START asks, now and then. */
		s->rc_ping = NULL;
		l2c_timer_arm(s->t->loop, &s->rc_step, L2C_RECONNECT_PING_US);
		return;
	}
	l2c_pinger_start(s->rc_ping);
}

/* Lost already when r turned reconnect on: start waiting now. */
static void
from_lost(struct tui_sess *s)
{
	char	mac[L2C_MAC_STRLEN];

	if (s->state != TS_LOST)
		return;
	/* From a key, not from the old session's callbacks. */
	if (s->started)
		s->sess.ops->free(s->sess.s);
	s->started = 0;
	s->state = TS_RECONNECTING;
	keep_screen(s);
	tui_sess_note(s, "reconnecting to %s once it answers (up to %.0f s)",
	    l2c_mac_fmt(s->peer, mac, sizeof(mac)),
	    (double)s->t->o.reconnect_us / 1e6);
	l2c_timer_arm(s->t->loop, &s->rc_end, s->t->o.reconnect_us);
	tui_rc_wait(s);
}

void
tui_rc_opened(struct tui_sess *s)
{
	char	mac[L2C_MAC_STRLEN];

	l2c_timer_cancel(s->t->loop, &s->rc_end);
	tui_sess_note(s, "connected to %s again",
	    l2c_mac_fmt(s->peer, mac, sizeof(mac)));
}

void
tui_rc_ended(struct tui_sess *s)
{
	if (s->rc_on)
		give_up(s, s->err == L2C_ERR_AUTH ? "login failed; not "
		    "reconnecting" : l2c_strerror(s->err));
}

/* The password the session started with is gone: ask for it again. */
static void
pass_done(struct tui *t, int ok)
{
	struct tui_sess	*s = NULL;
	int		 i;

	/* The session asked for, if it is still there: peer and user. */
	for (i = 0; i < t->ss.n; i++)
		if (memcmp(t->ss.s[i]->peer, t->conn.peer, L2C_ETH_ALEN) == 0 &&
		    strcmp(t->ss.s[i]->user, t->conn.user) == 0 &&
		    !t->ss.s[i]->rc_on)
			s = t->ss.s[i];
	if (s != NULL && ok) {
		keep(s, t->conn.pass);
		tui_status(t, TA_OK, "reconnect on for %s", s->name);
		from_lost(s);
	} else if (s != NULL)
		tui_status(t, TA_NORMAL, "reconnect stays off for %s",
		    s->name);
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
}

void
tui_rc_toggle(struct tui *t, struct tui_sess *s)
{
	char	title[TUI_NAMELEN];

	if (s->rc_on) {
		if (s->state == TS_RECONNECTING)
			give_up(s, "reconnect turned off");
		forget(s);
		tui_status(t, TA_NORMAL, "reconnect off for %s", s->name);
		return;
	}
	if (!(s->fam->flags & L2C_FAM_LOGIN)) {
		s->rc_on = 1;
		tui_status(t, TA_OK, "reconnect on for %s", s->name);
		from_lost(s);
		return;
	}
	snprintf(title, sizeof(title), "Reconnect: %.64s's password",
	    s->user);
	/* Into the UI's own secret buffer: the session may go meanwhile. */
	memcpy(t->conn.peer, s->peer, L2C_ETH_ALEN);
	snprintf(t->conn.user, sizeof(t->conn.user), "%s", s->user);
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	tui_form_one(t, title, "Password", t->conn.pass, sizeof(t->conn.pass),
	    1, pass_done);
}
