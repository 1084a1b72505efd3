/* SPDX-License-Identifier: ISC */
/*
 * --reconnect (reconnect.h): the wait for the device (its family's
 * ping, every 250 ms, until an echo or the timeout), then a new
 * session on the same console, as often as the device goes away.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <signal.h>
#include <time.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/log.h"
#include "core/ping_run.h"
#include "ui/cli/reconnect.h"
#include "ui/registry.h"

static const int	stop_sigs[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP_SIGS	(sizeof(stop_sigs) / sizeof(stop_sigs[0]))

struct rc {
	const struct l2c_reconnect_opts	*o;
	const struct l2c_family		*fam;
	struct l2c_ctx			*ctx;
	const struct l2c_sess_conf	*sc;
	struct l2c_console		*con;
	const struct l2c_sess_cb	*ccb;	/* the console's */
	struct l2c_sess_cb		 cb;	/* ours, in front of it */
	struct l2c_timer		 t_end;
	int				 answered, timed_out, signo;
	char				 mac[L2C_MAC_STRLEN];
};

void
l2c_reconnect_opts_init(struct l2c_reconnect_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_us = L2C_RECONNECT_US;
}

int
l2c_reconnect_opts_take(const struct l2c_cmd *self, int ch, const char *arg,
    struct l2c_reconnect_opts *o, int *ex)
{
	*ex = 0;
	switch (ch) {
	case L2C_RC_RECONNECT:
		o->on = 1;
		return 1;
	case L2C_RC_TIMEOUT:
		if (l2c_cmd_seconds(arg, 0, &o->timeout_us) != 0)
			*ex = l2c_usage_error(self, "bad --reconnect-timeout "
			    "\"%s\" (seconds, more than 0)", arg);
		return 1;
	default:
		return 0;
	}
}

void
l2c_reconnect_hold(const struct l2c_reconnect_opts *o, void *p, size_t len)
{
	/* Without the privilege (RLIMIT_MEMLOCK) it stays swappable. */
	if (o->on && mlock(p, len) != 0)
		l2c_debug("reconnect: cannot lock the password in memory");
}

void
l2c_reconnect_release(const struct l2c_reconnect_opts *o, void *p,
    size_t len)
{
	if (o->on)
		(void)munlock(p, len);
}

static void	step(const char *, ...) __attribute__((format(printf, 1, 2)));

char *
l2c_reconnect_when(char *buf, size_t len)
{
	struct timespec	ts;
	struct tm	tm;
	char		hms[16];

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03ld", hms, ts.tv_nsec / 1000000);
	return buf;
}

int
l2c_reconnect_worth(int err)
{
	return err == 0 || err == L2C_ERR_PEERLOST;
}

int
l2c_reconnect_ping_conf(const struct l2c_family *fam, const uint8_t *peer,
    struct l2c_ping_conf *pc)
{
	memset(pc, 0, sizeof(*pc));
	pc->proto = fam->ping;
	memcpy(pc->dst, peer, sizeof(pc->dst));
	pc->interval_us = L2C_RECONNECT_PING_US;
	pc->size = L2C_PING_HDR;
	return pc->proto != NULL ? 0 : -1;
}

/* One step on stderr, with the local time to the millisecond. */
static void
step(const char *fmt, ...)
{
	char		msg[512], when[32];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l2c_say("%s %s", l2c_reconnect_when(when, sizeof(when)), msg);
}

/* Lost, or ended by the device: not by the user, a signal or EOF. */
static int
worth_it(const struct rc *r, int err)
{
	return l2c_reconnect_worth(err) && !l2c_console_closed_here(r->con) &&
	    l2c_console_signo(r->con) == 0;
}

static void
on_echo(void *arg, const struct l2c_ping_echo *e)
{
	struct rc	*r = arg;

	if (e->verdict == L2C_PING_GOOD && !r->answered) {
		r->answered = 1;
		l2c_loop_break(r->ctx->loop, 0);
	}
}

static void
on_end(void *arg)
{
	struct rc	*r = arg;

	r->timed_out = 1;
	l2c_loop_break(r->ctx->loop, 0);
}

static void
on_signal(void *arg, int signo)
{
	struct rc	*r = arg;

	r->signo = signo;
	l2c_loop_break(r->ctx->loop, 0);
}

/*
 * Ping the device until it answers (1), the deadline passes or a signal
 * comes (0).  A family without a ping is tried again after one
 * interval.
 */
