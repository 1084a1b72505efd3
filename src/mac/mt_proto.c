/* SPDX-License-Identifier: ISC */
/* MAC-Telnet header and control packets, both directions. */
#include <stddef.h>
#include <string.h>

#include "core/err.h"
#include "core/tok.h"
#include "mac/mt_proto.h"

#define MT_CPKT_ANY	(MT_MAX_UDP)	/* no bound tighter than a packet */

/* Known control types and the data lengths the references send. */
static const struct mt_ctype_info mt_ctypes[] = {
	{ { MT_CP_BEGINAUTH,	"begin auth" },		0, 0 },
	/* 16 (MD5 salt), 49 (EC-SRP5 key + salt), user\0 + 33-byte key. */
	{ { MT_CP_PASSSALT,	"key/salt" },		16, MT_CPKT_ANY },
	/* 17 (MD5) or 32 (EC-SRP5 proof). */
	{ { MT_CP_PASSWORD,	"password" },		17, 32 },
	{ { MT_CP_USERNAME,	"username" },		0, MT_CPKT_ANY },
	{ { MT_CP_TERM_TYPE,	"terminal type" },	0, MT_CPKT_ANY },
	{ { MT_CP_TERM_WIDTH,	"terminal width" },	2, 2 },
	{ { MT_CP_TERM_HEIGHT,	"terminal height" },	2, 2 },
	{ { MT_CP_PACKET_ERROR,	"packet error" },	0, MT_CPKT_ANY },
	{ { MT_CP_END_AUTH,	"end auth" },		0, 0 },
};

static const struct l2c_tok mt_ptypes[] = {
	{ MT_PT_START,	"START" },
	{ MT_PT_DATA,	"DATA" },
	{ MT_PT_ACK,	"ACK" },
	{ MT_PT_PING,	"PING" },
	{ MT_PT_PONG,	"PONG" },
	{ MT_PT_END,	"END" },
};

const struct mt_ctype_info *
mt_ctype_lookup(int type)
{
	return l2c_tok_row(mt_ctypes, L2C_NITEMS(mt_ctypes),
	    sizeof(mt_ctypes[0]), (unsigned)type);
}

const char *
mt_ptype_name(int type)
{
	return l2c_tok_name(mt_ptypes, L2C_NITEMS(mt_ptypes), (unsigned)type,
	    "unknown");
}

/* Ping and pong carry no session fields and no counter. */
size_t
mt_hdr_len(uint8_t type)
{
	return type == MT_PT_PING || type == MT_PT_PONG ? MT_PING_HDR_LEN :
	    MT_HDR_LEN;
}

/*
 * Parse a header.  Unknown packet types are rejected here so that every
 * caller sees only the six the protocol has.
 */
