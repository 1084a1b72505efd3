/* SPDX-License-Identifier: ISC */
/*
 * The scripted console face (script.h): the session's output through
 * the terminal model, the console's own login answered, each command
 * sent once the prompt has been quiet for a spell, and its output
 * collected from its own echo to the next prompt (cmdout.h).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/console/vt.h"
#include "ui/report/scan_out.h"
#include "ui/script/cmdout.h"
#include "ui/script/expbuf.h"
#include "ui/script/grow.h"
#include "ui/script/prompt.h"
#include "ui/script/script.h"

#define CLOSE_GRACE	L2C_SEC(3)	/* the session must say CLOSED by then */
#define ROW_MAX		4096
/* A console silent this long after OPEN gets one CR (IOS waits for it). */
#define WAKE_AFTER	L2C_SEC(3)

enum phase {
	PH_LOGIN,	/* until the first prompt (and enable) */
	PH_CMD,		/* commands[cur] sent, its output coming */
	PH_IDLE,	/* step mode: at the caller's disposal */
	PH_LEAVING,	/* ops->close() asked, CLOSED awaited */
	PH_DONE,
};

struct result {
	char	*output;
	char	*error;		/* NULL: ran */
	double	 seconds;
};

struct l2c_script {
	struct l2c_loop		*loop;
	struct l2c_script_conf	 conf;
	struct l2c_sess_cb	 cb;
	struct l2c_sess		*sess;
	struct l2c_vt		*vt;
	struct l2c_prompt	 p;
	struct l2c_cmdout	 co;
	enum phase		 phase;
	enum l2c_script_end	 outcome;
	int			 open, closed, err;
	size_t			 cur;		/* the command running */
	struct result		*res;
	uint64_t		 sent_us, last_out_us;
	struct l2c_timer	 quiet, deadline, grace;
	int			 woke, asked_user, asked_pw;
	int			 enable_sent, enable_pw_sent;
	int			 on_pager;
	/* Step mode: what the caller waits for, and whether it came. */
	struct l2c_expbuf	 xb;
	const regex_t		*x_re;
	regmatch_t		*x_m;
	size_t			 x_nm;
	const char		*x_subj;
	struct l2c_timer	 step_timer;
	int			 woken, gave_up, step_timeout;
	int			 interrupted;	/* by a signal */
	int			 login_refused;	/* a line said so */
	int			 wake_cr;	/* the wake-up CR was sent */
	int			 wasted;	/* ... and taken as a user name */
	char			 row[ROW_MAX];
	uint8_t			*q;		/* typed bytes not yet taken */
	size_t			 qlen, qcap;
};

/* Typed bytes out: what the session takes now, the rest on WRITABLE. */
static void
flush_input(struct l2c_script *s)
{
	int	n;

	while (s->qlen > 0 && s->sess != NULL && !s->closed) {
		if ((n = s->sess->ops->input(s->sess->s, s->q, s->qlen)) <= 0)
			return;
		memmove(s->q, s->q + n, s->qlen - (size_t)n);
		s->qlen -= (size_t)n;
	}
}

/* One line for the user on stderr, as every face says it. */
static void
say(const char *line)
{
	fprintf(stderr, "l2console: %s\n", line);
}

static void
send_bytes(struct l2c_script *s, const char *p, size_t n)
{
	if (l2c_grow(&s->q, &s->qcap, s->qlen + n, 256) != 0)
		return;
	memcpy(s->q + s->qlen, p, n);
	s->qlen += n;
	flush_input(s);
}

/* A line as typed at the console: the text and a bare CR. */
static void
send_line(struct l2c_script *s, const char *text)
{
	s->woke = 1;	/* the console has been answered: no wake-up CR */
	send_bytes(s, text, strlen(text));
	send_bytes(s, "\r", 1);
}

/* The model's answers to the device's terminal probes. */
static void
vt_reply(void *arg, const char *p, size_t n)
{
	send_bytes(arg, p, n);
}

