/* SPDX-License-Identifier: ISC */
/*
 * The console face's parts (console.c at the top; con_io.c, the
 * terminal and the session's input; vt_glue.c, the terminal model;
 * feed.h, paced input and file send, shared with the full-screen UI):
 * the one context they share.  Calls go down only: console.c calls the
 * parts, the parts call con_io.c, and timers stay in console.c.
 */
#ifndef L2C_UI_CONSOLE_INT_H
#define L2C_UI_CONSOLE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/loop.h"
#include "core/pace.h"
#include "core/session.h"
#include "ui/console/console.h"
#include "ui/console/escape.h"
#include "ui/console/feed.h"
#include "ui/console/sess_log.h"
#include "ui/console/term.h"
#include "ui/console/tools.h"
#include "ui/console/view.h"
#include "ui/console/vt.h"

#define INBUF		4096
#define OUTBUF		65536		/* text lines, written per output */

struct l2c_console {
	struct l2c_loop		*loop;
	struct l2c_console_opts	 opts;
	struct l2c_sess_cb	 cb;
	struct l2c_sess		*sess;
	struct l2c_term		 term;
	int			 interactive;	/* stdin is a terminal */
	int			 open;
	int			 closing;
	int			 closed;
	int			 err;
	int			 watching_in;
	int			 in_eof;
	struct l2c_esc		 esc;		/* the escape filter */
	uint8_t			 in[INBUF];
	size_t			 inlen;
	struct l2c_timer	 idle;
	int			 idle_waited;	/* the peer owed an answer */
	struct l2c_timer	 grace;
	struct l2c_sess_facts	 facts;		/* of CLOSED */
	int			 have_facts;
	int			 signo;		/* that ended the session */
	struct l2c_console_menu	 menu;		/* open == NULL: prompt */
	uint8_t			*hold;		/* output while the menu is up */
	size_t			 holdlen, holdcap;
	uint64_t		 hold_lost;
	struct l2c_sess_log	 log;
	struct l2c_vt		*vt;		/* NULL: output passes through */
	int			 answering;	/* vt answers the device */
	int			 out_text;	/* stdout gets vt's lines */
	int			 log_text;	/* the log gets vt's lines */
	uint8_t			 rep[256];	/* vt's answers, not yet taken */
	size_t			 replen;
	char			*out;		/* lines for stdout */
	size_t			 outlen;
	struct l2c_timer	 settle;	/* batch input not yet */
	uint64_t		 settle_end;
	int			 settling;
	/* Does the cursor's row show the device waiting at a prompt? */
	int			(*ready)(void *, const char *row);
	void			*ready_arg;
	/* The small tools (view.h), switched from the escape prompt. */
	struct l2c_view		 view;
	/* Paced input (feed.h): a paste, then a file being sent. */
	struct l2c_feed		 feed;
	struct l2c_timer	 pace_timer;
	int			 paced;		/* in[] goes through the pacer */
	int			 in_paste;	/* between bracketed paste's marks */
	int			 pumping, repump;	/* pump_paced() under way */
	struct l2c_timer	 progress;
};

/* con_io.c: the terminal, and input offered to the session. */
void	l2c_con_write(int fd, const void *, size_t);
void	l2c_con_hold(struct l2c_console *, const void *, size_t);
void	l2c_con_say(struct l2c_console *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	l2c_con_offer(struct l2c_console *, const uint8_t *, size_t);
void	l2c_con_log(struct l2c_console *, const void *, size_t);
/* The view's put: to the terminal, or held while the menu is up. */
void	l2c_con_put(void *, const void *, size_t);
/* The device's output to the terminal: maps, hex view, stamps. */
void	l2c_con_show(struct l2c_console *, const uint8_t *, size_t);
/* Typed bytes shown as typed (local echo). */
void	l2c_con_echo(struct l2c_console *, const uint8_t *, size_t);
/* A tool's escape command (echo, hex, stamps, write, map): 1 if it was. */
int	l2c_con_tool(struct l2c_console *, enum l2c_esc_cmd);

/* vt_glue.c: the terminal model, when one is needed. */
int	l2c_con_vt_start(struct l2c_console *);
void	l2c_con_reply_flush(struct l2c_console *);
void	l2c_con_out_flush(struct l2c_console *);

/* con_io.c: the feeder's hooks (feed.h), offer and say. */
int	l2c_con_feed_offer(void *, const uint8_t *, size_t);
void	l2c_con_feed_say(void *, const char *);

#endif
