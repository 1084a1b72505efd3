/* SPDX-License-Identifier: ISC */
/* The MOP verification, parsed and found: a file, argv, the environment. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "core/priv.h"
#include "mop/mop_proto.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/mop_verif.h"
#include "ui/conf/secret.h"

/* 16 hex digits, or a string of up to 8 bytes padded with zeros. */
static int
verif_parse(const char *s, uint8_t *v)
{
	size_t	i, n = strlen(s);
	char	hex[3] = { 0, 0, 0 };

	memset(v, 0, MOP_VERIF_LEN);
	if (n == 2 * MOP_VERIF_LEN) {
		for (i = 0; i < n; i++)
			if (!isxdigit((unsigned char)s[i]))
				break;
		if (i == n) {
			for (i = 0; i < MOP_VERIF_LEN; i++) {
				hex[0] = s[2 * i];
				hex[1] = s[2 * i + 1];
				v[i] = (uint8_t)strtoul(hex, NULL, 16);
			}
			return 0;
		}
	}
	if (n > MOP_VERIF_LEN)
		return L2C_ERR_INVAL;
	memcpy(v, s, n);
	return 0;
}

/* --verification (or =) among the words typed, where ps(1) shows it. */
static int
on_argv(char *const *argv)
{
	static const char	opt[] = "--verification";
	size_t			n = sizeof(opt) - 1;

	for (; argv != NULL && *argv != NULL; argv++)
		if (strncmp(*argv, opt, n) == 0 && ((*argv)[n] == '\0' ||
		    (*argv)[n] == '='))
			return 1;
	return 0;
}

int
l2c_mop_verif_get(const struct l2c_cmd *me, const char *file,
    const char *arg, char *const *argv, uint8_t *v, int *have)
{
	char	buf[L2C_SECRET_MAX];
	int	ex;

	*have = 0;
	if (file != NULL && arg != NULL)
		return l2c_usage_error(me, "--verification and "
		    "--verification-file: one of them");
	if (arg != NULL) {
		if (on_argv(argv))
			l2c_warn("--verification on the command line can "
			    "be read by every local user: use "
			    "--verification-file or %s", L2C_MOP_VERIF_ENV);
		if (verif_parse(arg, v) != 0)
			return l2c_usage_error(me, "--verification: 16 hex "
			    "digits or up to 8 characters");
		*have = 1;
		return 0;
	}
	memset(buf, 0, sizeof(buf));
	l2c_priv_lock(buf, sizeof(buf));
	if ((ex = l2c_secret_get(file, L2C_MOP_VERIF_ENV, NULL, buf,
	    sizeof(buf))) != 0)
		goto out;
	if (file == NULL && buf[0] == '\0')
		goto out;
	if (verif_parse(buf, v) != 0) {
		l2c_say("%s: the verification is 16 hex digits or up to 8 "
		    "characters", file != NULL ? file : L2C_MOP_VERIF_ENV);
		ex = L2C_EX_DATAERR;
		goto out;
	}
	*have = 1;
out:
	l2c_secret_wipe(buf, sizeof(buf));
	l2c_priv_unlock(buf, sizeof(buf));
	return ex;
}
