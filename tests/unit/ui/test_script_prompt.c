/* SPDX-License-Identifier: ISC */
/*
 * The scripted console's reading of the screen: prompts, the command's
 * own echo as the anchor, pagers, login questions and failure lines, on
 * recorded streams of the lab's RouterOS and IOS personalities fed
 * through the terminal model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "../lib/capture.h"
#include "ui/console/vt.h"
#include "ui/script/cmdout.h"
#include "ui/script/prompt.h"

#define ESC	"\033"

/* A model whose lines go to one command's collector. */
struct rig {
	struct l2c_prompt	 p;
	struct l2c_cmdout	 c;
	struct l2c_vt		*v;
	char			 row[1024];
	int			 pagers;	/* pager rows seen */
};

static void
on_line(void *arg, const char *s, size_t n)
{
	struct rig	*r = arg;

	assert_int_equal(l2c_cmdout_line(&r->c, s, n), 0);
}

static void
rig_new(struct rig *r, const char *user_re)
{
	struct l2c_vt_conf	c = {
		.cols = 200, .rows = 50, .scrollback = 0,
		.line = on_line, .arg = r,
	};

	memset(r, 0, sizeof(*r));
	assert_int_equal(l2c_prompt_init(&r->p, user_re), 0);
	assert_int_equal(l2c_vt_new(&c, &r->v), 0);
}

static void
rig_free(struct rig *r)
{
	l2c_cmdout_end(&r->c);
	l2c_vt_free(r->v);
	l2c_prompt_free(&r->p);
}

/* The row under the cursor, as the script face reads it. */
static const char *
cursor_row(struct rig *r)
{
	int	row, col;

	l2c_vt_cursor(r->v, &row, &col);
	l2c_vt_row_text(r->v, row, r->row, sizeof(r->row));
	return r->row;
}

static void
feed(struct rig *r, const char *s)
{
	assert_int_equal(l2c_vt_feed(r->v, s, strlen(s)), 0);
}


/*
 * Feed raw byte by byte from *off until cmd is done (its echo seen and
 * the cursor on a prompt); pagers are counted as the face answers them.
 * Returns nonzero when the command completed.
 */
static int
run_until_done(struct rig *r, const char *raw, size_t len, size_t *off,
    const char *cmd)
{
	const char	*row;
	int		 on_pager = 0;

	l2c_cmdout_end(&r->c);
	l2c_cmdout_begin(&r->c, &r->p, cmd);
	while (*off < len) {
		assert_int_equal(l2c_vt_feed(r->v, raw + *off, 1), 0);
		(*off)++;
		row = cursor_row(r);
		if (l2c_prompt_pager(row) != NULL) {
			if (!on_pager)
				r->pagers++;
			on_pager = 1;
		} else
			on_pager = 0;
		/* The face waits for quiet; a byte stream has none until
		 * the next command is typed: look ahead for more output. */
		if (l2c_cmdout_done(&r->c, row) &&
		    (*off == len || raw[*off] != '\r' || *off + 1 == len ||
		    raw[*off + 1] != '\r'))
			return 1;
	}
	return 0;
}

static void
test_prompts(void **state)
{
	struct l2c_prompt	p;

	(void)state;
	assert_int_equal(l2c_prompt_init(&p, NULL), 0);
	assert_true(l2c_prompt_is(&p, "[admin@MikroTik] > "));
	assert_true(l2c_prompt_is(&p, "[admin@lab1] <SAFE> "));
	assert_true(l2c_prompt_is(&p, "Router>"));
	assert_true(l2c_prompt_is(&p, "Router#"));
	assert_true(l2c_prompt_is(&p, "sw-1.lab(config-if)#"));
	assert_true(l2c_prompt_is(&p, "rommon 1 > "));
	assert_false(l2c_prompt_is(&p, "] > "));	/* the 1x1 repaint */
	assert_false(l2c_prompt_is(&p, "  name: MikroTik"));
	assert_false(l2c_prompt_is(&p, "comment=\"[a@b] >\" disabled=no"));
	assert_false(l2c_prompt_is(&p, "[admin@MikroTik] > /export"));
	assert_true(l2c_prompt_echo(&p, "[admin@MikroTik] > /export", "/export"));
	assert_true(l2c_prompt_echo(&p, "Router>show clock", "show clock"));
	assert_false(l2c_prompt_echo(&p, "Router>show clock", "show ver"));
	assert_false(l2c_prompt_echo(&p, "  show clock", "show clock"));
	l2c_prompt_free(&p);

	assert_int_equal(l2c_prompt_init(&p, "^[a-z]+\\$ "), 0);
	assert_true(l2c_prompt_is(&p, "shell$ "));
	assert_false(l2c_prompt_is(&p, "Router#"));	/* replaced */
	l2c_prompt_free(&p);
	assert_int_equal(l2c_prompt_init(&p, "(unclosed"), L2C_ERR_INVAL);

	assert_string_equal(l2c_prompt_pager(" --More-- "), " ");
	assert_string_equal(l2c_prompt_pager("-- [Q quit|D dump|down]"), "d");
	assert_null(l2c_prompt_pager("Router#"));
	assert_int_equal(l2c_prompt_ask("Username: "), L2C_ASK_USER);
	assert_int_equal(l2c_prompt_ask("Password: "), L2C_ASK_PASSWORD);
	assert_int_equal(l2c_prompt_ask("new password> "), L2C_ASK_NAG);
	assert_int_equal(l2c_prompt_ask("Router>"), L2C_ASK_NONE);
	assert_true(l2c_prompt_failed("bad command name foo (line 1 column 2)"));
	assert_true(l2c_prompt_failed("expected end of command (line 1 column 5)"));
	assert_true(l2c_prompt_failed("% Invalid input detected at '^' marker."));
	assert_true(l2c_prompt_failed("% Incomplete command."));
	assert_false(l2c_prompt_failed("  name: MikroTik"));
	assert_true(l2c_prompt_login_failed("% Login invalid"));
	assert_true(l2c_prompt_login_failed("% Authentication failed"));
	assert_false(l2c_prompt_login_failed("Username: "));
}

