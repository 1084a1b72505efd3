/* SPDX-License-Identifier: ISC */
/* The one place in l2console that indexes into wire bytes. */
#include <string.h>

#include "buf.h"
#include "err.h"

void
l2c_rbuf_init(struct l2c_rbuf *r, const void *p, size_t len)
{
	r->p = p;
	r->len = p != NULL ? len : 0;
	r->off = 0;
}

size_t
l2c_rbuf_left(const struct l2c_rbuf *r)
{
	return r->len - r->off;
}

const uint8_t *
l2c_rbuf_cur(const struct l2c_rbuf *r)
{
	return r->p + r->off;
}

int
l2c_rbuf_end(const struct l2c_rbuf *r)
{
	return l2c_rbuf_left(r) == 0 ? 0 : L2C_ERR_TRAILING;
}

int
l2c_get_ptr(struct l2c_rbuf *r, const uint8_t **pp, size_t n)
{
	if (n > l2c_rbuf_left(r))
		return L2C_ERR_TRUNC;
	if (pp != NULL)
		*pp = r->p + r->off;
	r->off += n;
	return 0;
}

int
l2c_get_skip(struct l2c_rbuf *r, size_t n)
{
	return l2c_get_ptr(r, NULL, n);
}

int
l2c_get_bytes(struct l2c_rbuf *r, void *out, size_t n)
{
	const uint8_t	*p;
	int		 rv;

	if ((rv = l2c_get_ptr(r, &p, n)) != 0)
		return rv;
	if (n > 0)
		memcpy(out, p, n);
	return 0;
}

int
l2c_get_sub(struct l2c_rbuf *r, struct l2c_rbuf *sub, size_t n)
{
	const uint8_t	*p;
	int		 rv;

	if ((rv = l2c_get_ptr(r, &p, n)) != 0)
		return rv;
	l2c_rbuf_init(sub, p, n);
	return 0;
}

int
l2c_get_u8(struct l2c_rbuf *r, uint8_t *v)
{
	const uint8_t	*p;
	int		 rv;

	if ((rv = l2c_get_ptr(r, &p, 1)) != 0)
		return rv;
	*v = p[0];
	return 0;
}

int
l2c_peek_u8(const struct l2c_rbuf *r, size_t at, uint8_t *v)
{
	if (at >= l2c_rbuf_left(r))
		return L2C_ERR_TRUNC;
	*v = r->p[r->off + at];
	return 0;
}

/*
 * One reader and one writer of n-byte integers in either byte order;
 * the typed functions below only fix n and the order.
 */
static int
get_uint(struct l2c_rbuf *r, size_t n, int big, uint32_t *v)
{
	const uint8_t	*p;
	size_t		 i;
	int		 rv;

	if ((rv = l2c_get_ptr(r, &p, n)) != 0)
		return rv;
	for (*v = 0, i = 0; i < n; i++)
		*v |= (uint32_t)p[i] << 8 * (big ? n - 1 - i : i);
	return 0;
}

static int
put_uint(struct l2c_wbuf *w, size_t n, int big, uint32_t v)
{
	uint8_t	b[4];
	size_t	i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> 8 * (big ? n - 1 - i : i));
	return l2c_put_bytes(w, b, n);
}

int
l2c_get_be16(struct l2c_rbuf *r, uint16_t *v)
{
	uint32_t	x;
	int		rv;

	if ((rv = get_uint(r, 2, 1, &x)) == 0)
		*v = (uint16_t)x;
	return rv;
}

int
l2c_get_le16(struct l2c_rbuf *r, uint16_t *v)
{
	uint32_t	x;
	int		rv;

	if ((rv = get_uint(r, 2, 0, &x)) == 0)
		*v = (uint16_t)x;
	return rv;
}

int
l2c_get_be32(struct l2c_rbuf *r, uint32_t *v)
{
	return get_uint(r, 4, 1, v);
}

int
l2c_get_le32(struct l2c_rbuf *r, uint32_t *v)
{
	return get_uint(r, 4, 0, v);
}

