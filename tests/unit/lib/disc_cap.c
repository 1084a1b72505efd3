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
