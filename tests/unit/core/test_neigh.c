/* SPDX-License-Identifier: ISC */
/* The neighbor table: merging field by field, news, addresses, scale. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/neigh.h"

static const uint8_t	mac1[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	mac2[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };

static void
mac_of(unsigned i, uint8_t *mac)
{
	mac[0] = 0x02;
	mac[1] = 0x00;
	mac[2] = (uint8_t)(i >> 24);
	mac[3] = (uint8_t)(i >> 16);
	mac[4] = (uint8_t)(i >> 8);
	mac[5] = (uint8_t)i;
}

static void
test_new_then_same(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_neigh	*n;
	uint64_t		 gen;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_MNDP;
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "router1", 7);
	l2c_neigh_upd_str(&u, L2C_NS_PLATFORM, "MikroTik", 8);
	u.f.uptime_s = 100;
	u.f.have |= L2C_NF_UPTIME;
	l2c_neigh_upd_ipv4(&u, (const uint8_t *)"\xc0\x00\x02\x01");
	assert_int_equal(l2c_neigh_update(t, &u, 1000, &n), L2C_NEIGH_NEW);
	assert_non_null(n);
	assert_memory_equal(n->mac, mac1, 6);
	assert_string_equal(n->str[L2C_NS_IDENTITY], "router1");
	assert_string_equal(n->str[L2C_NS_PLATFORM], "MikroTik");
	assert_true(n->have & L2C_NF_STR(L2C_NS_IDENTITY));
	assert_false(n->have & L2C_NF_STR(L2C_NS_BOARD));
	assert_int_equal(n->uptime_s, 100);
	assert_int_equal(n->nipv4, 1);
	assert_int_equal(n->protos, L2C_NP_MNDP);
	assert_int_equal(n->first_us, 1000);
	assert_int_equal(n->last_us, 1000);
	assert_true(n->first_wall_us > 0);
	gen = l2c_neigh_gen(t);
	assert_int_equal(n->gen, gen);

	/* The same again: last seen moves, no news. */
	assert_int_equal(l2c_neigh_update(t, &u, 2000, NULL), L2C_NEIGH_SAME);
	assert_int_equal(l2c_neigh_gen(t), gen);
	assert_int_equal(n->first_us, 1000);
	assert_int_equal(n->last_us, 2000);
	assert_true(n->last_wall_us >= n->first_wall_us);
	assert_int_equal(n->updates, 2);

	/* Uptime moving is not news, but it is recorded. */
	u.f.uptime_s = 130;
	assert_int_equal(l2c_neigh_update(t, &u, 3000, NULL), L2C_NEIGH_SAME);
	assert_int_equal(n->uptime_s, 130);
	assert_int_equal(n->uptime_us, 3000);

	/* An older frame never moves last seen back. */
	assert_int_equal(l2c_neigh_update(t, &u, 1500, NULL), L2C_NEIGH_SAME);
	assert_int_equal(n->last_us, 3000);

	/* A new identity is. */
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "router2", 7);
	assert_int_equal(l2c_neigh_update(t, &u, 4000, NULL),
	    L2C_NEIGH_CHANGED);
	assert_string_equal(n->str[L2C_NS_IDENTITY], "router2");
	assert_true(l2c_neigh_gen(t) > gen);
	assert_int_equal(n->gen, l2c_neigh_gen(t));
	assert_int_equal(l2c_neigh_count(t), 1);
	l2c_neigh_free(t);
}

