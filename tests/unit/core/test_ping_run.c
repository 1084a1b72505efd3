/* SPDX-License-Identifier: ISC */
/* The ping runner with a made-up ping row: echoes, duplicates, damage, the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/ping_run.h"

static const uint8_t	us[6] = { 0x02, 0, 0, 0, 0, 0xaa };
static const uint8_t	them[6] = { 0x02, 0, 0, 0, 0, 0xbb };

#define FAKE_TYPE	0x88b7
#define SIZE		24

static int
fake_build(struct l2c_wbuf *w, const uint8_t *src, const uint8_t *dst,
    uint16_t seq, const void *p, size_t len)
{
	(void)seq;
	if (l2c_put_bytes(w, dst, 6) != 0 || l2c_put_bytes(w, src, 6) != 0 ||
	    l2c_put_be16(w, FAKE_TYPE) != 0 || l2c_put_bytes(w, p, len) != 0)
		return L2C_ERR_NOSPACE;
	return 0;
}

static int
fake_parse(const struct l2c_pkt *pkt, const uint8_t *self,
    struct l2c_ping_reply *r)
{
	(void)self;
	if (pkt->ethertype != FAKE_TYPE)
		return L2C_ERR_PROTO;
	memcpy(r->from, pkt->src, 6);
	r->seq = -1;
	r->data = pkt->payload;
	r->len = pkt->plen;
	return 0;
}

static const struct l2c_ping_proto fake_proto = {
	.name = "fake ping", .max_payload = 1400,
	.filter = "ether proto 0x88b7",
	.build = fake_build, .parse = fake_parse,
};

struct rig {
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_pinger	*p;
	int			 echoes, good, corrupt, dup, errors;
	uint64_t		 done;
	uint32_t		 last_seq;
};

static void
on_echo(void *arg, const struct l2c_ping_echo *e)
{
	struct rig	*r = arg;

	r->echoes++;
	r->good += e->verdict == L2C_PING_GOOD;
	r->corrupt += e->verdict == L2C_PING_CORRUPT;
	r->dup += e->dup;
	r->last_seq = e->seq;
}

static void
on_error(void *arg, int err)
{
	(void)err;
	((struct rig *)arg)->errors++;
}

static void
on_done(void *arg)
{
	((struct rig *)arg)->done++;
}

static void
rig_up(struct rig *r, uint64_t count)
{
	struct l2c_ping_conf	c;
	struct l2c_ping_cb	cb = { on_echo, on_error, on_done, r };

	memset(r, 0, sizeof(*r));
	assert_int_equal(l2c_loop_new(&r->loop), 0);
	assert_int_equal(l2c_link_mem_pair(us, them, &r->a, &r->b), 0);
	assert_int_equal(l2c_ctx_init(&r->ctx, r->loop, r->a), 0);
	memset(&c, 0, sizeof(c));
	c.proto = &fake_proto;
	memcpy(c.dst, them, 6);
	c.count = count;
	c.interval_us = L2C_MS(1);
	c.wait_us = L2C_MS(30);
	c.size = SIZE;
	assert_int_equal(l2c_pinger_new(&r->ctx, &c, &cb, &r->p), 0);
}

static void
rig_down(struct rig *r)
{
	l2c_pinger_free(r->p);
	l2c_ctx_fini(&r->ctx);
	l2c_link_close(r->a);
	l2c_link_close(r->b);
	l2c_loop_free(r->loop);
}

/* The peer echoes sent frame i, with one payload byte flipped if asked. */
static void
echo(struct rig *r, size_t i, int damage)
{
	const uint8_t	*f;
	uint8_t		 back[128];
	size_t		 n = l2c_link_mem_sent(r->a, i, &f);

	assert_true(n == 14 + SIZE);
	memcpy(back, f + 6, 6);
	memcpy(back + 6, f, 6);
	memcpy(back + 12, f + 12, n - 12);
	if (damage)
		back[n - 1] ^= 0x5a;
	assert_int_equal(l2c_link_send(r->b, back, n), 0);
	(void)l2c_link_read_batch(r->a, 0);
}

/* Turn the loop until the count reaches want (or give up after 2 s). */
static void
run_until(struct rig *r, const uint64_t *v, uint64_t want)
{
	int	i;

	for (i = 0; i < 400 && *v < want; i++)
		(void)l2c_loop_once(r->loop, L2C_MS(5));
	assert_true(*v >= want);
}

static void
test_echoes(void **state)
{
	const struct l2c_ping_stats	*st;
	struct rig			 r;

	(void)state;
	rig_up(&r, 2);
	st = l2c_pinger_stats(r.p);
	l2c_pinger_start(r.p);
	assert_int_equal(st->tx, 1);
	echo(&r, 0, 0);
	assert_int_equal(r.good, 1);
	assert_int_equal(r.last_seq, 1);
	/* The same echo again: a duplicate, counted apart. */
	echo(&r, 0, 0);
	assert_int_equal(r.dup, 1);
	assert_int_equal(st->rx, 1);
	run_until(&r, &st->tx, 2);
	/* Damage past the header: ours, sequence known, not good. */
	echo(&r, 1, 1);
	assert_int_equal(r.corrupt, 1);
	assert_int_equal(r.last_seq, 2);
	assert_int_equal(st->rx, 2);
	assert_int_equal(st->corrupt, 1);
	assert_int_equal(st->nrtt, 1);
	/* All answered: done comes from the loop, not from the echo. */
	assert_int_equal(r.done, 0);
	run_until(&r, &r.done, 1);
	assert_int_equal(r.errors, 0);
	rig_down(&r);
}

static void
test_silence_ends_after_wait(void **state)
{
	const struct l2c_ping_stats	*st;
	struct rig			 r;

	(void)state;
	rig_up(&r, 3);
	st = l2c_pinger_stats(r.p);
	l2c_pinger_start(r.p);
	run_until(&r, &r.done, 1);
	assert_int_equal(st->tx, 3);
	assert_int_equal(st->rx, 0);
	assert_int_equal(r.echoes, 0);
	rig_down(&r);
}

static void
test_bad_conf(void **state)
{
	struct rig		 r;
	struct l2c_ping_conf	 c;
	struct l2c_ping_cb	 cb = { NULL, NULL, NULL, NULL };
	struct l2c_pinger	*p;

	(void)state;
	rig_up(&r, 1);
	memset(&c, 0, sizeof(c));
	c.proto = &fake_proto;
	c.size = L2C_PING_HDR - 1;
	assert_int_equal(l2c_pinger_new(&r.ctx, &c, &cb, &p), L2C_ERR_INVAL);
	rig_down(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_echoes),
		cmocka_unit_test(test_silence_ends_after_wait),
		cmocka_unit_test(test_bad_conf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
