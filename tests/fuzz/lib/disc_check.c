/* SPDX-License-Identifier: ISC */
/* The invariants of a struct disc_info, for fuzz_cdp and fuzz_lldp. */
#include <stddef.h>
#include <string.h>

#include "disc_check.h"

static void
check_str(const char *s)
{
	if (strnlen(s, DISC_STR_MAX) >= DISC_STR_MAX)
		__builtin_trap();
}

void
disc_check(const struct disc_info *di)
{
	char	buf[DISC_ADDR_STRLEN + 200];
	size_t	i;

	check_str(di->name);
	check_str(di->platform);
	check_str(di->software);
	check_str(di->descr);
	check_str(di->port_id);
	check_str(di->port_descr);
	check_str(di->chassis_id);
	check_str(di->vtp_domain);
	if (di->naddrs > DISC_ADDR_MAX || di->nunknown > DISC_UNK_MAX)
		__builtin_trap();
	for (i = 0; i < di->naddrs; i++) {
		if (di->addrs[i].family != 4 && di->addrs[i].family != 6)
			__builtin_trap();
		(void)disc_addr_fmt(&di->addrs[i], buf, sizeof(buf));
	}
	for (i = 0; i < di->nunknown; i++)
		if (di->unknown[i].nbytes > DISC_UNK_BYTES ||
		    di->unknown[i].nbytes > di->unknown[i].len)
			__builtin_trap();
	(void)disc_caps_str(di->proto, di->caps, buf, sizeof(buf));
}
