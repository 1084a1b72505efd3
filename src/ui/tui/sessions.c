/* SPDX-License-Identifier: ISC */
/*
 * The consoles under way in the full-screen UI: up to nine at once, all
 * on the one event loop, so that a session in the background keeps
 * receiving, answering keepalives and logging.  Each is a struct
 * tui_sess with its own pane (pane.h: the terminal model it is drawn
 * from, which answers the device's probes), its log, its queue of keys
 * and answers for the device, and how it ended.  The session screen
 * (sess.c) shows the current one; this file starts, switches and ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "ui/registry.h"
#include "ui/conf/secret.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

#define CLOSE_GRACE	L2C_SEC(3)	/* CLOSED must come by then */
#define PROGRESS	L2C_SEC(1)	/* a file's progress, this often */
/* What the pane emulates: libvterm is an xterm-class terminal. */
#define SESS_TERM	"xterm"

static void	reap(void *);

struct tui_sess *
tui_sess_cur(struct tui *t)
{
	struct tui_sessions	*ss = &t->ss;

	return ss->n > 0 && ss->cur >= 0 && ss->cur < ss->n ?
	    ss->s[ss->cur] : NULL;
}

static int
index_of(const struct tui *t, const struct tui_sess *s)
{
	int	i;

	for (i = 0; i < t->ss.n; i++)
		if (t->ss.s[i] == s)
			return i;
	return -1;
}

/* Whether s is the one on the screen now. */
static int
on_screen(const struct tui *t, const struct tui_sess *s)
{
	return t->ss.shown && index_of(t, s) == t->ss.cur;
}

const char *
tui_sess_state_name(const struct tui_sess *s)
{
	static const char *const names[] = {
		[TS_CONNECTING] = "connecting",
		[TS_CONNECTED] = "connected",
		[TS_LOST] = "lost",
		[TS_CLOSED] = "closed",
		[TS_RECONNECTING] = "reconnecting",
	};

	if (s->closing && s->state != TS_LOST && s->state != TS_CLOSED)
		return "closing";
	return names[s->state];
}

/* The session area: everything but the session list at the bottom. */
static void
area(int *cols, int *rows)
{
	*cols = COLS > 0 ? COLS : 80;
	*rows = LINES > 1 ? LINES - 1 : 1;
}

/* Keys and the model's answers go out once the session can take them. */
static void
pump(struct tui_sess *s)
{
	int	taken;

	if (s->inlen == 0 || s->state != TS_CONNECTED || s->closing)
		return;
	taken = s->sess.ops->input(s->sess.s, s->in, s->inlen);
	if (taken <= 0)
		return;
	memmove(s->in, s->in + taken, s->inlen - (size_t)taken);
	s->inlen -= (size_t)taken;
}

/* The feeder's hooks: a line to the session, a word to the status. */
static int
feed_offer(void *arg, const uint8_t *p, size_t n)
{
	struct tui_sess	*s = arg;

	if (s->state != TS_CONNECTED || s->closing)
		return 0;
	return s->sess.ops->input(s->sess.s, p, n);
}

static void
feed_say(void *arg, const char *line)
{
	struct tui_sess	*s = arg;

	tui_status(s->t, TA_NORMAL, "%s: %s", s->name, line);
}

/* Paced input: what may go now, and when to look again. */
static void
pump_paced(struct tui_sess *s)
{
	uint64_t	deadline, now;
	int		rv;

	if ((rv = l2c_feed_pump(&s->feed, s->in, &s->inlen, &deadline)) < 0) {
		tui_sess_paste_stop(s, l2c_strerror(rv));
		return;
	}
	if (deadline != 0) {
		now = l2c_now_us();
		l2c_timer_arm(s->t->loop, &s->feed_timer, deadline > now ?
		    deadline - now : 0);
	}
	if (!l2c_feed_busy(&s->feed) && s->inlen == 0 && !s->in_paste)
		s->paced = 0;
}

