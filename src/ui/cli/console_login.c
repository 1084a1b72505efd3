/* SPDX-License-Identifier: ISC */
#include <string.h>

#include "ui/cli/console_login.h"
#include "ui/script/prompt.h"

enum { CL_WAIT, CL_USER_SENT, CL_PW_SENT, CL_DONE };

static void
answer(struct l2c_clogin *cl, const char *text)
{
	if (cl->sess == NULL)
		return;
	(void)cl->sess->ops->input(cl->sess->s, (const uint8_t *)text,
	    strlen(text));
	(void)cl->sess->ops->input(cl->sess->s, (const uint8_t *)"\r", 1);
}

/*
 * The row being written, as text: a line break starts a new one, other
 * controls and escape sequences' bytes are dropped (the questions are
 * plain words at the end of the row).
 */
static void
feed(struct l2c_clogin *cl, const uint8_t *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\r' || p[i] == '\n')
			cl->rowlen = 0;
		else if (p[i] >= 0x20 && p[i] != 0x7f &&
		    cl->rowlen < sizeof(cl->row) - 1)
			cl->row[cl->rowlen++] = (char)p[i];
	}
	cl->row[cl->rowlen] = '\0';
}

static void
cl_output(void *arg, const uint8_t *p, size_t n)
{
	struct l2c_clogin	*cl = arg;

	cl->down->output(cl->down->arg, p, n);
	if (cl->state == CL_DONE)
		return;
	feed(cl, p, n);
	switch (l2c_prompt_ask(cl->row)) {
	case L2C_ASK_USER:
		if (cl->state != CL_WAIT) {
			/* Asked again: the login was refused. */
			cl->refused = 1;
			cl->state = CL_DONE;
			return;
		}
		answer(cl, cl->user);
		cl->state = CL_USER_SENT;
		cl->rowlen = 0;
		break;
	case L2C_ASK_PASSWORD:
		if (cl->state == CL_PW_SENT) {
			cl->refused = 1;
			cl->state = CL_DONE;
			return;
		}
		/* A console that asks only for a password gets it too. */
		answer(cl, cl->password != NULL ? cl->password : "");
		cl->state = CL_PW_SENT;
		cl->rowlen = 0;
		break;
	default:
		/* The device's prompt: logged in, nothing more to answer. */
		if (cl->state == CL_PW_SENT && cl->rowlen > 0 &&
		    (cl->row[cl->rowlen - 1] == '>' ||
		    cl->row[cl->rowlen - 1] == '#'))
			cl->state = CL_DONE;
		break;
	}
}

static void
cl_event(void *arg, enum l2c_sess_event ev, int err, const char *text)
{
	struct l2c_clogin	*cl = arg;

	cl->down->event(cl->down->arg, ev, err, text);
}

void
l2c_clogin_init(struct l2c_clogin *cl, const struct l2c_sess_cb *down,
    const char *user, const char *password)
{
	memset(cl, 0, sizeof(*cl));
	cl->down = down;
	cl->user = user;
	cl->password = password;
	cl->cb.output = cl_output;
	cl->cb.event = cl_event;
	cl->cb.arg = cl;
}
