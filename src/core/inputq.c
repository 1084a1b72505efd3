/* SPDX-License-Identifier: ISC */
/*
 * The typed-input queue with its WRITABLE rule (see inputq.h), shared by
 * the MAC-Telnet and MOP client sessions.
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/inputq.h"

int
l2c_inputq_init(struct l2c_inputq *q, size_t cap)
{
	memset(q, 0, sizeof(*q));
	if ((q->buf = malloc(cap)) == NULL)
		return L2C_ERR_NOMEM;
	q->cap = cap;
	return 0;
}

void
l2c_inputq_free(struct l2c_inputq *q)
{
	if (q->buf != NULL) {
		explicit_bzero(q->buf, q->cap);
		free(q->buf);
	}
	memset(q, 0, sizeof(*q));
}

size_t
l2c_inputq_put(struct l2c_inputq *q, const uint8_t *p, size_t len)
{
	size_t	take = q->cap - q->len;

	if (take > len)
		take = len;
	memcpy(q->buf + q->len, p, take);
	q->len += take;
	if (take < len)
		q->refused = 1;
	return take;
}

void
l2c_inputq_drop(struct l2c_inputq *q, size_t n)
{
	if (n > q->len)
		n = q->len;
	memmove(q->buf, q->buf + n, q->len - n);
	q->len -= n;
}

int
l2c_inputq_writable(struct l2c_inputq *q)
{
	if (!q->refused || q->len >= q->cap)
		return 0;
	q->refused = 0;
	return 1;
}
