/* SPDX-License-Identifier: ISC */
/*
 * LLDP, IEEE 802.1AB: the LLDPDU decoder into a struct disc_info, with
 * the IEEE 802.1 and 802.3 organizationally specific TLVs that say
 * something about the link.  No I/O and no policy here.
 */
#ifndef L2C_DISC_LLDP_H
#define L2C_DISC_LLDP_H

#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "disc/disc.h"

#define LLDP_ETHERTYPE	0x88cc
#define LLDP_NGROUPS	3

/* Nearest bridge (:0e), non-TPMR bridge (:03), customer bridge (:00). */
extern const uint8_t	lldp_mcast[LLDP_NGROUPS][L2C_ETH_ALEN];

enum lldp_tlv_type {
	LLDP_T_END = 0,
	LLDP_T_CHASSIS_ID = 1,
	LLDP_T_PORT_ID = 2,
	LLDP_T_TTL = 3,
	LLDP_T_PORT_DESCR = 4,
	LLDP_T_SYSNAME = 5,
	LLDP_T_SYSDESCR = 6,
	LLDP_T_CAPS = 7,
	LLDP_T_MGMT_ADDR = 8,
	LLDP_T_ORG = 127,
};

/* Chassis ID subtypes (the port's are numbered differently). */
#define LLDP_CHASSIS_MAC	4
#define LLDP_CHASSIS_NETADDR	5
#define LLDP_PORT_MAC		3
#define LLDP_PORT_NETADDR	4

/* System capability bits. */
#define LLDP_CAP_OTHER		0x01
#define LLDP_CAP_REPEATER	0x02
#define LLDP_CAP_BRIDGE		0x04
#define LLDP_CAP_WLAN_AP	0x08
#define LLDP_CAP_ROUTER		0x10
#define LLDP_CAP_PHONE		0x20
#define LLDP_CAP_DOCSIS		0x40
#define LLDP_CAP_STATION	0x80

/*
 * Decode an LLDPDU (the Ethernet payload, padding and all: decoding
 * stops at the End TLV or at the end of the bytes).  Returns 0;
 * L2C_ERR_TRUNC when a TLV runs past the end; L2C_ERR_MALFORMED when
 * a TLV's length is outside its type's bounds or does not fit what it
 * holds, or when Chassis ID, Port ID and TTL are not the first three
 * TLVs, each once.  For that last fault only, decoding goes on to the
 * end, so di shows what the PDU held; a caller must still drop it.
 */
int	 lldp_decode(const uint8_t *, size_t, struct disc_info *);
/* The same for a parsed frame; L2C_ERR_PROTO if it is not LLDP. */
int	 lldp_frame_decode(const struct l2c_pkt *, struct disc_info *);
int	 lldp_frame_is(const struct l2c_pkt *);
/* A TLV type's name, or NULL. */
const char *lldp_tlv_name(uint8_t);

#endif /* L2C_DISC_LLDP_H */
