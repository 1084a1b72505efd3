/* SPDX-License-Identifier: ISC */
/*
 * Small dialogs over the neighbor table: a form of one-line fields (the
 * MikroTik login: username, password without echo; a log file name),
 * and a choice among a few lines (which protocol to connect with).
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"

#include "ui/registry.h"
#include "ui/conf/secret.h"
#include "ui/tui/tui_int.h"

static const char *const form_keys[] = {
	"Enter", "OK", "Tab", "Next field", "Esc", "Cancel", NULL
};

static const char *const choice_keys[] = {
	"Enter", "Choose", "Up/Down", "Move", "Esc", "Cancel", NULL
};

static void
form_draw(struct tui *t, void *data)
{
	struct tui_form		*f = data;
	const struct tui_field	*fl;
	size_t			 len;
	int			 i, w, h, y, x, lw = 0, fw, l;
	const char		*shown;

	for (i = 0; i < f->n; i++)
		if ((l = (int)strlen(f->f[i].label)) > lw)
			lw = l;
	w = COLS - 4 < 64 ? COLS - 4 : 64;
	h = 2 * f->n + 3;
	y = (LINES - 1 - h) / 2;
	x = (COLS - w) / 2;
	fw = w - lw - 7;
	tui_keybar(t, form_keys);
	tui_frame(t, y, x, h, w, f->title);
	for (i = 0; i < f->n; i++) {
		fl = &f->f[i];
		tui_put(y + 2 + 2 * i, x + 2, lw, i == f->cur ? A_BOLD :
		    A_NORMAL, fl->label);
		tui_fill(y + 2 + 2 * i, x + lw + 4, fw + 1, A_UNDERLINE);
		/* A secret shows nothing, not even its length. */
		len = fl->secret ? 0 : strlen(fl->buf);
		shown = fl->buf + (len > (size_t)fw ? len - (size_t)fw : 0);
		if (!fl->secret)
			tui_put(y + 2 + 2 * i, x + lw + 4, fw, A_UNDERLINE,
			    shown);
		if (i == f->cur) {
			t->cur_y = y + 2 + 2 * i;
			t->cur_x = x + lw + 4 + (fl->secret ? 0 :
			    (int)strlen(shown));
		}
	}
	if (f->f[f->cur].secret)
		tui_put(y + h - 1, x + 2, w - 4, t->attr[TA_BOX],
		    " typing is not shown ");
}

/*
 * Close the form or the choice and tell its caller: *donep is cleared
 * first, since done may open the next one.
 */
static void
end_with(struct tui *t, void (**donep)(struct tui *, int), int v)
{
	void	(*done)(struct tui *, int) = *donep;

	tui_pop(t);
	*donep = NULL;
	if (done != NULL)
		done(t, v);
}

static void
form_end(struct tui *t, int ok)
{
	end_with(t, &t->form.done, ok);
}

/* Line editing for one field: type, Backspace, ^U; Tab and Enter move on. */
static void
form_key(struct tui *t, void *data, int ch)
{
	struct tui_form		*f = data;
	struct tui_field	*fl = &f->f[f->cur];
	size_t			 len = strlen(fl->buf);

	tui_dirty(t);
	switch (ch) {
	case 27:		/* Esc */
		form_end(t, 0);
		return;
	case '\t':
	case KEY_DOWN:
		f->cur = (f->cur + 1) % f->n;
		return;
	case KEY_BTAB:
	case KEY_UP:
		f->cur = (f->cur + f->n - 1) % f->n;
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (f->cur + 1 < f->n)
			f->cur++;
		else
			form_end(t, 1);
		return;
	case KEY_BACKSPACE:
	case 0x7f:
	case 0x08:
		/* Whole UTF-8 characters go, not half of one. */
		while (len > 0 && ((unsigned char)fl->buf[--len] & 0xc0) ==
		    0x80 && !fl->secret)
			;
		fl->buf[len] = '\0';
		return;
	case 0x15:		/* ^U */
		l2c_secret_wipe(fl->buf, fl->len);
		return;
	default:
		break;
	}
	if (ch < 0x20 || ch > 0xff || ch == 0x7f)
		return;
	if (len + 1 < fl->len) {
		fl->buf[len] = (char)ch;
		fl->buf[len + 1] = '\0';
	}
}

/* A form or a choice keeps its own copy of what was built for it. */
static const struct tui_screen tui_scr_form = {
	.name = "form",
	.datalen = sizeof(struct tui_form),
	.draw = form_draw,
	.key = form_key,
	.keys = form_keys,
};

