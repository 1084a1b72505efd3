/* SPDX-License-Identifier: ISC */
/*
 * The MikroTik family's row (core/family.h): the MAC-Telnet console
 * with its login, the sentence each of its ends reads as, MAC ping,
 * and the MNDP and MAC-Telnet discovery rows.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/family.h"
#include "core/neigh.h"
#include "mac/mikrotik.h"
#include "mac/mndp_scan.h"
#include "mac/mt_client.h"
#include "mac/mt_ping.h"

/* The shared conf over the family's own (or its defaults). */
static void
mt_conf(const struct l2c_sess_conf *c, struct mt_client_conf *mc)
{
	if (c->ext != NULL)
		*mc = *(const struct mt_client_conf *)c->ext;
	else
		memset(mc, 0, sizeof(*mc));
	mc->peer = c->peer;
	mc->login = c->login;
	mc->password = c->password;
	mc->term = c->term;
	mc->cols = c->cols;
	mc->rows = c->rows;
	mc->timeout_us = c->timeout_us;
	mc->offer_only = c->offer_only;
	if (c->strong_known)
		mc->known_ecsrp5 = 1;
}

static int
mt_start(struct l2c_ctx *ctx, const struct l2c_sess_conf *c,
    const struct l2c_sess_cb *cb, struct l2c_sess *out)
{
	struct mt_client_conf	mc;

	mt_conf(c, &mc);
	return mt_client_new(ctx, &mc, cb, out);
}

/* The session's end in one line a user can act on. */
static size_t
mt_explain(const struct l2c_sess_end *e, char *buf, size_t len)
{
	static const struct l2c_sess_conf	 noconf;
	const struct l2c_sess_conf		*c;
	struct mt_client_conf			 mc;
	const char				*login;
	char					 mac[L2C_MAC_STRLEN];
	double					 secs;
	int					 n;

	/* A face may know only the session's facts (the unit rigs). */
	c = e->conf != NULL ? e->conf : &noconf;
	mt_conf(c, &mc);
	secs = (double)mt_client_budget(&mc) / 1e6;
	login = mc.login != NULL ? mc.login : "";
	l2c_mac_fmt(e->conf == NULL && e->facts != NULL ? e->facts->peer :
	    c->peer, mac, sizeof(mac));
	/* Refused before any response left: the policy of mt_login.c. */
	if (e->err == L2C_ERR_AUTH && e->facts != NULL &&
	    e->facts->why == MT_WHY_DOWNGRADE) {
		n = snprintf(buf, len, "%s offered EC-SRP5 before; someone may "
		    "be in the middle (--allow-md5 to log in anyway)", mac);
		return n < 0 ? 0 : (size_t)n;
	}
	if (e->err == L2C_ERR_AUTH && e->facts != NULL &&
	    e->facts->why == MT_WHY_NO_MD5) {
		n = snprintf(buf, len, "%s offers only the legacy MD5 login, "
		    "which --no-md5 refuses", mac);
		return n < 0 ? 0 : (size_t)n;
	}
	switch (e->err) {
	case 0:
		return 0;
	case L2C_ERR_NOANSWER:
		n = snprintf(buf, len, "no answer from %s on %s after %.1f s "
		    "(is the MAC server enabled on the device?)", mac,
		    e->ifname, (double)mt_client_start_budget(&mc) / 1e6);
		break;
	case L2C_ERR_AUTH:
		n = snprintf(buf, len, "login failed for %.*s on %s",
		    (int)strcspn(login, "+"), login, mac);
		break;
	case L2C_ERR_PEERLOST:
		if (e->facts != NULL && e->facts->why == MT_WHY_LOGIN_SILENT) {
			n = snprintf(buf, len, "no answer to the login from %s "
			    "on %s", mac, e->ifname);
			break;
		}
		n = snprintf(buf, len, "lost %s on %s: no answer for %.1f s",
		    mac, e->ifname, secs);
		break;
	default:
		n = snprintf(buf, len, "session with %s on %s ended: %s", mac,
		    e->ifname, l2c_strerror(e->err));
		break;
	}
	return n < 0 ? 0 : (size_t)n;
}

static const struct l2c_scan_proto *const mt_scan_rows[] = {
	&mndp_scan_proto,
	&mt_ping_scan_proto,
};

const struct l2c_family mikrotik_family = {
	.name = "mikrotik",
	.title = "MikroTik MAC-Telnet",
	.choice = "MikroTik MAC-Telnet (login)",
	.wire = "MAC-Telnet",
	.default_login = "admin",
	/* RouterOS ends a typed line at a bare CR. */
	.flags = L2C_FAM_LOGIN | L2C_FAM_LF_TO_CR,
	.scan_family = L2C_SCAN_MIKROTIK,
	.np_seen = L2C_NP_MNDP | L2C_NP_MACTELNET,
	.np_console = L2C_NP_MNDP | L2C_NP_MACTELNET,
	.start = mt_start,
	.explain = mt_explain,
	.ping = &mt_ping_proto,
	.scan = mt_scan_rows,
	.nscan = sizeof(mt_scan_rows) / sizeof(mt_scan_rows[0]),
};
