/* SPDX-License-Identifier: ISC */
/* The terminal's modes: raw for a session, and back again, always. */
#ifndef L2C_UI_TERM_H
#define L2C_UI_TERM_H

#include <termios.h>

struct l2c_term {
	int		fd;
	int		raw;
	int		paste;		/* bracketed paste asked for while raw */
	struct termios	saved;
};

int	l2c_term_raw(struct l2c_term *, int fd);
void	l2c_term_restore(struct l2c_term *);

#endif
