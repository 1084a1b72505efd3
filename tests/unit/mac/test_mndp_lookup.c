/* SPDX-License-Identifier: ISC */
/* Identity lookup over MNDP against a responder replaying captured frames. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mac/mndp.h"
#include "mac/mndp_lookup.h"
#include "../lib/capture.h"

static const uint8_t MAC_C[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t MAC_S[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };

struct responder {
	struct l2c_link	*link;
	const uint8_t	*ann;
	size_t		 annlen;
	int		 requests;
};

static void
on_request(void *arg, const struct l2c_pkt *pkt)
{
	struct responder	*r = arg;

	if (!pkt->udp_ok || !mndp_is_request(pkt->udata, pkt->ulen))
		return;
	assert_memory_equal(pkt->src, MAC_C, 6);
	assert_int_equal(pkt->sport, MNDP_PORT);
	r->requests++;
	assert_int_equal(l2c_link_send(r->link, r->ann, r->annlen), 0);
}

static void
test_lookup(void **state)
{
	struct tcap		 c;
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ca, cb;
	struct l2c_pkt		 pkt;
	struct responder	 r;
	static const uint8_t	 gone[6] = { 0x02, 0x4c, 0x32, 0x43, 0, 9 };
	struct mndp_found	 f;
	uint64_t		 t0;
	size_t			 i;

	(void)state;
	memset(&r, 0, sizeof(r));
	tcap_load("mactelnet-upstream063-server_debian044-macping_mndp_"
	    "identity-lookup.pcap", &c);
	for (i = 0; i < c.n && r.ann == NULL; i++)
		if (l2c_frame_parse(c.f[i].data, c.f[i].len, &pkt) == 0 &&
		    pkt.udp_ok && pkt.dport == MNDP_PORT &&
		    !mndp_is_request(pkt.udata, pkt.ulen)) {
			r.ann = c.f[i].data;
			r.annlen = c.f[i].len;
		}
	assert_non_null(r.ann);
	assert_int_equal(l2c_loop_new(&loop), 0);
	assert_int_equal(l2c_link_mem_pair(MAC_C, MAC_S, &a, &b), 0);
	assert_int_equal(l2c_ctx_init(&ca, loop, a), 0);
	assert_int_equal(l2c_ctx_init(&cb, loop, b), 0);
	r.link = b;
	assert_true(l2c_ctx_listen(&cb, "udp dst port 5678", on_request, &r)
	    >= 0);
	/* The captured device calls itself "vm": any case matches. */
	assert_int_equal(mndp_lookup(&ca, "VM", L2C_SEC(2), NULL, &f), 0);
	assert_memory_equal(f.mac, MAC_S, 6);
	assert_int_equal(f.preferred, 0);
	assert_int_equal(f.others, 0);
	assert_int_equal(r.requests, 1);
	/* The MAC recorded for the name answers: taken at once. */
	assert_int_equal(mndp_lookup(&ca, "vm", L2C_SEC(2), MAC_S, &f), 0);
	assert_int_equal(f.preferred, 1);
	assert_int_equal(f.others, 0);
	assert_int_equal(r.requests, 2);
	/*
	 * Recorded elsewhere: the whole wait for it, and the device that
	 * names itself so now is noted, not taken.
	 */
	t0 = l2c_now_us();
	assert_int_equal(mndp_lookup(&ca, "vm", L2C_MS(1200), gone, &f), 0);
	assert_true(l2c_now_us() - t0 >= L2C_MS(1200));
	assert_int_equal(f.preferred, 0);
	assert_true(f.others >= 1);
	assert_memory_equal(f.other, MAC_S, 6);
	r.requests = 0;
	/* Nobody by that name: the wait is bounded, requests repeat. */
	t0 = l2c_now_us();
	assert_int_equal(mndp_lookup(&ca, "core-router", L2C_MS(1200), NULL,
	    &f), L2C_ERR_NOTFOUND);
	assert_true(l2c_now_us() - t0 >= L2C_MS(1200));
	assert_true(l2c_now_us() - t0 < L2C_MS(2000));
	assert_int_equal(r.requests, 2);	/* at 0 and 1 s */
	l2c_ctx_fini(&ca);
	l2c_ctx_fini(&cb);
	l2c_link_close(a);
	l2c_link_close(b);
	l2c_loop_free(loop);
	tcap_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
	};

	return cmocka_run_group_tests_name("mac/mndp_lookup", tests, NULL,
	    NULL);
}
