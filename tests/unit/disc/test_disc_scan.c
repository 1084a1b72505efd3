/* SPDX-License-Identifier: ISC */
/*
 * The CDP and LLDP scan rows over the in-memory link: the Cisco and
 * lldpd captures into the neighbor table, one record per sender, held
 * for the TTL and gone after it; LLDP's TTL 0 lets go at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "disc/cdp.h"
#include "disc/disc_scan.h"
#include "../lib/capture.h"
#include "../lib/rig.h"
#include "../lib/disc_cap.h"

#define LLDPD	"lldpd1016-cdpv2-lldp-shutdown.pcapng"

static const uint8_t	us[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xee };
static const uint8_t	them[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xdd };
static const uint8_t	lab_sw1[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x11 };

static int
setup(void **state)
{
	static const struct l2c_scan_proto *const rows[] = {
		&cdp_scan_proto, &lldp_scan_proto,
	};

	*state = ut_scan_new(us, them, rows, 2, L2C_SCAN_CDP | L2C_SCAN_LLDP);
	return 0;
}

/* Every frame of a capture, as the far side sends them. */
static void
inject_all(struct ut_scan *e, const char *file, size_t upto)
{
	struct tcap	c;
	size_t		i;

	tcap_load(file, &c);
	for (i = 0; i < c.n && i < upto; i++) {
		ut_scan_inject(e, c.f[i].data, c.f[i].len);
	}
	tcap_free(&c);
}

/*
 * The two Catalysts: one record each, CDP and LLDP merged.  Where both
 * say a thing, CDP's word stays (no flip from "S1" to "S1.cisco.com").
 */
static void
test_cisco(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;
	int			 i;

	inject_all(e, CISCO3560, 100);
	assert_int_equal(l2c_neigh_count(e->tab), 2);
	for (i = 0; i < 2; i++) {
		n = l2c_neigh_find(e->tab,
		    i ? cisco3560_s2_mac : cisco3560_s1_mac);
		assert_non_null(n);
		assert_int_equal(n->protos, L2C_NP_CDP | L2C_NP_LLDP);
		assert_string_equal(n->str[L2C_NS_IDENTITY], i ? "S2" : "S1");
		assert_string_equal(n->str[L2C_NS_PORT],
		    i ? "GigabitEthernet0/13" : "FastEthernet0/13");
		assert_string_equal(n->str[L2C_NS_PORT_DESCR],
		    i ? "GigabitEthernet0/13" : "FastEthernet0/13");
		assert_string_equal(n->str[L2C_NS_PLATFORM],
		    i ? "cisco WS-C3560G-24PS" : "cisco WS-C3560-24TS");
		assert_string_equal(n->str[L2C_NS_CHASSIS],
		    i ? "00:19:2f:a7:b2:8d" : "00:18:ba:98:68:8f");
		assert_string_equal(n->str[L2C_NS_CAPS], "switch, IGMP");
		assert_int_equal(strncmp(n->str[L2C_NS_DESCR], cisco3560_ios,
		    L2C_NEIGH_STRLEN - 1), 0);
		assert_true(n->have & L2C_NF_VLAN);
		assert_int_equal(n->vlan, 1);
		assert_int_equal(n->nipv4, 1);
		/* Hello, trust, CoS, power: named types, not unknown ones. */
		assert_int_equal(n->nunk, 0);
	}
	/* Two new, then changed only while the first LLDP added fields. */
	assert_int_equal(e->news[L2C_NEIGH_NEW], 2);
	assert_int_equal(e->news[L2C_NEIGH_CHANGED], 2);
	assert_int_equal(e->news[L2C_NEIGH_GONE], 0);
	assert_int_equal(e->scan.stats.rx, 12);
	assert_int_equal(e->scan.stats.malformed, 0);
}

/* The link-aggregation frames are malformed: counted, not a neighbor. */
static void
test_malformed(void **state)
{
	struct ut_scan	*e = *state;

	inject_all(e, "lldp-8021-linkagg_tcpdump-tests.pcap", 100);
	assert_int_equal(l2c_neigh_count(e->tab), 0);
	assert_int_equal(e->scan.stats.malformed, 2);
}

/*
 * lldpd: CDP (TTL 8) and LLDP (TTL 8) merged; the LLDP goodbye lets
 * LLDP go at once, CDP holds until its TTL runs out, then the record is
 * gone; a new frame brings it back as new.
 */
