/* SPDX-License-Identifier: ISC */
/* MAC ping frames: what we build is the reference's; pongs recognised. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mac/mt_ping.h"
#include "mac/mt_proto.h"
#include "../lib/capture.h"

#define CAPTURE	"mactelnet-upstream063-server_debian044-macping_mndp_identity-lookup.pcap"

static const uint8_t	cli[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t	srv[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };

/*
 * Frame 1 is a raw-mode ping from 0.0.0.0 (reference client): ours for
 * the same payload differs only in the IP id and checksums.
 */
static void
test_build_like_reference(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 ref, ours;
	struct l2c_wbuf	 w;
	uint8_t		 buf[1600];

	(void)state;
	tcap_load(CAPTURE, &c);
	assert_int_equal(l2c_frame_parse(c.f[0].data, c.f[0].len, &ref), 0);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_ping_build(&w, cli, srv, ref.udata + 18,
	    ref.ulen - 18), 0);
	assert_int_equal(w.len, c.f[0].len);
	assert_int_equal(l2c_frame_parse(buf, w.len, &ours), 0);
	assert_true(ours.udp_ok);
	assert_memory_equal(ours.dst, srv, 6);
	assert_int_equal(ours.ip_src, 0);
	assert_int_equal(ours.ip_dst, 0xffffffffU);
	assert_int_equal(ours.sport, ref.sport);
	assert_int_equal(ours.dport, ref.dport);
	assert_int_equal(ours.ulen, ref.ulen);
	assert_memory_equal(ours.udata, ref.udata, ref.ulen);
	/* Too big for one packet. */
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mt_ping_build(&w, cli, srv, buf,
	    MT_PING_MAX_PAYLOAD + 1), L2C_ERR_INVAL);
	tcap_free(&c);
}

/* Frame 2: the server's pong, to the client, same 38 bytes. */
static void
test_pong_captured(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 ping, pong;
	uint8_t		 from[6];
	const uint8_t	*data;
	size_t		 len;

	(void)state;
	tcap_load(CAPTURE, &c);
	assert_int_equal(l2c_frame_parse(c.f[0].data, c.f[0].len, &ping), 0);
	assert_int_equal(l2c_frame_parse(c.f[1].data, c.f[1].len, &pong), 0);
	assert_int_equal(mt_pong_parse(&pong, cli, from, &data, &len), 0);
	assert_memory_equal(from, srv, 6);
	assert_int_equal(len, 38);
	assert_memory_equal(data, ping.udata + 18, 38);
	/* Not to us, and not a pong (the ping itself). */
	assert_int_equal(mt_pong_parse(&pong, srv, from, &data, &len),
	    L2C_ERR_PROTO);
	assert_int_equal(mt_pong_parse(&ping, srv, from, &data, &len),
	    L2C_ERR_PROTO);
	/* Session traffic on the same port is not a pong either. */
	assert_int_equal(l2c_frame_parse(c.f[12].data, c.f[12].len, &pong), 0);
	assert_int_not_equal(mt_pong_parse(&pong, cli, from, &data, &len), 0);
	tcap_free(&c);
}

/* The ping row: sequence only in the payload. */
static void
test_row(void **state)
{
	struct tcap		 c;
	struct l2c_pkt		 pong;
	struct l2c_ping_reply	 r;

	(void)state;
	tcap_load(CAPTURE, &c);
	assert_int_equal(l2c_frame_parse(c.f[1].data, c.f[1].len, &pong), 0);
	assert_int_equal(mt_ping_proto.parse(&pong, cli, &r), 0);
	assert_int_equal(r.seq, -1);
	assert_int_equal(r.len, 38);
	assert_memory_equal(r.from, srv, 6);
	tcap_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_like_reference),
		cmocka_unit_test(test_pong_captured),
		cmocka_unit_test(test_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
