/* SPDX-License-Identifier: ISC */
/* MNDP announcement builder: the TLVs mactelnetd sends, in its order. */
#include <stddef.h>
#include <string.h>

#include "core/err.h"
#include "mac/mndp.h"
#include "mac/mndp_announce.h"

/* type u16 BE, length u16 BE, value. */
static int
put_tlv(struct l2c_wbuf *w, uint16_t type, const void *p, size_t len)
{
	int	rv;

	if (len > 0xffff)
		return L2C_ERR_INVAL;
	if ((rv = l2c_put_be16(w, type)) != 0 ||
	    (rv = l2c_put_be16(w, (uint16_t)len)) != 0 ||
	    (rv = l2c_put_bytes(w, p, len)) != 0)
		return rv;
	return 0;
}

/* Strings go without NUL; empty ones not at all. */
static int
put_str(struct l2c_wbuf *w, uint16_t type, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return 0;
	return put_tlv(w, type, s, strnlen(s, MNDP_STR_MAX - 1));
}

int
mndp_announce_build(struct l2c_wbuf *w, const struct mndp_announce *a)
{
	uint8_t		up[4];
	struct l2c_wbuf	u;
	size_t		save = w->len;
	int		rv;

	if (a->mac == NULL)
		return L2C_ERR_INVAL;
	l2c_wbuf_init(&u, up, sizeof(up));
	(void)l2c_put_le32(&u, a->uptime);
	if ((rv = l2c_put_u8(w, 0)) != 0 ||
	    (rv = l2c_put_u8(w, 1)) != 0 ||
	    (rv = l2c_put_be16(w, a->seq)) != 0 ||
	    (rv = put_tlv(w, MNDP_T_MAC, a->mac, L2C_ETH_ALEN)) != 0 ||
	    (rv = put_str(w, MNDP_T_IDENTITY, a->identity)) != 0 ||
	    (rv = put_str(w, MNDP_T_VERSION, a->version)) != 0 ||
	    (rv = put_str(w, MNDP_T_PLATFORM, a->platform)) != 0 ||
	    (rv = put_str(w, MNDP_T_BOARD, a->board)) != 0 ||
	    (rv = put_tlv(w, MNDP_T_UPTIME, up, sizeof(up))) != 0 ||
	    (rv = put_str(w, MNDP_T_SOFTID, a->softid)) != 0 ||
	    (rv = put_str(w, MNDP_T_IFNAME, a->ifname)) != 0 ||
	    (a->has_ipv4 &&
	    (rv = put_tlv(w, MNDP_T_IPV4, a->ipv4, 4)) != 0)) {
		w->len = save;
		return rv;
	}
	return 0;
}

/* Broadcast, from port 5678 to 5678, IPv4 source ipsrc (may be 0). */
int
mndp_announce_frame(struct l2c_wbuf *f, const struct mndp_announce *a,
    uint32_t ipsrc)
{
	struct l2c_wbuf	w;
	uint8_t		udp[512];
	int		rv;

	l2c_wbuf_init(&w, udp, sizeof(udp));
	if ((rv = mndp_announce_build(&w, a)) != 0)
		return rv;
	return l2c_udp_build(f, l2c_mac_bcast, a->mac, ipsrc, 0xffffffffU,
	    MNDP_PORT, MNDP_PORT, udp, w.len);
}
