/* SPDX-License-Identifier: ISC */
/*
 * Scroll mode over the current session (tmux's copy mode, read only):
 * the pane drawn from its scrollback, PgUp/PgDn and the arrows to move,
 * `/` to search back, n and N to search again, `w` to write the
 * scrollback to a file (mode 0600).  The session keeps running below;
 * q or Esc goes back to the live screen.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/priv.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

static const char *const scroll_keys[] = {
	"PgUp/PgDn", "Scroll", "/", "Search", "n/N", "Again", "w", "Write",
	"q", "Live", NULL
};

static void
scroll_draw(struct tui *t, void *data)
{
	struct tui_sess	*s = data;
	char		 tag[96];
	int		 w;

	tui_sess_draw(t, s);
	t->cur_y = t->cur_x = -1;
	w = snprintf(tag, sizeof(tag), "[scroll %d/%zu]",
	    tui_pane_scrolled(s->pane), tui_pane_history(s->pane));
	if (w > 0 && w < COLS)
		tui_put(0, COLS - w, w, t->attr[TA_HEADER], tag);
}

static void
find_again(struct tui *t, struct tui_sess *s, int back)
{
	if (s->find[0] == '\0')
		return;
	if (!tui_pane_search(s->pane, s->find, back))
		tui_status(t, TA_ERR, "\"%s\" not found %s", s->find,
		    back ? "above" : "below");
	else
		tui_status(t, TA_NORMAL, "\"%s\"", s->find);
	tui_dirty(t);
}

static void
find_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);

	if (ok && s != NULL)
		find_again(t, s, 1);
}

static void
find_ask(struct tui *t, struct tui_sess *s)
{
	tui_form_one(t, "Search back", "Text", s->find, sizeof(s->find), 0,
	    find_done);
}

static void
write_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);
	int		 fd, rv;

	if (!ok || s == NULL || s->wpath[0] == '\0')
		return;
	/* No link followed, no other file's mode kept: 0600 always. */
	if ((fd = l2c_priv_open_out(s->wpath, 0)) == -1) {
		tui_status(t, TA_ERR, "cannot write %s: %s", s->wpath,
		    strerror(errno));
		return;
	}
	rv = fchmod(fd, 0600) == -1 ? -1 : tui_pane_write(s->pane, fd);
	if (close(fd) == -1)
		rv = -1;
	if (rv != 0)
		tui_status(t, TA_ERR, "cannot write %s: %s", s->wpath,
		    strerror(errno));
	else
		tui_status(t, TA_OK, "scrollback written to %s (%zu lines "
		    "and the screen)", s->wpath, tui_pane_history(s->pane));
}

/* `w`: ask where, offering a name with the session and the time. */
void
tui_scroll_write(struct tui *t)
{
	struct tui_sess	*s = tui_sess_cur(t);

	if (s == NULL)
		return;
	tui_file_name(s->wpath, sizeof(s->wpath), s->name, "txt");
	tui_form_one(t, "Write the scrollback", "File", s->wpath,
	    sizeof(s->wpath), 0, write_done);
}

static void
scroll_key(struct tui *t, void *data, int ch)
{
	struct tui_sess	*s = data;
	int		 page = LINES > 3 ? LINES - 2 : 1;

	tui_dirty(t);
	switch (ch) {
	case KEY_PPAGE:
	case 'b':
		tui_pane_scroll(s->pane, page);
		break;
	case KEY_NPAGE:
	case ' ':
	case 'f':
		tui_pane_scroll(s->pane, -page);
		break;
	case KEY_UP:
	case 'k':
		tui_pane_scroll(s->pane, 1);
		break;
	case KEY_DOWN:
	case 'j':
		tui_pane_scroll(s->pane, -1);
		break;
	case KEY_HOME:
	case 'g':
		tui_pane_scroll(s->pane, (int)tui_pane_history(s->pane));
		break;
	case KEY_END:
	case 'G':
		tui_pane_scroll(s->pane, -tui_pane_scrolled(s->pane));
		break;
	case '/':
		find_ask(t, s);
		break;
	case 'n':
		find_again(t, s, 1);
		break;
	case 'N':
		find_again(t, s, 0);
		break;
	case 'w':
		tui_scroll_write(t);
		break;
	case 'q':
	case 27:
		tui_pane_scroll(s->pane, -tui_pane_scrolled(s->pane));
		tui_pop_to(t, t->ss.base + 1);
		break;
	default:
		if (t->o.escape != L2C_ESCAPE_NONE && ch == t->o.escape) {
			tui_pane_scroll(s->pane, -tui_pane_scrolled(s->pane));
			tui_pop_to(t, t->ss.base + 1);
		}
		break;
	}
}

const struct tui_screen tui_scr_scroll = {
	.name = "scroll mode",
	.full = 1,
	.draw = scroll_draw,
	.key = scroll_key,
	.keys = scroll_keys,
};

/* Over the current session: a page up at once, or the search asked. */
void
tui_scroll_open(struct tui *t, int page_up, int find)
{
	struct tui_sess	*s = tui_sess_cur(t);

	if (s == NULL || !t->ss.shown)
		return;
	tui_pop_to(t, t->ss.base + 1);
	if (tui_push(t, &tui_scr_scroll, s) != 0)
		return;
	if (page_up)
		tui_pane_scroll(s->pane, LINES > 3 ? LINES - 2 : 1);
	if (find)
		find_ask(t, s);
}
