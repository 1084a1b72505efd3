/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MNDP announcement parser.  Input: one whole
 * Ethernet frame (its UDP payload is parsed); anything that is not an
 * IPv4/UDP frame is parsed as a raw UDP payload.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/frame.h"
#include "mac/mndp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_str(const char *s)
{
	size_t	i, n = strnlen(s, MNDP_STR_MAX);

	if (n >= MNDP_STR_MAX)
		__builtin_trap();
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt		pkt;
	struct mndp_info	mi;

	if (l2c_frame_parse(data, len, &pkt) == 0 && pkt.udp_ok) {
		data = pkt.udata;
		len = pkt.ulen;
	}
	(void)mndp_parse(data, len, &mi);
	/* Filled in or not, every string is ended and printable. */
	check_str(mi.identity);
	check_str(mi.version);
	check_str(mi.platform);
	check_str(mi.softid);
	check_str(mi.board);
	check_str(mi.ifname);
	(void)mndp_is_request(data, len);
	return 0;
}
