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

#define F_FIX	0x01
#define F_RAW	0x02
#define F_ACK	0x04
#define F_TYPE	0x08
#define F_BRK	0x10
#define F_MCAST	0x20

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t CMAC[6] = { 0xfa, 0x66, 0x06, 0x04, 0xd9, 0x44 };
static const uint8_t SMAC[6] = { 0x6e, 0x82, 0x24, 0x2f, 0xd9, 0x4c };

struct face {
	int	closed;
};

static void
on_output(void *arg, const uint8_t *p, size_t len)
{
	struct face	*f = arg;

	if (f->closed || (len > 0 && p == NULL))
		__builtin_trap();
}

static void
on_event(void *arg, enum l2c_sess_event ev, int err, const char *msg)
{
	struct face	*f = arg;

	(void)err;
	if (f->closed)
		__builtin_trap();	/* nothing after CLOSED */
	if (ev == L2C_SESS_CLOSED)
		f->closed = 1;
	if (ev == L2C_SESS_NOTICE && (msg == NULL || strlen(msg) > 1024))
		__builtin_trap();
}

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
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_sess		 sess;
	struct l2c_sess_cb	 cb;
	struct mop_client_opts	 o;
	struct mop_msg		 m;
	struct face		 face;
	struct l2c_rbuf		 in;
	const uint8_t		*rec;
	size_t			 n;
	uint16_t		 len;
	uint8_t			 opts = 0, flags;

	l2c_rbuf_init(&in, data, size);
	(void)l2c_get_u8(&in, &opts);
	if (l2c_loop_new(&loop) != 0)
		return 0;
	if (l2c_link_mem_pair(CMAC, SMAC, &a, &b) != 0) {
		l2c_loop_free(loop);
		return 0;
	}
	memset(&face, 0, sizeof(face));
	mop_client_defaults(&o);
	memcpy(o.peer, SMAC, sizeof(o.peer));
	cb.output = on_output;
	cb.event = on_event;
	cb.arg = &face;
	if (l2c_ctx_init(&ctx, loop, a) != 0)
		goto out_links;
	if (mop_client_start(&ctx, &o, &cb, &sess) != 0)
		goto out_ctx;
	while (!face.closed && l2c_get_be16(&in, &len) == 0 &&
	    l2c_get_u8(&in, &flags) == 0) {
		/* The last record may be cut short: take what is there. */
		n = len < l2c_rbuf_left(&in) ? len : l2c_rbuf_left(&in);
		if (l2c_get_ptr(&in, &rec, n) != 0)
			break;
		if (flags & F_TYPE)
			(void)sess.ops->input(sess.s, rec, n);
		else if (flags & F_BRK)
			(void)sess.ops->brk(sess.s);
		else if (flags & F_ACK) {
			memset(&m, 0, sizeof(m));
			m.code = MOP_RESPONSE;
			m.u.con.flags = (uint8_t)last_poll(a);
			m.u.con.data = rec;
			m.u.con.dlen = n > 512 ? 512 : n;
			send_msg(b, &m);
		} else if (flags & F_RAW)
			(void)l2c_link_send(b, rec, n);
		else
			send_payload(b, rec, n, flags, last_poll(a));
		(void)l2c_loop_once(loop, 0);
	}
	if ((opts & 1) && !face.closed) {
		sess.ops->close(sess.s);
		(void)l2c_loop_once(loop, 0);
	}
	sess.ops->free(sess.s);
out_ctx:
	l2c_ctx_fini(&ctx);
out_links:
	l2c_link_close(a);
	l2c_link_close(b);
	l2c_loop_free(loop);
	return 0;
}
