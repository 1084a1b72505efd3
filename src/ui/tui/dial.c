/* SPDX-License-Identifier: ISC */
/*
 * `c` in the neighbor table: a console on a station that has not shown
 * up there (MOP devices announce only every few minutes) or one known by
 * name: a MAC in any spelling, an /etc/ethers name, or an identity the
 * table has heard.
 */
#include <stdio.h>
#include <string.h>

#include "core/frame.h"
#include "ui/registry.h"
#include "ui/conf/secret.h"
#include "ui/cli/station.h"
#include "ui/tui/tui_int.h"

static void
dial_done(struct tui *t, int ok)
{
	char	mac[L2C_MAC_STRLEN];

	if (!ok) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_NORMAL, "connect cancelled");
		return;
	}
	if (l2c_station_parse(t->dial, t->conn.peer) != 0 &&
	    (t->dial_lookup == NULL ||
	    t->dial_lookup(t, t->dial, t->conn.peer) != 0)) {
		l2c_secret_wipe(t->conn.pass, sizeof(t->conn.pass));
		tui_status(t, TA_ERR, "\"%.60s\" is not a MAC, an /etc/ethers "
		    "name or an identity in the table", t->dial);
		return;
	}
	snprintf(t->conn.name, sizeof(t->conn.name), "%s",
	    l2c_mac_parse(t->dial, t->conn.peer) == 0 ?
	    l2c_mac_fmt(t->conn.peer, mac, sizeof(mac)) : t->dial);
	if (t->conn.fam->flags & L2C_FAM_LOGIN)
		tui_conn_user(t);
	tui_connect(t);
}

static void
proto_done(struct tui *t, int which)
{
	struct tui_form	*f = &t->form;

	if (which < 0)
		return;
	memset(&t->conn, 0, sizeof(t->conn));
	memset(t->dial, 0, sizeof(t->dial));
	t->conn.fam = t->choice.fam[which];
	memset(f, 0, sizeof(*f));
	snprintf(f->title, sizeof(f->title), "Connect with %s",
	    t->conn.fam->wire);
	f->f[0] = (struct tui_field){ "MAC or name", t->dial,
	    sizeof(t->dial), 0 };
	f->n = 1;
	if (t->conn.fam->flags & L2C_FAM_LOGIN)
		tui_form_login(t);
	f->done = dial_done;
	tui_form_show(t);
}

void
tui_dial(struct tui *t, int (*lookup)(struct tui *, const char *, uint8_t *))
{
	t->dial_lookup = lookup;
	memset(&t->choice, 0, sizeof(t->choice));
	snprintf(t->choice.title, sizeof(t->choice.title), "Connect to a "
	    "station by address, with");
	tui_choice_families(t, NULL);
	t->choice.done = proto_done;
	tui_choice_show(t);
}