int
mt_hdr_parse(struct l2c_rbuf *r, enum mt_dir dir, struct mt_hdr *h)
{
	struct l2c_rbuf	 save = *r;
	uint16_t	 f14, f16;
	uint8_t		 ver;
	int		 rv;

	memset(h, 0, sizeof(*h));
	if ((rv = l2c_get_u8(r, &ver)) != 0 ||
	    (rv = l2c_get_u8(r, &h->type)) != 0 ||
	    (rv = l2c_get_bytes(r, h->src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_get_bytes(r, h->dst, L2C_ETH_ALEN)) != 0)
		goto fail;
	rv = L2C_ERR_MALFORMED;
	if (ver != MT_VERSION)
		goto fail;
	switch (h->type) {
	case MT_PT_PING:
	case MT_PT_PONG:
		if ((rv = l2c_get_skip(r, 4)) != 0)
			goto fail;
		return 0;
	case MT_PT_START:
	case MT_PT_DATA:
	case MT_PT_ACK:
	case MT_PT_END:
		break;
	default:
		goto fail;
	}
	if ((rv = l2c_get_be16(r, &f14)) != 0 ||
	    (rv = l2c_get_be16(r, &f16)) != 0 ||
	    (rv = l2c_get_be32(r, &h->counter)) != 0)
		goto fail;
	h->session = dir == MT_C2S ? f14 : f16;
	h->client_type = dir == MT_C2S ? f16 : f14;
	return 0;
fail:
	*r = save;
	return rv;
}

int
mt_hdr_build(struct l2c_wbuf *w, enum mt_dir dir, const struct mt_hdr *h)
{
	size_t	save = w->len;
	int	rv;

	if ((rv = l2c_put_u8(w, MT_VERSION)) != 0 ||
	    (rv = l2c_put_u8(w, h->type)) != 0 ||
	    (rv = l2c_put_bytes(w, h->src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_bytes(w, h->dst, L2C_ETH_ALEN)) != 0)
		goto fail;
	if (h->type == MT_PT_PING || h->type == MT_PT_PONG) {
		if ((rv = l2c_put_zero(w, 4)) != 0)
			goto fail;
		return 0;
	}
	if ((rv = l2c_put_be16(w, dir == MT_C2S ? h->session :
	    h->client_type)) != 0 ||
	    (rv = l2c_put_be16(w, dir == MT_C2S ? h->client_type :
	    h->session)) != 0 ||
	    (rv = l2c_put_be32(w, h->counter)) != 0)
		goto fail;
	return 0;
fail:
	w->len = save;
	return rv;
}

/*
 * A payload is a chain of control packets; the first bytes that do not
 * start with the magic are terminal data up to the end of the packet.
 */
int
mt_cpkt_next(struct l2c_rbuf *r, struct mt_cpkt *cp)
{
	struct l2c_rbuf	 save = *r;
	uint32_t	 magic, len;
	uint8_t		 type;
	int		 rv;

	memset(cp, 0, sizeof(*cp));
	if (l2c_rbuf_left(r) == 0)
		return 0;
	if (l2c_rbuf_left(r) < 4 || l2c_get_be32(r, &magic) != 0 ||
	    magic != MT_CPKT_MAGIC) {
		*r = save;
		cp->type = MT_CP_DATA;
		cp->len = l2c_rbuf_left(r);
		(void)l2c_get_ptr(r, &cp->data, cp->len);
		return 1;
	}
	if ((rv = l2c_get_u8(r, &type)) != 0 ||
	    (rv = l2c_get_be32(r, &len)) != 0)
		goto fail;
	if (len > l2c_rbuf_left(r)) {
		rv = L2C_ERR_TRUNC;
		goto fail;
	}
	cp->type = type;
	cp->len = len;
	cp->info = mt_ctype_lookup(type);
	if (cp->info != NULL && (len < cp->info->min || len > cp->info->max)) {
		rv = L2C_ERR_MALFORMED;
		goto fail;
	}
	if ((rv = l2c_get_ptr(r, &cp->data, len)) != 0)
		goto fail;
	return 1;
fail:
	*r = save;
	memset(cp, 0, sizeof(*cp));
	return rv;
}

int
mt_cpkt_put(struct l2c_wbuf *w, int type, const void *data, size_t len)
{
	size_t	save = w->len;
	int	rv;

	if (type == MT_CP_DATA)
		return l2c_put_bytes(w, data, len);
	if (type < 0 || type > 255 || len > UINT32_MAX)
		return L2C_ERR_INVAL;
	if ((rv = l2c_put_be32(w, MT_CPKT_MAGIC)) != 0 ||
	    (rv = l2c_put_u8(w, (uint8_t)type)) != 0 ||
	    (rv = l2c_put_be32(w, (uint32_t)len)) != 0 ||
	    (rv = l2c_put_bytes(w, data, len)) != 0) {
		w->len = save;
		return rv;
	}
	return 0;
}

int
mt_cpkt_put_le16(struct l2c_wbuf *w, int type, uint16_t v)
{
	uint8_t		 b[2];
	struct l2c_wbuf	 t;

	l2c_wbuf_init(&t, b, sizeof(b));
	(void)l2c_put_le16(&t, v);
	return mt_cpkt_put(w, type, b, sizeof(b));
}

int
mt_frame_build(struct l2c_wbuf *w, const uint8_t *ethdst,
    const uint8_t *ethsrc, uint32_t ipsrc, uint16_t sport, uint16_t dport,
    const void *data, size_t len)
{
	if (len > MT_MAX_UDP)
		return L2C_ERR_INVAL;
	return l2c_udp_build(w, ethdst, ethsrc, ipsrc, 0xffffffffU, sport,
	    dport, data, len);
}

/*
 * How far counter c is ahead of expect: > 0 a gap, 0 in order, < 0
 * old.  Counters wrap at 2^32, and at 2^16 on peers reported to do so:
 * a small counter far behind one just past 2^16 is a wrap.
 */
int64_t
mt_counter_ahead(uint32_t expect, uint32_t c)
{
	int32_t		d = (int32_t)(c - expect);
	uint16_t	d16;

	if (d >= 0)
		return d;
	if (c <= 0xffff && expect <= 0x1ffff && expect - c >= 0x8000) {
		d16 = (uint16_t)(c - expect);
		if (d16 < 0x8000)
			return d16;
	}
	return d;
}

/* Header and payload in their frame, from the header's source MAC. */
int
mt_packet_build(struct l2c_wbuf *f, enum mt_dir dir, const struct mt_hdr *h,
    const void *p, size_t len, const uint8_t *ethdst, uint32_t ipsrc,
    uint16_t sport, uint16_t dport)
{
	uint8_t		pkt[MT_MAX_UDP];
	struct l2c_wbuf	w;
	int		rv;

	l2c_wbuf_init(&w, pkt, sizeof(pkt));
	if ((rv = mt_hdr_build(&w, dir, h)) != 0 ||
	    (rv = l2c_put_bytes(&w, p, len)) != 0)
		return rv;
	return mt_frame_build(f, ethdst, h->src, ipsrc, sport, dport, pkt,
	    w.len);
}
