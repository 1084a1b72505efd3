/* SPDX-License-Identifier: ISC */
/*
 * The terminal model: a VT100-class screen on libvterm for sessions whose
 * output is not a real terminal.  It answers the device's queries, keeps
 * a screen and a scrollback, and turns the session into text lines.
 *
 * Answers (what RouterOS 7.2x asks): DA (ESC [ c) and DECID (ESC Z) answer
 * ESC [ ? 1 ; 2 c, a VT100 with the advanced video option (a VT100
 * answers DECID as it answers DA; RouterOS takes any VT100 id).  DSR 6
 * (ESC [ 6 n) answers ESC [ row ; col R.  The model wraps, and says so
 * the way RouterOS's wrap check wants: right after a character lands in
 * the last column, the cursor is reported at column 1 of the next row
 * (ESC [ H ESC [ 9999 C ESC [ 6 n, then a space and ESC [ 6 n, answers
 * ESC [ 1 ; W R then ESC [ 2 ; 1 R), although the cursor only moves
 * there with the next character, as on any VT100.  Height probes, the
 * scroll region and the UTF-8 check answer as libvterm's state has it.
 *
 * Lines.  A line is a screen row and the rows it wrapped onto (libvterm
 * 0.1.4 does not mark wrapped rows, so the model notes each autowrap
 * itself); a long line wrapped on a narrow screen comes out as one line.
 * line() gets each line once, as it looks at the moment it is complete:
 *  - a line feed (the byte 0x0a) leaves its last row: that line, and
 *    before it every not yet given line above it that holds text, are
 *    complete (a line feed out of an empty row gives an empty line);
 *  - a row scrolls off the top of the screen (or of a scroll region)
 *    before it was complete: given if it holds text (a wrapped line is
 *    kept until its last row goes or completes);
 *  - l2c_vt_flush(): every remaining row that holds text.
 * A row that is given stays given when it is drawn over again (a
 * redraw); it counts as new once it is erased whole (ED, EL from column
 * 0, a scroll bringing it in).  Erased text that was never complete is
 * not given (the screen no longer shows it).  Text is UTF-8, trailing
 * blanks removed; colours and cursor movement are interpreted, never
 * printed.  Combining marks after a cell's first character are dropped.
 *
 * Device input that libvterm 0.1.4 does not survive is trimmed before
 * it gets there: CSI arguments after the 16th, digits after the 9th
 * significant one of an argument, and REP (ESC [ n b, not a VT100
 * sequence), which is ignored.
 *
 * The scrollback keeps the last `scrollback` rows that left the top of
 * the screen, as row text, each with whether it continues the row above.
 *
 * reply() and line() are called from inside l2c_vt_feed() and
 * l2c_vt_flush(); they must not call back into the model.
 */
#ifndef L2C_UI_VT_H
#define L2C_UI_VT_H

#include <stddef.h>

/* RouterOS measures with ESC [ 9999 C from column 1: it must reach. */
#define L2C_VT_MAX_COLS		10000
#define L2C_VT_MAX_ROWS		10000
#define L2C_VT_MAX_SCROLLBACK	100000

struct l2c_vt;

struct l2c_vt_conf {
	int	 cols;		/* 1..L2C_VT_MAX_COLS */
	int	 rows;		/* 1..L2C_VT_MAX_ROWS */
	size_t	 scrollback;	/* rows kept after they leave; may be 0 */
	/* Bytes to send back to the device (query answers); may be NULL. */
	void	(*reply)(void *, const char *, size_t);
	/* One complete line, UTF-8, without a newline; may be NULL. */
	void	(*line)(void *, const char *, size_t);
	void	*arg;
};

/* "COLSxROWS" (--term-size): 0, or L2C_ERR_INVAL for anything else. */
int	l2c_vt_size_parse(const char *, int *cols, int *rows);

int	l2c_vt_new(const struct l2c_vt_conf *, struct l2c_vt **);
void	l2c_vt_free(struct l2c_vt *);
int	l2c_vt_feed(struct l2c_vt *, const void *, size_t);
void	l2c_vt_flush(struct l2c_vt *);
int	l2c_vt_resize(struct l2c_vt *, int cols, int rows);
void	l2c_vt_size(const struct l2c_vt *, int *cols, int *rows);
void	l2c_vt_cursor(const struct l2c_vt *, int *row, int *col);

/*
 * Text getters work like snprintf: they return the length of the whole
 * text and write as much as fits, NUL-terminated, when size > 0.
 */
/* The screen, one row a line ("\n" after each), up to its last text. */
size_t	l2c_vt_screen_text(const struct l2c_vt *, char *, size_t);
/*
 * One row (0 is the top), no newline, up to its last character written,
 * blanks the device wrote included: with l2c_vt_cursor() the line being
 * typed on, its prompt's trailing space and all ("" for no such row).
 */
size_t	l2c_vt_row_text(const struct l2c_vt *, int, char *, size_t);
/* Scrollback rows: 0 is the oldest kept, count - 1 the newest. */
size_t	l2c_vt_scrollback_count(const struct l2c_vt *);
size_t	l2c_vt_scrollback_text(const struct l2c_vt *, size_t, char *, size_t,
	    int *wrapped);

#endif /* L2C_UI_VT_H */
