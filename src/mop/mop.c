/* SPDX-License-Identifier: ISC */
/*
 * The DEC MOP family's row (core/family.h): the remote console with the
 * terminal habits IOS wants (a CR to wake the prompt, LF sent as CR),
 * MOP loopback as its ping (to a station or the loopback assistant
 * group), and the Request ID / System ID discovery row.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/family.h"
#include "core/neigh.h"
#include "mop/mop.h"
#include "mop/mop_client.h"
#include "mop/mop_ping.h"
#include "mop/mop_proto.h"
#include "mop/mop_scan.h"
#include "mop/sysid.h"

static int
mop_start(struct l2c_ctx *ctx, const struct l2c_sess_conf *c,
    const struct l2c_sess_cb *cb, struct l2c_sess *out)
{
	struct mop_client_conf	o;

	if (c->ext != NULL)
		o = *(const struct mop_client_conf *)c->ext;
	else
		mop_client_defaults(&o);
	memcpy(o.peer, c->peer, L2C_ETH_ALEN);
	if (c->timeout_us != 0)
		o.timeout_us = c->timeout_us;
	return mop_client_new(ctx, &o, cb, out);
}

/*
 * How a MOP session ended, in one sentence: from its facts (who holds
 * the console, which interface, how long it waited), else the error.
 */
static size_t
mop_explain(const struct l2c_sess_end *e, char *buf, size_t len)
{
	static const struct l2c_sess_facts none;
	const struct l2c_sess_facts	*f = e->facts != NULL ? e->facts : &none;
	char				 a[L2C_MAC_STRLEN], b[L2C_MAC_STRLEN];
	int				 n;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (e->err == 0)
		return 0;
	(void)l2c_mac_fmt(f->peer, a, sizeof(a));
	(void)l2c_mac_fmt(f->other, b, sizeof(b));
	switch (f->why) {
	case MOP_WHY_NO_CONSOLE:
		n = snprintf(buf, len, "%s does not offer a remote console (no "
		    "console carrier in its System ID)", a);
		break;
	case MOP_WHY_RESERVED:
		n = snprintf(buf, len, "the console of %s is reserved by %s", a,
		    b);
		break;
	case MOP_WHY_REFUSED:
		n = snprintf(buf, len, "%s: reservation refused (wrong "
		    "verification or console taken)", a);
		break;
	case MOP_WHY_NOANSWER:
		n = snprintf(buf, len, "no answer from %s on %s (no MOP console "
		    "there, or MOP disabled on its interface)", a, f->ifname);
		break;
	case MOP_WHY_PEERLOST:
		n = snprintf(buf, len, "peer lost: no answer from %s for %.1f s",
		    a, (double)f->timeout_us / 1e6);
		break;
	default:
		n = snprintf(buf, len, "%s", l2c_strerror(e->err));
		break;
	}
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

static const struct l2c_scan_proto *const mop_scan_rows[] = {
	&mop_scan_proto,
};

/* The System ID's device and function codes, as MOP names them. */
static const struct l2c_neigh_names mop_names = {
	.device = mop_device_name,
	.function = mop_function_name,
	.functions = mop_functions_str,
};

const struct l2c_family mop_family = {
	.name = "mop",
	.title = "MOP remote console",
	.choice = "DEC MOP remote console",
	.wire = "MOP",
	.flags = L2C_FAM_WAKE | L2C_FAM_LF_TO_CR | L2C_FAM_PING_ANY,
	.scan_family = L2C_SCAN_MOP,
	.np_seen = L2C_NP_MOP | L2C_NP_MOP_LOOP,
	.np_console = L2C_NP_MOP_CONSOLE,
	.start = mop_start,
	.explain = mop_explain,
	.ping = &mop_loop_ping_proto,
	.ping_group = "assistant",
	.ping_group_mac = mop_mcast_loop,
	.scan = mop_scan_rows,
	.nscan = sizeof(mop_scan_rows) / sizeof(mop_scan_rows[0]),
	.names = &mop_names,
};
