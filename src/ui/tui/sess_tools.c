/* SPDX-License-Identifier: ISC */
/*
 * The session menu's console tools, the line-mode console's own (the
 * view and the feeder, ui/console/view.h and feed.h): local echo, the
 * hex view, time stamps and CR/LF maps between the session and its
 * pane; hex bytes written; a file sent line by line, with its progress
 * in the status line until it ends or is stopped.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "ui/tui/pane.h"
#include "ui/tui/tui_int.h"

static void
say(struct tui *t, struct tui_sess *s, const char *msg)
{
	tui_status(t, TA_NORMAL, "%s: %s", s->name, msg);
}

/* The switches: o, h, T. */
void
tui_tool_flip(struct tui *t, struct tui_sess *s, enum l2c_view_switch w)
{
	char	msg[64];

	l2c_view_flip(&s->view, w, msg, sizeof(msg));
	say(t, s, msg);
}

/* Done with a tool's form: back to the session, to see what it did. */
static void
back(struct tui *t)
{
	tui_pop_to(t, t->ss.base + 1);
}

/* A form of one line into s->tool, then done. */
static void
ask(struct tui *t, struct tui_sess *s, const char *title, const char *label,
    void (*done)(struct tui *, int))
{
	tui_form_one(t, title, label, s->tool, sizeof(s->tool), 0, done);
}

static void
maps_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);
	char		 msg[sizeof(s->tool) + 32];
	int		 rv;

	if (!ok || s == NULL)
		return;
	back(t);
	rv = l2c_view_set_maps(&s->view, s->tool, msg, sizeof(msg));
	tui_status(t, rv != 0 ? TA_ERR : TA_NORMAL, "%s: %s", s->name, msg);
}

/* m: the maps now, to change (tio's names, or none). */
void
tui_tool_maps(struct tui *t, struct tui_sess *s)
{
	l2c_map_names(s->view.maps, s->tool, sizeof(s->tool));
	ask(t, s, "CR/LF maps (ICRNL IGNCR INLCR INLCRNL OCRNL ONLCR ODELBS "
	    "OLTU, or none)", "Maps", maps_done);
}

static void
hex_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);
	uint8_t		 b[L2C_VIEW_WRITE_MAX];
	size_t		 n;

	if (!ok || s == NULL || s->tool[0] == '\0')
		return;
	back(t);
	if (l2c_hex_parse(s->tool, b, sizeof(b), &n) != 0) {
		tui_status(t, TA_ERR, "not hex bytes (\"1b 5b 41\", at most %d)",
		    L2C_VIEW_WRITE_MAX);
		return;
	}
	if (tui_sess_send(s, b, n) != 0)
		tui_status(t, TA_ERR, "%s: cannot write now", s->name);
	else
		tui_status(t, TA_OK, "%s: %zu bytes written", s->name, n);
	explicit_bzero(b, sizeof(b));
}

/* x: hex bytes to the device, as they are (no maps). */
void
tui_tool_hex(struct tui *t, struct tui_sess *s)
{
	s->tool[0] = '\0';
	ask(t, s, "Write hex bytes (\"1b 5b 41\", \"0x03\")", "Bytes",
	    hex_done);
}

static void
send_done(struct tui *t, int ok)
{
	struct tui_sess	*s = tui_sess_cur(t);

	if (!ok || s == NULL || s->tool[0] == '\0')
		return;
	back(t);
	tui_sess_send_file(s, s->tool);
}

/* f: a file line by line; f again (or ^C in the session) stops it. */
void
tui_tool_send(struct tui *t, struct tui_sess *s)
{
	if (s->feed.sending) {
		tui_sess_paste_stop(s, "f:");
		return;
	}
	if (s->state != TS_CONNECTED || s->closing) {
		tui_status(t, TA_ERR, "%s is not connected", s->name);
		return;
	}
	s->tool[0] = '\0';
	ask(t, s, "Send a file, line by line", "File", send_done);
}
