/* SPDX-License-Identifier: ISC */
/*
 * The terminal model's screen: rows of code points that grow as text
 * lands, in a ring so that a scroll costs nothing; which rows are
 * complete lines and when they go out (vt.h); scrollback; screen text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/console/vt_int.h"

#define MIN_CELLS	64

/* Screen row r, through the ring. */
struct row *
vt_row(const struct l2c_vt *v, int r)
{
	int	 i = v->top + r;

	if (i >= v->rows)
		i -= v->rows;
	return &v->row[i];
}

/* Room for n bytes more in a string; 0, or -1 with nomem set. */
static int
str_room(struct l2c_vt *v, struct str *s, size_t n)
{
	size_t	 cap;
	char	*p;

	if (s->len + n + 1 <= s->cap)
		return 0;
	cap = s->cap ? s->cap : 256;
	while (cap < s->len + n + 1)
		cap *= 2;
	if ((p = realloc(s->p, cap)) == NULL) {
		v->nomem = 1;
		return -1;
	}
	s->p = p;
	s->cap = cap;
	return 0;
}

static void
str_reset(struct str *s)
{
	s->len = 0;
	s->ink = 0;
}

/* UTF-8 for one code point, into p (4 bytes of room); its length. */
static size_t
utf8(uint32_t c, char *p)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0xd800 && c < 0xe000)
		c = 0xfffd;
	if (c < 0x10000) {
		p[0] = (char)(0xe0 | c >> 12);
		p[1] = (char)(0x80 | (c >> 6 & 0x3f));
		p[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c > 0x10ffff)
		return utf8(0xfffd, p);
	p[0] = (char)(0xf0 | c >> 18);
	p[1] = (char)(0x80 | (c >> 12 & 0x3f));
	p[2] = (char)(0x80 | (c >> 6 & 0x3f));
	p[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Append a row's cells as text: blanks inside become spaces. */
static void
str_row(struct l2c_vt *v, struct str *s, const struct row *rw)
{
	uint32_t	 c;
	char		*p;
	int		 i;

	if (rw->len == 0 || str_room(v, s, (size_t)rw->len * 4) < 0)
		return;
	p = s->p + s->len;
	for (i = 0; i < rw->len; i++) {
		c = rw->cell[i];
		if (c < 0x80) {
			if (c == 0)
				c = ' ';
			else if (c != ' ')
				s->ink = 1;
			*p++ = (char)c;
		} else if (c != WIDE_TAIL) {
			s->ink = 1;
			p += utf8(c, p);
		}
	}
	s->len = (size_t)(p - s->p);
}

/* Drop trailing blanks: a screen cannot show them. */
static void
str_rtrim(struct str *s)
{
	while (s->len > 0 && s->p[s->len - 1] == ' ')
		s->len--;
	if (s->cap > 0)
		s->p[s->len] = '\0';
}

/* A complete line goes out. */
static void
give(struct l2c_vt *v, struct str *s)
{
	if (s->cap == 0 && str_room(v, s, 0) < 0)
		return;
	str_rtrim(s);
	if (v->conf.line != NULL)
		v->conf.line(v->conf.arg, s->p, s->len);
	str_reset(s);
}

/* The head of a wrapped line that left the screen, given on its own. */
void
vt_give_pend(struct l2c_vt *v)
{
	if (v->pend.ink)
		give(v, &v->pend);
	str_reset(&v->pend);
}

/* Room for n cells in a row; the new ones blank. */
int
vt_row_room(struct l2c_vt *v, struct row *rw, int n)
{
	uint32_t	*p;
	int		 cap;

	if (n <= rw->cap)
		return 0;
	cap = rw->cap ? rw->cap * 2 : MIN_CELLS;
	if (cap < n)
		cap = n;
	if (cap > v->cols && n <= v->cols)
		cap = v->cols;
	if ((p = realloc(rw->cell, (size_t)cap * sizeof(*p))) == NULL) {
		v->nomem = 1;
		return -1;
	}
	memset(p + rw->cap, 0, (size_t)(cap - rw->cap) * sizeof(*p));
	rw->cell = p;
	rw->cap = cap;
	return 0;
}

/* len back to the last cell that is not blank. */
void
vt_row_trim(struct row *rw)
{
	while (rw->len > 0 && rw->cell[rw->len - 1] == 0)
		rw->len--;
}

static void
row_clear(struct row *rw)
{
	if (rw->len > 0)
		memset(rw->cell, 0, (size_t)rw->len * sizeof(*rw->cell));
	rw->len = 0;
	rw->wrap = 0;
	rw->done = 0;
}

/*
 * Rows a..b, the not yet done ones, as one line: out if it has text, or
 * if `always` (the line a line feed leaves).  They are done after.
 */
static void
give_rows(struct l2c_vt *v, int a, int b, int always)
{
	struct row	*rw;
	int		 any = 0, j;

	str_reset(&v->out);
	if (a == 0 && vt_row(v, 0)->wrap && v->pend.len > 0) {
		if (str_room(v, &v->out, v->pend.len) == 0) {
			memcpy(v->out.p, v->pend.p, v->pend.len);
			v->out.len = v->pend.len;
			v->out.ink = v->pend.ink;
		}
		str_reset(&v->pend);
		any = 1;
	}
	for (j = a; j <= b; j++) {
		rw = vt_row(v, j);
		if (rw->done)
			continue;
		str_row(v, &v->out, rw);
		rw->done = 1;
		any = 1;
	}
	if (v->out.ink || (always && any))
		give(v, &v->out);
}

/* Last row of the line that row r is part of (it wraps on below). */
static int
line_end(const struct l2c_vt *v, int r, int limit)
{
	while (r + 1 < limit && vt_row(v, r + 1)->wrap)
		r++;
	return r;
}

/*
 * Row r is complete: it and every line above it not yet done (vt.h).
 * A row above the done ones is a redraw: only its own line, if new.
 */
static void
complete(struct l2c_vt *v, int r, int always)
{
	int	 a, b, i;

	if (r < v->low) {
		for (a = r; a > 0 && vt_row(v, a)->wrap; a--)
			;
		give_rows(v, a, r, always);
		return;
	}
	for (i = v->low; i <= r; i = b + 1) {
		b = line_end(v, i, r + 1);
		give_rows(v, i, b, always && b == r);
	}
	v->low = r + 1;
}

/* The device sends a line feed: does it leave a line? */
void
vt_line_feed(struct l2c_vt *v)
{
	VTermPos	 pos;

	vterm_state_get_cursorpos(v->state, &pos);
	if (pos.row + 1 < v->rows && vt_row(v, pos.row + 1)->wrap)
		return;		/* it goes on into the same line */
	complete(v, pos.row, 1);
}

/* A kept row that left the top of the screen. */
static void
sb_push(struct l2c_vt *v, const struct str *text, int wrap)
{
	struct sbrow	*s;
	size_t		 len = text->len;

	if (v->conf.scrollback == 0)
		return;
	if (v->sbcount < v->conf.scrollback)
		s = &v->sb[(v->sbhead + v->sbcount++) % v->conf.scrollback];
	else {
		s = &v->sb[v->sbhead];
		v->sbhead = (v->sbhead + 1) % v->conf.scrollback;
	}
	while (len > 0 && text->p[len - 1] == ' ')
		len--;
	str_reset(&s->text);
	s->wrap = wrap;
	if (str_room(v, &s->text, len) < 0)
		return;
	if (len > 0)
		memcpy(s->text.p, text->p, len);
	s->text.p[len] = '\0';
	s->text.len = len;
}

/*
 * Row r leaves the top of the region [s, e): it is complete unless its
 * line wraps on into a row that stays, then its text waits in pend.
 */
static void
leave(struct l2c_vt *v, int r, int s, int e)
{
	struct row	*rw = vt_row(v, r);

	str_reset(&v->one);
	if (rw->len > 0 && (!rw->done || (s == 0 && v->conf.scrollback > 0)))
		str_row(v, &v->one, rw);
	if (s == 0)
		sb_push(v, &v->one, rw->wrap);
	if (!rw->wrap || rw->done)
		vt_give_pend(v);
	if (rw->done)
		return;
	rw->done = 1;
	if (v->one.len > 0 && str_room(v, &v->pend, v->one.len) == 0) {
		memcpy(v->pend.p + v->pend.len, v->one.p, v->one.len);
		v->pend.len += v->one.len;
		v->pend.ink |= v->one.ink;
	}
	if (r + 1 >= e || !vt_row(v, r + 1)->wrap)
		vt_give_pend(v);
}

/* Rows [s, e) turn: row s + i gets what was row s + (i + by) % h;
 * the n rows from `clear` on start blank. */
static void
rotate(struct l2c_vt *v, int s, int e, int by, int clear, int n)
{
	int	 h = e - s, i;

	for (i = 0; i < h; i++)
		v->tmp[i] = *vt_row(v, s + i);
	for (i = 0; i < h; i++)
		*vt_row(v, s + i) = v->tmp[(i + by) % h];
	for (i = clear; i < clear + n; i++)
		row_clear(vt_row(v, i));
}

/* Content of [s, e) moves up n rows; n rows leave at the top. */
void
vt_scroll_up(struct l2c_vt *v, int s, int e, int n)
{
	int	 h = e - s, i;

	if (n > h)
		n = h;
	for (i = 0; i < n; i++)
		leave(v, s + i, s, e);
	if (s == 0 && e == v->rows) {
		/* The whole screen: the ring turns, nothing is copied. */
		v->top = (v->top + n) % v->rows;
		for (i = v->rows - n; i < v->rows; i++)
			row_clear(vt_row(v, i));
	} else
		rotate(v, s, e, n, e - n, n);
	if (s > 0) {
		/* Only a line at the top of the screen waits for its tail. */
		vt_give_pend(v);
		vt_row(v, s)->wrap = 0;
	}
	if (v->low > s) {
		/* Done rows moved up; the n new ones at the bottom are not. */
		i = (v->low < e ? v->low : e) - n;
		v->low = i > s ? i : s;
	}
	if (v->last_row >= s && v->last_row < e) {
		v->last_row -= n;
		if (v->last_row < s)
			v->last_row = -1;
	}
}

/* Content of [s, e) moves down n rows; n rows fall off the bottom. */
void
vt_scroll_down(struct l2c_vt *v, int s, int e, int n)
{
	int	 h = e - s;

	if (n > h)
		n = h;
	rotate(v, s, e, h - n, s, n);
	if (s + n < e)
		vt_row(v, s + n)->wrap = 0;	/* a blank row is above it now */
	if (s == 0)
		vt_give_pend(v);
	if (v->low > s)
		v->low = s;
	if (v->last_row >= s && v->last_row < e) {
		v->last_row += n;
		if (v->last_row >= e)
			v->last_row = -1;
	}
}

/* Every row with text not yet given goes out (the end of a session). */
void
vt_give_all(struct l2c_vt *v)
{
	int	 i, b;

	for (i = v->low; i < v->rows; i = b + 1) {
		b = line_end(v, i, v->rows);
		give_rows(v, i, b, 0);
	}
	v->low = v->rows;
	vt_give_pend(v);
}

/* What the screen holds: rows, scrollback, strings. */
void
vt_screen_free(struct l2c_vt *v)
{
	size_t	 i;
	int	 r;

	if (v->row != NULL)
		for (r = 0; r < v->rows; r++)
			free(v->row[r].cell);
	for (i = 0; v->sb != NULL && i < v->conf.scrollback; i++)
		free(v->sb[i].text.p);
	free(v->sb);
	free(v->row);
	free(v->tmp);
	free(v->pend.p);
	free(v->out.p);
	free(v->one.p);
}

/* snprintf-like output: count everything, write what fits. */
struct sink {
	char	*buf;
	size_t	 size;
	size_t	 len;
};

static void
sink_put(struct sink *k, const char *p, size_t n)
{
	size_t	 room;

	if (k->len + 1 < k->size) {
		room = k->size - 1 - k->len;
		memcpy(k->buf + k->len, p, n < room ? n : room);
	}
	k->len += n;
}

static void
sink_end(struct sink *k)
{
	if (k->size > 0)
		k->buf[k->len < k->size ? k->len : k->size - 1] = '\0';
}

/* Cells of a row up to its last one with text. */
static int
row_shown(const struct row *rw)
{
	int	 n = rw->len;

	while (n > 0 && (rw->cell[n - 1] == ' ' || rw->cell[n - 1] == 0 ||
	    rw->cell[n - 1] == WIDE_TAIL))
		n--;
	return n;
}

/* The first n cells of a row into a sink, as UTF-8. */
static void
sink_cells(struct sink *k, const struct row *rw, int n)
{
	char		 u[4];
	uint32_t	 c;
	int		 i;

	for (i = 0; i < n; i++) {
		if ((c = rw->cell[i]) == WIDE_TAIL)
			continue;
		sink_put(k, u, utf8(c == 0 ? ' ' : c, u));
	}
}

size_t
l2c_vt_screen_text(const struct l2c_vt *v, char *buf, size_t size)
{
	struct sink	 k = { buf, size, 0 };
	int		 last, r;

	for (last = v->rows - 1; last >= 0; last--)
		if (row_shown(vt_row(v, last)) > 0)
			break;
	for (r = 0; r <= last; r++) {
		sink_cells(&k, vt_row(v, r), row_shown(vt_row(v, r)));
		sink_put(&k, "\n", 1);
	}
	sink_end(&k);
	return k.len;
}

size_t
l2c_vt_row_text(const struct l2c_vt *v, int row, char *buf, size_t size)
{
	struct sink	 k = { buf, size, 0 };

	if (row >= 0 && row < v->rows)
		sink_cells(&k, vt_row(v, row), vt_row(v, row)->len);
	sink_end(&k);
	return k.len;
}

size_t
l2c_vt_scrollback_count(const struct l2c_vt *v)
{
	return v->sbcount;
}

size_t
l2c_vt_scrollback_text(const struct l2c_vt *v, size_t i, char *buf,
    size_t size, int *wrapped)
{
	struct sink		 k = { buf, size, 0 };
	const struct sbrow	*s;

	if (i >= v->sbcount) {
		sink_end(&k);
		return 0;
	}
	s = &v->sb[(v->sbhead + i) % v->conf.scrollback];
	sink_put(&k, s->text.p, s->text.len);
	sink_end(&k);
	if (wrapped != NULL)
		*wrapped = s->wrap;
	return k.len;
}
