/* SPDX-License-Identifier: ISC */
/*
 * The console face shared by every protocol: terminal in raw mode, the
 * escape key and its prompt, window changes, signals, and batch mode,
 * where the terminal model (vt.h) answers the device and writes text.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "ui/console/console.h"
#include "ui/console/console_int.h"

#define CLOSE_GRACE	L2C_SEC(3)	/* session must say CLOSED by then */
#define IDLE_RECHECK	L2C_MS(50)	/* idle, but the peer owes an answer */
#define PROGRESS	L2C_SEC(1)	/* a file send's progress line */
/*
 * Batch input waits until the device has had its say after the login
 * (RouterOS: probes, banner, perhaps a change-password nag that would
 * take typed-ahead lines as a new password): quiet this long, a prompt
 * on the cursor's row (l2c_console_set_ready), or at most SETTLE_MAX
 * after the session opened.
 */
#define SETTLE_QUIET	L2C_MS(300)
#define SETTLE_MAX	L2C_SEC(3)

void
l2c_console_defaults(struct l2c_console_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->escape = L2C_ESCAPE_DEFAULT;
	o->batch = -1;
	o->idle_us = L2C_SEC(2);
	o->paste_wait = L2C_PASTE_AUTO;
}

int
l2c_console_parse_escape(const char *s, int *esc)
{
	if (strcmp(s, "none") == 0) {
		*esc = L2C_ESCAPE_NONE;
		return 0;
	}
	if (s[0] == '^' && s[1] != '\0' && s[2] == '\0') {
		if (s[1] == '?')
			*esc = 0x7f;
		else if ((s[1] & 0x1f) != 0 || s[1] == '@')
			*esc = s[1] & 0x1f;
		else
			return L2C_ERR_INVAL;
		return 0;
	}
	if (s[0] != '\0' && s[1] == '\0') {
		*esc = (unsigned char)s[0];
		return 0;
	}
	return L2C_ERR_INVAL;
}

void
l2c_console_size(const struct l2c_console *c, unsigned *cols,
    unsigned *rows)
{
	int	 vc, vr;

	if (c->vt != NULL && c->answering) {
		l2c_vt_size(c->vt, &vc, &vr);
		*cols = (unsigned)vc;
		*rows = (unsigned)vr;
	} else
		l2c_console_winsize(cols, rows);
}

int
l2c_console_parse_output(const char *s, int *fmt)
{
	if (strcmp(s, "text") == 0)
		*fmt = L2C_OUT_TEXT;
	else if (strcmp(s, "raw") == 0)
		*fmt = L2C_OUT_RAW;
	else
		return L2C_ERR_INVAL;
	return 0;
}

static void	pump_input(struct l2c_console *);
static void	on_stdin(void *, int, short);

static void
watch_input(struct l2c_console *c, int on)
{
	if (c->in_eof || c->esc.state == L2C_ESC_MENU)
		on = 0;
	l2c_loop_fd_watch(c->loop, STDIN_FILENO, on, &c->watching_in,
	    on_stdin, c);
}

static void
begin_close(struct l2c_console *c)
{
	if (c->closing || c->closed)
		return;
	c->closing = 1;
	watch_input(c, 0);
	l2c_timer_cancel(c->loop, &c->idle);
	l2c_timer_arm(c->loop, &c->grace, CLOSE_GRACE);
	c->sess->ops->close(c->sess->s);
}

static void
on_grace(void *arg)
{
	struct l2c_console	*c = arg;

	/* The session never finished closing: stop anyway. */
	c->closed = 1;
	l2c_term_restore(&c->term);
	l2c_loop_break(c->loop, 0);
}

/*
 * Quiet output only means the peer has nothing more to say if it has
 * answered everything we sent: a lost poll or an unacknowledged DATA
 * is quiet too.  While the session waits, look again shortly; once
 * the peer has caught up, give it the whole idle time again, for its
 * answer to what finally arrived.  A peer that never answers is the
 * session's to give up on (CLOSED, peer lost), so this cannot hang.
 */
