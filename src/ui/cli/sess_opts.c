/* SPDX-License-Identifier: ISC */
/* Options shared by the console commands (sess_opts.h). */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/pace.h"
#include "ui/cli/cmd.h"
#include "ui/console/console.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/sess_opts.h"
#include "ui/console/tools.h"
#include "ui/console/vt.h"

void
l2c_sess_opts_init(struct l2c_sess_opts *o)
{
	memset(o, 0, sizeof(*o));
	l2c_console_defaults(&o->co);
	o->logfd = -1;
}

int
l2c_sess_opts_take(const struct l2c_cmd *cmd, int ch, const char *arg,
    struct l2c_sess_opts *o, int *ex)
{
	int	wait;

	*ex = 0;
	switch (ch) {
	case 'e':
		if (l2c_console_parse_escape(arg, &o->co.escape) != 0)
			*ex = l2c_usage_error(cmd, "bad escape key \"%s\" (one "
			    "character, ^X, or none)", arg);
		return 1;
	case 'T':
		if (l2c_cmd_seconds(arg, 0, &o->timeout_us) != 0)
			*ex = l2c_usage_error(cmd, "bad --timeout \"%s\" "
			    "(seconds)", arg);
		return 1;
	case 'I':
		/* 0: end as soon as input has ended and output is in. */
		if (l2c_cmd_seconds(arg, 1, &o->co.idle_us) != 0)
			*ex = l2c_usage_error(cmd, "bad --idle \"%s\" "
			    "(seconds)", arg);
		return 1;
	case 'L':
		o->log = arg;
		return 1;
	case 'S':
		o->stamps = 1;
		o->co.stamps = 1;
		return 1;
	case L2C_OPT_PASTE_WAIT:
		if (l2c_pace_parse(arg, &o->co.paste_wait,
		    &o->co.paste_delay_us) != 0)
			*ex = l2c_usage_error(cmd, "bad --paste-wait \"%s\" "
			    "(echo, prompt, none, or milliseconds)", arg);
		return 1;
	case L2C_OPT_LINE_DELAY:
		if (l2c_pace_parse(arg, &wait, &o->co.line_delay_us) != 0 ||
		    wait != L2C_PACE_DELAY)
			*ex = l2c_usage_error(cmd, "bad --line-delay \"%s\" "
			    "(milliseconds, at most 60000)", arg);
		return 1;
	case L2C_OPT_MAP:
		if (l2c_map_parse(arg, &o->co.maps) != 0)
			*ex = l2c_usage_error(cmd, "bad --map \"%s\" (ICRNL, "
			    "IGNCR, INLCR, INLCRNL, OCRNL, ONLCR, ODELBS, OLTU, "
			    "comma separated, or none)", arg);
		return 1;
	case L2C_OPT_LOCAL_ECHO:
		o->co.local_echo = 1;
		return 1;
	case L2C_OPT_HEX:
		o->co.hex = 1;
		return 1;
	case L2C_OPT_TERM:
		if (strcmp(arg, "auto") == 0)
			o->co.term = L2C_TERM_AUTO;
		else if (strcmp(arg, "virtual") == 0)
			o->co.term = L2C_TERM_VIRTUAL;
		else
			*ex = l2c_usage_error(cmd, "bad --term \"%s\" (auto or "
			    "virtual)", arg);
		return 1;
	case L2C_OPT_TERM_SIZE:
		if (l2c_vt_size_parse(arg, &o->co.cols, &o->co.rows) != 0)
			*ex = l2c_usage_error(cmd, "bad --term-size \"%s\" "
			    "(COLSxROWS, each 1 to %d)", arg, L2C_VT_MAX_COLS);
		return 1;
	case L2C_OPT_OUTPUT:
		if (l2c_console_parse_output(arg, &o->co.output) != 0)
			*ex = l2c_usage_error(cmd, "bad --output \"%s\" (text or "
			    "raw)", arg);
		return 1;
	case L2C_OPT_LOG_FORMAT:
		if (l2c_console_parse_output(arg, &o->co.log_format) != 0)
			*ex = l2c_usage_error(cmd, "bad --log-format \"%s\" (raw "
			    "or text)", arg);
		return 1;
	}
	return 0;
}

int
l2c_sess_opts_open_log(struct l2c_sess_opts *o)
{
	if (o->log == NULL || o->logfd != -1)
		return 0;
	if ((o->logfd = l2c_console_log_open(o->log)) == -1) {
		l2c_say("cannot open the session log %s: %s", o->log,
		    strerror(errno));
		return L2C_EX_NOINPUT;
	}
	return 0;
}

/*
 * A Unix shell's prompt ends in "$" or "#" (mactelnetd logs in to one);
 * RouterOS's and IOS's are the scripted console's.  Not "> " or ":" in
 * general: RouterOS's "new password> " and a "Password:" are questions
 * the typed-ahead lines must not answer.
 */
static int
at_prompt(void *arg, const char *row)
{
	struct l2c_sess_opts	*o = arg;
	size_t			 n = strlen(row);

	while (n > 0 && row[n - 1] == ' ')
		n--;
	if (n > 0 && (row[n - 1] == '$' || row[n - 1] == '#'))
		return 1;
	return o->prompt.nre > 0 && l2c_prompt_is(&o->prompt, row);
}

int
l2c_sess_opts_attach(struct l2c_sess_opts *o, struct l2c_console *con)
{
	int	fd = o->logfd;

	/* Without them (no memory) batch input waits for quiet, as before. */
	if (l2c_prompt_init(&o->prompt, NULL) == 0)
		l2c_console_set_ready(con, at_prompt, o);
	if (fd == -1)
		return 0;
	o->logfd = -1;
	return l2c_console_log_attach(con, fd, o->log, o->stamps);
}

void
l2c_sess_opts_close(struct l2c_sess_opts *o)
{
	if (o->logfd != -1)
		close(o->logfd);
	o->logfd = -1;
	l2c_prompt_free(&o->prompt);
}
