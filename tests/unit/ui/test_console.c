/* The console face in batch mode, over a fake session and pipes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/loop.h"
#include "core/session.h"
#include "ui/console.h"

struct fake {
	struct l2c_loop			*loop;
	const struct l2c_sess_cb	*cb;
	struct l2c_timer		 writable;
	uint8_t				 got[64];
	size_t				 ngot;
	int				 calls;
	int				 closes;
};

static void
fake_writable(void *arg)
{
	struct fake	*f = arg;

	f->cb->event(f->cb->arg, L2C_SESS_WRITABLE, 0, NULL);
}

/* Takes at most 3 bytes a call, then asks to be offered more later. */
static int
fake_input(void *s, const uint8_t *p, size_t n)
{
	struct fake	*f = s;

	f->calls++;
	if (n > 3)
		n = 3;
	memcpy(f->got + f->ngot, p, n);
	f->ngot += n;
	l2c_timer_arm(f->loop, &f->writable, 0);
	return (int)n;
}

static int
fake_resize(void *s, unsigned c, unsigned r)
{
	(void)s; (void)c; (void)r;
	return 0;
}

static void
fake_close(void *s)
{
	struct fake	*f = s;

	f->closes++;
	f->cb->output(f->cb->arg, (const uint8_t *)"bye", 3);
	f->cb->event(f->cb->arg, L2C_SESS_CLOSED, L2C_ERR_AUTH, "why");
}

static void
fake_info(void *s, struct l2c_sess_info *i)
{
	(void)s; (void)i;
}

static void
fake_free(void *s)
{
	(void)s;
}

static const struct l2c_sess_ops fake_ops = {
	.proto = "fake", .input = fake_input, .resize = fake_resize,
	.close = fake_close, .info = fake_info, .free = fake_free,
};

static void
test_batch_roundtrip(void **state)
{
	struct l2c_console_opts	 o;
	struct l2c_console	*c;
	struct l2c_loop		*loop;
	struct l2c_sess		 sess;
	struct fake		 f;
	int			 in[2], out[2], save_in, save_out;
	char			 buf[16];
	ssize_t			 n;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(write(in[1], "ab\ncd\n", 6), 6);
	close(in[1]);
	save_in = dup(0);
	save_out = dup(1);
	dup2(in[0], 0);
	dup2(out[1], 1);
	assert_int_equal(l2c_loop_new(&loop), 0);
	l2c_console_defaults(&o);
	o.lf_to_cr = 1;
	o.idle_us = L2C_MS(20);
	assert_int_equal(l2c_console_new(loop, &o, &c), 0);
	f.loop = loop;
	f.cb = l2c_console_cb(c);
	l2c_timer_init(&f.writable, fake_writable, &f);
	sess.ops = &fake_ops;
	sess.s = &f;
	f.cb->event(f.cb->arg, L2C_SESS_OPEN, 0, NULL);
	assert_int_equal(l2c_console_run(c, &sess), L2C_ERR_AUTH);
	assert_string_equal(l2c_console_reason(c), "why");
	l2c_console_free(c);
	l2c_loop_free(loop);
	dup2(save_in, 0);
	dup2(save_out, 1);
	close(out[1]);
	assert_int_equal(f.ngot, 6);
	assert_memory_equal(f.got, "ab\rcd\r", 6);
	assert_true(f.calls >= 2);	/* taken in pieces, nothing lost */
	assert_int_equal(f.closes, 1);
	n = read(out[0], buf, sizeof(buf));
	assert_int_equal(n, 3);
	assert_memory_equal(buf, "bye", 3);
	close(out[0]);
	close(in[0]);
}

static void
test_parse_escape(void **state)
{
	int	e;

	(void)state;
	assert_int_equal(l2c_console_parse_escape("^]", &e), 0);
	assert_int_equal(e, 0x1d);
	assert_int_equal(l2c_console_parse_escape("^a", &e), 0);
	assert_int_equal(e, 1);
	assert_int_equal(l2c_console_parse_escape("~", &e), 0);
	assert_int_equal(e, '~');
	assert_int_equal(l2c_console_parse_escape("none", &e), 0);
	assert_int_equal(e, L2C_ESCAPE_NONE);
	assert_int_equal(l2c_console_parse_escape("ab", &e), L2C_ERR_INVAL);
	assert_int_equal(l2c_console_parse_escape("", &e), L2C_ERR_INVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_roundtrip),
		cmocka_unit_test(test_parse_escape),
	};

	return cmocka_run_group_tests_name("ui/console", tests, NULL, NULL);
}
