/* SPDX-License-Identifier: ISC */
/* The users file: upstream mactelnetd's format, checked before trusted. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "core/err.h"
#include "core/hex.h"
#include "core/log.h"
#include "core/random.h"
#include "mac/ecsrp.h"
#include "mac/mt_users.h"

#define USERS_FILE_MAX	(1024 * 1024)	/* a users file, not a database */

static void
say(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(char *why, size_t len, const char *fmt, ...)
{
	va_list	ap;

	if (why == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
}

/*
 * Mode first, owner second: the first reason is the same for every uid.
 * A file others may read is refused too (its lines let one log in), as
 * sshd's StrictModes does, unless it is about to be rewritten 0600.
 */
static int
check_stat(const char *path, const struct stat *st, int fixing, char *why,
    size_t len)
{
	if (!S_ISREG(st->st_mode)) {
		say(why, len, "%s is not a regular file", path);
		return L2C_ERR_PERM;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		say(why, len, "%s is writable by %s (mode %04o): chmod 600 %s",
		    path, st->st_mode & S_IWOTH ? "others" : "its group",
		    (unsigned)(st->st_mode & 07777), path);
		return L2C_ERR_PERM;
	}
	if (!fixing && (st->st_mode & (S_IRGRP | S_IROTH))) {
		say(why, len, "%s is readable by %s (mode %04o), and what it "
		    "holds logs in: chmod 600 %s", path, st->st_mode & S_IROTH ?
		    "others" : "its group", (unsigned)(st->st_mode & 07777),
		    path);
		return L2C_ERR_PERM;
	}
	if (st->st_uid != 0) {
		say(why, len, "%s is owned by uid %u, not root: chown root %s",
		    path, (unsigned)st->st_uid, path);
		return L2C_ERR_PERM;
	}
	return 0;
}

/* The check alone, for a file about to be trusted or rewritten. */
int
mt_users_check(const char *path, char *why, size_t len)
{
	struct stat	st;

	if (stat(path, &st) == -1) {
		say(why, len, "cannot read %s: %s", path, strerror(errno));
		return errno == ENOENT ? L2C_ERR_NOTFOUND : L2C_ERR_SYS;
	}
	return check_stat(path, &st, 0, why, len);
}

/* Names a line can hold and a login can reach ('+' starts options). */
int
mt_user_name_ok(const char *name)
{
	size_t	i, n = strlen(name);

	if (n == 0 || n > MT_USER_MAX || name[0] == '#')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x20 || c == 0x7f || c == ':' || c == '+')
			return 0;
	}
	return 1;
}

/* Passwords and verifiers are wiped, not just freed. */
static void
user_wipe(struct mt_user *u)
{
	if (u->password != NULL) {
		OPENSSL_cleanse(u->password, strlen(u->password));
		free(u->password);
	}
	OPENSSL_cleanse(u, sizeof(*u));
}

void
mt_users_free(struct mt_users *us)
{
	size_t	i;

	if (us == NULL)
		return;
	for (i = 0; i < us->n; i++)
		user_wipe(&us->u[i]);
	free(us->u);
	free(us->path);
	free(us);
}

/* The plain-text password after the colon: into u->password. */
static int
take_password(struct mt_user *u, const char *p, size_t plen, const char **err)
{
	if (plen > MT_PASS_MAX || memchr(p, '\0', plen) != NULL) {
		*err = "password longer than 256 bytes or holding NUL";
		return L2C_ERR_MALFORMED;
	}
	if ((u->password = malloc(plen + 1)) == NULL)
		return L2C_ERR_NOMEM;
	memcpy(u->password, p, plen);
	u->password[plen] = '\0';
	return 1;
}

/*
 * Upstream's user:X:SALT: held from here on as the point V = x.G, so
 * the server's memory has no more than a new-format line gives.
 */
static int
legacy_to_v(struct mt_user *u, const uint8_t x[ECSRP_LEN], struct ecsrp **ec,
    const char **err)
{
	int	rv;

	if (*ec == NULL && (rv = ecsrp_new(ec)) != 0)
		return rv;
	if ((rv = ecsrp_pubkey(*ec, x, u->v)) != 0) {
		*err = "the stored EC-SRP5 value is not a usable scalar";
		return L2C_ERR_MALFORMED;
	}
	u->kind = MT_USER_LEGACY;
	return 1;
}