/* MNDP and MOP for one MAC meet in one record; neither erases the other. */
static void
test_merge_field_by_field(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 a, b;
	struct l2c_neigh	*n;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&a, mac1);
	a.f.protos = L2C_NP_MNDP;
	l2c_neigh_upd_str(&a, L2C_NS_IDENTITY, "core-sw", 7);
	l2c_neigh_upd_str(&a, L2C_NS_VERSION, "7.15", 4);
	assert_int_equal(l2c_neigh_update(t, &a, 10, NULL), L2C_NEIGH_NEW);

	l2c_neigh_upd_init(&b, mac1);
	b.f.protos = L2C_NP_MOP | L2C_NP_MOP_CONSOLE;
	b.pmask = L2C_NP_MOP_CONSOLE | L2C_NP_MOP_RESERVED;
	b.f.mop_functions = 0x21;
	b.f.cmd_size = 512;
	b.f.have = L2C_NF_MOP_FUNCTIONS | L2C_NF_CMD_SIZE;
	l2c_neigh_upd_str(&b, L2C_NS_SOFTWARE, "IOS", 3);
	assert_int_equal(l2c_neigh_update(t, &b, 20, &n), L2C_NEIGH_CHANGED);
	assert_int_equal(n->protos, L2C_NP_MNDP | L2C_NP_MOP |
	    L2C_NP_MOP_CONSOLE);
	assert_string_equal(n->str[L2C_NS_IDENTITY], "core-sw");
	assert_string_equal(n->str[L2C_NS_VERSION], "7.15");
	assert_string_equal(n->str[L2C_NS_SOFTWARE], "IOS");
	assert_int_equal(n->mop_functions, 0x21);
	assert_int_equal(n->cmd_size, 512);

	/* Reserved by someone: the bit and the user appear... */
	b.f.protos |= L2C_NP_MOP_RESERVED;
	memcpy(b.f.console_user, mac2, 6);
	b.f.have |= L2C_NF_CONSOLE_USER;
	assert_int_equal(l2c_neigh_update(t, &b, 30, NULL), L2C_NEIGH_CHANGED);
	assert_true(n->protos & L2C_NP_MOP_RESERVED);
	assert_memory_equal(n->console_user, mac2, 6);
	/* ...and go when released, MNDP untouched. */
	b.f.protos &= ~(uint32_t)L2C_NP_MOP_RESERVED;
	b.f.have &= ~(uint32_t)L2C_NF_CONSOLE_USER;
	b.clear = L2C_NF_CONSOLE_USER;
	assert_int_equal(l2c_neigh_update(t, &b, 40, NULL), L2C_NEIGH_CHANGED);
	assert_false(n->protos & L2C_NP_MOP_RESERVED);
	assert_false(n->have & L2C_NF_CONSOLE_USER);
	assert_true(n->protos & L2C_NP_MNDP);
	/* Clearing what is already gone is no news. */
	assert_int_equal(l2c_neigh_update(t, &b, 50, NULL), L2C_NEIGH_SAME);
	l2c_neigh_free(t);
}

static void
test_strings_from_wire(void **state)
{
	struct l2c_neigh_upd	u;
	char			long_id[300];

	(void)state;
	l2c_neigh_upd_init(&u, mac1);
	/* Not NUL-terminated on the wire: only len bytes count. */
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "abcdef", 3);
	assert_string_equal(u.f.str[L2C_NS_IDENTITY], "abc");
	/* An embedded NUL ends the string. */
	l2c_neigh_upd_str(&u, L2C_NS_BOARD, "ab\0cd", 5);
	assert_string_equal(u.f.str[L2C_NS_BOARD], "ab");
	/* Empty is known and empty. */
	l2c_neigh_upd_str(&u, L2C_NS_VERSION, "", 0);
	assert_true(u.f.have & L2C_NF_STR(L2C_NS_VERSION));
	assert_string_equal(u.f.str[L2C_NS_VERSION], "");
	/* Too long: cut to fit, terminated. */
	memset(long_id, 'x', sizeof(long_id));
	l2c_neigh_upd_str(&u, L2C_NS_SOFTWARE, long_id, sizeof(long_id));
	assert_int_equal(strlen(u.f.str[L2C_NS_SOFTWARE]),
	    L2C_NEIGH_STRLEN - 1);
	/* Out of range index: ignored. */
	l2c_neigh_upd_str(&u, L2C_NS_COUNT, "x", 1);
}

