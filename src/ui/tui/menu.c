/* SPDX-License-Identifier: ISC */
/*
 * The session menu, drawn by curses when the escape key is pressed in a
 * session: back to the device, disconnect, break, the session log and
 * session information.  One row per entry, like the CLI's escape prompt.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "ui/console/console.h"
#include "ui/tui/tui_int.h"

struct menu_item {
	int		 key;
	const char	*label;
	void		(*fn)(struct tui *);
};

static void	m_back(struct tui *);
static void	m_disc(struct tui *);
static void	m_break(struct tui *);
static void	m_log(struct tui *);
static void	m_info(struct tui *);
static void	m_esc(struct tui *);

static const struct menu_item items[] = {
	{ 'r',	"Return to the session",			m_back },
	{ 'd',	"Disconnect, back to the device list",		m_disc },
	{ 'b',	"Send a break (MOP)",				m_break },
	{ 'l',	"Start the session log",			m_log },
	{ 'i',	"Session information",				m_info },
	{ 'e',	"Send the escape key to the device",		m_esc },
};
#define NITEMS	(int)(sizeof(items) / sizeof(items[0]))

static const char *const menu_keys[] = {
	"Enter", "Choose", "Esc", "Back to the session", "d", "Disconnect",
	"i", "Info", NULL
};

/* Curses steps aside again; the console takes the terminal back. */
static void
m_back(struct tui *t)
{
	struct tui_sess	*s = t->sess;

	s->menu_up = 0;
	tui_pop_to(t, s->base);
	tui_curses_off(t);
	l2c_console_resume(s->con);
}

/* END or Release goes out; l2c_console_run returns once it is closed. */
static void
m_disc(struct tui *t)
{
	struct tui_sess	*s = t->sess;

	if (s->closing)
		return;
	s->closing = 1;
	tui_status(t, TA_NORMAL, "disconnecting from %s...", t->conn.name);
	l2c_console_close(s->con);
}

static void
m_break(struct tui *t)
{
	struct tui_sess	*s = t->sess;
	int		 rv;

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
	struct tui_sess	*s = t->sess;

	if (!ok || s == NULL || s->logpath[0] == '\0')
		return;
	log_said(t, s->logpath, l2c_console_log_start(s->con, s->logpath,
	    t->o.timestamps));
}

