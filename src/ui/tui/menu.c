/* SPDX-License-Identifier: ISC */
/*
 * The session menu, drawn over the current session when the escape key
 * is pressed in it: back to the device, switching sessions (next,
 * previous, 1-9, the device table with the sessions left running),
 * scrollback (scroll, search, write), disconnect, break, the session
 * log, session information, and the line-mode console's small tools
 * (sess_tools.c).  One row per entry.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "ui/console/console.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

struct menu_item {
	int			 key;
	const char		*label;
	void			(*fn)(struct tui *, struct tui_sess *);
	enum l2c_view_switch	 sw;		/* m_flip's switch */
	const char		*on_label;	/* while it is on, or NULL */
};

static void	m_back(struct tui *, struct tui_sess *);
static void	m_next(struct tui *, struct tui_sess *);
static void	m_prev(struct tui *, struct tui_sess *);
static void	m_table(struct tui *, struct tui_sess *);
static void	m_scroll(struct tui *, struct tui_sess *);
static void	m_find(struct tui *, struct tui_sess *);
static void	m_write(struct tui *, struct tui_sess *);
static void	m_disc(struct tui *, struct tui_sess *);
static void	m_break(struct tui *, struct tui_sess *);
static void	m_log(struct tui *, struct tui_sess *);
static void	m_info(struct tui *, struct tui_sess *);
static void	m_esc(struct tui *, struct tui_sess *);
static void	m_help(struct tui *, struct tui_sess *);
static void	m_flip(struct tui *, struct tui_sess *);

static const struct menu_item items[] = {
	{ 'c',	"Continue in the session",		m_back, 0, NULL },
	{ 'n',	"Next session",				m_next, 0, NULL },
	{ 'p',	"Previous session",			m_prev, 0, NULL },
	{ 't',	"Device table (sessions keep running)",	m_table, 0, NULL },
	{ 's',	"Scroll back (PgUp too)",		m_scroll, 0, NULL },
	{ '/',	"Search the scrollback",		m_find, 0, NULL },
	{ 'w',	"Write the scrollback to a file",	m_write, 0, NULL },
	{ 'd',	"Disconnect this session",		m_disc, 0, NULL },
	{ 'b',	"Send a break (MOP)",			m_break, 0, NULL },
	{ 'l',	"Start the session log",		m_log,
	    0, "Stop the session log" },
	{ 'r',	"Reconnect when lost: turn on",		tui_rc_toggle,
	    0, "Reconnect when lost: turn off (on now)" },
	{ 'i',	"Session information",			m_info, 0, NULL },
	{ 'f',	"Send a file, line by line",		tui_tool_send,
	    0, "Stop sending the file" },
	{ 'x',	"Write hex bytes",			tui_tool_hex, 0, NULL },
	{ 'o',	"Local echo: turn on",			m_flip,
	    L2C_VIEW_ECHO, "Local echo: turn off (on now)" },
	{ 'h',	"Hex view of the output: turn on",	m_flip,
	    L2C_VIEW_HEX, "Hex view of the output: turn off (on now)" },
	{ 'T',	"Time stamps on the output: turn on",	m_flip,
	    L2C_VIEW_STAMPS, "Time stamps on the output: turn off (on now)" },
	{ 'm',	"CR/LF maps",				tui_tool_maps,
	    0, NULL },
	{ 'e',	"Send the escape key to the device",	m_esc, 0, NULL },
	{ '?',	"Help: every key",			m_help, 0, NULL },
};
#define NITEMS	(int)(sizeof(items) / sizeof(items[0]))

static const char *const menu_keys[] = {
	"Enter", "Choose", "Esc", "Back to the session", "1-9", "Session",
	"d", "Disconnect", "?", "Help", NULL
};

/* Back to the device: the menu goes, the session screen is on top. */
static void
m_back(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_pop_to(t, t->ss.base + 1);
}

static void
m_next(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_sess_next(t, 1);
}

static void
m_prev(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_sess_next(t, -1);
}

static void
m_table(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_sess_table(t);
	tui_status(t, TA_NORMAL, "%d session%s running: s in the table goes "
	    "back", t->ss.n, t->ss.n == 1 ? "" : "s");
}

