/* SPDX-License-Identifier: ISC */
/*
 * What every screen draws with: colours (or their monochrome stand-ins),
 * strings from the wire made safe for the terminal, frames, the header,
 * the status line and the key bar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "core/text.h"
#include "ui/console/console.h"
#include "ui/tui/tui_int.h"

#include <term.h>	/* last: its macros are short common words */

enum {
	CP_HEADER = 1, CP_KEYBAR, CP_KEY, CP_SEL, CP_COLHEAD, CP_MT, CP_MOP,
	CP_RSV, CP_ERR, CP_OK, CP_BOX,
};

/* One row per colour pair: foreground, background (-1: the terminal's). */
static const struct {
	short	pair, fg, bg;
} pairs[] = {
	{ CP_HEADER,	COLOR_WHITE,	COLOR_BLUE },
	{ CP_KEYBAR,	COLOR_BLACK,	COLOR_CYAN },
	{ CP_KEY,	COLOR_WHITE,	-1 },
	{ CP_SEL,	COLOR_BLACK,	COLOR_CYAN },
	{ CP_COLHEAD,	COLOR_BLACK,	COLOR_GREEN },
	{ CP_MT,	COLOR_GREEN,	-1 },
	{ CP_MOP,	COLOR_CYAN,	-1 },
	{ CP_RSV,	COLOR_RED,	-1 },
	{ CP_ERR,	COLOR_RED,	-1 },
	{ CP_OK,	COLOR_GREEN,	-1 },
	{ CP_BOX,	COLOR_BLUE,	-1 },
};

/*
 * Colours when asked for (--color=always), or when the terminal has them
 * and NO_COLOR is unset or empty (--color=auto).  Without colours every
 * attribute still reads: reverse, bold, underline.
 */
void
tui_colors(struct tui *t)
{
	const char	*nc = getenv("NO_COLOR");
	size_t		 i;
	short		 bg;
	int		 want, deflt;

	switch (t->o.color) {
	case L2C_COLOR_ALWAYS:
		want = 1;
		break;
	case L2C_COLOR_NEVER:
		want = 0;
		break;
	default:
		want = nc == NULL || nc[0] == '\0';
		break;
	}
	t->color = want && has_colors() && start_color() == OK;
	t->attr[TA_NORMAL] = A_NORMAL;
	t->attr[TA_DIM] = A_DIM;
	if (!t->color) {
		t->attr[TA_HEADER] = A_REVERSE | A_BOLD;
		t->attr[TA_KEYBAR] = A_REVERSE;
		t->attr[TA_KEY] = A_BOLD;
		t->attr[TA_SEL] = A_REVERSE;
		t->attr[TA_COLHEAD] = A_UNDERLINE | A_BOLD;
		t->attr[TA_MT] = A_BOLD;
		t->attr[TA_MOP] = A_BOLD;
		t->attr[TA_RSV] = A_BOLD | A_UNDERLINE;
		t->attr[TA_ERR] = A_BOLD;
		t->attr[TA_OK] = A_NORMAL;
		t->attr[TA_BOX] = A_NORMAL;
		return;
	}
	deflt = use_default_colors() == OK;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		bg = pairs[i].bg;
		if (bg == -1 && !deflt)
			bg = COLOR_BLACK;
		init_pair(pairs[i].pair, pairs[i].fg, bg);
	}
	t->attr[TA_HEADER] = COLOR_PAIR(CP_HEADER) | A_BOLD;
	t->attr[TA_KEYBAR] = COLOR_PAIR(CP_KEYBAR);
	t->attr[TA_KEY] = COLOR_PAIR(CP_KEY) | A_BOLD;
	t->attr[TA_SEL] = COLOR_PAIR(CP_SEL);
	t->attr[TA_COLHEAD] = COLOR_PAIR(CP_COLHEAD);
	t->attr[TA_MT] = COLOR_PAIR(CP_MT) | A_BOLD;
	t->attr[TA_MOP] = COLOR_PAIR(CP_MOP) | A_BOLD;
	t->attr[TA_RSV] = COLOR_PAIR(CP_RSV) | A_BOLD;
	t->attr[TA_ERR] = COLOR_PAIR(CP_ERR) | A_BOLD;
	t->attr[TA_OK] = COLOR_PAIR(CP_OK);
	t->attr[TA_BOX] = COLOR_PAIR(CP_BOX);
}

/*
 * A string at (y, x), at most w columns.  Device strings come off the
 * wire: controls, C1, bidi and broken UTF-8 are shown escaped, as the
 * scan table shows them (core/text.h); anything else a terminal cannot
 * print is a '?', never sent to the terminal.
 * Returns the columns used.
 */
