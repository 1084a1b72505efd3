/* SPDX-License-Identifier: ISC */
/* MOP remote console messages: one table row per message type. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/tok.h"
#include "mop/mop_proto.h"

const uint8_t	mop_mcast_console[L2C_ETH_ALEN] = { 0xab, 0, 0, 2, 0, 0 };
const uint8_t	mop_mcast_loop[L2C_ETH_ALEN] = { 0xcf, 0, 0, 0, 0, 0 };

typedef int	mop_parse_fn(struct l2c_rbuf *, struct mop_msg *);
typedef int	mop_build_fn(struct l2c_wbuf *, const struct mop_msg *);

struct mop_type {
	struct l2c_tok	 tok;		/* the code and its name */
	size_t		 minlen;	/* from the code byte on */
	mop_parse_fn	*parse;		/* after the code; NULL: nothing kept */
	mop_build_fn	*build;		/* writer after the code; NULL: none */
};

/* Request ID: reserved, receipt; moprc adds one zero byte (length 5). */
static int
parse_reqid(struct l2c_rbuf *r, struct mop_msg *m)
{
	int	rv;

	m->u.reqid.form = m->len == MOP_REQID_SPEC ? MOP_REQID_SPEC :
	    MOP_REQID_MOPRC;
	if ((rv = l2c_get_skip(r, 1)) != 0)
		return rv;
	return l2c_get_le16(r, &m->u.reqid.receipt);
}

static int
build_reqid(struct l2c_wbuf *w, const struct mop_msg *m)
{
	int	rv;

	if ((rv = l2c_put_u8(w, 0)) != 0 ||
	    (rv = l2c_put_le16(w, m->u.reqid.receipt)) != 0)
		return rv;
	return m->u.reqid.form == MOP_REQID_MOPRC ? l2c_put_u8(w, 0) : 0;
}

/* System ID: reserved, receipt, then the info entries (sysid.h). */
static int
parse_sysid(struct l2c_rbuf *r, struct mop_msg *m)
{
	int	rv;

	if ((rv = l2c_get_skip(r, 1)) != 0 ||
	    (rv = l2c_get_le16(r, &m->u.sysid.receipt)) != 0)
		return rv;
	m->u.sysid.infolen = l2c_rbuf_left(r);
	return l2c_get_ptr(r, &m->u.sysid.info, m->u.sysid.infolen);
}

static int
build_sysid(struct l2c_wbuf *w, const struct mop_msg *m)
{
	int	rv;

	if ((rv = l2c_put_u8(w, 0)) != 0 ||
	    (rv = l2c_put_le16(w, m->u.sysid.receipt)) != 0)
		return rv;
	return l2c_put_bytes(w, m->u.sysid.info, m->u.sysid.infolen);
}

static int
parse_reqctr(struct l2c_rbuf *r, struct mop_msg *m)
{
	return l2c_get_le16(r, &m->u.reqctr.receipt);
}

static int
build_reqctr(struct l2c_wbuf *w, const struct mop_msg *m)
{
	return l2c_put_le16(w, m->u.reqctr.receipt);
}

static int
parse_counters(struct l2c_rbuf *r, struct mop_msg *m)
{
	struct mop_counters	*c = &m->u.counters;
	size_t			 i;
	int			 rv;

	if ((rv = l2c_get_le16(r, &c->receipt)) != 0 ||
	    (rv = l2c_get_le16(r, &c->seconds)) != 0)
		return rv;
	for (i = 0; i < MOP_CTR_N32; i++)
		if ((rv = l2c_get_le32(r, &c->c32[i])) != 0)
			return rv;
	for (i = 0; i < MOP_CTR_N16; i++)
		if ((rv = l2c_get_le16(r, &c->c16[i])) != 0)
			return rv;
	return 0;
}