static void
on_idle(void *arg)
{
	struct l2c_console	*c = arg;

	if (c->settling || l2c_feed_busy(&c->feed) ||
	    (c->sess->ops->pending != NULL &&
	    c->sess->ops->pending(c->sess->s))) {
		c->idle_waited = 1;
		l2c_timer_arm(c->loop, &c->idle, IDLE_RECHECK);
		return;
	}
	if (c->idle_waited) {
		c->idle_waited = 0;
		l2c_timer_arm(c->loop, &c->idle, c->opts.idle_us);
		return;
	}
	begin_close(c);
}

static void
esc_break(struct l2c_console *c)
{
	int	rv;

	if (c->sess->ops->brk == NULL) {
		l2c_con_say(c, "this protocol has no break");
		return;
	}
	if ((rv = c->sess->ops->brk(c->sess->s)) != 0)
		l2c_con_say(c, "break: %s", l2c_strerror(rv));
	else
		l2c_con_say(c, "break sent");
}

static void
esc_info(struct l2c_console *c)
{
	struct l2c_sess_info	i;
	char			mac[L2C_MAC_STRLEN];

	memset(&i, 0, sizeof(i));
	c->sess->ops->info(c->sess->s, &i);
	l2c_con_say(c, "%s %s, login %s; frames %llu out %llu in, bytes %llu out "
	    "%llu in, %llu retransmitted, rtt %.1f ms%s",
	    i.proto ? i.proto : "?", l2c_mac_fmt(i.peer, mac, sizeof(mac)),
	    i.method ? i.method : "-", (unsigned long long)i.frames_tx,
	    (unsigned long long)i.frames_rx, (unsigned long long)i.bytes_tx,
	    (unsigned long long)i.bytes_rx, (unsigned long long)i.retransmits,
	    (double)i.rtt_us / 1000.0, i.lost_bytes ? ", output lost" : "");
}

/* The filter opened the prompt. */
static void
esc_prompt(void *arg)
{
	struct l2c_console	*c = arg;

	if (c->term.raw)
		dprintf(STDERR_FILENO, "\r\nl2console> ");
}

/* The prompt's line: a command's question, the argument typed. */
static void
esc_echo(void *arg, const char *p, size_t n)
{
	struct l2c_console	*c = arg;

	if (c->term.raw)
		l2c_con_write(STDERR_FILENO, p, n);
}

/* A command from the escape prompt; nonzero once the session ends. */
static int
esc_cmd(void *arg, enum l2c_esc_cmd cmd, uint8_t key)
{
	struct l2c_console	*c = arg;
	char			 line[1024];

	switch (cmd) {
	case L2C_ESC_QUIT:
		begin_close(c);
		break;
	case L2C_ESC_BREAK:
		esc_break(c);
		break;
	case L2C_ESC_INFO:
		esc_info(c);
		break;
	case L2C_ESC_HELP:
		l2c_esc_help(&c->esc, line, sizeof(line));
		l2c_con_say(c, "%s; the escape key again sends it", line);
		break;
	case L2C_ESC_RESUME:
		break;
	case L2C_ESC_UNKNOWN:
		l2c_con_say(c, "unknown command '%c' (? lists them)",
		    key >= 0x20 && key < 0x7f ? key : '?');
		break;
	case L2C_ESC_SEND:
		if (l2c_feed_send(&c->feed, c->esc.line, "^C") == 0) {
			l2c_timer_arm(c->loop, &c->progress, PROGRESS);
			c->paced = 1;
			pump_input(c);
		}
		break;
	default:
		(void)l2c_con_tool(c, cmd);
		break;
	}
	return c->closing;
}

/* Paced input: what may go now, and when to look again. */
static void
pump_paced(struct l2c_console *c)
{
	uint64_t	deadline, now;
	int		rv;

	/* A session may answer (echo) from inside its input op. */
	if (c->pumping) {
		c->repump = 1;
		return;
	}
	c->pumping = 1;
	do {
		c->repump = 0;
		rv = l2c_feed_pump(&c->feed, c->in, &c->inlen, &deadline);
	} while (rv == 0 && c->repump && !c->closing);
	c->pumping = 0;
	if (rv < 0) {
		begin_close(c);
		return;
	}
	if (deadline != 0) {
		now = l2c_now_us();
		l2c_timer_arm(c->loop, &c->pace_timer, deadline > now ?
		    deadline - now : 0);
	} else
		l2c_timer_cancel(c->loop, &c->pace_timer);
	if (!l2c_feed_busy(&c->feed) && c->inlen == 0)
		c->paced = 0;
	/* While a file goes, keys are read: ^C must come through. */
	watch_input(c, c->inlen == 0 || (c->feed.sending && c->inlen < INBUF / 2));
}

