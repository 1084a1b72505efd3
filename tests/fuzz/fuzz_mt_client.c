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
	struct l2c_loop		*loop;
	struct l2c_link		*a, *b;
	struct l2c_ctx		 ctx;
	struct l2c_sess		 sess;
	struct l2c_sess_cb	 cb;
	struct mt_client_conf	 conf;
	struct face		 face;
	struct seen		 seen;
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
	cb.output = on_output;
	cb.event = on_event;
	cb.arg = &face;
	if (l2c_ctx_init(&ctx, loop, a) != 0)
		goto out_links;
	if (mt_client_new(&ctx, &conf, &cb, &sess) != 0)
		goto out_ctx;
	while (!face.closed && l2c_get_be16(&in, &len) == 0 &&
	    l2c_get_u8(&in, &flags) == 0) {
		/* The last record may be cut short: take what is there. */
		n = len < l2c_rbuf_left(&in) ? len : l2c_rbuf_left(&in);
		if (l2c_get_ptr(&in, &rec, n) != 0)
			break;
		look(a, &seen);
		if (flags & F_TYPE)
			(void)sess.ops->input(sess.s, rec, n);
		else if (flags & F_SIZE)
			(void)sess.ops->resize(sess.s, len, flags);
		else if (flags & F_ACK)
			server_ack(b, &seen);
		else if (flags & F_RAW)
			(void)l2c_link_send(b, rec, n);
		else
			server_send(b, &seen, rec, n, flags & F_FIX);
		(void)l2c_loop_once(loop, 0);
	}
	if ((opts & 2) && !face.closed) {
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
