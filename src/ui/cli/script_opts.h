/* SPDX-License-Identifier: ISC */
/*
 * What the console commands (mikrotik, mop) take to run the scripted
 * console instead of the interactive one: --command, --commands-file,
 * --json, --command-timeout, --prompt, and MOP's console login
 * (--login-user, --enable and their secrets), and --script FILE.lua
 * (--script-unsafe, --script-timeout) instead of commands.  Each command puts
 * L2C_SCRIPT_LONGOPTS in its option table and hands every getopt
 * result to l2c_script_opts_take() first.
 */
#ifndef L2C_UI_SCRIPT_OPTS_H
#define L2C_UI_SCRIPT_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/family.h"
#include "ui/cli/cmd.h"
#include "ui/conf/secret.h"
#include "ui/script/lua.h"

enum {
	L2C_SO_COMMAND = 0x200,	/* above sess_opts.h's L2C_OPT_* (0x101...) */
	L2C_SO_COMMANDS_FILE,
	L2C_SO_JSON,
	L2C_SO_CMD_TIMEOUT,
	L2C_SO_PROMPT,
	L2C_SO_LOGIN_USER,
	L2C_SO_ENABLE,
	L2C_SO_ENABLE_PWFILE,
	L2C_SO_SCRIPT,
	L2C_SO_SCRIPT_UNSAFE,
	L2C_SO_SCRIPT_TIMEOUT,
};

#define L2C_SCRIPT_LONGOPTS						\
	{ "command",		required_argument, NULL, L2C_SO_COMMAND }, \
	{ "commands-file",	required_argument, NULL, L2C_SO_COMMANDS_FILE }, \
	{ "json",		no_argument,	   NULL, L2C_SO_JSON },	\
	{ "command-timeout",	required_argument, NULL, L2C_SO_CMD_TIMEOUT }, \
	{ "prompt",		required_argument, NULL, L2C_SO_PROMPT }, \
	{ "script",		required_argument, NULL, L2C_SO_SCRIPT }, \
	{ "script-unsafe",	no_argument,	   NULL, L2C_SO_SCRIPT_UNSAFE }, \
	{ "script-timeout",	required_argument, NULL, L2C_SO_SCRIPT_TIMEOUT }
#define L2C_SCRIPT_LOGIN_LONGOPTS					\
	{ "login-user",		required_argument, NULL, L2C_SO_LOGIN_USER }, \
	{ "enable",		no_argument,	   NULL, L2C_SO_ENABLE }, \
	{ "enable-password-file", required_argument, NULL,		\
	    L2C_SO_ENABLE_PWFILE }

struct l2c_script_opts {
	char		**cmds;
	size_t		  ncmds;
	const char	 *cmdfile;
	int		  json;
	uint64_t	  timeout_us;	/* 0: the face's default */
	const char	 *prompt;
	const char	 *login_user;
	int		  enable;
	const char	 *enable_pwfile;
	char		  password[L2C_SECRET_MAX];
	char		  enable_password[L2C_SECRET_MAX];
	const char	 *script;	/* --script: a Lua file */
	int		  script_unsafe;
	uint64_t	  script_bound_us;	/* 0: L2C_LUA_BOUND_US */
	struct l2c_lua	 *lua;		/* compiled by _load() */
};

void	l2c_script_opts_init(struct l2c_script_opts *);
/* As l2c_sess_opts_take(): 1 when ch was one of these. */
int	l2c_script_opts_take(const struct l2c_cmd *, int ch, const char *arg,
	    struct l2c_script_opts *, int *ex);
/* Nonzero when commands or a script were given: the scripted console. */
int	l2c_script_opts_wanted(const struct l2c_script_opts *);
/*
 * Before the privilege drop: --commands-file read, --script compiled
 * (run after the drop, at the prompt), the console login's
 * secrets fetched (pwfile, L2CONSOLE_PASSWORD or a prompt; the enable
 * secret likewise).  0 or an exit status after one line.
 */
int	l2c_script_opts_load(const struct l2c_cmd *, struct l2c_script_opts *,
	    const char *pwfile);
/*
 * Start family f's session with the scripted console as its face and
 * run it to the end: the exit status, the session's end worded by
 * explain (its sentence for an error end).
 */
int	l2c_script_opts_run(struct l2c_script_opts *, struct l2c_loop *,
	    const struct l2c_family *, struct l2c_ctx *,
	    const struct l2c_sess_conf *, int wake, const char *ifname);
void	l2c_script_opts_free(struct l2c_script_opts *);

#endif
