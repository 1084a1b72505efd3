/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MOP console server fed arbitrary frame
 * sequences from three stations over an in-memory link.
 *
 * Input: records "length (2, BE) | flags (1) | length bytes":
 *   flags bit 1 (RAW)    the bytes are a whole Ethernet frame;
 *   otherwise            a MOP payload (from the length word on) in an
 *                        Ethernet II frame to the server (bit 5 MCAST:
 *                        to the console multicast address) from station
 *                        (flags & 3) % 3 ... of three.
 * The console program is /bin/true: a reservation really spawns it.
 * Seeds: the moprc captures' frames as RAW records (tests/fuzz/mkseeds.py).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "mop/mop_proto.h"
#include "mop/mop_server.h"
#include "lib/rig.h"

#define F_RAW	0x02
#define F_MCAST	0x20

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The server is pydecnet's MAC in the captures, station 0 moprc's. */
static const uint8_t SMAC[6] = { 0x6e, 0x82, 0x24, 0x2f, 0xd9, 0x4c };
static const uint8_t STATIONS[3][6] = {
	{ 0xfa, 0x66, 0x06, 0x04, 0xd9, 0x44 },
	{ 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 },
	{ 0x02, 0x4c, 0x32, 0x43, 0x00, 0x03 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const	 argv[] = { "/bin/true", NULL };
	uint8_t			 frame[L2C_ETH_MAXLEN];
	struct fz_rig		 g;
	struct mop_server	*srv;
	struct mop_server_conf	 o;
	struct l2c_rbuf		 in;
	struct l2c_wbuf		 w;
	struct fz_rec		 r;

	l2c_rbuf_init(&in, data, size);
	if (fz_rig_open(&g, SMAC, STATIONS[0]) != 0)
		return 0;
	mop_server_defaults(&o);
	o.argv = argv;
	if (mop_server_new(&g.ctx, &o, &srv) != 0) {
		fz_rig_close(&g, NULL, 0);
		return 0;
	}
	while (fz_next(&in, &r)) {
		if (r.flags & F_RAW)
			(void)l2c_link_send(g.b, r.p, r.n);
		else {
			l2c_wbuf_init(&w, frame, sizeof(frame));
			if (l2c_eth_begin(&w, (r.flags & F_MCAST) ?
			    mop_mcast_console : SMAC,
			    STATIONS[(r.flags & 3) % 3],
			    MOP_ETHERTYPE_CONSOLE, L2C_ENCAP_ETH2, NULL) == 0 &&
			    l2c_put_bytes(&w, r.p, r.n) == 0 &&
			    l2c_eth_finish(&w, L2C_ENCAP_ETH2, 0) == 0)
				(void)l2c_link_send(g.b, frame, w.len);
		}
		(void)l2c_loop_once(g.loop, 0);
	}
	mop_server_free(srv);
	fz_rig_close(&g, NULL, 0);
	return 0;
}
