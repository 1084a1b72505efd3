/* SPDX-License-Identifier: ISC */
/*
 * The terminal model on libvterm's state layer: libvterm parses and
 * keeps the cursor; we keep the screen (vt_screen.c) and feed libvterm
 * (vt_input.c), so that we see every autowrap and every line feed, and
 * answer what libvterm 0.1.4 does not answer the way RouterOS needs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vterm.h>

#include "core/err.h"
#include "ui/console/vt.h"
#include "ui/console/vt_id.h"
#include "ui/console/vt_int.h"

/* DECSC, DECSTBM to the whole screen, DECRC. */
#define REGION_RESET	"\0337\033[r\0338"

/* libvterm: a glyph lands.  A glyph at column 0 of the row below the
 * last one, with no cursor move between, got there by autowrap. */
static int
on_glyph(VTermGlyphInfo *info, VTermPos pos, void *arg)
{
	struct l2c_vt	*v = arg;
	struct row	*rw;
	int		 w = info->width > 1 ? 2 : 1;

	/* libvterm 0.1.4 can put one off the screen (fuzz_vt saw column
	 * -1 of a 1-column screen after a resize): dropped. */
	if (pos.row < 0 || pos.row >= v->rows || pos.col < 0 ||
	    pos.col >= v->cols)
		return 1;
	rw = vt_row(v, pos.row);
	if (pos.col == 0 && v->last_row >= 0 && pos.row == v->last_row + 1)
		rw->wrap = 1;
	if (pos.col + w > v->cols)
		w = v->cols - pos.col;
	if (vt_row_room(v, rw, pos.col + w) == 0) {
		rw->cell[pos.col] = info->chars[0] != 0 ? info->chars[0] : ' ';
		if (w == 2)
			rw->cell[pos.col + 1] = WIDE_TAIL;
		if (rw->len < pos.col + w)
			rw->len = pos.col + w;
	}
	v->last_row = pos.row;
	v->last_col = pos.col + w;
	return 1;
}

/* libvterm: the cursor moved.  Anything but libvterm saying where the
 * last glyph left it ends the chance of an autowrap. */
static int
on_move(VTermPos pos, VTermPos old, int visible, void *arg)
{
	struct l2c_vt	*v = arg;
	int		 col = v->last_col < v->cols ? v->last_col : v->cols - 1;

	(void)old;
	(void)visible;
	if (pos.row != v->last_row || pos.col != col)
		v->last_row = -1;
	return 1;
}

/* Is a rectangle from libvterm on the screen (and not empty)? */
static int
rect_ok(const struct l2c_vt *v, VTermRect r)
{
	return r.start_row >= 0 && r.start_row < r.end_row &&
	    r.end_row <= v->rows && r.start_col >= 0 &&
	    r.start_col < r.end_col && r.end_col <= v->cols;
}

/* libvterm: scroll whole rows ourselves; anything else it does with
 * on_moverect() and on_erase(). */
static int
on_scroll(VTermRect r, int downward, int rightward, void *arg)
{
	struct l2c_vt	*v = arg;

	if (!rect_ok(v, r))
		return 1;
	if (rightward != 0 || r.start_col != 0 || r.end_col != v->cols)
		return 0;
	if (downward > 0)
		vt_scroll_up(v, r.start_row, r.end_row, downward);
	else if (downward < 0)
		vt_scroll_down(v, r.start_row, r.end_row, -downward);
	return 1;
}

/* libvterm: cells move (insert, delete, a scroll of part of rows). */
static int
on_moverect(VTermRect dest, VTermRect src, void *arg)
{
	struct l2c_vt	*v = arg;
	struct row	*d, *s;
	int		 n = dest.end_row - dest.start_row, i, k;
	int		 w = dest.end_col - dest.start_col;

	if (!rect_ok(v, dest) || !rect_ok(v, src))
		return 1;
	for (k = 0; k < n; k++) {
		i = dest.start_row <= src.start_row ? k : n - 1 - k;
		d = vt_row(v, dest.start_row + i);
		s = vt_row(v, src.start_row + i);
		if (vt_row_room(v, d, dest.end_col) < 0 ||
		    vt_row_room(v, s, src.end_col) < 0)
			continue;
		memmove(d->cell + dest.start_col, s->cell + src.start_col,
		    (size_t)w * sizeof(*d->cell));
		if (d->len < dest.end_col)
			d->len = dest.end_col;
		vt_row_trim(d);
	}
	return 1;
}

