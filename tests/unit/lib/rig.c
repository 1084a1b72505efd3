/* SPDX-License-Identifier: ISC */
/* The shared unit-test rig (rig.h): link pair, contexts, recording face. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/family.h"
#include "ui/registry.h"
#include "rig.h"

void
ut_pair_open(struct ut_pair *p, const uint8_t *amac, const uint8_t *bmac,
    int ctx_b)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(l2c_loop_new(&p->loop), 0);
	assert_int_equal(l2c_link_mem_pair(amac, bmac, &p->a, &p->b), 0);
	assert_int_equal(l2c_ctx_init(&p->ca, p->loop, p->a), 0);
	if (ctx_b)
		assert_int_equal(l2c_ctx_init(&p->cb, p->loop, p->b), 0);
	p->has_cb = ctx_b;
}

void
ut_pair_close(struct ut_pair *p)
{
	l2c_ctx_fini(&p->ca);
	if (p->has_cb)
		l2c_ctx_fini(&p->cb);
	l2c_link_close(p->a);
	l2c_link_close(p->b);
	l2c_loop_free(p->loop);
}

static void
face_output(void *arg, const uint8_t *p, size_t len)
{
	struct ut_face	*f = arg;

	assert_int_equal(f->closed, 0);
	assert_true(f->outlen + len <= sizeof(f->out));
	memcpy(f->out + f->outlen, p, len);
	f->outlen += len;
}

/* The contract: one OPEN at most, nothing after CLOSED, no sentence. */
static void
face_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct ut_face		*f = arg;
	struct l2c_sess_facts	 facts;
	struct l2c_sess_end	 end;
	const struct l2c_family	*fam;

	assert_int_equal(f->closed, 0);
	switch (ev) {
	case L2C_SESS_OPEN:
		assert_int_equal(f->opened, 0);
		f->opened = 1;
		break;
	case L2C_SESS_CLOSED:
		assert_null(msg);
		f->closed = 1;
		f->err = err;
		f->reason[0] = '\0';
		/* The sentence as a face gets it: the family row's. */
		if (f->sess != NULL && f->sess->ops != NULL &&
		    f->sess->ops->facts != NULL &&
		    (fam = l2c_family_find(f->sess->ops->proto)) != NULL) {
			memset(&facts, 0, sizeof(facts));
			f->sess->ops->facts(f->sess->s, &facts);
			end = (struct l2c_sess_end){ err, facts.ifname, NULL,
			    &facts };
			(void)l2c_family_explain(fam, &end, f->reason,
			    sizeof(f->reason));
		}
		break;
	case L2C_SESS_NOTICE:
		assert_non_null(msg);
		f->notices++;
		snprintf(f->notice, sizeof(f->notice), "%s", msg);
		break;
	case L2C_SESS_WRITABLE:
		f->writables++;
		break;
	}
}

void
ut_face_init(struct ut_face *f, struct l2c_sess *sess)
{
	memset(f, 0, sizeof(*f));
	f->sess = sess;
	f->cb.output = face_output;
	f->cb.event = face_event;
	f->cb.arg = f;
}

int
ut_run_until(struct l2c_loop *loop, const int *flag, uint64_t max_us)
{
	uint64_t	end = l2c_now_us() + max_us;

	while (!*flag && l2c_now_us() < end)
		assert_int_equal(l2c_loop_once(loop, 20000), 0);
	return *flag;
}

static void
count_news(void *arg, struct l2c_neigh *n, int result)
{
	struct ut_scan	*u = arg;

	(void)n;
	assert_true(result >= 0 && result < 4);
	if (u->news_ok != 0)
		assert_true(u->news_ok & 1U << result);
	u->news[result]++;
}

void
ut_scan_open(struct ut_scan *u, const uint8_t *amac, const uint8_t *bmac,
    const struct l2c_scan_proto *const *rows, size_t nrows,
    unsigned families)
{
	memset(u, 0, sizeof(*u));
	ut_pair_open(&u->p, amac, bmac, 0);
	assert_int_equal(l2c_neigh_new(0, &u->tab), 0);
	assert_int_equal(l2c_scan_init(&u->scan, &u->p.ca, u->tab, rows,
	    nrows, families), 0);
	u->scan.news = count_news;
	u->scan.newsarg = u;
}

void
ut_scan_close(struct ut_scan *u)
{
	l2c_scan_fini(&u->scan);
	ut_pair_close(&u->p);
	l2c_neigh_free(u->tab);
}

struct ut_scan *
ut_scan_new(const uint8_t *amac, const uint8_t *bmac,
    const struct l2c_scan_proto *const *rows, size_t nrows,
    unsigned families)
{
	struct ut_scan	*u = calloc(1, sizeof(*u));

	assert_non_null(u);
	ut_scan_open(u, amac, bmac, rows, nrows, families);
	return u;
}

void
ut_scan_free(struct ut_scan *u)
{
	ut_scan_close(u);
	free(u);
}

int
ut_scan_teardown(void **state)
{
	ut_scan_free(*state);
	return 0;
}

const uint8_t ut_sta[4][6] = {
	{ 0x02, 0, 0, 0, 0, 0x00 },
	{ 0x02, 0, 0, 0, 0, 0x01 },
	{ 0x02, 0, 0, 0, 0, 0x02 },
	{ 0x02, 0, 0, 0, 0, 0x03 },
};

void
ut_scan_inject(struct ut_scan *u, const uint8_t *p, size_t len)
{
	assert_int_equal(l2c_link_send(u->p.b, p, len), 0);
	(void)l2c_link_read_batch(u->p.a, 0);
}

char **
ut_sh_argv(const char *cmd)
{
	static char	 sh[] = "/bin/sh", c[] = "-c";
	static char	*argv[4];

	argv[0] = sh;
	argv[1] = c;
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	return argv;
}

void
ut_sess_no_info(void *s, struct l2c_sess_info *i)
{
	(void)s; (void)i;
}

void
ut_sess_no_free(void *s)
{
	(void)s;
}
