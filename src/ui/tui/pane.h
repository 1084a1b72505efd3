/* SPDX-License-Identifier: ISC */
/*
 * A session's pane in the full-screen UI: a terminal model on libvterm's
 * screen layer (cells with their colours and attributes, the alternate
 * screen, the cursor and its visibility), a scrollback of the rows that
 * left the top of the main screen, and the drawing of both into curses,
 * as tmux draws its panes.  The model answers the device's probes (DA,
 * DSR) through reply(), and turns keys into the bytes the device's mode
 * wants (cursor keys in application mode and the like).
 *
 * The batch model (ui/console/vt.h) makes text lines for scripts; this
 * one keeps what a screen shows, cell by cell, for drawing.
 */
#ifndef L2C_UI_TUI_PANE_H
#define L2C_UI_TUI_PANE_H

#include <stddef.h>

#define TUI_PANE_SCROLLBACK	10000	/* --scrollback's default */
#define TUI_PANE_SCROLLBACK_MAX	1000000

struct tui_pane;
struct tui_palette;

struct tui_pane_conf {
	int	 cols, rows;
	size_t	 scrollback;		/* rows kept */
	/* Bytes for the device: probe answers, keys. */
	void	(*reply)(void *, const char *, size_t);
	void	*arg;
};

int	tui_pane_new(const struct tui_pane_conf *, struct tui_pane **);
void	tui_pane_free(struct tui_pane *);
void	tui_pane_feed(struct tui_pane *, const void *, size_t);
int	tui_pane_resize(struct tui_pane *, int cols, int rows);
/* A curses key (KEY_UP, a byte...) as the device's terminal sends it. */
void	tui_pane_key(struct tui_pane *, int);

/*
 * Draw rows [y, y + h) of the window, w columns, from the scroll
 * position; the cursor's place when it shows (*cy = -1: hidden).
 */
void	tui_pane_draw(struct tui_pane *, struct tui_palette *, int y,
	    int h, int w, int *cy, int *cx);

/* Scrolling back: rows above the live screen (0: live). */
int	tui_pane_scrolled(const struct tui_pane *);
void	tui_pane_scroll(struct tui_pane *, int delta);
size_t	tui_pane_history(const struct tui_pane *);
/*
 * Search for s (plain text) in the rows above the top row shown (back)
 * or below it; on a match, scroll so that it is the top row shown.
 * 1 found, 0 not.
 */
int	tui_pane_search(struct tui_pane *, const char *s, int back);
/* Scrollback and screen as text, one row a line, into fd: 0 or -1. */
int	tui_pane_write(const struct tui_pane *, int fd);

/* Colour pairs for the device's colours, made as they are needed. */
struct tui_palette *tui_palette_new(int color);
void	tui_palette_free(struct tui_palette *);

#endif
