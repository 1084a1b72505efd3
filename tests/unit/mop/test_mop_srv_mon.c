/* SPDX-License-Identifier: ISC */
/*
 * The MOP monitor over a socketpair, driven by the parser's own guard
 * while the monitor runs in a child: no program before a Reserve with
 * the right verification, a program on a pty (its master passed back)
 * after one, none again once released, and a malformed request ends
 * the monitor with status 70.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/monitor.h"
#include "mop/mop_server.h"
#include "mop/mop_srv_mon.h"

static char	echo[] = "/bin/echo", word[] = "console-here";
static char	*const args[] = { echo, word, NULL };

struct rig {
	int			sock;
	pid_t			mon;
	struct mop_srv_guard	g;
};

static void
rig_start(struct rig *r)
{
	struct mop_server_conf	 o;
	struct mop_srv_mon	*m;
	struct l2c_mon_conf	 mc;
	int			 sv[2], st;

	mop_server_defaults(&o);
	o.argv = args;
	o.verify = 1;
	memcpy(o.verif, "\1\2\3\4\5\6\7\10", MOP_VERIF_LEN);
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	assert_true((r->mon = fork()) >= 0);
	if (r->mon == 0) {
		close(sv[1]);
		if (mop_srv_mon_new(&o, &m) != 0)
			_exit(99);
		memset(&mc, 0, sizeof(mc));
		mc.name = "test";
		mc.request = mop_srv_mon_request;
		mc.reaped = mop_srv_mon_reaped;
		mc.arg = m;
		st = l2c_mon_run(&mc, sv[0], 0);
		mop_srv_mon_free(m);
		_exit(st);
	}
	close(sv[0]);
	r->sock = sv[1];
	mop_srv_ask_guard(&r->sock, &r->g);
}

static int
rig_end(struct rig *r)
{
	int	st;

	close(r->sock);
	assert_int_equal(waitpid(r->mon, &st, 0), r->mon);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* What the program wrote on its terminal, until it let go. */
static void
read_all(int fd, char *buf, size_t len)
{
	struct pollfd	p = { fd, POLLIN, 0 };
	size_t		got = 0;
	ssize_t		n;

	while (got + 1 < len && poll(&p, 1, 5000) == 1) {
		if ((n = read(fd, buf + got, len - 1 - got)) <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
}

static void
test_reserve_then_spawn(void **state)
{
	struct rig	r;
	char		out[256];
	int		fd = -1;
	pid_t		pid = 1;

	(void)state;
	rig_start(&r);
	assert_int_equal(r.g.spawn(r.g.arg, &fd, &pid), L2C_ERR_AUTH);
	assert_int_equal(r.g.reserve(r.g.arg,
	    (const uint8_t *)"\1\2\3\4\5\6\7\11"), 0);
	assert_int_equal(r.g.spawn(r.g.arg, &fd, &pid), L2C_ERR_AUTH);
	assert_int_equal(r.g.reserve(r.g.arg,
	    (const uint8_t *)"\1\2\3\4\5\6\7\10"), 1);
	assert_int_equal(r.g.spawn(r.g.arg, &fd, &pid), 0);
	assert_true(fd >= 0);
	assert_int_equal(pid, 0);
	read_all(fd, out, sizeof(out));
	assert_non_null(strstr(out, "console-here"));
	close(fd);
	r.g.hangup(r.g.arg);
	r.g.release(r.g.arg);
	assert_int_equal(r.g.spawn(r.g.arg, &fd, &pid), L2C_ERR_AUTH);
	assert_int_equal(rig_end(&r), 0);
}

static void
test_malformed_ends_monitor(void **state)
{
	struct rig	r;

	(void)state;
	rig_start(&r);
	assert_int_equal(l2c_mon_send(r.sock, MOPM_RESERVE, "\1\2\3", 3, -1),
	    0);
	assert_int_equal(rig_end(&r), 70);
	rig_start(&r);
	assert_int_equal(l2c_mon_send(r.sock, MOPM_SPAWN, "x", 1, -1), 0);
	assert_int_equal(rig_end(&r), 70);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_then_spawn),
		cmocka_unit_test(test_malformed_ends_monitor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
