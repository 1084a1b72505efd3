/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the known devices file (text, no file).  What it
 * reads, written out again, reads back the same, line for line; the
 * written text is printable ASCII and newlines only.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/conf/known.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_known	 k, back;
	char			*text;
	size_t			 tlen, i;

	memset(&k, 0, sizeof(k));
	memset(&back, 0, sizeof(back));
	k.fd = back.fd = -1;
	if (l2c_known_parse(&k, (const char *)data, len) != 0)
		goto out;
	if (l2c_known_format(&k, &text, &tlen) != 0)
		__builtin_trap();
	for (i = 0; i < tlen; i++)
		if (text[i] != '\n' && (text[i] < 0x20 || text[i] > 0x7e))
			__builtin_trap();
	if (l2c_known_parse(&back, text, tlen) != 0 || back.bad != 0 ||
	    back.n != k.n)
		__builtin_trap();
	for (i = 0; i < k.n; i++)
		if (memcmp(&back.d[i], &k.d[i], sizeof(k.d[i])) != 0)
			__builtin_trap();
	free(text);
out:
	l2c_known_close(&k);
	l2c_known_close(&back);
	return 0;
}
