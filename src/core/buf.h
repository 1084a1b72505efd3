/* SPDX-License-Identifier: ISC */
/*
 * Bounds-checked reader and writer.  Every wire format in l2console is
 * parsed and built through these: no other file indexes into a frame.
 * Each call returns 0 or a negative L2C_ERR_*; a failed call leaves the
 * buffer position unchanged and never touches memory outside it.
 */
#ifndef L2C_BUF_H
#define L2C_BUF_H

#include <stddef.h>
#include <stdint.h>

struct l2c_rbuf {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

struct l2c_wbuf {
	uint8_t		*p;
	size_t		 cap;
	size_t		 len;
};

void	 l2c_rbuf_init(struct l2c_rbuf *, const void *, size_t);
size_t	 l2c_rbuf_left(const struct l2c_rbuf *);
const uint8_t *l2c_rbuf_cur(const struct l2c_rbuf *);
int	 l2c_rbuf_end(const struct l2c_rbuf *);	/* L2C_ERR_TRAILING if bytes left */
int	 l2c_get_u8(struct l2c_rbuf *, uint8_t *);
int	 l2c_get_be16(struct l2c_rbuf *, uint16_t *);
int	 l2c_get_be32(struct l2c_rbuf *, uint32_t *);
int	 l2c_get_le16(struct l2c_rbuf *, uint16_t *);
int	 l2c_get_le32(struct l2c_rbuf *, uint32_t *);
int	 l2c_get_bytes(struct l2c_rbuf *, void *, size_t);
int	 l2c_get_ptr(struct l2c_rbuf *, const uint8_t **, size_t);
int	 l2c_get_skip(struct l2c_rbuf *, size_t);
/* A sub-reader over the next n bytes; the parent moves past them. */
int	 l2c_get_sub(struct l2c_rbuf *, struct l2c_rbuf *, size_t);
/* Counted string: u8 length then bytes; out gets a NUL-terminated copy. */
int	 l2c_get_cstr(struct l2c_rbuf *, char *, size_t);
int	 l2c_peek_u8(const struct l2c_rbuf *, size_t, uint8_t *);

void	 l2c_wbuf_init(struct l2c_wbuf *, void *, size_t);
size_t	 l2c_wbuf_room(const struct l2c_wbuf *);
int	 l2c_put_u8(struct l2c_wbuf *, uint8_t);
int	 l2c_put_be16(struct l2c_wbuf *, uint16_t);
int	 l2c_put_be32(struct l2c_wbuf *, uint32_t);
int	 l2c_put_le16(struct l2c_wbuf *, uint16_t);
int	 l2c_put_le32(struct l2c_wbuf *, uint32_t);
int	 l2c_put_bytes(struct l2c_wbuf *, const void *, size_t);
int	 l2c_put_zero(struct l2c_wbuf *, size_t);
int	 l2c_put_cstr(struct l2c_wbuf *, const char *);
/* Reserve n bytes now and fill them later (length fields). */
int	 l2c_put_reserve(struct l2c_wbuf *, size_t, size_t *);
int	 l2c_set_be16(struct l2c_wbuf *, size_t, uint16_t);
int	 l2c_set_be32(struct l2c_wbuf *, size_t, uint32_t);
int	 l2c_set_le16(struct l2c_wbuf *, size_t, uint16_t);

#endif /* L2C_BUF_H */
