/* SPDX-License-Identifier: ISC */
/*
 * Test helper for the disc decoders: walk a capture's frames of one
 * protocol, and what the two Catalyst 3560s of the Cisco capture send.
 */
#ifndef L2C_TEST_DISC_CAP_H
#define L2C_TEST_DISC_CAP_H

#include <stddef.h>
#include <stdint.h>

#define CISCO3560	"cisco3560-cdp-lldp_tcpdump-tests.pcap"

/* IOS 12.2(44)SE's version text: CDP Software, LLDP System Description. */
extern const char	cisco3560_ios[];
extern const uint8_t	cisco3560_s1_mac[6];	/* S1, Fa0/13 */
extern const uint8_t	cisco3560_s2_mac[6];	/* S2, Gi0/13 */

struct disc_info;
struct l2c_pkt;

/*
 * Every frame of capture file: those is() refuses must decode to
 * L2C_ERR_PROTO; the rest to 0, then check(pkt, di, frame index).
 * Returns how many were checked.
 */
size_t	disc_walk(const char *file, int (*is)(const struct l2c_pkt *),
	    int (*decode)(const struct l2c_pkt *, struct disc_info *),
	    void (*check)(const struct l2c_pkt *, const struct disc_info *,
	    size_t));
/* Which of the two sent pkt: 0 for S1, 1 for S2 (anything else fails). */
int	cisco3560_which(const struct l2c_pkt *);

/* Frame i's payload (after Ethernet or SNAP) into out; its length. */
size_t	cisco3560_payload(size_t, uint8_t *, size_t);
/* Frame i, whole, into out (to be changed and tried); its length. */
size_t	cisco3560_frame(size_t, uint8_t *, size_t);

/* A frame parsed (or the test fails) and decoded: decode's return. */
int	disc_frame_try(const uint8_t *, size_t,
	    int (*decode)(const struct l2c_pkt *, struct disc_info *));
/*
 * The field checkers.  Address i is of kind and family, its first
 * alen bytes addr.  Unknown TLV i is of type with len bytes on the
 * wire, as many as fit kept, the first n of them bytes (n 0: none
 * checked).
 */
void	disc_want_addr(const struct disc_info *, size_t i, int kind,
	    int family, const uint8_t *addr, size_t alen);
void	disc_want_unknown(const struct disc_info *, size_t i, uint16_t type,
	    uint16_t len, const void *bytes, size_t n);

#endif
