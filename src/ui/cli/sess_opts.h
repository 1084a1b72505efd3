/* SPDX-License-Identifier: ISC */
/*
 * What the two console commands (mikrotik, mop) share on their command
 * lines, parsed once: the escape key, --timeout, --idle, --log,
 * --timestamps, and the terminal: --term, --term-size, --output,
 * --log-format; paced input (--paste-wait, --line-delay) and the small
 * tools (--map, --local-echo, --hex).  Each command puts L2C_SESS_LONGOPTS in its own option
 * table and hands every getopt result to l2c_sess_opts_take() first.
 */
#ifndef L2C_UI_SESS_OPTS_H
#define L2C_UI_SESS_OPTS_H

#include <stdint.h>

#include "ui/cli/cmd.h"
#include "ui/console/console.h"
#include "ui/script/prompt.h"

/* Long-only options: codes no short option can have. */
#define L2C_OPT_TERM		0x101
#define L2C_OPT_TERM_SIZE	0x102
#define L2C_OPT_OUTPUT		0x103
#define L2C_OPT_LOG_FORMAT	0x104
#define L2C_OPT_PASTE_WAIT	0x350
#define L2C_OPT_LINE_DELAY	0x351
#define L2C_OPT_MAP		0x352
#define L2C_OPT_LOCAL_ECHO	0x353
#define L2C_OPT_HEX		0x354

#define L2C_SESS_LONGOPTS						\
	{ "escape",	required_argument,	NULL, 'e' },		\
	{ "timeout",	required_argument,	NULL, 'T' },		\
	{ "idle",	required_argument,	NULL, 'I' },		\
	{ "log",	required_argument,	NULL, 'L' },		\
	{ "timestamps",	no_argument,		NULL, 'S' },		\
	{ "term",	required_argument,	NULL, L2C_OPT_TERM },	\
	{ "term-size",	required_argument,	NULL, L2C_OPT_TERM_SIZE }, \
	{ "output",	required_argument,	NULL, L2C_OPT_OUTPUT },	\
	{ "log-format",	required_argument,	NULL, L2C_OPT_LOG_FORMAT }, \
	{ "paste-wait",	required_argument,	NULL, L2C_OPT_PASTE_WAIT }, \
	{ "line-delay",	required_argument,	NULL, L2C_OPT_LINE_DELAY }, \
	{ "map",	required_argument,	NULL, L2C_OPT_MAP },	\
	{ "local-echo",	no_argument,		NULL, L2C_OPT_LOCAL_ECHO }, \
	{ "hex",	no_argument,		NULL, L2C_OPT_HEX }
/* The same, in a command's usage line. */
#define L2C_SESS_USAGE_TERM						\
	"[--term auto|virtual] [--term-size COLSxROWS] [--output text|raw] " \
	"[--log-format raw|text] [--paste-wait echo|prompt|none|MS] "	\
	"[--line-delay MS] [--map MAPS] [--local-echo] [--hex]"
#define L2C_SESS_SHORTOPTS	"e:"

struct l2c_sess_opts {
	struct l2c_console_opts	 co;
	uint64_t		 timeout_us;	/* 0: the protocol's own */
	const char		*log;
	int			 stamps;
	int			 logfd;		/* -1 until opened */
	struct l2c_prompt	 prompt;	/* ends batch input's wait */
};

void	l2c_sess_opts_init(struct l2c_sess_opts *);
/*
 * ch and optarg from getopt: 1 when ch is one of these (*ex is then 0,
 * or an exit status after a usage error), 0 when it is not.
 */
int	l2c_sess_opts_take(const struct l2c_cmd *, int ch, const char *arg,
	    struct l2c_sess_opts *, int *ex);
/* --log opened now, before root is given up: 0 or an exit status. */
int	l2c_sess_opts_open_log(struct l2c_sess_opts *);
/*
 * The console gets the open log, which it closes from then on, and the
 * prompts at which batch input need not wait for quiet: the devices'
 * (prompt.h) and a Unix shell's ("$ ", "# ").
 */
int	l2c_sess_opts_attach(struct l2c_sess_opts *, struct l2c_console *);
void	l2c_sess_opts_close(struct l2c_sess_opts *);

#endif
