/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's small helpers, for all its files: the
 * random source, log-safe copies of a peer's strings, and the rate
 * limit.  It calls none of the server's other files.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/random.h"
#include "mac/mt_srv_int.h"

const char *const mts_method_name[] = { "none", "EC-SRP5", "MD5" };

int
mts_rng(struct mt_server *srv, uint8_t *p, size_t len)
{
	if (srv->conf.rng != NULL)
		return srv->conf.rng(srv->conf.rng_arg, p, len);
	return l2c_random(p, len);
}

/* A printable copy of a peer's string, for the log. */
const char *
mts_clean(const char *in, char *out, size_t len)
{
	size_t	i;

	for (i = 0; in[i] != '\0' && i + 1 < len; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
	return out;
}

const char *
mts_macstr(const uint8_t *mac, char *buf)
{
	return l2c_mac_fmt(mac, buf, L2C_MAC_STRLEN);
}

/*
 * Rate limit as GCRA: one event per `interval`, bursts up to `burst`
 * events.  1 if this one may pass.
 */
int
mts_gcra(uint64_t *tat, uint64_t now, uint64_t interval, uint64_t burst)
{
	uint64_t	t = *tat > now ? *tat : now;

	if (t - now > interval * (burst - 1))
		return 0;
	*tat = t + interval;
	return 1;
}
