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

#endif
