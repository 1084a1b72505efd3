/* SPDX-License-Identifier: ISC */
/*
 * One command's output as the terminal model gives it, line by line:
 * nothing counts until the command's own echo (the prompt and the
 * command), every line after it is output, and the command is done
 * when the row being typed on is a prompt again (the caller then waits
 * for a quiet spell).  Clean text: no echo, no prompt, no escapes.
 */
#ifndef L2C_UI_SCRIPT_CMDOUT_H
#define L2C_UI_SCRIPT_CMDOUT_H

#include <stddef.h>

#include "ui/script/prompt.h"

struct l2c_cmdout {
	const struct l2c_prompt	*p;
	const char		*cmd;
	int			 echoed;	/* its echo has been seen */
	int			 failed;	/* the device said it failed */
	char			*failure;	/* that line, first one */
	char			*out;
	size_t			 len, cap;
};

void	l2c_cmdout_begin(struct l2c_cmdout *, const struct l2c_prompt *,
	    const char *cmd);
/* A complete line from the model: 0, or L2C_ERR_NOMEM. */
int	l2c_cmdout_line(struct l2c_cmdout *, const char *, size_t);
/* Nonzero when, with this row under the cursor, the command is done. */
int	l2c_cmdout_done(const struct l2c_cmdout *, const char *row);
/* The output so far, trailing blank lines removed, NUL-terminated. */
const char *l2c_cmdout_text(struct l2c_cmdout *);
void	l2c_cmdout_end(struct l2c_cmdout *);

#endif
