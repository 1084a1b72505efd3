/* SPDX-License-Identifier: ISC */
/*
 * A session's pane (pane.h): libvterm's screen layer keeps the cells,
 * we keep the rows that scroll off the main screen, compactly (a code
 * point, two colours and the attributes per cell, up to the last cell
 * that is not blank), and draw either into curses at the scroll
 * position.  Colours are the device's own, reduced to what the user's
 * terminal has.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include <curses.h>
#include <vterm.h>

#include "core/err.h"
#include "ui/console/vt_id.h"
#include "ui/tui/pane.h"

#define PAIR_BASE	32	/* below: the UI's own pairs (draw.c) */
#define PAIR_MAX	512
#define LINE_MAX_BYTES	(4 * 1024 + 64)

enum {
	PA_BOLD = 0x01, PA_UNDER = 0x02, PA_ITALIC = 0x04, PA_BLINK = 0x08,
	PA_REVERSE = 0x10,
};

/* A cell kept in the scrollback. */
struct pcell {
	uint32_t	 ch;		/* 0: blank */
	int16_t		 fg, bg;	/* -1: the default; else 0..255 */
	uint8_t		 attr;		/* PA_* */
	uint8_t		 width;		/* 2: the right half follows */
};

struct pline {
	struct pcell	*c;
	int		 n;
};

struct tui_pane {
	VTerm			*vt;
	VTermScreen		*vs;
	VTermState		*st;
	struct tui_pane_conf	 conf;
	int			 cols, rows;
	int			 cursor_on;
	struct pline		*sb;	/* ring: sb[(head + i) % cap] */
	size_t			 sbcap, sbhead, sbcount;
	size_t			 scroll;	/* rows back from live */
};

struct tui_palette {
	int	 color;
	int	 n, max;
	short	 fg[PAIR_MAX], bg[PAIR_MAX];
};

/* A device colour as an index (0..255), -1 for the default. */
static int
color_index(const VTermColor *c, int fg)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(c))
		return c->indexed.idx;
	/* True colour: the nearest of the 6x6x6 cube. */
	return 16 + 36 * ((c->rgb.red + 25) / 51) +
	    6 * ((c->rgb.green + 25) / 51) + (c->rgb.blue + 25) / 51;
}

static struct pcell
cell_of(const VTermScreenCell *c)
{
	struct pcell	p;

	p.ch = c->chars[0] == (uint32_t)-1 ? 0 : c->chars[0];
	p.fg = (int16_t)color_index(&c->fg, 1);
	p.bg = (int16_t)color_index(&c->bg, 0);
	p.attr = (uint8_t)((c->attrs.bold ? PA_BOLD : 0) |
	    (c->attrs.underline ? PA_UNDER : 0) |
	    (c->attrs.italic ? PA_ITALIC : 0) |
	    (c->attrs.blink ? PA_BLINK : 0) |
	    (c->attrs.reverse ? PA_REVERSE : 0));
	p.width = c->width > 1 ? 2 : 1;
	return p;
}

static int
blank(const struct pcell *p)
{
	return (p->ch == 0 || p->ch == ' ') && p->bg == -1 &&
	    !(p->attr & (PA_REVERSE | PA_UNDER));
}

/* libvterm: a row leaves the top of the main screen. */
static int
on_pushline(int cols, const VTermScreenCell *cells, void *arg)
{
	struct tui_pane	*p = arg;
	struct pline	*l;
	int		 i, n = 0;

	if (p->sbcap == 0)
		return 1;
	if (p->sbcount == p->sbcap) {
		l = &p->sb[p->sbhead];
		p->sbhead = (p->sbhead + 1) % p->sbcap;
		p->sbcount--;
	} else
		l = &p->sb[(p->sbhead + p->sbcount) % p->sbcap];
	free(l->c);
	l->c = NULL;
	l->n = 0;
	for (i = 0; i < cols; i++) {
		struct pcell c = cell_of(&cells[i]);

		if (!blank(&c))
			n = i + 1;
	}
	if (n > 0 && (l->c = calloc((size_t)n, sizeof(*l->c))) != NULL) {
		for (i = 0; i < n; i++)
			l->c[i] = cell_of(&cells[i]);
		l->n = n;
	}
	p->sbcount++;
	/* Someone reading the history keeps looking at the same rows. */
	if (p->scroll > 0 && p->scroll < p->sbcount)
		p->scroll++;
	return 1;
}

