/* SPDX-License-Identifier: ISC */
/* MNDP announcements: a header, then type/length/value, all big-endian. */
#include <stddef.h>
#include <string.h>

#include "core/err.h"
#include "core/tok.h"
#include "mac/mndp.h"

enum mndp_kind {
	K_STR,
	K_MAC,
	K_U32LE,
	K_U8,
	K_BYTES,
};

/* One row per TLV type: where it goes and which lengths are sane. */
static const struct mndp_row {
	struct l2c_tok	 tok;		/* the type and its name */
	enum mndp_kind	 kind;
	uint16_t	 min, max;
	size_t		 off;		/* field in struct mndp_info */
	size_t		 has;		/* its has_* flag, or 0 */
} mndp_rows[] = {
#define F(f)	offsetof(struct mndp_info, f)
	{ { MNDP_T_MAC, "MAC" },	K_MAC,	 6, 6,	F(mac), F(has_mac) },
	{ { MNDP_T_IDENTITY, "identity" }, K_STR, 0, 0xffff, F(identity), 0 },
	{ { MNDP_T_VERSION, "version" }, K_STR,	 0, 0xffff, F(version), 0 },
	{ { MNDP_T_PLATFORM, "platform" }, K_STR, 0, 0xffff, F(platform), 0 },
	{ { MNDP_T_UPTIME, "uptime" },	K_U32LE, 4, 4, F(uptime),
	    F(has_uptime) },
	{ { MNDP_T_SOFTID, "software id" }, K_STR, 0, 0xffff, F(softid), 0 },
	{ { MNDP_T_BOARD, "board" },	K_STR,	 0, 0xffff, F(board), 0 },
	{ { MNDP_T_UNPACK, "unpack" },	K_U8,	 1, 1,	F(unpack),
	    F(has_unpack) },
	{ { MNDP_T_IPV6, "IPv6" },	K_BYTES, 16, 16, F(ipv6), F(has_ipv6) },
	{ { MNDP_T_IFNAME, "interface" }, K_STR, 0, 0xffff, F(ifname), 0 },
	{ { MNDP_T_IPV4, "IPv4" },	K_BYTES, 4, 4,	F(ipv4), F(has_ipv4) },
#undef F
};

/* Strings are not NUL-terminated on the wire; keep them printable. */
static void
copy_str(char *dst, struct l2c_rbuf *v)
{
	size_t	n = 0;
	uint8_t	c;

	while (n + 1 < MNDP_STR_MAX && l2c_get_u8(v, &c) == 0)
		dst[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	dst[n] = '\0';
}

static void
store(struct mndp_info *mi, const struct mndp_row *row, struct l2c_rbuf *v)
{
	uint8_t		*field = (uint8_t *)mi + row->off;
	uint32_t	 u32;

	switch (row->kind) {
	case K_STR:
		copy_str((char *)field, v);
		break;
	case K_MAC:
	case K_BYTES:
		(void)l2c_get_bytes(v, field, l2c_rbuf_left(v));
		break;
	case K_U32LE:
		(void)l2c_get_le32(v, &u32);
		memcpy(field, &u32, sizeof(u32));
		break;
	case K_U8:
		(void)l2c_get_u8(v, field);
		break;
	}
	if (row->has != 0)
		*(int *)((uint8_t *)mi + row->has) = 1;
}

/* Count it, and keep the first few with their first bytes. */
static void
keep_unknown(struct mndp_info *mi, uint16_t type, struct l2c_rbuf *v)
{
	struct mndp_unk	*t;
	size_t		 n = l2c_rbuf_left(v);

	mi->unknown++;
	if (mi->nunk >= MNDP_UNK_MAX)
		return;
	t = &mi->unk[mi->nunk++];
	t->type = type;
	t->len = (uint16_t)n;
	t->nbytes = (uint8_t)(n > MNDP_UNK_BYTES ? MNDP_UNK_BYTES : n);
	(void)l2c_get_bytes(v, t->bytes, t->nbytes);
}

int
mndp_parse(const uint8_t *p, size_t len, struct mndp_info *mi)
{
	const struct mndp_row	*row;
	struct l2c_rbuf		 r, v;
	uint16_t		 type, tlen;
	int			 rv;

	memset(mi, 0, sizeof(*mi));
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_get_be32(&r, &mi->hdr)) != 0)
		return rv;
	while (l2c_rbuf_left(&r) > 0) {
		if ((rv = l2c_get_be16(&r, &type)) != 0 ||
		    (rv = l2c_get_be16(&r, &tlen)) != 0 ||
		    (rv = l2c_get_sub(&r, &v, tlen)) != 0)
			return rv;
		if ((row = l2c_tok_row(mndp_rows, L2C_NITEMS(mndp_rows),
		    sizeof(mndp_rows[0]), type)) == NULL) {
			keep_unknown(mi, type, &v);
			continue;
		}
		if (tlen < row->min || tlen > row->max) {
			mi->bad++;
			continue;
		}
		store(mi, row, &v);
	}
	return 0;
}

int
mndp_is_request(const uint8_t *p, size_t len)
{
	struct l2c_rbuf	 r;
	uint32_t	 v;

	l2c_rbuf_init(&r, p, len);
	return len == MNDP_REQ_LEN && l2c_get_be32(&r, &v) == 0 && v == 0;
}

int
mndp_request_build(struct l2c_wbuf *w)
{
	return l2c_put_zero(w, MNDP_REQ_LEN);
}