/*
 * What waits in in[], from the loop once a batch of keys is in: more
 * than one line at once (a paste the terminal did not bracket) goes
 * paced, as everything queued behind paced input does.
 */
static void
flush(struct tui_sess *s)
{
	if (!s->paced && s->feed.pacing &&
	    l2c_feed_wanted(&s->feed, s->in, s->inlen))
		s->paced = 1;
	if (s->paced || l2c_feed_busy(&s->feed))
		pump_paced(s);
	else
		pump(s);
}

static void
on_feed(void *arg)
{
	flush(arg);
}

int
tui_sess_send(struct tui_sess *s, const void *p, size_t n)
{
	if (s->state == TS_LOST || s->state == TS_CLOSED || s->closing)
		return L2C_ERR_INVAL;
	/* A paste fills in[] within one batch: into the feed's queue. */
	if (n > sizeof(s->in) - s->inlen)
		flush(s);
	if (n > sizeof(s->in) - s->inlen) {
		s->in_lost += n;
		return L2C_ERR_NOSPACE;
	}
	memcpy(s->in + s->inlen, p, n);
	s->inlen += n;
	/* After this pass of the loop: the rest of the keys read with it. */
	l2c_timer_arm(s->t->loop, &s->feed_timer, 0);
	return 0;
}

static void
on_progress(void *arg)
{
	struct tui_sess	*s = arg;
	char		 line[L2C_FEED_NAME + 128];

	if (l2c_feed_progress(&s->feed, line, sizeof(line)) == 0)
		return;		/* done or stopped: the feeder said so */
	feed_say(s, line);
	l2c_timer_arm(s->t->loop, &s->progress, PROGRESS);
}

void
tui_sess_send_file(struct tui_sess *s, const char *path)
{
	if (l2c_feed_send(&s->feed, path, "f in the menu (or ^C)") != 0)
		return;
	s->paced = 1;
	l2c_timer_arm(s->t->loop, &s->progress, PROGRESS);
	l2c_timer_arm(s->t->loop, &s->feed_timer, 0);
}

void
tui_sess_paste(struct tui_sess *s, int begin)
{
	s->in_paste = begin;
	if (begin && s->feed.pacing)
		s->paced = 1;
}

/* Paced input stops (^C, an input error, the session's end). */
void
tui_sess_paste_stop(struct tui_sess *s, const char *why)
{
	if (!l2c_feed_busy(&s->feed) && !s->paced)
		return;
	l2c_feed_stop(&s->feed, why);
	explicit_bzero(s->in, s->inlen);
	s->inlen = 0;
	s->paced = s->in_paste = 0;
	l2c_timer_cancel(s->t->loop, &s->feed_timer);
}

/*
 * The pane's bytes for the device: answers to probes, keys.  A key is
 * echoed when local echo is on, and goes through the output maps.
 */
static void
on_reply(void *arg, const char *p, size_t n)
{
	struct tui_sess	*s = arg;
	uint8_t		 out[512];
	size_t		 k, m;

	if (!s->typing) {
		(void)tui_sess_send(s, p, n);
		return;
	}
	if (s->view.local_echo) {
		l2c_view_echo(&s->view, (const uint8_t *)p, n);
		if (on_screen(s->t, s))
			tui_dirty(s->t);
	}
	for (; n > 0; p += k, n -= k) {
		k = n < sizeof(out) / 2 ? n : sizeof(out) / 2;
		m = l2c_view_out(&s->view, (const uint8_t *)p, k, out);
		(void)tui_sess_send(s, out, m);
	}
	explicit_bzero(out, sizeof(out));
}

/* The view's way out: into the pane. */
static void
view_put(void *arg, const void *p, size_t n)
{
	struct tui_sess	*s = arg;

	tui_pane_feed(s->pane, p, n);
}