static void
m_scroll(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_scroll_open(t, 1, 0);
}

static void
m_find(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_scroll_open(t, 0, 1);
}

static void
m_write(struct tui *t, struct tui_sess *s)
{
	(void)s;
	tui_scroll_write(t);
}

/* END or Release goes out; the session leaves the list once closed. */
static void
m_disc(struct tui *t, struct tui_sess *s)
{
	if (s->closing)
		return;
	tui_status(t, TA_NORMAL, "disconnecting from %s...", s->name);
	tui_sess_disconnect(t, s);
}

static void
m_break(struct tui *t, struct tui_sess *s)
{
	int		 rv;

	if (s->state != TS_CONNECTED)
		return;
	if (s->sess.ops->brk == NULL) {
		tui_status(t, TA_ERR, "%s has no break", s->sess.ops->proto);
		return;
	}
	if ((rv = s->sess.ops->brk(s->sess.s)) != 0)
		tui_status(t, TA_ERR, "break: %s", l2c_strerror(rv));
	else
		tui_status(t, TA_OK, "break sent");
}

/* The status line after starting a log: rv from the start. */
static void
log_said(struct tui *t, const char *path, int rv)
{
	if (rv != 0)
		tui_status(t, TA_ERR, "cannot log to %s: %s", path,
		    rv == L2C_ERR_SYS ? strerror(errno) : l2c_strerror(rv));
	else
		tui_status(t, TA_OK, "logging the session to %s%s", path,
		    t->o.timestamps ? " (with times)" : "");
}

static void
log_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);
	int		 fd, rv;

	if (!ok || s == NULL || s->logpath[0] == '\0')
		return;
	if ((fd = l2c_sess_log_open(s->logpath)) == -1)
		rv = L2C_ERR_SYS;
	else
		rv = l2c_sess_log_attach(&s->log, fd, s->logpath,
		    t->o.timestamps);
	log_said(t, s->logpath, rv);
}

/* Where to log: --log FILE, else ask, offering a name with the time. */
static void
m_log(struct tui *t, struct tui_sess *s)
{
	const char	*p;

	if ((p = l2c_sess_log_path(&s->log)) != NULL) {
		tui_status(t, TA_NORMAL, "session log %s closed", p);
		l2c_sess_log_stop(&s->log);
		return;
	}
	if (t->o.log != NULL) {
		log_said(t, t->o.log, tui_log_attach(t, &s->log));
		return;
	}
	tui_file_name(s->logpath, sizeof(s->logpath), s->name, "log");
	tui_form_one(t, "Session log", "File", s->logpath, sizeof(s->logpath),
	    0, log_done);
}

static void
m_info(struct tui *t, struct tui_sess *s)
{
	struct l2c_sess_info	 i;
	const char		*log;
	char			 mac[L2C_MAC_STRLEN], age[16];

	memset(&i, 0, sizeof(i));
	if (s->state == TS_CONNECTED || s->state == TS_CONNECTING)
		s->sess.ops->info(s->sess.s, &i);
	else
		memcpy(i.peer, s->peer, L2C_ETH_ALEN);
	tui_pop_clear(t);
	tui_pop_add(t, "%-14s %s (%s)", "Peer", l2c_mac_fmt(i.peer, mac,
	    sizeof(mac)), s->name);
	tui_pop_add(t, "%-14s %s", "Protocol", i.proto ? i.proto :
	    s->sess.ops->proto);
	tui_pop_add(t, "%-14s %s", "State", tui_sess_state_name(s));
	tui_pop_add(t, "%-14s %s%s%s", "Login", i.method ? i.method : "-",
	    (s->fam->flags & L2C_FAM_LOGIN) ? " as " : "",
	    (s->fam->flags & L2C_FAM_LOGIN) ? s->user : "");
	tui_pop_add(t, "%-14s %llu sent, %llu received", "Frames",
	    (unsigned long long)i.frames_tx, (unsigned long long)i.frames_rx);
	tui_pop_add(t, "%-14s %llu sent, %llu received (terminal)", "Bytes",
	    (unsigned long long)i.bytes_tx, (unsigned long long)i.bytes_rx);
	tui_pop_add(t, "%-14s %llu", "Retransmitted",
	    (unsigned long long)i.retransmits);
	if (i.rtt_us > 0)
		tui_pop_add(t, "%-14s %.2f ms", "Round trip",
		    (double)i.rtt_us / 1000);
	else
		tui_pop_add(t, "%-14s not measured yet", "Round trip");
	if (i.lost_bytes > 0)
		tui_pop_add(t, "%-14s %llu bytes the peer could not deliver",
		    "Output lost", (unsigned long long)i.lost_bytes);
	if (s->in_lost > 0)
		tui_pop_add(t, "%-14s %llu bytes the session could not take",
		    "Input lost", (unsigned long long)s->in_lost);
	tui_pop_add(t, "%-14s %s", "Connected for", tui_age(l2c_now_us() -
	    s->start_us, age, sizeof(age)));
	tui_pop_add(t, "%-14s %zu lines", "Scrollback",
	    tui_pane_history(s->pane));
	log = l2c_sess_log_path(&s->log);
	tui_pop_add(t, "%-14s %s", "Session log", log != NULL ? log : "off");
	tui_pop_show(t, "Session information");
}

