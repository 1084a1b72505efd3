/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet monitor over a socketpair, driven by the parser's own
 * guard from here while the monitor runs in a child: a program asked
 * for before a good check is refused, a bad response is refused, a
 * good login's program comes back as a descriptor (the user the
 * monitor checked, not the one the parser names), and a malformed,
 * oversized or unknown request ends the monitor with status 70.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/monitor.h"
#include "mac/md5auth.h"
#include "mac/mt_server.h"
#include "mac/mt_srv_mon.h"
#include "mac/mt_users.h"

struct rig {
	char			path[40];
	int			sock;
	pid_t			mon;
	struct mt_srv_guard	g;
};

/* The program for a login: a pipe that says whose it is. */
static int
fake_spawn(void *arg, const struct mt_srv_login *lg, int *fd, pid_t *pid)
{
	char	buf[160];
	int	p[2];

	(void)arg;
	if (pipe(p) == -1)
		return L2C_ERR_SYS;
	snprintf(buf, sizeof(buf), "program for %s (%s) %ux%u %s", lg->user,
	    lg->method, lg->cols, lg->rows, lg->term);
	(void)!write(p[1], buf, strlen(buf));
	close(p[1]);
	*fd = p[0];
	*pid = 0;
	return 0;
}

static void
rig_start(struct rig *r)
{
	char			 why[256];
	struct mt_users		*users;
	struct mt_srv_mon	*m;
	struct l2c_mon_conf	 mc;
	int			 sv[2], fd;

	snprintf(r->path, sizeof(r->path), "/tmp/l2c-test-users.XXXXXX");
	assert_true((fd = mkstemp(r->path)) >= 0);
	assert_int_equal(write(fd, "alice:md5-plain:secret\n", 23), 23);
	close(fd);
	assert_int_equal(mt_users_load(r->path, &users, why, sizeof(why)), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	assert_true((r->mon = fork()) >= 0);
	if (r->mon == 0) {
		close(sv[1]);
		if (mt_srv_mon_new(users, fake_spawn, NULL, &m) != 0)
			_exit(99);
		memset(&mc, 0, sizeof(mc));
		mc.name = "test";
		mc.request = mt_srv_mon_request;
		mc.reaped = mt_srv_mon_reaped;
		mc.arg = m;
		fd = l2c_mon_run(&mc, sv[0], 0);
		mt_srv_mon_free(m);
		mt_users_free(users);
		_exit(fd);
	}
	close(sv[0]);
	mt_users_free(users);
	r->sock = sv[1];
	mt_srv_ask_guard(&r->sock, &r->g);
}

/* The monitor's exit status once we hang up (or it gave up). */
static int
rig_end(struct rig *r)
{
	int	st;

	close(r->sock);
	unlink(r->path);
	assert_int_equal(waitpid(r->mon, &st, 0), r->mon);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static const struct mt_srv_login lg = {
	.user = "mallory", .login = "mallory", .term = "xterm",
	.cols = 100, .rows = 30, .peer = (const uint8_t *)"\2\0\0\0\0\1",
	.method = "MD5",
};

static void
begin_md5(struct rig *r, uint32_t id, uint8_t salt[MT_MD5_SALT_LEN])
{
	uint8_t	wc[33], ws[33], s[ECSRP_SALT_LEN];

	memset(wc, 0, sizeof(wc));
	assert_int_equal(r->g.begin(r->g.arg, id, 1, "", wc, s, ws), 0);
	memcpy(salt, s, MT_MD5_SALT_LEN);
}

static void
test_spawn_before_check(void **state)
{
	struct rig	r;
	uint8_t		salt[MT_MD5_SALT_LEN];
	int		fd = -1;
	pid_t		pid;

	(void)state;
	rig_start(&r);
	/* Never begun, then begun but never checked: both refused. */
	assert_int_equal(r.g.spawn(r.g.arg, 7, &lg, &fd, &pid), L2C_ERR_AUTH);
	begin_md5(&r, 7, salt);
	assert_int_equal(r.g.spawn(r.g.arg, 7, &lg, &fd, &pid), L2C_ERR_AUTH);
	assert_int_equal(fd, -1);
	assert_int_equal(rig_end(&r), 0);
}

static void
test_bad_response(void **state)
{
	struct rig	r;
	uint8_t		salt[MT_MD5_SALT_LEN], resp[MT_MD5_RESP_LEN];
	char		why[128];
	int		fd = -1;
	pid_t		pid;

	(void)state;
	rig_start(&r);
	begin_md5(&r, 3, salt);
	assert_int_equal(mt_md5_response("wrong", salt, resp), 0);
	assert_int_equal(r.g.check(r.g.arg, 3, "alice", resp, sizeof(resp),
	    why, sizeof(why)), 0);
	assert_string_equal(why, "wrong password");
	assert_int_equal(r.g.spawn(r.g.arg, 3, &lg, &fd, &pid), L2C_ERR_AUTH);
	/* A check for a login never begun: refused, the monitor goes on. */
	assert_int_equal(r.g.check(r.g.arg, 4, "alice", resp, sizeof(resp),
	    why, sizeof(why)), 0);
	assert_string_equal(why, "out of order");
	assert_int_equal(rig_end(&r), 0);
}

static void
test_good_login_passes_fd(void **state)
{
	struct rig	r;
	uint8_t		salt[MT_MD5_SALT_LEN], resp[MT_MD5_RESP_LEN];
	char		why[128], got[160];
	ssize_t		n;
	int		fd = -1;
	pid_t		pid = 1;

	(void)state;
	rig_start(&r);
	begin_md5(&r, 9, salt);
	assert_int_equal(mt_md5_response("secret", salt, resp), 0);
	assert_int_equal(r.g.check(r.g.arg, 9, "alice", resp, sizeof(resp),
	    why, sizeof(why)), 1);
	assert_int_equal(r.g.spawn(r.g.arg, 9, &lg, &fd, &pid), 0);
	assert_true(fd >= 0);
	assert_int_equal(pid, 0);
	n = read(fd, got, sizeof(got) - 1);
	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, "program for alice (MD5) 100x30 xterm");
	close(fd);
	/* Once only: the same login cannot have a second program. */
	assert_int_equal(r.g.spawn(r.g.arg, 9, &lg, &fd, &pid), L2C_ERR_AUTH);
	r.g.end(r.g.arg, 9);
	assert_int_equal(rig_end(&r), 0);
}

static void
test_malformed_ends_monitor(void **state)
{
	struct rig	r;
	uint8_t		big[L2C_MON_MAX + 64];

	(void)state;
	/* A BEGIN cut short. */
	rig_start(&r);
	assert_int_equal(l2c_mon_send(r.sock, MTM_BEGIN, "\0\0\0\1\1", 5, -1),
	    0);
	assert_int_equal(rig_end(&r), 70);
	/* A datagram longer than any request. */
	rig_start(&r);
	memset(big, 0, sizeof(big));
	big[0] = 0;
	big[1] = MTM_END;
	big[2] = sizeof(big) >> 8;
	big[3] = (sizeof(big) - 4) & 0xff;
	assert_int_equal(send(r.sock, big, sizeof(big), 0),
	    (ssize_t)sizeof(big));
	assert_int_equal(rig_end(&r), 70);
	/* A type nobody knows, and a length that lies. */
	rig_start(&r);
	assert_int_equal(l2c_mon_send(r.sock, 42, "\0\0\0\1", 4, -1), 0);
	assert_int_equal(rig_end(&r), 70);
	rig_start(&r);
	assert_int_equal(send(r.sock, "\0\4\0\11\0\0\0\1", 8, 0), 8);
	assert_int_equal(rig_end(&r), 70);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spawn_before_check),
		cmocka_unit_test(test_bad_response),
		cmocka_unit_test(test_good_login_passes_fd),
		cmocka_unit_test(test_malformed_ends_monitor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
