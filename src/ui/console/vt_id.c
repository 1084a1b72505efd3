/* SPDX-License-Identifier: ISC */
/*
 * The terminal models' answer to DECID (vt_id.h), once for the console
 * and the full-screen UI, so that a device sees one terminal in both.
 */
#include <stddef.h>

#include "ui/console/vt_id.h"

#define SCI		0x9a
#define VT100_ID	"\033[?1;2c"

int
l2c_vt_decid(unsigned char c, void (*reply)(void *, const char *, size_t),
    void *arg)
{
	if (c != SCI)
		return 0;
	if (reply != NULL)
		reply(arg, VT100_ID, sizeof(VT100_ID) - 1);
	return 1;
}
