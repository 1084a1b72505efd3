/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: one Ethernet frame through the MOP loopback (0x9000)
 * parser; a forward message is forwarded and must parse again with the
 * skip count moved past it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/frame.h"
#include "mop/loopback.h"
#include "mop/mop_proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const uint8_t	 self[6] = { 2, 0, 0, 0, 0, 1 };
	struct l2c_pkt		 pkt, pkt2;
	struct mop_loop		 m, m2;
	struct l2c_wbuf		 w;
	uint8_t			 out[L2C_ETH_MAXLEN + 64];
	int			 rv;

	if (l2c_frame_parse(data, len, &pkt) != 0 ||
	    pkt.ethertype != MOP_ETHERTYPE_LOOP ||
	    mop_loop_parse(pkt.payload, pkt.plen, &m) != 0)
		return 0;
	if (m.function == MOP_LOOP_REPLY &&
	    (m.data < pkt.payload || m.data + m.dlen > pkt.payload + pkt.plen))
		__builtin_trap();
	if (m.function != MOP_LOOP_FORWARD)
		return 0;
	l2c_wbuf_init(&w, out, sizeof(out));
	if (mop_loop_build_forward(&w, self, pkt.payload, pkt.plen, &m) != 0)
		return 0;
	if (l2c_frame_parse(out, w.len, &pkt2) != 0 ||
	    memcmp(pkt2.dst, m.fwd, 6) != 0)
		__builtin_trap();
	rv = mop_loop_parse(pkt2.payload, pkt2.plen, &m2);
	/* Either a further message parses at the new skip, or none is there. */
	if (rv == 0 && m2.skip != m.skip + 8)
		__builtin_trap();
	return 0;
}
