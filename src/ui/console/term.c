/* SPDX-License-Identifier: ISC */
/*
 * Raw mode the way ssh does it: no echo, no line editing, no signals
 * from keys (Ctrl-C belongs to the router), no output processing; with
 * paste set, the terminal is asked to bracket pastes (ESC [ 200 ~ ...
 * ESC [ 201 ~) while raw, and to stop before it is given back.
 */
#include <string.h>
#include <unistd.h>

#include "ui/console/term.h"

int
l2c_term_raw(struct l2c_term *t, int fd)
{
	struct termios	raw;

	if (t->raw)
		return 0;
	if (tcgetattr(fd, &t->saved) == -1)
		return -1;
	raw = t->saved;
	raw.c_iflag |= IGNPAR;
	raw.c_iflag &= ~(tcflag_t)(ISTRIP | INLCR | IGNCR | ICRNL | IXON |
	    IXANY | IXOFF | IUCLC);
	raw.c_lflag &= ~(tcflag_t)(ISIG | ICANON | ECHO | ECHOE | ECHOK |
	    ECHONL | IEXTEN);
	raw.c_oflag &= ~(tcflag_t)OPOST;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSADRAIN, &raw) == -1)
		return -1;
	t->fd = fd;
	t->raw = 1;
	if (t->paste && isatty(STDOUT_FILENO))
		(void)!write(STDOUT_FILENO, "\033[?2004h", 8);
	return 0;
}

void
l2c_term_restore(struct l2c_term *t)
{
	if (!t->raw)
		return;
	if (t->paste && isatty(STDOUT_FILENO))
		(void)!write(STDOUT_FILENO, "\033[?2004l", 8);
	(void)tcsetattr(t->fd, TCSADRAIN, &t->saved);
	t->raw = 0;
}