static int
wait_device(struct rc *r, uint64_t deadline)
{
	struct l2c_ping_conf	 pc;
	struct l2c_ping_cb	 cb = { on_echo, NULL, NULL, r };
	struct l2c_pinger	*p = NULL;
	size_t			 i;

	r->answered = r->timed_out = 0;
	if (l2c_now_us() >= deadline)
		return 0;
	for (i = 0; i < NSTOP_SIGS; i++)
		(void)l2c_loop_signal(r->ctx->loop, stop_sigs[i], on_signal,
		    r);
	if (l2c_reconnect_ping_conf(r->fam, r->sc->peer, &pc) == 0 &&
	    l2c_pinger_new(r->ctx, &pc, &cb, &p) == 0)
		l2c_pinger_start(p);
	else {
		r->answered = 1;	/* the session's START asks instead */
		if (l2c_now_us() + L2C_RECONNECT_PING_US < deadline)
			deadline = l2c_now_us() + L2C_RECONNECT_PING_US;
	}
	l2c_timer_arm_at(r->ctx->loop, &r->t_end, deadline);
	while (!r->signo && !r->timed_out && (p == NULL || !r->answered))
		if (l2c_loop_run(r->ctx->loop) != 0)
			break;
	if (p == NULL && r->timed_out)
		r->timed_out = 0;	/* the interval, not the deadline */
	l2c_timer_cancel(r->ctx->loop, &r->t_end);
	l2c_pinger_free(p);
	return r->signo == 0 && r->answered;
}

static void
fwd_output(void *arg, const uint8_t *p, size_t n)
{
	struct rc	*r = arg;

	r->ccb->output(r->ccb->arg, p, n);
}

/* The console hears everything; we say when the login is done. */
static void
fwd_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct rc	*r = arg;

	if (ev == L2C_SESS_OPEN)
		step("connected to %s again", r->mac);
	r->ccb->event(r->ccb->arg, ev, err, msg);
}

/* A new session on the console, until it ends: its error. */
static int
one_session(struct rc *r)
{
	struct l2c_sess	sess;
	int		rv;

	l2c_console_rearm(r->con);
	if ((rv = r->fam->start(r->ctx, r->sc, &r->cb, &sess)) != 0)
		return rv;
	rv = l2c_console_run(r->con, &sess);
	sess.ops->free(sess.s);
	return rv;
}

/* Why the session ended, as the family says it, for the first step. */
static void
say_end(struct rc *r, int err)
{
	struct l2c_sess_end	e = { err, r->ctx->link->ifname, r->sc,
	    l2c_console_facts(r->con) };
	char			line[512];

	if (err == 0 || l2c_family_explain(r->fam, &e, line,
	    sizeof(line)) == 0)
		snprintf(line, sizeof(line), "%s ended the session", r->mac);
	step("%s; reconnecting once it answers (up to %.0f s)", line,
	    (double)r->o->timeout_us / 1e6);
}

int
l2c_reconnect_run(const struct l2c_reconnect_opts *o,
    const struct l2c_family *fam, struct l2c_ctx *ctx,
    const struct l2c_sess_conf *sc, struct l2c_console *con, int err,
    int *worded)
{
	struct rc	r;
	uint64_t	deadline;

	*worded = 0;
	if (!o->on || fam->start == NULL)
		return err;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.fam = fam;
	r.ctx = ctx;
	r.sc = sc;
	r.con = con;
	r.ccb = l2c_console_cb(con);
	r.cb = (struct l2c_sess_cb){ fwd_output, fwd_event, &r };
	l2c_timer_init(&r.t_end, on_end, &r);
	l2c_mac_fmt(sc->peer, r.mac, sizeof(r.mac));
	while (worth_it(&r, err)) {
		say_end(&r, err);
		deadline = l2c_now_us() + o->timeout_us;
		for (;;) {
			if (!wait_device(&r, deadline))
				goto stop;
			if (fam->ping != NULL)
				step("%s answers; connecting", r.mac);
			err = one_session(&r);
			/* Up, but its console not yet: wait on. */
			if (err != L2C_ERR_NOANSWER)
				break;
		}
	}
	return err;
stop:
	*worded = 1;
	if (r.signo != 0)
		step("stopped waiting for %s (signal %d)", r.mac, r.signo);
	else
		l2c_say("gave up reconnecting to %s on %s after %.0f s", r.mac,
		    ctx->link->ifname, (double)o->timeout_us / 1e6);
	return L2C_ERR_PEERLOST;
}