static void
vt_line(void *arg, const char *p, size_t n)
{
	struct l2c_script	*s = arg;
	char			 line[512];

	if (s->phase == PH_CMD) {
		if (l2c_cmdout_line(&s->co, p, n) != 0)
			s->err = L2C_ERR_NOMEM;
		return;
	}
	if (s->phase == PH_IDLE) {
		if (l2c_expbuf_line(&s->xb, p, n) != 0)
			s->err = L2C_ERR_NOMEM;
		return;
	}
	if (s->phase == PH_LOGIN) {
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		/* The round the wake-up CR spoiled does not count. */
		if (l2c_prompt_login_failed(line) && !(s->wasted &&
		    s->asked_user == 0))
			s->login_refused = 1;
	}
}

/* The row under the cursor, as typed on. */
static const char *
cursor_row(struct l2c_script *s)
{
	int	row, col;

	l2c_vt_cursor(s->vt, &row, &col);
	l2c_vt_row_text(s->vt, row, s->row, sizeof(s->row));
	return s->row;
}

/* Leave: END or Release through the session; CLOSED ends the loop. */
static void
leave(struct l2c_script *s)
{
	if (s->phase >= PH_LEAVING)
		return;
	s->phase = PH_LEAVING;
	l2c_timer_cancel(s->loop, &s->quiet);
	l2c_timer_cancel(s->loop, &s->deadline);
	if (s->closed) {
		l2c_loop_break(s->loop, 0);
		return;
	}
	l2c_timer_arm(s->loop, &s->grace, CLOSE_GRACE);
	s->sess->ops->close(s->sess->s);
}

/* Step mode: what the caller waited for has come; back to it. */
static void
wake(struct l2c_script *s)
{
	s->woken = 1;
	l2c_loop_break(s->loop, 0);
}

static void
run_command(struct l2c_script *s, const char *cmd)
{
	s->phase = PH_CMD;
	l2c_cmdout_end(&s->co);
	l2c_cmdout_begin(&s->co, &s->p, cmd);
	s->sent_us = l2c_now_us();
	l2c_timer_arm(s->loop, &s->deadline, s->conf.cmd_timeout_us);
	send_line(s, cmd);
}

static void
start_command(struct l2c_script *s)
{
	if (s->conf.step) {
		s->phase = PH_IDLE;
		wake(s);
		return;
	}
	if (s->cur >= s->conf.ncmds) {
		leave(s);
		return;
	}
	run_command(s, s->conf.cmds[s->cur]);
}

/* Text mode prints each command as it completes. */
static void
print_text(struct l2c_script *s, size_t i)
{
	if (s->conf.json)
		return;
	if (s->conf.ncmds > 1)
		printf("%s==> %s <==\n", i > 0 ? "\n" : "", s->conf.cmds[i]);
	if (s->res[i].output[0] != '\0')
		printf("%s\n", s->res[i].output);
	fflush(stdout);
}

/* commands[cur] is done (or given up with why): keep it, go on. */
static void
finish_command(struct l2c_script *s, const char *why)
{
	struct result	*r = &s->res[s->conf.step ? 0 : s->cur];
	uint64_t	 end = why != NULL ? l2c_now_us() : s->last_out_us;

	l2c_timer_cancel(s->loop, &s->deadline);
	free(r->output);	/* step mode: the last command's */
	free(r->error);
	r->error = NULL;
	r->output = strdup(l2c_cmdout_text(&s->co));
	r->seconds = end > s->sent_us ? (double)(end - s->sent_us) / 1e6 : 0;
	if (why != NULL)
		r->error = strdup(why);
	else if (s->co.failed)
		r->error = strdup(s->co.failure);
	if (r->output == NULL || (r->error == NULL && (why || s->co.failed)))
		s->err = L2C_ERR_NOMEM;
	if (s->conf.step) {
		s->step_timeout = why != NULL;
		s->phase = PH_IDLE;
		wake(s);
		return;
	}
	print_text(s, s->cur);
	s->cur++;
	if (why != NULL) {
		s->outcome = L2C_SCRIPT_TIMEOUT;
		leave(s);
		return;
	}
	if (s->co.failed && s->outcome == L2C_SCRIPT_OK)
		s->outcome = L2C_SCRIPT_FAILED;
	start_command(s);
}