static void
pump_input(struct l2c_console *c)
{
	int	taken;

	if (c->closing)
		return;
	if (c->settling) {
		if (c->inlen > 0)
			watch_input(c, 0);	/* held until on_settle() */
		return;
	}
	if (c->paced || l2c_feed_busy(&c->feed)) {
		pump_paced(c);
		return;
	}
	if (c->inlen == 0)
		return;
	if ((taken = l2c_con_offer(c, c->in, c->inlen)) < 0) {
		begin_close(c);
		return;
	}
	memmove(c->in, c->in + taken, c->inlen - (size_t)taken);
	c->inlen -= (size_t)taken;
	/* Read more only once the session took what we have. */
	watch_input(c, c->inlen == 0);
}

/*
 * Typed bytes, after the escape filter: ^C stops paced input, the rest
 * is echoed if asked, mapped, and queued in order behind what waits.
 */
static void
typed(struct l2c_console *c, uint8_t *p, size_t n)
{
	int	paced, began = 0;

	if (n > 0 && l2c_feed_busy(&c->feed) && memchr(p, 0x03, n) != NULL) {
		l2c_feed_stop(&c->feed, "^C:");
		explicit_bzero(c->in, c->inlen);
		c->inlen = 0;
		l2c_timer_cancel(c->loop, &c->pace_timer);
		c->paced = 0;
		return;
	}
	if (c->term.paste)
		n = l2c_bpaste_strip(p, n, &c->in_paste, &began);
	l2c_con_echo(c, p, n);
	paced = began || c->in_paste || l2c_feed_wanted(&c->feed, p, n);
	c->inlen += l2c_view_out(&c->view, p, n,
	    c->in + c->inlen);
	if (paced)
		c->paced = 1;
}

