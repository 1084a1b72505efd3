/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the LLDP decoder.  Input: one whole Ethernet frame
 * (its LLDPDU is decoded); anything that is not an LLDP frame is taken
 * as a bare LLDPDU.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "disc/lldp.h"
#include "lib/disc_check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt		pkt;
	struct disc_info	di;

	if (l2c_frame_parse(data, len, &pkt) == 0 && lldp_frame_is(&pkt)) {
		(void)lldp_frame_decode(&pkt, &di);
		disc_check(&di);
		data = pkt.payload;
		len = pkt.plen;
	}
	(void)lldp_decode(data, len, &di);
	disc_check(&di);
	return 0;
}
