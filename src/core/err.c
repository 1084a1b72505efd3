/* SPDX-License-Identifier: ISC */
/* One table of error strings for every L2C_ERR_* code. */
#include <stddef.h>

#include "err.h"

static const struct {
	int		 code;
	const char	*str;
} errtab[] = {
#define L2C_ERR_ROW(name, val, str)	{ (val), (str) },
	L2C_ERRORS(L2C_ERR_ROW)
#undef L2C_ERR_ROW
};

const char *
l2c_strerror(int code)
{
	size_t	i;

	if (code >= 0)
		return "success";
	for (i = 0; i < sizeof(errtab) / sizeof(errtab[0]); i++)
		if (errtab[i].code == code)
			return errtab[i].str;
	return "unknown error";
}
