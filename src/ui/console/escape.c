/* SPDX-License-Identifier: ISC */
/*
 * The escape filter (escape.h): the escape key opens the prompt, the
 * key after it is a command from the table, the key itself twice sends
 * it; everything else passes, LF as CR if asked.
 */
#include <stdio.h>
#include <string.h>

#include "ui/console/console.h"
#include "ui/console/escape.h"

struct esc_row {
	int			 key;
	const char		*help;		/* NULL: not listed */
	enum l2c_esc_cmd	 cmd;
	unsigned		 suppress;	/* hidden under these flags */
	const char		*ask;		/* the argument's question */
};

/* The escape prompt's commands: one row each. */
static const struct esc_row esc_rows[] = {
	{ 'q',	"quit: end the session and exit",	L2C_ESC_QUIT, 0, NULL },
	{ '.',	"quit (ssh's habit)",			L2C_ESC_QUIT, 0, NULL },
	{ 'b',	"send a break",				L2C_ESC_BREAK,
	    L2C_ESC_SUPPRESS_BRK, NULL },
	{ 'i',	"session information",			L2C_ESC_INFO, 0, NULL },
	{ 's',	"send a file, paced (^C stops it)",	L2C_ESC_SEND, 0,
	    "file to send: " },
	{ 'w',	"write hex bytes",			L2C_ESC_WRITE, 0,
	    "hex bytes to write: " },
	{ 'e',	"local echo on/off",			L2C_ESC_ECHO, 0, NULL },
	{ 'h',	"hex view on/off",			L2C_ESC_HEX, 0, NULL },
	{ 't',	"time stamps on/off",			L2C_ESC_STAMPS, 0, NULL },
	{ 'm',	"CR/LF maps",				L2C_ESC_MAP, 0,
	    "maps (ICRNL,IGNCR,INLCR,INLCRNL,OCRNL,ONLCR,ODELBS,OLTU "
	    "or none): " },
	{ '?',	"this list",				L2C_ESC_HELP, 0, NULL },
	{ '\r',	"back to the session",			L2C_ESC_RESUME, 0, NULL },
	{ '\n',	NULL,					L2C_ESC_RESUME, 0, NULL },
};

#define NROWS	(sizeof(esc_rows) / sizeof(esc_rows[0]))

/* The key after the escape key: a command, or the key itself. */
static int
command(struct l2c_esc *e, uint8_t b)
{
	size_t	k;

	for (k = 0; k < NROWS; k++) {
		if (esc_rows[k].key != b)
			continue;
		if (esc_rows[k].ask != NULL) {
			e->state = L2C_ESC_LINE;
			e->linecmd = esc_rows[k].cmd;
			e->linelen = 0;
			if (e->echo != NULL)
				e->echo(e->arg, esc_rows[k].ask,
				    strlen(esc_rows[k].ask));
			return 0;
		}
		return e->cmd(e->arg, esc_rows[k].cmd, b);
	}
	return e->cmd(e->arg, L2C_ESC_UNKNOWN, b);
}

static void
echo(struct l2c_esc *e, const char *s, size_t n)
{
	if (e->echo != NULL)
		e->echo(e->arg, s, n);
}

/* A key while a command's argument is typed; nonzero: stop filtering. */
static int
line_key(struct l2c_esc *e, uint8_t b)
{
	int	rv;

	switch (b) {
	case '\r':
	case '\n':
		e->state = L2C_ESC_NONE;
		e->line[e->linelen] = '\0';
		rv = e->cmd(e->arg, e->linecmd, 0);
		explicit_bzero(e->line, sizeof(e->line));
		e->linelen = 0;
		return rv;
	case 0x03:
	case 0x1b:
		e->state = L2C_ESC_NONE;
		explicit_bzero(e->line, sizeof(e->line));
		e->linelen = 0;
		echo(e, " (cancelled)\r\n", 15);
		return 0;
	case 0x7f:
	case 0x08:
		if (e->linelen > 0) {
			e->linelen--;
			echo(e, "\b \b", 3);
		}
		return 0;
	}
	if (b >= 0x20 && e->linelen + 1 < sizeof(e->line)) {
		e->line[e->linelen++] = (char)b;
		echo(e, (const char *)&b, 1);
	}
	return 0;
}

size_t
l2c_esc_filter(struct l2c_esc *e, uint8_t *p, size_t n, size_t *rest)
{
	size_t	i, out = 0;
	int	on = e->armed && e->key != L2C_ESCAPE_NONE;

	*rest = n;
	for (i = 0; i < n; i++) {
		uint8_t b = p[i];

		if (e->state == L2C_ESC_LINE) {
			if (line_key(e, b) != 0)
				return out;
			continue;
		}
		if (e->state == L2C_ESC_PROMPT) {
			e->state = L2C_ESC_NONE;
			if (e->key != L2C_ESCAPE_NONE && b == (uint8_t)e->key) {
				p[out++] = b;
				continue;
			}
			if (command(e, b) != 0)
				return out;
			continue;
		}
		if (on && b == (uint8_t)e->key && e->menu) {
			/* The face's menu: what follows is its business. */
			e->state = L2C_ESC_MENU;
			*rest = i + 1;
			return out;
		}
		if (on && b == (uint8_t)e->key) {
			e->state = L2C_ESC_PROMPT;
			if (e->prompt != NULL)
				e->prompt(e->arg);
			continue;
		}
		if (e->lf_to_cr && b == '\n')
			b = '\r';
		p[out++] = b;
	}
	return out;
}

void
l2c_esc_help(const struct l2c_esc *e, char *line, size_t len)
{
	size_t	i, n = 0;

	if (len == 0)
		return;
	line[0] = '\0';
	for (i = 0; i < NROWS && n < len; i++) {
		if (esc_rows[i].help == NULL ||
		    (esc_rows[i].suppress & e->suppress) != 0)
			continue;
		n += (size_t)snprintf(line + n, len - n, "%s%s %s",
		    n ? ", " : "", esc_rows[i].key == '\r' ? "Enter" :
		    (char[]){ (char)esc_rows[i].key, 0 }, esc_rows[i].help);
	}
}
