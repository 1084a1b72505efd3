/*
 * libFuzzer target: the MNDP announcement parser.  Input: one Ethernet
 * frame (its UDP payload is parsed), or else the input as a payload.
 * Every string must come out NUL-ended, shorter than MNDP_STR_MAX and
 * free of control characters.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/frame.h"
#include "mac/mndp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
clean(const char *s)
{
	size_t	i, n = strnlen(s, MNDP_STR_MAX);

	if (n >= MNDP_STR_MAX)
		__builtin_trap();
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			__builtin_trap();
}

static void
one(const uint8_t *p, size_t len)
{
	struct mndp_info	mi;

	(void)mndp_is_request(p, len);
	memset(&mi, 0x55, sizeof(mi));
	(void)mndp_parse(p, len, &mi);
	clean(mi.identity);
	clean(mi.version);
	clean(mi.platform);
	clean(mi.softid);
	clean(mi.board);
	clean(mi.ifname);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt	pkt;

	if (l2c_frame_parse(data, len, &pkt) == 0 && pkt.udp_ok)
		one(pkt.udata, pkt.ulen);
	else
		one(data, len);
	return 0;
}
