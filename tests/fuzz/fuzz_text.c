/*
 * libFuzzer target: what users type as arguments: MAC spellings (what
 * parses must print and parse back to the same MAC), --probe lists and
 * the escape key.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"
#include "ui/console.h"
#include "ui/station.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char		 s[256], txt[L2C_MAC_STRLEN], bad[64];
	uint8_t		 mac[L2C_ETH_ALEN], again[L2C_ETH_ALEN];
	uint8_t		 (*list)[6] = NULL;
	size_t		 n = 0;
	int		 esc;

	if (len >= sizeof(s))
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	if (l2c_mac_parse(s, mac) == 0) {
		if (l2c_mac_fmt(mac, txt, sizeof(txt)) == NULL ||
		    l2c_mac_parse(txt, again) != 0 ||
		    memcmp(mac, again, sizeof(mac)) != 0)
			__builtin_trap();
	}
	/* Only lists of MACs: a name would read /etc/ethers every run. */
	if (strspn(s, "0123456789abcdefABCDEF:-., ") == len) {
		(void)l2c_station_list_add(s, &list, &n, bad, sizeof(bad));
		free(list);
	}
	if (l2c_console_parse_escape(s, &esc) == 0 &&
	    (esc < -1 || esc > 255))
		__builtin_trap();
	return 0;
}
