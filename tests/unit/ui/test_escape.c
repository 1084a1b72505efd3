/* SPDX-License-Identifier: ISC */
/* The escape filter alone: what passes, what the prompt does, which help shows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ui/console/console.h"
#include "ui/console/escape.h"

struct seen {
	int	prompts, cmds[L2C_ESC_MAP + 1];
	uint8_t	last_key;
	int	stop;
	char	line[L2C_ESC_LINE_MAX];	/* the argument a command got */
	char	shown[512];		/* what the prompt's line showed */
};

static void
on_echo(void *arg, const char *p, size_t n)
{
	struct seen	*s = arg;

	strncat(s->shown, p, n < sizeof(s->shown) - strlen(s->shown) - 1 ?
	    n : sizeof(s->shown) - strlen(s->shown) - 1);
}

static void
on_prompt(void *arg)
{
	((struct seen *)arg)->prompts++;
}

static int
on_cmd(void *arg, enum l2c_esc_cmd cmd, uint8_t key)
{
	struct seen	*s = arg;

	s->cmds[cmd]++;
	s->last_key = key;
	return s->stop && cmd == L2C_ESC_QUIT;
}

static void
setup(struct l2c_esc *e, struct seen *s)
{
	memset(e, 0, sizeof(*e));
	memset(s, 0, sizeof(*s));
	e->key = L2C_ESCAPE_DEFAULT;
	e->armed = 1;
	e->prompt = on_prompt;
	e->echo = on_echo;
	e->cmd = on_cmd;
	e->arg = s;
}

static void
test_passes_and_commands(void **state)
{
	struct l2c_esc	e;
	struct seen	s;
	uint8_t		in[] = { 'a', '\n', 0x1d, 0x1d, 'b', 0x1d, 'i', 0x1d,
			    'z', 'c' };
	size_t		n, rest;

	(void)state;
	setup(&e, &s);
	e.lf_to_cr = 1;
	n = l2c_esc_filter(&e, in, sizeof(in), &rest);
	assert_int_equal(rest, sizeof(in));
	/* a, LF as CR, the escape key sent by doubling it, b, c. */
	assert_int_equal(n, 5);
	assert_memory_equal(in, "a\r\x1d" "bc", 5);
	assert_int_equal(s.prompts, 3);
	assert_int_equal(s.cmds[L2C_ESC_INFO], 1);
	assert_int_equal(s.cmds[L2C_ESC_UNKNOWN], 1);
	assert_int_equal(s.last_key, 'z');
}

static void
test_quit_stops_and_menu_takes_rest(void **state)
{
	struct l2c_esc	e;
	struct seen	s;
	uint8_t		in[] = { 'x', 0x1d, 'q', 'y' };
	uint8_t		in2[] = { 'x', 0x1d, 'm', 'n' };
	size_t		n, rest;

	(void)state;
	setup(&e, &s);
	s.stop = 1;
	n = l2c_esc_filter(&e, in, sizeof(in), &rest);
	assert_int_equal(n, 1);
	assert_int_equal(s.cmds[L2C_ESC_QUIT], 1);
	setup(&e, &s);
	e.menu = 1;
	n = l2c_esc_filter(&e, in2, sizeof(in2), &rest);
	assert_int_equal(n, 1);
	assert_int_equal(rest, 2);
	assert_int_equal(e.state, L2C_ESC_MENU);
	assert_int_equal(s.prompts, 0);
}

static void
test_not_armed_passes_everything(void **state)
{
	struct l2c_esc	e;
	struct seen	s;
	uint8_t		in[] = { 0x1d, 'q' };
	size_t		n, rest;

	(void)state;
	setup(&e, &s);
	e.armed = 0;
	n = l2c_esc_filter(&e, in, sizeof(in), &rest);
	assert_int_equal(n, 2);
	assert_int_equal(s.cmds[L2C_ESC_QUIT], 0);
}

static void
test_help_hides_what_does_not_apply(void **state)
{
	struct l2c_esc	e;
	struct seen	s;
	char		line[512];

	(void)state;
	setup(&e, &s);
	l2c_esc_help(&e, line, sizeof(line));
	assert_non_null(strstr(line, "b send a break"));
	assert_non_null(strstr(line, "Enter back to the session"));
	e.suppress = L2C_ESC_SUPPRESS_BRK;
	l2c_esc_help(&e, line, sizeof(line));
	assert_null(strstr(line, "break"));
	assert_non_null(strstr(line, "q quit"));
}

/* s asks for a file name on the prompt's line: typed, rubbed out, run. */
static struct l2c_esc	*line_esc;

static int
on_line_cmd(void *arg, enum l2c_esc_cmd cmd, uint8_t key)
{
	struct seen	*s = arg;

	snprintf(s->line, sizeof(s->line), "%s", line_esc->line);
	return on_cmd(arg, cmd, key);
}

static void
test_line_argument(void **state)
{
	struct l2c_esc	e;
	struct seen	s;
	uint8_t		in[] = "\x1dsab\x7f" "c.txt\rx\x1dwzz\x03y";
	size_t		n, rest;

	(void)state;
	setup(&e, &s);
	e.cmd = on_line_cmd;
	line_esc = &e;
	n = l2c_esc_filter(&e, in, sizeof(in) - 1, &rest);
	/* Only x and y reach the session; the rest was the prompt's. */
	assert_int_equal(n, 2);
	assert_memory_equal(in, "xy", 2);
	assert_int_equal(s.cmds[L2C_ESC_SEND], 1);
	assert_string_equal(s.line, "ac.txt");
	/* ^C gave the second one up: no write. */
	assert_int_equal(s.cmds[L2C_ESC_WRITE], 0);
	assert_non_null(strstr(s.shown, "file to send: ab\b \bc.txt"));
	assert_non_null(strstr(s.shown, "hex bytes to write: zz (cancelled)"));
	/* The argument is wiped once used. */
	assert_int_equal(e.linelen, 0);
	assert_int_equal(e.line[0], '\0');
	assert_int_equal(e.state, L2C_ESC_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passes_and_commands),
		cmocka_unit_test(test_quit_stops_and_menu_takes_rest),
		cmocka_unit_test(test_not_armed_passes_everything),
		cmocka_unit_test(test_help_hides_what_does_not_apply),
		cmocka_unit_test(test_line_argument),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
