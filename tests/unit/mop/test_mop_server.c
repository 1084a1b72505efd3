/* SPDX-License-Identifier: ISC */
/*
 * The MOP console server, driven frame by frame over an in-memory link:
 * System ID for both Request ID forms, one holder, duplicates, other
 * stations ignored, the reservation timer, announcements, loopback.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/link.h"
#include "core/loop.h"
#include "mop/loopback.h"
#include "mop/mop_proto.h"
#include "mop/mop_server.h"
#include "mop/sysid.h"
#include "../lib/rig.h"

static const uint8_t	cli_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t	srv_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	other_mac[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x09 };

struct fix {
	struct ut_pair		 p;	/* a: the server, b: the client */
	struct mop_server	*srv;
	/* What came back to the client side. */
	int			 n;		/* MOP console frames */
	struct mop_msg		 last;
	uint8_t			 lastdst[6];
	uint8_t			 data[1600];	/* last response data */
	struct mop_sysid	 si;
	int			 nloop;
	struct mop_loop		 lp;
	uint8_t			 out[4096];
	size_t			 outlen;
	size_t			 maxrsp;
};

static void
rx(void *arg, const struct l2c_pkt *pkt)
{
	struct fix	*f = arg;
	struct mop_msg	 m;

	if (pkt->ethertype == MOP_ETHERTYPE_LOOP) {
		assert_int_equal(mop_loop_parse(pkt->payload, pkt->plen,
		    &f->lp), 0);
		f->nloop++;
		return;
	}
	assert_int_equal(mop_parse_pkt(pkt, &m), 0);
	f->n++;
	f->last = m;
	memcpy(f->lastdst, pkt->dst, 6);
	if (m.code == MOP_SYSTEM_ID)
		assert_int_equal(mop_sysid_parse(m.u.sysid.info,
		    m.u.sysid.infolen, &f->si), 0);
	if (m.code == MOP_RESPONSE) {
		memcpy(f->data, m.u.con.data, m.u.con.dlen);
		f->last.u.con.data = f->data;
		if (m.u.con.dlen > f->maxrsp)
			f->maxrsp = m.u.con.dlen;
		memcpy(f->out + f->outlen, m.u.con.data, m.u.con.dlen);
		f->outlen += m.u.con.dlen;
	}
}

static void
start_server(struct fix *f, const char *cmd, uint16_t rsv_timer,
    uint64_t sysid_us)
{
	struct mop_server_conf	o;

	mop_server_defaults(&o);
	o.argv = ut_sh_argv(cmd);
	o.rsv_timer = rsv_timer;
	o.sysid_interval_us = sysid_us;
	assert_int_equal(mop_server_new(&f->p.ca, &o, &f->srv), 0);
}

static int
setup(void **state)
{
	struct fix	*f;

	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	ut_pair_open(&f->p, srv_mac, cli_mac, 1);
	assert_true(l2c_ctx_listen(&f->p.cb, "ether proto 0x6002 or "
	    "ether proto 0x9000", rx, f) >= 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	mop_server_free(f->srv);
	ut_pair_close(&f->p);
	free(f);
	return 0;
}

/* Send m from src to the server; run the loop until an answer or 300 ms. */
static int
xchg(struct fix *f, const uint8_t *src, const struct mop_msg *m)
{
	uint8_t		buf[1600];
	struct l2c_wbuf	w;
	int		n0 = f->n;
	uint64_t	end = l2c_now_us() + 300000;

	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_build(&w, srv_mac, src, L2C_ENCAP_ETH2, m), 0);
	assert_int_equal(l2c_link_send(f->p.b, buf, w.len), 0);
	while (f->n == n0 && l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 10000), 0);
	return f->n > n0;
}

static int
reqid(struct fix *f, const uint8_t *src, int form, uint16_t receipt)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_ID;
	m.u.reqid.form = (uint8_t)form;
	m.u.reqid.receipt = receipt;
	return xchg(f, src, &m);
}

static int
reserve(struct fix *f, const uint8_t *src)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_RESERVE;
	return xchg(f, src, &m);
}

static int
poll_(struct fix *f, const uint8_t *src, uint8_t flags, const char *data)
{
	struct mop_msg	m;

	memset(&m, 0, sizeof(m));
	m.code = MOP_COMMAND;
	m.u.con.flags = flags;
	m.u.con.data = (const uint8_t *)data;
	m.u.con.dlen = data != NULL ? strlen(data) : 0;
	return xchg(f, src, &m);
}

