/* SPDX-License-Identifier: ISC */
/* Hex digits (hex.h). */
#include "hex.h"

int
l2c_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
l2c_unhex(const char *s, size_t slen, uint8_t *out, size_t len)
{
	size_t	i;
	int	hi, lo;

	if (slen != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		if ((hi = l2c_hexval(s[2 * i])) < 0 ||
		    (lo = l2c_hexval(s[2 * i + 1])) < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void
l2c_hex(char *out, const uint8_t *p, size_t len)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
}
