/* SPDX-License-Identifier: ISC */
/* Scan plumbing with made-up rows: selection, routing, news, follow-ups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "../lib/capture.h"

static const uint8_t	us[6] = { 0x02, 0, 0, 0, 0, 0xaa };
static const uint8_t	them[6] = { 0x02, 0, 0, 0, 0, 0xbb };

struct counts {
	int	probes[2], stations[2], rx[2], seen[2], news[3];
};

/* The fake rows keep their tally where the news go. */
#define C(s)	((struct counts *)(s)->newsarg)

static int
probe_a(struct l2c_scan *s, unsigned round)
{
		(void)round;
	C(s)->probes[0]++;
	return L2C_ERR_INJECT;
}

static int
probe_b(struct l2c_scan *s, unsigned round)
{
		(void)round;
	C(s)->probes[1]++;
	return L2C_ERR_NOMEM;
}

static int
station_b(struct l2c_scan *s, const uint8_t *mac)
{
		(void)mac;
	C(s)->stations[1]++;
	return 0;
}

static void
rx_a(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
	struct l2c_neigh_upd	u;

	C(s)->rx[0]++;
	l2c_neigh_upd_init(&u, pkt->src);
	u.f.protos = L2C_NP_MNDP;
	assert_true(l2c_scan_note(s, &u, pkt->ts_us, NULL) >= 0);
}

static void
rx_b(struct l2c_scan *s, const struct l2c_pkt *pkt)
{
		(void)pkt;
	C(s)->rx[1]++;
}

static void
seen_a(struct l2c_scan *s, struct l2c_neigh *n, uint8_t *probed)
{
		(void)n;
	/* Each row counts in its own probed[] slot. */
	(*probed)++;
	C(s)->seen[0]++;
}

static void
seen_b(struct l2c_scan *s, struct l2c_neigh *n, uint8_t *probed)
{
		(void)n;
	assert_int_equal(*probed, 0);
	C(s)->seen[1]++;
}

static const struct l2c_scan_proto row_a = {
	.name = "a", .family = L2C_SCAN_MIKROTIK,
	.filter = "ether proto 0x88b5", .probe = probe_a, .rx = rx_a,
	.seen = seen_a,
};
static const struct l2c_scan_proto row_b = {
	.name = "b", .family = L2C_SCAN_MOP,
	.filter = "ether proto 0x88b6", .probe = probe_b,
	.probe_station = station_b, .rx = rx_b, .seen = seen_b,
};
static const struct l2c_scan_proto *const rows[] = { &row_a, &row_b };

static void
news(void *arg, struct l2c_neigh *n, int result)
{
	(void)n;
	((struct counts *)arg)->news[result]++;
}

static void
send_type(struct l2c_link *b, struct l2c_link *a, const uint8_t *src,
    const char *type)
{
	uint8_t	f[64];
	size_t	n;
	char	hex[80];

	snprintf(hex, sizeof(hex), "020000000001 %02x%02x%02x%02x%02x%02x %s 00",
	    src[0], src[1], src[2], src[3], src[4], src[5], type);
	n = thex(hex, f, sizeof(f));
	assert_int_equal(l2c_link_send(b, f, n), 0);
	(void)l2c_link_read_batch(a, 0);
}

static void
run(unsigned families, struct counts *out, int own)
{
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_neigh_tab	*tab;
	struct l2c_scan		 s;

	memset(out, 0, sizeof(*out));
	assert_int_equal(l2c_loop_new(&loop), 0);
	assert_int_equal(l2c_link_mem_pair(us, them, &a, &b), 0);
	assert_int_equal(l2c_ctx_init(&ctx, loop, a), 0);
	assert_int_equal(l2c_neigh_new(0, &tab), 0);
	assert_int_equal(l2c_scan_init(&s, &ctx, tab, rows, 2, families), 0);
	s.news = news;
	s.newsarg = out;
	if (families & L2C_SCAN_MIKROTIK)
		assert_int_equal(l2c_scan_probe(&s, 0), L2C_ERR_INJECT);
	else
		assert_int_equal(l2c_scan_probe(&s, 0), L2C_ERR_NOMEM);
	assert_int_equal(l2c_scan_probe_station(&s, them), 0);
	send_type(b, a, them, "88b5");
	send_type(b, a, them, "88b5");
	send_type(b, a, them, "88b6");
	if (own)
		send_type(b, a, us, "88b5");
	l2c_scan_fini(&s);
	/* Unlistened: nothing reaches the rows any more. */
	send_type(b, a, them, "88b5");
	assert_int_equal(l2c_neigh_count(tab), out->rx[0] > 0 ? 1 : 0);
	l2c_ctx_fini(&ctx);
	l2c_link_close(a);
	l2c_link_close(b);
	l2c_loop_free(loop);
	l2c_neigh_free(tab);
}

static void
test_both_rows(void **state)
{
	struct counts	c;

	(void)state;
	run(L2C_SCAN_MIKROTIK | L2C_SCAN_MOP, &c, 1);
	assert_int_equal(c.probes[0], 1);
	assert_int_equal(c.probes[1], 1);	/* tried after a's error */
	assert_int_equal(c.stations[1], 1);
	assert_int_equal(c.rx[0], 2);		/* not our own frame */
	assert_int_equal(c.rx[1], 1);
	/* Every note reaches every row's seen(); news only once. */
	assert_int_equal(c.seen[0], 2);
	assert_int_equal(c.seen[1], 2);
	assert_int_equal(c.news[L2C_NEIGH_NEW], 1);
	assert_int_equal(c.news[L2C_NEIGH_SAME], 0);
}

static void
test_family_selection(void **state)
{
	struct counts	c;

	(void)state;
	run(L2C_SCAN_MOP, &c, 0);
	assert_int_equal(c.probes[0], 0);
	assert_int_equal(c.probes[1], 1);
	assert_int_equal(c.rx[0], 0);
	assert_int_equal(c.rx[1], 1);
	run(L2C_SCAN_MIKROTIK, &c, 0);
	assert_int_equal(c.probes[1], 0);
	assert_int_equal(c.stations[1], 0);
	assert_int_equal(c.rx[1], 0);
	assert_int_equal(c.rx[0], 2);
	assert_int_equal(c.seen[1], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_rows),
		cmocka_unit_test(test_family_selection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
