/* SPDX-License-Identifier: ISC */
/* The scripted console's options and its run from a command (script_opts.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/script_opts.h"
#include "ui/registry.h"
#include "ui/script/prompt.h"
#include "ui/script/script.h"

void
l2c_script_opts_init(struct l2c_script_opts *o)
{
	memset(o, 0, sizeof(*o));
}

/* One more command, copied. */
static int
add(struct l2c_script_opts *o, const char *cmd, size_t n)
{
	char	**c;

	if ((c = reallocarray(o->cmds, o->ncmds + 1, sizeof(*c))) == NULL)
		return L2C_ERR_NOMEM;
	o->cmds = c;
	if ((c[o->ncmds] = strndup(cmd, n)) == NULL)
		return L2C_ERR_NOMEM;
	o->ncmds++;
	return 0;
}

int
l2c_script_opts_take(const struct l2c_cmd *cmd, int ch, const char *arg,
    struct l2c_script_opts *o, int *ex)
{
	struct l2c_prompt	p;

	*ex = 0;
	switch (ch) {
	case L2C_SO_COMMAND:
		if (add(o, arg, strlen(arg)) != 0)
			*ex = L2C_EX_SOFTWARE;
		return 1;
	case L2C_SO_COMMANDS_FILE:
		o->cmdfile = arg;
		return 1;
	case L2C_SO_JSON:
		o->json = 1;
		return 1;
	case L2C_SO_CMD_TIMEOUT:
		if (l2c_cmd_seconds(arg, 0, &o->timeout_us) != 0)
			*ex = l2c_usage_error(cmd, "bad --command-timeout "
			    "\"%s\" (seconds)", arg);
		return 1;
	case L2C_SO_PROMPT:
		if (l2c_prompt_init(&p, arg) != 0)
			*ex = l2c_usage_error(cmd, "bad --prompt \"%s\" (a "
			    "POSIX extended regular expression)", arg);
		else
			l2c_prompt_free(&p);
		o->prompt = arg;
		return 1;
	case L2C_SO_LOGIN_USER:
		o->login_user = arg;
		return 1;
	case L2C_SO_ENABLE:
		o->enable = 1;
		return 1;
	case L2C_SO_ENABLE_PWFILE:
		o->enable_pwfile = arg;
		return 1;
	case L2C_SO_SCRIPT:
		o->script = arg;
		return 1;
	case L2C_SO_SCRIPT_UNSAFE:
		o->script_unsafe = 1;
		return 1;
	case L2C_SO_SCRIPT_TIMEOUT:
		if (l2c_cmd_seconds(arg, 0, &o->script_bound_us) != 0 ||
		    o->script_bound_us == 0)
			*ex = l2c_usage_error(cmd, "bad --script-timeout "
			    "\"%s\" (seconds)", arg);
		return 1;
	}
	return 0;
}

int
l2c_script_opts_wanted(const struct l2c_script_opts *o)
{
	return o->ncmds > 0 || o->cmdfile != NULL || o->script != NULL;
}

/* --script: compiled now, as root may read it; run after the drop. */
static int
load_script(const struct l2c_cmd *cmd, struct l2c_script_opts *o)
{
	if (o->script == NULL) {
		if (o->script_unsafe || o->script_bound_us != 0)
			return l2c_usage_error(cmd, "--script-unsafe and "
			    "--script-timeout need --script");
		return 0;
	}
	if (o->ncmds > 0 || o->cmdfile != NULL || o->json)
		return l2c_usage_error(cmd, "--script and --command, "
		    "--commands-file or --json do not go together");
	switch (l2c_lua_load(o->script, o->script_unsafe, o->script_bound_us ?
	    o->script_bound_us : L2C_LUA_BOUND_US, o->timeout_us ?
	    o->timeout_us : L2C_SCRIPT_WAIT_US, &o->lua)) {
	case 0:
		return 0;
	case L2C_LUA_NOFILE:
		return L2C_EX_NOINPUT;
	default:
		return L2C_EX_SCRIPT;
	}
}