static void
login_end(struct l2c_script *s, enum l2c_script_end why, const char *line)
{
	s->outcome = why;
	say(line);
	leave(s);
}

/*
 * The console has been quiet: answer its question, or, at the prompt,
 * go on (enable, the first command, the next one).
 */
static void
login_step(struct l2c_script *s, const char *row)
{
	const struct l2c_script_conf	*c = &s->conf;
	size_t				 n;

	switch (l2c_prompt_ask(row)) {
	case L2C_ASK_USER:
		if (c->login_user == NULL) {
			login_end(s, L2C_SCRIPT_NOLOGIN, "the console asks for "
			    "a user name: give --login-user");
			return;
		}
		if (s->asked_user++ > 0) {
			login_end(s, L2C_SCRIPT_LOGIN, "login failed");
			return;
		}
		send_line(s, c->login_user);
		return;
	case L2C_ASK_PASSWORD:
		if (s->wake_cr && c->login_user != NULL && s->asked_user == 0 &&
		    !s->wasted) {
			/* A slow console took the wake-up CR as the user. */
			s->wasted = 1;
			send_line(s, "");
		} else if (s->enable_sent && !s->enable_pw_sent &&
		    c->enable_password != NULL) {
			s->enable_pw_sent = 1;
			send_line(s, c->enable_password);
		} else if (!s->enable_sent && s->asked_pw++ == 0 &&
		    c->password != NULL)
			send_line(s, c->password);
		else
			login_end(s, c->password == NULL && !s->enable_sent ?
			    L2C_SCRIPT_NOLOGIN : L2C_SCRIPT_LOGIN,
			    c->password == NULL && !s->enable_sent ?
			    "the console asks for a password" :
			    "login failed");
		return;
	case L2C_ASK_NAG:
		send_bytes(s, "\003", 1);	/* RouterOS: not now */
		return;
	case L2C_ASK_NONE:
		break;
	}
	if ((n = l2c_prompt_at(&s->p, row)) == 0 ||
	    !l2c_prompt_is(&s->p, row)) {
		if (!s->woke && c->wake && s->last_out_us == 0) {
			s->woke = s->wake_cr = 1;
			send_bytes(s, "\r", 1);
		}
		return;
	}
	while (n > 0 && row[n - 1] == ' ')
		n--;
	if (c->enable && row[n - 1] == '>') {
		if (s->enable_sent) {
			login_end(s, L2C_SCRIPT_LOGIN, "enable refused");
			return;
		}
		s->enable_sent = 1;
		send_line(s, "enable");
		return;
	}
	l2c_timer_cancel(s->loop, &s->deadline);
	start_command(s);
}

static void
on_quiet(void *arg)
{
	struct l2c_script	*s = arg;
	const char		*row = cursor_row(s);

	if (s->phase == PH_LOGIN)
		login_step(s, row);
	else if (s->phase == PH_CMD && l2c_cmdout_done(&s->co, row))
		finish_command(s, NULL);
}

static void
on_deadline(void *arg)
{
	struct l2c_script	*s = arg;
	char			 why[64];

	snprintf(why, sizeof(why), "no prompt within %.3g s",
	    (double)s->conf.cmd_timeout_us / 1e6);
	if (s->phase == PH_CMD)
		finish_command(s, why);
	else if (s->phase == PH_LOGIN) {
		s->outcome = L2C_SCRIPT_TIMEOUT;
		say(why);
		leave(s);
	}
}

static void
on_grace(void *arg)
{
	struct l2c_script	*s = arg;

	s->gave_up = 1;
	l2c_loop_break(s->loop, 0);
}

/* Step mode: a sleep or an expect's timeout is over. */
static void
on_step_timer(void *arg)
{
	wake(arg);
}

