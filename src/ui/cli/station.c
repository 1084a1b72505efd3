/* SPDX-License-Identifier: ISC */
/* Stations by MAC or /etc/ethers name, one or many. */
#include <netinet/ether.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "ui/cli/station.h"

int
l2c_station_parse(const char *s, uint8_t *mac)
{
	struct ether_addr	ea;

	if (l2c_mac_parse(s, mac) == 0)
		return 0;
	if (s[0] != '\0' && ether_hostton(s, &ea) == 0) {
		memcpy(mac, ea.ether_addr_octet, L2C_ETH_ALEN);
		return 0;
	}
	return L2C_ERR_NOTFOUND;
}

/* Separators: commas and white space, so a file's lines work too. */
int
l2c_station_list_add(const char *s, uint8_t (**list)[6], size_t *n,
    char *bad, size_t badlen)
{
	static const char	 sep[] = ", \t\r\n";
	uint8_t			 (*nl)[6], mac[L2C_ETH_ALEN];
	char			 tok[256];
	size_t			 len;

	for (;;) {
		s += strspn(s, sep);
		if ((len = strcspn(s, sep)) == 0)
			return 0;
		if (len >= sizeof(tok))
			len = sizeof(tok) - 1;
		memcpy(tok, s, len);
		tok[len] = '\0';
		s += strcspn(s, sep);
		if (l2c_station_parse(tok, mac) != 0) {
			snprintf(bad, badlen, "%s", tok);
			return L2C_ERR_NOTFOUND;
		}
		if ((nl = reallocarray(*list, *n + 1, sizeof(*nl))) == NULL)
			return L2C_ERR_NOMEM;
		*list = nl;
		memcpy(nl[(*n)++], mac, L2C_ETH_ALEN);
	}
}
