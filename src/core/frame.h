/* SPDX-License-Identifier: ISC */
/*
 * Frame codecs: Ethernet II, IEEE 802.3 + LLC/SNAP, and IPv4/UDP built
 * by hand inside an Ethernet frame (MAC-Telnet needs no IP address on
 * the interface because we never ask the kernel's IP stack for anything).
 */
#ifndef L2C_FRAME_H
#define L2C_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define L2C_ETH_ALEN		6
#define L2C_ETH_HLEN		14
#define L2C_ETH_MINLEN		60	/* without FCS */
#define L2C_ETH_MAXLEN		1514
#define L2C_SNAP_HLEN		8	/* AA AA 03 OUI(3) type(2) */
#define L2C_IP4_HLEN		20
#define L2C_UDP_HLEN		8
#define L2C_ETHERTYPE_IPV4	0x0800

enum l2c_encap {
	L2C_ENCAP_ETH2 = 0,
	L2C_ENCAP_SNAP = 1,
};

/* A received frame, parsed down as far as the codecs could go. */
struct l2c_pkt {
	uint64_t	 ts_us;		/* monotonic receive time */
	const uint8_t	*frame;
	size_t		 framelen;
	uint8_t		 dst[L2C_ETH_ALEN];
	uint8_t		 src[L2C_ETH_ALEN];
	uint16_t	 ethertype;	/* for SNAP, the SNAP protocol id */
	enum l2c_encap	 encap;
	uint8_t		 snap_oui[3];	/* for SNAP, the organization code */
	const uint8_t	*payload;	/* after Ethernet (or SNAP) header */
	size_t		 plen;		/* as far as the frame goes */
	int		 udp_ok;	/* IPv4/UDP parsed and checked */
	uint32_t	 ip_src;	/* host byte order */
	uint32_t	 ip_dst;
	uint16_t	 sport;
	uint16_t	 dport;
	const uint8_t	*udata;		/* UDP payload */
	size_t		 ulen;
};

extern const uint8_t	l2c_mac_bcast[L2C_ETH_ALEN];

/* Parse Ethernet II or 802.3/SNAP; then IPv4/UDP if the type says so. */
int	l2c_frame_parse(const uint8_t *, size_t, struct l2c_pkt *);
int	l2c_udp_parse(const uint8_t *, size_t, struct l2c_pkt *);

/* Build: header, then the caller puts the payload, then finish pads. */
int	l2c_eth_begin(struct l2c_wbuf *, const uint8_t *dst,
	    const uint8_t *src, uint16_t type, enum l2c_encap, size_t *mark);
int	l2c_eth_finish(struct l2c_wbuf *, enum l2c_encap, size_t mark);
/* A whole Ethernet II + IPv4 + UDP frame around data. */
int	l2c_udp_build(struct l2c_wbuf *, const uint8_t *dst,
	    const uint8_t *src, uint32_t ipsrc, uint32_t ipdst,
	    uint16_t sport, uint16_t dport, const void *data, size_t len);

uint16_t l2c_inet_cksum(const uint8_t *, size_t, uint32_t);

/* MAC address text forms: aa:bb:.., aa-bb-.., aabb.ccdd.eeff, aabbccddeeff. */
int	l2c_mac_parse(const char *, uint8_t *);
char	*l2c_mac_fmt(const uint8_t *, char *, size_t);
#define L2C_MAC_STRLEN	18

#endif /* L2C_FRAME_H */