/* Step mode: an expect() waiting, matched against what came. */
static void
try_expect(struct l2c_script *s)
{
	const char	*subj;
	int		 rv;

	if (s->phase != PH_IDLE || s->x_re == NULL || s->woken)
		return;
	rv = l2c_expbuf_match(&s->xb, s->x_re, cursor_row(s), s->x_m,
	    s->x_nm, &subj);
	if (rv < 0)
		s->err = rv;
	if (rv != 0) {
		s->x_subj = rv > 0 ? subj : NULL;
		s->x_re = NULL;
		wake(s);
	}
}

static void
on_output(void *arg, const uint8_t *p, size_t n)
{
	struct l2c_script	*s = arg;
	const char		*row, *answer;

	if (s->phase >= PH_LEAVING)
		return;
	if (l2c_vt_feed(s->vt, p, n) != 0)
		s->err = L2C_ERR_NOMEM;
	s->last_out_us = l2c_now_us();
	if (s->phase == PH_LOGIN && s->login_refused) {
		login_end(s, L2C_SCRIPT_LOGIN, "login failed");
		return;
	}
	row = cursor_row(s);
	/* A pager is answered at once, once. */
	if ((answer = l2c_prompt_pager(row)) != NULL) {
		if (!s->on_pager)
			send_bytes(s, answer, strlen(answer));
		s->on_pager = 1;
	} else
		s->on_pager = 0;
	l2c_timer_arm(s->loop, &s->quiet, s->conf.quiet_us);
	try_expect(s);
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *text)
{
	struct l2c_script	*s = arg;

	switch (ev) {
	case L2C_SESS_OPEN:
		s->open = 1;
		/* Quiet from the start counts: a console that says nothing. */
		l2c_timer_arm(s->loop, &s->quiet, WAKE_AFTER);
		l2c_timer_arm(s->loop, &s->deadline, s->conf.cmd_timeout_us);
		break;
	case L2C_SESS_NOTICE:
		if (text != NULL)
			say(text);
		break;
	case L2C_SESS_WRITABLE:
		flush_input(s);
		break;
	case L2C_SESS_CLOSED:
		s->closed = 1;
		if (s->err == 0)
			s->err = err;
		if (s->phase == PH_CMD && s->login_refused == 0 &&
		    l2c_cmdout_done(&s->co, cursor_row(s)))
			finish_command(s, NULL);
		if (s->phase == PH_LOGIN && s->login_refused)
			s->outcome = L2C_SCRIPT_LOGIN;
		s->phase = PH_DONE;
		l2c_timer_cancel(s->loop, &s->quiet);
		l2c_timer_cancel(s->loop, &s->deadline);
		l2c_timer_cancel(s->loop, &s->grace);
		l2c_timer_cancel(s->loop, &s->step_timer);
		l2c_loop_break(s->loop, 0);
		break;
	}
}

int
l2c_script_new(struct l2c_loop *loop, const struct l2c_script_conf *conf,
    struct l2c_script **out)
{
	struct l2c_vt_conf	 vc = {
		.cols = L2C_SCRIPT_COLS, .rows = L2C_SCRIPT_ROWS, .scrollback = 0,
		.reply = vt_reply, .line = vt_line,
	};
	struct l2c_script	*s;
	int			 rv;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->res = calloc(conf->ncmds + 1, sizeof(*s->res))) == NULL) {
		free(s);
		return L2C_ERR_NOMEM;
	}
	s->loop = loop;
	s->conf = *conf;
	if (s->conf.quiet_us == 0)
		s->conf.quiet_us = L2C_SCRIPT_QUIET_US;
	if (s->conf.cmd_timeout_us == 0)
		s->conf.cmd_timeout_us = L2C_SCRIPT_WAIT_US;
	s->cb = (struct l2c_sess_cb){ on_output, on_event, s };
	vc.arg = s;
	if ((rv = l2c_prompt_init(&s->p, conf->prompt_re)) != 0) {
		free(s->res);
		free(s);
		return rv;
	}
	if ((rv = l2c_vt_new(&vc, &s->vt)) != 0) {
		l2c_prompt_free(&s->p);
		free(s->res);
		free(s);
		return rv;
	}
	l2c_timer_init(&s->quiet, on_quiet, s);
	l2c_timer_init(&s->deadline, on_deadline, s);
	l2c_timer_init(&s->grace, on_grace, s);
	l2c_timer_init(&s->step_timer, on_step_timer, s);
	l2c_expbuf_init(&s->xb);
	*out = s;
	return 0;
}

