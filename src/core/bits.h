/* SPDX-License-Identifier: ISC */
/* A bit mask as words: "loop, console carrier" or "switch, IGMP". */
#ifndef L2C_BITS_H
#define L2C_BITS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The names of the bits set among the low nbits of bits, in bit order,
 * ", "-separated into buf; a bit past the names is "bit N"; no bit at
 * all is "none".  Stops at the last name that fits.
 */
char	*l2c_bits_str(uint32_t bits, unsigned nbits,
	    const char *const *names, size_t nnames, char *buf, size_t len);

#endif /* L2C_BITS_H */
