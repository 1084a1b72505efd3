/* SPDX-License-Identifier: ISC */
/*
 * Prompt detection for the scripted console: which rows are prompts,
 * which line is a command's own echo, pagers, login questions and the
 * device's failure messages (prompt.h).
 */
#include <regex.h>
#include <string.h>

#include "core/err.h"
#include "ui/script/prompt.h"

/*
 * RouterOS: "[user@identity] > " and "[user@identity] <SAFE> ".  IOS:
 * "name>", "name#", "name(config...)#", and ROMMON's "rommon 1 > ".
 */
static const char *const builtin_re[] = {
	"^\\[[^]@ ]+@[^]]+\\] (>|<SAFE>) ?",
	"^[A-Za-z0-9][A-Za-z0-9._-]*(\\([A-Za-z0-9-]+\\))?[>#] ?",
	"^rommon [0-9]+ > ?",
};

/* The pagers: the row as the device writes it, and the key it wants. */
static const struct {
	const char	*row;
	const char	*answer;
} pagers[] = {
	{ "-- [Q quit|D dump|down]", "d" },	/* RouterOS: dump the rest */
	{ "--More--", " " },			/* IOS: the next page */
};

/* What the devices say when a command did not run. */
static const char *const failures[] = {
	"bad command name",
	"expected end of command",
	"syntax error",
	"% Invalid input",
	"% Incomplete command",
	"% Ambiguous command",
	"% Unknown command",
};

static const char *const login_failures[] = {
	"% Login invalid",
	"% Authentication failed",
	"Login failed, incorrect username or password",
};

int
l2c_prompt_init(struct l2c_prompt *p, const char *user_re)
{
	size_t	i;

	memset(p, 0, sizeof(*p));
	if (user_re != NULL) {
		if (regcomp(&p->re[0], user_re, REG_EXTENDED) != 0)
			return L2C_ERR_INVAL;
		p->nre = 1;
		return 0;
	}
	for (i = 0; i < sizeof(builtin_re) / sizeof(builtin_re[0]); i++) {
		if (regcomp(&p->re[i], builtin_re[i], REG_EXTENDED) != 0) {
			l2c_prompt_free(p);
			return L2C_ERR_INVAL;
		}
		p->nre++;
	}
	return 0;
}

void
l2c_prompt_free(struct l2c_prompt *p)
{
	int	i;

	for (i = 0; i < p->nre; i++)
		regfree(&p->re[i]);
	p->nre = 0;
}

/* The longest match that starts the string: a user's pattern may float. */
size_t
l2c_prompt_at(const struct l2c_prompt *p, const char *s)
{
	regmatch_t	m;
	size_t		best = 0;
	int		i;

	for (i = 0; i < p->nre; i++)
		if (regexec(&p->re[i], s, 1, &m, 0) == 0 && m.rm_so == 0 &&
		    (size_t)m.rm_eo > best)
			best = (size_t)m.rm_eo;
	return best;
}

/* Blanks only from s on. */
static int
blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

int
l2c_prompt_is(const struct l2c_prompt *p, const char *row)
{
	size_t	n = l2c_prompt_at(p, row);

	return n > 0 && blank(row + n);
}

/* The echo: the prompt, blanks, the command, blanks (a redraw's tail). */
int
l2c_prompt_echo(const struct l2c_prompt *p, const char *line,
    const char *cmd)
{
	size_t	n = l2c_prompt_at(p, line), clen;

	if (n == 0)
		return 0;
	line += n;
	line += strspn(line, " ");
	cmd += strspn(cmd, " ");
	clen = strlen(cmd);
	while (clen > 0 && cmd[clen - 1] == ' ')
		clen--;
	return strncmp(line, cmd, clen) == 0 && blank(line + clen);
}

const char *
l2c_prompt_pager(const char *row)
{
	size_t	i;

	for (i = 0; i < sizeof(pagers) / sizeof(pagers[0]); i++)
		if (strstr(row, pagers[i].row) != NULL)
			return pagers[i].answer;
	return NULL;
}

/* The row ends with the question word and its colon (blanks after). */
static int
asks(const char *row, const char *word)
{
	size_t	n = strlen(row), w = strlen(word);

	while (n > 0 && row[n - 1] == ' ')
		n--;
	return n >= w && strncmp(row + n - w, word, w) == 0;
}

enum l2c_prompt_ask
l2c_prompt_ask(const char *row)
{
	if (asks(row, "Username:"))
		return L2C_ASK_USER;
	if (asks(row, "new password>"))
		return L2C_ASK_NAG;
	if (asks(row, "Password:"))
		return L2C_ASK_PASSWORD;
	return L2C_ASK_NONE;
}

/* Any of the words in the line. */
static int
says(const char *line, const char *const *words, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strstr(line, words[i]) != NULL)
			return 1;
	return 0;
}

int
l2c_prompt_failed(const char *line)
{
	return says(line, failures, sizeof(failures) / sizeof(failures[0]));
}

int
l2c_prompt_login_failed(const char *line)
{
	return says(line, login_failures,
	    sizeof(login_failures) / sizeof(login_failures[0]));
}