static void
on_stdin(void *arg, int fd, short revents)
{
	struct l2c_console	*c = arg;
	uint8_t			 buf[INBUF / 2];
	size_t			 k, rest, nrest, room;
	ssize_t			 n;

	(void)revents;
	if ((c->inlen > 0 && !c->feed.sending) || c->closing)
		return;
	/* Room for the maps, which may double every byte. */
	if ((room = (sizeof(c->in) - c->inlen) / 2) == 0) {
		watch_input(c, 0);
		return;
	}
	n = read(fd, buf, room < sizeof(buf) ? room : sizeof(buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		watch_input(c, 0);
		c->in_eof = 1;
		/* Batch: end once the output has been quiet for a while. */
		l2c_timer_arm(c->loop, &c->idle, c->opts.idle_us);
		return;
	}
	k = l2c_esc_filter(&c->esc, buf, (size_t)n, &rest);
	nrest = (size_t)n - rest;
	if (c->esc.state == L2C_ESC_MENU) {
		/* The keyboard and the terminal go to the face's menu. */
		watch_input(c, 0);
		l2c_term_restore(&c->term);
	}
	if (!c->closing)
		typed(c, buf, k);
	pump_input(c);
	if (c->esc.state == L2C_ESC_MENU && !c->closing && !c->closed)
		c->menu.open(c->menu.arg, buf + rest, nrest);
	explicit_bzero(buf, sizeof(buf));
}

static void
on_pace(void *arg)
{
	pump_input(arg);
}

static void
on_progress(void *arg)
{
	struct l2c_console	*c = arg;
	char			 line[L2C_FEED_NAME + 128];

	if (!c->feed.sending)
		return;
	if (l2c_feed_progress(&c->feed, line, sizeof(line)) > 0)
		l2c_con_say(c, "%s", line);
	l2c_timer_arm(c->loop, &c->progress, PROGRESS);
}

/* The device has been quiet (or long enough): batch input may go. */
static void
on_settle(void *arg)
{
	struct l2c_console	*c = arg;

	c->settling = 0;
	if (c->closing || c->closed)
		return;
	if (c->inlen > 0)
		pump_input(c);
	else
		watch_input(c, 1);
}

/* The device waits at a prompt on the cursor's row. */
static int
at_prompt(const struct l2c_console *c)
{
	char	row[256];
	int	r, col;

	if (c->ready == NULL)
		return 0;
	l2c_vt_cursor(c->vt, &r, &col);
	if (l2c_vt_row_text(c->vt, r, row, sizeof(row)) >= sizeof(row))
		return 0;
	return c->ready(c->ready_arg, row);
}

void
l2c_console_set_ready(struct l2c_console *c,
    int (*ready)(void *, const char *), void *arg)
{
	c->ready = ready;
	c->ready_arg = arg;
}

static void
on_output(void *arg, const uint8_t *p, size_t n)
{
	struct l2c_console	*c = arg;
	int			 rv;

	if (c->settling && l2c_now_us() + SETTLE_QUIET < c->settle_end)
		l2c_timer_arm(c->loop, &c->settle, SETTLE_QUIET);
	if (!c->log_text)
		l2c_con_log(c, p, n);
	if (c->vt != NULL) {
		if ((rv = l2c_vt_feed(c->vt, p, n)) != 0)
			l2c_con_say(c, "terminal model: %s", l2c_strerror(rv));
		if (c->out_text)
			l2c_con_out_flush(c);
		if (c->settling && at_prompt(c))
			l2c_timer_arm(c->loop, &c->settle, 0);
	}
	if (!c->out_text)
		l2c_con_show(c, p, n);
	if (l2c_feed_busy(&c->feed)) {
		l2c_feed_output(&c->feed, p, n);
		pump_input(c);
	}
	if (c->in_eof && !c->closing) {
		c->idle_waited = 0;
		l2c_timer_arm(c->loop, &c->idle, c->opts.idle_us);
	}
}

/*
 * CLOSED's facts, kept for the face that words them (the family row's
 * explain, through the registry): the session may be freed before.
 */
static void
keep_facts(struct l2c_console *c)
{
	const struct l2c_sess_ops	*ops = c->sess->ops;

	memset(&c->facts, 0, sizeof(c->facts));
	c->have_facts = ops->facts != NULL;
	if (c->have_facts)
		ops->facts(c->sess->s, &c->facts);
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct l2c_console	*c = arg;
	unsigned		 cols, rows;

	switch (ev) {
	case L2C_SESS_OPEN:
		c->open = 1;
		if (c->answering && c->sess != NULL) {
			l2c_console_size(c, &cols, &rows);
			(void)c->sess->ops->resize(c->sess->s, cols, rows);
			l2c_con_reply_flush(c);
		}
		if (c->interactive) {
			if (l2c_term_raw(&c->term, STDIN_FILENO) == -1)
				l2c_con_say(c, "cannot put the terminal in raw mode");
			if (!c->answering) {
				l2c_console_winsize(&cols, &rows);
				(void)c->sess->ops->resize(c->sess->s, cols,
				    rows);
			}
			if (c->opts.escape != L2C_ESCAPE_NONE)
				l2c_con_say(c, "connected; escape key is %s%c%s",
				    c->opts.escape < 0x20 ? "^" : "",
				    c->opts.escape < 0x20 ?
				    c->opts.escape + '@' : c->opts.escape,
				    c->menu.open != NULL ? " (opens the menu)" :
				    ", then ? for help");
		}
		if (c->opts.wake)
			(void)l2c_con_offer(c, (const uint8_t *)"\r", 1);
		if (!c->interactive) {
			c->settling = 1;
			c->settle_end = l2c_now_us() + SETTLE_MAX;
			l2c_timer_arm(c->loop, &c->settle, SETTLE_QUIET);
		}
		watch_input(c, 1);
		break;
	case L2C_SESS_CLOSED:
		/* What the screen still shows is the end of the text. */
		if (c->vt != NULL) {
			l2c_vt_flush(c->vt);
			if (c->out_text)
				l2c_con_out_flush(c);
		}
		c->closed = 1;
		c->err = err;
		keep_facts(c);
		l2c_term_restore(&c->term);
		l2c_loop_break(c->loop, 0);
		break;
	case L2C_SESS_NOTICE:
		if (msg != NULL)
			l2c_con_say(c, "%s", msg);
		break;
	case L2C_SESS_WRITABLE:
		l2c_con_reply_flush(c);
		pump_input(c);
		break;
	}
}

static void
on_signal(void *arg, int signo)
{
	struct l2c_console	*c = arg;
	unsigned		 cols, rows;

	if (signo == SIGWINCH) {
		/* A virtual terminal that answers keeps its size. */
		if (c->open && c->interactive && !c->answering) {
			l2c_console_winsize(&cols, &rows);
			(void)c->sess->ops->resize(c->sess->s, cols, rows);
			if (c->vt != NULL)
				(void)l2c_vt_resize(c->vt, (int)cols,
				    (int)rows);
		}
		if (c->esc.state == L2C_ESC_MENU && c->menu.winch != NULL)
			c->menu.winch(c->menu.arg);
		return;
	}
	if (c->signo == 0)
		c->signo = signo;
	/* A second signal while closing: stop now. */
	if (c->closing)
		on_grace(c);
	else
		begin_close(c);
}

int
l2c_console_new(struct l2c_loop *loop, const struct l2c_console_opts *o,
    struct l2c_console **cp)
{
	struct l2c_console	*c;
	int			 rv;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return L2C_ERR_NOMEM;
	c->feed.file_fd = -1;
	c->feed.offer = l2c_con_feed_offer;
	c->feed.say = l2c_con_feed_say;
	c->feed.arg = c;
	c->loop = loop;
	c->opts = *o;
	c->interactive = isatty(STDIN_FILENO) && o->batch != 1;
	if (o->batch == 0 && !isatty(STDIN_FILENO))
		c->interactive = 0;
	c->cb.output = on_output;
	c->cb.event = on_event;
	c->cb.arg = c;
	l2c_sess_log_init(&c->log);
	c->esc.key = o->escape;
	c->esc.armed = c->interactive;
	c->esc.lf_to_cr = o->lf_to_cr;
	c->esc.prompt = esc_prompt;
	c->esc.echo = esc_echo;
	c->esc.cmd = esc_cmd;
	c->esc.arg = c;
	l2c_timer_init(&c->idle, on_idle, c);
	l2c_timer_init(&c->grace, on_grace, c);
	l2c_timer_init(&c->settle, on_settle, c);
	l2c_timer_init(&c->pace_timer, on_pace, c);
	l2c_timer_init(&c->progress, on_progress, c);
	c->view.maps = o->maps;
	c->view.local_echo = o->local_echo;
	c->view.hex = o->hex;
	c->view.stamps = o->stamps && c->interactive;
	c->view.bol = 1;
	c->view.put = l2c_con_put;
	c->view.arg = c;
	if ((rv = l2c_feed_init(&c->feed, o->paste_wait,
	    o->paste_delay_us, o->line_delay_us, c->interactive)) != 0 ||
	    (rv = l2c_con_vt_start(c)) != 0) {
		l2c_console_free(c);
		return rv;
	}
	/* A paste the terminal brackets is paced even when one line. */
	c->term.paste = c->feed.pacing && c->interactive && !c->out_text;
	*cp = c;
	return 0;
}

const struct l2c_sess_cb *
l2c_console_cb(struct l2c_console *c)
{
	return &c->cb;
}

int
l2c_console_run(struct l2c_console *c, struct l2c_sess *s)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
	size_t			i;
	int			rv;

	c->sess = s;
	if (s->ops->brk == NULL)
		c->esc.suppress |= L2C_ESC_SUPPRESS_BRK;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if ((rv = l2c_loop_signal(c->loop, sigs[i], on_signal, c)) != 0)
			return rv;
	/* A closed or absent stdout must not kill us mid-session. */
	signal(SIGPIPE, SIG_IGN);
	while (!c->closed)
		if ((rv = l2c_loop_run(c->loop)) != 0 && !c->closed)
			break;
	l2c_term_restore(&c->term);
	watch_input(c, 0);
	l2c_timer_cancel(c->loop, &c->idle);
	l2c_timer_cancel(c->loop, &c->grace);
	l2c_timer_cancel(c->loop, &c->settle);
	l2c_timer_cancel(c->loop, &c->pace_timer);
	l2c_timer_cancel(c->loop, &c->progress);
	c->settling = 0;
	return c->err;
}

