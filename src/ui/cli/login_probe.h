/* SPDX-License-Identifier: ISC */
/*
 * scan --audit's login probe: which login each console that wants one
 * offers, learned without logging in (l2c_sess_conf.offer_only).
 */
#ifndef L2C_UI_LOGIN_PROBE_H
#define L2C_UI_LOGIN_PROBE_H

#include "core/neigh.h"
#include "ui/cli/open.h"

/* Sessions started a second, at once at most, and each one's time. */
#define L2C_LOGIN_PROBE_RATE	10
#define L2C_LOGIN_PROBE_MAX	4
#define L2C_LOGIN_PROBE_WAIT_US	L2C_SEC(2)

/*
 * Ask every live device in t whose console (a family with a login)
 * it offers which login that console offers: its L2C_NS_LOGIN gets
 * the family's method ("MD5", "EC-SRP5").  Runs u's loop until every
 * device answered or its time ran out, or the loop was broken (a
 * signal).  Returns how many were asked, or an error.
 */
int	l2c_login_probe(struct l2c_ui_link *u, struct l2c_neigh_tab *t);

#endif
