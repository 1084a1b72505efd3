/* SPDX-License-Identifier: ISC */
/*
 * The session screen: the current session drawn from its pane, the
 * session list below it, and every key for the device, turned into the
 * bytes its terminal mode wants (pane.h), but the escape key, which
 * opens the session menu (menu.c) over it.  A bracketed paste's marks
 * turn paced input on (sessions.c); ^C stops what is being paced.
 */
#include <string.h>

#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

static const char *const sess_keys[] = { NULL };

static void
sess_draw(struct tui *t, void *data)
{
	(void)data;
	tui_sess_draw(t, tui_sess_cur(t));
}

static void
sess_key(struct tui *t, void *data, int ch)
{
	struct tui_sess	*s = tui_sess_cur(t);

	(void)data;
	if (s == NULL)
		return;
	if (t->o.escape != L2C_ESCAPE_NONE && ch == t->o.escape) {
		s->menu_cur = 0;
		t->status[0] = '\0';
		(void)tui_push(t, &tui_scr_menu, s);
		return;
	}
	/* Typed ahead while connecting: queued until it is open. */
	if (s->state == TS_LOST || s->state == TS_CLOSED || s->closing)
		return;
	if (ch == TUI_KEY_PASTE_BEGIN || ch == TUI_KEY_PASTE_END) {
		tui_sess_paste(s, ch == TUI_KEY_PASTE_BEGIN);
		return;
	}
	if (ch == 0x03 && !s->in_paste && l2c_feed_busy(&s->feed)) {
		tui_sess_paste_stop(s, "^C:");
		return;
	}
	if (ch == '\n' && (s->fam->flags & L2C_FAM_LF_TO_CR))
		ch = '\r';
	/* Typing brings the live screen back, as in a terminal. */
	if (tui_pane_scrolled(s->pane) > 0)
		tui_pane_scroll(s->pane, -tui_pane_scrolled(s->pane));
	s->typing = 1;
	tui_pane_key(s->pane, ch);
	s->typing = 0;
}

const struct tui_screen tui_scr_sess = {
	.name = "session",
	.full = 1,
	.raw = 1,
	.draw = sess_draw,
	.key = sess_key,
	.keys = sess_keys,
};