static void
on_output(void *arg, const uint8_t *p, size_t n)
{
	struct tui_sess	*s = arg;

	if (s->log.fd >= 0 && l2c_sess_log_write(&s->log, p, n) != 0) {
		tui_status(s->t, TA_ERR, "%s: session log %s: write failed, "
		    "logging stopped", s->name, s->log.path);
		l2c_sess_log_stop(&s->log);
	}
	l2c_view_show(&s->view, p, n);
	if (l2c_feed_busy(&s->feed)) {
		l2c_feed_output(&s->feed, p, n);
		l2c_timer_arm(s->t->loop, &s->feed_timer, 0);
	}
	if (on_screen(s->t, s))
		tui_dirty(s->t);
}

/* How it ended, in the family's words (the same as the commands'). */
static void
verdict(struct tui_sess *s)
{
	struct tui		*t = s->t;
	struct l2c_sess_end	 e = { s->err, t->u.link->ifname, &s->sc,
				    s->have_facts ? &s->facts : NULL };
	char			 why[512];

	if (l2c_family_explain(s->fam, &e, why, sizeof(why)) > 0)
		tui_status(t, s->err != 0 ? TA_ERR : TA_NORMAL, "%s: %s",
		    s->name, why);
	else
		tui_status(t, TA_NORMAL, "session with %s ended", s->name);
}

/* What got in, for the next time (conf/known.h). */
static void
remember(struct tui_sess *s)
{
	struct l2c_sess_info	info;

	memset(&info, 0, sizeof(info));
	s->sess.ops->info(s->sess.s, &info);
	if (info.login != L2C_LOGIN_NONE)
		(void)l2c_known_save(&s->t->known, s->peer,
		    info.login == L2C_LOGIN_STRONG ? L2C_KNOWN_ECSRP5 :
		    L2C_KNOWN_MD5, NULL);
}

static void
opened(struct tui_sess *s)
{
	int	cols, rows, again = s->state == TS_RECONNECTING;

	if (again)
		tui_rc_opened(s);
	remember(s);
	s->state = TS_CONNECTED;
	area(&cols, &rows);
	(void)s->sess.ops->resize(s->sess.s, (unsigned)cols, (unsigned)rows);
	/* The wake-up CR goes before anything typed ahead. */
	if ((s->fam->flags & L2C_FAM_WAKE) && s->inlen < sizeof(s->in)) {
		memmove(s->in + 1, s->in, s->inlen++);
		s->in[0] = '\r';
	}
	flush(s);
	tui_status(s->t, TA_OK, "connected to %s%s", s->name,
	    again ? " again" : "");
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct tui_sess		*s = arg;
	struct tui		*t = s->t;
	enum tui_sess_state	 was = s->state;

	switch (ev) {
	case L2C_SESS_OPEN:
		opened(s);
		break;
	case L2C_SESS_CLOSED:
		l2c_timer_cancel(t->loop, &s->grace);
		tui_sess_paste_stop(s, "the session ended:");
		s->err = err;
		s->have_facts = s->sess.ops->facts != NULL;
		if (s->have_facts)
			s->sess.ops->facts(s->sess.s, &s->facts);
		verdict(s);
		/*
		 * Lost after it was open, and nobody asked: reconnect
		 * takes it on, or it stays in the list with its last
		 * screen, until dismissed.
		 */
		if (tui_rc_closed(s, was, err))
			s->state = TS_RECONNECTING;
		else if ((was == TS_RECONNECTING || (was == TS_CONNECTED &&
		    err != 0)) && !s->closing && !t->quit) {
			s->state = TS_LOST;
			tui_rc_ended(s);
		} else
			s->state = TS_CLOSED;
		l2c_timer_arm(t->loop, &s->reap, 0);
		break;
	case L2C_SESS_NOTICE:
		if (msg != NULL)
			tui_status(t, TA_NORMAL, "%s: %s", s->name, msg);
		break;
	case L2C_SESS_WRITABLE:
		flush(s);
		break;
	}
	tui_dirty(t);
}

