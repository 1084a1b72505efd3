/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the terminal model, fed anything a device may send,
 * in pieces, with a resize half way: no crash, no leak, and every line
 * it gives is one line (no newline, no NUL inside).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/console/vt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
line(void *arg, const char *p, size_t n)
{
	(void)arg;
	if (memchr(p, '\n', n) != NULL || memchr(p, '\0', n) != NULL ||
	    p[n] != '\0')
		__builtin_trap();
}

static void
reply(void *arg, const char *p, size_t n)
{
	(void)arg;
	if (n == 0 || p == NULL)
		__builtin_trap();
}

/* Bytes 0..4: width, height, piece size, the size after the resize. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_vt_conf	 c = { .reply = reply, .line = line };
	struct l2c_vt		*v;
	char			 screen[64];
	size_t			 off, n, piece, whole;

	if (len < 5)
		return 0;
	c.cols = 1 + data[0] % 120;
	c.rows = 1 + data[1] % 40;
	c.scrollback = data[1] % 3 == 0 ? 0 : 20;
	piece = 1 + data[2] % 64;
	if (l2c_vt_new(&c, &v) != 0)
		return 0;
	for (off = 5; off < len; off += n) {
		n = len - off < piece ? len - off : piece;
		(void)l2c_vt_feed(v, data + off, n);
		if (off < len / 2 && off + n >= len / 2)
			(void)l2c_vt_resize(v, 1 + data[3] % 120,
			    1 + data[4] % 40);
	}
	whole = l2c_vt_screen_text(v, NULL, 0);
	if (l2c_vt_screen_text(v, screen, sizeof(screen)) != whole ||
	    strlen(screen) != (whole < sizeof(screen) ? whole :
	    sizeof(screen) - 1))
		__builtin_trap();
	for (n = 0; n < l2c_vt_scrollback_count(v); n++)
		(void)l2c_vt_scrollback_text(v, n, screen, sizeof(screen),
		    NULL);
	l2c_vt_flush(v);
	l2c_vt_free(v);
	return 0;
}
