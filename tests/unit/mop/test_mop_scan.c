/* SPDX-License-Identifier: ISC */
/*
 * The MOP discovery row over the in-memory link: captured System IDs
 * into the neighbor table, malformed ones handled, probes as built.
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
#include "mop/mop_proto.h"
#include "mop/mop_scan.h"
#include "../lib/capture.h"
#include "../lib/rig.h"

static const uint8_t	us[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xee };
static const uint8_t	them[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0xdd };
/* pydecnet's station and moprc's, in the captures. */
static const uint8_t	pyd[6] = { 0x6e, 0x82, 0x24, 0x2f, 0xd9, 0x4c };
static const uint8_t	moprc[6] = { 0xfa, 0x66, 0x06, 0x04, 0xd9, 0x44 };

static int
setup(void **state)
{
	static const struct l2c_scan_proto *const rows[] = { &mop_scan_proto };
	struct ut_scan	*e = ut_scan_new(us, them, rows, 1, L2C_SCAN_MOP);

	/* A System ID is news (new or changed), never the same again. */
	e->news_ok = 1U << L2C_NEIGH_NEW | 1U << L2C_NEIGH_CHANGED;
	*state = e;
	return 0;
}

static void
inject_hex(struct ut_scan *e, const char *hex)
{
	uint8_t	buf[1600];
	size_t	n = thex(hex, buf, sizeof(buf));

	ut_scan_inject(e, buf, n);
}

/* Frame 3 of the full session: pydecnet's answer while moprc holds it. */
static void
test_captured_reserved(void **state)
{
	struct ut_scan		*e = *state;
	struct tcap		 c;
	struct l2c_neigh	*n;

	tcap_load("moprc135-v_vs_pydecnet-labpatched_full-session.pcapng", &c);
	ut_scan_inject(e, c.f[2].data, c.f[2].len);
	tcap_free(&c);
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	assert_non_null(n = l2c_neigh_find(e->tab, pyd));
	assert_int_equal(n->protos, L2C_NP_MOP | L2C_NP_MOP_CONSOLE |
	    L2C_NP_MOP_RESERVED);
	assert_int_equal(n->mop_functions, 0xe1);
	assert_true(n->have & L2C_NF_CONSOLE_USER);
	assert_memory_equal(n->console_user, moprc, 6);
	assert_int_equal(n->cmd_size, 512);
	assert_int_equal(n->rsp_size, 512);
	assert_memory_equal(n->hwaddr, pyd, 6);
	assert_int_equal(n->device, 9);
	assert_int_equal(n->mop_version[0], 3);
	assert_string_equal(n->str[L2C_NS_SOFTWARE], "DECnet/Python");
	assert_false(n->have & L2C_NF_STR(L2C_NS_IDENTITY));
	assert_int_equal(e->news[L2C_NEIGH_NEW] +
	    e->news[L2C_NEIGH_CHANGED], 1);
	assert_int_equal(e->scan.stats.malformed, 0);
}

/*
 * The periodic multicast System ID (not reserved) after the reserved
 * one: the reservation and its user go, the rest stays.
 */
static void
test_captured_released(void **state)
{
	struct ut_scan		*e = *state;
	struct tcap		 c, p;
	struct l2c_neigh	*n;

	tcap_load("moprc135-v_vs_pydecnet-labpatched_full-session.pcapng", &c);
	tcap_load("moprc135-no-v_vs_pydecnet-labpatched_rejected-sysid-"
	    "misparse.pcapng", &p);
	ut_scan_inject(e, c.f[2].data, c.f[2].len);
	ut_scan_inject(e, p.f[0].data, p.f[0].len);
	tcap_free(&c);
	tcap_free(&p);
	assert_non_null(n = l2c_neigh_find(e->tab, pyd));
	assert_int_equal(n->protos, L2C_NP_MOP | L2C_NP_MOP_CONSOLE);
	assert_int_equal(n->mop_functions, 0x61);
	assert_false(n->have & L2C_NF_CONSOLE_USER);
	assert_int_equal(n->cmd_size, 512);
	assert_int_equal(e->news[L2C_NEIGH_NEW] +
	    e->news[L2C_NEIGH_CHANGED], 2);
	assert_int_equal(n->updates, 2);
}

/* Every frame of every MOP capture: only pydecnet becomes a neighbor. */
static void
test_all_captured(void **state)
{
	static const char *files[] = {
		"moprc135-v_vs_pydecnet-labpatched_full-session.pcapng",
		"moprc135-no-v_vs_pydecnet-labpatched_rejected-sysid-misparse.pcapng",
		"moprc135_vs_pydecnet-stock_reqid-len5-ignored_timeout.pcapng",
	};
	struct ut_scan		*e = *state;
	struct tcap		 c;
	size_t			 i, j;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		tcap_load(files[i], &c);
		for (j = 0; j < c.n; j++)
			ut_scan_inject(e, c.f[j].data, c.f[j].len);
		tcap_free(&c);
	}
	/* moprc's Request IDs, reservations and polls name no neighbor. */
	assert_int_equal(l2c_neigh_count(e->tab), 1);
	assert_non_null(l2c_neigh_find(e->tab, pyd));
	assert_null(l2c_neigh_find(e->tab, moprc));
	assert_int_equal(e->scan.stats.malformed, 0);
	assert_true(e->scan.stats.rx > 10);
}

