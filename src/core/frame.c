/* SPDX-License-Identifier: ISC */
/* Ethernet II, 802.3/SNAP and IPv4/UDP codecs. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "frame.h"
#include "hex.h"

const uint8_t	l2c_mac_bcast[L2C_ETH_ALEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

static const uint8_t	snap_hdr[3] = { 0xaa, 0xaa, 0x03 };
static const uint8_t	snap_oui_dec[3] = { 0x08, 0x00, 0x2b };

int
l2c_frame_parse(const uint8_t *p, size_t len, struct l2c_pkt *pkt)
{
	struct l2c_rbuf	 r;
	const uint8_t	*llc;
	uint16_t	 type, snaptype;
	int		 rv;

	memset(pkt, 0, sizeof(*pkt));
	pkt->frame = p;
	pkt->framelen = len;
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_get_bytes(&r, pkt->dst, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_get_bytes(&r, pkt->src, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_get_be16(&r, &type)) != 0)
		return rv;
	if (type >= 0x0600) {
		pkt->encap = L2C_ENCAP_ETH2;
		pkt->ethertype = type;
	} else {
		/* 802.3: type is a length; only SNAP is of interest. */
		if (type > l2c_rbuf_left(&r))
			return L2C_ERR_TRUNC;
		r.len = r.off + type;
		if ((rv = l2c_get_ptr(&r, &llc, 6)) != 0 ||
		    (rv = l2c_get_be16(&r, &snaptype)) != 0)
			return rv;
		if (memcmp(llc, snap_hdr, 3) != 0)
			return L2C_ERR_MALFORMED;
		pkt->encap = L2C_ENCAP_SNAP;
		memcpy(pkt->snap_oui, llc + 3, sizeof(pkt->snap_oui));
		pkt->ethertype = snaptype;
	}
	pkt->payload = l2c_rbuf_cur(&r);
	pkt->plen = l2c_rbuf_left(&r);
	if (pkt->ethertype == L2C_ETHERTYPE_IPV4 &&
	    pkt->encap == L2C_ENCAP_ETH2)
		(void)l2c_udp_parse(pkt->payload, pkt->plen, pkt);
	return 0;
}

uint16_t
l2c_inet_cksum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t	i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t
pseudo_sum(uint32_t src, uint32_t dst, uint16_t ulen)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
	    17 + ulen;
}

/*
 * A frame sent from a local socket with checksum offload is captured
 * before the NIC fills the UDP checksum in: the field then holds only
 * the folded pseudo-header sum (veth peers in the lab do exactly this).
 */
static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

