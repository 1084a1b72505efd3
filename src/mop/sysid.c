/* SPDX-License-Identifier: ISC */
/* MOP System ID info entries: one table row per type, parse and build. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/bits.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/tok.h"
#include "mop/sysid.h"

typedef int	si_parse_fn(struct l2c_rbuf *, struct mop_sysid *);
typedef int	si_build_fn(struct l2c_wbuf *, const struct mop_sysid *);

enum si_kind {
	SI_BYTES,	/* the field's bytes as sent (a uint8_t is one) */
	SI_LE16,	/* a uint16_t field, little-endian on the wire */
	SI_FN,		/* an entry of its own: parse and build */
};

/* One row per entry type, tcpdump style: length rules are data. */
struct si_type {
	struct l2c_tok	 tok;		/* the type and its name */
	uint32_t	 have;
	size_t		 minlen, maxlen; /* the value's, on the wire */
	enum si_kind	 kind;
	size_t		 off, size;	/* its field in mop_sysid */
	si_parse_fn	*parse;		/* SI_FN; reads the value */
	si_build_fn	*build;		/* SI_FN */
};

/* Two bytes per spec; pydecnet sends one.  Either is fine. */
static int
p_functions(struct l2c_rbuf *r, struct mop_sysid *s)
{
	uint8_t	lo, hi = 0;
	int	rv;

	s->functions_len = (uint8_t)l2c_rbuf_left(r);
	if ((rv = l2c_get_u8(r, &lo)) != 0)
		return rv;
	if (s->functions_len == 2 && (rv = l2c_get_u8(r, &hi)) != 0)
		return rv;
	s->functions = (uint16_t)(hi << 8 | lo);
	return 0;
}

static int
b_functions(struct l2c_wbuf *w, const struct mop_sysid *s)
{
	return l2c_put_le16(w, s->functions);
}

/*
 * Signed count, then that many bytes; 0, -1 and -2 carry no string.
 * Bytes that could drive a terminal are replaced: this text is shown.
 */
static int
p_software(struct l2c_rbuf *r, struct mop_sysid *s)
{
	/* Zeroed: the copy below takes no stack bytes past the NUL. */
	char	sw[MOP_SW_MAX + 1] = { 0 };
	uint8_t	n;
	size_t	i;
	int	kind, rv;

	if ((rv = l2c_get_u8(r, &n)) != 0)
		return rv;
	kind = (int8_t)n;
	sw[0] = '\0';
	if (kind > 0) {
		if ((rv = l2c_get_bytes(r, sw, n)) != 0)
			return rv;
		sw[n] = '\0';
		for (i = 0; i < n; i++)
			if ((unsigned char)sw[i] < 0x20 ||
			    (unsigned char)sw[i] > 0x7e)
				sw[i] = '?';
	}
	s->software_kind = kind;
	memcpy(s->software, sw, sizeof(sw));
	return 0;
}

static int
b_software(struct l2c_wbuf *w, const struct mop_sysid *s)
{
	if (s->software_kind <= 0)
		return l2c_put_u8(w, (uint8_t)(int8_t)s->software_kind);
	return l2c_put_cstr(w, s->software);
}

/* A field's place and size in struct mop_sysid. */
#define FIELD(f)	offsetof(struct mop_sysid, f), \
			sizeof(((struct mop_sysid *)0)->f)

/*
 * The info entries: type (as the MOP specification numbers them) and
 * name, in type order: the builder emits entries in this order.
 */
