/* SPDX-License-Identifier: ISC */
/*
 * The console face's hooks for the full-screen UI: the escape key hands
 * the keyboard and the terminal to the face's menu (on a pty), output
 * waits while it is up, and the session log with timestamps.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/loop.h"
#include "core/session.h"
#include "ui/console/console.h"
#include "../lib/rig.h"

struct fake {
	struct l2c_loop			*loop;
	const struct l2c_sess_cb	*cb;
	struct l2c_console		*con;
	uint8_t				 got[64];
	size_t				 ngot;
	int				 resizes;
	int				 closes;
	/* menu */
	int				 opened;
	uint8_t				 rest[16];
	size_t				 nrest;
	int				 cooked_in_menu;
	int				 master;
	char				 seen_in_menu[64];
	ssize_t				 nseen_in_menu;
	struct l2c_timer		 step;
	int				 stage;
	int				 raw_when_open;
};

static int
fake_input(void *s, const uint8_t *p, size_t n)
{
	struct fake	*f = s;

	if (n > sizeof(f->got) - f->ngot)
		n = sizeof(f->got) - f->ngot;
	memcpy(f->got + f->ngot, p, n);
	f->ngot += n;
	return (int)n;
}

static int
fake_resize(void *s, unsigned c, unsigned r)
{
	struct fake	*f = s;

	(void)c; (void)r;
	f->resizes++;
	return 0;
}

static void
fake_close(void *s)
{
	struct fake	*f = s;

	f->closes++;
	f->cb->event(f->cb->arg, L2C_SESS_CLOSED, 0, NULL);
}

static const struct l2c_sess_ops fake_ops = {
	.proto = "fake", .input = fake_input, .resize = fake_resize,
	.close = fake_close, .info = ut_sess_no_info, .free = ut_sess_no_free,
};

static int
is_cooked(int fd)
{
	struct termios	t;

	if (tcgetattr(fd, &t) == -1)
		return -1;
	return (t.c_lflag & ICANON) != 0;
}

static ssize_t
drain(int fd, char *buf, size_t len)
{
	ssize_t	n, got = 0;

	while ((size_t)got < len &&
	    (n = read(fd, buf + got, len - (size_t)got)) > 0)
		got += n;
	return got;
}

/* The escape key was pressed: look at the terminal, make output. */
static void
menu_open(void *arg, const uint8_t *rest, size_t n)
{
	struct fake	*f = arg;

	f->opened++;
	memcpy(f->rest, rest, n < sizeof(f->rest) ? n : sizeof(f->rest));
	f->nrest = n;
	f->cooked_in_menu = is_cooked(STDIN_FILENO);
	/* The device keeps talking while the menu is up. */
	f->cb->output(f->cb->arg, (const uint8_t *)"held", 4);
	f->nseen_in_menu = drain(f->master, f->seen_in_menu,
	    sizeof(f->seen_in_menu));
	l2c_timer_arm(f->loop, &f->step, L2C_MS(10));
}

/* Test steps, each one a timer so the loop runs between them. */
static void
step(void *arg)
{
	struct fake	*f = arg;

	switch (f->stage++) {
	case 0:
		f->cb->event(f->cb->arg, L2C_SESS_OPEN, 0, NULL);
		f->raw_when_open = is_cooked(STDIN_FILENO) == 0;
		assert_int_equal(write(f->master, "ab\x1dxy", 5), 5);
		break;
	case 1:
		l2c_console_resume(f->con);
		assert_int_equal(write(f->master, "cd", 2), 2);
		l2c_timer_arm(f->loop, &f->step, L2C_MS(50));
		break;
	default:
		l2c_console_close(f->con);
		break;
	}
}

