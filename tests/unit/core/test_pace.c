/* SPDX-License-Identifier: ISC */
/*
 * Line pacing: one line at a time, the next after the echo, the prompt
 * or the delay; bounded waits and the fallback after one timed out;
 * order kept when the session takes a line in pieces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/pace.h"

static struct l2c_pace
mk(int wait, uint64_t delay_us)
{
	struct l2c_pace_conf	c = { wait, delay_us, 1000 };
	struct l2c_pace		p;

	assert_int_equal(l2c_pace_init(&p, &c, 64), 0);
	return p;
}

static void
put(struct l2c_pace *p, const char *s)
{
	assert_int_equal(l2c_pace_put(p, (const uint8_t *)s, strlen(s)),
	    strlen(s));
}

static void
out(struct l2c_pace *p, const char *s)
{
	l2c_pace_output(p, (const uint8_t *)s, strlen(s));
}

/* What next offers at now, as a string. */
static const char *
next(struct l2c_pace *p, uint64_t now)
{
	static char	 buf[128];
	const uint8_t	*b;
	size_t		 n;

	n = l2c_pace_next(p, now, &b);
	memcpy(buf, b != NULL ? (const char *)b : "", n);
	buf[n] = '\0';
	return buf;
}

static void
test_echo(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_ECHO, 0);

	(void)state;
	put(&p, "conf t\rhostname R1\r\nend\r");
	assert_true(l2c_pace_busy(&p));
	assert_string_equal(next(&p, 0), "conf t\r");
	l2c_pace_sent(&p, 7, 0);
	/* Waiting: nothing more until the echo, or the bound. */
	assert_string_equal(next(&p, 10), "");
	assert_int_equal(l2c_pace_deadline(&p), 1000);
	out(&p, "co");
	assert_string_equal(next(&p, 20), "");
	/* The echo with a line editor's colour between, then a break. */
	out(&p, "nf\x1b[1m t\x1b[m");
	assert_string_equal(next(&p, 30), "");
	out(&p, "\r\n");
	assert_int_equal(l2c_pace_deadline(&p), 0);
	/* CR LF counts as one line end. */
	assert_string_equal(next(&p, 40), "hostname R1\r\n");
	/* Taken in pieces: the rest, in order, then the wait. */
	l2c_pace_sent(&p, 5, 40);
	assert_string_equal(next(&p, 41), "ame R1\r\n");
	l2c_pace_sent(&p, 8, 41);
	assert_string_equal(next(&p, 42), "");
	out(&p, "hostname R1\r\nR1(config)#");
	assert_string_equal(next(&p, 43), "end\r");
	l2c_pace_sent(&p, 4, 43);
	out(&p, "end\r\n");
	assert_string_equal(next(&p, 44), "");
	assert_false(l2c_pace_busy(&p));
	assert_int_equal(p.lines, 3);
	assert_int_equal(p.bytes, 24);
	assert_int_equal(p.unconfirmed, 0);
	l2c_pace_free(&p);
}

static void
test_bound_fallback(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_ECHO, 50);

	(void)state;
	put(&p, "a\rb\rc\r");
	assert_string_equal(next(&p, 0), "a\r");
	l2c_pace_sent(&p, 2, 0);
	/* No echo: the bound (1000) lets the next one go. */
	assert_string_equal(next(&p, 999), "");
	assert_string_equal(next(&p, 1000), "b\r");
	assert_int_equal(p.unconfirmed, 1);
	l2c_pace_sent(&p, 2, 1000);
	/* Once one timed out, only the fallback delay (50). */
	assert_int_equal(l2c_pace_deadline(&p), 1050);
	assert_string_equal(next(&p, 1050), "c\r");
	l2c_pace_sent(&p, 2, 1050);
	/* An echo in time brings the full bound back. */
	out(&p, "c\r");
	assert_false(p.fallback);
	assert_false(l2c_pace_busy(&p));
	l2c_pace_free(&p);
}

