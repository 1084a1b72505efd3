/*
 * `l2console serve PROTOCOL ...`: this machine's console over raw
 * Ethernet.  One row per protocol; each handler gets argv with the
 * protocol's name at argv[0].
 */
#include <stdio.h>
#include <string.h>

#include "ui/cmd.h"
#include "ui/exitcode.h"

struct serve_proto {
	const char	*name;
	const char	*usage;
	const char	*summary;
	int		(*fn)(int, char **);
};

static const struct serve_proto serve_protos[] = {
	{ "mikrotik", "[--users FILE] [--exec CMD] [--no-md5] "
	    "[--idle-timeout SEC] [--mndp-interval SEC] [--identity NAME] "
	    "[--max-fails N] [--fail-delay MS] "
	    "IFACE | --add-user USER [--users FILE] [--password-file FILE]",
	    "MikroTik MAC-Telnet server (EC-SRP5 and MD5)", serve_mikrotik },
	{ "mop", "[--exec CMD] [--verification HEX16|STRING] "
	    "[--sysid-interval SEC] IFACE", "DEC MOP remote console",
	    serve_mop },
};

static void
list(FILE *f)
{
	size_t	i;

	fputs("usage: l2console serve PROTOCOL [options] IFACE\n"
	    "protocols:\n", f);
	for (i = 0; i < sizeof(serve_protos) / sizeof(serve_protos[0]); i++)
		fprintf(f, "  %-9s %s\n  %-9s   l2console serve %s %s\n",
		    serve_protos[i].name, serve_protos[i].summary, "",
		    serve_protos[i].name, serve_protos[i].usage);
}

int
cmd_serve(int argc, char **argv)
{
	size_t	i;

	if (argc < 2) {
		list(stderr);
		return L2C_EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		list(stdout);
		return L2C_EX_OK;
	}
	for (i = 0; i < sizeof(serve_protos) / sizeof(serve_protos[0]); i++)
		if (strcmp(serve_protos[i].name, argv[1]) == 0)
			return serve_protos[i].fn(argc - 1, argv + 1);
	l2c_say("unknown protocol \"%s\"", argv[1]);
	list(stderr);
	return L2C_EX_USAGE;
}
