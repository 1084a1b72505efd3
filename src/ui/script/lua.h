/* SPDX-License-Identifier: ISC */
/*
 * Lua scripts (--script FILE.lua) on the scripted console's step mode
 * (script.h): the file is read and compiled before the privilege drop,
 * run after the login, with the console API as globals (expect, send,
 * sendline, command, screen, prompt, sleep, log, exit).  Sandboxed
 * unless unsafe: base (without dofile, loadfile, load), string, table,
 * math, utf8.  Bounded: a script that computes longer than bound_us
 * without waiting on the console ends with an error.  Every error is
 * one line, "FILE:LINE: message", on stderr.
 *
 *	if (l2c_lua_load(file, 0, bound, wait, &lu) != 0) ...	// said
 *	code = l2c_lua_run(lu, s);	// its exit code, or L2C_LUA_ERROR
 */
#ifndef L2C_UI_SCRIPT_LUA_H
#define L2C_UI_SCRIPT_LUA_H

#include <stdint.h>

#include "ui/script/script.h"

#define L2C_LUA_ERROR	(-1)	/* a script error, its line said */
#define L2C_LUA_NOFILE	(-2)	/* the file cannot be read, said */
#define L2C_LUA_MEM_MAX	(256u * 1024 * 1024)	/* a script's heap */
#define L2C_LUA_BOUND_US	L2C_SEC(10)	/* --script-timeout default */

struct l2c_lua;

/* 0, or L2C_LUA_ERROR (syntax) or L2C_LUA_NOFILE after one line. */
/* wait_us: the wait of an expect() given no time. */
int	l2c_lua_load(const char *file, int unsafe, uint64_t bound_us,
	    uint64_t wait_us, struct l2c_lua **);
/*
 * Run it on a console at its prompt: exit() code, 0, or L2C_LUA_ERROR.
 * A NULL console (the unit tests) makes every console call an error.
 */
int	l2c_lua_run(struct l2c_lua *, struct l2c_script *);
void	l2c_lua_free(struct l2c_lua *);

#endif
