/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: one Ethernet frame through the discovery adapters
 * (MNDP announcement, MOP System ID) into a fresh neighbor table, then
 * out through every report format.  Checks that what the wire says can
 * never put a control (C0, C1, DEL), a bidi override or broken UTF-8
 * into JSON, CSV or the terminal table, nor a formula into a CSV cell
 * (lib/textcheck.h), and that the table's strings stay terminated.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frame.h"
#include "core/neigh.h"
#include "mac/mndp.h"
#include "mac/mndp_scan.h"
#include "mop/mop_proto.h"
#include "mop/mop_scan.h"
#include "mop/sysid.h"
#include "ui/report/scan_out.h"
#include "lib/textcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
render(const struct l2c_neigh_tab *t, enum l2c_scan_fmt fmt)
{
	struct l2c_scan_out	 o;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.f = f;
	o.fmt = fmt;
	o.ifname = "fuzz0";
	(void)l2c_scan_print(&o, t);
	if (fmt == L2C_SCAN_JSON && l2c_neigh_count(t) > 0)
		l2c_scan_print_one(&o, l2c_neigh_at(t, 0), 1);
	fclose(f);
	/* JSON and the table: newlines between lines only; CSV: CRLF. */
	if (fmt == L2C_SCAN_CSV)
		fz_text_csv(buf, len);
	else
		fz_text_visible(buf, len, "\n");
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_neigh_tab	*t;
	struct l2c_neigh_upd	 u;
	struct l2c_pkt		 pkt;
	struct mndp_info	 mi;
	struct mop_msg		 m;
	struct mop_sysid	 si;
	struct l2c_neigh	*n;
	size_t			 i;

	if (l2c_frame_parse(data, len, &pkt) != 0)
		return 0;
	if (l2c_neigh_new(0, &t) != 0)
		return 0;
	if (pkt.udp_ok) {
		(void)mndp_parse(pkt.udata, pkt.ulen, &mi);
		mndp_scan_upd(&pkt, &mi, &u);
		(void)l2c_neigh_update(t, &u, 1, NULL);
		(void)l2c_neigh_update(t, &u, 2, NULL);
	}
	if (mop_parse_pkt(&pkt, &m) == 0 && m.code == MOP_SYSTEM_ID &&
	    mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen, &si) == 0) {
		mop_scan_upd(pkt.src, &si, &u);
		(void)l2c_neigh_update(t, &u, 3, NULL);
	}
	/* Every string the table holds is terminated inside its field. */
	for (i = 0; (n = l2c_neigh_at(t, i)) != NULL; i++) {
		size_t	j;

		for (j = 0; j < L2C_NS_COUNT; j++)
			if (memchr(n->str[j], '\0', sizeof(n->str[j])) == NULL)
				__builtin_trap();
		if (n->nipv4 > L2C_NEIGH_MAXADDR ||
		    n->nipv6 > L2C_NEIGH_MAXADDR)
			__builtin_trap();
	}
	render(t, L2C_SCAN_JSON);
	render(t, L2C_SCAN_CSV);
	render(t, L2C_SCAN_TABLE);
	l2c_neigh_free(t);
	return 0;
}
