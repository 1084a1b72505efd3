/* SPDX-License-Identifier: ISC */
/*
 * The monitor's framing over a SOCK_SEQPACKET pair: a message and its
 * descriptor arrive whole; a short, oversized or lying datagram, and a
 * descriptor where none may come, are malformed (the descriptor
 * closed); the other end's close is PEERLOST; a status-and-fd answer.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/monitor.h"

static void
pair(int sv[2])
{
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
}

static void
test_message_and_fd(void **state)
{
	struct l2c_mon_msg	m;
	struct stat		a, b;
	int			sv[2], p[2];

	(void)state;
	pair(sv);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(l2c_mon_send(sv[0], 0x102, "hello", 5, p[0]), 0);
	assert_int_equal(l2c_mon_recv(sv[1], &m, 1), 0);
	assert_int_equal(m.type, 0x102);
	assert_int_equal(m.len, 5);
	assert_memory_equal(m.b, "hello", 5);
	assert_true(m.fd >= 0 && m.fd != p[0]);
	/* The same pipe: what goes in one end comes out of the passed fd. */
	assert_int_equal(fstat(m.fd, &a), 0);
	assert_int_equal(fstat(p[0], &b), 0);
	assert_true(a.st_ino == b.st_ino);
	assert_true(fcntl(m.fd, F_GETFD) & FD_CLOEXEC);
	close(m.fd);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	assert_int_equal(l2c_mon_recv(sv[1], &m, 1), L2C_ERR_PEERLOST);
	close(sv[1]);
}

static void
test_malformed(void **state)
{
	struct l2c_mon_msg	m;
	uint8_t			big[L2C_MON_MAX + 8];
	int			sv[2], p[2];

	(void)state;
	pair(sv);
	memset(big, 0, sizeof(big));
	assert_int_equal(l2c_mon_send(sv[0], 1, big, L2C_MON_MAX + 1, -1),
	    L2C_ERR_INVAL);
	/* Shorter than a header; longer than any message; a false length. */
	assert_int_equal(send(sv[0], "\0\1", 2, 0), 2);
	assert_int_equal(l2c_mon_recv(sv[1], &m, 1), L2C_ERR_MALFORMED);
	big[2] = (L2C_MON_MAX + 4) >> 8;
	big[3] = (L2C_MON_MAX + 4) & 0xff;
	assert_int_equal(send(sv[0], big, sizeof(big), 0),
	    (ssize_t)sizeof(big));
	assert_int_equal(l2c_mon_recv(sv[1], &m, 1), L2C_ERR_MALFORMED);
	assert_int_equal(send(sv[0], "\0\1\0\3ab", 6, 0), 6);
	assert_int_equal(l2c_mon_recv(sv[1], &m, 1), L2C_ERR_MALFORMED);
	/* A descriptor the receiver did not ask for: refused and closed. */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(l2c_mon_send(sv[0], 1, "x", 1, p[1]), 0);
	close(p[1]);
	assert_int_equal(l2c_mon_recv(sv[1], &m, 0), L2C_ERR_MALFORMED);
	assert_int_equal(m.fd, -1);
	/* Every write end is gone, so the read end sees EOF at once. */
	assert_int_equal(read(p[0], big, 1), 0);
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_message_and_fd),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
