/* SPDX-License-Identifier: ISC */
/* The known devices file (known.h): read, noted, rewritten in place. */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/hex.h"
#include "core/priv.h"
#include "ui/cli/cmd.h"
#include "ui/conf/known.h"

#define KNOWN_FILE_MAX	(1024 * 1024)
#define HEADER	"# l2console known devices: MAC, the login it used " \
		"(ecsrp5|md5), its identity\n"

static const char *const login_words[] = {
	[L2C_KNOWN_MD5] = "md5",
	[L2C_KNOWN_ECSRP5] = "ecsrp5",
};

int
l2c_known_path(const char *opt, char *buf, size_t len)
{
	const char	*env = getenv(L2C_KNOWN_ENV), *xdg, *home;
	char		 h[4096];
	uid_t		 uid;
	gid_t		 gid;
	int		 n;

	if (opt != NULL || (env != NULL && env[0] != '\0'))
		n = snprintf(buf, len, "%s", opt != NULL ? opt : env);
	else {
		xdg = getenv("XDG_STATE_HOME");
		/* Under sudo, HOME may be root's: the invoker's from passwd. */
		home = l2c_priv_invoker(&uid, &gid, h, sizeof(h)) ? h :
		    getenv("HOME");
		if (xdg != NULL && xdg[0] == '/')
			n = snprintf(buf, len, "%s/" L2C_KNOWN_NAME, xdg);
		else if (home != NULL && home[0] == '/')
			n = snprintf(buf, len, "%s/.local/state/" L2C_KNOWN_NAME,
			    home);
		else
			return L2C_ERR_NOTFOUND;
	}
	return n < 0 || (size_t)n >= len ? L2C_ERR_NOSPACE : 0;
}

/* \xHH for what would split a line or fool a terminal; "-" for none. */
static void
escape(const char *s, char *out, size_t len)
{
	size_t	o = 0;

	if (s[0] == '\0' || strcmp(s, "-") == 0) {
		snprintf(out, len, "%s", s[0] == '\0' ? "-" : "\\x2d");
		return;
	}
	for (; *s != '\0' && o + 5 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c >= 0x7f || c == '\\')
			o += (size_t)snprintf(out + o, len - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* The other way: 0, or -1 for a bad escape or a NUL. */
static int
unescape(const char *s, size_t slen, char *out, size_t len)
{
	size_t	i, o = 0;
	int	hi, lo;

	if (slen == 1 && s[0] == '-') {
		out[0] = '\0';
		return 0;
	}
	for (i = 0; i < slen; i++) {
		if (o + 1 >= len)
			return -1;
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		if (i + 3 >= slen)
			return -1;
		if (s[i + 1] != 'x' || (hi = l2c_hexval(s[i + 2])) < 0 ||
		    (lo = l2c_hexval(s[i + 3])) < 0 || (hi | lo) == 0)
			return -1;
		out[o++] = (char)(hi << 4 | lo);
		i += 3;
	}
	out[o] = '\0';
	return 0;
}

/* "MAC LOGIN IDENTITY": 1 with *d filled, 0 to skip, -1 if bad. */
static int
parse_line(const char *p, size_t len, struct l2c_known_dev *d)
{
	char		 f[3][4 * L2C_KNOWN_IDENT_MAX + 8];	/* all \xHH */
	const char	*end = p + len, *q;
	size_t		 k, n;

	memset(d, 0, sizeof(*d));
	if (len > 0 && p[len - 1] == '\r')
		end--;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#')
		return 0;
	for (k = 0; k < 3; k++) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (q = p; q < end && *q != ' ' && *q != '\t'; q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || n >= sizeof(f[k]))
			return -1;
		memcpy(f[k], p, n);
		f[k][n] = '\0';
		p = q;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p != end || l2c_mac_parse(f[0], d->mac) != 0)
		return -1;
	if (strcmp(f[1], "ecsrp5") == 0)
		d->login = L2C_KNOWN_ECSRP5;
	else if (strcmp(f[1], "md5") == 0)
		d->login = L2C_KNOWN_MD5;
	else
		return -1;
	return unescape(f[2], strlen(f[2]), d->identity,
	    sizeof(d->identity)) == 0 ? 1 : -1;
}

static struct l2c_known_dev *
find(const struct l2c_known *k, const uint8_t mac[6])
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		if (memcmp(k->d[i].mac, mac, 6) == 0)
			return &k->d[i];
	return NULL;
}