static int
on_prop(VTermProp prop, VTermValue *val, void *arg)
{
	struct tui_pane	*p = arg;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		p->cursor_on = val->boolean;
	return 1;
}

static const VTermScreenCallbacks screen_cb = {
	.settermprop = on_prop,
	.sb_pushline = on_pushline,
};

static void
on_vt_output(const char *s, size_t len, void *arg)
{
	struct tui_pane	*p = arg;

	if (p->conf.reply != NULL)
		p->conf.reply(p->conf.arg, s, len);
}

/* libvterm passes on what it does not know: ESC Z (DECID), as SCI. */
static int
on_control(unsigned char c, void *arg)
{
	struct tui_pane	*p = arg;

	return l2c_vt_decid(c, p->conf.reply, p->conf.arg);
}

static const VTermParserCallbacks fallback_cb = {
	.control = on_control,
};

int
tui_pane_new(const struct tui_pane_conf *conf, struct tui_pane **pp)
{
	struct tui_pane	*p;

	if (conf->cols < 1 || conf->rows < 1 ||
	    conf->scrollback > TUI_PANE_SCROLLBACK_MAX)
		return L2C_ERR_INVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return L2C_ERR_NOMEM;
	p->conf = *conf;
	p->cols = conf->cols;
	p->rows = conf->rows;
	p->cursor_on = 1;
	p->sbcap = conf->scrollback;
	if ((p->sbcap > 0 &&
	    (p->sb = calloc(p->sbcap, sizeof(*p->sb))) == NULL) ||
	    (p->vt = vterm_new(p->rows, p->cols)) == NULL) {
		tui_pane_free(p);
		return L2C_ERR_NOMEM;
	}
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, on_vt_output, p);
	p->vs = vterm_obtain_screen(p->vt);
	p->st = vterm_obtain_state(p->vt);
	vterm_screen_set_callbacks(p->vs, &screen_cb, p);
	vterm_screen_set_unrecognised_fallbacks(p->vs, &fallback_cb, p);
	vterm_screen_enable_altscreen(p->vs, 1);
	vterm_screen_reset(p->vs, 1);
	*pp = p;
	return 0;
}

void
tui_pane_free(struct tui_pane *p)
{
	size_t	i;

	if (p == NULL)
		return;
	if (p->vt != NULL)
		vterm_free(p->vt);
	for (i = 0; i < p->sbcap && p->sb != NULL; i++)
		free(p->sb[i].c);
	free(p->sb);
	free(p);
}

void
tui_pane_feed(struct tui_pane *p, const void *data, size_t n)
{
	if (n > 0)
		(void)vterm_input_write(p->vt, data, n);
}

int
tui_pane_resize(struct tui_pane *p, int cols, int rows)
{
	if (cols < 1 || rows < 1)
		return L2C_ERR_INVAL;
	if (cols == p->cols && rows == p->rows)
		return 0;
	vterm_set_size(p->vt, rows, cols);
	p->cols = cols;
	p->rows = rows;
	return 0;
}

/* curses keys that the device's terminal sends as sequences. */
static const struct {
	int		curses;
	VTermKey	key;
} keymap[] = {
	{ KEY_UP, VTERM_KEY_UP },		{ KEY_DOWN, VTERM_KEY_DOWN },
	{ KEY_LEFT, VTERM_KEY_LEFT },		{ KEY_RIGHT, VTERM_KEY_RIGHT },
	{ KEY_HOME, VTERM_KEY_HOME },		{ KEY_END, VTERM_KEY_END },
	{ KEY_PPAGE, VTERM_KEY_PAGEUP },	{ KEY_NPAGE, VTERM_KEY_PAGEDOWN },
	{ KEY_IC, VTERM_KEY_INS },		{ KEY_DC, VTERM_KEY_DEL },
};

