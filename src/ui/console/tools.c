/* SPDX-License-Identifier: ISC */
/* The console's small tools (tools.h): maps, hex view, stamps, hex. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/err.h"
#include "ui/console/tools.h"

struct map_row {
	const char	*name;
	unsigned	 bit;
};

/* tio's names; ONLCR is termios's name for what tio calls ONLCRNL. */
static const struct map_row map_rows[] = {
	{ "ICRNL",	L2C_MAP_ICRNL },
	{ "IGNCR",	L2C_MAP_IGNCR },
	{ "INLCR",	L2C_MAP_INLCR },
	{ "INLCRNL",	L2C_MAP_INLCRNL },
	{ "OCRNL",	L2C_MAP_OCRNL },
	{ "ONLCRNL",	L2C_MAP_ONLCRNL },
	{ "ONLCR",	L2C_MAP_ONLCRNL },
	{ "ODELBS",	L2C_MAP_ODELBS },
	{ "OLTU",	L2C_MAP_OLTU },
};

#define NMAPS	(sizeof(map_rows) / sizeof(map_rows[0]))

int
l2c_map_parse(const char *s, unsigned *maps)
{
	const char	*e;
	size_t		 i, n;

	*maps = 0;
	if (strcasecmp(s, "none") == 0)
		return 0;
	while (*s != '\0') {
		e = strchr(s, ',');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		for (i = 0; i < NMAPS; i++)
			if (strlen(map_rows[i].name) == n &&
			    strncasecmp(map_rows[i].name, s, n) == 0)
				break;
		if (i == NMAPS)
			return L2C_ERR_INVAL;
		*maps |= map_rows[i].bit;
		s += n;
		if (*s == ',' && *++s == '\0')
			return L2C_ERR_INVAL;
	}
	return 0;
}

void
l2c_map_names(unsigned maps, char *buf, size_t len)
{
	size_t	i, n = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NMAPS && n < len; i++) {
		if ((maps & map_rows[i].bit) == 0 ||
		    (i > 0 && map_rows[i - 1].bit == map_rows[i].bit))
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "",
		    map_rows[i].name);
	}
	if (n == 0)
		snprintf(buf, len, "none");
}

size_t
l2c_map_apply(unsigned maps, unsigned dir, const uint8_t *p, size_t n,
    uint8_t *out)
{
	size_t	i, o = 0;
	uint8_t	b;

	maps &= dir;
	if (maps == 0) {
		memcpy(out, p, n);
		return n;
	}
	for (i = 0; i < n; i++) {
		b = p[i];
		if (b == '\r' && (maps & L2C_MAP_IGNCR))
			continue;
		if (b == '\r' && (maps & (L2C_MAP_ICRNL | L2C_MAP_OCRNL)))
			b = '\n';
		else if (b == '\n' &&
		    (maps & (L2C_MAP_INLCRNL | L2C_MAP_ONLCRNL))) {
			out[o++] = '\r';
		} else if (b == '\n' && (maps & L2C_MAP_INLCR))
			b = '\r';
		else if (b == 0x7f && (maps & L2C_MAP_ODELBS))
			b = '\b';
		else if ((maps & L2C_MAP_OLTU) && b >= 'a' && b <= 'z')
			b = (uint8_t)(b - 'a' + 'A');
		out[o++] = b;
	}
	return o;
}

size_t
l2c_hexview(struct l2c_hexview *h, const uint8_t *p, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i, o = 0;

	for (i = 0; i < n; i++) {
		out[o++] = hex[p[i] >> 4];
		out[o++] = hex[p[i] & 0x0f];
		if (++h->col == 16) {
			out[o++] = '\r';
			out[o++] = '\n';
			h->col = 0;
		} else
			out[o++] = ' ';
	}
	return o;
}

size_t
l2c_stamp_fmt(char *buf, size_t len)
{
	struct timespec	ts;
	struct tm	tm;
	size_t		n;
	int		m;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, len, "[%Y-%m-%d %H:%M:%S", &tm);
	m = snprintf(buf + n, len - n, ".%03ld] ", ts.tv_nsec / 1000000);
	if (m < 0 || (size_t)m >= len - n)
		return n;
	return n + (size_t)m;
}

static int
nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
l2c_hex_parse(const char *s, uint8_t *b, size_t cap, size_t *n)
{
	int	hi, lo;

	*n = 0;
	for (;;) {
		while (*s == ' ' || *s == ',' || *s == ':' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			s += 2;
		if ((hi = nibble((unsigned char)s[0])) < 0 ||
		    (lo = nibble((unsigned char)s[1])) < 0 || *n == cap)
			return L2C_ERR_INVAL;
		b[(*n)++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return *n > 0 ? 0 : L2C_ERR_INVAL;
}

size_t
l2c_bpaste_strip(uint8_t *p, size_t n, int *inside, int *began)
{
	static const char	mark[] = "\033[20";
	size_t			i, o = 0, m = sizeof(mark) - 1;

	*began = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == 0x1b && n - i >= m + 2 &&
		    memcmp(p + i, mark, m) == 0 && p[i + m + 1] == '~' &&
		    (p[i + m] == '0' || p[i + m] == '1')) {
			*inside = p[i + m] == '0';
			*began |= *inside;
			i += m + 1;
			continue;
		}
		p[o++] = p[i];
	}
	return o;
}
