/* SPDX-License-Identifier: ISC */
/*
 * CDP, Cisco Discovery Protocol (v1 and v2): the PDU decoder into a
 * struct disc_info, and the checksum a sender puts in.  No I/O and no
 * policy here; the scan row sits on top.
 */
#ifndef L2C_DISC_CDP_H
#define L2C_DISC_CDP_H

#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "disc/disc.h"

#define CDP_SNAP_PID	0x2000
#define CDP_HDR_LEN	4	/* version, TTL, checksum */
#define CDP_TLV_HLEN	4	/* type, length (which counts these 4) */

extern const uint8_t	cdp_mcast[L2C_ETH_ALEN];	/* 01:00:0c:cc:cc:cc */
extern const uint8_t	cdp_oui[3];			/* 00:00:0c */

enum cdp_tlv_type {
	CDP_T_DEVICE_ID = 0x01,
	CDP_T_ADDRESSES = 0x02,
	CDP_T_PORT_ID = 0x03,
	CDP_T_CAPABILITIES = 0x04,
	CDP_T_SOFTWARE = 0x05,
	CDP_T_PLATFORM = 0x06,
	CDP_T_IP_PREFIX = 0x07,
	CDP_T_HELLO = 0x08,
	CDP_T_VTP_DOMAIN = 0x09,
	CDP_T_NATIVE_VLAN = 0x0a,
	CDP_T_DUPLEX = 0x0b,
	CDP_T_POWER = 0x10,
	CDP_T_MTU = 0x11,
	CDP_T_TRUST = 0x12,
	CDP_T_UNTRUSTED_COS = 0x13,
	CDP_T_SYSNAME = 0x14,
	CDP_T_SYSOID = 0x15,
	CDP_T_MGMT_ADDR = 0x16,
	CDP_T_LOCATION = 0x17,
	CDP_T_POWER_AVAIL = 0x1a,
};

/* Capability bits. */
#define CDP_CAP_ROUTER		0x01
#define CDP_CAP_TB_BRIDGE	0x02
#define CDP_CAP_SR_BRIDGE	0x04
#define CDP_CAP_SWITCH		0x08
#define CDP_CAP_HOST		0x10
#define CDP_CAP_IGMP		0x20
#define CDP_CAP_REPEATER	0x40

/*
 * Decode a CDP PDU (what follows the SNAP header, as far as the 802.3
 * length goes).  Returns 0; L2C_ERR_TRUNC when the header or a TLV
 * runs past the end; L2C_ERR_MALFORMED for a version other than 1 or
 * 2, a wrong checksum, a TLV length under 4 or outside its type's
 * bounds, or an address list that does not fill its TLV.  On an error
 * di holds what came before the bad TLV; do not use it.
 */
int	 cdp_decode(const uint8_t *, size_t, struct disc_info *);
/* The same for a parsed frame; L2C_ERR_PROTO if it is not CDP. */
int	 cdp_frame_decode(const struct l2c_pkt *, struct disc_info *);
int	 cdp_frame_is(const struct l2c_pkt *);
/* The checksum for a PDU whose checksum field is zero (Cisco's rule). */
uint16_t cdp_cksum(const uint8_t *, size_t);
/* A TLV type's name, or NULL. */
const char *cdp_tlv_name(uint16_t);

#endif /* L2C_DISC_CDP_H */