const struct l2c_sess_cb *
l2c_script_cb(struct l2c_script *s)
{
	return &s->cb;
}

/* --json: one document of every command that was run. */
static void
print_json(struct l2c_script *s)
{
	size_t	i;

	putchar('[');
	for (i = 0; i < s->cur; i++) {
		printf("%s\n  {\"command\": ", i > 0 ? "," : "");
		l2c_json_str(stdout, s->conf.cmds[i]);
		printf(", \"output\": ");
		l2c_json_str(stdout, s->res[i].output ? s->res[i].output : "");
		printf(", \"error\": ");
		if (s->res[i].error != NULL)
			l2c_json_str(stdout, s->res[i].error);
		else
			printf("null");
		printf(", \"seconds\": %.3f}", s->res[i].seconds);
	}
	printf("%s]\n", s->cur > 0 ? "\n" : "");
	fflush(stdout);
}

/* SIGINT, SIGTERM, SIGHUP: leave as at the end. */
static void
on_signal(void *arg, int signo)
{
	struct l2c_script	*s = arg;

	(void)signo;
	s->interrupted = 1;
	if (s->phase >= PH_LEAVING)
		l2c_loop_break(s->loop, 0);
	else
		leave(s);
	if (s->conf.step)	/* the caller's wait ends: it has to know */
		l2c_loop_break(s->loop, 0);
}

static int
attach(struct l2c_script *s, struct l2c_sess *sess)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t			i;
	int			rv;

	s->sess = sess;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if ((rv = l2c_loop_signal(s->loop, sigs[i], on_signal, s)) != 0)
			return rv;
	return 0;
}

int
l2c_script_run(struct l2c_script *s, struct l2c_sess *sess)
{
	int	rv;

	if ((rv = attach(s, sess)) != 0)
		return rv;
	if (s->conf.ncmds == 0)
		s->phase = PH_LOGIN;
	if ((rv = l2c_loop_run(s->loop)) != 0 && s->err == 0)
		s->err = rv;
	if (s->conf.json)
		print_json(s);
	return s->err;
}

enum l2c_script_end
l2c_script_outcome(const struct l2c_script *s)
{
	return s->outcome;
}

void
l2c_script_free(struct l2c_script *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i <= s->conf.ncmds; i++) {
		free(s->res[i].output);
		free(s->res[i].error);
	}
	free(s->res);
	l2c_cmdout_end(&s->co);
	l2c_expbuf_free(&s->xb);
	l2c_vt_free(s->vt);
	l2c_prompt_free(&s->p);
	free(s->q);
	free(s);
}

/*
 * Step mode.  Each step runs the loop until what it waits for came (the
 * callbacks above wake() it) or the session is leaving or gone.
 */
static enum l2c_step
step_wait(struct l2c_script *s)
{
	int	rv;

	while (!s->woken && s->phase < PH_LEAVING && s->err == 0)
		if ((rv = l2c_loop_run(s->loop)) != 0 && s->err == 0)
			s->err = rv;
	l2c_timer_cancel(s->loop, &s->step_timer);
	if (s->woken)
		return L2C_STEP_OK;
	return s->interrupted ? L2C_STEP_INTR : L2C_STEP_CLOSED;
}