/* The session never said CLOSED: take it as closed. */
static void
on_grace(void *arg)
{
	struct tui_sess	*s = arg;

	s->state = TS_CLOSED;
	reap(s);
}

static void
sess_free(struct tui_sess *s)
{
	struct tui	*t = s->t;

	l2c_timer_cancel(t->loop, &s->grace);
	l2c_timer_cancel(t->loop, &s->reap);
	l2c_timer_cancel(t->loop, &s->feed_timer);
	l2c_timer_cancel(t->loop, &s->progress);
	l2c_feed_free(&s->feed);
	tui_rc_free(s);
	if (s->started)
		s->sess.ops->free(s->sess.s);
	l2c_sess_log_stop(&s->log);
	tui_pane_free(s->pane);
	explicit_bzero(s->in, sizeof(s->in));
	free(s);
}

/* Off the list; the screen goes to a neighbour, or back to the table. */
static void
drop(struct tui *t, struct tui_sess *s)
{
	struct tui_sessions	*ss = &t->ss;
	int			 i = index_of(t, s), was_cur = i == ss->cur;

	if (i < 0)
		return;
	memmove(&ss->s[i], &ss->s[i + 1],
	    (size_t)(ss->n - i - 1) * sizeof(ss->s[0]));
	ss->n--;
	if (ss->cur > i || ss->cur >= ss->n)
		ss->cur = ss->cur > 0 ? ss->cur - 1 : 0;
	sess_free(s);
	/* Ask the neighbours again: a released console shows free. */
	tui_neigh_resume(t);
	if (ss->n == 0 && ss->shown)
		tui_sess_table(t);
	else if (ss->shown && was_cur)
		tui_sess_show(t, ss->cur);
	if (t->quit && ss->n == 0)
		l2c_loop_break(t->loop, 0);
	tui_dirty(t);
}

/*
 * After CLOSED, from the loop: a closed session goes; a lost one stays;
 * one reconnecting waits for its device without the old session.
 */
static void
reap(void *arg)
{
	struct tui_sess	*s = arg;

	if (s->state == TS_RECONNECTING && s->started) {
		s->sess.ops->free(s->sess.s);
		s->started = 0;
		tui_rc_wait(s);
	}
	if (s->state == TS_LOST || s->state == TS_RECONNECTING)
		return;
	drop(s->t, s);
}

/* Push the session screen over the table, or show another session. */
void
tui_sess_show(struct tui *t, int i)
{
	struct tui_sessions	*ss = &t->ss;
	int			 cols, rows;

	if (ss->n == 0)
		return;
	if (i < 0 || i >= ss->n)
		i = ss->cur < ss->n ? ss->cur : 0;
	ss->cur = i;
	if (ss->shown)
		tui_pop_to(t, ss->base + 1);
	else {
		ss->base = t->depth;
		if (tui_push(t, &tui_scr_sess, ss) != 0)
			return;
		ss->shown = 1;
	}
	/* It may have missed a resize while it was not shown. */
	area(&cols, &rows);
	(void)tui_pane_resize(ss->s[i]->pane, cols, rows);
	tui_dirty(t);
}

void
tui_sess_next(struct tui *t, int delta)
{
	struct tui_sessions	*ss = &t->ss;

	if (ss->n > 0)
		tui_sess_show(t, ((ss->cur + delta) % ss->n + ss->n) % ss->n);
}

/* Back to the neighbour table; the sessions keep running. */
void
tui_sess_table(struct tui *t)
{
	if (!t->ss.shown)
		return;
	tui_pop_to(t, t->ss.base);
	t->ss.shown = 0;
	tui_dirty(t);
}

