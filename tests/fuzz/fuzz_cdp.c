/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the CDP decoder.  Input: one whole Ethernet frame
 * (its CDP PDU is decoded); anything that is not a CDP frame is taken
 * as a bare PDU.  Each PDU is decoded as it is and again with its
 * checksum made right, so the TLV walk is reached past the checksum.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/frame.h"
#include "disc/cdp.h"
#include "lib/disc_check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static uint8_t		fixed[L2C_ETH_MAXLEN * 4];
	struct l2c_pkt		pkt;
	struct disc_info	di;
	uint16_t		ck;

	if (l2c_frame_parse(data, len, &pkt) == 0 && cdp_frame_is(&pkt)) {
		(void)cdp_frame_decode(&pkt, &di);
		disc_check(&di);
		data = pkt.payload;
		len = pkt.plen;
	}
	(void)cdp_decode(data, len, &di);
	disc_check(&di);
	if (len < CDP_HDR_LEN || len > sizeof(fixed))
		return 0;
	memcpy(fixed, data, len);
	fixed[2] = fixed[3] = 0;
	ck = cdp_cksum(fixed, len);
	fixed[2] = (uint8_t)(ck >> 8);
	fixed[3] = (uint8_t)ck;
	(void)cdp_decode(fixed, len, &di);
	disc_check(&di);
	return 0;
}
