/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MOP console requester fed arbitrary frame
 * sequences over an in-memory link.
 *
 * Input: one options byte (bit 0: close before freeing), then records
 * "length (2, BE) | flags (1) | length bytes":
 *   flags bit 1 (RAW)    the bytes are a whole Ethernet frame;
 *   otherwise            a MOP payload (from the length word on) in an
 *                        Ethernet II frame from the server to the client
 *                        (bit 5 MCAST: to the console multicast address),
 *                        and with bit 0 (FIX) a Response/Ack's number
 *                        made the one of the client's last poll;
 *   bit 2 (ACK)          instead: a Response/Ack of the last poll with
 *                        the bytes as console output;
 *   bit 3 (TYPE)         instead: the bytes are typed into the session;
 *   bit 4 (BRK)          instead: a break.
 * The client and server MACs are those of the moprc/pydecnet captures,
 * so their frames fit as they are (seeds: tests/fuzz/mkseeds.py).
 * Checked: the face hears CLOSED at most once and nothing after it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mop/mop_client.h"
#include "mop/mop_proto.h"
#include "lib/rig.h"

#define F_FIX	0x01
#define F_RAW	0x02
#define F_ACK	0x04
#define F_TYPE	0x08
#define F_BRK	0x10
#define F_MCAST	0x20

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t CMAC[6] = { 0xfa, 0x66, 0x06, 0x04, 0xd9, 0x44 };
static const uint8_t SMAC[6] = { 0x6e, 0x82, 0x24, 0x2f, 0xd9, 0x4c };

/* The message number of the client's last Command/Poll. */
static int
last_poll(struct l2c_link *a)
{
	const uint8_t	*p;
	struct l2c_pkt	 pkt;
	struct mop_msg	 m;
	size_t		 i, n;
	int		 num = 0;

	for (i = 0; (n = l2c_link_mem_sent(a, i, &p)) > 0; i++)
		if (l2c_frame_parse(p, n, &pkt) == 0 &&
		    mop_parse_pkt(&pkt, &m) == 0 && m.code == MOP_COMMAND)
			num = m.u.con.flags & MOP_CMD_MSGNUM;
	return num;
}

static void
send_msg(struct l2c_link *b, const struct mop_msg *m)
{
	uint8_t		frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	w;

	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (mop_build(&w, CMAC, SMAC, L2C_ENCAP_ETH2, m) == 0)
		(void)l2c_link_send(b, frame, w.len);
}

static void
send_payload(struct l2c_link *b, const uint8_t *p, size_t len, int flags,
    int num)
{
	uint8_t		frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	w;
	struct mop_msg	m;

	if ((flags & F_FIX) && mop_parse(p, len, L2C_ENCAP_ETH2, &m) == 0 &&
	    m.code == MOP_RESPONSE) {
		m.u.con.flags = (uint8_t)((m.u.con.flags & ~MOP_RSP_ACK) | num);
		send_msg(b, &m);
		return;
	}
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (l2c_eth_begin(&w, (flags & F_MCAST) ? mop_mcast_console : CMAC,
	    SMAC, MOP_ETHERTYPE_CONSOLE, L2C_ENCAP_ETH2, NULL) == 0 &&
	    l2c_put_bytes(&w, p, len) == 0 &&
	    l2c_eth_finish(&w, L2C_ENCAP_ETH2, 0) == 0)
		(void)l2c_link_send(b, frame, w.len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_rig		 g;
	struct l2c_sess		 sess;
	struct mop_client_conf	 o;
	struct mop_msg		 m;
	struct l2c_rbuf		 in;
	struct fz_rec		 r;
	uint8_t			 opts;

	if (fz_client_open(&g, &in, data, size, &opts, CMAC, SMAC) != 0)
		return 0;
	mop_client_defaults(&o);
	memcpy(o.peer, SMAC, sizeof(o.peer));
	if (mop_client_new(&g.ctx, &o, &g.cb, &sess) != 0) {
		fz_rig_close(&g, NULL, 0);
		return 0;
	}
	while (!g.closed && fz_next(&in, &r)) {
		if (r.flags & F_TYPE)
			(void)sess.ops->input(sess.s, r.p, r.n);
		else if (r.flags & F_BRK)
			(void)sess.ops->brk(sess.s);
		else if (r.flags & F_ACK) {
			memset(&m, 0, sizeof(m));
			m.code = MOP_RESPONSE;
			m.u.con.flags = (uint8_t)last_poll(g.a);
			m.u.con.data = r.p;
			m.u.con.dlen = r.n > 512 ? 512 : r.n;
			send_msg(g.b, &m);
		} else if (r.flags & F_RAW)
			(void)l2c_link_send(g.b, r.p, r.n);
		else
			send_payload(g.b, r.p, r.n, r.flags, last_poll(g.a));
		(void)l2c_loop_once(g.loop, 0);
	}
	fz_rig_close(&g, &sess, opts & 1);
	return 0;
}
