/* SPDX-License-Identifier: ISC */
/*
 * Inside the terminal model: the state vt.c (the libvterm side),
 * vt_input.c (what goes in) and vt_screen.c (our rows, lines and
 * scrollback) share.
 */
#ifndef L2C_UI_VT_INT_H
#define L2C_UI_VT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <vterm.h>

#include "ui/console/vt.h"

#define WIDE_TAIL	0xffffffffu	/* right half of a double-width char */

struct row {
	uint32_t	*cell;		/* 0 = blank; cells [len, cap) are 0 */
	int		 len;		/* up to the last cell not blank */
	int		 cap;
	unsigned	 wrap:1;	/* continues the row above (autowrap) */
	unsigned	 done:1;	/* given to line(), or passed over */
};

struct str {
	char		*p;
	size_t		 len;
	size_t		 cap;
	int		 ink;		/* holds something other than blanks */
};

struct sbrow {
	struct str	 text;
	int		 wrap;
};

struct l2c_vt {
	VTerm			*term;
	VTermState		*state;
	struct l2c_vt_conf	 conf;
	int			 cols;
	int			 rows;
	struct row		*row;	/* screen row r is row[(top + r) % rows] */
	struct row		*tmp;	/* room for a scroll inside a region */
	int			 top;
	int			 low;	/* rows above it are all done */
	/* Where the cursor stands after the last glyph, if it did not move
	 * since (row -1: it did); col == cols: a wrap is pending. */
	int			 last_row;
	int			 last_col;
	struct str		 pend;	/* wrapped line whose head scrolled off */
	struct str		 out;	/* the line being put together */
	struct str		 one;	/* one row's text */
	struct sbrow		*sb;
	size_t			 sbhead;
	size_t			 sbcount;
	unsigned char		 cut[4]; /* a UTF-8 character cut by a feed */
	size_t			 cutlen;
	int			 csi;	/* the CSI guard's state (vt.c) */
	int			 csi_args;
	int			 csi_inter;	/* an intermediate byte came */
	int			 csi_param;	/* a parameter byte came */
	int			 csi_digits;
	struct row		*newrow; /* l2c_vt_resize() to on_resize() */
	struct row		*newtmp;
	int			 nomem;
};

struct row	*vt_row(const struct l2c_vt *, int);
int		 vt_row_room(struct l2c_vt *, struct row *, int);
void		 vt_row_trim(struct row *);
void		 vt_give_pend(struct l2c_vt *);
void		 vt_give_all(struct l2c_vt *);
void		 vt_line_feed(struct l2c_vt *);
void		 vt_scroll_up(struct l2c_vt *, int, int, int);
void		 vt_scroll_down(struct l2c_vt *, int, int, int);
void		 vt_screen_free(struct l2c_vt *);
void		 vt_write(struct l2c_vt *, const char *, size_t);
void		 vt_input_end(struct l2c_vt *);

#endif /* L2C_UI_VT_INT_H */