static int
build_counters(struct l2c_wbuf *w, const struct mop_msg *m)
{
	const struct mop_counters	*c = &m->u.counters;
	size_t				 i;
	int				 rv;

	if ((rv = l2c_put_le16(w, c->receipt)) != 0 ||
	    (rv = l2c_put_le16(w, c->seconds)) != 0)
		return rv;
	for (i = 0; i < MOP_CTR_N32; i++)
		if ((rv = l2c_put_le32(w, c->c32[i])) != 0)
			return rv;
	for (i = 0; i < MOP_CTR_N16; i++)
		if ((rv = l2c_put_le16(w, c->c16[i])) != 0)
			return rv;
	return 0;
}

static int
parse_reserve(struct l2c_rbuf *r, struct mop_msg *m)
{
	return l2c_get_bytes(r, m->u.reserve.verif, MOP_VERIF_LEN);
}

static int
build_reserve(struct l2c_wbuf *w, const struct mop_msg *m)
{
	return l2c_put_bytes(w, m->u.reserve.verif, MOP_VERIF_LEN);
}

static int
build_none(struct l2c_wbuf *w, const struct mop_msg *m)
{
	(void)w;
	(void)m;
	return 0;
}

/* Command/Poll and Response/Ack share a shape: flags, then data. */
static int
parse_console(struct l2c_rbuf *r, struct mop_msg *m)
{
	int	rv;

	if ((rv = l2c_get_u8(r, &m->u.con.flags)) != 0)
		return rv;
	m->u.con.dlen = l2c_rbuf_left(r);
	return l2c_get_ptr(r, &m->u.con.data, m->u.con.dlen);
}

static int
build_console(struct l2c_wbuf *w, const struct mop_msg *m)
{
	int	rv;

	if ((rv = l2c_put_u8(w, m->u.con.flags)) != 0)
		return rv;
	return m->u.con.dlen == 0 ? 0 :
	    l2c_put_bytes(w, m->u.con.data, m->u.con.dlen);
}

static const struct mop_type mop_types[] = {
	{ { MOP_REQUEST_ID, "Request ID" }, 4, parse_reqid, build_reqid },
	{ { MOP_BOOT, "Boot" }, 12, NULL, NULL },
	{ { MOP_SYSTEM_ID, "System ID" }, 4, parse_sysid, build_sysid },
	{ { MOP_REQUEST_COUNTERS, "Request Counters" }, 3, parse_reqctr,
	    build_reqctr },
	{ { MOP_COUNTERS, "Counters" },
	    1 + 4 + 4 * MOP_CTR_N32 + 2 * MOP_CTR_N16, parse_counters,
	    build_counters },
	{ { MOP_RESERVE, "Reserve Console" }, 1 + MOP_VERIF_LEN,
	    parse_reserve, build_reserve },
	{ { MOP_RELEASE, "Release Console" }, 1, NULL, build_none },
	{ { MOP_COMMAND, "Console Command and Poll" }, 2, parse_console,
	    build_console },
	{ { MOP_RESPONSE, "Console Response and Acknowledge" }, 2,
	    parse_console, build_console },
};

static const struct mop_type *
mop_type_find(uint8_t code)
{
	return l2c_tok_row(mop_types, L2C_NITEMS(mop_types),
	    sizeof(mop_types[0]), code);
}

void
mop_msg_console(struct mop_msg *m, uint8_t code, uint8_t flags,
    const uint8_t *data, size_t len)
{
	memset(m, 0, sizeof(*m));
	m->code = code;
	m->u.con.flags = flags;
	m->u.con.data = data;
	m->u.con.dlen = len;
}

const char *
mop_code_name(uint8_t code)
{
	const struct mop_type	*t = mop_type_find(code);

	return t != NULL ? t->tok.s : "unknown";
}

/*
 * The length word bounds the message; whatever follows it in the frame
 * is padding.  Fields past the known ones (moprc's fifth Request ID
 * byte) are allowed: the length says where the message ends.
 */
