/* SPDX-License-Identifier: ISC */
/*
 * The full-screen UI: `l2console` with no command.  Interface picker,
 * a live neighbor table fed by the scan engine, and consoles through
 * the same sessions and console face as `l2console mikrotik` / `mop`.
 */
#ifndef L2C_UI_TUI_H
#define L2C_UI_TUI_H

#include <stddef.h>
#include <stdint.h>

enum l2c_color {
	L2C_COLOR_AUTO = 0,	/* a terminal with colours, NO_COLOR unset */
	L2C_COLOR_ALWAYS,
	L2C_COLOR_NEVER,
};

struct l2c_tui_opts {
	const char	*ifname;	/* -i: no picker */
	enum l2c_color	 color;
	int		 escape;	/* the session escape key */
	const char	*log;		/* --log FILE: every session logged */
	int		 timestamps;
	int		 promisc;	/* --promisc: the scan's capture */
	size_t		 scrollback;	/* --scrollback: rows per session */
	int		 reconnect;	/* --reconnect: on for every session */
	uint64_t	 reconnect_us;	/* --reconnect-timeout */
	/* Paced paste (ui/console/feed.h): --paste-wait, --line-delay. */
	int		 paste_wait;	/* enum l2c_pace_wait, or AUTO */
	uint64_t	 paste_delay_us;
	uint64_t	 line_delay_us;
};

void	l2c_tui_defaults(struct l2c_tui_opts *);
/* "auto", "always", "never" (and the usual yes/no spellings). */
int	l2c_tui_parse_color(const char *, enum l2c_color *);
/* --scrollback N: 0, or L2C_ERR_INVAL. */
int	l2c_tui_parse_scrollback(const char *, size_t *);
/* Run the UI; returns an exit status (64 when there is no terminal). */
int	l2c_tui_main(const struct l2c_tui_opts *);

#endif