/* libvterm: cells are erased.  A row erased whole starts afresh. */
static int
on_erase(VTermRect r, int selective, void *arg)
{
	struct l2c_vt	*v = arg;
	struct row	*rw;
	int		 i, end;

	(void)selective;
	if (!rect_ok(v, r))
		return 1;
	for (i = r.start_row; i < r.end_row; i++) {
		rw = vt_row(v, i);
		end = r.end_col < rw->len ? r.end_col : rw->len;
		if (end > r.start_col) {
			memset(rw->cell + r.start_col, 0,
			    (size_t)(end - r.start_col) * sizeof(*rw->cell));
			vt_row_trim(rw);
		}
		if (r.start_col == 0 && r.end_col >= v->cols) {
			if (i == 0 && rw->wrap)
				vt_give_pend(v);
			rw->wrap = 0;
			rw->done = 0;
			if (v->low > i)
				v->low = i;
		}
	}
	return 1;
}

/* libvterm: the size changes (l2c_vt_resize() prepared the rows). */
static int
on_resize(int rows, int cols, VTermPos *delta, void *arg)
{
	struct l2c_vt	*v = arg;
	VTermPos	 pos;
	struct row	*rw;
	int		 i, k = 0;

	vterm_state_get_cursorpos(v->state, &pos);
	if (pos.row >= rows) {
		/* Keep the cursor's row: the ones above it leave. */
		k = pos.row - rows + 1;
		vt_scroll_up(v, 0, v->rows, k);
		delta->row = -k;
	}
	for (i = 0; i < v->rows; i++) {
		rw = vt_row(v, i);
		if (i < rows)
			v->newrow[i] = *rw;
		else
			free(rw->cell);
	}
	for (i = 0; i < rows && i < v->rows; i++) {
		rw = &v->newrow[i];
		if (rw->len > cols) {
			memset(rw->cell + cols, 0,
			    (size_t)(rw->len - cols) * sizeof(*rw->cell));
			rw->len = cols;
			vt_row_trim(rw);
		}
	}
	free(v->row);
	free(v->tmp);
	v->row = v->newrow;
	v->tmp = v->newtmp;
	v->newrow = v->newtmp = NULL;
	v->top = 0;
	if (v->low > rows)
		v->low = rows;
	v->rows = rows;
	v->cols = cols;
	v->last_row = -1;
	return 1;
}

/* libvterm answers the device: a cursor report right after a glyph in
 * the last column says where a wrapping terminal's cursor is. */
static void
on_output(const char *s, size_t len, void *arg)
{
	struct l2c_vt	*v = arg;
	VTermPos	 pos;
	char		 buf[32];
	int		 n, csi7;

	if (v->conf.reply == NULL)
		return;
	csi7 = len >= 4 && s[0] == '\033' && s[1] == '[';
	if ((csi7 || (len >= 3 && (unsigned char)s[0] == 0x9b)) &&
	    s[len - 1] == 'R' && s[csi7 ? 2 : 1] != '?' &&
	    v->last_row >= 0 && v->last_col >= v->cols) {
		vterm_state_get_cursorpos(v->state, &pos);
		if (pos.row + 1 < v->rows)
			pos.row++;
		n = snprintf(buf, sizeof(buf), "%s%d;1R",
		    csi7 ? "\033[" : "\x9b", pos.row + 1);
		v->conf.reply(v->conf.arg, buf, (size_t)n);
		return;
	}
	v->conf.reply(v->conf.arg, s, len);
}

/* libvterm passes on what it does not know: ESC Z (DECID), as SCI. */
static int
on_control(unsigned char c, void *arg)
{
	struct l2c_vt	*v = arg;

	return l2c_vt_decid(c, v->conf.reply, v->conf.arg);
}

static const VTermStateCallbacks state_cb = {
	.putglyph = on_glyph,
	.movecursor = on_move,
	.scrollrect = on_scroll,
	.moverect = on_moverect,
	.erase = on_erase,
	.resize = on_resize,
};

static const VTermParserCallbacks fallback_cb = {
	.control = on_control,
};

static int
size_ok(int cols, int rows)
{
	return cols >= 1 && cols <= L2C_VT_MAX_COLS &&
	    rows >= 1 && rows <= L2C_VT_MAX_ROWS;
}