static void
test_addresses(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_neigh	*n;
	uint8_t			 a[4] = { 10, 0, 0, 0 }, v6[16];
	int			 i;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, mac1);
	l2c_neigh_upd_ipv4(&u, a);
	assert_int_equal(l2c_neigh_update(t, &u, 1, &n), L2C_NEIGH_NEW);
	/* The same address again: no news, no duplicate. */
	assert_int_equal(l2c_neigh_update(t, &u, 2, NULL), L2C_NEIGH_SAME);
	assert_int_equal(n->nipv4, 1);
	/* More than fit: the oldest goes. */
	for (i = 1; i <= L2C_NEIGH_MAXADDR; i++) {
		l2c_neigh_upd_init(&u, mac1);
		a[3] = (uint8_t)i;
		l2c_neigh_upd_ipv4(&u, a);
		assert_int_equal(l2c_neigh_update(t, &u, 3, NULL),
		    L2C_NEIGH_CHANGED);
	}
	assert_int_equal(n->nipv4, L2C_NEIGH_MAXADDR);
	assert_int_equal(n->ipv4[0][3], 1);
	assert_int_equal(n->ipv4[L2C_NEIGH_MAXADDR - 1][3], L2C_NEIGH_MAXADDR);
	/* An update never holds more than fit. */
	l2c_neigh_upd_init(&u, mac1);
	memset(v6, 0, sizeof(v6));
	for (i = 0; i < 10; i++) {
		v6[15] = (uint8_t)i;
		l2c_neigh_upd_ipv6(&u, v6);
	}
	assert_int_equal(u.f.nipv6, L2C_NEIGH_MAXADDR);
	assert_int_equal(l2c_neigh_update(t, &u, 4, NULL), L2C_NEIGH_CHANGED);
	assert_int_equal(n->nipv6, L2C_NEIGH_MAXADDR);
	l2c_neigh_free(t);
}

/*
 * Holds: a protocol's bits and fields go when its TTL runs out (fields
 * another hold covers stay); nothing left: gone, counted out, back as
 * new.  A hold already due lets go at once.
 */
static void
test_holds(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_neigh	*n;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_CDP;
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "sw", 2);
	l2c_neigh_upd_str(&u, L2C_NS_PORT, "Gi0/1", 5);
	u.hold.protos = L2C_NP_CDP;
	u.hold.fields = u.f.have;
	u.hold.until_us = 100;
	assert_int_equal(l2c_neigh_update(t, &u, 10, &n), L2C_NEIGH_NEW);
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_LLDP;
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "sw", 2);
	l2c_neigh_upd_str(&u, L2C_NS_CHASSIS, "c", 1);
	u.hold.protos = L2C_NP_LLDP;
	u.hold.fields = u.f.have;
	u.hold.until_us = 200;
	assert_int_equal(l2c_neigh_update(t, &u, 20, NULL), L2C_NEIGH_CHANGED);
	assert_int_equal(l2c_neigh_expire(t, 99, NULL, NULL), 100);
	assert_int_equal(l2c_neigh_expire(t, 100, NULL, NULL), 200);
	/* CDP went: its port; the identity LLDP holds too stays. */
	assert_int_equal(n->protos, L2C_NP_LLDP);
	assert_false(n->have & L2C_NF_STR(L2C_NS_PORT));
	assert_string_equal(n->str[L2C_NS_IDENTITY], "sw");
	/* LLDP's goodbye: a hold already due. */
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_LLDP;
	u.hold.protos = L2C_NP_LLDP;
	u.hold.until_us = 30;
	assert_int_equal(l2c_neigh_update(t, &u, 30, NULL), L2C_NEIGH_GONE);
	assert_false(l2c_neigh_live(n));
	assert_int_equal(l2c_neigh_count(t), 0);
	assert_false(n->have & L2C_NF_STR(L2C_NS_IDENTITY));
	/* Any update brings it back, as new. */
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_MNDP;
	assert_int_equal(l2c_neigh_update(t, &u, 40, NULL), L2C_NEIGH_NEW);
	assert_int_equal(l2c_neigh_count(t), 1);
	l2c_neigh_free(t);
}