static void
run_ms(struct fix *f, unsigned ms)
{
	uint64_t	end = l2c_now_us() + (uint64_t)ms * 1000;

	while (l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 10000), 0);
}

/* Both Request ID forms get a System ID, receipt echoed, to the asker. */
static void
test_sysid(void **state)
{
	struct fix	*f = *state;

	start_server(f, "exec cat", 0, 0);
	assert_true(reqid(f, cli_mac, MOP_REQID_SPEC, 0x1234));
	assert_int_equal(f->last.code, MOP_SYSTEM_ID);
	assert_int_equal(f->last.u.sysid.receipt, 0x1234);
	assert_memory_equal(f->lastdst, cli_mac, 6);
	assert_true(reqid(f, cli_mac, MOP_REQID_MOPRC, 0));
	assert_int_equal(f->last.u.sysid.receipt, 0);
	assert_int_equal(f->si.functions, MOP_FN_LOOP | MOP_FN_CONSOLE |
	    MOP_FN_COUNTERS);
	assert_false(f->si.have & MOP_HAVE_CONSOLE_USER);
	assert_int_equal(f->si.rsv_timer, MOP_SERVER_RSV_TIMER);
	assert_int_equal(f->si.cmd_size, 512);
	assert_int_equal(f->si.rsp_size, 512);
	assert_memory_equal(f->si.hwaddr, srv_mac, 6);
	assert_string_equal(f->si.software, "l2console");
	assert_int_equal(f->si.dl_bufsize, 1500);
}

/*
 * One holder; a duplicate gets the same response and its data is not
 * written twice; other stations' commands, reserves and releases are
 * ignored; Release frees the console.
 */
static void
test_holder(void **state)
{
	struct fix		*f = *state;
	struct mop_server_stats	 st;
	uint8_t			 mac[6];
	uint64_t		 end;

	uint8_t			 num;

	start_server(f, "stty -echo -onlcr; echo READY; exec cat", 0, 0);
	assert_false(reserve(f, cli_mac));	/* Reserve has no answer */
	assert_int_equal(mop_server_holder(f->srv, mac), 1);
	assert_memory_equal(mac, cli_mac, 6);
	assert_true(reqid(f, cli_mac, MOP_REQID_SPEC, 1));
	assert_true(f->si.functions & MOP_FN_RESERVED);
	assert_memory_equal(f->si.console_user, cli_mac, 6);
	/* The first poll is new whatever its number (here 1). */
	end = l2c_now_us() + 3000000;
	for (num = 1; f->outlen < 6 && l2c_now_us() < end; num ^= 1) {
		run_ms(f, 20);
		assert_true(poll_(f, cli_mac, num, NULL));
		assert_int_equal(f->last.u.con.flags, num);
	}
	assert_int_equal(f->outlen, 6);
	assert_memory_equal(f->out, "READY\n", 6);
	f->outlen = 0;
	assert_true(poll_(f, cli_mac, num, "abc\n"));
	assert_int_equal(f->last.code, MOP_RESPONSE);
	assert_int_equal(f->last.u.con.flags, num);
	/* The same number again: a retransmission, data not written twice. */
	assert_true(poll_(f, cli_mac, num, "abc\n"));
	assert_int_equal(f->last.u.con.flags, num);
	mop_server_stats(f->srv, &st);
	assert_int_equal(st.duplicates, 1);
	assert_int_equal(st.bytes_in, 4);
	/* Others: ignored. */
	assert_false(poll_(f, other_mac, num ^ 1, "evil\n"));
	assert_false(reserve(f, other_mac));
	mop_server_stats(f->srv, &st);
	assert_int_equal(st.refused, 1);
	assert_int_equal(st.bytes_in, 4);
	/* Output comes back over the next polls, once. */
	end = l2c_now_us() + 2000000;
	while (f->outlen < 4 && l2c_now_us() < end) {
		num ^= 1;
		run_ms(f, 20);
		assert_true(poll_(f, cli_mac, num, NULL));
	}
	assert_int_equal(f->outlen, 4);
	assert_memory_equal(f->out, "abc\n", 4);
	/* Release from another station: ignored; from the holder: freed. */
	memset(&f->last, 0, sizeof(f->last));
	{
		struct mop_msg m;

		memset(&m, 0, sizeof(m));
		m.code = MOP_RELEASE;
		assert_false(xchg(f, other_mac, &m));
		assert_int_equal(mop_server_holder(f->srv, NULL), 1);
		/* Both dropped and counted: the Command and the Release. */
		mop_server_stats(f->srv, &st);
		assert_int_equal(st.foreign, 2);
		assert_false(xchg(f, cli_mac, &m));
		assert_int_equal(mop_server_holder(f->srv, NULL), 0);
	}
	assert_true(reqid(f, cli_mac, MOP_REQID_SPEC, 2));
	assert_false(f->si.functions & MOP_FN_RESERVED);
	/* Now another station may reserve. */
	assert_false(reserve(f, other_mac));
	assert_int_equal(mop_server_holder(f->srv, mac), 1);
	assert_memory_equal(mac, other_mac, 6);
}