/*
 * Broken System IDs: an entry running past the message, a truncated
 * header, zero lengths, unknown types.  No crash, nothing misread.
 */
static void
test_malformed(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;

	/* Functions entry says 6 bytes, message ends after 2: MOP, no fields. */
	inject_hex(e, "ab0000020000 020000000001 6002 0900 07 00 0000"
	    " 0200 06 2100");
	assert_non_null(n = l2c_neigh_find(e->tab, ut_sta[1]));
	assert_int_equal(n->protos, L2C_NP_MOP);
	assert_int_equal(n->have, 0);
	assert_int_equal(e->scan.stats.malformed, 1);

	/* Zero-length and unknown entries skipped; the known one read. */
	inject_hex(e, "ab0000020000 020000000002 6002 1500 07 00 0000"
	    " 0500 00 | 3412 03 aabbcc | 0200 02 2000 | 0600 00");
	assert_non_null(n = l2c_neigh_find(e->tab, ut_sta[2]));
	assert_int_equal(n->protos, L2C_NP_MOP | L2C_NP_MOP_CONSOLE);
	assert_int_equal(n->mop_functions, 0x20);
	assert_false(n->have & (L2C_NF_CMD_SIZE | L2C_NF_RSP_SIZE));

	/* The MOP length word says more than the frame holds: not MOP. */
	inject_hex(e, "ab0000020000 020000000003 6002 ff00 07 00 0000");
	assert_null(l2c_neigh_find(e->tab, ut_sta[3]));
	/* A length word of zero, and an unknown code. */
	inject_hex(e, "ab0000020000 020000000003 6002 0000 07");
	inject_hex(e, "ab0000020000 020000000003 6002 0100 63");
	assert_null(l2c_neigh_find(e->tab, ut_sta[3]));
	assert_int_equal(e->scan.stats.malformed, 4);
	/* Not MOP at all: the filter keeps it out. */
	inject_hex(e, "ab0000020000 020000000003 6003 0400 07 00 0000");
	assert_int_equal(e->scan.stats.rx, 5);
	assert_int_equal(l2c_neigh_count(e->tab), 2);
}

/* SNAP-framed System IDs count too (no MOP length word there). */
static void
test_snap(void **state)
{
	struct ut_scan		*e = *state;
	struct l2c_neigh	*n;
	static const uint8_t	 s1[6] = { 0x02, 0, 0, 0, 0, 0x05 };

	inject_hex(e, "ab0000020000 020000000005 0010 aaaa03 08002b 6002"
	    " 07 00 0000 0200 01 21");
	assert_non_null(n = l2c_neigh_find(e->tab, s1));
	assert_int_equal(n->protos, L2C_NP_MOP | L2C_NP_MOP_CONSOLE);
}

/* A System ID from our own MAC (looped back) is not a neighbor. */
static void
test_own_frames(void **state)
{
	struct ut_scan	*e = *state;

	inject_hex(e, "ab0000020000 024c324300ee 6002 0700 07 00 0000"
	    " 0200 01 21");
	assert_int_equal(l2c_neigh_count(e->tab), 0);
}

static void
sent_reqid(struct ut_scan *e, size_t i, const uint8_t *dst, size_t form)
{
	const uint8_t	*p;
	size_t		 len;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;

	assert_true((len = l2c_link_mem_sent(e->p.a, i, &p)) > 0);
	assert_int_equal(l2c_frame_parse(p, len, &pkt), 0);
	assert_memory_equal(pkt.dst, dst, 6);
	assert_memory_equal(pkt.src, us, 6);
	assert_int_equal(mop_parse_pkt(&pkt, &m), 0);
	assert_int_equal(m.code, MOP_REQUEST_ID);
	assert_int_equal(m.len, form);
	assert_int_equal(m.u.reqid.receipt, e->scan.cookie);
}

/* Request ID: the spec's form first, moprc's next; both to a station. */
static void
test_probes(void **state)
{
	struct ut_scan	*e = *state;
	const uint8_t	*p;

	assert_int_equal(l2c_scan_probe(&e->scan, 0), 0);
	assert_int_equal(l2c_scan_probe(&e->scan, 1), 0);
	assert_int_equal(l2c_scan_probe_station(&e->scan, pyd), 0);
	sent_reqid(e, 0, mop_mcast_console, MOP_REQID_SPEC);
	sent_reqid(e, 1, mop_mcast_console, MOP_REQID_MOPRC);
	sent_reqid(e, 2, pyd, MOP_REQID_SPEC);
	sent_reqid(e, 3, pyd, MOP_REQID_MOPRC);
	assert_int_equal(l2c_link_mem_sent(e->p.a, 4, &p), 0);
	assert_int_equal(e->scan.stats.probes, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_captured_reserved,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_captured_released,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_all_captured,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_snap, setup,
		    ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_own_frames,
		    setup, ut_scan_teardown),
		cmocka_unit_test_setup_teardown(test_probes, setup,
		    ut_scan_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
