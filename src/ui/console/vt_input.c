/* SPDX-License-Identifier: ISC */
/*
 * What goes into libvterm, and how: line feeds on their own (so that
 * the screen knows them), a UTF-8 character cut between two feeds held
 * back until it is whole, and past a guard for the input libvterm 0.1.4
 * does not survive.
 */
#include <stdint.h>
#include <string.h>

#include <vterm.h>

#include "core/err.h"
#include "ui/console/vt.h"
#include "ui/console/vt_int.h"

/*
 * Bytes to libvterm.  Each line feed goes on its own so that we know it
 * is one (libvterm's state layer only shows the cursor moving);
 * everything between goes in one piece.
 */
static void
write_split(struct l2c_vt *v, const char *p, size_t len)
{
	const char	*nl;

	while (len > 0) {
		if ((nl = memchr(p, '\n', len)) == NULL) {
			vterm_input_write(v->term, p, len);
			break;
		}
		if (nl > p)
			vterm_input_write(v->term, p, (size_t)(nl - p));
		vt_line_feed(v);
		vterm_input_write(v->term, "\n", 1);
		len -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
}

/*
 * libvterm 0.1.4 writes past its 16 CSI arguments (";" and ":" both
 * count; ESC [ 1;1;...;1 m with 17 crashes it), multiplies digits past
 * LONG_MAX, and loops for ever on REP (ESC [ b) when the character to
 * repeat has no width (none yet, or a zero-width one).  This guard
 * follows CSI parameter bytes only, to drop arguments after the 16th
 * and digits after the 9th significant one of an argument (its value
 * is nonsense then anyway), and turns REP's final byte into one
 * libvterm ignores (a VT100 has no REP); libvterm does the parsing.
 */
enum { CSI_NONE, CSI_ESC, CSI_PARAM };
enum { CSI_KEEP, CSI_DROP, CSI_NOREP };
#define CSI_MAX_ARGS	16
#define CSI_MAX_DIGITS	9
#define CSI_REP		'b'
#define CSI_IGNORED	'y'	/* DECTST, which libvterm does not do */

/*
 * Where libvterm is after an escape byte c.  As its parser (0.1.4) has
 * it: "[" makes a CSI even after intermediates; intermediates, other C0
 * controls, NUL, DEL and bytes from 0x80 on leave it in the escape.
 */
static void
guard_esc(struct l2c_vt *v, unsigned char c)
{
	if (c == '[') {
		v->csi = CSI_PARAM;
		v->csi_args = v->csi_digits = 0;
		v->csi_inter = v->csi_param = 0;
	} else if (c == 0x18 || c == 0x1a || (c >= 0x30 && c <= 0x7e))
		v->csi = CSI_NONE;
}

/* What to do with byte c of a CSI; moves the guard along as libvterm's
 * parser goes (a byte out of place there ends the CSI). */
static int
csi_guard(struct l2c_vt *v, unsigned char c)
{
	if (v->csi == CSI_ESC) {
		guard_esc(v, c);
		return CSI_KEEP;
	}
	if (c == 0x1b)
		v->csi = CSI_ESC;	/* an ESC cancels the CSI */
	else if (c == 0x18 || c == 0x1a || c >= 0x80)
		v->csi = CSI_NONE;
	else if (c < 0x20 || c == 0x7f)
		;			/* C0 runs, DEL is skipped */
	else if (c <= 0x2f)
		v->csi_inter = 1;
	else if (c <= 0x3f && (v->csi_inter || (c >= 0x3c && v->csi_param)))
		v->csi = CSI_NONE;	/* a parameter or leader out of place */
	else if (c >= 0x3c && c <= 0x3f)
		;			/* a leader */
	else if (c == ';' || c == ':') {
		v->csi_param = 1;
		v->csi_digits = 0;
		return ++v->csi_args >= CSI_MAX_ARGS ? CSI_DROP : CSI_KEEP;
	} else if (c <= '9') {
		v->csi_param = 1;
		if (v->csi_args >= CSI_MAX_ARGS)
			return CSI_DROP;
		if (c == '0' && v->csi_digits == 0)
			return CSI_KEEP;	/* leading zeros never overflow */
		return ++v->csi_digits > CSI_MAX_DIGITS ? CSI_DROP : CSI_KEEP;
	} else {
		v->csi = CSI_NONE;	/* the final byte */
		if (c == CSI_REP)
			return CSI_NOREP;
	}
	return CSI_KEEP;
}

/* Bytes to libvterm past the CSI guard; text runs on at memchr speed. */
void
vt_write(struct l2c_vt *v, const char *p, size_t len)
{
	const char	*e;
	size_t		 i = 0, from = 0;

	while (i < len) {
		if (v->csi == CSI_NONE) {
			if ((e = memchr(p + i, 0x1b, len - i)) == NULL)
				break;
			i = (size_t)(e - p) + 1;
			v->csi = CSI_ESC;
			continue;
		}
		switch (csi_guard(v, (unsigned char)p[i])) {
		case CSI_NOREP:
			write_split(v, p + from, i - from);
			write_split(v, (const char []){ CSI_IGNORED }, 1);
			from = i + 1;
			break;
		case CSI_DROP:
			write_split(v, p + from, i - from);
			from = i + 1;
			break;
		}
		i++;
	}
	write_split(v, p + from, len - from);
}

/* Length of a UTF-8 character from its first byte; 0: not a first byte. */
static size_t
utf8_need(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 0;
	return c >= 0xc0 ? 2 : 0;
}

/* How many bytes at the end start a character that is not finished. */
static size_t
utf8_cut(const unsigned char *p, size_t len)
{
	size_t	 k, need;

	for (k = 1; k <= 3 && k <= len; k++) {
		if ((p[len - k] & 0xc0) == 0x80)
			continue;
		need = utf8_need(p[len - k]);
		return need > k ? k : 0;
	}
	return 0;
}

/*
 * Bytes from the device.  libvterm 0.1.4 turns a UTF-8 character cut at
 * the end of a write into U+FFFD, and frames cut characters anywhere:
 * a cut one waits here for the rest.
 */
int
l2c_vt_feed(struct l2c_vt *v, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 k;

	if (v->cutlen > 0) {
		while (len > 0 && v->cutlen < utf8_need(v->cut[0]) &&
		    (*p & 0xc0) == 0x80) {
			v->cut[v->cutlen++] = *p++;
			len--;
		}
		if (len == 0 && v->cutlen < utf8_need(v->cut[0]))
			return 0;
		vt_write(v, (const char *)v->cut, v->cutlen);
		v->cutlen = 0;
	}
	k = utf8_cut(p, len);
	vt_write(v, (const char *)p, len - k);
	memcpy(v->cut, p + len - k, k);
	v->cutlen = k;
	if (v->nomem) {
		v->nomem = 0;
		return L2C_ERR_NOMEM;
	}
	return 0;
}

/* The end: a character still cut goes to libvterm as it is. */
void
vt_input_end(struct l2c_vt *v)
{
	if (v->cutlen > 0) {
		vt_write(v, (const char *)v->cut, v->cutlen);
		v->cutlen = 0;
	}
}
