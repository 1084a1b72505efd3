/* SPDX-License-Identifier: ISC */
/*
 * The scripted console: a face of its own for a started console session
 * (core/session.h) that logs in where the console asks (MOP: Username:,
 * Password:, enable), waits for the prompt, runs each command, prints
 * its clean output (text, or one JSON document) and leaves.  The screen
 * is read through the terminal model (console/vt.h), which also answers
 * the device's terminal probes.
 *
 *	l2c_script_new(loop, &conf, &s);
 *	family->start(ctx, &sc, l2c_script_cb(s), &sess);
 *	err = l2c_script_run(s, &sess);	// until the session closed
 *	switch (l2c_script_outcome(s)) ...
 */
#ifndef L2C_UI_SCRIPT_H
#define L2C_UI_SCRIPT_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "core/loop.h"
#include "core/session.h"

#define L2C_SCRIPT_QUIET_US	L2C_MS(150)	/* the spell after a prompt */
#define L2C_SCRIPT_COLS		256	/* the screen the device is told of */
#define L2C_SCRIPT_ROWS		50
#define L2C_SCRIPT_WAIT_US	L2C_SEC(30)	/* --command-timeout default */

struct l2c_script_conf {
	const char *const *cmds;
	size_t		 ncmds;
	const char	*prompt_re;	/* NULL: RouterOS and IOS */
	uint64_t	 cmd_timeout_us;
	uint64_t	 quiet_us;
	int		 json;
	int		 wake;		/* a CR when the console says nothing */
	int		 step;		/* the caller drives (step mode) */
	/* The console's own login (MOP); NULL: none expected. */
	const char	*login_user;
	const char	*password;
	int		 enable;
	const char	*enable_password;
};

enum l2c_script_end {
	L2C_SCRIPT_OK,		/* every command ran */
	L2C_SCRIPT_FAILED,	/* the device said a command failed */
	L2C_SCRIPT_TIMEOUT,	/* no prompt within the command timeout */
	L2C_SCRIPT_LOGIN,	/* the console refused the login */
	L2C_SCRIPT_NOLOGIN,	/* it asks for what was not given */
};

struct l2c_script;

int	l2c_script_new(struct l2c_loop *, const struct l2c_script_conf *,
	    struct l2c_script **);
const struct l2c_sess_cb *l2c_script_cb(struct l2c_script *);
/* Until the session closed: its error (0 for a normal end). */
int	l2c_script_run(struct l2c_script *, struct l2c_sess *);
enum l2c_script_end l2c_script_outcome(const struct l2c_script *);
void	l2c_script_free(struct l2c_script *);

/*
 * Step mode (conf.step, no commands): after the login the caller (a Lua
 * script) drives the console one step at a time; each step runs the
 * loop until it is done.  INTR: a signal asked to leave; CLOSED: the
 * session ended or failed (l2c_script_finish() gives its error).
 *
 *	if (l2c_script_ready(s, &sess) == L2C_STEP_OK)
 *		l2c_script_command(s, "show clock", &out, &failure);
 *	err = l2c_script_finish(s);	// END / Release, until CLOSED
 */
enum l2c_step {
	L2C_STEP_OK,
	L2C_STEP_TIMEOUT,	/* no prompt, no match within the time */
	L2C_STEP_CLOSED,
	L2C_STEP_INTR,
};

/* Until the login is done (outcome() says why when it is not OK). */
enum l2c_step l2c_script_ready(struct l2c_script *, struct l2c_sess *);
/* One command as --command runs it; out and failure (NULL: it ran) are
 * valid until the next command. */
enum l2c_step l2c_script_command(struct l2c_script *, const char *cmd,
	    const char **out, const char **failure);
/* Bytes typed as they are. */
enum l2c_step l2c_script_send(struct l2c_script *, const void *, size_t);
/* Wait up to us for re to match what came since the last match
 * (expbuf.h): OK and m[0..nm) into *subj, or TIMEOUT. */
enum l2c_step l2c_script_expect(struct l2c_script *, const regex_t *re,
	    uint64_t us, regmatch_t *m, size_t nm, const char **subj);
/* The loop runs (acknowledgements, output) for us. */
enum l2c_step l2c_script_sleep(struct l2c_script *, uint64_t us);
/* One pass of the loop without waiting: for a script busy computing. */
enum l2c_step l2c_script_poll(struct l2c_script *);
/* The screen's text, as snprintf (console/vt.h). */
size_t	l2c_script_screen(struct l2c_script *, char *, size_t);
/* The prompt the cursor is at (its length, trailing blanks cut), or 0. */
size_t	l2c_script_prompt(struct l2c_script *, const char **);
/* Leave (END / Release) and wait for CLOSED: the session's error. */
int	l2c_script_finish(struct l2c_script *);

#endif
