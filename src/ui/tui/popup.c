/* SPDX-License-Identifier: ISC */
/*
 * A framed text popup over the current screen: device details, help,
 * session information.  Arrows scroll it; any other key closes it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

#include "ui/tui/tui_int.h"

static const char *const pop_keys[] = {
	"Esc", "Close", "Up/Down", "Scroll", NULL
};

void
tui_pop_clear(struct tui *t)
{
	memset(&t->pop, 0, sizeof(t->pop));
}

void
tui_pop_add(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	if (t->pop.n >= TUI_POP_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(t->pop.line[t->pop.n++], TUI_POP_COLS, fmt, ap);
	va_end(ap);
}

void
tui_pop_show(struct tui *t, const char *title)
{
	snprintf(t->pop.title, sizeof(t->pop.title), "%s", title);
	t->pop.top = 0;
	if (tui_push(t, &tui_scr_pop, &t->pop) != 0)
		tui_status(t, TA_ERR, "%s", l2c_strerror(L2C_ERR_NOMEM));
}

/* As wide as its longest line (within the window), centred. */
static void
pop_draw(struct tui *t, void *data)
{
	struct tui_pop	*p = data;
	int		 i, w = 0, h, y, x, l;

	for (i = 0; i < p->n; i++)
		if ((l = (int)strlen(p->line[i])) > w)
			w = l;
	if ((l = (int)strlen(p->title) + 6) > w)
		w = l;
	w += 4;
	if (w > COLS - 2)
		w = COLS - 2;
	h = p->n + 2;
	if (h > LINES - 3)
		h = LINES - 3;
	if (p->top > p->n - (h - 2))
		p->top = p->n - (h - 2) > 0 ? p->n - (h - 2) : 0;
	y = (LINES - 1 - h) / 2;
	x = (COLS - w) / 2;
	tui_frame(t, y, x, h, w, p->title);
	for (i = 0; i < h - 2 && p->top + i < p->n; i++)
		tui_put(y + 1 + i, x + 2, w - 4, A_NORMAL,
		    p->line[p->top + i]);
	tui_keybar(t, pop_keys);
}

/* The line keys of every list: the popup's, the choice's, the picker's. */
int
tui_list_key(int *cur, int n, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (*cur > 0)
			(*cur)--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (*cur + 1 < n)
			(*cur)++;
		return 1;
	default:
		return 0;
	}
}

static void
pop_key(struct tui *t, void *data, int ch)
{
	struct tui_pop	*p = data;

	if (tui_list_key(&p->top, p->n, ch)) {
		tui_dirty(t);
		return;
	}
	switch (ch) {
	case KEY_PPAGE:
		p->top = p->top > 10 ? p->top - 10 : 0;
		break;
	case KEY_NPAGE:
		p->top += 10;
		break;
	default:
		tui_pop(t);
		break;
	}
	tui_dirty(t);
}

const struct tui_screen tui_scr_pop = {
	.name = "popup",
	/* Its own copy of the lines built in t->pop. */
	.datalen = sizeof(struct tui_pop),
	.draw = pop_draw,
	.key = pop_key,
	.keys = pop_keys,
};
