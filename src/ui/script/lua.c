/* SPDX-License-Identifier: ISC */
/*
 * The Lua glue (lua.h): a state with the sandbox's libraries, the
 * console API on the scripted console's steps, a bounded allocator and
 * a count hook that keeps the session's loop turning while the script
 * computes and ends a script that never waits.
 *
 * The chunk runs as a coroutine so that the ends a script must not
 * catch (exit(), the timeout, a signal) leave it by a yield: a pcall()
 * in the script passes a yield on, where it would catch an error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "core/text.h"
#include "ui/script/lua.h"

#define HOOK_EVERY	1000		/* VM instructions between looks */
#define POLL_EVERY	L2C_MS(10)	/* the session's loop, meanwhile */
#define GROUPS_MAX	10		/* expect(): the match and 9 groups */
#define WAIT_MAX	(86400.0 * 365)	/* seconds a wait may be asked */

struct l2c_lua {
	lua_State		*L;
	char			*file;
	uint64_t		 bound_us;
	uint64_t		 wait_us;	/* expect() given no time */
	struct l2c_script	*s;		/* while it runs */
	uint64_t		 busy_since;	/* its last wait's end */
	uint64_t		 polled;
	size_t			 mem;
	int			 exiting, code;
	int			 stopped;	/* stop says why */
	char			 stop[256];
};

static struct l2c_lua *
self(lua_State *L)
{
	return *(struct l2c_lua **)lua_getextraspace(L);
}

/* Lua's heap, bounded: a runaway script gets "not enough memory". */
static void *
lalloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct l2c_lua	*lu = ud;
	void		*p;

	if (ptr == NULL)
		osize = 0;	/* then it names the object's type */
	if (nsize == 0) {
		free(ptr);
		lu->mem -= osize;
		return NULL;
	}
	if (nsize > osize && lu->mem + (nsize - osize) > L2C_LUA_MEM_MAX)
		return NULL;
	if ((p = realloc(ptr, nsize)) == NULL)
		return NULL;
	lu->mem = lu->mem - osize + nsize;
	return p;
}

/* The one line of an error: FILE:LINE: message, as a terminal shows it. */
static void
say_error(const struct l2c_lua *lu, const char *msg)
{
	char	out[2048];
	size_t	n = strlen(lu->file);

	l2c_tty_escape(msg, out, sizeof(out), 500);
	/* Lua put the place there, unless the message came without one. */
	if ((strncmp(msg, lu->file, n) == 0 && msg[n] == ':') ||
	    strncmp(msg, "...", 3) == 0)
		fprintf(stderr, "l2console: %s\n", out);
	else
		fprintf(stderr, "l2console: %s: %s\n", lu->file, out);
}

/*
 * Out of the script for good: a yield to l2c_lua_run() when the thread
 * can yield here, else an error, and every later look yields again.
 */
static int
leave_script(lua_State *L)
{
	if (lua_isyieldable(L))
		return lua_yield(L, 0);
	return luaL_error(L, "%s", self(L)->stop);
}

/* Stopped at the line running now (level: 0 in the hook, else 1). */
static int
stop_here(lua_State *L, int level, const char *msg)
{
	struct l2c_lua	*lu = self(L);
	lua_Debug	 ar;

	if (!lu->stopped) {
		lu->stopped = 1;
		if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) &&
		    ar.currentline > 0)
			snprintf(lu->stop, sizeof(lu->stop), "%s:%d: %s",
			    ar.short_src, ar.currentline, msg);
		else
			snprintf(lu->stop, sizeof(lu->stop), "%s", msg);
	}
	return leave_script(L);
}

static void
hook(lua_State *L, lua_Debug *ar)
{
	struct l2c_lua	*lu = self(L);
	uint64_t	 now = l2c_now_us();
	char		 msg[128];

	(void)ar;
	if (lu->stopped || lu->exiting) {
		leave_script(L);
		return;
	}
	if (lu->s != NULL && now - lu->polled >= POLL_EVERY) {
		lu->polled = now;
		if (l2c_script_poll(lu->s) == L2C_STEP_INTR) {
			stop_here(L, 0, "interrupted");
			return;
		}
	}
	if (now - lu->busy_since > lu->bound_us) {
		snprintf(msg, sizeof(msg), "timeout: %.3g s without waiting "
		    "on the console", (double)lu->bound_us / 1e6);
		stop_here(L, 0, msg);
	}
}

/* Every API call: nothing more once the script has to end. */
static struct l2c_lua *
api(lua_State *L)
{
	struct l2c_lua	*lu = self(L);

	if (lu->exiting || lu->stopped)
		luaL_error(L, "%s", lu->exiting ? "exit" : lu->stop);
	if (lu->s == NULL)
		luaL_error(L, "no console");
	return lu;
}

/* A step's end that is not the script's to handle. */
static void
step_check(lua_State *L, struct l2c_lua *lu, enum l2c_step st)
{
	lu->busy_since = l2c_now_us();
	if (st == L2C_STEP_CLOSED)
		luaL_error(L, "the session ended");
	if (st == L2C_STEP_INTR)
		stop_here(L, 1, "interrupted");
}

