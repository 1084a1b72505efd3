/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MAC-Telnet header and control-packet parsers.
 * Input: one whole Ethernet frame (its UDP payload is parsed); inputs
 * that are not an IPv4/UDP frame are parsed as a raw UDP payload, so
 * the fuzzer reaches the codec without building checksums first.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/frame.h"
#include "mac/mt_proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What parsed must build back into the very same bytes. */
static void
one(const uint8_t *p, size_t len, enum mt_dir dir)
{
	struct l2c_rbuf	 r;
	struct l2c_wbuf	 w;
	struct mt_hdr	 h;
	struct mt_cpkt	 cp;
	uint8_t		 out[2 * MT_MAX_UDP + 64];
	size_t		 start;
	int		 rv;

	l2c_rbuf_init(&r, p, len);
	if (mt_hdr_parse(&r, dir, &h) != 0)
		return;
	l2c_wbuf_init(&w, out, sizeof(out));
	if (mt_hdr_build(&w, dir, &h) != 0 || w.len != r.off)
		__builtin_trap();
	/* Ping/pong bytes 14..17 are not kept: compare the rest. */
	start = h.type == MT_PT_PING || h.type == MT_PT_PONG ? 14 : w.len;
	if (memcmp(out, p, start) != 0)
		__builtin_trap();
	if (h.type != MT_PT_DATA || len > MT_MAX_UDP)
		return;
	while ((rv = mt_cpkt_next(&r, &cp)) == 1) {
		if (cp.len > len || (cp.info != NULL &&
		    (cp.len < cp.info->min || cp.len > cp.info->max)))
			__builtin_trap();
		if (mt_cpkt_put(&w, cp.type, cp.data, cp.len) != 0)
			__builtin_trap();
	}
	if (rv == 0 && (w.len != len || memcmp(out, p, len) != 0))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt	 pkt;

	if (l2c_frame_parse(data, len, &pkt) == 0 && pkt.udp_ok) {
		data = pkt.udata;
		len = pkt.ulen;
	}
	one(data, len, MT_C2S);
	one(data, len, MT_S2C);
	return 0;
}
