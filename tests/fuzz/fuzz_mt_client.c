/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MAC-Telnet client session fed arbitrary frame
 * sequences over an in-memory link.
 *
 * Input: one options byte (bit 0: --md5, bit 1: close before freeing),
 * then records "length (2, BE) | flags (1) | length bytes":
 *   flags bit 1 (RAW)    the bytes are a whole Ethernet frame;
 *   otherwise            a MAC-Telnet UDP payload, wrapped in a frame
 *                        from the server to the client's port, and with
 *                        bit 0 (FIX) its header's MACs, session key and
 *                        client type made the session's own;
 *   bit 2 (ACK)          instead: an ACK of the client's last DATA;
 *   bit 3 (TYPE)         instead: the bytes are typed into the session;
 *   bit 4 (SIZE)         instead: a window size change.
 * Seeds (tests/fuzz/seeds/fuzz_mt_client) are the servers' packets of
 * captured sessions in this form (tests/fuzz/mkseeds.py).  Checked: the
 * face hears CLOSED at most once and nothing after it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mac/mt_client.h"
#include "mac/mt_proto.h"
#include "lib/rig.h"

#define F_FIX	0x01
#define F_RAW	0x02
#define F_ACK	0x04
#define F_TYPE	0x08
#define F_SIZE	0x10

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t CMAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const uint8_t SMAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t PRIV[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31, 0x5f };

/* What the client sent last: its key and port, and its last DATA's end. */
struct seen {
	uint16_t	key, sport;
	uint32_t	data_end;
};

static void
look(struct l2c_link *a, struct seen *s)
{
	const uint8_t	*p;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;
	size_t		 i, n;

	for (i = 0; (n = l2c_link_mem_sent(a, i, &p)) > 0; i++) {
		if (l2c_frame_parse(p, n, &pkt) != 0 || !pkt.udp_ok)
			continue;
		l2c_rbuf_init(&r, pkt.udata, pkt.ulen);
		if (mt_hdr_parse(&r, MT_C2S, &h) != 0)
			continue;
		s->key = h.session;
		s->sport = pkt.sport;
		if (h.type == MT_PT_DATA)
			s->data_end = h.counter + (uint32_t)l2c_rbuf_left(&r);
	}
}

static void
server_send(struct l2c_link *b, const struct seen *s, const uint8_t *p,
    size_t len, int fix)
{
	uint8_t		 pkt[MT_MAX_UDP], frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	 w, f;
	struct l2c_rbuf	 r;
	struct mt_hdr	 h;

	if (len > sizeof(pkt))
		return;
	memcpy(pkt, p, len);
	l2c_rbuf_init(&r, pkt, len);
	if (fix && mt_hdr_parse(&r, MT_S2C, &h) == 0) {
		memcpy(h.src, SMAC, 6);
		memcpy(h.dst, CMAC, 6);
		h.session = s->key;
		h.client_type = MT_CLIENT_TYPE;
		l2c_wbuf_init(&w, pkt, sizeof(pkt));
		if (mt_hdr_build(&w, MT_S2C, &h) != 0)
			return;
	}
	l2c_wbuf_init(&f, frame, sizeof(frame));
	if (mt_frame_build(&f, l2c_mac_bcast, SMAC, 0xc0000201, MT_PORT,
	    s->sport, pkt, len) == 0)
		(void)l2c_link_send(b, frame, f.len);
}

static void
server_ack(struct l2c_link *b, const struct seen *s)
{
	uint8_t		 pkt[MT_HDR_LEN];
	struct l2c_wbuf	 w;
	struct mt_hdr	 h = { .type = MT_PT_ACK, .session = s->key,
	    .client_type = MT_CLIENT_TYPE, .counter = s->data_end };

	memcpy(h.src, SMAC, 6);
	memcpy(h.dst, CMAC, 6);
	l2c_wbuf_init(&w, pkt, sizeof(pkt));
	if (mt_hdr_build(&w, MT_S2C, &h) == 0)
		server_send(b, s, pkt, w.len, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_rig		 g;
	struct l2c_sess		 sess;
	struct mt_client_conf	 conf;
	struct seen		 seen;
	struct l2c_rbuf		 in;
	struct fz_rec		 r;
	uint8_t			 opts;

	if (fz_client_open(&g, &in, data, size, &opts, CMAC, SMAC) != 0)
		return 0;
	memset(&seen, 0, sizeof(seen));
	memset(&conf, 0, sizeof(conf));
	conf.peer = SMAC;
	conf.login = "admin";
	conf.password = "test123";
	conf.cols = 80;
	conf.rows = 24;
	conf.md5 = opts & 1;
	conf.fixed_priv = PRIV;
	conf.sport = 1234;
	if (mt_client_new(&g.ctx, &conf, &g.cb, &sess) != 0) {
		fz_rig_close(&g, NULL, 0);
		return 0;
	}
	while (!g.closed && fz_next(&in, &r)) {
		look(g.a, &seen);
		if (r.flags & F_TYPE)
			(void)sess.ops->input(sess.s, r.p, r.n);
		else if (r.flags & F_SIZE)
			(void)sess.ops->resize(sess.s, r.len, r.flags);
		else if (r.flags & F_ACK)
			server_ack(g.b, &seen);
		else if (r.flags & F_RAW)
			(void)l2c_link_send(g.b, r.p, r.n);
		else
			server_send(g.b, &seen, r.p, r.n, r.flags & F_FIX);
		(void)l2c_loop_once(g.loop, 0);
	}
	fz_rig_close(&g, &sess, opts & 2);
	return 0;
}