int
tui_put(int y, int x, int w, attr_t a, const char *s)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		k, left;
	int		used = 0, cw;
	char		vis[4 * 1024 + 8];

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	/* Wire text as the other faces show it (core/text.h). */
	(void)l2c_tty_escape(s, vis, sizeof(vis), sizeof(vis));
	s = vis;
	left = strlen(s);
	if (w > COLS - x)
		w = COLS - x;
	memset(&st, 0, sizeof(st));
	move(y, x);
	attrset(a);
	while (left > 0 && used < w) {
		k = mbrtowc(&wc, s, left, &st);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			wc = L'?';
			k = 1;
		} else if (k == 0)
			break;
		if (!iswprint((wint_t)wc))
			wc = L'?';
		if ((cw = wcwidth(wc)) < 0) {
			wc = L'?';
			cw = 1;
		}
		s += k;
		left -= k;
		if (cw == 0)
			continue;
		if (used + cw > w)
			break;
		addnwstr(&wc, 1);
		used += cw;
	}
	attrset(A_NORMAL);
	return used;
}

void
tui_fill(int y, int x, int w, attr_t a)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return;
	if (w > COLS - x)
		w = COLS - x;
	attrset(a);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* A cleared box with a title in its top border. */
void
tui_frame(struct tui *t, int y, int x, int h, int w, const char *title)
{
	int	i, tl;

	for (i = 0; i < h; i++)
		tui_fill(y + i, x, w, A_NORMAL);
	attrset(t->attr[TA_BOX]);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && title[0] != '\0') {
		tl = (int)strlen(title) + 2;
		if (tl > w - 4)
			tl = w - 4;
		tui_fill(y, x + (w - tl) / 2, tl, t->attr[TA_BOX]);
		tui_put(y, x + (w - tl) / 2 + 1, tl - 2, A_BOLD, title);
	}
}

void
tui_header(struct tui *t, const char *left, const char *right)
{
	int	rl = (int)strlen(right);

	tui_fill(0, 0, COLS, t->attr[TA_HEADER]);
	tui_put(0, 1, COLS - 2, t->attr[TA_HEADER], left);
	if (rl + 2 < COLS)
		tui_put(0, COLS - rl - 1, rl, t->attr[TA_HEADER], right);
}

/* htop's key bar: the key, then what it does, across the last line. */
void
tui_keybar(struct tui *t, const char *const *keys)
{
	int	x = 0, y = LINES - 1;

	tui_fill(y, 0, COLS, t->attr[TA_KEYBAR]);
	for (; keys != NULL && keys[0] != NULL && keys[1] != NULL;
	    keys += 2) {
		if (x + (int)strlen(keys[0]) + (int)strlen(keys[1]) + 2 > COLS)
			break;
		x += tui_put(y, x, COLS - x, t->attr[TA_KEY], keys[0]);
		x += tui_put(y, x, COLS - x, t->attr[TA_KEYBAR], " ");
		x += tui_put(y, x, COLS - x, t->attr[TA_KEYBAR], keys[1]);
		x += tui_put(y, x, COLS - x, t->attr[TA_KEYBAR], "  ");
	}
}

void
tui_statusline(struct tui *t, int y)
{
	tui_fill(y, 0, COLS, A_NORMAL);
	tui_put(y, 1, COLS - 2, t->attr[t->status_attr], t->status);
}

char *
tui_age(uint64_t us, char *buf, size_t len)
{
	uint64_t	s = us / 1000000;

	if (s < 60)
		snprintf(buf, len, "%llus", (unsigned long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%llum", (unsigned long long)(s / 60));
	else if (s < 86400)
		snprintf(buf, len, "%lluh", (unsigned long long)(s / 3600));
	else
		snprintf(buf, len, "%llud", (unsigned long long)(s / 86400));
	return buf;
}

const char *
tui_keyname(int esc, char *buf, size_t len)
{
	if (esc == L2C_ESCAPE_NONE)
		snprintf(buf, len, "none");
	else if (esc < 0x20)
		snprintf(buf, len, "^%c", esc + '@');
	else if (esc == 0x7f)
		snprintf(buf, len, "^?");
	else
		snprintf(buf, len, "%c", esc);
	return buf;
}

/* Whether curses can drive this terminal, asked before any frame is sent. */
int
tui_term_ok(void)
{
	int	err = 0;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return 0;
	(void)del_curterm(cur_term);
	return 1;
}

/* "l2console-NAME-YYYYmmdd-HHMMSS.EXT": a file name offered in a form. */
void
tui_file_name(char *buf, size_t len, const char *name, const char *ext)
{
	char		 stamp[32], safe[64];
	struct tm	 tm;
	time_t		 now = time(NULL);
	size_t		 i;

	snprintf(safe, sizeof(safe), "%.40s", name);
	for (i = 0; safe[i] != '\0'; i++)
		if (!((safe[i] >= 'a' && safe[i] <= 'z') ||
		    (safe[i] >= 'A' && safe[i] <= 'Z') ||
		    (safe[i] >= '0' && safe[i] <= '9') || safe[i] == '-'))
			safe[i] = '_';
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(buf, len, "l2console-%s-%s.%s", safe, stamp, ext);
}