/*
 * The chosen row's switch flips (menu_key makes the chosen row the
 * current one), and the session is back to be seen with it.
 */
static void
m_flip(struct tui *t, struct tui_sess *s)
{
	tui_tool_flip(t, s, items[s->menu_cur].sw);
	m_back(t, s);
}

/* Is what a row turns on or starts on (or under way) now? */
static int
is_on(const struct menu_item *it, const struct tui_sess *s)
{
	if (it->fn == m_log)
		return l2c_sess_log_path(&s->log) != NULL;
	if (it->fn == tui_rc_toggle)
		return s->rc_on;
	if (it->fn == tui_tool_send)
		return s->feed.sending;
	return it->fn == m_flip && l2c_view_on(&s->view, it->sw);
}

/* A row's label as things are now (on, off, under way). */
static const char *
label_of(const struct menu_item *it, const struct tui_sess *s)
{
	return it->on_label != NULL && is_on(it, s) ? it->on_label :
	    it->label;
}

static void
m_esc(struct tui *t, struct tui_sess *s)
{
	uint8_t	b = (uint8_t)t->o.escape;

	(void)tui_sess_send(s, &b, 1);
	m_back(t, s);
}

/* Every key of the session, the menu and scroll mode. */
static void
m_help(struct tui *t, struct tui_sess *s)
{
	char	esc[8];
	int	i;

	(void)s;
	tui_pop_clear(t);
	tui_pop_add(t, "In a session every key goes to the device, but %s,",
	    tui_keyname(t->o.escape, esc, sizeof(esc)));
	tui_pop_add(t, "which opens this menu.  In the menu:");
	/* Two to a line: the help fits most windows (and it scrolls). */
	for (i = 0; i < NITEMS; i += 2)
		tui_pop_add(t, "  %c  %-36s %c%s%s", items[i].key,
		    items[i].label, i + 1 < NITEMS ? items[i + 1].key : ' ',
		    i + 1 < NITEMS ? "  " : "",
		    i + 1 < NITEMS ? items[i + 1].label : "");
	tui_pop_add(t, "  1-9  show session 1 to 9; PgUp scroll back a page; "
	    "q disconnect");
	tui_pop_add(t, "  Esc  back to the session (%s too); ^C in the "
	    "session stops a paste", esc);
	tui_pop_add(t, "       or a file being sent");
	tui_pop_add(t, "In scroll mode:");
	tui_pop_add(t, "  PgUp PgDn Up Down  scroll; Home/g oldest, End/G "
	    "newest");
	tui_pop_add(t, "  /      search back; n again back, N forward");
	tui_pop_add(t, "  w      write the scrollback to a file (0600)");
	tui_pop_add(t, "  q Esc  back to the live screen");
	tui_pop_add(t, "The list at the bottom: each session, its state "
	    "(connecting,");
	tui_pop_add(t, "connected, reconnecting, lost, closing) and "
	    "\"logged\" when it");
	tui_pop_add(t, "logs to a file.  With r on, a session lost or ended "
	    "by the device");
	tui_pop_add(t, "waits for its ping, starts again and logs in with "
	    "the same password.");
	tui_pop_show(t, "Session keys");
}

