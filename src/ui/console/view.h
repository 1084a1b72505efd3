/* SPDX-License-Identifier: ISC */
/*
 * The small tools as a face keeps them for one session (the line-mode
 * console, each of the full-screen UI's sessions): the device's output
 * goes through the maps, the hex view and the time stamps on its way to
 * the face's screen (put), typed bytes through the output maps, and
 * are shown as typed with local echo.  The switches and their words are
 * here, so that both faces say the same.
 */
#ifndef L2C_UI_CONSOLE_VIEW_H
#define L2C_UI_CONSOLE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "ui/console/tools.h"

#define L2C_VIEW_WRITE_MAX	64	/* bytes of one hex string written */

struct l2c_view {
	unsigned		 maps;		/* L2C_MAP_* */
	int			 local_echo;
	int			 hex;
	struct l2c_hexview	 hexv;
	int			 stamps;
	int			 bol;		/* the next byte starts a line */
	/* Where the shown bytes go (the terminal, a pane). */
	void			(*put)(void *, const void *, size_t);
	void			*arg;
};

enum l2c_view_switch {
	L2C_VIEW_ECHO,
	L2C_VIEW_HEX,
	L2C_VIEW_STAMPS,
};

/* The device's output, as the switches show it. */
void	l2c_view_show(struct l2c_view *, const uint8_t *, size_t);
/* Typed bytes shown as typed, when local echo is on. */
void	l2c_view_echo(struct l2c_view *, const uint8_t *, size_t);
/* Typed bytes through the output maps: out has room for 2 * n. */
size_t	l2c_view_out(const struct l2c_view *, const uint8_t *, size_t,
	    uint8_t *out);
/* Whether a switch is on. */
int	l2c_view_on(const struct l2c_view *, enum l2c_view_switch);
/* Flip a switch; msg says its new state ("local echo on"). */
void	l2c_view_flip(struct l2c_view *, enum l2c_view_switch, char *msg,
	    size_t);
/* Set the maps from tio's names ("" keeps them): 0, or L2C_ERR_INVAL. */
int	l2c_view_set_maps(struct l2c_view *, const char *, char *msg, size_t);

#endif /* L2C_UI_CONSOLE_VIEW_H */
