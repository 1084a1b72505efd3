/* SPDX-License-Identifier: ISC */
/*
 * Static tables found by key, after tcpdump's struct tok: a name table
 * is an array of struct l2c_tok, and a table of richer rows (a type's
 * lengths, its parser) opens every row with one, so one walk finds a
 * row of either.
 */
#ifndef L2C_TOK_H
#define L2C_TOK_H

#include <stddef.h>

#define L2C_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct l2c_tok {
	unsigned	 v;		/* the key: a type, a code */
	const char	*s;		/* its name; NULL if the row has none */
};

/*
 * The first of n rows, size bytes apart, whose opening struct l2c_tok
 * has key v; NULL if none has.
 */
const void	*l2c_tok_row(const void *rows, size_t n, size_t size,
		    unsigned v);
/* The name of v in a table of n struct l2c_tok, or dflt. */
const char	*l2c_tok_name(const struct l2c_tok *, size_t n, unsigned v,
		    const char *dflt);

#endif /* L2C_TOK_H */
