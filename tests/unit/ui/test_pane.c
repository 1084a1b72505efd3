/* SPDX-License-Identifier: ISC */
/*
 * A session's pane in the full-screen UI: it answers the device's
 * probes, keeps the rows that scroll off (not those of the alternate
 * screen), finds text in them, writes them out, and sends cursor keys
 * as the device's terminal mode wants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <curses.h>

#include "ui/tui/pane.h"

#define ESC	"\033"

struct seen {
	char	 reply[256];
	size_t	 len;
};

static void
on_reply(void *arg, const char *p, size_t n)
{
	struct seen	*s = arg;

	assert_true(s->len + n < sizeof(s->reply));
	memcpy(s->reply + s->len, p, n);
	s->len += n;
	s->reply[s->len] = '\0';
}

static struct tui_pane *
pane(struct seen *s, int cols, int rows, size_t sb)
{
	struct tui_pane_conf	 c = { cols, rows, sb, on_reply, s };
	struct tui_pane		*p;

	memset(s, 0, sizeof(*s));
	assert_int_equal(tui_pane_new(&c, &p), 0);
	return p;
}

static void
feed(struct tui_pane *p, const char *s)
{
	tui_pane_feed(p, s, strlen(s));
}

/* Forget what was said back, so that the next check sees only new bytes. */
static void
forget(struct seen *s)
{
	s->len = 0;
	s->reply[0] = '\0';
}

/* DA, DECID and the cursor report are answered by the model. */
static void
test_probes(void **state)
{
	struct seen	 s;
	struct tui_pane	*p = pane(&s, 20, 5, 10);

	(void)state;
	feed(p, ESC "[c");
	assert_string_equal(s.reply, ESC "[?1;2c");
	forget(&s);
	feed(p, ESC "Z");
	assert_string_equal(s.reply, ESC "[?1;2c");
	forget(&s);
	feed(p, ESC "[3;5H" ESC "[6n");
	assert_string_equal(s.reply, ESC "[3;5R");
	tui_pane_free(p);
}

/* Rows that leave the top are kept, oldest first, up to the bound. */
static void
test_scrollback(void **state)
{
	struct seen	 s;
	struct tui_pane	*p = pane(&s, 20, 5, 10);
	char		 line[32];
	int		 i;

	(void)state;
	for (i = 0; i < 30; i++) {
		snprintf(line, sizeof(line), "line %d\r\n", i);
		feed(p, line);
	}
	/* 30 rows written and an empty one: 26 left the 5-row screen. */
	assert_int_equal(tui_pane_history(p), 10);
	assert_true(tui_pane_search(p, "line 20", 1));
	assert_int_equal(tui_pane_scrolled(p), 6);
	assert_false(tui_pane_search(p, "line 2 ", 1));
	assert_false(tui_pane_search(p, "line 15", 1));	/* dropped */
	assert_true(tui_pane_search(p, "line 24", 0));
	assert_int_equal(tui_pane_scrolled(p), 2);
	tui_pane_scroll(p, 100);
	assert_int_equal(tui_pane_scrolled(p), 10);
	tui_pane_scroll(p, -100);
	assert_int_equal(tui_pane_scrolled(p), 0);
	tui_pane_free(p);
}

/* A full-screen program's alternate screen adds nothing to it. */
static void
test_altscreen(void **state)
{
	struct seen	 s;
	struct tui_pane	*p = pane(&s, 20, 5, 100);
	int		 i;

	(void)state;
	feed(p, "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\n");
	assert_int_equal(tui_pane_history(p), 2);
	feed(p, ESC "[?1049h");
	for (i = 0; i < 20; i++)
		feed(p, "full screen\r\n");
	feed(p, ESC "[?1049l");
	assert_int_equal(tui_pane_history(p), 2);
	assert_false(tui_pane_search(p, "full screen", 1));
	tui_pane_free(p);
}

/* w: the scrollback, then the screen, one row a line. */
static void
test_write(void **state)
{
	struct seen	 s;
	struct tui_pane	*p = pane(&s, 20, 3, 100);
	char		 path[] = "/tmp/l2c-pane-XXXXXX", buf[256];
	ssize_t		 n;
	int		 fd;

	(void)state;
	feed(p, "one\r\n" ESC "[31mtwo\r\n" ESC "[0mthree\r\nfour\r\nfive");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(tui_pane_write(p, fd), 0);
	assert_true(lseek(fd, 0, SEEK_SET) == 0);
	n = read(fd, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "one\ntwo\nthree\nfour\nfive\n");
	close(fd);
	unlink(path);
	tui_pane_free(p);
}

/* Cursor keys: normal mode, then application mode (DECCKM). */
static void
test_keys(void **state)
{
	struct seen	 s;
	struct tui_pane	*p = pane(&s, 20, 5, 0);

	(void)state;
	tui_pane_key(p, 'x');
	tui_pane_key(p, KEY_UP);
	assert_string_equal(s.reply, "x" ESC "[A");
	forget(&s);
	feed(p, ESC "[?1h");
	tui_pane_key(p, KEY_UP);
	tui_pane_key(p, KEY_BACKSPACE);
	assert_string_equal(s.reply, ESC "OA\177");
	assert_int_equal(tui_pane_resize(p, 10, 3), 0);
	assert_int_not_equal(tui_pane_resize(p, 0, 3), 0);
	tui_pane_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probes),
		cmocka_unit_test(test_scrollback),
		cmocka_unit_test(test_altscreen),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests_name("ui/pane", tests, NULL, NULL);
}
