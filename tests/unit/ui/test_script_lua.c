/* SPDX-License-Identifier: ISC */
/*
 * --script's parts that need no console: expect()'s text (what a match
 * consumes, a match that ends in the row being typed on), and the Lua
 * glue (compiling, FILE:LINE errors, the sandbox, exit codes, the bound
 * on a script that never waits, the heap's bound, the contrib scripts).
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

#include "core/loop.h"
#include "ui/script/expbuf.h"
#include "ui/script/lua.h"

static void
line(struct l2c_expbuf *x, const char *s)
{
	assert_int_equal(l2c_expbuf_line(x, s, strlen(s)), 0);
}

/* 1 and the match's text in out, or 0. */
static int
match(struct l2c_expbuf *x, const char *re_s, const char *row, char *out,
    size_t n)
{
	regex_t		 re;
	regmatch_t	 m[2];
	const char	*subj;
	int		 rv;

	assert_int_equal(regcomp(&re, re_s, REG_EXTENDED | REG_NEWLINE), 0);
	rv = l2c_expbuf_match(x, &re, row, m, 2, &subj);
	regfree(&re);
	assert_true(rv >= 0);
	if (rv == 1)
		snprintf(out, n, "%.*s", (int)(m[0].rm_eo - m[0].rm_so),
		    subj + m[0].rm_so);
	return rv;
}

static void
test_expbuf(void **state)
{
	struct l2c_expbuf	x;
	char			got[256];

	(void)state;
	l2c_expbuf_init(&x);
	line(&x, "Router>show clock");
	line(&x, "*10:00:00.000 UTC Thu Dec 3 2026");
	assert_int_equal(match(&x, "UTC", "Router>", got, sizeof(got)), 1);
	assert_string_equal(got, "UTC");
	/* Consumed: the same text is not found again, what followed is. */
	assert_int_equal(match(&x, "show clock", "Router>", got,
	    sizeof(got)), 0);
	assert_int_equal(match(&x, "^Thu", "Router>", got, sizeof(got)), 0);
	assert_int_equal(match(&x, "2026$", "Router>", got, sizeof(got)), 1);
	/* Into the row being typed on: its trailing blank matches. */
	assert_int_equal(match(&x, "> $", "[admin@lab1] > ", got,
	    sizeof(got)), 1);
	assert_string_equal(got, "> ");
	/* That part of the row is consumed, now and once it is a line. */
	assert_int_equal(match(&x, "lab1", "[admin@lab1] > ", got,
	    sizeof(got)), 0);
	line(&x, "[admin@lab1] > /quit");
	assert_int_equal(match(&x, "^/quit$", "", got, sizeof(got)), 1);
	assert_int_equal(match(&x, "admin", "", got, sizeof(got)), 0);
	/* A row that changed under the consumed start counts whole. */
	assert_int_equal(match(&x, "n> $", "Login> ", got, sizeof(got)), 1);
	assert_int_equal(match(&x, "^Password", "Password: ", got,
	    sizeof(got)), 1);
	l2c_expbuf_clear(&x);
	assert_int_equal(match(&x, "Password", "", got, sizeof(got)), 0);
	l2c_expbuf_free(&x);
}

/* Unread lines past the bound: the newest are kept. */
static void
test_expbuf_bound(void **state)
{
	struct l2c_expbuf	x;
	char			l[100], got[64];
	int			i;

	(void)state;
	l2c_expbuf_init(&x);
	memset(l, 'x', sizeof(l) - 1);
	l[sizeof(l) - 1] = '\0';
	line(&x, "first");
	for (i = 0; i < 2 * L2C_EXPBUF_MAX / 100; i++)
		line(&x, l);
	line(&x, "last");
	assert_true(x.len <= L2C_EXPBUF_MAX);
	assert_int_equal(match(&x, "^first$", NULL, got, sizeof(got)), 0);
	assert_int_equal(match(&x, "^last$", NULL, got, sizeof(got)), 1);
	l2c_expbuf_free(&x);
}

/* A script in a temporary file, loaded (bound_us for the run). */
static int
load(const char *text, int unsafe, uint64_t bound_us, struct l2c_lua **lu)
{
	char	path[] = "/tmp/l2c-lua-XXXXXX";
	int	fd, rv;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rv = l2c_lua_load(path, unsafe, bound_us, L2C_SEC(1), lu);
	unlink(path);
	return rv;
}

