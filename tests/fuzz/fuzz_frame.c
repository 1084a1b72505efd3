/* SPDX-License-Identifier: ISC */
/* libFuzzer target: the Ethernet, SNAP and IPv4/UDP parsers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/frame.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt	 pkt;
	struct l2c_wbuf	 w;
	uint8_t		 out[1600];

	if (l2c_frame_parse(data, len, &pkt) != 0 || !pkt.udp_ok)
		return 0;
	/* What parsed must rebuild into something that parses the same. */
	l2c_wbuf_init(&w, out, sizeof(out));
	if (l2c_udp_build(&w, pkt.dst, pkt.src, pkt.ip_src, pkt.ip_dst,
	    pkt.sport, pkt.dport, pkt.udata, pkt.ulen) == 0) {
		struct l2c_pkt again;

		if (l2c_frame_parse(out, w.len, &again) != 0 || !again.udp_ok ||
		    again.ulen != pkt.ulen ||
		    memcmp(again.udata, pkt.udata, pkt.ulen) != 0)
			__builtin_trap();
	}
	return 0;
}