/*
 * One line, without its newline: "ecsrp5-v:" and "md5-plain:" after the
 * name mark the new forms; else two or more colons with a 64-digit and
 * a 32-digit hex field make upstream's hashed line, and anything else
 * after the first colon is a plain-text password (which may then hold
 * colons).  Returns 1 with *u filled, 0 for a line to skip, or an error.
 */
static int
parse_line(const char *line, size_t len, struct mt_user *u, struct ecsrp **ec,
    const char **err)
{
	static const char	 vtag[] = "ecsrp5-v:", mtag[] = "md5-plain:";
	const char		*c1, *c2, *end = line + len;
	uint8_t			 x[ECSRP_LEN], v[ECSRP_KEY_LEN];
	size_t			 nlen, rest;
	int			 rv;

	memset(u, 0, sizeof(*u));
	if (len > 0 && line[len - 1] == '\r')
		end--;
	if (end == line || line[0] == '#')
		return 0;
	if ((c1 = memchr(line, ':', (size_t)(end - line))) == NULL) {
		*err = "no ':' between user and password";
		return L2C_ERR_MALFORMED;
	}
	nlen = (size_t)(c1 - line);
	if (nlen == 0 || nlen > MT_USER_MAX) {
		*err = "user name empty or longer than 64 bytes";
		return L2C_ERR_MALFORMED;
	}
	memcpy(u->name, line, nlen);
	u->name[nlen] = '\0';
	if (strlen(u->name) != nlen || !mt_user_name_ok(u->name)) {
		*err = "user name holds ':', '+' or control characters";
		return L2C_ERR_MALFORMED;
	}
	c1++;
	rest = (size_t)(end - c1);
	if (rest >= sizeof(vtag) - 1 && memcmp(c1, vtag, sizeof(vtag) - 1) == 0) {
		c1 += sizeof(vtag) - 1;
		c2 = memchr(c1, ':', (size_t)(end - c1));
		if (c2 == NULL || l2c_unhex(c1, (size_t)(c2 - c1), u->salt,
		    ECSRP_SALT_LEN) != 0 || l2c_unhex(c2 + 1,
		    (size_t)(end - c2 - 1), u->v, ECSRP_KEY_LEN) != 0 ||
		    u->v[ECSRP_LEN] > 1) {
			*err = "an ecsrp5-v line is user:ecsrp5-v:SALT:V (32 and "
			    "66 hex digits)";
			return L2C_ERR_MALFORMED;
		}
		/* A point on the curve, in its one form, or nobody logs in. */
		if ((*ec == NULL && (rv = ecsrp_new(ec)) != 0))
			return rv;
		if (ecsrp_key_check(*ec, u->v, v) != 0 ||
		    memcmp(v, u->v, sizeof(v)) != 0) {
			*err = "the ecsrp5-v line's V is not a point of the curve";
			return L2C_ERR_MALFORMED;
		}
		u->kind = MT_USER_VERIFIER;
		return 1;
	}
	if (rest >= sizeof(mtag) - 1 && memcmp(c1, mtag, sizeof(mtag) - 1) == 0) {
		u->kind = MT_USER_MD5;
		return take_password(u, c1 + sizeof(mtag) - 1,
		    rest - (sizeof(mtag) - 1), err);
	}
	c2 = memchr(c1, ':', rest);
	if (c2 != NULL && l2c_unhex(c1, (size_t)(c2 - c1), x, ECSRP_LEN) == 0 &&
	    l2c_unhex(c2 + 1, (size_t)(end - c2 - 1), u->salt,
	    ECSRP_SALT_LEN) == 0) {
		rv = legacy_to_v(u, x, ec, err);
		OPENSSL_cleanse(x, sizeof(x));
		return rv;
	}
	OPENSSL_cleanse(x, sizeof(x));
	u->kind = MT_USER_PLAIN;
	return take_password(u, c1, rest, err);
}

/* Every line of a users file; the first bad one stops it. */
static int
parse_text(const char *name, const char *text, size_t len,
    struct mt_users *us, char *why, size_t whylen)
{
	const char	*p = text, *nl, *err = NULL;
	struct mt_user	 u, *tmp;
	struct ecsrp	*ec = NULL;
	size_t		 lineno = 0, llen;
	int		 rv = 0;

