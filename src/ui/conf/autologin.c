/* SPDX-License-Identifier: ISC */
/* ~/.mactelnet, the reference client's autologin file (autologin.h). */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/frame.h"
#include "ui/conf/autologin.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/conf/ini.h"

struct scan {
	const char		*target;
	struct l2c_autologin	 exact, dflt;
	int			 have_exact;
};

static int
same_target(const char *section, const char *target)
{
	uint8_t	a[L2C_ETH_ALEN], b[L2C_ETH_ALEN];

	if (l2c_mac_parse(section, a) == 0 && l2c_mac_parse(target, b) == 0)
		return memcmp(a, b, sizeof(a)) == 0;
	return strcasecmp(section, target) == 0;
}

static int
put(char *dst, size_t len, const char *v, int *have,
    struct l2c_ini_err *err)
{
	if (strlen(v) >= len) {
		err->what = "value too long";
		return L2C_ERR_MALFORMED;
	}
	memcpy(dst, v, strlen(v) + 1);
	*have = 1;
	return 0;
}

static int
on_key(void *arg, const char *section, const char *key, const char *val,
    struct l2c_ini_err *err)
{
	struct scan		*s = arg;
	struct l2c_autologin	*a;

	if (same_target(section, s->target)) {
		a = &s->exact;
		s->have_exact = 1;
	} else if (strcasecmp(section, "default") == 0)
		a = &s->dflt;
	else
		return 0;
	/* The reference warns about other keys and goes on; so do we. */
	if (strcasecmp(key, "user") == 0)
		return put(a->user, sizeof(a->user), val, &a->have_user, err);
	if (strcasecmp(key, "password") == 0)
		return put(a->password, sizeof(a->password), val,
		    &a->have_password, err);
	return 0;
}

int
l2c_autologin_read(const char *path, const char *target,
    struct l2c_autologin *a)
{
	struct l2c_ini_err	 err;
	struct scan		 s;
	struct stat		 st;
	const char		*home;
	char			 buf[4096];
	FILE			*f;
	int			 rv;

	memset(a, 0, sizeof(*a));
	if (path == NULL) {
		if ((home = getenv("HOME")) == NULL || home[0] == '\0')
			return 0;
		snprintf(buf, sizeof(buf), "%s/%s", home, L2C_AUTOLOGIN_FILE);
		if ((f = fopen(buf, "re")) == NULL && errno == ENOENT)
			return 0;
		path = buf;
	} else
		f = fopen(path, "re");
	if (f == NULL) {
		l2c_say("cannot read the autologin file %s: %s (-A to not "
		    "read it)", path, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	memset(&s, 0, sizeof(s));
	s.target = target;
	rv = l2c_ini_parse(f, on_key, &s, &err);
	if (rv == 0 && fstat(fileno(f), &st) == -1)
		rv = L2C_ERR_SYS;
	fclose(f);
	if (rv == 0) {
		*a = s.have_exact ? s.exact : s.dflt;
		if (a->have_password && (st.st_mode & 077) != 0) {
			l2c_say("not using the password in %s: others can read "
			    "the file (chmod 600 %s)", path, path);
			l2c_secret_wipe(a->password, sizeof(a->password));
			a->have_password = 0;
		}
	} else if (rv == L2C_ERR_MALFORMED)
		l2c_say("%s:%u: %s (-A to not read it)", path, err.line,
		    err.what);
	else
		l2c_say("cannot read the autologin file %s: %s", path,
		    strerror(errno));
	l2c_secret_wipe(&s, sizeof(s));
	if (rv == 0)
		return 0;
	return rv == L2C_ERR_MALFORMED ? L2C_EX_DATAERR : L2C_EX_NOINPUT;
}
