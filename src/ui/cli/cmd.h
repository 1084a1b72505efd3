/* SPDX-License-Identifier: ISC */
/*
 * Subcommands, tmux-style: each file cmd_<name>.c owns its entry (name,
 * usage, summary, handler, help); cmd.c is only a table of pointers.
 * A handler gets argv with its own name at argv[0] and returns an exit
 * status (exitcode.h).  `serve`'s protocols are entries too, with
 * parent "serve".
 */
#ifndef L2C_CMD_H
#define L2C_CMD_H

#include <stdint.h>
#include <stdio.h>

struct l2c_cmd {
	const char	*name;
	const char	*parent;	/* "serve" for its protocols; or NULL */
	const char	*usage;		/* arguments, after the name */
	const char	*summary;
	int		(*fn)(int, char **);
	void		(*help)(FILE *);	/* each option; or NULL */
};

/* Options every subcommand shares, parsed before the subcommand. */
struct l2c_opts {
	int		 verbose;
	int		 quiet;
	const char	*user;		/* privilege drop target */
	const char	*pcap;		/* --pcap FILE: frames in and out */
	const char	*profile;	/* "@name in FILE" while one is used */
};

extern struct l2c_opts		 l2c_opts;
extern const struct l2c_cmd *const l2c_cmds[];	/* NULL-terminated */

const struct l2c_cmd *l2c_cmd_find(const char *);
/* "CMD --help": usage, summary and the help text on stdout; L2C_EX_OK. */
int	l2c_cmd_help(const struct l2c_cmd *);
/*
 * What getopt gave that a command has no case of its own for: 'h' (-h,
 * --help) its help, anything else an unknown option; the exit status.
 */
int	l2c_cmd_opt_rest(const struct l2c_cmd *, int ch);
/* One line on stderr plus a usage hint; returns L2C_EX_USAGE. */
int	l2c_usage_error(const struct l2c_cmd *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* "l2console: " + message on stderr. */
void	l2c_say(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Seconds, fractions allowed, up to a day, into microseconds: 0 or
 * L2C_ERR_INVAL.  Zero itself only if the second argument says so.
 */
int	l2c_cmd_seconds(const char *, int zero_ok, uint64_t *us);

/* The entries, each in its own file. */
extern const struct l2c_cmd	 cmd_interfaces_entry;
extern const struct l2c_cmd	 cmd_mikrotik_entry;
extern const struct l2c_cmd	 cmd_mop_entry;
extern const struct l2c_cmd	 cmd_serve_entry;
extern const struct l2c_cmd	 cmd_scan_entry;
extern const struct l2c_cmd	 cmd_ping_entry;
extern const struct l2c_cmd	 cmd_serve_mikrotik_entry;
extern const struct l2c_cmd	 cmd_serve_mop_entry;

#endif /* L2C_CMD_H */
