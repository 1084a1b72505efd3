/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the pacer (core/pace.h) fed device output it must
 * survive, between puts, takes and clock steps chosen by the input; the
 * console tools that read bytes (tools.h: maps, bracketed paste, hex
 * strings).  The pacer must never offer more than it holds, never lose
 * or reorder a byte, and every queued byte must go out in the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/pace.h"
#include "ui/console/tools.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CAP	256

static void
tools(const uint8_t *d, size_t n)
{
	uint8_t		out[2 * 512], b[512];
	char		s[513];
	size_t		k, m;
	unsigned	maps;
	int		inside = 0, began;

	k = n < 512 ? n : 512;
	if (l2c_map_apply(0xff, L2C_MAP_IN, d, k, out) > 2 * k ||
	    l2c_map_apply(0xff, L2C_MAP_OUT, d, k, out) > 2 * k)
		__builtin_trap();
	memcpy(b, d, k);
	if (l2c_bpaste_strip(b, k, &inside, &began) > k)
		__builtin_trap();
	memcpy(s, d, k);
	s[k] = '\0';
	(void)l2c_map_parse(s, &maps);
	if (l2c_hex_parse(s, b, 64, &m) == 0 && (m == 0 || m > 64))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct l2c_pace_conf	 pc;
	struct l2c_pace		 p;
	uint8_t			 in[4096], got[4096];
	size_t			 nin = 0, ngot = 0, k, len, i;
	const uint8_t		*q;
	uint64_t		 now = 0;

	tools(d, n);
	if (n < 2)
		return 0;
	memset(&pc, 0, sizeof(pc));
	pc.wait = d[0] % 3;
	pc.delay_us = d[1] * 10;
	pc.bound_us = 1000;
	if (l2c_pace_init(&p, &pc, CAP) != 0)
		return 0;
	for (i = 2; i + 1 < n; i += 2) {
		len = d[i + 1] % 32;
		if (i + 2 + len > n)
			len = n - i - 2;
		switch (d[i] % 4) {
		case 0:		/* typed or pasted bytes */
			if (nin + len > sizeof(in))
				len = sizeof(in) - nin;
			k = l2c_pace_put(&p, d + i + 2, len);
			if (k > len)
				__builtin_trap();
			memcpy(in + nin, d + i + 2, k);
			nin += k;
			break;
		case 1:		/* the device's output */
			l2c_pace_output(&p, d + i + 2, len);
			break;
		case 2:		/* the session takes some */
			k = l2c_pace_next(&p, now, &q);
			if (k > CAP || ngot + k > nin)
				__builtin_trap();
			if (k > len)
				k = len;
			if (k > 0)
				memcpy(got + ngot, q, k);
			ngot += k;
			l2c_pace_sent(&p, k, now);
			break;
		case 3:		/* time passes */
			now += (uint64_t)len * 100;
			break;
		}
		i += len;
	}
	/* Drain: with time, everything goes out, in order. */
	for (i = 0; i < 100000 && l2c_pace_busy(&p); i++) {
		now += 2000;
		k = l2c_pace_next(&p, now, &q);
		if (ngot + k > nin)
			__builtin_trap();
		if (k > 0)
			memcpy(got + ngot, q, k);
		ngot += k;
		l2c_pace_sent(&p, k, now);
	}
	if (l2c_pace_busy(&p) || ngot != nin || memcmp(in, got, nin) != 0)
		__builtin_trap();
	l2c_pace_free(&p);
	return 0;
}