int
l2c_udp_parse(const uint8_t *p, size_t len, struct l2c_pkt *pkt)
{
	struct l2c_rbuf	 r, ip;
	const uint8_t	*hdr, *udp;
	uint8_t		 vihl, proto;
	uint16_t	 totlen, frag, ulen, ucsum;
	size_t		 ihl;
	int		 rv;

	pkt->udp_ok = 0;
	l2c_rbuf_init(&r, p, len);
	if ((rv = l2c_peek_u8(&r, 0, &vihl)) != 0)
		return rv;
	ihl = (size_t)(vihl & 0x0f) * 4;
	if (vihl >> 4 != 4 || ihl < L2C_IP4_HLEN)
		return L2C_ERR_MALFORMED;
	if ((rv = l2c_get_ptr(&r, &hdr, ihl)) != 0)
		return rv;
	if (l2c_inet_cksum(hdr, ihl, 0) != 0)
		return L2C_ERR_MALFORMED;
	l2c_rbuf_init(&ip, hdr, ihl);
	if ((rv = l2c_get_skip(&ip, 2)) != 0 ||
	    (rv = l2c_get_be16(&ip, &totlen)) != 0 ||
	    (rv = l2c_get_skip(&ip, 2)) != 0 ||
	    (rv = l2c_get_be16(&ip, &frag)) != 0 ||
	    (rv = l2c_get_skip(&ip, 1)) != 0 ||
	    (rv = l2c_get_u8(&ip, &proto)) != 0 ||
	    (rv = l2c_get_skip(&ip, 2)) != 0 ||
	    (rv = l2c_get_be32(&ip, &pkt->ip_src)) != 0 ||
	    (rv = l2c_get_be32(&ip, &pkt->ip_dst)) != 0)
		return rv;
	/* Frames are padded to 60 bytes: trust the IP length, not ours. */
	if (totlen < ihl + L2C_UDP_HLEN || totlen > len)
		return L2C_ERR_MALFORMED;
	if (proto != 17 || (frag & 0x3fff) != 0)
		return L2C_ERR_MALFORMED;
	r.len = totlen;
	udp = l2c_rbuf_cur(&r);
	if ((rv = l2c_get_be16(&r, &pkt->sport)) != 0 ||
	    (rv = l2c_get_be16(&r, &pkt->dport)) != 0 ||
	    (rv = l2c_get_be16(&r, &ulen)) != 0 ||
	    (rv = l2c_get_be16(&r, &ucsum)) != 0)
		return rv;
	if (ulen < L2C_UDP_HLEN || ulen != totlen - ihl)
		return L2C_ERR_MALFORMED;
	if (ucsum != 0 && l2c_inet_cksum(udp, ulen,
	    pseudo_sum(pkt->ip_src, pkt->ip_dst, ulen)) != 0 &&
	    ucsum != fold(pseudo_sum(pkt->ip_src, pkt->ip_dst, ulen)))
		return L2C_ERR_MALFORMED;
	pkt->udata = l2c_rbuf_cur(&r);
	pkt->ulen = l2c_rbuf_left(&r);
	pkt->udp_ok = 1;
	return 0;
}

int
l2c_eth_begin(struct l2c_wbuf *w, const uint8_t *dst, const uint8_t *src,
    uint16_t type, enum l2c_encap encap, size_t *mark)
{
	int	rv;

	if ((rv = l2c_put_bytes(w, dst, L2C_ETH_ALEN)) != 0 ||
	    (rv = l2c_put_bytes(w, src, L2C_ETH_ALEN)) != 0)
		return rv;
	if (encap == L2C_ENCAP_ETH2)
		return l2c_put_be16(w, type);
	if ((rv = l2c_put_reserve(w, 2, mark)) != 0 ||
	    (rv = l2c_put_bytes(w, snap_hdr, 3)) != 0 ||
	    (rv = l2c_put_bytes(w, snap_oui_dec, 3)) != 0)
		return rv;
	return l2c_put_be16(w, type);
}

int
l2c_eth_finish(struct l2c_wbuf *w, enum l2c_encap encap, size_t mark)
{
	int	rv;

	if (encap == L2C_ENCAP_SNAP &&
	    (rv = l2c_set_be16(w, mark, (uint16_t)(w->len - mark - 2))) != 0)
		return rv;
	if (w->len < L2C_ETH_MINLEN)
		return l2c_put_zero(w, L2C_ETH_MINLEN - w->len);
	return 0;
}

