/* SPDX-License-Identifier: ISC */
/*
 * `l2console serve PROTOCOL ...`: this machine's console over raw
 * Ethernet.  Each protocol is an entry in its own file
 * (cmd_serve_<name>.c); its handler gets argv with the protocol's name
 * at argv[0].
 */
#include <stdio.h>
#include <string.h>

#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"

static const struct l2c_cmd *const serve_protos[] = {
	&cmd_serve_mikrotik_entry,
	&cmd_serve_mop_entry,
	NULL,
};

static void
list(FILE *f)
{
	const struct l2c_cmd *const	*p;

	fputs("usage: l2console serve PROTOCOL [options] IFACE\n"
	    "protocols:\n", f);
	for (p = serve_protos; *p != NULL; p++)
		fprintf(f, "  %-9s %s\n  %-9s   l2console serve %s %s\n",
		    (*p)->name, (*p)->summary, "", (*p)->name, (*p)->usage);
}

static int
cmd_serve(int argc, char **argv)
{
	const struct l2c_cmd *const	*p;

	if (argc < 2) {
		list(stderr);
		return L2C_EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		list(stdout);
		return L2C_EX_OK;
	}
	for (p = serve_protos; *p != NULL; p++)
		if (strcmp((*p)->name, argv[1]) == 0)
			return (*p)->fn(argc - 1, argv + 1);
	l2c_say("unknown protocol \"%s\"", argv[1]);
	list(stderr);
	return L2C_EX_USAGE;
}

const struct l2c_cmd cmd_serve_entry = {
	.name = "serve",
	.usage = "PROTOCOL [options] IFACE (l2console serve lists them)",
	.summary = "offer this machine's console over raw Ethernet",
	.fn = cmd_serve,
};
