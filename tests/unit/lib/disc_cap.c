/* SPDX-License-Identifier: ISC */
/* Capture walks and the Cisco 3560 capture's constants, for the disc tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/frame.h"
#include "disc/disc.h"
#include "capture.h"
#include "disc_cap.h"

const char cisco3560_ios[] =
    "Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), "
    "Version 12.2(44)SE, RELEASE SOFTWARE (fc1)\n"
    "Copyright (c) 1986-2008 by Cisco Systems, Inc.\n"
    "Compiled Sat 05-Jan-08 00:15 by weiliu";

const uint8_t	cisco3560_s1_mac[6] = { 0x00, 0x18, 0xba, 0x98, 0x68, 0x8f };
const uint8_t	cisco3560_s2_mac[6] = { 0x00, 0x19, 0x2f, 0xa7, 0xb2, 0x8d };

size_t
cisco3560_payload(size_t i, uint8_t *out, size_t cap)
{
	struct tcap	c;
	struct l2c_pkt	pkt;
	size_t		n;

	tcap_load(CISCO3560, &c);
	if (i >= c.n || l2c_frame_parse(c.f[i].data, c.f[i].len, &pkt) != 0 ||
	    pkt.plen > cap)
		abort();
	n = pkt.plen;
	memcpy(out, pkt.payload, n);
	tcap_free(&c);
	return n;
}

size_t
cisco3560_frame(size_t i, uint8_t *out, size_t cap)
{
	struct tcap	c;
	size_t		n;

	tcap_load(CISCO3560, &c);
	assert_true(i < c.n && c.f[i].len <= cap);
	n = c.f[i].len;
	memcpy(out, c.f[i].data, n);
	tcap_free(&c);
	return n;
}

int
disc_frame_try(const uint8_t *f, size_t n,
    int (*decode)(const struct l2c_pkt *, struct disc_info *))
{
	struct l2c_pkt		pkt;
	struct disc_info	di;

	assert_int_equal(l2c_frame_parse(f, n, &pkt), 0);
	return decode(&pkt, &di);
}

void
disc_want_addr(const struct disc_info *di, size_t i, int kind, int family,
    const uint8_t *addr, size_t alen)
{
	assert_true(i < di->naddrs);
	assert_int_equal(di->addrs[i].kind, kind);
	assert_int_equal(di->addrs[i].family, family);
	assert_memory_equal(di->addrs[i].addr, addr, alen);
}

void
disc_want_unknown(const struct disc_info *di, size_t i, uint16_t type,
    uint16_t len, const void *bytes, size_t n)
{
	assert_true(i < di->nunknown);
	assert_int_equal(di->unknown[i].type, type);
	assert_int_equal(di->unknown[i].len, len);
	assert_int_equal(di->unknown[i].nbytes,
	    len < DISC_UNK_BYTES ? len : DISC_UNK_BYTES);
	if (n > 0)
		assert_memory_equal(di->unknown[i].bytes, bytes, n);
}

size_t
disc_walk(const char *file, int (*is)(const struct l2c_pkt *),
    int (*decode)(const struct l2c_pkt *, struct disc_info *),
    void (*check)(const struct l2c_pkt *, const struct disc_info *, size_t))
{
	struct tcap		 c;
	struct l2c_pkt		 pkt;
	struct disc_info	 di;
	size_t			 i, n = 0;

	tcap_load(file, &c);
	for (i = 0; i < c.n; i++) {
		assert_int_equal(l2c_frame_parse(c.f[i].data, c.f[i].len,
		    &pkt), 0);
		if (!is(&pkt)) {
			assert_int_equal(decode(&pkt, &di), L2C_ERR_PROTO);
			continue;
		}
		assert_int_equal(decode(&pkt, &di), 0);
		check(&pkt, &di, i);
		n++;
	}
	tcap_free(&c);
	return n;
}

int
cisco3560_which(const struct l2c_pkt *pkt)
{
	if (memcmp(pkt->src, cisco3560_s1_mac, 6) == 0)
		return 0;
	assert_memory_equal(pkt->src, cisco3560_s2_mac, 6);
	return 1;
}
