/* SPDX-License-Identifier: ISC */
/*
 * The console's terminal model (vt.h), when one is needed: it answers
 * the device when no real terminal will, and it turns the output into
 * the lines of --output text and --log-format text.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "ui/console/console_int.h"

#define VT_SCROLLBACK	1000

void
l2c_con_out_flush(struct l2c_console *c)
{
	l2c_con_write(STDOUT_FILENO, c->out, c->outlen);
	c->outlen = 0;
}

/* The terminal model completed a line (vt.h): to stdout, to the log. */
static void
on_vt_line(void *arg, const char *p, size_t n)
{
	struct l2c_console	*c = arg;

	if (c->log_text) {
		l2c_con_log(c, p, n);
		l2c_con_log(c, "\n", 1);
	}
	if (!c->out_text)
		return;
	if (c->outlen + n + 1 > OUTBUF)
		l2c_con_out_flush(c);
	if (n + 1 > OUTBUF) {
		l2c_con_write(STDOUT_FILENO, p, n);
		l2c_con_write(STDOUT_FILENO, "\n", 1);
		return;
	}
	memcpy(c->out + c->outlen, p, n);
	c->out[c->outlen + n] = '\n';
	c->outlen += n + 1;
}

/* The model's answers to the device, as if typed, once it can take. */
void
l2c_con_reply_flush(struct l2c_console *c)
{
	int	taken;

	if (c->replen == 0 || !c->open || c->closing || c->closed ||
	    c->sess == NULL)
		return;
	if ((taken = l2c_con_offer(c, c->rep, c->replen)) <= 0)
		return;
	memmove(c->rep, c->rep + taken, c->replen - (size_t)taken);
	c->replen -= (size_t)taken;
}

static void
on_vt_reply(void *arg, const char *p, size_t n)
{
	struct l2c_console	*c = arg;

	if (n > sizeof(c->rep) - c->replen) {
		l2c_debug("console: terminal answers dropped (%zu bytes)", n);
		return;
	}
	memcpy(c->rep + c->replen, p, n);
	c->replen += n;
	l2c_con_reply_flush(c);
}

/*
 * The terminal model, when one is needed: it answers the device when
 * no real terminal will (stdout is not one, --term virtual, or text on
 * stdout asked for), and it makes the text for --log-format text.
 */
int
l2c_con_vt_start(struct l2c_console *c)
{
	struct l2c_vt_conf	 vc;
	const struct l2c_console_opts *o = &c->opts;
	unsigned		 cols, rows;

	c->answering = o->term == L2C_TERM_VIRTUAL ||
	    !isatty(STDOUT_FILENO) || o->output == L2C_OUT_TEXT;
	c->out_text = c->answering && o->output != L2C_OUT_RAW;
	c->log_text = o->log_format == L2C_OUT_TEXT;
	if (!c->answering && !c->log_text)
		return 0;
	memset(&vc, 0, sizeof(vc));
	if (c->answering) {
		vc.cols = o->cols > 0 ? o->cols : L2C_BATCH_COLS;
		vc.rows = o->rows > 0 ? o->rows : L2C_BATCH_ROWS;
		vc.reply = on_vt_reply;
	} else {
		/* Text for the log only: the real terminal's size. */
		l2c_console_winsize(&cols, &rows);
		vc.cols = (int)cols;
		vc.rows = (int)rows;
	}
	vc.scrollback = VT_SCROLLBACK;
	vc.line = on_vt_line;
	vc.arg = c;
	if (c->out_text && (c->out = malloc(OUTBUF)) == NULL)
		return L2C_ERR_NOMEM;
	return l2c_vt_new(&vc, &c->vt);
}
