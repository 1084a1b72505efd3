/*
 * Subcommands, tmux-style: one row each in a const table (cmd.c), one
 * file each (cmd-<name>.c).  A handler gets argv with its own name at
 * argv[0] and returns an exit status (exitcode.h).
 */
#ifndef L2C_CMD_H
#define L2C_CMD_H

#include <stdint.h>
#include <stdio.h>

struct l2c_cmd {
	const char	*name;
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
extern const struct l2c_cmd	 l2c_cmds[];

const struct l2c_cmd *l2c_cmd_find(const char *);
/* "CMD --help": usage, summary and the help text on stdout; L2C_EX_OK. */
int	l2c_cmd_help(const struct l2c_cmd *);
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

int	cmd_interfaces(int, char **);
int	cmd_mikrotik(int, char **);
int	cmd_mop(int, char **);
int	cmd_serve(int, char **);

/* `serve` protocols (cmd-serve.c's table): argv[0] is the protocol. */
int	serve_mikrotik(int, char **);
int	serve_mop(int, char **);

/* MOP --verification (cmd-mop.c). */
int	l2c_mop_verif_parse(const char *, uint8_t *);

int	cmd_scan(int, char **);
void	cmd_scan_help(FILE *);
int	cmd_ping(int, char **);
void	cmd_ping_help(FILE *);

#endif /* L2C_CMD_H */
