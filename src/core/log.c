/* SPDX-License-Identifier: ISC */
/* Leveled logging to stderr, or to whatever sink the face installs. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"
#include "text.h"

static enum l2c_loglevel	 loglevel = L2C_LOG_WARN;
static l2c_log_sink		*logsink;
static void			*logarg;

void
l2c_log_set_level(enum l2c_loglevel lvl)
{
	loglevel = lvl;
}

enum l2c_loglevel
l2c_log_get_level(void)
{
	return loglevel;
}

void
l2c_log_set_sink(l2c_log_sink *sink, void *arg)
{
	logsink = sink;
	logarg = arg;
}

void
l2c_log(enum l2c_loglevel lvl, const char *fmt, ...)
{
	char	 raw[1024], msg[4 * sizeof(raw) + 8];
	va_list	 ap;

	if (lvl > loglevel)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* A line may quote the wire (an identity): shown as text only. */
	(void)l2c_tty_escape(raw, msg, sizeof(msg), sizeof(msg));
	if (logsink != NULL)
		logsink(logarg, lvl, msg);
	else
		fprintf(stderr, "l2console: %s\n", msg);
}
