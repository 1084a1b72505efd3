/* SPDX-License-Identifier: ISC */
/* The client fuzz targets' common ground (rig.h). */
#include <string.h>

#include "core/link.h"
#include "rig.h"

static void
on_output(void *arg, const uint8_t *p, size_t len)
{
	struct fz_rig	*g = arg;

	if (g->closed || (len > 0 && p == NULL))
		__builtin_trap();
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct fz_rig	*g = arg;

	(void)err;
	if (g->closed)
		__builtin_trap();	/* nothing after CLOSED */
	if (ev == L2C_SESS_CLOSED)
		g->closed = 1;
	if (ev == L2C_SESS_NOTICE && (msg == NULL || strlen(msg) > 1024))
		__builtin_trap();
}

int
fz_rig_open(struct fz_rig *g, const uint8_t *cmac, const uint8_t *smac)
{
	memset(g, 0, sizeof(*g));
	if (l2c_loop_new(&g->loop) != 0)
		return -1;
	if (l2c_link_mem_pair(cmac, smac, &g->a, &g->b) != 0) {
		l2c_loop_free(g->loop);
		return -1;
	}
	if (l2c_ctx_init(&g->ctx, g->loop, g->a) != 0) {
		l2c_link_close(g->a);
		l2c_link_close(g->b);
		l2c_loop_free(g->loop);
		return -1;
	}
	g->cb.output = on_output;
	g->cb.event = on_event;
	g->cb.arg = g;
	return 0;
}

int
fz_client_open(struct fz_rig *g, struct l2c_rbuf *in, const uint8_t *data,
    size_t size, uint8_t *opts, const uint8_t *cmac, const uint8_t *smac)
{
	*opts = 0;
	l2c_rbuf_init(in, data, size);
	(void)l2c_get_u8(in, opts);
	return fz_rig_open(g, cmac, smac);
}

int
fz_next(struct l2c_rbuf *in, struct fz_rec *r)
{
	if (l2c_get_be16(in, &r->len) != 0 || l2c_get_u8(in, &r->flags) != 0)
		return 0;
	r->n = r->len < l2c_rbuf_left(in) ? r->len : l2c_rbuf_left(in);
	return l2c_get_ptr(in, &r->p, r->n) == 0;
}

void
fz_rig_close(struct fz_rig *g, struct l2c_sess *sess, int close_first)
{
	if (sess != NULL) {
		if (close_first && !g->closed) {
			sess->ops->close(sess->s);
			(void)l2c_loop_once(g->loop, 0);
		}
		sess->ops->free(sess->s);
	}
	l2c_ctx_fini(&g->ctx);
	l2c_link_close(g->a);
	l2c_link_close(g->b);
	l2c_loop_free(g->loop);
}
