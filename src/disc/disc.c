/* SPDX-License-Identifier: ISC */
/* The helpers CDP and LLDP share to fill a struct disc_info. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/bits.h"
#include "core/buf.h"
#include "core/err.h"
#include "disc/disc.h"

/* A clean slate: no field is left from a previous PDU. */
void
disc_init(struct disc_info *di, enum disc_proto proto)
{
	memset(di, 0, sizeof(*di));
	di->proto = proto;
}

/*
 * A parsed frame through its decoder, if is() says it is that
 * protocol's; else di empty and L2C_ERR_PROTO.
 */
int
disc_frame_decode(const struct l2c_pkt *pkt, struct disc_info *di,
    enum disc_proto proto, int (*is)(const struct l2c_pkt *),
    int (*decode)(const uint8_t *, size_t, struct disc_info *))
{
	if (!is(pkt)) {
		disc_init(di, proto);
		return L2C_ERR_PROTO;
	}
	return decode(pkt->payload, pkt->plen, di);
}

/*
 * Strings are counted on the wire, not NUL-ended; copy what fits and
 * end it.  A NUL inside ends the string early, which is still bounded.
 */
void
disc_str_rest(struct disc_info *di, char *dst, struct l2c_rbuf *v)
{
	size_t	n = l2c_rbuf_left(v);

	if (n > DISC_STR_MAX - 1) {
		n = DISC_STR_MAX - 1;
		di->cut++;
	}
	if (l2c_get_bytes(v, dst, n) != 0)
		n = 0;
	dst[n] = '\0';
	(void)l2c_get_skip(v, l2c_rbuf_left(v));
}

/* The table is bounded: one sender cannot make us keep a thousand. */
void
disc_addr_add(struct disc_info *di, enum disc_addr_kind kind,
    uint8_t family, const uint8_t *a, size_t len)
{
	struct disc_addr	*d;

	if (di->naddrs >= DISC_ADDR_MAX ||
	    !((family == 4 && len == 4) || (family == 6 && len == 16))) {
		di->addrs_dropped++;
		return;
	}
	d = &di->addrs[di->naddrs++];
	memset(d, 0, sizeof(*d));
	d->kind = (uint8_t)kind;
	d->family = family;
	memcpy(d->addr, a, len);
}

/* Keep the type, the sent length and the first bytes; skip the rest. */
void
disc_unknown_add(struct disc_info *di, uint16_t type, struct l2c_rbuf *v)
{
	struct disc_tlv	*t;
	size_t		 n = l2c_rbuf_left(v);

	if (di->nunknown >= DISC_UNK_MAX) {
		di->unknown_dropped++;
		return;
	}
	t = &di->unknown[di->nunknown++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->len = (uint16_t)(n > 0xffff ? 0xffff : n);
	t->nbytes = (uint8_t)(n > DISC_UNK_BYTES ? DISC_UNK_BYTES : n);
	(void)l2c_get_bytes(v, t->bytes, t->nbytes);
}

int
disc_row_apply(const struct disc_row *t, uint16_t type, struct l2c_rbuf *v,
    struct disc_info *di)
{
	uint8_t		*field;
	uint32_t	 u32;
	uint16_t	 u16;
	unsigned	 kept;
	int		 rv = 0;

	if (t == NULL || t->kind == DISC_K_KEEP) {
		kept = di->nunknown;
		disc_unknown_add(di, type, v);
		if (t != NULL && t->name != NULL && di->nunknown > kept)
			di->unknown[kept].known = 1;
		return 0;
	}
	if (l2c_rbuf_left(v) < t->min_len || l2c_rbuf_left(v) > t->max_len)
		return L2C_ERR_MALFORMED;
	field = (uint8_t *)di + t->off;
	switch (t->kind) {
	case DISC_K_KEEP:		/* kept above */
		break;
	case DISC_K_STR:
		disc_str_rest(di, (char *)field, v);
		break;
	case DISC_K_U8:
		rv = l2c_get_u8(v, field);
		break;
	case DISC_K_BE16:
		if ((rv = l2c_get_be16(v, &u16)) == 0)
			memcpy(field, &u16, sizeof(u16));
		break;
	case DISC_K_BE32:
		if ((rv = l2c_get_be32(v, &u32)) == 0)
			memcpy(field, &u32, sizeof(u32));
		break;
	case DISC_K_FN:
		if (t->handler != NULL)
			rv = t->handler(v, di);
		break;
	}
	if (rv != 0)
		return L2C_ERR_MALFORMED;
	di->have |= t->have;
	return 0;
}

static const char *const cdp_caps[] = {
	"router", "TB bridge", "SR bridge", "switch", "host", "IGMP",
	"repeater", "phone", "remotely managed", "CVTA", "two-port MAC relay",
};

static const char *const lldp_caps[] = {
	"other", "repeater", "bridge", "WLAN AP", "router", "phone",
	"DOCSIS", "station", "C-VLAN", "S-VLAN", "two-port MAC relay",
};

char *
disc_caps_str(enum disc_proto proto, uint32_t caps, char *buf, size_t len)
{
	if (proto == DISC_CDP)
		return l2c_bits_str(caps, 32, cdp_caps,
		    sizeof(cdp_caps) / sizeof(cdp_caps[0]), buf, len);
	return l2c_bits_str(caps, 32, lldp_caps,
	    sizeof(lldp_caps) / sizeof(lldp_caps[0]), buf, len);
}

char *
disc_addr_fmt(const struct disc_addr *a, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->addr, buf,
	    (socklen_t)len) == NULL)
		snprintf(buf, len, "?");
	return buf;
}