/* Seconds, as the API takes them. */
static uint64_t
seconds(lua_State *L, int arg, uint64_t dflt)
{
	lua_Number	 t;

	if (lua_isnoneornil(L, arg))
		return dflt;
	t = luaL_checknumber(L, arg);
	luaL_argcheck(L, t >= 0 && t <= WAIT_MAX, arg, "seconds out of range");
	return (uint64_t)(t * 1e6);
}

/* expect(pattern [, seconds]): the match and its groups, or nil. */
static int
l_expect(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	const char	*pat = luaL_checkstring(L, 1), *subj = NULL;
	uint64_t	 us = seconds(L, 2, lu->wait_us);
	regmatch_t	 m[GROUPS_MAX];
	regex_t		 re;
	enum l2c_step	 st;
	size_t		 nm, i;
	char		 why[128];
	int		 rv;

	if ((rv = regcomp(&re, pat, REG_EXTENDED | REG_NEWLINE)) != 0) {
		regerror(rv, &re, why, sizeof(why));
		return luaL_error(L, "expect: bad pattern \"%s\": %s", pat, why);
	}
	nm = re.re_nsub + 1 < GROUPS_MAX ? re.re_nsub + 1 : GROUPS_MAX;
	st = l2c_script_expect(lu->s, &re, us, m, nm, &subj);
	regfree(&re);
	step_check(L, lu, st);
	if (st == L2C_STEP_TIMEOUT) {
		lua_pushnil(L);
		return 1;
	}
	for (i = 0; i < nm; i++)
		if (m[i].rm_so < 0)
			lua_pushnil(L);
		else
			lua_pushlstring(L, subj + m[i].rm_so,
			    (size_t)(m[i].rm_eo - m[i].rm_so));
	return (int)nm;
}

static int
l_send(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	size_t		 n;
	const char	*p = luaL_checklstring(L, 1, &n);

	step_check(L, lu, l2c_script_send(lu->s, p, n));
	return 0;
}

/* A line as typed at the console: the text and a CR. */
static int
l_sendline(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	size_t		 n;
	const char	*p = luaL_optlstring(L, 1, "", &n);

	step_check(L, lu, l2c_script_send(lu->s, p, n));
	step_check(L, lu, l2c_script_send(lu->s, "\r", 1));
	return 0;
}

/* command(cmd): its output and the device's failure line (or nil). */
static int
l_command(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	const char	*cmd = luaL_checkstring(L, 1), *out = "", *fail = NULL;
	enum l2c_step	 st;

	luaL_argcheck(L, strpbrk(cmd, "\r\n") == NULL && cmd[0] != '\0', 1,
	    "one line");
	st = l2c_script_command(lu->s, cmd, &out, &fail);
	step_check(L, lu, st);
	if (st == L2C_STEP_TIMEOUT)
		return luaL_error(L, "%s: %s", cmd, fail ? fail : "timeout");
	lua_pushstring(L, out);
	if (fail != NULL)
		lua_pushstring(L, fail);
	else
		lua_pushnil(L);
	return 2;
}

static int
l_screen(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	luaL_Buffer	 b;
	size_t		 n = l2c_script_screen(lu->s, NULL, 0);
	char		*p = luaL_buffinitsize(L, &b, n + 1);

	l2c_script_screen(lu->s, p, n + 1);
	luaL_pushresultsize(&b, n);
	return 1;
}

static int
l_prompt(lua_State *L)
{
	struct l2c_lua	*lu = api(L);
	const char	*p;
	size_t		 n = l2c_script_prompt(lu->s, &p);

	if (n > 0)
		lua_pushlstring(L, p, n);
	else
		lua_pushnil(L);
	return 1;
}

static int
l_sleep(lua_State *L)
{
	struct l2c_lua	*lu = api(L);

	luaL_checknumber(L, 1);
	step_check(L, lu, l2c_script_sleep(lu->s, seconds(L, 1, 0)));
	return 0;
}

/* log(text): stderr, each line as a terminal may show it. */
static int
l_log(lua_State *L)
{
	size_t		 n;
	const char	*p = luaL_checklstring(L, 1, &n), *nl;
	char		*line;

	(void)api(L);
	do {
		nl = memchr(p, '\n', n);
		if ((line = strndup(p, nl ? (size_t)(nl - p) : n)) == NULL)
			return luaL_error(L, "not enough memory");
		l2c_tty_str(stderr, line, (size_t)-1);
		fputc('\n', stderr);
		free(line);
		if (nl != NULL) {
			n -= (size_t)(nl + 1 - p);
			p = nl + 1;
		}
	} while (nl != NULL && n > 0);
	return 0;
}

/* exit([code]): the script ends, l2console exits with code. */
static int
l_exit(lua_State *L)
{
	struct l2c_lua	*lu = self(L);
	lua_Integer	 code = luaL_optinteger(L, 1, 0);

	luaL_argcheck(L, code >= 0 && code <= 255, 1, "0 to 255");
	if (!lu->exiting) {
		lu->exiting = 1;
		lu->code = (int)code;
	}
	if (lua_isyieldable(L))
		return lua_yield(L, 0);
	return luaL_error(L, "exit");
}

