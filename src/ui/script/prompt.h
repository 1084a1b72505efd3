/* SPDX-License-Identifier: ISC */
/*
 * What a scripted console reads on the device's screen: its prompts
 * (RouterOS, IOS, or the user's --prompt), the login questions, the
 * pagers and the lines that say a command failed.  Text in, verdicts
 * out: the screen itself is the terminal model's (console/vt.h).
 */
#ifndef L2C_UI_SCRIPT_PROMPT_H
#define L2C_UI_SCRIPT_PROMPT_H

#include <regex.h>
#include <stddef.h>

#define L2C_PROMPT_MAXRE	4

struct l2c_prompt {
	regex_t	 re[L2C_PROMPT_MAXRE];
	int	 nre;
};

enum l2c_prompt_ask {
	L2C_ASK_NONE,
	L2C_ASK_USER,		/* "Username: " */
	L2C_ASK_PASSWORD,	/* "Password: " */
	L2C_ASK_NAG,		/* RouterOS "new password> " */
};

/*
 * The built-in prompts, or only user_re (POSIX extended, matched at the
 * start of a row) when it is not NULL.  0 or L2C_ERR_INVAL.
 */
int	l2c_prompt_init(struct l2c_prompt *, const char *user_re);
void	l2c_prompt_free(struct l2c_prompt *);
/* The prompt's length at the start of s, or 0 when s does not open so. */
size_t	l2c_prompt_at(const struct l2c_prompt *, const char *s);
/* Nonzero when the row is a prompt and nothing else (blanks allowed). */
int	l2c_prompt_is(const struct l2c_prompt *, const char *row);
/* Nonzero when line is a prompt followed by cmd: that command's echo. */
int	l2c_prompt_echo(const struct l2c_prompt *, const char *line,
	    const char *cmd);
/* What to type at a pager on this row, or NULL when it is none. */
const char *l2c_prompt_pager(const char *row);
/* Which login question the row asks. */
enum l2c_prompt_ask l2c_prompt_ask(const char *row);
/* Nonzero when the line says the command failed (the device's words). */
int	l2c_prompt_failed(const char *line);
/* Nonzero when the line says the login was refused. */
int	l2c_prompt_login_failed(const char *line);

#endif
