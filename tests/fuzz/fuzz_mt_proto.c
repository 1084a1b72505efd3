/*
 * libFuzzer target: the MAC-Telnet header and control packet codecs.
 * Input: one Ethernet frame; when it is not IPv4/UDP, the whole input
 * is taken as a MAC-Telnet UDP payload.  Both directions' headers must
 * rebuild to what parsed, and the control packets walked must rebuild
 * byte for byte into what they were read from.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/frame.h"
#include "mac/mt_proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
one(const uint8_t *p, size_t len, enum mt_dir dir)
{
	static uint8_t	 out[65536];
	struct l2c_rbuf	 r, r2;
	struct l2c_wbuf	 w;
	struct mt_hdr	 h, h2;
	struct mt_cpkt	 cp;
	const uint8_t	*body;
	size_t		 blen, used;
	int		 rv;

	if (len > sizeof(out))
		return;
	l2c_rbuf_init(&r, p, len);
	if (mt_hdr_parse(&r, dir, &h) != 0)
		return;
	(void)mt_ptype_name(h.type);
	if (mt_hdr_len(h.type) + l2c_rbuf_left(&r) != len)
		__builtin_trap();
	l2c_wbuf_init(&w, out, sizeof(out));
	if (mt_hdr_build(&w, dir, &h) != 0 || w.len != mt_hdr_len(h.type))
		__builtin_trap();
	l2c_rbuf_init(&r2, out, w.len);
	if (mt_hdr_parse(&r2, dir, &h2) != 0 ||
	    memcmp(&h, &h2, sizeof(h)) != 0)
		__builtin_trap();
	if (h.type != MT_PT_DATA)
		return;
	/* Walk the control packets, putting each back as it was. */
	blen = l2c_rbuf_left(&r);
	body = p + (len - blen);
	l2c_wbuf_init(&w, out, sizeof(out));
	while ((rv = mt_cpkt_next(&r, &cp)) == 1) {
		(void)mt_ctype_lookup(cp.type);
		if (cp.len > blen || mt_cpkt_put(&w, cp.type, cp.data,
		    cp.len) != 0)
			__builtin_trap();
	}
	used = blen - l2c_rbuf_left(&r);
	if (rv == 0 && l2c_rbuf_left(&r) != 0)
		__builtin_trap();
	if (w.len != used || memcmp(out, body, used) != 0)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt	pkt;

	if (l2c_frame_parse(data, len, &pkt) == 0 && pkt.udp_ok) {
		one(pkt.udata, pkt.ulen, MT_C2S);
		one(pkt.udata, pkt.ulen, MT_S2C);
	} else {
		one(data, len, MT_C2S);
		one(data, len, MT_S2C);
	}
	return 0;
}
