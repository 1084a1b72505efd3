/* SPDX-License-Identifier: ISC */
/*
 * A station named on the command line: any MAC spelling l2c_mac_parse
 * knows, or a name from /etc/ethers (ether_hostton).
 */
#ifndef L2C_UI_STATION_H
#define L2C_UI_STATION_H

#include <stddef.h>
#include <stdint.h>

/* 0, or L2C_ERR_NOTFOUND (neither a MAC nor a known name). */
int	l2c_station_parse(const char *, uint8_t *mac);

/* What to say of a station that is not found, after "\"NAME\" ". */
#define L2C_STATION_UNKNOWN \
	"is neither a MAC address nor a name in /etc/ethers"

/*
 * MACs from a list: "a,b,c" (--probe), appended to *list (malloc'd,
 * *n entries).  On a bad one, *bad points at it: L2C_ERR_NOTFOUND.
 */
int	l2c_station_list_add(const char *, uint8_t (**list)[6], size_t *n,
	    char *bad, size_t badlen);

#endif
