/*
 * The console face shared by every protocol: terminal in raw mode, the
 * escape key and its prompt, window changes, signals, and batch mode.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "ui/console.h"
#include "ui/term.h"

#define INBUF		4096
#define CLOSE_GRACE	L2C_SEC(3)	/* session must say CLOSED by then */
#define IDLE_RECHECK	L2C_MS(50)	/* idle, but the peer owes an answer */

enum esc_state {
	ESC_NONE,	/* keys go to the session */
	ESC_PROMPT,	/* the prompt is up: the next key is a command */
	ESC_MENU,	/* the face's menu has the keyboard and terminal */
};

struct l2c_console {
	struct l2c_loop		*loop;
	struct l2c_console_opts	 opts;
	struct l2c_sess_cb	 cb;
	struct l2c_sess		*sess;
	struct l2c_term		 term;
	int			 interactive;	/* stdin is a terminal */
	int			 open;
	int			 closing;
	int			 closed;
	int			 err;
	int			 watching_in;
	int			 in_eof;
	enum esc_state		 esc;
	uint8_t			 in[INBUF];
	size_t			 inlen;
	struct l2c_timer	 idle;
	int			 idle_waited;	/* the peer owed an answer */
	struct l2c_timer	 grace;
	char			 reason[256];
	int			 signo;		/* that ended the session */
	struct l2c_console_menu	 menu;		/* open == NULL: prompt */
	uint8_t			*hold;		/* output while the menu is up */
	size_t			 holdlen, holdcap;
	uint64_t		 hold_lost;
	int			 logfd;
	int			 log_stamps;
	int			 log_bol;	/* next byte starts a line */
	char			*logpath;
};

struct esc_cmd {
	int		 key;
	const char	*help;
	void		(*fn)(struct l2c_console *);
};