static void
menu_draw(struct tui *t, void *data)
{
	struct tui_sess	*s = data;
	const char	*log = l2c_sess_log_path(&s->log), *label;
	char		 left[512], line[512];
	char		 mac[L2C_MAC_STRLEN], esc[8];
	int		 i, w = 56, h = NITEMS + 5, y, x, per = NITEMS, cw;
	attr_t		 a;

	snprintf(left, sizeof(left), "l2console - session %d of %d with %s "
	    "(%s)", t->ss.cur + 1, t->ss.n, s->name, l2c_mac_fmt(s->peer,
	    mac, sizeof(mac)));
	tui_header(t, left, s->fam->title);
	/* What an entry opened (information, the log form) stands alone. */
	if (tui_top(t) != &tui_scr_menu) {
		tui_statusline(t, LINES - 2);
		return;
	}
	/* Too tall for the window: two columns. */
	if (h > LINES - 3) {
		per = (NITEMS + 1) / 2;
		h = per + 5;
		w = 2 * w;
	}
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 3)
		h = LINES - 3;
	cw = per < NITEMS ? (w - 2) / 2 : w - 2;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	tui_frame(t, y, x, h, w, "Session menu");
	for (i = 0; i < NITEMS && i % per < h - 5; i++) {
		label = label_of(&items[i], s);
		if (items[i].fn == m_esc) {
			snprintf(line, sizeof(line), " %c  Send the escape key "
			    "(%s) to the device", items[i].key,
			    tui_keyname(t->o.escape, esc, sizeof(esc)));
		} else
			snprintf(line, sizeof(line), " %c  %s", items[i].key,
			    label);
		a = i == s->menu_cur ? t->attr[TA_SEL] :
		    items[i].fn == m_break && (s->state != TS_CONNECTED ||
		    s->sess.ops->brk == NULL) ? t->attr[TA_DIM] : A_NORMAL;
		if (i == s->menu_cur)
			tui_fill(y + 2 + i % per, x + 1 + i / per * cw, cw, a);
		tui_put(y + 2 + i % per, x + 1 + i / per * cw, cw, a, line);
	}
	if (s->closing)
		tui_put(y + h - 2, x + 2, w - 4, A_BOLD, "disconnecting...");
	else if (log != NULL) {
		snprintf(line, sizeof(line), "logging to %s", log);
		tui_put(y + h - 2, x + 2, w - 4, t->attr[TA_DIM], line);
	}
	tui_statusline(t, LINES - 2);
	tui_keybar(t, menu_keys);
}

/* Arrows and Enter, or an entry's own key; Esc or the escape key: back. */
static void
menu_key(struct tui *t, void *data, int ch)
{
	struct tui_sess	*s = data;
	int		 i;

	tui_dirty(t);
	if (ch == 27 || (t->o.escape != L2C_ESCAPE_NONE &&
	    ch == t->o.escape)) {
		m_back(t, s);
		return;
	}
	if (ch >= '1' && ch <= '9') {
		if (ch - '1' < t->ss.n)
			tui_sess_show(t, ch - '1');
		return;
	}
	switch (ch) {
	case KEY_UP:
	case 'k':
		s->menu_cur = (s->menu_cur + NITEMS - 1) % NITEMS;
		return;
	case KEY_DOWN:
	case 'j':
		s->menu_cur = (s->menu_cur + 1) % NITEMS;
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		items[s->menu_cur].fn(t, s);
		return;
	case KEY_PPAGE:
		m_scroll(t, s);
		return;
	case 'q':
		m_disc(t, s);
		return;
	default:
		break;
	}
	for (i = 0; i < NITEMS; i++)
		if (items[i].key == ch) {
			s->menu_cur = i;
			items[i].fn(t, s);
			return;
		}
}

const struct tui_screen tui_scr_menu = {
	.name = "session menu",
	.draw = menu_draw,
	.key = menu_key,
	.keys = menu_keys,
};
