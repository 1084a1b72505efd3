/* SPDX-License-Identifier: ISC */
/* MOP loopback (0x9000): the message at the skip offset, and pings. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "mop/loopback.h"
#include "mop/mop_proto.h"

#define LOOP_FWD_LEN	(2 + L2C_ETH_ALEN)

int
mop_loop_parse(const uint8_t *p, size_t len, struct mop_loop *m)
{
	struct l2c_rbuf	r;
	int		rv;

	memset(m, 0, sizeof(*m));
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_get_le16(&r, &m->skip)) != 0)
		return rv;
	if (m->skip % 2 != 0)
		return L2C_ERR_MALFORMED;
	if ((rv = l2c_get_skip(&r, m->skip)) != 0 ||
	    (rv = l2c_get_le16(&r, &m->function)) != 0)
		return rv;
	switch (m->function) {
	case MOP_LOOP_FORWARD:
		if ((rv = l2c_get_bytes(&r, m->fwd, L2C_ETH_ALEN)) != 0)
			return rv;
		if (m->fwd[0] & 1)	/* never forward to a group */
			return L2C_ERR_MALFORMED;
		return 0;
	case MOP_LOOP_REPLY:
		if ((rv = l2c_get_le16(&r, &m->receipt)) != 0)
			return rv;
		m->dlen = l2c_rbuf_left(&r);
		return l2c_get_ptr(&r, &m->data, m->dlen);
	default:
		return L2C_ERR_PROTO;
	}
}

int
mop_loop_build_ping(struct l2c_wbuf *w, const uint8_t *dst,
    const uint8_t *src, uint16_t receipt, const void *data, size_t len)
{
	int	rv;

	if ((rv = l2c_eth_begin(w, dst, src, MOP_ETHERTYPE_LOOP,
	    L2C_ENCAP_ETH2, NULL)) != 0 ||
	    (rv = l2c_put_le16(w, 0)) != 0 ||
	    (rv = l2c_put_le16(w, MOP_LOOP_FORWARD)) != 0 ||
	    (rv = l2c_put_bytes(w, src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_le16(w, MOP_LOOP_REPLY)) != 0 ||
	    (rv = l2c_put_le16(w, receipt)) != 0 ||
	    (len > 0 && (rv = l2c_put_bytes(w, data, len)) != 0))
		return rv;
	return l2c_eth_finish(w, L2C_ENCAP_ETH2, 0);
}

int
mop_loop_build_forward(struct l2c_wbuf *w, const uint8_t *src,
    const uint8_t *p, size_t len, const struct mop_loop *m)
{
	struct l2c_rbuf	 r;
	const uint8_t	*rest;
	size_t		 skip = (size_t)m->skip + LOOP_FWD_LEN;
	int		 rv;

	if (m->function != MOP_LOOP_FORWARD || skip > 0xffff)
		return L2C_ERR_INVAL;
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_get_skip(&r, 2)) != 0)
		return rv;
	if ((rv = l2c_get_ptr(&r, &rest, l2c_rbuf_left(&r))) != 0)
		return rv;
	if (len < 2 + skip)
		return L2C_ERR_TRUNC;
	if ((rv = l2c_eth_begin(w, m->fwd, src, MOP_ETHERTYPE_LOOP,
	    L2C_ENCAP_ETH2, NULL)) != 0 ||
	    (rv = l2c_put_le16(w, (uint16_t)skip)) != 0 ||
	    (rv = l2c_put_bytes(w, rest, len - 2)) != 0)
		return rv;
	return l2c_eth_finish(w, L2C_ENCAP_ETH2, 0);
}
