/* SPDX-License-Identifier: ISC */
/*
 * The login probe (login_probe.h): a paced queue of sessions that end
 * at the server's first answer to our begin auth.  A session is freed
 * from a timer, never from inside its own CLOSED.
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/family.h"
#include "core/loop.h"
#include "ui/cli/login_probe.h"
#include "ui/registry.h"

struct lp_run;

struct lp_slot {
	struct lp_run		*run;
	const struct l2c_family	*fam;
	uint8_t			 mac[L2C_ETH_ALEN];
	struct l2c_sess		 sess;
	struct l2c_timer	 t_end;	/* its time; or free it after CLOSED */
	int			 busy;
};

struct lp_todo {
	const struct l2c_family	*fam;
	uint8_t			 mac[L2C_ETH_ALEN];
};

struct lp_run {
	struct l2c_ui_link	*u;
	struct l2c_neigh_tab	*tab;
	struct lp_todo		*todo;
	size_t			 ntodo, next, nbusy;
	struct l2c_timer	 t_pace;
	struct lp_slot		 slot[L2C_LOGIN_PROBE_MAX];
};

static void
on_output(void *arg, const uint8_t *p, size_t len)
{
	(void)arg;
	(void)p;
	(void)len;
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *text)
{
	struct lp_slot		*sl = arg;
	struct l2c_neigh_upd	 upd;
	struct l2c_sess_info	 info;

	(void)text;
	if (ev != L2C_SESS_CLOSED)
		return;
	memset(&info, 0, sizeof(info));
	if (err == 0 && sl->sess.ops->info != NULL) {
		sl->sess.ops->info(sl->sess.s, &info);
		if (info.method != NULL && strcmp(info.method, "?") != 0) {
			l2c_neigh_upd_init(&upd, sl->mac);
			l2c_neigh_upd_str(&upd, L2C_NS_LOGIN, info.method,
			    strlen(info.method));
			(void)l2c_neigh_update(sl->run->tab, &upd,
			    l2c_now_us(), NULL);
		}
	}
	l2c_timer_arm(sl->run->u->loop, &sl->t_end, 0);
}

static void
slot_free(struct lp_slot *sl)
{
	if (sl->sess.ops != NULL)
		sl->sess.ops->free(sl->sess.s);
	memset(&sl->sess, 0, sizeof(sl->sess));
	sl->busy = 0;
	sl->run->nbusy--;
}

static void
pace(void *arg);

/* Its time ran out, or it CLOSED: free it, start the next. */
static void
end_fire(void *arg)
{
	struct lp_slot	*sl = arg;

	slot_free(sl);
	pace(sl->run);
}

static void
start_one(struct lp_run *r, struct lp_slot *sl, const struct lp_todo *td)
{
	struct l2c_sess_conf	 conf;
	struct l2c_sess_cb	 cb = { on_output, on_event, sl };

	memset(&conf, 0, sizeof(conf));
	memcpy(conf.peer, td->mac, sizeof(conf.peer));
	conf.login = td->fam->default_login != NULL ?
	    td->fam->default_login : "admin";
	conf.password = "";
	conf.timeout_us = L2C_LOGIN_PROBE_WAIT_US;
	conf.offer_only = 1;
	sl->fam = td->fam;
	memcpy(sl->mac, td->mac, sizeof(sl->mac));
	if (td->fam->start(&r->u->ctx, &conf, &cb, &sl->sess) != 0)
		return;
	sl->busy = 1;
	r->nbusy++;
	l2c_timer_arm(r->u->loop, &sl->t_end, L2C_LOGIN_PROBE_WAIT_US);
}

/* One more session a tick, while there is room; the end when none. */
static void
pace(void *arg)
{
	struct lp_run	*r = arg;
	size_t		 i;

	if (r->t_pace.armed)
		return;
	if (r->next < r->ntodo && r->nbusy < L2C_LOGIN_PROBE_MAX) {
		for (i = 0; r->slot[i].busy; i++)
			;
		start_one(r, &r->slot[i], &r->todo[r->next++]);
	}
	if (r->next < r->ntodo)
		l2c_timer_arm(r->u->loop, &r->t_pace,
		    L2C_SEC(1) / L2C_LOGIN_PROBE_RATE);
	else if (r->nbusy == 0)
		l2c_loop_break(r->u->loop, 0);
}

static void
pace_fire(void *arg)
{
	pace(arg);
}

/* Each live device's console families that ask for a login. */
static int
collect(struct lp_run *r)
{
	const struct l2c_family	*fams[8];
	const struct l2c_neigh	*n;
	struct lp_todo		*td;
	size_t			 i, k, nf;

	for (i = 0; (n = l2c_neigh_at(r->tab, i)) != NULL; i++) {
		if (!l2c_neigh_live(n))
			continue;
		nf = l2c_family_consoles(n, fams, sizeof(fams) /
		    sizeof(fams[0]));
		for (k = 0; k < nf; k++) {
			if (fams[k]->start == NULL ||
			    !(fams[k]->flags & L2C_FAM_LOGIN))
				continue;
			td = realloc(r->todo, (r->ntodo + 1) * sizeof(*td));
			if (td == NULL)
				return L2C_ERR_NOMEM;
			r->todo = td;
			td[r->ntodo].fam = fams[k];
			memcpy(td[r->ntodo].mac, n->mac, L2C_ETH_ALEN);
			r->ntodo++;
		}
	}
	return 0;
}

int
l2c_login_probe(struct l2c_ui_link *u, struct l2c_neigh_tab *t)
{
	struct lp_run	r;
	size_t		i;
	int		rv;

	memset(&r, 0, sizeof(r));
	r.u = u;
	r.tab = t;
	l2c_timer_init(&r.t_pace, pace_fire, &r);
	for (i = 0; i < L2C_LOGIN_PROBE_MAX; i++) {
		r.slot[i].run = &r;
		l2c_timer_init(&r.slot[i].t_end, end_fire, &r.slot[i]);
	}
	if ((rv = collect(&r)) == 0 && r.ntodo > 0) {
		pace(&r);
		(void)l2c_loop_run(u->loop);
	}
	/* A signal ended it early: what is still asking goes silently. */
	l2c_timer_cancel(u->loop, &r.t_pace);
	for (i = 0; i < L2C_LOGIN_PROBE_MAX; i++) {
		l2c_timer_cancel(u->loop, &r.slot[i].t_end);
		if (r.slot[i].busy)
			slot_free(&r.slot[i]);
	}
	free(r.todo);
	return rv != 0 ? rv : (int)r.next;
}