/* END, or Release on MOP: the session goes once it says CLOSED. */
void
tui_sess_disconnect(struct tui *t, struct tui_sess *s)
{
	if (s->state == TS_LOST || !s->started) {
		s->state = TS_CLOSED;
		drop(t, s);
		return;
	}
	if (s->closing)
		return;
	tui_sess_paste_stop(s, "disconnect:");
	s->closing = 1;
	s->inlen = 0;
	l2c_timer_arm(t->loop, &s->grace, CLOSE_GRACE);
	s->sess.ops->close(s->sess.s);
	tui_dirty(t);
}

/* --log: every session logs to the one file, from a copy of its fd. */
static void
log_attach(struct tui *t, struct tui_sess *s)
{
	if (t->o.log != NULL && tui_log_attach(t, &s->log) != 0)
		tui_status(t, TA_ERR, "cannot open the session log %s: %m",
		    t->o.log);
}

/* The same sessions as `l2console mikrotik` and `l2console mop`. */
static int
launch(struct tui *t, struct tui_sess *s, const char *pass)
{
	struct l2c_sess_conf	*sc = &s->sc;
	struct l2c_sess_cb	 cb = { on_output, on_event, s };
	int			 cols, rows, rv;

	area(&cols, &rows);
	memset(sc, 0, sizeof(*sc));
	memcpy(sc->peer, s->peer, L2C_ETH_ALEN);
	if (s->fam->flags & L2C_FAM_LOGIN) {
		sc->login = s->user;
		sc->password = pass;
		/* As the command does: no downgrade from a known device. */
		sc->strong_known = l2c_known_strong(&t->known, s->peer);
	}
	sc->term = SESS_TERM;
	sc->cols = (unsigned)cols;
	sc->rows = (unsigned)rows;
	if (s->fam->start == NULL)
		return L2C_ERR_INVAL;
	/* The session copies what it keeps of sc (core/family.h). */
	rv = s->fam->start(&t->u.ctx, sc, &cb, &s->sess);
	sc->password = NULL;
	return rv;
}

static int
restart(struct tui_sess *s)
{
	return launch(s->t, s, s->pass);
}

/* A pane, then the session into it. */
static int
start(struct tui *t, struct tui_sess *s)
{
	struct tui_pane_conf	 pc;
	int			 cols, rows, rv;

	area(&cols, &rows);
	memset(&pc, 0, sizeof(pc));
	pc.cols = cols;
	pc.rows = rows;
	pc.scrollback = t->ss.scrollback;
	pc.reply = on_reply;
	pc.arg = s;
	if ((rv = tui_pane_new(&pc, &s->pane)) != 0)
		return rv;
	return launch(t, s, t->conn.pass);
}

/* A new session to t->conn, shown at once; the password is wiped. */
void
tui_sess_begin(struct tui *t)
{
	struct tui_sessions	*ss = &t->ss;
	struct tui_sess		*s;
	int			 rv;

	if (ss->n >= TUI_SESS_MAX) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_ERR, "%d sessions are open already: close "
		    "one first", TUI_SESS_MAX);
		return;
	}
	if (ss->pal == NULL && (ss->pal = tui_palette_new(t->color)) == NULL) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_ERR, "out of memory");
		return;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_ERR, "out of memory");
		return;
	}
	s->t = t;
	s->fam = t->conn.fam;
	memcpy(s->peer, t->conn.peer, L2C_ETH_ALEN);
	snprintf(s->name, sizeof(s->name), "%s", t->conn.name);
	snprintf(s->user, sizeof(s->user), "%s", t->conn.user);
	s->start_us = l2c_now_us();
	l2c_sess_log_init(&s->log);
	l2c_timer_init(&s->grace, on_grace, s);
	l2c_timer_init(&s->reap, reap, s);
	l2c_timer_init(&s->feed_timer, on_feed, s);
	l2c_timer_init(&s->progress, on_progress, s);
	s->view.bol = 1;
	s->view.put = view_put;
	s->view.arg = s;
	s->feed.file_fd = -1;
	s->feed.offer = feed_offer;
	s->feed.say = feed_say;
	s->feed.arg = s;
	if (l2c_feed_init(&s->feed, t->o.paste_wait, t->o.paste_delay_us,
	    t->o.line_delay_us, 1) != 0) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_ERR, "out of memory");
		sess_free(s);
		return;
	}
	s->restart = restart;
	tui_rc_init(s, t->conn.pass);
	log_attach(t, s);
	rv = start(t, s);
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	if (rv != 0) {
		tui_status(t, TA_ERR, "cannot start a session with %s: %s",
		    s->name, l2c_strerror(rv));
		sess_free(s);
		return;
	}
	s->started = 1;
	ss->s[ss->n++] = s;
	tui_status(t, TA_NORMAL, "connecting to %s with %s...", s->name,
	    s->fam->title);
	tui_sess_show(t, ss->n - 1);
}