/* Loaded and run without a console: its code. */
static int
run(const char *text, int unsafe, uint64_t bound_us)
{
	struct l2c_lua	*lu;
	int		 rv;

	assert_int_equal(load(text, unsafe, bound_us, &lu), 0);
	rv = l2c_lua_run(lu, NULL);
	l2c_lua_free(lu);
	return rv;
}

static void
test_lua_load(void **state)
{
	struct l2c_lua	*lu = NULL;

	(void)state;
	assert_int_equal(load("local x = = 1\n", 0, L2C_SEC(1), &lu),
	    L2C_LUA_ERROR);
	assert_null(lu);
	assert_int_equal(l2c_lua_load("/nonexistent/x.lua", 0, L2C_SEC(1),
	    L2C_SEC(1), &lu), L2C_LUA_NOFILE);
	/* Text only: a bytecode chunk is refused. */
	assert_int_equal(load("\033Lua", 0, L2C_SEC(1), &lu), L2C_LUA_ERROR);
}

static void
test_lua_run(void **state)
{
	(void)state;
	assert_int_equal(run("local x = 1 + 1\n", 0, L2C_SEC(5)), 0);
	assert_int_equal(run("exit(5)\n", 0, L2C_SEC(5)), 5);
	/* exit() stays exit() when a pcall catches it. */
	assert_int_equal(run("pcall(exit, 9)\nerror('after')\n", 0,
	    L2C_SEC(5)), 9);
	assert_int_equal(run("exit(256)\n", 0, L2C_SEC(5)), L2C_LUA_ERROR);
	assert_int_equal(run("error('x')\n", 0, L2C_SEC(5)), L2C_LUA_ERROR);
	assert_int_equal(run("error({})\n", 0, L2C_SEC(5)), L2C_LUA_ERROR);
	/* The API without a console is an error, not a crash. */
	assert_int_equal(run("command('x')\n", 0, L2C_SEC(5)), L2C_LUA_ERROR);
}

static void
test_lua_sandbox(void **state)
{
	static const char *const refused[] = {
		"os.execute('true')", "io.open('/etc/passwd')",
		"require('os')", "dofile('/etc/passwd')",
		"loadfile('/etc/passwd')", "load('return 1')",
		"debug.getinfo(1)", "package.loadlib('x', 'y')",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(*refused); i++)
		assert_int_equal(run(refused[i], 0, L2C_SEC(5)), L2C_LUA_ERROR);
	assert_int_equal(run("assert(string.format and table.concat and "
	    "math.floor and utf8.char)\n", 0, L2C_SEC(5)), 0);
	/* Unsafe: the full libraries, and os.exit is exit(). */
	assert_int_equal(run("assert(io.open and os.getenv and require)\n"
	    "os.exit(4)\n", 1, L2C_SEC(5)), 4);
}

static void
test_lua_bounds(void **state)
{
	uint64_t	t0 = l2c_now_us();

	(void)state;
	assert_int_equal(run("while true do end\n", 0, L2C_MS(200)),
	    L2C_LUA_ERROR);
	assert_true(l2c_now_us() - t0 < L2C_SEC(20));
	/* ... even inside a pcall that would swallow the error. */
	assert_int_equal(run("while true do pcall(function() while true do "
	    "end end) end\n", 0, L2C_MS(200)), L2C_LUA_ERROR);
	assert_int_equal(run("local s = string.rep('x', 300 * 1024 * 1024)\n",
	    0, L2C_SEC(5)), L2C_LUA_ERROR);
}

/* contrib/scripts/ compile, so they stay valid. */
static void
test_contrib(void **state)
{
	static const char *const files[] = {
		"routeros-bootstrap.lua", "ios-day0.lua",
	};
	const char	*dir = getenv("L2C_TEST_DATA");
	struct l2c_lua	*lu;
	char		 path[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		snprintf(path, sizeof(path), "%s/contrib/scripts/%s",
		    dir ? dir : ".", files[i]);
		if (dir != NULL)	/* tests/data -> the top */
			snprintf(path, sizeof(path), "%s/../../contrib/"
			    "scripts/%s", dir, files[i]);
		assert_int_equal(l2c_lua_load(path, 0, L2C_SEC(1),
		    L2C_SEC(1), &lu), 0);
		l2c_lua_free(lu);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expbuf),
		cmocka_unit_test(test_expbuf_bound),
		cmocka_unit_test(test_lua_load),
		cmocka_unit_test(test_lua_run),
		cmocka_unit_test(test_lua_sandbox),
		cmocka_unit_test(test_lua_bounds),
		cmocka_unit_test(test_contrib),
	};

	return cmocka_run_group_tests_name("ui/script_lua", tests, NULL, NULL);
}
