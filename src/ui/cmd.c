/*
 * The subcommand table: adding a command is one row and one file.  And
 * what the commands share: help, usage errors, option values.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/cmd.h"
#include "ui/exitcode.h"

struct l2c_opts	l2c_opts;

const struct l2c_cmd l2c_cmds[] = {
	{ "interfaces", "", "list interfaces and whether they can be used",
	    cmd_interfaces, NULL },
	{ "mikrotik", "[-u USER] [--md5] [--password-file FILE] "
	    "[-a FILE|-A] [-e CHAR|none] [--timeout SEC] [--idle SEC] "
	    "[--log FILE] [--timestamps] IFACE TARGET | [IFACE] @PROFILE",
	    "MAC-Telnet console to a MikroTik (MAC, ethers name or identity)",
	    cmd_mikrotik, NULL },
	{ "mop", "[--verification HEX16|STRING] [--info] [--wake|--no-wake] "
	    "[-e CHAR|none] [--timeout SEC] [--idle SEC] [--fixed-poll SEC] "
	    "[--log FILE] [--timestamps] IFACE MAC | [IFACE] @PROFILE",
	    "DEC MOP remote console (Cisco IOS)", cmd_mop, NULL },
	{ "serve", "PROTOCOL [options] IFACE (l2console serve lists them)",
	    "offer this machine's console over raw Ethernet", cmd_serve, NULL },
	{ "scan", "[--json|--csv] [--watch] [--timeout SEC] "
	    "[--mop-only|--mikrotik-only] [--probe MAC[,MAC...]] "
	    "[--probe-file FILE] IFACE",
	    "list MikroTik and MOP devices on the wire", cmd_scan,
	    cmd_scan_help },
	{ "ping", "[-c COUNT] [-i INTERVAL] [-s SIZE] [-W TIMEOUT] [--mop] "
	    "IFACE TARGET", "MAC ping or MOP loopback to one station",
	    cmd_ping, cmd_ping_help },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct l2c_cmd *
l2c_cmd_find(const char *name)
{
	const struct l2c_cmd	*c;

	for (c = l2c_cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Main's "CMD --help" and a command's own -h print the same. */
int
l2c_cmd_help(const struct l2c_cmd *c)
{
	printf("usage: l2console %s%s%s\n  %s\n", c->name,
	    c->usage[0] != '\0' ? " " : "", c->usage, c->summary);
	if (c->help != NULL) {
		putchar('\n');
		c->help(stdout);
	}
	return L2C_EX_OK;
}

void
l2c_say(const char *fmt, ...)
{
	va_list	ap;

	fputs("l2console: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
l2c_usage_error(const struct l2c_cmd *c, const char *fmt, ...)
{
	va_list	ap;

	fputs("l2console: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	/* The bad value may be the profile's rather than the command's. */
	if (l2c_opts.profile != NULL)
		fprintf(stderr, " (with profile %s)", l2c_opts.profile);
	fputc('\n', stderr);
	if (c != NULL)
		fprintf(stderr, "usage: l2console %s%s%s\n", c->name,
		    c->usage[0] != '\0' ? " " : "", c->usage);
	else
		fputs("usage: l2console [-qv] command [args]"
		    " (l2console --help lists the commands)\n", stderr);
	return L2C_EX_USAGE;
}

/* Option values in seconds: fractions allowed, up to a day. */
int
l2c_cmd_seconds(const char *s, int zero_ok, uint64_t *us)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || isnan(v) || v < 0 ||
	    (v == 0 && !zero_ok) || v > 86400)
		return L2C_ERR_INVAL;
	*us = (uint64_t)(v * 1e6);
	/* Below a microsecond would read as 0, "not given" to some. */
	if (*us == 0 && v != 0)
		return L2C_ERR_INVAL;
	return 0;
}
