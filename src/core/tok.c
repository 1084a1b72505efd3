/* SPDX-License-Identifier: ISC */
/* The one walk over a static table for the row of a key. */
#include "tok.h"

const void *
l2c_tok_row(const void *rows, size_t n, size_t size, unsigned v)
{
	const unsigned char	*p = rows;
	const struct l2c_tok	*t;
	size_t			 i;

	for (i = 0; i < n; i++, p += size) {
		/* A row's first member sits at its start (C11 6.7.2.1). */
		t = (const struct l2c_tok *)(const void *)p;
		if (t->v == v)
			return t;
	}
	return NULL;
}

const char *
l2c_tok_name(const struct l2c_tok *t, size_t n, unsigned v,
    const char *dflt)
{
	const struct l2c_tok	*r = l2c_tok_row(t, n, sizeof(*t), v);

	return r != NULL && r->s != NULL ? r->s : dflt;
}