void
l2c_console_rearm(struct l2c_console *c)
{
	c->sess = NULL;
	c->open = c->closing = c->closed = 0;
	c->err = 0;
	c->have_facts = 0;
	c->replen = 0;
	c->idle_waited = 0;
}

const struct l2c_sess_facts *
l2c_console_facts(const struct l2c_console *c)
{
	return c->have_facts ? &c->facts : NULL;
}

void
l2c_console_free(struct l2c_console *c)
{
	if (c == NULL)
		return;
	l2c_term_restore(&c->term);
	l2c_console_log_stop(c);
	explicit_bzero(c->in, sizeof(c->in));
	l2c_feed_free(&c->feed);
	l2c_vt_free(c->vt);
	free(c->out);
	free(c->hold);
	free(c);
}

int
l2c_console_signo(const struct l2c_console *c)
{
	return c->signo;
}

int
l2c_console_closed_here(const struct l2c_console *c)
{
	return c->closing;
}

void
l2c_console_set_menu(struct l2c_console *c, const struct l2c_console_menu *m)
{
	if (m != NULL)
		c->menu = *m;
	else
		memset(&c->menu, 0, sizeof(c->menu));
	c->esc.menu = c->menu.open != NULL;
	/* A face with its own menu owns the terminal's modes: no brackets. */
	if (c->esc.menu)
		c->term.paste = 0;
}