int
l2c_udp_build(struct l2c_wbuf *w, const uint8_t *dst, const uint8_t *src,
    uint32_t ipsrc, uint32_t ipdst, uint16_t sport, uint16_t dport,
    const void *data, size_t len)
{
	size_t		 ipat, udpat;
	uint16_t	 ulen, csum;
	int		 rv;

	if (len > 0xffff - L2C_IP4_HLEN - L2C_UDP_HLEN)
		return L2C_ERR_INVAL;
	ulen = (uint16_t)(L2C_UDP_HLEN + len);
	if ((rv = l2c_eth_begin(w, dst, src, L2C_ETHERTYPE_IPV4,
	    L2C_ENCAP_ETH2, NULL)) != 0)
		return rv;
	ipat = w->len;
	/* TOS 0x10, DF, TTL 64: what the reference peers send. */
	if ((rv = l2c_put_u8(w, 0x45)) != 0 ||
	    (rv = l2c_put_u8(w, 0x10)) != 0 ||
	    (rv = l2c_put_be16(w, (uint16_t)(L2C_IP4_HLEN + ulen))) != 0 ||
	    (rv = l2c_put_be16(w, 0)) != 0 ||
	    (rv = l2c_put_be16(w, 0x4000)) != 0 ||
	    (rv = l2c_put_u8(w, 64)) != 0 ||
	    (rv = l2c_put_u8(w, 17)) != 0 ||
	    (rv = l2c_put_be16(w, 0)) != 0 ||
	    (rv = l2c_put_be32(w, ipsrc)) != 0 ||
	    (rv = l2c_put_be32(w, ipdst)) != 0)
		return rv;
	if ((rv = l2c_set_be16(w, ipat + 10,
	    l2c_inet_cksum(w->p + ipat, L2C_IP4_HLEN, 0))) != 0)
		return rv;
	udpat = w->len;
	if ((rv = l2c_put_be16(w, sport)) != 0 ||
	    (rv = l2c_put_be16(w, dport)) != 0 ||
	    (rv = l2c_put_be16(w, ulen)) != 0 ||
	    (rv = l2c_put_be16(w, 0)) != 0 ||
	    (rv = l2c_put_bytes(w, data, len)) != 0)
		return rv;
	csum = l2c_inet_cksum(w->p + udpat, ulen,
	    pseudo_sum(ipsrc, ipdst, ulen));
	if ((rv = l2c_set_be16(w, udpat + 6, csum == 0 ? 0xffff : csum)) != 0)
		return rv;
	return l2c_eth_finish(w, L2C_ENCAP_ETH2, 0);
}

/*
 * Accept what field engineers paste: colon or dash separated octets
 * (one or two digits each), Cisco dotted triples, or 12 bare digits.
 */
int
l2c_mac_parse(const char *s, uint8_t *mac)
{
	uint8_t	 out[L2C_ETH_ALEN];
	char	 digits[13];
	size_t	 n = 0, i, groups = 0, glen = 0;
	char	 sep = 0;
	int	 h, l;

	if (s == NULL)
		return L2C_ERR_INVAL;
	if (strchr(s, ':') != NULL || strchr(s, '-') != NULL) {
		for (i = 0; ; i++) {
			if (s[i] == ':' || s[i] == '-' || s[i] == '\0') {
				if (glen < 1 || glen > 2 || groups >= 6)
					return L2C_ERR_INVAL;
				if (sep == 0 && s[i] != '\0')
					sep = s[i];
				else if (s[i] != '\0' && s[i] != sep)
					return L2C_ERR_INVAL;
				h = glen == 2 ? l2c_hexval(s[i - 2]) : 0;
				l = l2c_hexval(s[i - 1]);
				out[groups++] = (uint8_t)(h << 4 | l);
				glen = 0;
				if (s[i] == '\0')
					break;
			} else if (l2c_hexval(s[i]) < 0)
				return L2C_ERR_INVAL;
			else
				glen++;
		}
		if (groups != 6)
			return L2C_ERR_INVAL;
		memcpy(mac, out, sizeof(out));
		return 0;
	}
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '.') {
			if (glen != 4)
				return L2C_ERR_INVAL;
			glen = 0;
			groups++;
			continue;
		}
		if (l2c_hexval(s[i]) < 0 || n >= 12)
			return L2C_ERR_INVAL;
		digits[n++] = s[i];
		glen++;
	}
	if (n != 12 || (groups != 0 && (groups != 2 || glen != 4)))
		return L2C_ERR_INVAL;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)(l2c_hexval(digits[2 * i]) << 4 |
		    l2c_hexval(digits[2 * i + 1]));
	return 0;
}

char *
l2c_mac_fmt(const uint8_t *mac, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
	    mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}
