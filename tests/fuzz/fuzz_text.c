/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: what users type as arguments: MAC spellings (what
 * parses must print and parse back to the same MAC), --probe lists and
 * the escape key.  And the same bytes as wire text through the one
 * sanitiser (core/text.h), for each face: nothing hidden comes out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"
#include "core/text.h"
#include "ui/console/console.h"
#include "ui/cli/station.h"
#include "lib/textcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* s as the terminal, a CSV cell and a JSON string see it. */
static void
sanitised(const char *s, size_t width)
{
	char	 out[4 * 256 + 8], *buf = NULL;
	size_t	 len = 0, cols;
	FILE	*f;

	cols = l2c_tty_escape(s, out, sizeof(out), width);
	if (cols > width || strlen(out) < cols)
		__builtin_trap();
	fz_text_visible(out, strlen(out), "");
	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	l2c_csv_field(f, s);
	fclose(f);
	fz_text_csv(buf, len);
	free(buf);
	buf = NULL;
	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	l2c_json_str(f, s);
	fclose(f);
	fz_text_visible(buf, len, "");
	free(buf);
}

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
	sanitised(s, len > 0 ? data[0] : 0);
	if (l2c_console_parse_escape(s, &esc) == 0 &&
	    (esc < -1 || esc > 255))
		__builtin_trap();
	return 0;
}