static void	say(struct l2c_console *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	esc_quit(struct l2c_console *);
static void	esc_break(struct l2c_console *);
static void	esc_info(struct l2c_console *);
static void	esc_help(struct l2c_console *);
static void	esc_resume(struct l2c_console *);

/* The escape prompt's commands: one row each. */
static const struct esc_cmd esc_cmds[] = {
	{ 'q',	"quit: end the session and exit",	esc_quit },
	{ '.',	"quit (ssh's habit)",			esc_quit },
	{ 'b',	"send a break (MOP)",			esc_break },
	{ 'i',	"session information",			esc_info },
	{ '?',	"this list",				esc_help },
	{ '\r',	"back to the session",			esc_resume },
	{ '\n',	NULL,					esc_resume },
};

void
l2c_console_defaults(struct l2c_console_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->escape = L2C_ESCAPE_DEFAULT;
	o->batch = -1;
	o->idle_us = L2C_SEC(2);
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
l2c_console_winsize(unsigned *cols, unsigned *rows)
{
	struct winsize	ws;

	*cols = 80;
	*rows = 24;
	if ((ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ||
	    ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) &&
	    ws.ws_col > 0 && ws.ws_row > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}

static void
write_all(int fd, const void *p, size_t n)
{
	const uint8_t	*b = p;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		b += w;
		n -= (size_t)w;
	}
}

/* While the face's menu is up, output waits here (bounded). */
static void
hold(struct l2c_console *c, const void *p, size_t n)
{
	size_t	 ncap;
	uint8_t	*nb;

	if (c->holdlen + n > c->holdcap) {
		ncap = c->holdcap ? c->holdcap : 4096;
		while (ncap < c->holdlen + n && ncap < L2C_CONSOLE_HOLD_MAX)
			ncap *= 2;
		if (ncap > L2C_CONSOLE_HOLD_MAX)
			ncap = L2C_CONSOLE_HOLD_MAX;
		if (ncap > c->holdcap &&
		    (nb = realloc(c->hold, ncap)) != NULL) {
			c->hold = nb;
			c->holdcap = ncap;
		}
	}
	if (c->holdlen + n > c->holdcap) {
		c->hold_lost += c->holdlen + n - c->holdcap;
		n = c->holdcap - c->holdlen;
	}
	memcpy(c->hold + c->holdlen, p, n);
	c->holdlen += n;
}

/* One line from us, readable whether the terminal is raw or not. */
static void
say(struct l2c_console *c, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (c->esc == ESC_MENU) {
		hold(c, "\r\nl2console: ", 13);
		hold(c, msg, strlen(msg));
		hold(c, "\r\n", 2);
		return;
	}
	if (c->term.raw)
		dprintf(STDERR_FILENO, "\r\nl2console: %s\r\n", msg);
	else
		dprintf(STDERR_FILENO, "l2console: %s\n", msg);
}

static void	pump_input(struct l2c_console *);
static void	on_stdin(void *, int, short);

static void
watch_input(struct l2c_console *c, int on)
{
	if (c->in_eof || c->esc == ESC_MENU)
		on = 0;
	if (on == c->watching_in)
		return;
	/* Removed, not just muted: poll reports a hangup even then. */
	if (on)
		c->watching_in = l2c_loop_fd(c->loop, STDIN_FILENO, POLLIN,
		    on_stdin, c) == 0;
	else {
		l2c_loop_fd_del(c->loop, STDIN_FILENO);
		c->watching_in = 0;
	}
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

	if (c->sess->ops->pending != NULL &&
	    c->sess->ops->pending(c->sess->s)) {
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
esc_quit(struct l2c_console *c)
{
	begin_close(c);
}

static void
esc_break(struct l2c_console *c)
{
	int	rv;

	if (c->sess->ops->brk == NULL) {
		say(c, "this protocol has no break");
		return;
	}
	if ((rv = c->sess->ops->brk(c->sess->s)) != 0)
		say(c, "break: %s", l2c_strerror(rv));
	else
		say(c, "break sent");
}

static void
esc_info(struct l2c_console *c)
{
	struct l2c_sess_info	i;
	char			mac[L2C_MAC_STRLEN];

	memset(&i, 0, sizeof(i));
	c->sess->ops->info(c->sess->s, &i);
	say(c, "%s %s, login %s; frames %llu out %llu in, bytes %llu out "
	    "%llu in, %llu retransmitted, rtt %.1f ms%s",
	    i.proto ? i.proto : "?", l2c_mac_fmt(i.peer, mac, sizeof(mac)),
	    i.method ? i.method : "-", (unsigned long long)i.frames_tx,
	    (unsigned long long)i.frames_rx, (unsigned long long)i.bytes_tx,
	    (unsigned long long)i.bytes_rx, (unsigned long long)i.retransmits,
	    (double)i.rtt_us / 1000.0, i.lost_bytes ? ", output lost" : "");
}

static void
esc_help(struct l2c_console *c)
{
	char	line[512];
	size_t	i, n = 0;

	for (i = 0; i < sizeof(esc_cmds) / sizeof(esc_cmds[0]); i++) {
		if (esc_cmds[i].help == NULL)
			continue;
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s %s",
		    n ? ", " : "", esc_cmds[i].key == '\r' ? "Enter" :
		    (char[]){ (char)esc_cmds[i].key, 0 }, esc_cmds[i].help);
		if (n >= sizeof(line))
			break;
	}
	say(c, "%s; the escape key again sends it", line);
}

static void
esc_resume(struct l2c_console *c)
{
	(void)c;
}

/* Offer bytes to the session; keep what it cannot take yet. */
static int
offer(struct l2c_console *c, const uint8_t *p, size_t n)
{
	int	taken;

	if (n == 0)
		return 0;
	taken = c->sess->ops->input(c->sess->s, p, n);
	if (taken < 0) {
		say(c, "input: %s", l2c_strerror(taken));
		return taken;
	}
	return taken;
}

/*
 * Typed bytes: the escape key opens the prompt; the key after it is a
 * command.  Everything else goes to the session, LF as CR if asked.
 */
static size_t
filter_keys(struct l2c_console *c, uint8_t *p, size_t n, size_t *rest)
{
	size_t	i, out = 0, k;

	*rest = n;
	for (i = 0; i < n; i++) {
		uint8_t b = p[i];

		if (c->esc == ESC_PROMPT) {
			c->esc = ESC_NONE;
			if (c->opts.escape != L2C_ESCAPE_NONE &&
			    b == (uint8_t)c->opts.escape) {
				p[out++] = b;
				continue;
			}
			for (k = 0; k < sizeof(esc_cmds) / sizeof(esc_cmds[0]);
			    k++)
				if (esc_cmds[k].key == b)
					break;
			if (k == sizeof(esc_cmds) / sizeof(esc_cmds[0]))
				say(c, "unknown command '%c' (? lists them)",
				    b >= 0x20 && b < 0x7f ? b : '?');
			else
				esc_cmds[k].fn(c);
			if (c->closing)
				return out;
			continue;
		}
		if (c->interactive && c->opts.escape != L2C_ESCAPE_NONE &&
		    b == (uint8_t)c->opts.escape && c->menu.open != NULL) {
			/* The face's menu: what follows is its business. */
			c->esc = ESC_MENU;
			*rest = i + 1;
			return out;
		}
		if (c->interactive && c->opts.escape != L2C_ESCAPE_NONE &&
		    b == (uint8_t)c->opts.escape) {
			c->esc = ESC_PROMPT;
			if (c->term.raw)
				dprintf(STDERR_FILENO, "\r\nl2console> ");
			continue;
		}
		if (c->opts.lf_to_cr && b == '\n')
			b = '\r';
		p[out++] = b;
	}
	return out;
}

static void
pump_input(struct l2c_console *c)
{
	int	taken;

	if (c->inlen == 0 || c->closing)
		return;
	if ((taken = offer(c, c->in, c->inlen)) < 0) {
		begin_close(c);
		return;
	}
	memmove(c->in, c->in + taken, c->inlen - (size_t)taken);
	c->inlen -= (size_t)taken;
	/* Read more only once the session took what we have. */
	watch_input(c, c->inlen == 0);
}

static void
on_stdin(void *arg, int fd, short revents)
{
	struct l2c_console	*c = arg;
	uint8_t			 after[INBUF];
	size_t			 rest, nrest;
	ssize_t			 n;

	(void)revents;
	if (c->inlen > 0 || c->closing)
		return;
	n = read(fd, c->in, sizeof(c->in));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		watch_input(c, 0);
		c->in_eof = 1;
		/* Batch: end once the output has been quiet for a while. */
		l2c_timer_arm(c->loop, &c->idle, c->opts.idle_us);
		return;
	}
	c->inlen = filter_keys(c, c->in, (size_t)n, &rest);
	nrest = (size_t)n - rest;
	memcpy(after, c->in + rest, nrest);
	if (c->esc == ESC_MENU) {
		/* The keyboard and the terminal go to the face's menu. */
		watch_input(c, 0);
		l2c_term_restore(&c->term);
	}
	pump_input(c);
	if (c->esc == ESC_MENU && !c->closing && !c->closed)
		c->menu.open(c->menu.arg, after, nrest);
	explicit_bzero(after, nrest);
}

/* A time at the start of each logged line (--timestamps). */
static int
log_stamp(struct l2c_console *c)
{
	struct timespec	ts;
	struct tm	tm;
	char		buf[64];
	size_t		n;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, sizeof(buf), "[%Y-%m-%d %H:%M:%S", &tm);
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, ".%03ld] ",
	    ts.tv_nsec / 1000000);
	return write(c->logfd, buf, n) == (ssize_t)n ? 0 : -1;
}