void
tui_form_one(struct tui *t, const char *title, const char *label, char *buf,
    size_t len, int secret, void (*done)(struct tui *, int))
{
	memset(&t->form, 0, sizeof(t->form));
	snprintf(t->form.title, sizeof(t->form.title), "%s", title);
	t->form.f[0] = (struct tui_field){ label, buf, len, secret };
	t->form.n = 1;
	t->form.done = done;
	tui_form_show(t);
}

void
tui_form_show(struct tui *t)
{
	t->form.cur = 0;
	if (tui_push(t, &tui_scr_form, &t->form) != 0)
		tui_status(t, TA_ERR, "%s", l2c_strerror(L2C_ERR_NOMEM));
}

static void
choice_draw(struct tui *t, void *data)
{
	struct tui_choice	*c = data;
	char			 line[TUI_NAMELEN + 8];
	int			 i, w = (int)strlen(c->title) + 8, h, y, x, l;

	for (i = 0; i < c->n; i++)
		if ((l = (int)strlen(c->item[i]) + 10) > w)
			w = l;
	if (w > COLS - 4)
		w = COLS - 4;
	h = c->n + 4;
	y = (LINES - 1 - h) / 2;
	x = (COLS - w) / 2;
	tui_keybar(t, choice_keys);
	tui_frame(t, y, x, h, w, c->title);
	for (i = 0; i < c->n; i++) {
		snprintf(line, sizeof(line), " %d  %s", i + 1, c->item[i]);
		if (i == c->cur)
			tui_fill(y + 2 + i, x + 2, w - 4, t->attr[TA_SEL]);
		tui_put(y + 2 + i, x + 2, w - 4, i == c->cur ?
		    t->attr[TA_SEL] : A_NORMAL, line);
	}
}

static void
choice_end(struct tui *t, int which)
{
	end_with(t, &t->choice.done, which);
}

static void
choice_key(struct tui *t, void *data, int ch)
{
	struct tui_choice	*c = data;

	tui_dirty(t);
	if (tui_list_key(&c->cur, c->n, ch))
		return;
	switch (ch) {
	case 27:
	case 'q':
		choice_end(t, -1);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		choice_end(t, c->cur);
		break;
	default:
		if (ch >= '1' && ch < '1' + c->n)
			choice_end(t, ch - '1');
		break;
	}
}

static const struct tui_screen tui_scr_choice = {
	.datalen = sizeof(struct tui_choice),
	.name = "choice",
	.draw = choice_draw,
	.key = choice_key,
	.keys = choice_keys,
};

int
tui_choice_families(struct tui *t, const struct l2c_neigh *n)
{
	const struct l2c_family	*f[TUI_CHOICES];
	size_t			 i, k = 0;

	if (n != NULL)
		k = l2c_family_consoles(n, f, TUI_CHOICES);
	else
		for (i = 0; i < l2c_nfamilies && k < TUI_CHOICES; i++)
			if (l2c_families[i]->start != NULL)
				f[k++] = l2c_families[i];
	for (i = 0; i < k; i++) {
		t->choice.fam[i] = f[i];
		t->choice.item[i] = f[i]->choice;
	}
	t->choice.n = (int)k;
	return (int)k;
}

void
tui_choice_show(struct tui *t)
{
	t->choice.cur = 0;
	if (tui_push(t, &tui_scr_choice, &t->choice) != 0)
		tui_status(t, TA_ERR, "%s", l2c_strerror(L2C_ERR_NOMEM));
}

static void
login_done(struct tui *t, int ok)
{
	if (!ok) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_NORMAL, "login cancelled");
		return;
	}
	tui_conn_user(t);
	tui_connect(t);
}

/* No user name typed: the family's own. */
void
tui_conn_user(struct tui *t)
{
	if (t->conn.user[0] == '\0' && t->conn.fam->default_login != NULL)
		snprintf(t->conn.user, sizeof(t->conn.user), "%s",
		    t->conn.fam->default_login);
}

/*
 * The login fields after t->form's others, for t->conn's family: the
 * user name its default until changed, the password empty.
 */
void
tui_form_login(struct tui *t)
{
	struct tui_form	*f = &t->form;

	t->conn.user[0] = '\0';
	tui_conn_user(t);
	l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
	f->f[f->n++] = (struct tui_field){ "Username", t->conn.user,
	    sizeof(t->conn.user), 0 };
	f->f[f->n++] = (struct tui_field){ "Password", t->conn.pass,
	    sizeof(t->conn.pass), 1 };
}

/* A family that logs in (L2C_FAM_LOGIN): user and password, then go. */
void
tui_login_form(struct tui *t)
{
	struct tui_form	*f = &t->form;

	memset(f, 0, sizeof(*f));
	snprintf(f->title, sizeof(f->title), "Log in to %.80s",
	    t->conn.name[0] != '\0' ? t->conn.name : "the device");
	tui_form_login(t);
	f->done = login_done;
	tui_form_show(t);
}
