/* SPDX-License-Identifier: ISC */
/* A script's expect() text: lines since the last match (expbuf.h). */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/script/expbuf.h"
#include "ui/script/grow.h"

void
l2c_expbuf_init(struct l2c_expbuf *x)
{
	memset(x, 0, sizeof(*x));
}

/* Too much unread: keep the newer half, from a line's start. */
static void
trim(struct l2c_expbuf *x)
{
	char	*nl;
	size_t	 cut;

	if (x->len <= L2C_EXPBUF_MAX)
		return;
	cut = x->len - L2C_EXPBUF_MAX / 2;
	if ((nl = memchr(x->b + cut, '\n', x->len - cut)) != NULL)
		cut = (size_t)(nl - x->b) + 1;
	memmove(x->b, x->b + cut, x->len - cut);
	x->len -= cut;
}

int
l2c_expbuf_line(struct l2c_expbuf *x, const char *p, size_t n)
{
	size_t	k;

	/* The row a match ended in is complete: its matched start goes. */
	if (x->skip != NULL) {
		k = strlen(x->skip);
		if (n >= k && memcmp(p, x->skip, k) == 0) {
			p += k;
			n -= k;
		}
		free(x->skip);
		x->skip = NULL;
	}
	if (memchr(p, '\0', n) != NULL)
		n = strlen(p);
	if (l2c_grow(&x->b, &x->cap, x->len + n + 2, 256) != 0)
		return L2C_ERR_NOMEM;
	memcpy(x->b + x->len, p, n);
	x->len += n;
	x->b[x->len++] = '\n';
	x->b[x->len] = '\0';
	trim(x);
	return 0;
}

int
l2c_expbuf_match(struct l2c_expbuf *x, const regex_t *re, const char *row,
    regmatch_t *m, size_t nm, const char **subj)
{
	size_t	rlen, end;

	if (row == NULL)
		row = "";
	if (x->skip != NULL) {
		if (strncmp(row, x->skip, strlen(x->skip)) == 0)
			row += strlen(x->skip);
		else {
			free(x->skip);
			x->skip = NULL;
		}
	}
	rlen = strlen(row);
	if (l2c_grow(&x->subj, &x->subjcap, x->len + rlen + 1, 256) != 0)
		return L2C_ERR_NOMEM;
	if (x->len > 0)
		memcpy(x->subj, x->b, x->len);
	memcpy(x->subj + x->len, row, rlen + 1);
	*subj = x->subj;
	if (regexec(re, x->subj, nm, m, 0) != 0)
		return 0;
	end = (size_t)m[0].rm_eo;
	if (end <= x->len) {
		memmove(x->b, x->b + end, x->len - end);
		x->len -= end;
		if (x->b != NULL)
			x->b[x->len] = '\0';
		return 1;
	}
	/* Into the row: every line is read, and the row's start too. */
	end -= x->len;
	x->len = 0;
	if (end > 0) {
		char	*k;
		size_t	 had = x->skip ? strlen(x->skip) : 0;

		if ((k = malloc(had + end + 1)) == NULL)
			return L2C_ERR_NOMEM;
		if (had > 0)
			memcpy(k, x->skip, had);
		memcpy(k + had, row, end);
		k[had + end] = '\0';
		free(x->skip);
		x->skip = k;
	}
	return 1;
}

void
l2c_expbuf_clear(struct l2c_expbuf *x)
{
	x->len = 0;
	free(x->skip);
	x->skip = NULL;
}

void
l2c_expbuf_free(struct l2c_expbuf *x)
{
	free(x->b);
	free(x->skip);
	free(x->subj);
	l2c_expbuf_init(x);
}
