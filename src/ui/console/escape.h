/* SPDX-License-Identifier: ISC */
/*
 * The escape key as a filter on typed bytes, kept apart from the
 * session (OpenSSH's escape handling, `esc_txt[]`): its own context,
 * one table of commands, and help that hides the rows that do not apply
 * to this session.  The console gives it every byte read from the
 * keyboard and acts on the commands it hands back.
 */
#ifndef L2C_UI_CONSOLE_ESCAPE_H
#define L2C_UI_CONSOLE_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

/* Rows of the help that do not apply (l2c_esc.suppress). */
#define L2C_ESC_SUPPRESS_BRK	0x01	/* the session has no break */

enum l2c_esc_cmd {
	L2C_ESC_QUIT,
	L2C_ESC_BREAK,
	L2C_ESC_INFO,
	L2C_ESC_HELP,
	L2C_ESC_RESUME,
	L2C_ESC_UNKNOWN,	/* a key that is no command */
	L2C_ESC_SEND,		/* send the file named in line */
	L2C_ESC_ECHO,		/* local echo on/off */
	L2C_ESC_HEX,		/* hex view on/off */
	L2C_ESC_STAMPS,		/* time stamps on/off */
	L2C_ESC_WRITE,		/* write the hex bytes in line */
	L2C_ESC_MAP,		/* the maps in line (tools.h) */
};

enum l2c_esc_state {
	L2C_ESC_NONE,		/* keys go to the session */
	L2C_ESC_PROMPT,		/* the prompt is up: the next key is a command */
	L2C_ESC_MENU,		/* the face's menu has the keyboard */
	L2C_ESC_LINE,		/* a command's argument is being typed */
};

#define L2C_ESC_LINE_MAX	256

struct l2c_esc {
	int			 key;		/* byte, or L2C_ESCAPE_NONE */
	int			 armed;		/* keyboard is a terminal */
	int			 menu;		/* the face draws its own menu */
	int			 lf_to_cr;
	unsigned		 suppress;	/* L2C_ESC_SUPPRESS_* */
	enum l2c_esc_state	 state;
	char			 line[L2C_ESC_LINE_MAX];	/* LINE's text */
	size_t			 linelen;
	enum l2c_esc_cmd	 linecmd;	/* to run once Enter ends it */
	/* The prompt opens (shown by the console). */
	void			(*prompt)(void *);
	/* Text for the prompt's line: a question, the typed characters. */
	void			(*echo)(void *, const char *, size_t);
	/* A command; nonzero stops the filter (the session is ending). */
	int			(*cmd)(void *, enum l2c_esc_cmd, uint8_t key);
	void			*arg;
};

/*
 * A command that takes an argument (s, w, m) asks for it on the prompt's
 * line: typed characters echo, Backspace rubs out, Enter runs the
 * command with line[] set (NUL terminated, wiped after), ^C or Escape
 * gives up.
 *
 * Filter n typed bytes in place: returns how many of p[] go to the
 * session.  *rest is where the bytes for the face's menu start (n when
 * the menu did not open).
 */
size_t	l2c_esc_filter(struct l2c_esc *, uint8_t *, size_t, size_t *rest);
/* The commands that apply, in one line. */
void	l2c_esc_help(const struct l2c_esc *, char *, size_t);

#endif