	while (p < text + len) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(text + len - p));
		llen = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);
		rv = parse_line(p, llen, &u, &ec, &err);
		p += llen + (nl != NULL);
		if (rv < 0) {
			say(why, whylen, "%s:%zu: %s", name, lineno,
			    err != NULL ? err : l2c_strerror(rv));
			break;
		}
		if (rv == 0)
			continue;
		rv = 0;
		if (mt_users_find(us, u.name, strlen(u.name)) != NULL) {
			say(why, whylen, "%s:%zu: user \"%s\" is listed twice",
			    name, lineno, u.name);
			user_wipe(&u);
			rv = L2C_ERR_MALFORMED;
			break;
		}
		if ((tmp = reallocarray(us->u, us->n + 1, sizeof(*tmp))) ==
		    NULL) {
			user_wipe(&u);
			rv = L2C_ERR_NOMEM;
			break;
		}
		us->u = tmp;
		us->u[us->n++] = u;
		us->nkind[u.kind]++;
	}
	ecsrp_free(ec);
	return rv;
}

int
mt_users_parse(const char *text, size_t len, struct mt_users **out,
    char *why, size_t whylen)
{
	struct mt_users	*us;
	int		 rv;

	*out = NULL;
	if ((us = calloc(1, sizeof(*us))) == NULL)
		return L2C_ERR_NOMEM;
	if ((rv = parse_text("users", text, len, us, why, whylen)) != 0) {
		mt_users_free(us);
		return rv;
	}
	*out = us;
	return 0;
}