int
mop_parse(const uint8_t *p, size_t len, enum l2c_encap encap,
    struct mop_msg *m)
{
	const struct mop_type	*t;
	struct l2c_rbuf		 r, body;
	uint16_t		 mlen;
	int			 rv;

	memset(m, 0, sizeof(*m));
	l2c_rbuf_init(&r, p, len);
	if (encap == L2C_ENCAP_ETH2) {
		if ((rv = l2c_get_le16(&r, &mlen)) != 0)
			return rv;
		if (mlen == 0)
			return L2C_ERR_MALFORMED;
		if ((rv = l2c_get_sub(&r, &body, mlen)) != 0)
			return rv;
	} else
		body = r;
	m->len = l2c_rbuf_left(&body);
	if ((rv = l2c_get_u8(&body, &m->code)) != 0)
		return rv;
	if ((t = mop_type_find(m->code)) == NULL)
		return L2C_ERR_PROTO;
	if (m->len < t->minlen)
		return L2C_ERR_TRUNC;
	return t->parse != NULL ? t->parse(&body, m) : 0;
}

int
mop_parse_pkt(const struct l2c_pkt *pkt, struct mop_msg *m)
{
	if (pkt->ethertype != MOP_ETHERTYPE_CONSOLE) {
		memset(m, 0, sizeof(*m));
		return L2C_ERR_PROTO;
	}
	return mop_parse(pkt->payload, pkt->plen, pkt->encap, m);
}

int
mop_build(struct l2c_wbuf *w, const uint8_t *dst, const uint8_t *src,
    enum l2c_encap encap, const struct mop_msg *m)
{
	const struct mop_type	*t;
	size_t			 mark = 0, lenat = 0, start;
	int			 rv;

	if ((t = mop_type_find(m->code)) == NULL || t->build == NULL)
		return L2C_ERR_INVAL;
	if ((rv = l2c_eth_begin(w, dst, src, MOP_ETHERTYPE_CONSOLE, encap,
	    &mark)) != 0)
		return rv;
	if (encap == L2C_ENCAP_ETH2 &&
	    (rv = l2c_put_reserve(w, 2, &lenat)) != 0)
		return rv;
	start = w->len;
	if ((rv = l2c_put_u8(w, m->code)) != 0 ||
	    (rv = t->build(w, m)) != 0)
		return rv;
	if (encap == L2C_ENCAP_ETH2 &&
	    (rv = l2c_set_le16(w, lenat, (uint16_t)(w->len - start))) != 0)
		return rv;
	return l2c_eth_finish(w, encap, mark);
}

/* Ethernet data link counters, in the order of the Counters message. */
static const char *const ctr32_names[MOP_CTR_N32] = {
	"bytes received", "bytes sent", "frames received", "frames sent",
	"multicast bytes received", "multicast frames received",
	"frames sent, initially deferred", "frames sent, single collision",
	"frames sent, multiple collisions",
};

static const char *const ctr16_names[MOP_CTR_N16] = {
	"send failures", "send failure reasons", "receive failures",
	"receive failure reasons", "unrecognized frame destination",
	"data overrun", "system buffer unavailable", "user buffer unavailable",
};

const char *
mop_counter_name(int is32, unsigned idx)
{
	if (is32)
		return idx < MOP_CTR_N32 ? ctr32_names[idx] : NULL;
	return idx < MOP_CTR_N16 ? ctr16_names[idx] : NULL;
}

int
mop_filter(char *buf, size_t len, const uint8_t *src)
{
	char	mac[L2C_MAC_STRLEN];
	int	n;

	n = snprintf(buf, len, "(ether proto 0x6002 or (ether[12:2] <= 1500 "
	    "and ether[14:4] = 0xaaaa0308 and ether[18:4] = 0x002b6002))%s%s",
	    src != NULL ? " and ether src " : "",
	    src != NULL ? l2c_mac_fmt(src, mac, sizeof(mac)) : "");
	return n < 0 || (size_t)n >= len ? L2C_ERR_NOSPACE : 0;
}