/* --commands-file: one command a line; blank lines skipped. */
static int
read_cmdfile(struct l2c_script_opts *o)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;
	int	 rv = 0;

	if (strcmp(o->cmdfile, "-") == 0)
		f = stdin;
	else if ((f = fopen(o->cmdfile, "r")) == NULL) {
		l2c_say("cannot read %s: %s", o->cmdfile, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	while (rv == 0 && (n = getline(&line, &cap, f)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (strspn(line, " \t") < (size_t)n)
			rv = add(o, line, (size_t)n);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rv == 0 ? 0 : L2C_EX_SOFTWARE;
}

int
l2c_script_opts_load(const struct l2c_cmd *cmd, struct l2c_script_opts *o,
    const char *pwfile)
{
	int	ex;

	if ((ex = load_script(cmd, o)) != 0 ||
	    (o->cmdfile != NULL && (ex = read_cmdfile(o)) != 0))
		return ex;
	if (o->login_user != NULL && (ex = l2c_secret_get(pwfile,
	    "L2CONSOLE_PASSWORD", "Password: ", o->password,
	    sizeof(o->password))) != 0)
		return ex;
	if (o->enable && (ex = l2c_secret_get(o->enable_pwfile,
	    "L2CONSOLE_ENABLE_PASSWORD", "Enable password: ",
	    o->enable_password, sizeof(o->enable_password))) != 0)
		return ex;
	if (o->enable && !l2c_script_opts_wanted(o))
		return l2c_usage_error(cmd, "--enable needs --command, "
		    "--commands-file or --script");
	return 0;
}

/*
 * The script at the prompt, then the session left whatever the script
 * did: its error, the script's exit code (or L2C_EX_SCRIPT) in *code.
 */
static int
run_lua(struct l2c_script_opts *o, struct l2c_script *s,
    struct l2c_sess *sess, int *code)
{
	*code = 0;
	if (l2c_script_ready(s, sess) == L2C_STEP_OK &&
	    (*code = l2c_lua_run(o->lua, s)) < 0)
		*code = L2C_EX_SCRIPT;
	return l2c_script_finish(s);
}

int
l2c_script_opts_run(struct l2c_script_opts *o, struct l2c_loop *loop,
    const struct l2c_family *f, struct l2c_ctx *ctx,
    const struct l2c_sess_conf *sc, int wake, const char *ifname)
{
	struct l2c_script_conf	 c = {
		.cmds = (const char *const *)o->cmds, .ncmds = o->ncmds,
		.prompt_re = o->prompt, .cmd_timeout_us = o->timeout_us,
		.json = o->json, .wake = wake, .login_user = o->login_user,
		.password = o->login_user ? o->password : NULL,
		.enable = o->enable, .enable_password = o->enable_password,
		.step = o->lua != NULL,
	};
	struct l2c_sess_end	 e;
	struct l2c_sess_facts	 facts;
	struct l2c_script	*s;
	struct l2c_sess		 sess;
	char			 line[512];
	int			 rv, code = 0;

	if ((rv = l2c_script_new(loop, &c, &s)) != 0) {
		l2c_say("cannot start: %s", l2c_strerror(rv));
		return l2c_exit_for(rv);
	}
	if ((rv = f->start(ctx, sc, l2c_script_cb(s), &sess)) != 0) {
		l2c_say("cannot start the session: %s", l2c_strerror(rv));
		l2c_script_free(s);
		return l2c_exit_for(rv);
	}
	if (o->lua != NULL)
		rv = run_lua(o, s, &sess, &code);
	else
		rv = l2c_script_run(s, &sess);
	switch (l2c_script_outcome(s)) {
	case L2C_SCRIPT_LOGIN:
		rv = L2C_EX_AUTH;
		break;
	case L2C_SCRIPT_NOLOGIN:
		rv = L2C_EX_USAGE;
		break;
	case L2C_SCRIPT_TIMEOUT:
		rv = L2C_EX_CMDTIME;
		break;
	default:
		if (rv != 0) {
			/* The facts of the end, while the session is here. */
			memset(&facts, 0, sizeof(facts));
			if (sess.ops->facts != NULL)
				sess.ops->facts(sess.s, &facts);
			e = (struct l2c_sess_end){ rv, ifname, sc,
			    sess.ops->facts != NULL ? &facts : NULL };
			if (l2c_family_explain(f, &e, line, sizeof(line)) > 0)
				l2c_say("%s", line);
			rv = l2c_exit_for(rv);
		} else if (l2c_script_outcome(s) == L2C_SCRIPT_FAILED)
			rv = L2C_EX_CMDFAIL;
		else
			rv = code;
		break;
	}
	sess.ops->free(sess.s);
	l2c_script_free(s);
	return rv;
}

void
l2c_script_opts_free(struct l2c_script_opts *o)
{
	size_t	i;

	for (i = 0; i < o->ncmds; i++)
		free(o->cmds[i]);
	free(o->cmds);
	l2c_lua_free(o->lua);
	o->lua = NULL;
	l2c_secret_wipe(o->password, sizeof(o->password));
	l2c_secret_wipe(o->enable_password, sizeof(o->enable_password));
	o->cmds = NULL;
	o->ncmds = 0;
}
