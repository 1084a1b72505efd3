/* SPDX-License-Identifier: ISC */
/*
 * Profiles: named targets in ~/.config/l2console/config (or under
 * $XDG_CONFIG_HOME), used as `l2console mikrotik @name`.
 *
 *	[core-sw1]
 *	protocol = mop
 *	interface = eth0
 *	mac = 00:1b:54:aa:bb:cc
 *	log = ~/consoles/core-sw1.log
 *	timestamps = yes
 *
 * protocol, interface and mac (or target) say where; pcap sets --pcap;
 * every other key is a long option of the command and means what it
 * means there, so a profile can say nothing the command line cannot.
 * Options given on the command line win over the profile's.
 */
#ifndef L2C_UI_PROFILE_H
#define L2C_UI_PROFILE_H

#include <getopt.h>

#include "ui/cli/cmd.h"

/* An argv rebuilt from a profile, to parse again; free with _free(). */
struct l2c_profile_argv {
	int	  argc;
	char	**argv;
	char	**own;		/* the strings made here, to free */
	size_t	  nown;
	int	  set_pcap;	/* l2c_opts.pcap is one of them */
};

/*
 * After a first getopt_long pass over argv (first: optind, the first
 * operand):
 * if the last operand is @NAME, build in out the argv to parse instead:
 * the profile's options, then the command line's, then the interface
 * (the operand before @NAME, else the profile's) and the target.
 * Returns 0 with out->argv == NULL when there is no @NAME, 0 with an
 * argv, or an exit status after one line on stderr.
 */
int	l2c_profile_expand(const struct l2c_cmd *, const struct option *,
	    int argc, char **argv, int first, struct l2c_profile_argv *out);
void	l2c_profile_argv_free(struct l2c_profile_argv *);

/*
 * A command's whole option parse: parse (which must reset its options
 * and run getopt_long to the first operand) over argv, then, for @NAME,
 * again over the profile's argv, which *argcp and *argvp then point at
 * (optind at its operands).  Returns 0 or an exit status; free out
 * when done, whatever it returned.
 */
typedef int (*l2c_parse_fn)(const struct l2c_cmd *, int, char **, void *);
int	l2c_profile_parse(const struct l2c_cmd *, const struct option *,
	    l2c_parse_fn, void *, int *argcp, char ***argvp,
	    struct l2c_profile_argv *out);

/* The config file's path, into buf; -1 without $HOME. */
int	l2c_profile_path(char *buf, size_t len);

#endif