int
l2c_get_cstr(struct l2c_rbuf *r, char *out, size_t outsz)
{
	size_t	save = r->off;
	uint8_t	n;
	int	rv;

	if (outsz == 0)
		return L2C_ERR_NOSPACE;
	if ((rv = l2c_get_u8(r, &n)) != 0)
		return rv;
	if ((size_t)n + 1 > outsz) {
		r->off = save;
		return L2C_ERR_NOSPACE;
	}
	if ((rv = l2c_get_bytes(r, out, n)) != 0) {
		r->off = save;
		return rv;
	}
	out[n] = '\0';
	return 0;
}

void
l2c_wbuf_init(struct l2c_wbuf *w, void *p, size_t cap)
{
	w->p = p;
	w->cap = p != NULL ? cap : 0;
	w->len = 0;
}

size_t
l2c_wbuf_room(const struct l2c_wbuf *w)
{
	return w->cap - w->len;
}

int
l2c_put_reserve(struct l2c_wbuf *w, size_t n, size_t *at)
{
	if (n > l2c_wbuf_room(w))
		return L2C_ERR_NOSPACE;
	if (at != NULL)
		*at = w->len;
	if (n > 0)
		memset(w->p + w->len, 0, n);
	w->len += n;
	return 0;
}

int
l2c_put_zero(struct l2c_wbuf *w, size_t n)
{
	return l2c_put_reserve(w, n, NULL);
}

int
l2c_put_bytes(struct l2c_wbuf *w, const void *src, size_t n)
{
	size_t	at;
	int	rv;

	if ((rv = l2c_put_reserve(w, n, &at)) != 0)
		return rv;
	if (n > 0)
		memcpy(w->p + at, src, n);
	return 0;
}

int
l2c_put_u8(struct l2c_wbuf *w, uint8_t v)
{
	return l2c_put_bytes(w, &v, 1);
}

int
l2c_put_be16(struct l2c_wbuf *w, uint16_t v)
{
	return put_uint(w, 2, 1, v);
}

int
l2c_put_le16(struct l2c_wbuf *w, uint16_t v)
{
	return put_uint(w, 2, 0, v);
}

int
l2c_put_be32(struct l2c_wbuf *w, uint32_t v)
{
	return put_uint(w, 4, 1, v);
}

int
l2c_put_le32(struct l2c_wbuf *w, uint32_t v)
{
	return put_uint(w, 4, 0, v);
}

int
l2c_put_cstr(struct l2c_wbuf *w, const char *s)
{
	size_t	n = strlen(s);
	int	rv;

	if (n > 255)
		return L2C_ERR_INVAL;
	if (n + 1 > l2c_wbuf_room(w))
		return L2C_ERR_NOSPACE;
	if ((rv = l2c_put_u8(w, (uint8_t)n)) != 0)
		return rv;
	return l2c_put_bytes(w, s, n);
}

int
l2c_set_be16(struct l2c_wbuf *w, size_t at, uint16_t v)
{
	if (at > w->len || w->len - at < 2)
		return L2C_ERR_NOSPACE;
	w->p[at] = v >> 8;
	w->p[at + 1] = v & 0xff;
	return 0;
}

int
l2c_set_le16(struct l2c_wbuf *w, size_t at, uint16_t v)
{
	if (at > w->len || w->len - at < 2)
		return L2C_ERR_NOSPACE;
	w->p[at] = v & 0xff;
	w->p[at + 1] = v >> 8;
	return 0;
}

int
l2c_set_be32(struct l2c_wbuf *w, size_t at, uint32_t v)
{
	if (at > w->len || w->len - at < 4)
		return L2C_ERR_NOSPACE;
	w->p[at] = v >> 24;
	w->p[at + 1] = (v >> 16) & 0xff;
	w->p[at + 2] = (v >> 8) & 0xff;
	w->p[at + 3] = v & 0xff;
	return 0;
}
