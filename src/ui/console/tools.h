/* SPDX-License-Identifier: ISC */
/*
 * The console's small tools, after tio and picocom: CR/LF maps on the
 * way in (from the device) and out (typed), a hex view of the output,
 * the time stamp at the start of a line, and hex strings to write.
 * Pure functions over buffers, so the console and the tests share them.
 */
#ifndef L2C_UI_CONSOLE_TOOLS_H
#define L2C_UI_CONSOLE_TOOLS_H

#include <stddef.h>
#include <stdint.h>

/* Maps, tio's names: I* on the device's output, O* on typed input. */
#define L2C_MAP_ICRNL	0x001	/* CR to LF (unless IGNCR) */
#define L2C_MAP_IGNCR	0x002	/* CR dropped */
#define L2C_MAP_INLCR	0x004	/* LF to CR */
#define L2C_MAP_INLCRNL	0x008	/* LF to CR LF */
#define L2C_MAP_OCRNL	0x010	/* CR to LF */
#define L2C_MAP_ONLCRNL	0x020	/* LF to CR LF (ONLCR too) */
#define L2C_MAP_ODELBS	0x040	/* DEL to BS */
#define L2C_MAP_OLTU	0x080	/* lower case to upper case */
#define L2C_MAP_IN	0x00f
#define L2C_MAP_OUT	0x0f0

/* "ICRNL,ONLCR", or "none": 0, or L2C_ERR_INVAL. */
int	l2c_map_parse(const char *, unsigned *);
/* The maps set, comma separated ("none"). */
void	l2c_map_names(unsigned, char *, size_t);
/*
 * Apply the maps of one direction (L2C_MAP_IN or _OUT bits of maps):
 * out has room for 2 * n bytes; returns its length.
 */
size_t	l2c_map_apply(unsigned maps, unsigned dir, const uint8_t *, size_t,
	    uint8_t *out);

/* The hex view: 16 bytes a line, the column kept between calls. */
struct l2c_hexview {
	unsigned	col;
};
#define L2C_HEX_OUT(n)	(3 * (n) + 2 * ((n) / 16 + 1))	/* room for n */
size_t	l2c_hexview(struct l2c_hexview *, const uint8_t *, size_t,
	    char *out);

/* "[2026-12-03 17:55:12.345] " now, local time: its length. */
size_t	l2c_stamp_fmt(char *, size_t);

/*
 * Bracketed paste's markers taken out of typed bytes, in place (a marker
 * cut between two reads passes as typed): the new length.  *inside says
 * a paste is under way; *began is set when one starts here.
 */
size_t	l2c_bpaste_strip(uint8_t *, size_t, int *inside, int *began);

/* "1b 5b 41", "1B5B41" or "0x1b,0x5b": the bytes, or L2C_ERR_INVAL. */
int	l2c_hex_parse(const char *, uint8_t *, size_t cap, size_t *n);

#endif
