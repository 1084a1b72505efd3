/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the serve mikrotik users file parser (text, no
 * file).  Every user it accepts must have a name a line can hold and be
 * found again by that name; a refusal must say why in a NUL-ended line.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mac/mt_users.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mt_users	*us = NULL;
	char		 why[256];
	size_t		 i;

	memset(why, 'x', sizeof(why));
	if (mt_users_parse((const char *)data, len, &us, why,
	    sizeof(why)) != 0) {
		if (memchr(why, '\0', sizeof(why)) == NULL)
			__builtin_trap();
		mt_users_free(us);
		return 0;
	}
	for (i = 0; us != NULL && i < us->n; i++) {
		if (!mt_user_name_ok(us->u[i].name) ||
		    mt_users_find(us, us->u[i].name,
		    strlen(us->u[i].name)) == NULL)
			__builtin_trap();
		/* A verifier, or a password: one of them, never neither. */
		if (MT_USER_HAS_V(&us->u[i]) != (us->u[i].password == NULL))
			__builtin_trap();
	}
	mt_users_free(us);
	return 0;
}