/* The face's menu is done: the terminal and keyboard are ours again. */
void
l2c_console_resume(struct l2c_console *c)
{
	unsigned	cols, rows;

	if (c->esc.state != L2C_ESC_MENU)
		return;
	c->esc.state = L2C_ESC_NONE;
	if (c->closing || c->closed)
		return;
	if (c->interactive && l2c_term_raw(&c->term, STDIN_FILENO) == -1)
		l2c_con_say(c, "cannot put the terminal in raw mode");
	l2c_con_write(STDOUT_FILENO, c->hold, c->holdlen);
	c->holdlen = 0;
	if (c->hold_lost > 0) {
		l2c_con_say(c, "%llu bytes of output dropped while the menu was up",
		    (unsigned long long)c->hold_lost);
		c->hold_lost = 0;
	}
	if (c->open) {
		l2c_console_winsize(&cols, &rows);
		(void)c->sess->ops->resize(c->sess->s, cols, rows);
	}
	if (c->inlen > 0)
		pump_input(c);
	else
		watch_input(c, 1);
}

int
l2c_console_input(struct l2c_console *c, const uint8_t *p, size_t n)
{
	if (n > sizeof(c->in) - c->inlen)
		return L2C_ERR_NOSPACE;
	memcpy(c->in + c->inlen, p, n);
	c->inlen += n;
	if (c->esc.state != L2C_ESC_MENU && c->open)
		pump_input(c);
	return 0;
}

void
l2c_console_close(struct l2c_console *c)
{
	if (c->sess == NULL || c->closed)
		return;
	/* What waited for the menu is not wanted any more. */
	c->holdlen = 0;
	begin_close(c);
}

int
l2c_console_log_open(const char *path)
{
	return l2c_sess_log_open(path);
}

int
l2c_console_log_attach(struct l2c_console *c, int fd, const char *path,
    int stamps)
{
	return l2c_sess_log_attach(&c->log, fd, path, stamps);
}

int
l2c_console_log_start(struct l2c_console *c, const char *path, int stamps)
{
	int	fd;

	if ((fd = l2c_sess_log_open(path)) == -1)
		return L2C_ERR_SYS;
	return l2c_sess_log_attach(&c->log, fd, path, stamps);
}

void
l2c_console_log_stop(struct l2c_console *c)
{
	l2c_sess_log_stop(&c->log);
}

const char *
l2c_console_log_path(const struct l2c_console *c)
{
	return l2c_sess_log_path(&c->log);
}
