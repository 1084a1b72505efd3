/* SPDX-License-Identifier: ISC */
/*
 * Lab tool: send or receive frames through the core link, so lab tests
 * exercise exactly what the protocol modules use.
 *   frametool send IFACE DSTMAC ETHERTYPE [HEX]
 *   frametool udp IFACE DSTMAC SPORT DPORT [HEX]
 *   frametool recv IFACE FILTER COUNT TIMEOUT_MS READYFILE [USER]
 * recv prints "rx TYPE SRC LEN [udp SPORT DPORT]" per frame, touches
 * READYFILE once the capture is open, exits 0 after COUNT frames, 1 on
 * timeout.  With USER it drops privileges first and prints "uid N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/priv.h"

struct recv {
	struct l2c_loop	*loop;
	int		 want, got;
};

static size_t
hex(const char *s, uint8_t *out, size_t max)
{
	size_t		n = 0;
	unsigned	v;

	while (s != NULL && s[0] != '\0' && s[1] != '\0' && n < max) {
		if (sscanf(s, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

static void
on_rx(void *arg, const struct l2c_pkt *pkt)
{
	struct recv	*r = arg;
	char		 mac[L2C_MAC_STRLEN];

	printf("rx %04x %s %zu", pkt->ethertype,
	    l2c_mac_fmt(pkt->src, mac, sizeof(mac)), pkt->framelen);
	if (pkt->udp_ok)
		printf(" udp %u %u", pkt->sport, pkt->dport);
	printf("\n");
	fflush(stdout);
	if (++r->got >= r->want)
		l2c_loop_break(r->loop, 0);
}

static void
on_timeout(void *arg)
{
	struct recv	*r = arg;

	l2c_loop_break(r->loop, 1);
}

static int
fail(int rv, const char *what)
{
	fprintf(stderr, "frametool: %s: %s\n", what, l2c_strerror(rv));
	return rv == L2C_ERR_PERM ? 77 : 1;
}

int
main(int argc, char **argv)
{
	uint8_t			 dst[6], payload[1500], frame[1600];
	struct l2c_link		*link;
	struct l2c_loop		*loop;
	struct l2c_ctx		 ctx;
	struct l2c_timer	 t;
	struct l2c_wbuf		 w;
	struct recv		 r;
	size_t			 n;
	FILE			*f;
	int			 rv;

	if (argc < 4) {
		fprintf(stderr, "usage: see tests/tools/frametool.c\n");
		return 64;
	}
	if ((rv = l2c_link_open(argv[2], &link)) != 0)
		return fail(rv, argv[2]);
	if (strcmp(argv[1], "send") == 0 || strcmp(argv[1], "udp") == 0) {
		if (l2c_mac_parse(argv[3], dst) != 0 || argc < 5)
			return 64;
		l2c_wbuf_init(&w, frame, sizeof(frame));
		if (strcmp(argv[1], "send") == 0) {
			n = hex(argc > 5 ? argv[5] : NULL, payload,
			    sizeof(payload));
			rv = l2c_eth_begin(&w, dst, link->mac,
			    (uint16_t)strtoul(argv[4], NULL, 16),
			    L2C_ENCAP_ETH2, NULL);
			if (rv == 0)
				rv = l2c_put_bytes(&w, payload, n);
			if (rv == 0)
				rv = l2c_eth_finish(&w, L2C_ENCAP_ETH2, 0);
		} else {
			if (argc < 6)
				return 64;
			n = hex(argc > 6 ? argv[6] : NULL, payload,
			    sizeof(payload));
			rv = l2c_udp_build(&w, dst, link->mac, 0, 0xffffffff,
			    (uint16_t)atoi(argv[4]), (uint16_t)atoi(argv[5]),
			    payload, n);
		}
		if (rv == 0)
			rv = l2c_link_send(link, frame, w.len);
		l2c_link_close(link);
		return rv == 0 ? 0 : fail(rv, "send");
	}
	if (strcmp(argv[1], "recv") != 0 || argc < 7)
		return 64;
	memset(&r, 0, sizeof(r));
	r.want = atoi(argv[4]);
	if ((rv = l2c_loop_new(&loop)) != 0 ||
	    (rv = l2c_ctx_init(&ctx, loop, link)) != 0 ||
	    (rv = l2c_ctx_listen(&ctx, argv[3], on_rx, &r)) < 0)
		return fail(rv, "listen");
	if (argc > 7) {
		if ((rv = l2c_priv_drop(argv[7])) != 0)
			return fail(rv, "drop");
		printf("uid %u\n", (unsigned)getuid());
		fflush(stdout);
	}
	r.loop = loop;
	l2c_timer_init(&t, on_timeout, &r);
	l2c_timer_arm(loop, &t, L2C_MS(atoi(argv[5])));
	if ((f = fopen(argv[6], "w")) != NULL)
		fclose(f);
	rv = l2c_loop_run(loop);
	l2c_ctx_fini(&ctx);
	l2c_link_close(link);
	l2c_loop_free(loop);
	return rv;
}