void
tui_pane_key(struct tui_pane *p, int ch)
{
	char	b;
	size_t	i;

	if (ch >= 0 && ch <= 0xff) {
		b = (char)ch;
		on_vt_output(&b, 1, p);
		return;
	}
	if (ch == KEY_BACKSPACE) {
		on_vt_output("\177", 1, p);
		return;
	}
	if (ch == KEY_ENTER) {
		on_vt_output("\r", 1, p);
		return;
	}
	if (ch == KEY_BTAB) {
		on_vt_output("\033[Z", 3, p);
		return;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(12)) {
		vterm_keyboard_key(p->vt, VTERM_KEY_FUNCTION(ch - KEY_F(0)),
		    VTERM_MOD_NONE);
		return;
	}
	for (i = 0; i < sizeof(keymap) / sizeof(keymap[0]); i++)
		if (keymap[i].curses == ch) {
			vterm_keyboard_key(p->vt, keymap[i].key,
			    VTERM_MOD_NONE);
			return;
		}
}

/* An index colour the user's terminal can show; bold for bright ones. */
static int
reduce(int idx, int colors, int *bright)
{
	int	r, g, b;

	*bright = 0;
	if (idx < 0 || idx < colors)
		return idx;
	if (idx < 16) {
		*bright = 1;
		return idx - 8;
	}
	if (idx >= 232)
		return idx < 244 ? COLOR_BLACK : COLOR_WHITE;
	idx -= 16;
	r = idx / 36 > 2;
	g = idx / 6 % 6 > 2;
	b = idx % 6 > 2;
	return r | g << 1 | b << 2;
}

struct tui_palette *
tui_palette_new(int color)
{
	struct tui_palette	*pal;

	if ((pal = calloc(1, sizeof(*pal))) == NULL)
		return NULL;
	pal->color = color;
	pal->max = COLOR_PAIRS - PAIR_BASE;
	if (pal->max > PAIR_MAX)
		pal->max = PAIR_MAX;
	if (pal->max < 0)
		pal->max = 0;
	return pal;
}

void
tui_palette_free(struct tui_palette *pal)
{
	free(pal);
}

/* The pair for (fg, bg): made on first use; 0 when none is left. */
static short
pair_for(struct tui_palette *pal, int fg, int bg)
{
	int	i;

	for (i = 0; i < pal->n; i++)
		if (pal->fg[i] == fg && pal->bg[i] == bg)
			return (short)(PAIR_BASE + i);
	if (pal->n >= pal->max ||
	    init_pair((short)(PAIR_BASE + pal->n), (short)fg, (short)bg) != OK)
		return 0;
	pal->fg[pal->n] = (short)fg;
	pal->bg[pal->n] = (short)bg;
	return (short)(PAIR_BASE + pal->n++);
}

static void
put_cell(struct tui_palette *pal, int y, int x, const struct pcell *c)
{
	cchar_t		cc;
	wchar_t		wc[2] = { L' ', 0 };
	attr_t		a = A_NORMAL;
	short		pair = 0;
	int		fg, bg, bright;

	if (c != NULL) {
		if (c->ch != 0 && c->ch <= WCHAR_MAX &&
		    iswprint((wint_t)c->ch))
			wc[0] = (wchar_t)c->ch;
		else if (c->ch != 0)
			wc[0] = L'?';
		if (c->attr & PA_BOLD)
			a |= A_BOLD;
		if (c->attr & PA_UNDER)
			a |= A_UNDERLINE;
		if (c->attr & PA_ITALIC)
			a |= A_ITALIC;
		if (c->attr & PA_BLINK)
			a |= A_BLINK;
		if (c->attr & PA_REVERSE)
			a |= A_REVERSE;
		if (pal != NULL && pal->color && (c->fg >= 0 || c->bg >= 0)) {
			fg = reduce(c->fg, COLORS, &bright);
			if (bright)
				a |= A_BOLD;
			bg = reduce(c->bg, COLORS, &bright);
			pair = pair_for(pal, fg, bg);
		}
	}
	setcchar(&cc, wc, a, pair, NULL);
	mvadd_wch(y, x, &cc);
}

/* Virtual row v: scrollback rows first (0 the oldest), then the screen. */
static const struct pline *
sb_line(const struct tui_pane *p, size_t v)
{
	return &p->sb[(p->sbhead + v) % p->sbcap];
}

