/* SPDX-License-Identifier: ISC */
/*
 * The console face: one implementation for every protocol.  It owns the
 * terminal (raw mode, restored on every exit path, signals included),
 * the escape key and its prompt, window size changes, and batch mode
 * (stdin not a tty).  A session (core/session.h) owns the wire.
 *
 *	struct l2c_console *con;
 *	l2c_console_new(loop, &opts, &con);
 *	mt_client_start(..., l2c_console_cb(con), &sess);
 *	err = l2c_console_run(con, &sess);	// until the session closes
 *	l2c_console_free(con);
 */
#ifndef L2C_UI_CONSOLE_H
#define L2C_UI_CONSOLE_H

#include <stdint.h>

#include "core/loop.h"
#include "core/session.h"

#define L2C_ESCAPE_DEFAULT	0x1d	/* Ctrl-], telnet's habit */
#define L2C_ESCAPE_NONE		-1

/*
 * The virtual terminal's size in batch mode: RouterOS measures the
 * terminal with ESC[9999C and ESC[9999B from the top left (so at most
 * 10000 each way), hard-wraps output at a width it cannot confirm, and
 * pages output taller than the terminal, which nobody can page on in
 * batch mode.  4096 columns is the width tik4net answers RouterOS with
 * (no wrapped record in 300 KB of output); 10000 rows, the most it can
 * measure, keeps the pager away from all but the longest output.
 */
#define L2C_BATCH_COLS		4096
#define L2C_BATCH_ROWS		10000

/* How the session's output is written: stdout (--output), the log. */
enum l2c_out_format {
	L2C_OUT_DEFAULT,	/* stdout: text with the virtual terminal */
	L2C_OUT_TEXT,		/* the lines a screen shows (vt.h) */
	L2C_OUT_RAW,		/* the bytes as received */
};

/* Who answers the device's terminal queries (--term). */
enum l2c_term_mode {
	L2C_TERM_AUTO,		/* a real terminal if stdout is one */
	L2C_TERM_VIRTUAL,	/* the terminal model, always */
};

struct l2c_console_opts {
	int		 escape;	/* byte, or L2C_ESCAPE_NONE */
	int		 batch;		/* -1: when stdin is not a tty */
	uint64_t	 idle_us;	/* batch: quiet time after stdin EOF */
	int		 wake;		/* send one CR once open (MOP --wake) */
	int		 lf_to_cr;	/* typed LF goes out as CR (IOS) */
	int		 term;		/* enum l2c_term_mode */
	int		 cols, rows;	/* the virtual terminal; 0: batch's */
	int		 output;	/* stdout, enum l2c_out_format */
	int		 log_format;	/* the log: L2C_OUT_RAW or _TEXT */
	/* Paced input (core/pace.h): --paste-wait, --line-delay. */
	int		 paste_wait;	/* enum l2c_pace_wait, or AUTO */
	uint64_t	 paste_delay_us;	/* --paste-wait DELAY */
	uint64_t	 line_delay_us;	/* the fallback delay; 0: pace's */
	/* The small tools, at start (the escape prompt switches them). */
	unsigned	 maps;		/* --map: L2C_MAP_* (tools.h) */
	int		 local_echo;	/* --local-echo */
	int		 hex;		/* --hex */
	int		 stamps;	/* the terminal's lines (--timestamps) */
};

/* Pastes paced when stdin is a terminal (or --line-delay), else not. */
#define L2C_PASTE_AUTO		-2

struct l2c_console;

void	l2c_console_defaults(struct l2c_console_opts *);
/* -e CHAR: "^]", "none", or one character.  0 or L2C_ERR_INVAL. */
int	l2c_console_parse_escape(const char *, int *);
int	l2c_console_new(struct l2c_loop *, const struct l2c_console_opts *,
	    struct l2c_console **);
/* The callbacks to create the session with (output, events). */
const struct l2c_sess_cb *l2c_console_cb(struct l2c_console *);
/*
 * Batch input waits until the device has had its say after the login:
 * until it is quiet, or, with this, as soon as the row the cursor is on
 * is a prompt (ready says so: its text, without the attributes).
 */
void	l2c_console_set_ready(struct l2c_console *,
	    int (*ready)(void *, const char *row), void *);
/*
 * Run until the session reports CLOSED; returns its error (0 for a
 * normal end).  The session's notices and final word go to stderr.
 */
int	l2c_console_run(struct l2c_console *, struct l2c_sess *);
void	l2c_console_free(struct l2c_console *);
/*
 * The facts behind CLOSED (ops->facts), or NULL: for the family's
 * explain (struct l2c_sess_end), which words them.
 */
const struct l2c_sess_facts *l2c_console_facts(const struct l2c_console *);
/*
 * Ready to run another session after one closed (a login tried again):
 * the same terminal, log and terminal model; stdin untouched.
 */
void	l2c_console_rearm(struct l2c_console *);
/* The terminal's size now (80x24 when there is no terminal). */
void	l2c_console_winsize(unsigned *cols, unsigned *rows);
/*
 * The size the session is to announce: the virtual terminal's when it
 * answers the device (batch mode, --term virtual), else the real one's.
 */
void	l2c_console_size(const struct l2c_console *, unsigned *cols,
	    unsigned *rows);
/* --output and --log-format words: 0, or L2C_ERR_INVAL. */
int	l2c_console_parse_output(const char *, int *);
/* The signal (SIGINT, SIGTERM, SIGHUP) that ended the session, or 0. */
int	l2c_console_signo(const struct l2c_console *);
/*
 * 1 when this side ended the last session (the escape menu, a signal,
 * batch input done), 0 when the device did or it was lost.
 */
int	l2c_console_closed_here(const struct l2c_console *);

/*
 * A face that draws its own escape menu (the full-screen UI).  When the
 * escape key is pressed the console stops reading the keyboard, puts the
 * terminal back in the mode it found it in, holds the session's output
 * (and its own notices) and calls open with the bytes typed after the
 * key in the same read.  The face gives the terminal back with
 * l2c_console_resume() or ends the session with l2c_console_close().
 * winch is called when the window changes while the menu is up (the
 * session has been told already).  Without a menu: the one-line prompt.
 */
struct l2c_console_menu {
	void	(*open)(void *, const uint8_t *, size_t);
	void	(*winch)(void *);
	void	*arg;
};

#define L2C_CONSOLE_HOLD_MAX	(1024 * 1024)	/* output held, at most */

void	l2c_console_set_menu(struct l2c_console *,
	    const struct l2c_console_menu *);
/* Raw mode again, the held output written, the keyboard to the session. */
void	l2c_console_resume(struct l2c_console *);
/* Queue bytes as if typed (the menu's "send the escape key"). */
int	l2c_console_input(struct l2c_console *, const uint8_t *, size_t);
/* End the session gracefully; l2c_console_run returns once it closed. */
void	l2c_console_close(struct l2c_console *);

/*
 * Session log: the session's output appended to path as it arrives;
 * with stamps, each line starts with the local time.  Returns 0, or
 * L2C_ERR_SYS with errno set.
 */
int	l2c_console_log_start(struct l2c_console *, const char *path,
	    int stamps);
/*
 * The same in two steps, for a file opened before a privilege drop:
 * open returns a descriptor (-1 with errno), which attach then owns.
 */
int	l2c_console_log_open(const char *path);
int	l2c_console_log_attach(struct l2c_console *, int fd, const char *path,
	    int stamps);
void	l2c_console_log_stop(struct l2c_console *);
/* The log's path while logging, else NULL. */
const char *l2c_console_log_path(const struct l2c_console *);

#endif
