/* Options shared by the console commands (sess-opts.h). */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "ui/cmd.h"
#include "ui/console.h"
#include "ui/exitcode.h"
#include "ui/sess-opts.h"

void
l2c_sess_opts_init(struct l2c_sess_opts *o)
{
	memset(o, 0, sizeof(*o));
	l2c_console_defaults(&o->co);
	o->logfd = -1;
}

int
l2c_sess_opts_take(const struct l2c_cmd *cmd, int ch, const char *arg,
    struct l2c_sess_opts *o)
{
	switch (ch) {
	case 'e':
		if (l2c_console_parse_escape(arg, &o->co.escape) != 0)
			return l2c_usage_error(cmd, "bad escape key \"%s\" (one "
			    "character, ^X, or none)", arg);
		return 0;
	case 'T':
		if (l2c_cmd_seconds(arg, 0, &o->timeout_us) != 0)
			return l2c_usage_error(cmd, "bad --timeout \"%s\" "
			    "(seconds)", arg);
		return 0;
	case 'I':
		/* 0: end as soon as input has ended and output is in. */
		if (l2c_cmd_seconds(arg, 1, &o->co.idle_us) != 0)
			return l2c_usage_error(cmd, "bad --idle \"%s\" "
			    "(seconds)", arg);
		return 0;
	case 'L':
		o->log = arg;
		return 0;
	case 'S':
		o->stamps = 1;
		return 0;
	}
	return -1;
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

int
l2c_sess_opts_attach_log(struct l2c_sess_opts *o, struct l2c_console *con)
{
	int	fd = o->logfd;

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
}