static void
test_menu_hook(void **state)
{
	struct l2c_console_opts	 o;
	struct l2c_console_menu	 m;
	struct l2c_loop		*loop;
	struct l2c_sess		 sess;
	struct fake		 f;
	char			 out[256];
	ssize_t			 n;
	int			 master, slave, save_in, save_out, fl;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	fl = fcntl(master, F_GETFL);
	assert_int_equal(fcntl(master, F_SETFL, fl | O_NONBLOCK), 0);
	save_in = dup(0);
	save_out = dup(1);
	dup2(slave, 0);
	dup2(slave, 1);
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_console_defaults(&o);
	assert_int_equal(l2c_console_new(loop, &o, &f.con), 0);
	m.open = menu_open;
	m.winch = NULL;
	m.arg = &f;
	l2c_console_set_menu(f.con, &m);
	f.loop = loop;
	f.master = master;
	f.cb = l2c_console_cb(f.con);
	l2c_timer_init(&f.step, step, &f);
	sess.ops = &fake_ops;
	sess.s = &f;
	l2c_timer_arm(loop, &f.step, 0);
	assert_int_equal(l2c_console_run(f.con, &sess), 0);
	n = drain(master, out, sizeof(out));
	assert_int_equal(is_cooked(0), 1);	/* restored at the end */
	l2c_console_free(f.con);
	l2c_loop_free(loop);
	dup2(save_in, 0);
	dup2(save_out, 1);
	close(save_in);
	close(save_out);
	close(slave);
	close(master);

	assert_int_equal(f.raw_when_open, 1);
	assert_int_equal(f.opened, 1);
	assert_int_equal(f.nrest, 2);		/* typed after the key */
	assert_memory_equal(f.rest, "xy", 2);
	assert_int_equal(f.cooked_in_menu, 1);	/* the menu got it as found */
	assert_int_equal(f.nseen_in_menu, 0);	/* output held meanwhile */
	assert_true(n >= 4);
	assert_non_null(memmem(out, (size_t)n, "held", 4));
	assert_int_equal(f.ngot, 4);		/* "xy" went to the menu */
	assert_memory_equal(f.got, "abcd", 4);
	assert_true(f.resizes >= 2);		/* at open and on resume */
	assert_int_equal(f.closes, 1);
}

static void
emit(struct fake *f, const char *s)
{
	f->cb->output(f->cb->arg, (const uint8_t *)s, strlen(s));
}

/* One logged line: "[YYYY-MM-DD HH:MM:SS.mmm] " then the text. */
static void
check_stamped(const char *line, const char *text)
{
	size_t	i;

	assert_true(strlen(line) == 26 + strlen(text));
	assert_int_equal(line[0], '[');
	for (i = 1; i < 24; i++)
		if (i != 5 && i != 8 && i != 11 && i != 14 && i != 17 &&
		    i != 20)
			assert_true(line[i] >= '0' && line[i] <= '9');
	assert_memory_equal(line + 24, "] ", 2);
	assert_string_equal(line + 26, text);
}

static void
test_log(void **state)
{
	struct l2c_console_opts	 o;
	struct l2c_loop		*loop;
	struct fake		 f;
	char			 path[] = "/tmp/l2c-test-log.XXXXXX";
	char			 buf[512], *line, *save;
	int			 fd, out[2], save_out;
	ssize_t			 n;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	assert_int_equal(pipe(out), 0);
	save_out = dup(1);
	dup2(out[1], 1);
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_console_defaults(&o);
	o.batch = 1;
	o.output = L2C_OUT_RAW;		/* stdout as received, as the log */
	assert_int_equal(l2c_console_new(loop, &o, &f.con), 0);
	f.cb = l2c_console_cb(f.con);
	assert_null(l2c_console_log_path(f.con));
	assert_int_equal(l2c_console_log_start(f.con, path, 1), 0);
	assert_string_equal(l2c_console_log_path(f.con), path);
	emit(&f, "on");
	emit(&f, "e\ntw");
	emit(&f, "o\n");
	l2c_console_log_stop(f.con);
	assert_null(l2c_console_log_path(f.con));
	emit(&f, "not logged\n");
	/* Without stamps: the bytes as they came. */
	assert_int_equal(l2c_console_log_start(f.con, path, 0), 0);
	emit(&f, "raw\n");
	l2c_console_free(f.con);
	l2c_loop_free(loop);
	dup2(save_out, 1);
	close(save_out);
	close(out[1]);
	n = read(out[0], buf, sizeof(buf) - 1);
	close(out[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "one\ntwo\nnot logged\nraw\n");

	assert_true((fd = open(path, O_RDONLY)) >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	unlink(path);
	assert_true(n > 0);
	buf[n] = '\0';
	line = strtok_r(buf, "\n", &save);
	assert_non_null(line);
	check_stamped(line, "one");
	line = strtok_r(NULL, "\n", &save);
	assert_non_null(line);
	check_stamped(line, "two");
	line = strtok_r(NULL, "\n", &save);
	assert_non_null(line);
	assert_string_equal(line, "raw");
	assert_null(strtok_r(NULL, "\n", &save));
}

static void
test_log_unwritable(void **state)
{
	struct l2c_console_opts	 o;
	struct l2c_loop		*loop;
	struct l2c_console	*c;

	(void)state;
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_console_defaults(&o);
	assert_int_equal(l2c_console_new(loop, &o, &c), 0);
	assert_int_equal(l2c_console_log_start(c,
	    "/nonexistent-dir/x/session.log", 0), L2C_ERR_SYS);
	assert_int_equal(errno, ENOENT);
	assert_null(l2c_console_log_path(c));
	l2c_console_free(c);
	l2c_loop_free(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_menu_hook),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_log_unwritable),
	};

	return cmocka_run_group_tests_name("ui/console_menu", tests, NULL,
	    NULL);
}
