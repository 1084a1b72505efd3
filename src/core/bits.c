/* SPDX-License-Identifier: ISC */
/* Bit masks as words, for the faces to show flags the protocols name. */
#include <stdio.h>

#include "bits.h"

char *
l2c_bits_str(uint32_t bits, unsigned nbits, const char *const *names,
    size_t nnames, char *buf, size_t len)
{
	size_t		 off = 0;
	unsigned	 bit;
	int		 n;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (bit = 0; bit < nbits && bit < 32; bit++) {
		if ((bits & (1u << bit)) == 0)
			continue;
		if (bit < nnames)
			n = snprintf(buf + off, len - off, "%s%s",
			    off ? ", " : "", names[bit]);
		else
			n = snprintf(buf + off, len - off, "%sbit %u",
			    off ? ", " : "", bit);
		if (n < 0 || (size_t)n >= len - off)
			break;
		off += (size_t)n;
	}
	if (off == 0)
		snprintf(buf, len, "none");
	return buf;
}
