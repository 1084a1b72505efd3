/* SPDX-License-Identifier: ISC */
/*
 * The bottom of the MAC-Telnet client: its notices to the face and the
 * session's one way out (timers and listener stopped, secrets wiped,
 * CLOSED said once).  The transport, the login and the session above
 * them all end a session here; this file calls none of them.
 */
#include <stdarg.h>
#include <stdio.h>

#include <openssl/crypto.h>

#include "mac/mt_client_int.h"

struct l2c_loop *
mtc_loop_of(struct mt_client *s)
{
	return s->ctx->loop;
}

void
mtc_notice(struct mt_client *s, const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->cb.event(s->cb.arg, L2C_SESS_NOTICE, 0, msg);
}

void
mtc_wipe_secrets(struct mt_client *s)
{
	OPENSSL_cleanse(s->password, sizeof(s->password));
	OPENSSL_cleanse(s->priv, sizeof(s->priv));
}

/* No more timers, no more frames. */
void
mtc_stop_io(struct mt_client *s)
{
	l2c_timer_cancel(mtc_loop_of(s), &s->t_rtx);
	l2c_timer_cancel(mtc_loop_of(s), &s->t_ka);
	l2c_timer_cancel(mtc_loop_of(s), &s->t_ackre);
	l2c_timer_cancel(mtc_loop_of(s), &s->t_login);
	l2c_timer_cancel(mtc_loop_of(s), &s->t_hold);
	l2c_timer_cancel(mtc_loop_of(s), &s->t_key);
	if (s->rxid >= 0)
		l2c_ctx_unlisten(s->ctx, s->rxid);
	s->rxid = -1;
}

/* Stop everything; the face hears CLOSED last, once. */
void
mtc_finish(struct mt_client *s, int err)
{
	if (s->state == ST_CLOSED)
		return;
	s->state = ST_CLOSED;
	mtc_stop_io(s);
	mtc_wipe_secrets(s);
	if (s->gaps > 1)
		mtc_notice(s, "%llu bytes of output were lost in %llu gaps (the "
		    "server does not resend)",
		    (unsigned long long)s->info.lost_bytes,
		    (unsigned long long)s->gaps);
	s->cb.event(s->cb.arg, L2C_SESS_CLOSED, err, NULL);
}
