/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the MAC-Telnet server's state machine, fed a
 * sequence of frames.  The input is records of
 *
 *	op (u8) | length (u16 BE) | bytes
 *
 * op % 4: 0 a MAC-Telnet packet (UDP payload) from the client, wrapped
 * here in a valid frame; 1 a raw Ethernet frame; 2 an MNDP payload to
 * port 5678; 3 one pass of the loop (program output, due timers).  A
 * length past the end takes what is left.  Randomness is a counter, so
 * the MD5 salt is known and the seeds (tests/fuzz/seeds/fuzz_mt_server)
 * log in; a login's program is a socket pair that has said hello.
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/log.h"
#include "core/loop.h"
#include "mac/mndp.h"
#include "mac/mt_proto.h"
#include "mac/mt_server.h"
#include "mac/mt_users.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t	SRV_MAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t	CLI_MAC[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x02 };
static const char	USERS[] = "admin:test123\n"
    "vec:09b8301bd5489abe3177143dde4e64c477b2c01103d49c0d37ca82c2e1ce9a94:"
    "8ad403136828d4571e3c5dee6e5ec04a\n";

struct fz {
	uint32_t	rng;
	int		peer[8];
	int		npeer;
};

static int
counter_rng(void *arg, uint8_t *p, size_t len)
{
	struct fz	*f = arg;
	size_t		 i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)f->rng++;
	return 0;
}

static int
pair_spawn(void *arg, const struct mt_srv_login *lg, int *fd, pid_t *pid)
{
	struct fz	*f = arg;
	int		 sv[2];

	(void)lg;
	if (f->npeer == 8 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) == -1)
		return -6;	/* L2C_ERR_SYS */
	(void)write(sv[1], "hello\r\n", 7);
	f->peer[f->npeer++] = sv[1];
	*fd = sv[0];
	*pid = 0;
	return 0;
}

static void
deliver(struct l2c_link *l, uint16_t dport, const uint8_t *p, size_t n)
{
	uint8_t		frame[L2C_ETH_MAXLEN];
	struct l2c_wbuf	w;

	if (n > MT_MAX_UDP)
		n = MT_MAX_UDP;
	l2c_wbuf_init(&w, frame, sizeof(frame));
	if (l2c_udp_build(&w, SRV_MAC, CLI_MAC, 0, 0xffffffffU, 1234, dport,
	    p, n) == 0)
		l2c_link_deliver(l, frame, w.len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_loop		*loop = NULL;
	struct l2c_link		*sl = NULL, *cl = NULL;
	struct l2c_ctx		 ctx;
	struct mt_users		*users = NULL;
	struct mt_server	*srv = NULL;
	struct mt_server_conf	 conf;
	struct l2c_rbuf		 r;
	struct fz		 f;
	const uint8_t		*p;
	uint16_t		 n;
	uint8_t			 op;
	int			 i, have_ctx = 0;

	/* FUZZ_VERBOSE=1 shows the server's log (checking the seeds). */
	l2c_log_set_level(getenv("FUZZ_VERBOSE") != NULL ? L2C_LOG_DEBUG :
	    L2C_LOG_ERR);
	memset(&f, 0, sizeof(f));
	if (l2c_loop_new(&loop) != 0 ||
	    l2c_link_mem_pair(SRV_MAC, CLI_MAC, &sl, &cl) != 0 ||
	    l2c_ctx_init(&ctx, loop, sl) != 0)
		goto out;
	have_ctx = 1;
	if (mt_users_parse(USERS, sizeof(USERS) - 1, &users, NULL, 0) != 0)
		goto out;
	memset(&conf, 0, sizeof(conf));
	conf.users = users;
	conf.spawn = pair_spawn;
	conf.spawn_arg = &f;
	conf.rng = counter_rng;
	conf.rng_arg = &f;
	conf.identity = "fuzz";
	if (mt_server_new(&ctx, &conf, &srv) != 0)
		goto out;
	l2c_rbuf_init(&r, data, len);
	while (l2c_get_u8(&r, &op) == 0) {
		if (l2c_get_be16(&r, &n) != 0)
			n = 0;
		if (n > l2c_rbuf_left(&r))
			n = (uint16_t)l2c_rbuf_left(&r);
		if (l2c_get_ptr(&r, &p, n) != 0)
			break;
		switch (op % 4) {
		case 0:
			deliver(sl, MT_PORT, p, n);
			break;
		case 1:
			l2c_link_deliver(sl, p, n);
			break;
		case 2:
			deliver(sl, MNDP_PORT, p, n);
			break;
		default:
			(void)l2c_loop_once(loop, 0);
			break;
		}
	}
	(void)l2c_loop_once(loop, 0);
out:
	mt_server_free(srv);
	for (i = 0; i < f.npeer; i++)
		close(f.peer[i]);
	if (have_ctx)
		l2c_ctx_fini(&ctx);
	l2c_link_close(sl);
	l2c_link_close(cl);
	l2c_loop_free(loop);
	mt_users_free(users);
	return 0;
}
