/* SPDX-License-Identifier: ISC */
/* A line-oriented INI reader; see ini.h for the dialect. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "ui/conf/ini.h"
#include "ui/conf/secret.h"

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Quotes keep a value's outer spaces: key = "  x ". */
static char *
unquote(char *v)
{
	size_t	n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

static int
parse_line(char *raw, char *section, size_t seclen, l2c_ini_fn fn,
    void *arg, struct l2c_ini_err *err)
{
	char	*s = trim(raw), *eq, *end;

	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || *trim(end + 1) != '\0') {
			err->what = "a section header needs a closing \"]\"";
			return L2C_ERR_MALFORMED;
		}
		*end = '\0';
		s = trim(s + 1);
		if (*s == '\0' || strlen(s) >= seclen) {
			err->what = "empty or overlong section name";
			return L2C_ERR_MALFORMED;
		}
		memcpy(section, s, strlen(s) + 1);
		return 0;
	}
	if ((eq = strchr(s, '=')) == NULL) {
		err->what = "expected \"key = value\"";
		return L2C_ERR_MALFORMED;
	}
	*eq = '\0';
	if (*trim(s) == '\0') {
		err->what = "a key is missing before \"=\"";
		return L2C_ERR_MALFORMED;
	}
	return fn(arg, section, trim(s), unquote(trim(eq + 1)), err);
}

int
l2c_ini_parse(FILE *f, l2c_ini_fn fn, void *arg, struct l2c_ini_err *err)
{
	char	buf[L2C_INI_LINE_MAX], section[256] = "";
	size_t	n;
	int	rv = 0;

	err->line = 0;
	err->what = NULL;
	while (rv == 0 && fgets(buf, sizeof(buf), f) != NULL) {
		err->line++;
		n = strlen(buf);
		if (n == sizeof(buf) - 1 && buf[n - 1] != '\n' && !feof(f)) {
			err->what = "line too long";
			rv = L2C_ERR_MALFORMED;
			break;
		}
		rv = parse_line(buf, section, sizeof(section), fn, arg, err);
	}
	if (rv == 0 && ferror(f))
		rv = L2C_ERR_SYS;
	l2c_secret_wipe(buf, sizeof(buf));
	return rv;
}
