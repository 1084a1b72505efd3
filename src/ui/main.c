/* l2console: global options, then one subcommand from the table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/cmd.h"
#include "ui/exitcode.h"

static void
usage(FILE *f)
{
	const struct l2c_cmd	*c;

	fputs("usage: l2console [-qv] [--user NAME] command [args]\n"
	    "       l2console --help | --version\n\ncommands:\n", f);
	for (c = l2c_cmds; c->name != NULL; c++)
		fprintf(f, "  %-11s %s\n  %-11s   l2console %s %s\n", c->name,
		    c->summary, "", c->name, c->usage);
	fputs("\noptions:\n"
	    "  -v, --verbose   say more (repeat for debug output)\n"
	    "  -q, --quiet     say only errors\n"
	    "  --user NAME     user to become after opening the interface"
	    " when run as root\n"
	    "                  (default nobody)\n"
	    "  --pcap FILE     write every frame sent and received to FILE"
	    " (any command\n"
	    "                  that opens an interface; before or after"
	    " its name)\n"
	    "  -h, --help      this text\n"
	    "  -V, --version   print the version\n"
	    "\nexit status:\n"
	    "   0  success\n"
	    "   1  scan found nothing, ping got no reply\n"
	    "   2  login failed or console reservation refused\n"
	    "  64  bad command line\n"
	    "  65  bad file contents\n"
	    "  66  a file could not be read\n"
	    "  68  the target never answered, or no device had that name\n"
	    "  69  the device offers no console, or it is taken\n"
	    "  70  internal error\n"
	    "  71  interface missing, down or not Ethernet\n"
	    "  75  peer lost during the session\n"
	    "  76  the peer broke the protocol\n"
	    "  77  no permission to capture (needs root or cap_net_raw),\n"
	    "      or an unsafe users file (serve mikrotik)\n", f);
}

/*
 * --pcap FILE belongs to every command that opens an interface, before
 * or after the command name: take it out of argv here, once.
 */
static int
take_pcap(int *argcp, char **argv)
{
	int	i, j;

	for (i = 1; i < *argcp; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--pcap=", 7) == 0) {
			l2c_opts.pcap = argv[i] + 7;
			j = 1;
		} else if (strcmp(argv[i], "--pcap") == 0) {
			if (i + 1 >= *argcp)
				return -1;
			l2c_opts.pcap = argv[i + 1];
			j = 2;
		} else
			continue;
		memmove(&argv[i], &argv[i + j],
		    (size_t)(*argcp - i - j + 1) * sizeof(*argv));
		*argcp -= j;
		i--;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "user",	required_argument,	NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const struct l2c_cmd	*c;
	int			 ch;

	if (take_pcap(&argc, argv) == -1)
		return l2c_usage_error(NULL, "--pcap needs a file name");
	/* "+": stop at the subcommand; its options are its own. */
	while ((ch = getopt_long(argc, argv, "+hVvq", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return L2C_EX_OK;
		case 'V':
			printf("l2console %s\n", L2C_VERSION);
			return L2C_EX_OK;
		case 'v':
			l2c_opts.verbose++;
			break;
		case 'q':
			l2c_opts.quiet = 1;
			break;
		case 'u':
			l2c_opts.user = optarg;
			break;
		default:
			return l2c_usage_error(NULL, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (l2c_opts.quiet)
		l2c_log_set_level(L2C_LOG_ERR);
	else if (l2c_opts.verbose > 0)
		l2c_log_set_level(l2c_opts.verbose > 1 ?
		    L2C_LOG_DEBUG : L2C_LOG_INFO);
	if (argc == 0)
		return l2c_usage_error(NULL,
		    "the full-screen UI is not built yet: give a command");
	if ((c = l2c_cmd_find(argv[0])) == NULL)
		return l2c_usage_error(NULL, "unknown command \"%s\"", argv[0]);
	/* "l2console CMD --help": the command's own usage, on stdout. */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: l2console %s %s\n  %s\n", c->name, c->usage,
		    c->summary);
		return L2C_EX_OK;
	}
	optind = 0;	/* glibc: reset getopt for the subcommand */
	return c->fn(argc, argv);
}