/* Unknown TLVs: per protocol, replaced by the next update, bounded. */
static void
test_unknown_tlvs(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_neigh	*n;
	uint8_t			 b[40];
	unsigned		 i;

	(void)state;
	memset(b, 0x5a, sizeof(b));
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_MNDP;
	l2c_neigh_upd_unknown(&u, L2C_NP_MNDP, 18, 1, b, 1);
	l2c_neigh_upd_unknown(&u, L2C_NP_MNDP, 19, sizeof(b), b, sizeof(b));
	assert_int_equal(l2c_neigh_update(t, &u, 1, &n), L2C_NEIGH_NEW);
	assert_int_equal(n->nunk, 2);
	assert_int_equal(n->unk[1].len, sizeof(b));
	assert_int_equal(n->unk[1].nbytes, L2C_NEIGH_UNKBYTES);
	/* The same again: no news. */
	assert_int_equal(l2c_neigh_update(t, &u, 2, NULL), L2C_NEIGH_SAME);
	/* Another protocol's are added, not mixed in. */
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_CDP;
	l2c_neigh_upd_unknown(&u, L2C_NP_CDP, 0x7f01, 1, b, 1);
	assert_int_equal(l2c_neigh_update(t, &u, 3, NULL), L2C_NEIGH_CHANGED);
	assert_int_equal(n->nunk, 3);
	assert_int_equal(n->unk[2].proto, L2C_NP_CDP);
	/* MNDP now sends none: its go, CDP's stay. */
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_MNDP;
	u.f.have |= L2C_NF_UNKNOWN;
	assert_int_equal(l2c_neigh_update(t, &u, 4, NULL), L2C_NEIGH_CHANGED);
	assert_int_equal(n->nunk, 1);
	assert_int_equal(n->unk[0].type, 0x7f01);
	/* Bounded. */
	l2c_neigh_upd_init(&u, mac1);
	u.f.protos = L2C_NP_MNDP;
	for (i = 0; i < 20; i++)
		l2c_neigh_upd_unknown(&u, L2C_NP_MNDP, (uint16_t)(20 + i), 1,
		    b, 1);
	assert_int_equal(u.f.nunk, L2C_NEIGH_NUNK);
	(void)l2c_neigh_update(t, &u, 5, NULL);
	assert_int_equal(n->nunk, L2C_NEIGH_NUNK);
	l2c_neigh_free(t);
}

/* Thousands of stations: all found, pointers stable, sorted by MAC. */
static void
test_scale(void **state)
{
	struct l2c_neigh_tab	 *t;
	struct l2c_neigh_upd	  u;
	struct l2c_neigh	 *first, *n;
	const struct l2c_neigh	**l;
	uint8_t			  mac[6];
	unsigned		  i, count = 5000;

	(void)state;
	assert_int_equal(l2c_neigh_new(0, &t), 0);
	for (i = 0; i < count; i++) {
		/* Inserted in a scrambled order. */
		mac_of((i * 7919u) % count, mac);
		l2c_neigh_upd_init(&u, mac);
		u.f.protos = L2C_NP_MOP;
		assert_int_equal(l2c_neigh_update(t, &u, i, &n),
		    L2C_NEIGH_NEW);
		if (i == 0)
			first = n;
	}
	assert_int_equal(l2c_neigh_count(t), count);
	assert_ptr_equal(l2c_neigh_at(t, 0), first);
	assert_null(l2c_neigh_at(t, count));
	for (i = 0; i < count; i++) {
		mac_of(i, mac);
		assert_non_null(n = l2c_neigh_find(t, mac));
		assert_memory_equal(n->mac, mac, 6);
	}
	mac_of(count, mac);
	assert_null(l2c_neigh_find(t, mac));
	assert_int_equal(l2c_neigh_sorted(t, &l), (int)count);
	for (i = 0; i < count; i++) {
		mac_of(i, mac);
		assert_memory_equal(l[i]->mac, mac, 6);
	}
	assert_null(l[count]);
	free(l);
	l2c_neigh_free(t);
}

/* A flood of spoofed MACs stops at the limit, counted. */
static void
test_limit(void **state)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	uint8_t			 mac[6];
	unsigned		 i;

	(void)state;
	assert_int_equal(l2c_neigh_new(10, &t), 0);
	for (i = 0; i < 10; i++) {
		mac_of(i, mac);
		l2c_neigh_upd_init(&u, mac);
		assert_int_equal(l2c_neigh_update(t, &u, i, NULL),
		    L2C_NEIGH_NEW);
	}
	mac_of(10, mac);
	l2c_neigh_upd_init(&u, mac);
	assert_int_equal(l2c_neigh_update(t, &u, 11, NULL), L2C_ERR_NOSPACE);
	assert_int_equal(l2c_neigh_dropped(t), 1);
	assert_null(l2c_neigh_find(t, mac));
	/* Known stations still update. */
	mac_of(3, mac);
	l2c_neigh_upd_init(&u, mac);
	l2c_neigh_upd_str(&u, L2C_NS_IDENTITY, "x", 1);
	assert_int_equal(l2c_neigh_update(t, &u, 12, NULL), L2C_NEIGH_CHANGED);
	assert_int_equal(l2c_neigh_count(t), 10);
	l2c_neigh_free(t);
	l2c_neigh_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_then_same),
		cmocka_unit_test(test_merge_field_by_field),
		cmocka_unit_test(test_strings_from_wire),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_holds),
		cmocka_unit_test(test_unknown_tlvs),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