static void
test_lldpd_ttl(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;
	uint64_t		 next;

	inject_all(e, LLDPD, 6);
	assert_non_null(n = l2c_neigh_find(e->tab, lab_sw1));
	assert_int_equal(n->protos, L2C_NP_CDP | L2C_NP_LLDP);
	assert_string_equal(n->str[L2C_NS_IDENTITY], "lab-sw1");
	assert_string_equal(n->str[L2C_NS_PORT], "eth0");
	assert_string_equal(n->str[L2C_NS_PORT_DESCR], "eth0");
	assert_string_equal(n->str[L2C_NS_PLATFORM], "l2c-lab");
	assert_string_equal(n->str[L2C_NS_CHASSIS], "02:4c:32:43:00:11");
	assert_true(n->have & L2C_NF_STR(L2C_NS_PORT_DESCR));
	/* Frame 7: TTL 0, news at once. */
	e->news[L2C_NEIGH_CHANGED] = 0;
	inject_all(e, LLDPD, 7);
	assert_int_equal(e->news[L2C_NEIGH_CHANGED], 1);
	assert_int_equal(n->protos, L2C_NP_CDP);
	assert_false(n->have & L2C_NF_STR(L2C_NS_PORT_DESCR));
	assert_false(n->have & L2C_NF_STR(L2C_NS_CHASSIS));
	assert_string_equal(n->str[L2C_NS_IDENTITY], "lab-sw1");
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	/* CDP's TTL: 8 s after its last frame. */
	next = l2c_neigh_expire(e->tab, n->last_us, NULL, NULL);
	assert_true(next > n->last_us);
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	e->news[L2C_NEIGH_GONE] = 0;
	next = l2c_neigh_expire(e->tab, next, e->scan.news, e);
	assert_int_equal(next, 0);
	assert_int_equal(e->news[L2C_NEIGH_GONE], 1);
	assert_int_equal(l2c_neigh_count(e->tab), 0);
	assert_false(l2c_neigh_live(n));
	assert_false(n->have & L2C_NF_STR(L2C_NS_IDENTITY));
	/* Back. */
	e->news[L2C_NEIGH_NEW] = 0;
	inject_all(e, LLDPD, 2);
	assert_int_equal(e->news[L2C_NEIGH_NEW], 1);
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	assert_true(l2c_neigh_live(n));
}

/* A CDP type nobody names is kept in the record, bytes and all. */
static void
test_unknown_kept(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;
	uint8_t			 f[64], *p;
	uint16_t		 ck;

	memset(f, 0, sizeof(f));
	memcpy(f, "\x01\x00\x0c\xcc\xcc\xcc", 6);
	memcpy(f + 6, them, 6);
	f[13] = 8 + 4 + 6 + 6;			/* 802.3 length */
	memcpy(f + 14, "\xaa\xaa\x03\x00\x00\x0c\x20\x00", 8);
	p = f + 22;
	memcpy(p, "\x02\xb4\x00\x00" "\x00\x01\x00\x06" "r1"
	    "\x7f\x01\x00\x06" "\xde\xad", 16);
	ck = cdp_cksum(p, 16);
	p[2] = (uint8_t)(ck >> 8);
	p[3] = (uint8_t)ck;
	assert_int_equal(l2c_link_send(e->p.b, f, 60), 0);
	(void)l2c_link_read_batch(e->p.a, 0);
	assert_non_null(n = l2c_neigh_find(e->tab, them));
	assert_string_equal(n->str[L2C_NS_IDENTITY], "r1");
	assert_int_equal(n->nunk, 1);
	assert_int_equal(n->unk[0].proto, L2C_NP_CDP);
	assert_int_equal(n->unk[0].type, 0x7f01);
	assert_int_equal(n->unk[0].len, 2);
	assert_memory_equal(n->unk[0].bytes, "\xde\xad", 2);
}

/* A goodbye from a stranger leaves no record to show. */
static void
test_goodbye_stranger(void **state)
{
	struct ut_scan	*e = *state;
	struct tcap	c;

	tcap_load(LLDPD, &c);
	assert_int_equal(l2c_link_send(e->p.b, c.f[6].data, c.f[6].len), 0);
	(void)l2c_link_read_batch(e->p.a, 0);
	tcap_free(&c);
	assert_int_equal(l2c_neigh_count(e->tab), 0);
	assert_int_equal(e->news[L2C_NEIGH_NEW], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cisco, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_lldpd_ttl, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_goodbye_stranger, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_kept, setup,
		    ut_scan_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
