/* SPDX-License-Identifier: ISC */
/* `l2console interfaces`: what can carry our frames, like tcpdump -D. */
#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"

static int
cmd_interfaces(int argc, char **argv)
{
	struct l2c_ifinfo	*list;
	const char		*why;
	char			 mac[L2C_MAC_STRLEN];
	int			 i, n;

	if (argc > 1)
		return l2c_usage_error(&cmd_interfaces_entry,
		    "unexpected argument \"%s\"", argv[1]);
	if ((n = l2c_if_list(&list)) < 0) {
		l2c_say("cannot list interfaces: %s", l2c_strerror(n));
		return L2C_EX_OSERR;
	}
	printf("%-16s %-17s %-5s %-5s %s\n", "INTERFACE", "MAC", "STATE",
	    "MTU", "USABLE");
	for (i = 0; i < n; i++) {
		why = l2c_if_unusable(&list[i]);
		printf("%-16s %-17s %-5s %-5d %s%s\n", list[i].name,
		    list[i].ether ? l2c_mac_fmt(list[i].mac, mac, sizeof(mac)) :
		    "-", list[i].up ? "up" : "down", list[i].mtu,
		    why == NULL ? "yes" : "no: ", why == NULL ? "" : why);
	}
	free(list);
	return L2C_EX_OK;
}

const struct l2c_cmd cmd_interfaces_entry = {
	.name = "interfaces",
	.usage = "",
	.summary = "list interfaces and whether they can be used",
	.fn = cmd_interfaces,
};