/* Where to log: --log FILE, else ask, offering a name with the time. */
static void
m_log(struct tui *t)
{
	struct tui_sess	*s = t->sess;
	const char	*p;
	char		 stamp[32], name[64];
	struct tm	 tm;
	time_t		 now = time(NULL);
	size_t		 i;

	if ((p = l2c_console_log_path(s->con)) != NULL) {
		tui_status(t, TA_NORMAL, "session log %s closed", p);
		l2c_console_log_stop(s->con);
		return;
	}
	if (t->o.log != NULL) {
		log_said(t, t->o.log, tui_log_attach(t, s->con));
		return;
	}
	snprintf(name, sizeof(name), "%.40s", t->conn.name);
	for (i = 0; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			name[i] = '_';
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(s->logpath, sizeof(s->logpath), "l2console-%s-%s.log", name,
	    stamp);
	memset(&t->form, 0, sizeof(t->form));
	snprintf(t->form.title, sizeof(t->form.title), "Session log");
	t->form.f[0] = (struct tui_field){ "File", s->logpath,
	    sizeof(s->logpath), 0 };
	t->form.n = 1;
	t->form.done = log_done;
	tui_form_show(t);
}

static void
m_info(struct tui *t)
{
	struct tui_sess		*s = t->sess;
	struct l2c_sess_info	 i;
	const char		*log;
	char			 mac[L2C_MAC_STRLEN], age[16];

	memset(&i, 0, sizeof(i));
	s->sess.ops->info(s->sess.s, &i);
	tui_pop_clear(t);
	tui_pop_add(t, "%-14s %s (%s)", "Peer", l2c_mac_fmt(i.peer, mac,
	    sizeof(mac)), t->conn.name);
	tui_pop_add(t, "%-14s %s", "Protocol", i.proto ? i.proto :
	    s->sess.ops->proto);
	tui_pop_add(t, "%-14s %s%s%s", "Login", i.method ? i.method : "-",
	    (t->conn.fam->flags & L2C_FAM_LOGIN) ? " as " : "",
	    (t->conn.fam->flags & L2C_FAM_LOGIN) ? t->conn.user : "");
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
	tui_pop_add(t, "%-14s %s", "Connected for", tui_age(l2c_now_us() -
	    s->start_us, age, sizeof(age)));
	log = l2c_console_log_path(s->con);
	tui_pop_add(t, "%-14s %s", "Session log", log != NULL ? log : "off");
	tui_pop_show(t, "Session information");
}

static void
m_esc(struct tui *t)
{
	uint8_t	b = (uint8_t)t->o.escape;

	(void)l2c_console_input(t->sess->con, &b, 1);
	m_back(t);
}

static void
menu_draw(struct tui *t, void *data)
{
	struct tui_sess	*s = data;
	const char	*log = l2c_console_log_path(s->con), *label;
	char		 left[512], line[512];
	char		 mac[L2C_MAC_STRLEN], esc[8];
	int		 i, w = 56, h = NITEMS + 5, y, x;
	attr_t		 a;

	snprintf(left, sizeof(left), "l2console - session with %s (%s)",
	    t->conn.name, l2c_mac_fmt(t->conn.peer, mac, sizeof(mac)));
	tui_header(t, left, t->conn.fam->title);
	/* What an entry opened (information, the log form) stands alone. */
	if (tui_top(t) != &tui_scr_menu) {
		tui_statusline(t, LINES - 2);
		return;
	}
	if (w > COLS - 2)
		w = COLS - 2;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	tui_frame(t, y, x, h, w, "Session menu");
	for (i = 0; i < NITEMS; i++) {
		label = items[i].label;
		if (items[i].fn == m_log && log != NULL)
			label = "Stop the session log";
		if (items[i].fn == m_esc) {
			snprintf(line, sizeof(line), " %c  Send the escape key "
			    "(%s) to the device", items[i].key,
			    tui_keyname(t->o.escape, esc, sizeof(esc)));
		} else
			snprintf(line, sizeof(line), " %c  %s", items[i].key,
			    label);
		a = i == s->menu_cur ? t->attr[TA_SEL] :
		    items[i].fn == m_break && s->sess.ops->brk == NULL ?
		    t->attr[TA_DIM] : A_NORMAL;
		if (i == s->menu_cur)
			tui_fill(y + 2 + i, x + 1, w - 2, a);
		tui_put(y + 2 + i, x + 1, w - 2, a, line);
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
	if (s->closing)
		return;
	if (ch == 27 || (t->o.escape != L2C_ESCAPE_NONE &&
	    ch == t->o.escape)) {
		m_back(t);
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
		items[s->menu_cur].fn(t);
		return;
	case 'q':
		m_disc(t);
		return;
	default:
		break;
	}
	for (i = 0; i < NITEMS; i++)
		if (items[i].key == ch) {
			s->menu_cur = i;
			items[i].fn(t);
			return;
		}
}

const struct tui_screen tui_scr_menu = {
	.name = "session menu",
	.full = 1,
	.init = tui_adopt,
	.draw = menu_draw,
	.key = menu_key,
	.keys = menu_keys,
};

void
tui_menu_open(struct tui *t)
{
	struct tui_sess	*s = t->sess;

	s->menu_up = 1;
	s->menu_cur = 0;
	t->status[0] = '\0';
	tui_pop_to(t, s->base);
	(void)tui_push(t, &tui_scr_menu, s);
	(void)tui_curses_on(t);
}