/* The window changed: every pane and every open session follows. */
void
tui_sess_resize_all(struct tui *t)
{
	struct tui_sess	*s;
	int		 i, cols, rows;

	area(&cols, &rows);
	for (i = 0; i < t->ss.n; i++) {
		s = t->ss.s[i];
		(void)tui_pane_resize(s->pane, cols, rows);
		if (s->state == TS_CONNECTED && !s->closing)
			(void)s->sess.ops->resize(s->sess.s, (unsigned)cols,
			    (unsigned)rows);
	}
}

/* Leaving the UI: END or Release for each; nonzero while any is owed. */
int
tui_sess_end_all(struct tui *t)
{
	struct tui_sess	*s;
	int		 i, waiting = 0;

	for (i = t->ss.n - 1; i >= 0; i--) {
		s = t->ss.s[i];
		if (s->state == TS_LOST || !s->started) {
			s->state = TS_CLOSED;
			drop(t, s);
			continue;
		}
		if (s->state != TS_CLOSED)
			waiting = 1;
		tui_sess_disconnect(t, s);
	}
	return waiting;
}

void
tui_sess_free_all(struct tui *t)
{
	while (t->ss.n > 0)
		sess_free(t->ss.s[--t->ss.n]);
	tui_palette_free(t->ss.pal);
	t->ss.pal = NULL;
}

/*
 * The session list: number, name, state, and "logged" when it logs;
 * names are cut so that every session fits on the line.
 */
static void
list_line(struct tui *t, int y)
{
	struct tui_sessions	*ss = &t->ss;
	struct tui_sess		*s;
	char			 item[TUI_NAMELEN + 64], tail[32];
	int			 i, x = 0, w, room;
	attr_t			 a;

	tui_fill(y, 0, COLS, t->attr[TA_KEYBAR]);
	for (i = 0; i < ss->n && x < COLS; i++) {
		s = ss->s[i];
		w = snprintf(tail, sizeof(tail), " %s%s ",
		    tui_sess_state_name(s), s->log.fd >= 0 ? ",logged" : "");
		room = COLS / ss->n - w - 4;
		if (room < 4)
			room = 4;
		snprintf(item, sizeof(item), " %d:%.*s%s", i + 1, room,
		    s->name, tail);
		a = i == ss->cur ? A_REVERSE | A_BOLD : s->state == TS_LOST ?
		    t->attr[TA_ERR] : t->attr[TA_KEYBAR];
		w = tui_put(y, x, COLS - x, a, item);
		x += w + 1;
	}
	if (t->status[0] != '\0' && x + 4 < COLS)
		tui_put(y, x + 1, COLS - x - 1, t->attr[TA_KEYBAR], t->status);
}

void
tui_sess_draw(struct tui *t, struct tui_sess *s)
{
	int	cy, cx;

	if (s == NULL)
		return;
	tui_pane_draw(s->pane, t->ss.pal, 0, LINES - 1, COLS, &cy, &cx);
	list_line(t, LINES - 1);
	t->cur_y = cy;
	t->cur_x = cx;
}