const struct l2c_known_dev *
l2c_known_find(const struct l2c_known *k, const uint8_t mac[6])
{
	return find(k, mac);
}

int
l2c_known_strong(const struct l2c_known *k, const uint8_t mac[6])
{
	const struct l2c_known_dev	*d = find(k, mac);

	return d != NULL && d->login == L2C_KNOWN_ECSRP5;
}

const struct l2c_known_dev *
l2c_known_by_identity(const struct l2c_known *k, const char *identity)
{
	size_t	i;

	for (i = k->n; identity[0] != '\0' && i > 0; i--)
		if (strcasecmp(k->d[i - 1].identity, identity) == 0)
			return &k->d[i - 1];
	return NULL;
}

static void
table_free(struct l2c_known *k)
{
	free(k->d);
	k->d = NULL;
	k->n = k->bad = k->first_bad = 0;
}

int
l2c_known_parse(struct l2c_known *k, const char *text, size_t len)
{
	const char		*p = text, *nl;
	struct l2c_known_dev	 d, *old, *tmp;
	size_t			 llen, lineno = 0;
	int			 rv;

	table_free(k);
	while (p < text + len) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(text + len - p));
		llen = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);
		rv = parse_line(p, llen, &d);
		p += llen + (nl != NULL);
		if (rv < 0 && k->bad++ == 0)
			k->first_bad = lineno;
		if (rv <= 0)
			continue;
		/* A MAC twice (an edit by hand): the later line counts. */
		if ((old = find(k, d.mac)) != NULL) {
			*old = d;
			continue;
		}
		if ((tmp = reallocarray(k->d, k->n + 1, sizeof(*tmp))) == NULL)
			return L2C_ERR_NOMEM;
		k->d = tmp;
		k->d[k->n++] = d;
	}
	return 0;
}

int
l2c_known_format(const struct l2c_known *k, char **textp, size_t *lenp)
{
	char	*text, mac[L2C_MAC_STRLEN], id[4 * L2C_KNOWN_IDENT_MAX + 8];
	size_t	 i, len, cap;
	int	 n;

	cap = sizeof(HEADER) + k->n * (sizeof(mac) + 8 + sizeof(id));
	if ((text = malloc(cap)) == NULL)
		return L2C_ERR_NOMEM;
	len = (size_t)snprintf(text, cap, "%s", HEADER);
	for (i = 0; i < k->n; i++) {
		escape(k->d[i].identity, id, sizeof(id));
		n = snprintf(text + len, cap - len, "%s %s %s\n",
		    l2c_mac_fmt(k->d[i].mac, mac, sizeof(mac)),
		    login_words[k->d[i].login], id);
		if (n < 0 || (size_t)n >= cap - len) {
			free(text);
			return L2C_ERR_NOSPACE;
		}
		len += (size_t)n;
	}
	*textp = text;
	*lenp = len;
	return 0;
}

int
l2c_known_note(struct l2c_known *k, const uint8_t mac[6], int login,
    const char *identity)
{
	struct l2c_known_dev	*d, *tmp;
	int			 changed = 0;

	if (login != L2C_KNOWN_MD5 && login != L2C_KNOWN_ECSRP5)
		return 0;
	if ((d = find(k, mac)) == NULL) {
		if ((tmp = reallocarray(k->d, k->n + 1, sizeof(*tmp))) == NULL)
			return L2C_ERR_NOMEM;
		k->d = tmp;
		d = &k->d[k->n++];
		memset(d, 0, sizeof(*d));
		memcpy(d->mac, mac, 6);
		changed = 1;
	}
	/* Up only: an MD5 login allowed once leaves EC-SRP5 recorded. */
	if (login > d->login) {
		d->login = login;
		changed = 1;
	}
	if (identity != NULL && identity[0] != '\0' &&
	    strlen(identity) <= L2C_KNOWN_IDENT_MAX &&
	    strcmp(identity, d->identity) != 0) {
		snprintf(d->identity, sizeof(d->identity), "%s", identity);
		changed = 1;
	}
	return changed;
}

