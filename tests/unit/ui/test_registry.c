/* SPDX-License-Identifier: ISC */
/*
 * The protocol registry: names, scan rows in order, what a neighbor
 * offers, the words for an end, the names of a neighbor's codes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/neigh.h"
#include "mop/mop_client.h"
#include "ui/console/console.h"
#include "ui/registry.h"

static void
test_find_and_rows(void **state)
{
	const struct l2c_scan_proto	*rows[L2C_REG_MAXSCAN];
	size_t				 n;

	(void)state;
	assert_non_null(l2c_family_find("mikrotik"));
	assert_non_null(l2c_family_find("mop"));
	assert_null(l2c_family_find("telnet"));
	/* The order scan has always asked in: MNDP, MAC-Telnet, MOP. */
	n = l2c_registry_scan_rows(rows, L2C_REG_MAXSCAN);
	assert_int_equal(n, 5);
	assert_string_equal(rows[0]->name, "mndp");
	assert_string_equal(rows[1]->name, "mactelnet");
	assert_string_equal(rows[2]->name, "mop");
	assert_string_equal(rows[3]->name, "cdp");
	assert_string_equal(rows[4]->name, "lldp");
	assert_int_equal(l2c_registry_scan_rows(rows, 1), 1);
}

static void
test_what_a_neighbor_offers(void **state)
{
	const struct l2c_family	*f[4];
	struct l2c_neigh	 n;

	(void)state;
	memset(&n, 0, sizeof(n));
	n.protos = L2C_NP_MNDP | L2C_NP_MOP | L2C_NP_MOP_CONSOLE;
	assert_int_equal(l2c_family_consoles(&n, f, 4), 2);
	assert_ptr_equal(f[0], l2c_family_find("mikrotik"));
	assert_ptr_equal(f[1], l2c_family_find("mop"));
	assert_ptr_equal(l2c_family_pinger(&n), l2c_family_find("mikrotik"));
	/* MOP without the console carrier: no console, MOP loopback. */
	n.protos = L2C_NP_MOP;
	assert_int_equal(l2c_family_consoles(&n, f, 4), 0);
	assert_ptr_equal(l2c_family_pinger(&n), l2c_family_find("mop"));
	assert_ptr_equal(l2c_family_ping_default(),
	    l2c_family_find("mikrotik"));
}

static void
test_console_habits(void **state)
{
	struct l2c_console_opts	co;

	(void)state;
	l2c_console_defaults(&co);
	l2c_family_console_opts(l2c_family_find("mop"), &co);
	assert_true(co.wake);
	assert_true(co.lf_to_cr);
	l2c_family_console_opts(l2c_family_find("mikrotik"), &co);
	assert_false(co.wake);
	/* RouterOS ends a typed line at a bare CR, as IOS does. */
	assert_true(co.lf_to_cr);
}

static void
test_explain(void **state)
{
	struct l2c_sess_conf	 sc;
	struct l2c_sess_end	 e;
	struct l2c_sess_facts	 f;
	char			 line[256];

	(void)state;
	memset(&sc, 0, sizeof(sc));
	sc.peer[5] = 1;
	sc.login = "admin+ct";
	e = (struct l2c_sess_end){ 0, "eth0", &sc, NULL };
	assert_int_equal(l2c_family_explain(l2c_family_find("mikrotik"), &e,
	    line, sizeof(line)), 0);
	e.err = L2C_ERR_AUTH;
	assert_true(l2c_family_explain(l2c_family_find("mikrotik"), &e,
	    line, sizeof(line)) > 0);
	assert_string_equal(line, "login failed for admin on "
	    "00:00:00:00:00:01");
	/* MOP: the session's facts in its words, else the error. */
	memset(&f, 0, sizeof(f));
	f.why = MOP_WHY_RESERVED;
	f.peer[5] = 4;
	f.other[5] = 9;
	e.facts = &f;
	assert_true(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)) > 0);
	assert_string_equal(line, "the console of 00:00:00:00:00:04 is "
	    "reserved by 00:00:00:00:00:09");
	f.why = MOP_WHY_PEERLOST;
	f.timeout_us = 2500000;
	assert_true(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)) > 0);
	assert_string_equal(line, "peer lost: no answer from "
	    "00:00:00:00:00:04 for 2.5 s");
	f.why = MOP_WHY_NOANSWER;
	snprintf(f.ifname, sizeof(f.ifname), "eth3");
	assert_true(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)) > 0);
	assert_string_equal(line, "no answer from 00:00:00:00:00:04 on eth3 "
	    "(no MOP console there, or MOP disabled on its interface)");
	f.why = 0;
	assert_true(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)) > 0);
	assert_string_equal(line, l2c_strerror(L2C_ERR_AUTH));
	e.facts = NULL;
	assert_true(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)) > 0);
	assert_string_equal(line, l2c_strerror(L2C_ERR_AUTH));
	/* A normal end has nothing to say, facts or not. */
	e.err = 0;
	e.facts = &f;
	assert_int_equal(l2c_family_explain(l2c_family_find("mop"), &e, line,
	    sizeof(line)), 0);
}

/* The neighbor's codes in the words of the family that carries them. */
static void
test_names(void **state)
{
	char	buf[128];

	(void)state;
	assert_string_equal(l2c_registry_device_name(1), "DEUNA");
	assert_null(l2c_registry_device_name(13));
	assert_string_equal(l2c_registry_function_name(5), "console carrier");
	assert_null(l2c_registry_function_name(8));
	assert_string_equal(l2c_registry_functions_str(0x0121, buf,
	    sizeof(buf)), "loop, console carrier, bit 8");
	assert_string_equal(l2c_registry_functions_str(0, buf, sizeof(buf)),
	    "none");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_and_rows),
		cmocka_unit_test(test_what_a_neighbor_offers),
		cmocka_unit_test(test_console_habits),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
