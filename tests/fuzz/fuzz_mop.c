/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: one Ethernet frame through the MOP console codec
 * and, for a System ID, its info entries.  What parses must build
 * again into something that parses the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/frame.h"
#include "mop/mop_proto.h"
#include "mop/sysid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define SAME(f)	(a->f == b->f)

static int
same_msg(const struct mop_msg *a, const struct mop_msg *b)
{
	if (!SAME(code))
		return 0;
	switch (a->code) {
	case MOP_REQUEST_ID:
		return SAME(u.reqid.receipt) && SAME(u.reqid.form);
	case MOP_SYSTEM_ID:
		return SAME(u.sysid.receipt) && SAME(u.sysid.infolen) &&
		    memcmp(a->u.sysid.info, b->u.sysid.info,
		    a->u.sysid.infolen) == 0;
	case MOP_REQUEST_COUNTERS:
		return SAME(u.reqctr.receipt);
	case MOP_COUNTERS:
		return memcmp(&a->u.counters, &b->u.counters,
		    sizeof(a->u.counters)) == 0;
	case MOP_RESERVE:
		return memcmp(a->u.reserve.verif, b->u.reserve.verif,
		    MOP_VERIF_LEN) == 0;
	case MOP_COMMAND:
	case MOP_RESPONSE:
		return SAME(u.con.flags) && SAME(u.con.dlen) &&
		    (a->u.con.dlen == 0 || memcmp(a->u.con.data,
		    b->u.con.data, a->u.con.dlen) == 0);
	default:
		return 1;
	}
}

/* Every field that was present came back with the same value. */
static int
same_sysid(const struct mop_sysid *a, const struct mop_sysid *b)
{
	if (!SAME(have))
		return 0;
	if ((a->have & MOP_HAVE_VERSION) &&
	    memcmp(a->version, b->version, 3) != 0)
		return 0;
	if ((a->have & MOP_HAVE_FUNCTIONS) && !SAME(functions))
		return 0;
	if ((a->have & MOP_HAVE_CONSOLE_USER) &&
	    memcmp(a->console_user, b->console_user, 6) != 0)
		return 0;
	if ((a->have & MOP_HAVE_HWADDR) && memcmp(a->hwaddr, b->hwaddr, 6) != 0)
		return 0;
	if ((a->have & MOP_HAVE_TIME) &&
	    memcmp(a->systime, b->systime, 10) != 0)
		return 0;
	if ((a->have & MOP_HAVE_SOFTWARE) && (!SAME(software_kind) ||
	    strcmp(a->software, b->software) != 0))
		return 0;
	return (!(a->have & MOP_HAVE_RSV_TIMER) || SAME(rsv_timer)) &&
	    (!(a->have & MOP_HAVE_CMD_SIZE) || SAME(cmd_size)) &&
	    (!(a->have & MOP_HAVE_RSP_SIZE) || SAME(rsp_size)) &&
	    (!(a->have & MOP_HAVE_DEVICE) || SAME(device)) &&
	    (!(a->have & MOP_HAVE_PROCESSOR) || SAME(processor)) &&
	    (!(a->have & MOP_HAVE_DATALINK) || SAME(datalink)) &&
	    (!(a->have & MOP_HAVE_DL_BUFSIZE) || SAME(dl_bufsize));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_pkt	 pkt, pkt2;
	struct mop_msg	 m, m2;
	struct mop_sysid si, si2;
	struct l2c_wbuf	 w;
	uint8_t		 out[L2C_ETH_MAXLEN + 64], info[1024];

	if (l2c_frame_parse(data, len, &pkt) != 0 ||
	    mop_parse_pkt(&pkt, &m) != 0)
		return 0;
	if (m.code == MOP_SYSTEM_ID &&
	    mop_sysid_parse(m.u.sysid.info, m.u.sysid.infolen, &si) == 0) {
		l2c_wbuf_init(&w, info, sizeof(info));
		if (mop_sysid_build(&w, &si) != 0 ||
		    mop_sysid_parse(info, w.len, &si2) != 0 ||
		    !same_sysid(&si, &si2))
			__builtin_trap();
	}
	l2c_wbuf_init(&w, out, sizeof(out));
	if (mop_build(&w, pkt.dst, pkt.src, pkt.encap, &m) != 0)
		return 0;	/* a type we only parse, or too big */
	if (l2c_frame_parse(out, w.len, &pkt2) != 0 ||
	    mop_parse_pkt(&pkt2, &m2) != 0 || !same_msg(&m, &m2))
		__builtin_trap();
	return 0;
}