/* The whole file from the start of the descriptor. */
static int
read_fd(int fd, char **textp, size_t *lenp)
{
	struct stat	 st;
	char		*text;
	ssize_t		 n;
	size_t		 got = 0;

	if (fstat(fd, &st) == -1)
		return L2C_ERR_SYS;
	if (st.st_size > KNOWN_FILE_MAX) {
		errno = EFBIG;
		return L2C_ERR_SYS;
	}
	if ((text = malloc((size_t)st.st_size + 1)) == NULL)
		return L2C_ERR_NOMEM;
	while (got < (size_t)st.st_size && (n = pread(fd, text + got,
	    (size_t)st.st_size - got, (off_t)got)) > 0)
		got += (size_t)n;
	text[got] = '\0';
	*textp = text;
	*lenp = got;
	return 0;
}

/* Load the table from k->fd; 0 or an error (errno set for SYS). */
static int
reload(struct l2c_known *k)
{
	char	*text;
	size_t	 len;
	int	 rv;

	if ((rv = read_fd(k->fd, &text, &len)) != 0)
		return rv;
	rv = l2c_known_parse(k, text, len);
	free(text);
	return rv;
}

/* The directories up to the file, 0700 when made. */
static int
make_dirs(const char *path)
{
	char	dir[4096], *s;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >= sizeof(dir))
		return -1;
	for (s = dir + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

/*
 * The descriptor, as the user whose file it is: a file others may
 * write could record anything, so it is not used.
 */
static int
open_file(struct l2c_known *k, uid_t owner)
{
	struct stat	st;
	int		fd;

	if (make_dirs(k->path) == -1 && errno != EEXIST)
		return -1;
	if ((fd = open(k->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY, 0600)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != owner || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

void
l2c_known_open(struct l2c_known *k, const char *opt)
{
	char	home[4096];
	uid_t	uid = geteuid();
	gid_t	gid;
	int	as = 0, rv, err;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	if (l2c_known_path(opt, k->path, sizeof(k->path)) != 0) {
		l2c_say("no home for the known devices file: downgrades go "
		    "unnoticed (--known-devices FILE)");
		return;
	}
	/* sudo's invoker: their file, made and checked as them. */
	if (l2c_priv_invoker(&uid, &gid, home, sizeof(home)) &&
	    l2c_priv_fs_as(uid, gid) == 0)
		as = 1;
	k->fd = open_file(k, uid);
	err = errno;
	if (as)
		l2c_priv_fs_back();
	if (k->fd == -1) {
		l2c_say("cannot use the known devices file %s: %s", k->path,
		    err == EPERM ? "not a regular file of yours that only you "
		    "may write" : strerror(err));
		return;
	}
	if ((rv = reload(k)) != 0) {
		l2c_say("cannot read the known devices file %s: %s", k->path,
		    rv == L2C_ERR_SYS ? strerror(errno) : l2c_strerror(rv));
		l2c_known_close(k);
		k->fd = -1;
		return;
	}
	if (k->bad > 0)
		l2c_say("%s:%zu: %zu line%s not understood, skipped (and "
		    "dropped when the file is next written)", k->path,
		    k->first_bad, k->bad, k->bad == 1 ? "" : "s");
}

int
l2c_known_save(struct l2c_known *k, const uint8_t mac[6], int login,
    const char *identity)
{
	char	*text = NULL;
	size_t	 len, off = 0;
	ssize_t	 n;
	int	 rv;

	if (k->fd == -1)
		return 0;
	/* Two sessions at once: one writes, then the other merges. */
	if (flock(k->fd, LOCK_EX) == -1)
		goto sys;
	if ((rv = reload(k)) != 0 ||
	    (rv = l2c_known_note(k, mac, login, identity)) <= 0)
		goto out;
	if ((rv = l2c_known_format(k, &text, &len)) != 0)
		goto out;
	if (ftruncate(k->fd, 0) == -1)
		goto sys;
	while (off < len) {
		if ((n = pwrite(k->fd, text + off, len - off, (off_t)off)) <= 0)
			goto sys;
		off += (size_t)n;
	}
	rv = fsync(k->fd) == -1 ? L2C_ERR_SYS : 0;
	goto out;
sys:
	rv = L2C_ERR_SYS;
	l2c_say("cannot write the known devices file %s: %s", k->path,
	    strerror(errno));
out:
	(void)flock(k->fd, LOCK_UN);
	free(text);
	return rv < 0 ? rv : 0;
}

void
l2c_known_close(struct l2c_known *k)
{
	if (k->fd != -1)
		close(k->fd);
	k->fd = -1;
	table_free(k);
}
