/* SPDX-License-Identifier: ISC */
/*
 * What a script's expect() looks at: the console's complete lines since
 * the last match, then the row being typed on (a prompt has no line
 * end).  A match consumes the text up to its end, so the next expect()
 * only sees what came after it, even when the match ended inside the
 * row being typed on and that row completes later.
 *
 *	l2c_expbuf_line(&x, line, n);		// each complete line
 *	if (l2c_expbuf_match(&x, &re, row, m, 4, &subj) == 1)
 *		... subj + m[0].rm_so ...
 */
#ifndef L2C_UI_SCRIPT_EXPBUF_H
#define L2C_UI_SCRIPT_EXPBUF_H

#include <regex.h>
#include <stddef.h>

/* Lines kept for an expect() that has not come yet: the newest ones. */
#define L2C_EXPBUF_MAX	(1024 * 1024)

struct l2c_expbuf {
	char	*b;		/* complete lines, each ending in "\n" */
	size_t	 len, cap;
	char	*skip;		/* the row's start a match consumed */
	char	*subj;		/* what the last match ran on */
	size_t	 subjcap;
};

void	l2c_expbuf_init(struct l2c_expbuf *);
/* A complete line (no newline): 0, or L2C_ERR_NOMEM. */
int	l2c_expbuf_line(struct l2c_expbuf *, const char *, size_t);
/*
 * Match re against the lines and then row (NULL: none): 1 and m[0..nm)
 * as offsets into *subj (valid until the next call), 0 for no match, or
 * L2C_ERR_NOMEM.  What the match covered is consumed.
 */
int	l2c_expbuf_match(struct l2c_expbuf *, const regex_t *, const char *row,
	    regmatch_t *m, size_t nm, const char **subj);
/* Forget every line (and the consumed row). */
void	l2c_expbuf_clear(struct l2c_expbuf *);
void	l2c_expbuf_free(struct l2c_expbuf *);

#endif
