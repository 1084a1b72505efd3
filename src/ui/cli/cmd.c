/* SPDX-License-Identifier: ISC */
/*
 * The subcommand table, only pointers: adding a command is its file and
 * one line here.  And what the commands share: help, usage errors,
 * option values.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"

struct l2c_opts	l2c_opts;

const struct l2c_cmd *const l2c_cmds[] = {
	&cmd_interfaces_entry,
	&cmd_mikrotik_entry,
	&cmd_mop_entry,
	&cmd_serve_entry,
	&cmd_scan_entry,
	&cmd_ping_entry,
	NULL,
};

const struct l2c_cmd *
l2c_cmd_find(const char *name)
{
	const struct l2c_cmd *const	*c;

	for (c = l2c_cmds; *c != NULL; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

/* Main's "CMD --help" and a command's own -h print the same. */
int
l2c_cmd_help(const struct l2c_cmd *c)
{
	printf("usage: l2console %s%s%s%s%s\n  %s\n",
	    c->parent != NULL ? c->parent : "", c->parent != NULL ? " " : "",
	    c->name, c->usage[0] != '\0' ? " " : "", c->usage, c->summary);
	if (c->help != NULL) {
		putchar('\n');
		c->help(stdout);
	}
	return L2C_EX_OK;
}

int
l2c_cmd_opt_rest(const struct l2c_cmd *c, int ch)
{
	if (ch == 'h')
		return l2c_cmd_help(c);
	return l2c_usage_error(c, "unknown option");
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
		fprintf(stderr, "usage: l2console %s%s%s%s%s\n",
		    c->parent != NULL ? c->parent : "",
		    c->parent != NULL ? " " : "", c->name,
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