/*
 * RouterOS (recorded, tests/data/routeros_personality_80x25_export.raw):
 * the double echo and the repaints leave exactly the output.
 */
static void
test_routeros_recorded(void **state)
{
	struct rig	 r;
	size_t		 len, off = 0;
	char		*raw;
	const char	*t;

	(void)state;
	raw = tdata_load("routeros_personality_80x25_export.raw", &len);
	rig_new(&r, NULL);
	assert_true(run_until_done(&r, raw, len, &off,
	    "/system identity print"));
	assert_string_equal(l2c_cmdout_text(&r.c), "  name: lab1");
	assert_false(r.c.failed);
	assert_true(run_until_done(&r, raw, len, &off,
	    "/export without-paging"));
	t = l2c_cmdout_text(&r.c);
	assert_true(strncmp(t, "# 2025-11-20 10:00:00 by RouterOS 7.21\n",
	    39) == 0);
	assert_null(strchr(t, '\033'));
	assert_null(strstr(t, "] > "));
	free(raw);
	rig_free(&r);
}

/* An earlier tail, a repaint and a data line ending in "] >". */
static void
test_routeros_anchor(void **state)
{
	struct rig	r;

	(void)state;
	rig_new(&r, NULL);
	l2c_cmdout_begin(&r.c, &r.p, "/ip address print");
	feed(&r, "old output\r\n\r\r\r\r[admin@MikroTik] > ");
	assert_false(l2c_cmdout_done(&r.c, cursor_row(&r)));	/* no echo */
	feed(&r, "/ip address print\r\r\r\r[admin@MikroTik] > "
	    "/ip address print" ESC "[K\r\n");
	feed(&r, "  comment: [admin@MikroTik] >\r\n");
	assert_false(l2c_cmdout_done(&r.c, cursor_row(&r)));
	feed(&r, "  1 10.0.0.1/24\r\n\r\r\r\r[admin@MikroTik] > ");
	assert_true(l2c_cmdout_done(&r.c, cursor_row(&r)));
	assert_string_equal(l2c_cmdout_text(&r.c),
	    "  comment: [admin@MikroTik] >\n  1 10.0.0.1/24");
	feed(&r, "\r\r\r\r[admin@MikroTik] > ");	/* a repaint */
	assert_true(l2c_cmdout_done(&r.c, cursor_row(&r)));
	assert_string_equal(l2c_cmdout_text(&r.c),
	    "  comment: [admin@MikroTik] >\n  1 10.0.0.1/24");
	rig_free(&r);
}

/* The RouterOS pager row as the personality paints it, and its erasure. */
static void
test_routeros_pager(void **state)
{
	struct rig	r;

	(void)state;
	rig_new(&r, NULL);
	l2c_cmdout_begin(&r.c, &r.p, "/export");
	feed(&r, "[admin@MikroTik] > /export\r\na\r\nb\r\n"
	    "-- [Q quit|D dump|down]");
	assert_string_equal(l2c_prompt_pager(cursor_row(&r)), "d");
	assert_false(l2c_cmdout_done(&r.c, cursor_row(&r)));
	feed(&r, "\r" ESC "[Kc\r\n\r\r\r\r[admin@MikroTik] > ");
	assert_true(l2c_cmdout_done(&r.c, cursor_row(&r)));
	assert_string_equal(l2c_cmdout_text(&r.c), "a\nb\nc");
	rig_free(&r);
}

/*
 * IOS (recorded, tests/data/ios_personality_login_more.raw: login,
 * show clock, show version through one --More--, a bad command).
 */
static void
test_ios_recorded(void **state)
{
	struct rig	 r;
	size_t		 len, off = 0;
	char		*raw;
	const char	*t;

	(void)state;
	raw = tdata_load("ios_personality_login_more.raw", &len);
	rig_new(&r, NULL);
	assert_true(run_until_done(&r, raw, len, &off, "show clock"));
	t = l2c_cmdout_text(&r.c);
	assert_int_equal(t[0], '*');
	assert_non_null(strstr(t, " UTC "));
	assert_null(strchr(t, '\n'));
	assert_true(run_until_done(&r, raw, len, &off, "show version"));
	assert_int_equal(r.pagers, 1);
	t = l2c_cmdout_text(&r.c);
	assert_non_null(strstr(t, "24 FastEthernet interfaces\n"
	    "2 Gigabit Ethernet interfaces\n"));
	assert_null(strstr(t, "More"));
	assert_null(strchr(t, '\b'));
	assert_true(strlen(t) > 1000);
	assert_int_equal(t[strlen(t) - 1], 'F');	/* register is 0xF */
	assert_false(r.c.failed);
	assert_true(run_until_done(&r, raw, len, &off, "sh bogus"));
	assert_true(r.c.failed);
	assert_string_equal(r.c.failure,
	    "% Invalid input detected at '^' marker.");
	assert_string_equal(l2c_cmdout_text(&r.c),
	    "          ^\n% Invalid input detected at '^' marker.");
	free(raw);
	rig_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prompts),
		cmocka_unit_test(test_routeros_recorded),
		cmocka_unit_test(test_routeros_anchor),
		cmocka_unit_test(test_routeros_pager),
		cmocka_unit_test(test_ios_recorded),
	};

	return cmocka_run_group_tests_name("ui/script_prompt", tests, NULL,
	    NULL);
}
