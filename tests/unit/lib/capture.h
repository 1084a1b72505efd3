/* SPDX-License-Identifier: ISC */
/* Test helper: the frames of a capture under tests/data, in order. */
#ifndef L2C_TEST_CAPTURE_H
#define L2C_TEST_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

struct tcap_frame {
	double		 t;	/* seconds since the first frame */
	size_t		 len;
	uint8_t		*data;
};

struct tcap {
	struct tcap_frame	*f;
	size_t			 n;
};

/* Loads tests/data/NAME (or $L2C_TEST_DATA/NAME); aborts the test on error. */
void	tcap_load(const char *, struct tcap *);
void	tcap_free(struct tcap *);
/* tests/data/NAME (or $L2C_TEST_DATA/NAME) whole, NUL after; aborts. */
char	*tdata_load(const char *, size_t *len);
/* Hex string ("00 1a ff" or "001aff") to bytes; returns the count. */
size_t	thex(const char *, uint8_t *, size_t);

#endif