/* The session can take a step: at the prompt, not leaving. */
static enum l2c_step
step_begin(struct l2c_script *s)
{
	s->woken = 0;
	if (s->err == 0 && s->phase == PH_IDLE)
		return L2C_STEP_OK;
	return s->interrupted ? L2C_STEP_INTR : L2C_STEP_CLOSED;
}

enum l2c_step
l2c_script_ready(struct l2c_script *s, struct l2c_sess *sess)
{
	int	rv;

	if ((rv = attach(s, sess)) != 0) {
		s->err = rv;
		return L2C_STEP_CLOSED;
	}
	s->woken = 0;
	if (step_wait(s) != L2C_STEP_OK)
		return s->interrupted ? L2C_STEP_INTR : L2C_STEP_CLOSED;
	/* Whatever the login showed is not the script's to expect. */
	l2c_expbuf_clear(&s->xb);
	return L2C_STEP_OK;
}

enum l2c_step
l2c_script_command(struct l2c_script *s, const char *cmd, const char **out,
    const char **failure)
{
	enum l2c_step	st;

	if ((st = step_begin(s)) != L2C_STEP_OK)
		return st;
	l2c_expbuf_clear(&s->xb);	/* its output is the command's */
	s->step_timeout = 0;
	run_command(s, cmd);
	if ((st = step_wait(s)) != L2C_STEP_OK)
		return st;
	*out = s->res[0].output ? s->res[0].output : "";
	*failure = s->res[0].error;
	return s->step_timeout ? L2C_STEP_TIMEOUT : L2C_STEP_OK;
}

enum l2c_step
l2c_script_send(struct l2c_script *s, const void *p, size_t n)
{
	enum l2c_step	st;

	if ((st = step_begin(s)) != L2C_STEP_OK)
		return st;
	s->woke = 1;
	send_bytes(s, p, n);
	return L2C_STEP_OK;
}

enum l2c_step
l2c_script_expect(struct l2c_script *s, const regex_t *re, uint64_t us,
    regmatch_t *m, size_t nm, const char **subj)
{
	enum l2c_step	st;

	if ((st = step_begin(s)) != L2C_STEP_OK)
		return st;
	s->x_re = re;
	s->x_m = m;
	s->x_nm = nm;
	try_expect(s);		/* it may be there already */
	if (!s->woken) {
		l2c_timer_arm(s->loop, &s->step_timer, us);
		st = step_wait(s);
	}
	s->x_re = NULL;
	if (st != L2C_STEP_OK)
		return st;
	if (s->x_subj == NULL || s->err != 0)
		return s->err != 0 ? L2C_STEP_CLOSED : L2C_STEP_TIMEOUT;
	*subj = s->x_subj;
	s->x_subj = NULL;
	return L2C_STEP_OK;
}

enum l2c_step
l2c_script_sleep(struct l2c_script *s, uint64_t us)
{
	enum l2c_step	st;

	if ((st = step_begin(s)) != L2C_STEP_OK)
		return st;
	l2c_timer_arm(s->loop, &s->step_timer, us);
	return step_wait(s);
}

enum l2c_step
l2c_script_poll(struct l2c_script *s)
{
	int	rv;

	if ((rv = l2c_loop_once(s->loop, 0)) != 0 && s->err == 0)
		s->err = rv;
	return step_begin(s);
}

size_t
l2c_script_screen(struct l2c_script *s, char *buf, size_t size)
{
	return l2c_vt_screen_text(s->vt, buf, size);
}

size_t
l2c_script_prompt(struct l2c_script *s, const char **p)
{
	size_t	n;

	*p = cursor_row(s);
	if (!l2c_prompt_is(&s->p, *p))
		return 0;
	n = l2c_prompt_at(&s->p, *p);
	while (n > 0 && (*p)[n - 1] == ' ')
		n--;
	return n;
}

int
l2c_script_finish(struct l2c_script *s)
{
	int	rv;

	leave(s);
	while (!s->closed && !s->gave_up)
		if ((rv = l2c_loop_run(s->loop)) != 0) {
			if (s->err == 0)
				s->err = rv;
			break;
		}
	return s->err;
}