static const luaL_Reg console_api[] = {
	{ "expect",	l_expect },
	{ "send",	l_send },
	{ "sendline",	l_sendline },
	{ "command",	l_command },
	{ "screen",	l_screen },
	{ "prompt",	l_prompt },
	{ "sleep",	l_sleep },
	{ "log",	l_log },
	{ "exit",	l_exit },
	{ NULL,		NULL }
};

/* The sandbox: no files, no processes, no loading of other code. */
static const luaL_Reg safe_libs[] = {
	{ LUA_GNAME,		luaopen_base },
	{ LUA_STRLIBNAME,	luaopen_string },
	{ LUA_TABLIBNAME,	luaopen_table },
	{ LUA_MATHLIBNAME,	luaopen_math },
	{ LUA_UTF8LIBNAME,	luaopen_utf8 },
	{ NULL,			NULL }
};
static const char *const unsafe_base[] = { "dofile", "loadfile", "load" };

static int
open_libs(lua_State *L)
{
	const luaL_Reg	*r;
	size_t		 i;
	int		 unsafe = lua_toboolean(L, 1);

	if (unsafe) {
		luaL_openlibs(L);
		/* os.exit would skip END / Release: it is exit(). */
		lua_getglobal(L, LUA_OSLIBNAME);
		lua_pushcfunction(L, l_exit);
		lua_setfield(L, -2, "exit");
		lua_pop(L, 1);
	} else {
		for (r = safe_libs; r->name != NULL; r++) {
			luaL_requiref(L, r->name, r->func, 1);
			lua_pop(L, 1);
		}
		for (i = 0; i < sizeof(unsafe_base) / sizeof(*unsafe_base);
		    i++) {
			lua_pushnil(L);
			lua_setglobal(L, unsafe_base[i]);
		}
	}
	for (r = console_api; r->name != NULL; r++)
		lua_register(L, r->name, r->func);
	return 0;
}

int
l2c_lua_load(const char *file, int unsafe, uint64_t bound_us,
    uint64_t wait_us, struct l2c_lua **out)
{
	struct l2c_lua	*lu;
	int		 rv;

	*out = NULL;
	if ((lu = calloc(1, sizeof(*lu))) == NULL ||
	    (lu->file = strdup(file)) == NULL ||
	    (lu->L = lua_newstate(lalloc, lu)) == NULL) {
		if (lu != NULL)
			free(lu->file);
		free(lu);
		fprintf(stderr, "l2console: cannot start Lua: out of memory\n");
		return L2C_LUA_ERROR;
	}
	lu->bound_us = bound_us;
	lu->wait_us = wait_us;
	*(struct l2c_lua **)lua_getextraspace(lu->L) = lu;
	lua_pushcfunction(lu->L, open_libs);
	lua_pushboolean(lu->L, unsafe);
	if ((rv = lua_pcall(lu->L, 1, 0, 0)) == LUA_OK)
		rv = luaL_loadfilex(lu->L, file, "t");
	if (rv == LUA_ERRFILE)		/* "cannot open FILE: why" */
		fprintf(stderr, "l2console: %s\n", lua_tostring(lu->L, -1));
	else if (rv != LUA_OK)
		say_error(lu, lua_type(lu->L, -1) == LUA_TSTRING ?
		    lua_tostring(lu->L, -1) : "cannot start Lua");
	if (rv != LUA_OK) {
		l2c_lua_free(lu);
		return rv == LUA_ERRFILE ? L2C_LUA_NOFILE : L2C_LUA_ERROR;
	}
	*out = lu;
	return 0;
}

int
l2c_lua_run(struct l2c_lua *lu, struct l2c_script *s)
{
	lua_State	*L = lu->L, *co;
	const char	*msg;
	int		 rv, nres;

	if ((co = lua_newthread(L)) == NULL)
		return L2C_LUA_ERROR;
	lua_pushvalue(L, 1);		/* the chunk */
	lua_xmove(L, co, 1);
	lu->s = s;
	lu->busy_since = lu->polled = l2c_now_us();
	lua_sethook(co, hook, LUA_MASKCOUNT, HOOK_EVERY);
	rv = lua_resume(co, L, 0, &nres);
	lu->s = NULL;
	if (lu->exiting)
		return lu->code;
	if (lu->stopped)
		msg = lu->stop;
	else if (rv == LUA_OK)
		return 0;
	else if (rv == LUA_YIELD)
		msg = "attempt to yield from outside a coroutine";
	else if (lua_type(co, -1) == LUA_TSTRING)
		msg = lua_tostring(co, -1);
	else
		msg = lua_pushfstring(L, "(error object is a %s value)",
		    luaL_typename(co, -1));
	say_error(lu, msg);
	return L2C_LUA_ERROR;
}

void
l2c_lua_free(struct l2c_lua *lu)
{
	if (lu == NULL)
		return;
	lua_close(lu->L);
	free(lu->file);
	free(lu);
}