static void
log_write(struct l2c_console *c, const uint8_t *p, size_t n)
{
	const uint8_t	*nl;
	size_t		 seg;
	int		 bad = 0;

	while (n > 0 && !bad) {
		if (c->log_stamps && c->log_bol && log_stamp(c) != 0)
			bad = 1;
		nl = c->log_stamps ? memchr(p, '\n', n) : NULL;
		seg = nl != NULL ? (size_t)(nl - p) + 1 : n;
		if (!bad && write(c->logfd, p, seg) != (ssize_t)seg)
			bad = 1;
		c->log_bol = p[seg - 1] == '\n';
		p += seg;
		n -= seg;
	}
	if (bad) {
		say(c, "session log %s: write failed, logging stopped",
		    c->logpath);
		l2c_console_log_stop(c);
	}
}

static void
on_output(void *arg, const uint8_t *p, size_t n)
{
	struct l2c_console	*c = arg;

	if (c->logfd >= 0)
		log_write(c, p, n);
	if (c->esc == ESC_MENU)
		hold(c, p, n);
	else
		write_all(STDOUT_FILENO, p, n);
	if (c->in_eof && !c->closing) {
		c->idle_waited = 0;
		l2c_timer_arm(c->loop, &c->idle, c->opts.idle_us);
	}
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct l2c_console	*c = arg;
	unsigned		 cols, rows;

	switch (ev) {
	case L2C_SESS_OPEN:
		c->open = 1;
		if (c->interactive) {
			if (l2c_term_raw(&c->term, STDIN_FILENO) == -1)
				say(c, "cannot put the terminal in raw mode");
			l2c_console_winsize(&cols, &rows);
			(void)c->sess->ops->resize(c->sess->s, cols, rows);
			if (c->opts.escape != L2C_ESCAPE_NONE)
				say(c, "connected; escape key is %s%c%s",
				    c->opts.escape < 0x20 ? "^" : "",
				    c->opts.escape < 0x20 ?
				    c->opts.escape + '@' : c->opts.escape,
				    c->menu.open != NULL ? " (opens the menu)" :
				    ", then ? for help");
		}
		if (c->opts.wake)
			(void)offer(c, (const uint8_t *)"\r", 1);
		watch_input(c, 1);
		break;
	case L2C_SESS_CLOSED:
		c->closed = 1;
		c->err = err;
		if (msg != NULL)
			snprintf(c->reason, sizeof(c->reason), "%s", msg);
		l2c_term_restore(&c->term);
		l2c_loop_break(c->loop, 0);
		break;
	case L2C_SESS_NOTICE:
		if (msg != NULL)
			say(c, "%s", msg);
		break;
	case L2C_SESS_WRITABLE:
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
		if (c->open && c->interactive) {
			l2c_console_winsize(&cols, &rows);
			(void)c->sess->ops->resize(c->sess->s, cols, rows);
		}
		if (c->esc == ESC_MENU && c->menu.winch != NULL)
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

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return L2C_ERR_NOMEM;
	c->loop = loop;
	c->opts = *o;
	c->interactive = isatty(STDIN_FILENO) && o->batch != 1;
	if (o->batch == 0 && !isatty(STDIN_FILENO))
		c->interactive = 0;
	c->cb.output = on_output;
	c->cb.event = on_event;
	c->cb.arg = c;
	c->logfd = -1;
	l2c_timer_init(&c->idle, on_idle, c);
	l2c_timer_init(&c->grace, on_grace, c);
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
	return c->err;
}

const char *
l2c_console_reason(const struct l2c_console *c)
{
	return c->reason[0] != '\0' ? c->reason : NULL;
}

void
l2c_console_free(struct l2c_console *c)
{
	if (c == NULL)
		return;
	l2c_term_restore(&c->term);
	l2c_console_log_stop(c);
	explicit_bzero(c->in, sizeof(c->in));
	free(c->hold);
	free(c);
}

int
l2c_console_signo(const struct l2c_console *c)
{
	return c->signo;
}

void
l2c_console_set_menu(struct l2c_console *c, const struct l2c_console_menu *m)
{
	if (m != NULL)
		c->menu = *m;
	else
		memset(&c->menu, 0, sizeof(c->menu));
}

/* The face's menu is done: the terminal and keyboard are ours again. */
void
l2c_console_resume(struct l2c_console *c)
{
	unsigned	cols, rows;

	if (c->esc != ESC_MENU)
		return;
	c->esc = ESC_NONE;
	if (c->closing || c->closed)
		return;
	if (c->interactive && l2c_term_raw(&c->term, STDIN_FILENO) == -1)
		say(c, "cannot put the terminal in raw mode");
	write_all(STDOUT_FILENO, c->hold, c->holdlen);
	c->holdlen = 0;
	if (c->hold_lost > 0) {
		say(c, "%llu bytes of output dropped while the menu was up",
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
	if (c->esc != ESC_MENU && c->open)
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
	return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY,
	    0600);
}

int
l2c_console_log_attach(struct l2c_console *c, int fd, const char *path,
    int stamps)
{
	char	*p;

	l2c_console_log_stop(c);
	if ((p = strdup(path)) == NULL) {
		close(fd);
		return L2C_ERR_NOMEM;
	}
	c->logfd = fd;
	c->logpath = p;
	c->log_stamps = stamps;
	c->log_bol = 1;
	return 0;
}

int
l2c_console_log_start(struct l2c_console *c, const char *path, int stamps)
{
	int	fd;

	if ((fd = l2c_console_log_open(path)) == -1)
		return L2C_ERR_SYS;
	return l2c_console_log_attach(c, fd, path, stamps);
}

void
l2c_console_log_stop(struct l2c_console *c)
{
	if (c->logfd >= 0)
		close(c->logfd);
	c->logfd = -1;
	free(c->logpath);
	c->logpath = NULL;
}

const char *
l2c_console_log_path(const struct l2c_console *c)
{
	return c->logfd >= 0 ? c->logpath : NULL;
}
