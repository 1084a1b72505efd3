/* SPDX-License-Identifier: ISC */
/* Hex digits, both ways: the one copy for files and command lines. */
#ifndef L2C_HEX_H
#define L2C_HEX_H

#include <stddef.h>
#include <stdint.h>

/* A hex digit's value (either case), or -1. */
int	l2c_hexval(int c);
/* Exactly 2*len digits of s (slen) into len bytes: 0, or -1. */
int	l2c_unhex(const char *s, size_t slen, uint8_t *out, size_t len);
/* len bytes as 2*len lower-case digits and a NUL. */
void	l2c_hex(char *out, const uint8_t *p, size_t len);

#endif