void
tui_pane_draw(struct tui_pane *p, struct tui_palette *pal, int y, int h,
    int w, int *cy, int *cx)
{
	VTermScreenCell	 vc;
	VTermPos	 pos;
	struct pcell	 c;
	size_t		 top = p->sbcount - p->scroll, v;
	int		 r, x;

	for (r = 0; r < h; r++) {
		v = top + (size_t)r;
		x = 0;
		if (v < p->sbcount) {
			const struct pline *l = sb_line(p, v);

			while (x < w) {
				if (x < l->n) {
					put_cell(pal, y + r, x, &l->c[x]);
					x += l->c[x].width;
				} else
					put_cell(pal, y + r, x++, NULL);
			}
			continue;
		}
		pos.row = (int)(v - p->sbcount);
		while (x < w) {
			if (pos.row >= p->rows || x >= p->cols) {
				put_cell(pal, y + r, x++, NULL);
				continue;
			}
			pos.col = x;
			if (vterm_screen_get_cell(p->vs, pos, &vc) == 0) {
				put_cell(pal, y + r, x++, NULL);
				continue;
			}
			c = cell_of(&vc);
			put_cell(pal, y + r, x, &c);
			x += c.width;
		}
	}
	*cy = *cx = -1;
	vterm_state_get_cursorpos(p->st, &pos);
	if (p->scroll == 0 && p->cursor_on && pos.row < h && pos.col < w) {
		*cy = y + pos.row;
		*cx = pos.col;
	}
}

int
tui_pane_scrolled(const struct tui_pane *p)
{
	return (int)p->scroll;
}

size_t
tui_pane_history(const struct tui_pane *p)
{
	return p->sbcount;
}

void
tui_pane_scroll(struct tui_pane *p, int delta)
{
	long	s = (long)p->scroll + delta;

	if (s < 0)
		s = 0;
	if ((size_t)s > p->sbcount)
		s = (long)p->sbcount;
	p->scroll = (size_t)s;
}

/* Row v's text, UTF-8, trailing blanks dropped: its length. */
static size_t
row_text(const struct tui_pane *p, size_t v, char *buf, size_t len)
{
	VTermScreenCell	 vc;
	VTermPos	 pos;
	mbstate_t	 st;
	struct pcell	 c;
	size_t		 n = 0, keep = 0, k;
	int		 x, ncells;
	char		 mb[MB_LEN_MAX];

	memset(&st, 0, sizeof(st));
	ncells = v < p->sbcount ? sb_line(p, v)->n : p->cols;
	pos.row = (int)(v - p->sbcount);
	for (x = 0; x < ncells; x += c.width) {
		if (v < p->sbcount)
			c = sb_line(p, v)->c[x];
		else {
			pos.col = x;
			if (vterm_screen_get_cell(p->vs, pos, &vc) == 0)
				break;
			c = cell_of(&vc);
		}
		if (c.ch == 0 || c.ch > WCHAR_MAX ||
		    (k = wcrtomb(mb, (wchar_t)c.ch, &st)) == (size_t)-1) {
			memset(&st, 0, sizeof(st));
			mb[0] = c.ch == 0 ? ' ' : '?';
			k = 1;
		}
		if (n + k + 1 > len)
			break;
		memcpy(buf + n, mb, k);
		n += k;
		if (mb[0] != ' ' || k > 1)
			keep = n;
	}
	buf[keep] = '\0';
	return keep;
}

int
tui_pane_search(struct tui_pane *p, const char *s, int back)
{
	char	line[LINE_MAX_BYTES];
	size_t	top = p->sbcount - p->scroll, v, end = p->sbcount + (size_t)p->rows;

	if (s[0] == '\0')
		return 0;
	for (v = top; back ? v-- > 0 : ++v < end;) {
		row_text(p, v, line, sizeof(line));
		if (strstr(line, s) != NULL) {
			p->scroll = v < p->sbcount ? p->sbcount - v : 0;
			return 1;
		}
	}
	return 0;
}

static int
write_all(int fd, const char *b, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(fd, b, n)) < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

int
tui_pane_write(const struct tui_pane *p, int fd)
{
	char	line[LINE_MAX_BYTES];
	size_t	v, n, end = p->sbcount + (size_t)p->rows;

	for (v = 0; v < end; v++) {
		n = row_text(p, v, line, sizeof(line) - 1);
		line[n++] = '\n';
		if (write_all(fd, line, n) != 0)
			return -1;
	}
	return 0;
}
