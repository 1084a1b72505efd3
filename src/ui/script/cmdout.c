/* SPDX-License-Identifier: ISC */
/* One command's output, anchored on its own echo (cmdout.h). */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/script/cmdout.h"
#include "ui/script/grow.h"

void
l2c_cmdout_begin(struct l2c_cmdout *c, const struct l2c_prompt *p,
    const char *cmd)
{
	memset(c, 0, sizeof(*c));
	c->p = p;
	c->cmd = cmd;
}

/* Room for n more bytes and a NUL. */
static int
grow(struct l2c_cmdout *c, size_t n)
{
	return l2c_grow(&c->out, &c->cap, c->len + n + 1, 4096);
}

int
l2c_cmdout_line(struct l2c_cmdout *c, const char *s, size_t n)
{
	char	*line;
	int	 rv;

	if ((line = strndup(s, n)) == NULL)
		return L2C_ERR_NOMEM;
	/* Lines before the echo are an earlier command's tail or repaints. */
	if (!c->echoed) {
		c->echoed = l2c_prompt_echo(c->p, line, c->cmd);
		free(line);
		return 0;
	}
	if (!c->failed && l2c_prompt_failed(line)) {
		c->failed = 1;
		c->failure = line;
	} else
		free(line);
	if ((rv = grow(c, n + 1)) != 0)
		return rv;
	memcpy(c->out + c->len, s, n);
	c->len += n;
	c->out[c->len++] = '\n';
	c->out[c->len] = '\0';
	return 0;
}

int
l2c_cmdout_done(const struct l2c_cmdout *c, const char *row)
{
	return c->echoed && l2c_prompt_is(c->p, row);
}

const char *
l2c_cmdout_text(struct l2c_cmdout *c)
{
	if (c->out == NULL)
		return "";
	while (c->len > 0 && c->out[c->len - 1] == '\n')
		c->out[--c->len] = '\0';
	return c->out;
}

void
l2c_cmdout_end(struct l2c_cmdout *c)
{
	free(c->out);
	free(c->failure);
	memset(c, 0, sizeof(*c));
}