/* Output larger than the response size goes 512 bytes a poll. */
static void
test_response_size(void **state)
{
	struct fix	*f = *state;
	uint8_t		 num = 0;
	uint64_t	 end = l2c_now_us() + 3000000;

	start_server(f, "head -c 2000 /dev/zero | tr '\\0' x; exec cat", 0, 0);
	reserve(f, cli_mac);
	while (f->outlen < 2000 && l2c_now_us() < end) {
		assert_true(poll_(f, cli_mac, num, NULL));
		num ^= 1;
		if (f->last.u.con.dlen == 0)
			run_ms(f, 10);
	}
	assert_int_equal(f->outlen, 2000);
	assert_int_equal(f->maxrsp, 512);
}

/* No poll for the reservation time: the console is free again. */
static void
test_reservation_timer(void **state)
{
	struct fix		*f = *state;
	struct mop_server_stats	 st;

	start_server(f, "exec cat", 1, 0);
	reserve(f, cli_mac);
	run_ms(f, 600);
	assert_true(poll_(f, cli_mac, 0, NULL));	/* restarts the timer */
	run_ms(f, 600);
	assert_int_equal(mop_server_holder(f->srv, NULL), 1);
	run_ms(f, 600);
	assert_int_equal(mop_server_holder(f->srv, NULL), 0);
	mop_server_stats(f->srv, &st);
	assert_int_equal(st.expired, 1);
	assert_false(poll_(f, cli_mac, 1, NULL));
}

/* --sysid-interval: System IDs to AB-00-00-02-00-00, receipt 0. */
static void
test_announcements(void **state)
{
	struct fix	*f = *state;
	const uint8_t	*p;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	size_t		 i, len, n = 0;

	start_server(f, "exec cat", 0, 100000);
	run_ms(f, 250);
	for (i = 0; (len = l2c_link_mem_sent(f->p.a, i, &p)) > 0; i++) {
		assert_int_equal(l2c_frame_parse(p, len, &pkt), 0);
		assert_int_equal(mop_parse_pkt(&pkt, &m), 0);
		assert_int_equal(m.code, MOP_SYSTEM_ID);
		assert_memory_equal(pkt.dst, mop_mcast_console, 6);
		assert_int_equal(m.u.sysid.receipt, 0);
		n++;
	}
	assert_true(n >= 2 && n <= 4);
}

/* Loopback: a ping comes back with the skip moved on; counters answer. */
static void
test_loopback_and_counters(void **state)
{
	struct fix	*f = *state;
	uint8_t		 buf[128];
	struct l2c_wbuf	 w;
	struct mop_msg	 m;
	uint64_t	 end = l2c_now_us() + 300000;

	start_server(f, "exec cat", 0, 0);
	l2c_wbuf_init(&w, buf, sizeof(buf));
	assert_int_equal(mop_loop_build_ping(&w, srv_mac, cli_mac, 77,
	    "hi", 2), 0);
	assert_int_equal(l2c_link_send(f->p.b, buf, w.len), 0);
	while (f->nloop == 0 && l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(f->p.loop, 10000), 0);
	assert_int_equal(f->nloop, 1);
	assert_int_equal(f->lp.skip, 8);
	assert_int_equal(f->lp.function, MOP_LOOP_REPLY);
	assert_int_equal(f->lp.receipt, 77);
	memset(&m, 0, sizeof(m));
	m.code = MOP_REQUEST_COUNTERS;
	m.u.reqctr.receipt = 0x0505;
	assert_true(xchg(f, cli_mac, &m));
	assert_int_equal(f->last.code, MOP_COUNTERS);
	assert_int_equal(f->last.u.counters.receipt, 0x0505);
	assert_true(f->last.u.counters.c32[2] >= 2);	/* frames received */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sysid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_response_size, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reservation_timer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_announcements, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_loopback_and_counters,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