static const struct si_type si_types[] = {
	{ { 1, "version" }, MOP_HAVE_VERSION, 3, 3, SI_BYTES,
	    FIELD(version), NULL, NULL },
	{ { 2, "functions" }, MOP_HAVE_FUNCTIONS, 1, 2, SI_FN,
	    0, 0, p_functions, b_functions },
	{ { 3, "console user" }, MOP_HAVE_CONSOLE_USER, 6, 6, SI_BYTES,
	    FIELD(console_user), NULL, NULL },
	{ { 4, "reservation timer" }, MOP_HAVE_RSV_TIMER, 2, 2, SI_LE16,
	    FIELD(rsv_timer), NULL, NULL },
	{ { 5, "command size" }, MOP_HAVE_CMD_SIZE, 2, 2, SI_LE16,
	    FIELD(cmd_size), NULL, NULL },
	{ { 6, "response size" }, MOP_HAVE_RSP_SIZE, 2, 2, SI_LE16,
	    FIELD(rsp_size), NULL, NULL },
	{ { 7, "hardware address" }, MOP_HAVE_HWADDR, 6, 6, SI_BYTES,
	    FIELD(hwaddr), NULL, NULL },
	{ { 8, "time" }, MOP_HAVE_TIME, 10, 10, SI_BYTES,
	    FIELD(systime), NULL, NULL },
	{ { 100, "device" }, MOP_HAVE_DEVICE, 1, 1, SI_BYTES,
	    FIELD(device), NULL, NULL },
	{ { 200, "software" }, MOP_HAVE_SOFTWARE, 1, 255, SI_FN,
	    0, 0, p_software, b_software },
	{ { 300, "processor" }, MOP_HAVE_PROCESSOR, 1, 1, SI_BYTES,
	    FIELD(processor), NULL, NULL },
	{ { 400, "data link" }, MOP_HAVE_DATALINK, 1, 1, SI_BYTES,
	    FIELD(datalink), NULL, NULL },
	{ { 401, "data link buffer size" }, MOP_HAVE_DL_BUFSIZE, 2, 2,
	    SI_LE16, FIELD(dl_bufsize), NULL, NULL },
};

#undef FIELD

/* One entry's value (the reader holds exactly it) into its field. */
static int
si_get(const struct si_type *t, struct l2c_rbuf *val, struct mop_sysid *s)
{
	uint8_t		*field = (uint8_t *)s + t->off;
	uint16_t	 u16;
	int		 rv;

	switch (t->kind) {
	case SI_BYTES:
		return l2c_get_bytes(val, field, t->size);
	case SI_LE16:
		if ((rv = l2c_get_le16(val, &u16)) != 0)
			return rv;
		memcpy(field, &u16, sizeof(u16));
		return 0;
	case SI_FN:
		break;
	}
	return t->parse(val, s);
}

/* One entry's value from its field. */
static int
si_put(const struct si_type *t, struct l2c_wbuf *w, const struct mop_sysid *s)
{
	const uint8_t	*field = (const uint8_t *)s + t->off;
	uint16_t	 u16;

	switch (t->kind) {
	case SI_BYTES:
		return l2c_put_bytes(w, field, t->size);
	case SI_LE16:
		memcpy(&u16, field, sizeof(u16));
		return l2c_put_le16(w, u16);
	case SI_FN:
		break;
	}
	return t->build(w, s);
}

/*
 * Walk every entry by its own length.  Unknown types are skipped, and
 * so is a known type whose length is not one we understand (counted in
 * odd): one strange entry must not cost the user the console.  An
 * entry running past the message is an error; so are leftover bytes
 * too short for a header unless they are zero padding.
 */
int
mop_sysid_parse(const uint8_t *p, size_t len, struct mop_sysid *s)
{
	const struct si_type	*t;
	struct l2c_rbuf		 r, val;
	uint16_t		 type;
	uint8_t			 vlen, b;
	size_t			 i;
	int			 rv;

	memset(s, 0, sizeof(*s));
	l2c_rbuf_init(&r, p, len);
	while (l2c_rbuf_left(&r) > 0) {
		if (l2c_rbuf_left(&r) < 3) {
			for (i = 0; l2c_peek_u8(&r, i, &b) == 0; i++)
				if (b != 0)
					return L2C_ERR_TRUNC;
			break;
		}
		if ((rv = l2c_get_le16(&r, &type)) != 0 ||
		    (rv = l2c_get_u8(&r, &vlen)) != 0 ||
		    (rv = l2c_get_sub(&r, &val, vlen)) != 0)
			return rv;
		if ((t = l2c_tok_row(si_types, L2C_NITEMS(si_types),
		    sizeof(si_types[0]), type)) == NULL) {
			s->unknown++;
			continue;
		}
		if (vlen < t->minlen || vlen > t->maxlen) {
			s->odd++;
			continue;
		}
		if ((rv = si_get(t, &val, s)) != 0) {
			s->odd++;
			continue;
		}
		s->have |= t->have;
	}
	return 0;
}