/* The whole file through one descriptor, checked on that descriptor. */
static int
read_file(const char *path, char **textp, size_t *lenp, struct stat *st,
    int fixing, char *why, size_t whylen)
{
	char	*text;
	ssize_t	 n;
	size_t	 got = 0;
	int	 fd, rv;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		say(why, whylen, "cannot read %s: %s", path, strerror(errno));
		return errno == ENOENT ? L2C_ERR_NOTFOUND :
		    errno == ELOOP ? L2C_ERR_PERM : L2C_ERR_SYS;
	}
	if (fstat(fd, st) == -1) {
		say(why, whylen, "cannot read %s: %s", path, strerror(errno));
		close(fd);
		return L2C_ERR_SYS;
	}
	if ((rv = check_stat(path, st, fixing, why, whylen)) != 0) {
		close(fd);
		return rv;
	}
	if (st->st_size > USERS_FILE_MAX) {
		say(why, whylen, "%s is larger than %d bytes", path,
		    USERS_FILE_MAX);
		close(fd);
		return L2C_ERR_MALFORMED;
	}
	if ((text = malloc((size_t)st->st_size + 1)) == NULL) {
		close(fd);
		return L2C_ERR_NOMEM;
	}
	while (got < (size_t)st->st_size &&
	    (n = read(fd, text + got, (size_t)st->st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	text[got] = '\0';
	*textp = text;
	*lenp = got;
	return 0;
}

/* Read, check and parse; remember what the file looked like. */
static int
load_into(const char *path, struct mt_users *us, char *why, size_t whylen)
{
	struct stat	 st;
	char		*text;
	size_t		 len;
	int		 rv;

	if ((rv = read_file(path, &text, &len, &st, 0, why, whylen)) != 0)
		return rv;
	rv = parse_text(path, text, len, us, why, whylen);
	OPENSSL_cleanse(text, len);
	free(text);
	if (rv != 0)
		return rv;
	us->dev = st.st_dev;
	us->ino = st.st_ino;
	us->size = st.st_size;
	us->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
	    st.st_mtim.tv_nsec;
	return 0;
}

int
mt_users_load(const char *path, struct mt_users **out, char *why,
    size_t whylen)
{
	struct mt_users	*us;
	int		 rv;

	*out = NULL;
	if ((us = calloc(1, sizeof(*us))) == NULL ||
	    (us->path = strdup(path)) == NULL) {
		free(us);
		return L2C_ERR_NOMEM;
	}
	if ((rv = load_into(path, us, why, whylen)) != 0) {
		mt_users_free(us);
		return rv;
	}
	*out = us;
	return 0;
}

/* Re-read before a login when the file changed, as mactelnetd does. */
int
mt_users_refresh(struct mt_users *us)
{
	struct mt_users	 fresh;
	struct stat	 st;
	char		 why[256];
	int64_t		 mt;
	size_t		 i;
	int		 rv;

	if (us->path == NULL)
		return 0;
	if (stat(us->path, &st) == -1) {
		l2c_warn("%s: %s; keeping the %zu users read before",
		    us->path, strerror(errno), us->n);
		return 0;
	}
	mt = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (st.st_dev == us->dev && st.st_ino == us->ino &&
	    st.st_size == us->size && mt == us->mtime_ns)
		return 0;
	memset(&fresh, 0, sizeof(fresh));
	if ((rv = load_into(us->path, &fresh, why, sizeof(why))) != 0) {
		l2c_warn("%s; keeping the %zu users read before", why, us->n);
		for (i = 0; i < fresh.n; i++)
			user_wipe(&fresh.u[i]);
		free(fresh.u);
		/* Say it once per change of the file, not once per login. */
		us->dev = st.st_dev;
		us->ino = st.st_ino;
		us->size = st.st_size;
		us->mtime_ns = mt;
		return 0;
	}
	for (i = 0; i < us->n; i++)
		user_wipe(&us->u[i]);
	free(us->u);
	us->u = fresh.u;
	us->n = fresh.n;
	memcpy(us->nkind, fresh.nkind, sizeof(us->nkind));
	us->dev = fresh.dev;
	us->ino = fresh.ino;
	us->size = fresh.size;
	us->mtime_ns = fresh.mtime_ns;
	l2c_info("%s: reloaded, %zu users", us->path, us->n);
	mt_users_warn(us, us->path);
	return 1;
}

const struct mt_user *
mt_users_find(const struct mt_users *us, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < us->n; i++)
		if (strlen(us->u[i].name) == len &&
		    memcmp(us->u[i].name, name, len) == 0)
			return &us->u[i];
	return NULL;
}

/*
 * A fresh salt and the verifier point: what --add-user writes.  x is
 * computed, turned into V = x.G and wiped; only V and the salt are kept.
 */
int
mt_users_line(const char *user, const char *password, char *out,
    size_t outlen)
{
	struct ecsrp	*ec;
	uint8_t		 salt[ECSRP_SALT_LEN], x[ECSRP_LEN], v[ECSRP_KEY_LEN];
	char		 hv[2 * ECSRP_KEY_LEN + 1], hs[2 * ECSRP_SALT_LEN + 1];
	int		 rv, n;

	if (!mt_user_name_ok(user))
		return L2C_ERR_INVAL;
	if ((rv = ecsrp_new(&ec)) != 0)
		return rv;
	if ((rv = l2c_random(salt, sizeof(salt))) == 0 &&
	    (rv = ecsrp_verifier(user, password, salt, x)) == 0)
		rv = ecsrp_pubkey(ec, x, v);
	OPENSSL_cleanse(x, sizeof(x));
	ecsrp_free(ec);
	if (rv != 0)
		return rv;
	l2c_hex(hv, v, sizeof(v));
	l2c_hex(hs, salt, sizeof(salt));
	n = snprintf(out, outlen, "%s:ecsrp5-v:%s:%s\n", user, hs, hv);
	return n < 0 || (size_t)n >= outlen ? L2C_ERR_NOSPACE : 0;
}

/* A marked plain-text line, for clients that know only MD5. */
static int
md5_line(const char *user, const char *password, char *out, size_t outlen)
{
	int	n;

	if (!mt_user_name_ok(user) || strlen(password) > MT_PASS_MAX ||
	    strpbrk(password, "\r\n") != NULL)
		return L2C_ERR_INVAL;
	n = snprintf(out, outlen, "%s:md5-plain:%s\n", user, password);
	return n < 0 || (size_t)n >= outlen ? L2C_ERR_NOSPACE : 0;
}

/* Up to three names of some kinds (a mask), for a warning. */
static void
names_of(const struct mt_users *us, unsigned kinds, char *out, size_t len)
{
	size_t	i, said = 0, o = 0;

	out[0] = '\0';
	for (i = 0; i < us->n && o < len; i++) {
		if (!(kinds & 1U << us->u[i].kind))
			continue;
		if (said++ < 3)
			o += (size_t)snprintf(out + o, len - o, "%s%s",
			    said > 1 ? ", " : "", us->u[i].name);
	}
	if (said > 3 && o < len)
		snprintf(out + o, len - o, " and %zu more", said - 3);
}

void
mt_users_warn(const struct mt_users *us, const char *path)
{
	char	names[3 * MT_USER_MAX + 32];
	size_t	n = us->nkind[MT_USER_MD5] + us->nkind[MT_USER_PLAIN];

	if (us->nkind[MT_USER_LEGACY] > 0) {
		names_of(us, 1U << MT_USER_LEGACY, names, sizeof(names));
		l2c_warn("%s: %s in the old user:HEX:HEX form, which is as good "
		    "as the password to whoever reads it (--add-user USER "
		    "writes a verifier instead)", path, names);
	}
	if (n > 0) {
		names_of(us, 1U << MT_USER_MD5 | 1U << MT_USER_PLAIN, names,
		    sizeof(names));
		l2c_warn("%s: %s with a plain-text password, which the MD5 "
		    "login needs and whoever reads the file logs in with%s",
		    path, names, us->nkind[MT_USER_PLAIN] > 0 ? " (mark such "
		    "a line user:md5-plain:PASSWORD)" : "");
	}
}

/* Does this line belong to user? Same split as parse_line. */
static int
line_is_user(const char *line, size_t len, const char *user)
{
	const char	*c = memchr(line, ':', len);

	return c != NULL && (size_t)(c - line) == strlen(user) &&
	    memcmp(line, user, strlen(user)) == 0;
}

/* write(2) until done. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* /etc/l2console may not exist yet on a fresh install. */
static int
ensure_dir(const char *path, char *why, size_t whylen)
{
	char		*copy, *dir;
	struct stat	 st;
	int		 rv = 0;

	if ((copy = strdup(path)) == NULL)
		return L2C_ERR_NOMEM;
	dir = dirname(copy);
	if (stat(dir, &st) == -1) {
		if (errno != ENOENT || mkdir(dir, 0755) == -1) {
			say(why, whylen, "cannot create directory %s: %s", dir,
			    strerror(errno));
			rv = L2C_ERR_SYS;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		say(why, whylen, "%s is not a directory", dir);
		rv = L2C_ERR_SYS;
	}
	free(copy);
	return rv;
}

/*
 * Rewrite into a temporary file next to the old one and rename it over:
 * a crash leaves the old file or the new one, never half of one.
 */
int
mt_users_set(const char *path, const char *user, const char *password,
    int md5, int *replaced, char *why, size_t whylen)
{
	struct stat	 st;
	char		*text = NULL, *tmp = NULL;
	char		 line[MT_USER_MAX + MT_PASS_MAX + 32];
	const char	*p, *nl;
	size_t		 len = 0, llen;
	int		 rv, fd = -1, exists, done = 0;
	mode_t		 mode = 0600;

	*replaced = 0;
	if (!mt_user_name_ok(user)) {
		say(why, whylen, "\"%s\" cannot be a user name here (1 to 64 "
		    "bytes, no ':', '+' or control characters)", user);
		return L2C_ERR_INVAL;
	}
	rv = read_file(path, &text, &len, &st, 1, why, whylen);
	if (rv != 0 && rv != L2C_ERR_NOTFOUND)
		return rv;
	/* Rewritten 0600 whatever it was: a readable file is fixed. */
	exists = rv == 0;
	if (!exists && (rv = ensure_dir(path, why, whylen)) != 0)
		return rv;
	if ((rv = md5 ? md5_line(user, password, line, sizeof(line)) :
	    mt_users_line(user, password, line, sizeof(line))) != 0) {
		say(why, whylen, md5 ? "cannot write that password: %s" :
		    "cannot compute the verifier: %s", l2c_strerror(rv));
		goto out;
	}
	if (asprintf(&tmp, "%s.tmpXXXXXX", path) == -1) {
		tmp = NULL;
		rv = L2C_ERR_NOMEM;
		goto out;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		say(why, whylen, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		tmp = NULL;
		rv = L2C_ERR_SYS;
		goto out;
	}
	rv = L2C_ERR_SYS;
	if (fchmod(fd, mode) == -1 || (geteuid() == 0 && fchown(fd, 0,
	    exists ? st.st_gid : 0) == -1)) {
		say(why, whylen, "cannot set the mode of %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	/* Every other line as it was; the user's line(s) become one. */
	for (p = text; exists && p < text + len; p += llen + (nl != NULL)) {
		nl = memchr(p, '\n', (size_t)(text + len - p));
		llen = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);
		if (p[0] != '#' && line_is_user(p, llen, user)) {
			*replaced = 1;
			if (done)
				continue;
			done = 1;
			if (write_all(fd, line, strlen(line)) == -1)
				goto werr;
			continue;
		}
		if (write_all(fd, p, llen) == -1 ||
		    write_all(fd, "\n", 1) == -1)
			goto werr;
	}
	if (!done && write_all(fd, line, strlen(line)) == -1)
		goto werr;
	if (fsync(fd) == -1)
		goto werr;
	if (close(fd) == -1) {
		fd = -1;
		goto werr;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		say(why, whylen, "cannot replace %s: %s", path,
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rv = 0;
	goto out;
werr:
	say(why, whylen, "cannot write %s: %s", tmp, strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	OPENSSL_cleanse(line, sizeof(line));
	if (text != NULL) {
		OPENSSL_cleanse(text, len);
		free(text);
	}
	return rv;
}
