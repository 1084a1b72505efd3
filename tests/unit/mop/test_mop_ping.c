/* SPDX-License-Identifier: ISC */
/* MOP loopback as a ping: out, forwarded by a station, back to us. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mop/loopback.h"
#include "mop/mop_ping.h"
#include "mop/mop_proto.h"
#include "../lib/capture.h"

static const uint8_t	us[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t	sta[6] = { 0xaa, 0, 0x04, 0, 0x01, 0x04 };

/* What the station sends back for our ping (as a station does). */
static size_t
station_reply(const uint8_t *dst, const uint8_t *payload, size_t plen,
    uint16_t seq, uint8_t *out, size_t outlen)
{
	struct l2c_wbuf	w;
	struct l2c_pkt	pkt;
	struct mop_loop	m;
	uint8_t		req[1600];

	l2c_wbuf_init(&w, req, sizeof(req));
	assert_int_equal(mop_loop_ping_proto.build(&w, us, dst, seq, payload,
	    plen), 0);
	assert_int_equal(l2c_frame_parse(req, w.len, &pkt), 0);
	assert_memory_equal(pkt.dst, dst, 6);
	assert_int_equal(pkt.ethertype, MOP_ETHERTYPE_LOOP);
	assert_int_equal(mop_loop_parse(pkt.payload, pkt.plen, &m), 0);
	assert_int_equal(m.function, MOP_LOOP_FORWARD);
	assert_memory_equal(m.fwd, us, 6);
	l2c_wbuf_init(&w, out, outlen);
	assert_int_equal(mop_loop_build_forward(&w, sta, pkt.payload,
	    pkt.plen, &m), 0);
	return w.len;
}

static void
test_round_trip(void **state)
{
	uint8_t			 payload[100], frame[1600];
	struct l2c_pkt		 pkt;
	struct l2c_ping_reply	 r;
	size_t			 n, i;

	(void)state;
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)i;
	n = station_reply(sta, payload, sizeof(payload), 0x1234, frame,
	    sizeof(frame));
	assert_int_equal(l2c_frame_parse(frame, n, &pkt), 0);
	assert_int_equal(mop_loop_ping_proto.parse(&pkt, us, &r), 0);
	assert_memory_equal(r.from, sta, 6);
	assert_int_equal(r.seq, 0x1234);
	assert_int_equal(r.len, sizeof(payload));
	assert_memory_equal(r.data, payload, sizeof(payload));
	/* Not to us. */
	assert_int_equal(mop_loop_ping_proto.parse(&pkt, sta, &r),
	    L2C_ERR_PROTO);
}

/* A short payload comes back padded to the Ethernet minimum. */
static void
test_padding(void **state)
{
	uint8_t			 payload[16], frame[1600];
	struct l2c_pkt		 pkt;
	struct l2c_ping_reply	 r;
	size_t			 n;

	(void)state;
	memset(payload, 0x5a, sizeof(payload));
	n = station_reply(mop_mcast_loop, payload, sizeof(payload), 1, frame,
	    sizeof(frame));
	assert_int_equal(n, L2C_ETH_MINLEN);
	assert_int_equal(l2c_frame_parse(frame, n, &pkt), 0);
	assert_int_equal(mop_loop_ping_proto.parse(&pkt, us, &r), 0);
	assert_true(r.len >= sizeof(payload));
	assert_memory_equal(r.data, payload, sizeof(payload));
}

/* Our own ping seen on the wire is not a reply; nor is garbage. */
static void
test_not_replies(void **state)
{
	uint8_t			 frame[1600];
	struct l2c_wbuf		 w;
	struct l2c_pkt		 pkt;
	struct l2c_ping_reply	 r;
	size_t			 n;

	(void)state;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	assert_int_equal(mop_loop_ping_proto.build(&w, sta, us, 1, "x", 1), 0);
	assert_int_equal(l2c_frame_parse(frame, w.len, &pkt), 0);
	assert_int_equal(mop_loop_ping_proto.parse(&pkt, us, &r),
	    L2C_ERR_PROTO);
	n = thex("020000000001 aa0004000104 9000 0300 0100", frame,
	    sizeof(frame));
	assert_int_equal(l2c_frame_parse(frame, n, &pkt), 0);
	assert_int_not_equal(mop_loop_ping_proto.parse(&pkt, us, &r), 0);
	n = thex("020000000001 aa0004000104 9000 0000 0100 12", frame,
	    sizeof(frame));
	assert_int_equal(l2c_frame_parse(frame, n, &pkt), 0);
	assert_int_not_equal(mop_loop_ping_proto.parse(&pkt, us, &r), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_not_replies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