/* One decimal number of 1 to 5 digits, no sign, no blanks; its end. */
static const char *
size_num(const char *p, int *n)
{
	int	 k = 0;

	*n = 0;
	while (p[k] >= '0' && p[k] <= '9' && k < 6)
		*n = *n * 10 + (p[k++] - '0');
	return k > 0 && k < 6 ? p + k : NULL;
}

/* --term-size: strict, so that a typo is an error, not a tiny screen. */
int
l2c_vt_size_parse(const char *s, int *cols, int *rows)
{
	const char	*p;
	int		 c, r;

	if ((p = size_num(s, &c)) == NULL || (*p != 'x' && *p != 'X') ||
	    (p = size_num(p + 1, &r)) == NULL || *p != '\0' ||
	    !size_ok(c, r))
		return L2C_ERR_INVAL;
	*cols = c;
	*rows = r;
	return 0;
}

/* A model of the given size, blank, cursor home. */
int
l2c_vt_new(const struct l2c_vt_conf *conf, struct l2c_vt **vp)
{
	struct l2c_vt	*v;

	if (!size_ok(conf->cols, conf->rows) ||
	    conf->scrollback > L2C_VT_MAX_SCROLLBACK)
		return L2C_ERR_INVAL;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return L2C_ERR_NOMEM;
	v->conf = *conf;
	v->cols = conf->cols;
	v->rows = conf->rows;
	v->last_row = -1;
	if ((v->row = calloc((size_t)v->rows, sizeof(*v->row))) == NULL ||
	    (v->tmp = calloc((size_t)v->rows, sizeof(*v->tmp))) == NULL ||
	    (conf->scrollback > 0 &&
	    (v->sb = calloc(conf->scrollback, sizeof(*v->sb))) == NULL) ||
	    (v->term = vterm_new(v->rows, v->cols)) == NULL) {
		l2c_vt_free(v);
		return L2C_ERR_NOMEM;
	}
	vterm_set_utf8(v->term, 1);
	vterm_output_set_callback(v->term, on_output, v);
	v->state = vterm_obtain_state(v->term);
	vterm_state_set_callbacks(v->state, &state_cb, v);
	vterm_state_set_unrecognised_fallbacks(v->state, &fallback_cb, v);
	vterm_state_reset(v->state, 1);
	*vp = v;
	return 0;
}

void
l2c_vt_free(struct l2c_vt *v)
{
	if (v == NULL)
		return;
	if (v->term != NULL)
		vterm_free(v->term);
	vt_screen_free(v);
	free(v);
}

/* The end of the session: every row with text not yet given goes out. */
void
l2c_vt_flush(struct l2c_vt *v)
{
	vt_input_end(v);
	vt_give_all(v);
}

/* A new size; text beyond the new width is cut, rows above the cursor
 * leave (as scrolled off) when the screen loses rows below it. */
int
l2c_vt_resize(struct l2c_vt *v, int cols, int rows)
{
	if (!size_ok(cols, rows))
		return L2C_ERR_INVAL;
	if (cols == v->cols && rows == v->rows)
		return 0;
	if ((v->newrow = calloc((size_t)rows, sizeof(*v->newrow))) == NULL ||
	    (v->newtmp = calloc((size_t)rows, sizeof(*v->newtmp))) == NULL) {
		free(v->newrow);
		v->newrow = NULL;
		return L2C_ERR_NOMEM;
	}
	vterm_set_size(v->term, rows, cols);
	/*
	 * libvterm 0.1.4 keeps the scroll region across a resize, and
	 * scrolls past its rows when the screen has shrunk under it: back
	 * to the whole screen (as xterm does), the cursor where it was.
	 */
	vt_write(v, REGION_RESET, sizeof(REGION_RESET) - 1);
	if (v->newrow != NULL) {
		/* libvterm did not call on_resize(). */
		free(v->newrow);
		free(v->newtmp);
		v->newrow = v->newtmp = NULL;
		return L2C_ERR_SYS;
	}
	if (v->nomem) {
		v->nomem = 0;
		return L2C_ERR_NOMEM;
	}
	return 0;
}

void
l2c_vt_size(const struct l2c_vt *v, int *cols, int *rows)
{
	*cols = v->cols;
	*rows = v->rows;
}

void
l2c_vt_cursor(const struct l2c_vt *v, int *row, int *col)
{
	VTermPos	 pos;

	vterm_state_get_cursorpos(v->state, &pos);
	*row = pos.row;
	*col = pos.col;
}
