/* SPDX-License-Identifier: ISC */
/*
 * The one sanitiser for text from the wire (core/text.h): JSON strings,
 * CSV fields (RFC 4180) and, for a terminal, the table, the full-screen
 * UI and the logs.  A device's identity can hold anything: escape
 * sequences (ESC, or the one-byte C1 CSI U+009B and OSC U+009D), bidi
 * overrides that turn the text around, bytes that are not UTF-8.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

/*
 * Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0.
 */
static size_t
utf8_seq(const unsigned char *s, uint32_t *cpp)
{
	size_t		 len, i;
	uint32_t	 cp;

	*cpp = s[0];
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*cpp = cp;
	return len;
}

/*
 * A well-formed code point that still must not reach a screen raw: a C1
 * control (a terminal may take U+009B as CSI) or a bidi override or
 * isolate (U+202A-U+202E, U+2066-U+2069), which reorders what follows.
 */
static int
hidden_cp(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* The visible form of what hidden_cp or a control byte hides. */
static void
visible(char *tmp, size_t sz, uint32_t cp, int is_byte)
{
	if (is_byte)
		snprintf(tmp, sz, "\\x%02x", (unsigned)cp);
	else
		snprintf(tmp, sz, "\\u%04x", (unsigned)cp);
}

/*
 * A JSON string: escapes what RFC 8259 requires, plus DEL, C1 and bidi
 * as \uXXXX (the same text, never raw); bytes that are not UTF-8 become
 * U+FFFD, so the document always parses.
 */
void
l2c_json_str(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len;
	uint32_t		 cp;

	fputc('"', f);
	while (*s != '\0') {
		switch (*s) {
		case '"':  fputs("\\\"", f); s++; continue;
		case '\\': fputs("\\\\", f); s++; continue;
		case '\b': fputs("\\b", f); s++; continue;
		case '\f': fputs("\\f", f); s++; continue;
		case '\n': fputs("\\n", f); s++; continue;
		case '\r': fputs("\\r", f); s++; continue;
		case '\t': fputs("\\t", f); s++; continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s++);
			continue;
		}
		if ((len = utf8_seq(s, &cp)) == 0) {
			fputs("\\ufffd", f);
			s++;
			continue;
		}
		if (hidden_cp(cp))
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(s, 1, len, f);
		s += len;
	}
	fputc('"', f);
}

/*
 * An RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or
 * starts or ends with a space, which some readers trim); quotes doubled.
 * CR and LF stay (quoted, as RFC 4180 allows); other controls, C1 and
 * bidi become \xNN and \uXXXX; bytes that are not UTF-8 become U+FFFD,
 * as in JSON.  A cell that starts with = + - @, tab or CR would run as a
 * formula in a spreadsheet: it gets a leading ' (OWASP's advice).
 */
void
l2c_csv_field(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len, n = strlen(str);
	uint32_t		 cp;
	int			 quote;
	char			 tmp[16];

	quote = strpbrk(str, ",\"\r\n") != NULL ||
	    (n > 0 && (str[0] == ' ' || str[n - 1] == ' '));
	if (quote)
		fputc('"', f);
	if (n > 0 && strchr("=+-@\t\r", str[0]) != NULL)
		fputc('\'', f);
	while (*s != '\0') {
		if (*s == '"') {
			fputs("\"\"", f);
			s++;
		} else if (*s == '\r' || *s == '\n') {
			fputc(*s++, f);
		} else if (*s < 0x20 || *s == 0x7f) {
			visible(tmp, sizeof(tmp), *s++, 1);
			fputs(tmp, f);
		} else if ((len = utf8_seq(s, &cp)) == 0) {
			fputs("\xef\xbf\xbd", f);
			s++;
		} else {
			if (hidden_cp(cp)) {
				visible(tmp, sizeof(tmp), cp, 0);
				fputs(tmp, f);
			} else
				fwrite(s, 1, len, f);
			s += len;
		}
	}
	if (quote)
		fputc('"', f);
}

/* Escape for a terminal into out; returns code points (columns). */
size_t
l2c_tty_escape(const char *str, char *out, size_t outsz, size_t width)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len, cols = 0, o = 0, need, tl;
	uint32_t		 cp;
	char			 tmp[16];

	if (outsz == 0)
		return 0;
	out[0] = '\0';
	while (*s != '\0') {
		if (*s < 0x20 || *s == 0x7f || (len = utf8_seq(s, &cp)) == 0) {
			visible(tmp, sizeof(tmp), *s, 1);
			len = 1;
			need = strlen(tmp);
		} else if (hidden_cp(cp)) {
			visible(tmp, sizeof(tmp), cp, 0);
			need = strlen(tmp);
		} else {
			memcpy(tmp, s, len);
			tmp[len] = '\0';
			need = 1;
		}
		tl = strlen(tmp);
		/* Leave room for the "~" that says it was cut. */
		if (cols + need > width || (cols + need == width &&
		    s[len] != '\0')) {
			if (cols < width && o + 1 < outsz) {
				out[o++] = '~';
				out[o] = '\0';
				cols++;
			}
			break;
		}
		if (o + tl >= outsz)
			break;
		memcpy(out + o, tmp, tl + 1);
		o += tl;
		cols += need;
		s += len;
	}
	return cols;
}

/* The same, straight to f; escapes are at most 4 bytes per byte in. */
size_t
l2c_tty_str(FILE *f, const char *str, size_t width)
{
	char	buf[4 * 1024 + 8];
	size_t	cols;

	cols = l2c_tty_escape(str, buf, sizeof(buf), width);
	fputs(buf, f);
	return cols;
}
