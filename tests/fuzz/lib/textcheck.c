/* SPDX-License-Identifier: ISC */
/*
 * The fuzz oracle for sanitised text (textcheck.h), written apart from
 * core/text.c so that a slip in one is not repeated in the other.
 */
#include <stdint.h>
#include <string.h>

#include "textcheck.h"

/* One code point of well-formed UTF-8 at s (n left); traps otherwise. */
static size_t
cp_at(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t	len, i;

	if (s[0] < 0x80)
		len = 1, *cp = s[0];
	else if ((s[0] & 0xe0) == 0xc0)
		len = 2, *cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, *cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, *cp = s[0] & 0x07;
	else
		__builtin_trap();
	if (len > n)
		__builtin_trap();
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			__builtin_trap();
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 2 && *cp < 0x80) || (len == 3 && *cp < 0x800) ||
	    (len == 4 && *cp < 0x10000) || (*cp >= 0xd800 && *cp <= 0xdfff) ||
	    *cp > 0x10ffff)
		__builtin_trap();
	return len;
}

void
fz_text_visible(const char *str, size_t n, const char *keep)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, len;
	uint32_t		 cp;

	while (i < n) {
		len = cp_at(s + i, n - i, &cp);
		if ((cp < 0x20 || cp == 0x7f) &&
		    (cp == 0 || strchr(keep, (int)cp) == NULL))
			__builtin_trap();
		if ((cp >= 0x80 && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			__builtin_trap();
		i += len;
	}
}

void
fz_text_csv(const char *s, size_t n)
{
	size_t	i = 0;
	int	cell_start = 1, quoted = 0;

	fz_text_visible(s, n, "\r\n");
	for (i = 0; i < n; i++) {
		if (cell_start) {
			cell_start = 0;
			if (s[i] == '"') {
				quoted = 1;
				if (i + 1 < n && strchr("=+-@\t\r", s[i + 1]) &&
				    s[i + 1] != '\0')
					__builtin_trap();
				continue;
			}
			if (strchr("=+-@\t", s[i]) != NULL && s[i] != '\0')
				__builtin_trap();
		}
		if (quoted) {
			if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
			else if (s[i] == '"')
				quoted = 0;
			continue;
		}
		if (s[i] == ',' || s[i] == '\n')
			cell_start = 1;
	}
}
