/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the INI reader behind profiles and ~/.mactelnet.
 * A key it hands out is never empty and holds no line break or outer
 * space; a refusal names its line and says why.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "ui/conf/ini.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
check(void *arg, const char *section, const char *key, const char *val,
    struct l2c_ini_err *err)
{
	size_t	n = strlen(key);

	(void)arg;
	if (n == 0 || isspace((unsigned char)key[0]) ||
	    isspace((unsigned char)key[n - 1]) || strchr(key, '=') != NULL ||
	    strpbrk(section, "\n]") != NULL || strchr(val, '\n') != NULL ||
	    err->line == 0)
		__builtin_trap();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct l2c_ini_err	 err;
	FILE			*f;
	int			 rv;

	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	rv = l2c_ini_parse(f, check, NULL, &err);
	fclose(f);
	if (rv == L2C_ERR_MALFORMED && (err.line == 0 || err.what == NULL))
		__builtin_trap();
	if (rv != 0 && rv != L2C_ERR_MALFORMED && rv != L2C_ERR_SYS)
		__builtin_trap();
	return 0;
}