static void
test_prompt(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_PROMPT, 0);

	(void)state;
	put(&p, "/ip address print\r/quit\r");
	assert_string_equal(next(&p, 0), "/ip address print\r");
	l2c_pace_sent(&p, 18, 0);
	/* The echo is not enough, nor the old prompt without a break. */
	out(&p, "[admin@lab1] > /ip address print");
	assert_string_equal(next(&p, 1), "");
	out(&p, "\r\n 0 192.0.2.1/24\r\n");
	assert_string_equal(next(&p, 2), "");
	out(&p, "\r\r\r\r[admin@lab1] > ");
	assert_string_equal(next(&p, 3), "/quit\r");
	l2c_pace_free(&p);
}

static void
test_delay(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_DELAY, 300);

	(void)state;
	put(&p, "x\ry\r");
	assert_string_equal(next(&p, 0), "x\r");
	l2c_pace_sent(&p, 2, 0);
	/* An echo changes nothing: the delay is the delay. */
	out(&p, "x\r\n");
	assert_string_equal(next(&p, 299), "");
	assert_string_equal(next(&p, 300), "y\r");
	assert_int_equal(p.unconfirmed, 0);
	l2c_pace_free(&p);
}

static void
test_queue_and_stop(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_ECHO, 0);
	uint8_t		big[100];

	(void)state;
	memset(big, 'z', sizeof(big));
	/* A put that does not fit is short: the producer keeps the rest. */
	assert_int_equal(l2c_pace_put(&p, big, sizeof(big)), 64);
	assert_int_equal(l2c_pace_room(&p), 0);
	/* A partial line (no CR yet) goes at once, with no wait after. */
	assert_int_equal(strlen(next(&p, 0)), 64);
	l2c_pace_sent(&p, 64, 0);
	assert_false(l2c_pace_busy(&p));
	put(&p, "one\rtwo\r");
	assert_string_equal(next(&p, 0), "one\r");
	l2c_pace_sent(&p, 4, 0);
	l2c_pace_stop(&p);
	assert_false(l2c_pace_busy(&p));
	assert_string_equal(next(&p, 1), "");
	l2c_pace_free(&p);
}

/* A session that echoes from inside its input op: no wait after. */
static void
test_echo_before_sent(void **state)
{
	struct l2c_pace	p = mk(L2C_PACE_ECHO, 0);

	(void)state;
	put(&p, "x\ry\r");
	assert_string_equal(next(&p, 0), "x\r");
	out(&p, "x\r\n");
	l2c_pace_sent(&p, 2, 0);
	assert_int_equal(l2c_pace_deadline(&p), 0);
	assert_string_equal(next(&p, 1), "y\r");
	l2c_pace_free(&p);
}

static void
test_parse(void **state)
{
	int		w;
	uint64_t	d = 0;

	(void)state;
	assert_int_equal(l2c_pace_parse("echo", &w, &d), 0);
	assert_int_equal(w, L2C_PACE_ECHO);
	assert_int_equal(l2c_pace_parse("prompt", &w, &d), 0);
	assert_int_equal(w, L2C_PACE_PROMPT);
	assert_int_equal(l2c_pace_parse("none", &w, &d), 0);
	assert_int_equal(w, L2C_PACE_OFF);
	assert_int_equal(l2c_pace_parse("250", &w, &d), 0);
	assert_int_equal(w, L2C_PACE_DELAY);
	assert_int_equal(d, 250000);
	assert_int_equal(l2c_pace_parse("", &w, &d), L2C_ERR_INVAL);
	assert_int_equal(l2c_pace_parse("-1", &w, &d), L2C_ERR_INVAL);
	assert_int_equal(l2c_pace_parse("10ms", &w, &d), L2C_ERR_INVAL);
	assert_int_equal(l2c_pace_parse("60001", &w, &d), L2C_ERR_INVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_bound_fallback),
		cmocka_unit_test(test_prompt),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_queue_and_stop),
		cmocka_unit_test(test_echo_before_sent),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