int
mop_sysid_build(struct l2c_wbuf *w, const struct mop_sysid *s)
{
	struct l2c_wbuf	 v;
	uint8_t		 val[256];
	size_t		 i;
	int		 rv;

	for (i = 0; i < L2C_NITEMS(si_types); i++) {
		if ((s->have & si_types[i].have) == 0)
			continue;
		l2c_wbuf_init(&v, val, sizeof(val) - 1);
		if ((rv = si_put(&si_types[i], &v, s)) != 0)
			return rv;
		if ((rv = l2c_put_le16(w, (uint16_t)si_types[i].tok.v)) != 0 ||
		    (rv = l2c_put_u8(w, (uint8_t)v.len)) != 0 ||
		    (rv = l2c_put_bytes(w, val, v.len)) != 0)
			return rv;
	}
	return 0;
}

static const char *const fn_names[8] = {
	"loop", "dump", "primary loader", "multi-block loader", "boot",
	"console carrier", "data link counters", "console carrier reserved",
};

const char *
mop_function_name(unsigned bit)
{
	return bit < 8 ? fn_names[bit] : NULL;
}

char *
mop_functions_str(uint16_t fn, char *buf, size_t len)
{
	return l2c_bits_str(fn, 16, fn_names, 8, buf, len);
}

/* DNA communication device codes (Network Management). */
static const struct l2c_tok devices[] = {
	{ 0, "DP11-DA" }, { 1, "DEUNA" }, { 2, "DU11-DA" }, { 3, "DECNA" },
	{ 4, "DL11-C/E/WA" }, { 5, "DEQNA" }, { 6, "DQ11-DA" }, { 7, "CI" },
	{ 8, "DA11-B/AL" }, { 9, "PCL11-B" }, { 10, "DUP11-DA" },
	{ 11, "DELUA" }, { 12, "DMC11" }, { 14, "DN11" },
	{ 16, "DLV11-E/F/J" }, { 18, "DMP11" }, { 20, "DTE20" },
	{ 22, "DV11-AA/BA" }, { 23, "DEBNA" }, { 24, "DZ11" },
};

static const struct l2c_tok processors[] = {
	{ 1, "PDP-11" }, { 2, "communication server" }, { 3, "professional" },
};

static const struct l2c_tok datalinks[] = {
	{ 1, "Ethernet" }, { 2, "DDCMP" }, { 3, "LAPB" },
};

const char *
mop_device_name(uint8_t code)
{
	return l2c_tok_name(devices, L2C_NITEMS(devices), code, NULL);
}

const char *
mop_processor_name(uint8_t code)
{
	return l2c_tok_name(processors, L2C_NITEMS(processors), code, NULL);
}

const char *
mop_datalink_name(uint8_t code)
{
	return l2c_tok_name(datalinks, L2C_NITEMS(datalinks), code, NULL);
}

const char *
mop_software_str(const struct mop_sysid *s)
{
	switch (s->software_kind) {
	case MOP_SW_NONE:
		return "(none)";
	case MOP_SW_OS:
		return "(standard operating system)";
	case MOP_SW_MAINT:
		return "(maintenance system)";
	default:
		return s->software_kind > 0 ? s->software : "(unknown)";
	}
}
