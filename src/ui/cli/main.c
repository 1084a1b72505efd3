/* SPDX-License-Identifier: ISC */
/* l2console: global options, then one subcommand from the table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/pace.h"
#include "ui/cli/cmd.h"
#include "ui/console/console.h"
#include "ui/cli/exitcode.h"
#include "ui/tui/tui.h"

#define OPT_SCROLLBACK	0x340	/* long-option codes 0x340-0x34f: the UI's */
#define OPT_RECONNECT	0x360
#define OPT_PASTE_WAIT	0x370
#define OPT_LINE_DELAY	0x371
#define OPT_RC_TIMEOUT	0x372

static void
usage(FILE *f)
{
	const struct l2c_cmd *const	*c;

	fputs("usage: l2console [-qv] [--user NAME] command [args]\n"
	    "       l2console [-qv] [--user NAME] [-i IFACE] [--color WHEN] "
	    "[-e CHAR]\n"
	    "                 [--log FILE] [--timestamps] [--promisc]\n"
	    "                 [--scrollback N] [--reconnect] "
	    "[--reconnect-timeout SEC]\n"
	    "                 [--paste-wait echo|prompt|none|MS] "
	    "[--line-delay MS]\n"
	    "       l2console --help | --version\n\n"
	    "Without a command: the full-screen UI (interface, neighbors, "
	    "consoles).\n\ncommands:\n", f);
	for (c = l2c_cmds; *c != NULL; c++)
		fprintf(f, "  %-11s %s\n  %-11s   l2console %s %s\n",
		    (*c)->name, (*c)->summary, "", (*c)->name, (*c)->usage);
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
	    "\nfull-screen UI options (no command):\n"
	    "  -i, --interface IFACE  use IFACE (default: the only usable "
	    "one, else ask)\n"
	    "  --color WHEN    auto (default: colours on a terminal that has"
	    " them, unless\n"
	    "                  NO_COLOR is set), always, or never\n"
	    "  -e, --escape CHAR  session escape key (default ^]): opens "
	    "the session menu\n"
	    "  --log FILE      log each session's output to FILE (appended;"
	    " the menu\n"
	    "                  starts and stops it)\n"
	    "  --timestamps    put the time at the start of each logged "
	    "line\n"
	    "  --promisc       capture promiscuously (as scan --promisc)\n"
	    "  --scrollback N  lines of scrollback kept per session (default"
	    " 10000)\n"
	    "  --reconnect     reconnect every session when it is lost (the"
	    " menu's r: one)\n"
	    "  --reconnect-timeout SEC  give up reconnecting after SEC "
	    "(default 300)\n"
	    "  --paste-wait WHAT  a paste goes line by line, each after its "
	    "echo (echo,\n"
	    "                  the default), the prompt (prompt), MS "
	    "milliseconds, or\n"
	    "                  at once (none)\n"
	    "  --line-delay MS the wait for a line whose echo or prompt did "
	    "not come\n"
	    "                  in time (default 100)\n"
	    "\nexit status:\n"
	    "   0  success\n"
	    "   1  scan found nothing, ping got no reply\n"
	    "   2  login failed or console reservation refused\n"
	    "   3  the device said a command failed (--command)\n"
	    "   4  no prompt within --command-timeout\n"
	    "   5  scan --audit found something to fix\n"
	    "   6  a --script error (syntax, runtime, timeout)\n"
	    "  64  bad command line\n"
	    "  65  bad file contents\n"
	    "  66  a file could not be read or written\n"
	    "  68  the target never answered, or no device had that name\n"
	    "  69  the device offers no console, or it is taken\n"
	    "  70  internal error\n"
	    "  71  interface missing, down or not Ethernet\n"
	    "  75  peer lost during the session, or the login unanswered\n"
	    "      after the session was acknowledged\n"
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

/*
 * An option of the full-screen UI: 1 when ch is one (*ex is then 0, or
 * an exit status after a usage error), 0 when it is not.
 */
static int
ui_take(int ch, const char *arg, struct l2c_tui_opts *ui, int *ex)
{
	int	wait;

	*ex = 0;
	switch (ch) {
	case 'i':
		ui->ifname = arg;
		break;
	case 'C':
		if (l2c_tui_parse_color(arg, &ui->color) != 0)
			*ex = l2c_usage_error(NULL, "--color: auto, "
			    "always or never");
		break;
	case 'e':
		if (l2c_console_parse_escape(arg, &ui->escape) != 0)
			*ex = l2c_usage_error(NULL, "-e: a character, "
			    "^X, or none");
		break;
	case 'L':
		ui->log = arg;
		break;
	case 'T':
		ui->timestamps = 1;
		break;
	case 0x331:
		ui->promisc = 1;
		break;
	case OPT_SCROLLBACK:
		if (l2c_tui_parse_scrollback(arg, &ui->scrollback) != 0)
			*ex = l2c_usage_error(NULL, "--scrollback: a "
			    "number of lines, 0 to 1000000");
		break;
	case OPT_RECONNECT:
		ui->reconnect = 1;
		break;
	case OPT_RC_TIMEOUT:
		if (l2c_cmd_seconds(arg, 0, &ui->reconnect_us) != 0)
			*ex = l2c_usage_error(NULL, "bad --reconnect-timeout "
			    "\"%s\" (seconds, more than 0)", arg);
		break;
	case OPT_PASTE_WAIT:
		if (l2c_pace_parse(arg, &ui->paste_wait,
		    &ui->paste_delay_us) != 0)
			*ex = l2c_usage_error(NULL, "bad --paste-wait \"%s\" "
			    "(echo, prompt, none, or milliseconds)", arg);
		break;
	case OPT_LINE_DELAY:
		if (l2c_pace_parse(arg, &wait, &ui->line_delay_us) != 0 ||
		    wait != L2C_PACE_DELAY)
			*ex = l2c_usage_error(NULL, "bad --line-delay \"%s\" "
			    "(milliseconds, at most 60000)", arg);
		break;
	default:
		return 0;
	}
	return 1;
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
		{ "interface",	required_argument,	NULL, 'i' },
		{ "color",	required_argument,	NULL, 'C' },
		{ "colour",	required_argument,	NULL, 'C' },
		{ "escape",	required_argument,	NULL, 'e' },
		{ "log",	required_argument,	NULL, 'L' },
		{ "timestamps",	no_argument,		NULL, 'T' },
		{ "promisc",	no_argument,		NULL, 0x331 },
		{ "scrollback",	required_argument,	NULL, OPT_SCROLLBACK },
		{ "reconnect",	no_argument,		NULL, OPT_RECONNECT },
		{ "reconnect-timeout", required_argument, NULL, OPT_RC_TIMEOUT },
		{ "paste-wait",	required_argument,	NULL, OPT_PASTE_WAIT },
		{ "line-delay",	required_argument,	NULL, OPT_LINE_DELAY },
		{ NULL, 0, NULL, 0 }
	};
	const struct l2c_cmd	*c;
	struct l2c_tui_opts	 ui;
	int			 ch, ex, ui_opt = 0;

	if (take_pcap(&argc, argv) == -1)
		return l2c_usage_error(NULL, "--pcap needs a file name");
	l2c_tui_defaults(&ui);
	/* "+": stop at the subcommand; its options are its own. */
	while ((ch = getopt_long(argc, argv, "+hVvqi:e:", longopts,
	    NULL)) != -1) {
		if (ui_take(ch, optarg, &ui, &ex)) {
			if (ex != 0)
				return ex;
			ui_opt = 1;
			continue;
		}
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
		return l2c_tui_main(&ui);
	if ((c = l2c_cmd_find(argv[0])) == NULL)
		return l2c_usage_error(NULL, "unknown command \"%s\"", argv[0]);
	if (ui_opt)
		return l2c_usage_error(NULL, "-i, -e, --color, --log, "
		    "--timestamps, --promisc, --scrollback, --reconnect, "
		    "--reconnect-timeout, --paste-wait and --line-delay "
		    "before a command are for the full-screen UI: give them "
		    "after the command, or no command");
	/* "l2console CMD --help": the command's own help, on stdout. */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return l2c_cmd_help(c);
	optind = 0;	/* glibc: reset getopt for the subcommand */
	return c->fn(argc, argv);
}
