/* SPDX-License-Identifier: ISC */
/*
 * Paced input for a face (the line-mode console, the full-screen UI's
 * sessions): a paste (more than one line at once, or bracketed) and a
 * file sent go out line by line through the pacer (core/pace.h).  Order
 * is kept: while pacing is under way, what is typed queues behind it in
 * the face's own input buffer, which the feeder drains into the pacer
 * once the file is all queued.  The face owns the timer and the
 * session: it hands the feeder an offer (the session's input) and a
 * say (its status line) and pumps again at the deadline and on output.
 */
#ifndef L2C_UI_CONSOLE_FEED_H
#define L2C_UI_CONSOLE_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "core/pace.h"

#define L2C_FEED_QUEUE	(256 * 1024)	/* a paste or file, queued at most */
#define L2C_FEED_NAME	1024

struct l2c_feed {
	struct l2c_pace	 pace;
	int		 pacing;	/* pastes are paced (else files only) */
	int		 pasting;	/* since the paste began */
	int		 sending;	/* a file, until its last line */
	int		 file_fd;	/* -1: all of it queued */
	int		 file_cr;	/* the last byte read was CR */
	char		 file_name[L2C_FEED_NAME];
	uint64_t	 file_size, file_start;
	/* The session's input: bytes taken, or < 0 an input error. */
	int		(*offer)(void *, const uint8_t *, size_t);
	void		(*say)(void *, const char *);	/* one line */
	void		*arg;
};

/*
 * paste_wait: --paste-wait (enum l2c_pace_wait, or L2C_PASTE_AUTO: echo
 * at a terminal or with a line delay, else off); 0, or L2C_ERR_NOMEM.
 */
int	l2c_feed_init(struct l2c_feed *, int paste_wait,
	    uint64_t paste_delay_us, uint64_t line_delay_us, int interactive);
void	l2c_feed_free(struct l2c_feed *);
/* Paced input waits to go, or a file is being sent. */
int	l2c_feed_busy(const struct l2c_feed *);
/* The bytes just typed must go paced (a paste, or pacing under way). */
int	l2c_feed_wanted(const struct l2c_feed *, const uint8_t *, size_t);
/* The device's output, for the confirmation of the line that went. */
void	l2c_feed_output(struct l2c_feed *, const uint8_t *, size_t);
/*
 * Queue what waits (the file, then in[], drained), send what may go:
 * < 0 an input error, else 0; *deadline is when to look again (0: on
 * output, or idle).
 */
int	l2c_feed_pump(struct l2c_feed *, uint8_t *in, size_t *inlen,
	    uint64_t *deadline);
/* Stop it all (the face wipes its own typed input): says how far. */
void	l2c_feed_stop(struct l2c_feed *, const char *why);
/* A file, line by line: 0, or an error already said. */
int	l2c_feed_send(struct l2c_feed *, const char *path, const char *stop);
/* The progress line of a file under way: its length, 0 when none. */
int	l2c_feed_progress(const struct l2c_feed *, char *, size_t);

#endif /* L2C_UI_CONSOLE_FEED_H */
