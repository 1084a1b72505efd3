/* SPDX-License-Identifier: ISC */
/*
 * Profiles (profile.h): a section of the config file becomes command
 * line options, so that the command's own parser checks every value and
 * the command line can override any of them.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/conf/ini.h"
#include "ui/conf/profile.h"

#define NAMES_MAX	200	/* the profile names listed in an error */

struct want {
	const char		*name;
	const char		*cmd;
	const struct option	*longopts;
	struct l2c_profile_argv	*out;
	int			 found;
	char			 names[NAMES_MAX];
	char			 last[256];	/* section seen last */
	int			 pass;		/* 1: protocol, 2: the rest */
	const char		*protocol, *ifname, *target;
	char			 **opts;	/* "--key=value", in order */
	size_t			 nopts;
	char			 why[160];
};

/* Values that are paths: "~/" is the home directory, as in a shell. */
static const char *const path_keys[] = {
	"log", "password-file", "pcap", "autologin", "verification-file",
	NULL
};

int
l2c_profile_path(char *buf, size_t len)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int		 n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, len, "%s/l2console/config", xdg);
	else if (home != NULL && home[0] != '\0')
		n = snprintf(buf, len, "%s/.config/l2console/config", home);
	else
		return -1;
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* The string is owned by out from here on, whatever happens. */
static char *
own(struct l2c_profile_argv *out, char *s)
{
	char	**n;

	if (s == NULL)
		return NULL;
	if ((n = reallocarray(out->own, out->nown + 1, sizeof(*n))) == NULL) {
		free(s);
		return NULL;
	}
	out->own = n;
	out->own[out->nown++] = s;
	return s;
}

static const char *
expand_home(struct l2c_profile_argv *out, const char *key, const char *v)
{
	const char	*home = getenv("HOME");
	char		*s;
	size_t		 i;

	for (i = 0; path_keys[i] != NULL; i++)
		if (strcmp(key, path_keys[i]) == 0)
			break;
	if (path_keys[i] == NULL || strncmp(v, "~/", 2) != 0 || home == NULL)
		return v;
	if (asprintf(&s, "%s%s", home, v + 1) == -1)
		return NULL;
	return own(out, s);
}

/* "--key", or "--key=val". */
static int
add_opt(struct want *w, const char *key, const char *val)
{
	char	*s, **n;
	int	 len;

	if (val != NULL)
		len = asprintf(&s, "--%s=%s", key, val);
	else
		len = asprintf(&s, "--%s", key);
	if (len == -1 || own(w->out, s) == NULL)
		return L2C_ERR_NOMEM;
	if ((n = reallocarray(w->opts, w->nopts + 1, sizeof(*n))) == NULL)
		return L2C_ERR_NOMEM;
	w->opts = n;
	w->opts[w->nopts++] = s;
	return 0;
}

static int
parse_bool(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	size_t	i;

	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

static const struct option *
find_opt(const struct option *o, const char *name)
{
	for (; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

static int
reject(struct want *w, struct l2c_ini_err *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
reject(struct want *w, struct l2c_ini_err *err, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	err->what = w->why;
	return L2C_ERR_MALFORMED;
}

/* A key of the wanted profile: where to go, or an option of the command. */
static int
take(struct want *w, const char *key, const char *val,
    struct l2c_ini_err *err)
{
	const struct option	*o;
	char			 no[80];
	int			 b;

	if (strcmp(key, "protocol") == 0) {
		if (w->pass == 2)
			return 0;
		if (strcmp(val, "mikrotik") != 0 && strcmp(val, "mop") != 0)
			return reject(w, err, "protocol is mikrotik or mop, not "
			    "\"%s\"", val);
		w->protocol = own(w->out, strdup(val));
		return w->protocol == NULL ? L2C_ERR_NOMEM : 0;
	}
	if (strcmp(key, "interface") == 0) {
		w->ifname = own(w->out, strdup(val));
		return w->ifname == NULL ? L2C_ERR_NOMEM : 0;
	}
	if (strcmp(key, "mac") == 0 || strcmp(key, "target") == 0) {
		w->target = own(w->out, strdup(val));
		return w->target == NULL ? L2C_ERR_NOMEM : 0;
	}
	if (strcmp(key, "pcap") == 0) {
		if ((val = expand_home(w->out, key, val)) == NULL)
			return L2C_ERR_NOMEM;
		/* --pcap on the command line wins, as every option does. */
		if (l2c_opts.pcap != NULL && !w->out->set_pcap)
			return 0;
		if ((l2c_opts.pcap = own(w->out, strdup(val))) == NULL)
			return L2C_ERR_NOMEM;
		w->out->set_pcap = 1;
		return 0;
	}
	if (strcmp(key, "password") == 0)
		return reject(w, err, "no passwords in the config file: use "
		    "password-file = FILE, or L2CONSOLE_PASSWORD");
	if ((o = find_opt(w->longopts, key)) == NULL)
		return reject(w, err, "\"%s\" is not an option of this command",
		    key);
	if (o->has_arg == no_argument) {
		if ((b = parse_bool(val)) == -1)
			return reject(w, err, "%s takes yes or no", key);
		if (b)
			return add_opt(w, key, NULL);
		/* wake = no is --no-wake; others are simply not given. */
		snprintf(no, sizeof(no), "no-%s", key);
		if (find_opt(w->longopts, no) != NULL)
			return add_opt(w, no, NULL);
		return 0;
	}
	if ((val = expand_home(w->out, key, val)) == NULL)
		return L2C_ERR_NOMEM;
	return add_opt(w, key, val);
}

static void
note_name(struct want *w, const char *section)
{
	size_t	n = strlen(w->names);

	if (section[0] == '\0' || strcmp(section, w->last) == 0)
		return;
	snprintf(w->last, sizeof(w->last), "%s", section);
	if (n + strlen(section) + 8 >= sizeof(w->names)) {
		if (n > 0 && strcmp(w->names + n - 3, "...") != 0)
			snprintf(w->names + n, sizeof(w->names) - n, ", ...");
		return;
	}
	snprintf(w->names + n, sizeof(w->names) - n, "%s%s", n ? ", " : "",
	    section);
}

static int
on_key(void *arg, const char *section, const char *key, const char *val,
    struct l2c_ini_err *err)
{
	struct want	*w = arg;
	char		 k[64];
	size_t		 i;

	if (section[0] == '\0') {
		err->what = "a key before the first [profile] header";
		return L2C_ERR_MALFORMED;
	}
	if (w->pass == 1)
		note_name(w, section);
	if (strcmp(section, w->name) != 0)
		return 0;
	w->found = 1;
	/* Keys as the options spell them: lower case, "-" or "_". */
	for (i = 0; key[i] != '\0' && i + 1 < sizeof(k); i++)
		k[i] = key[i] == '_' ? '-' : (char)tolower((unsigned char)key[i]);
	k[i] = '\0';
	/* The protocol first: it decides which keys are options. */
	if ((w->pass == 1) != (strcmp(k, "protocol") == 0))
		return 0;
	return take(w, k, val, err);
}

static int
read_config(struct want *w, const char *path)
{
	struct l2c_ini_err	 err;
	FILE			*f;
	int			 rv;

	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT)
			l2c_say("no profile @%s: there is no %s (see PROFILES "
			    "in l2console(1))", w->name, path);
		else
			l2c_say("cannot read %s: %s", path, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	for (w->pass = 1; w->pass <= 2; w->pass++) {
		rewind(f);
		if ((rv = l2c_ini_parse(f, on_key, w, &err)) != 0)
			break;
		if (!w->found) {
			l2c_say("no profile @%s in %s (%s%s)", w->name, path,
			    w->names[0] ? "it has: " : "it has none", w->names);
			fclose(f);
			return L2C_EX_USAGE;
		}
		if (w->protocol != NULL && strcmp(w->protocol, w->cmd) != 0) {
			l2c_say("profile @%s is for %s: l2console %s @%s",
			    w->name, w->protocol, w->protocol, w->name);
			fclose(f);
			return L2C_EX_USAGE;
		}
	}
	fclose(f);
	if (rv == L2C_ERR_MALFORMED) {
		l2c_say("%s:%u: %s", path, err.line, err.what);
		return L2C_EX_DATAERR;
	}
	if (rv != 0) {
		l2c_say("cannot read %s: %s", path, rv == L2C_ERR_SYS ?
		    strerror(errno) : l2c_strerror(rv));
		return rv == L2C_ERR_NOMEM ? L2C_EX_SOFTWARE : L2C_EX_NOINPUT;
	}
	return 0;
}

/* argv[0], the profile's options, the command line's, IFACE, TARGET. */
static int
build(struct want *w, char **argv, int first, const char *ifname)
{
	struct l2c_profile_argv	*out = w->out;
	int			 nopt = first - 1, i, n = 0;

	/* A "--" ends the options; one is added before the operands. */
	if (nopt > 0 && strcmp(argv[first - 1], "--") == 0)
		nopt--;
	out->argv = calloc(1 + w->nopts + (size_t)nopt + 4, sizeof(char *));
	if (out->argv == NULL)
		return L2C_ERR_NOMEM;
	out->argv[n++] = argv[0];
	for (i = 0; i < (int)w->nopts; i++)
		out->argv[n++] = w->opts[i];
	for (i = 1; i <= nopt; i++)
		out->argv[n++] = argv[i];
	out->argv[n++] = (char *)"--";
	out->argv[n++] = (char *)ifname;
	out->argv[n++] = (char *)w->target;
	out->argc = n;
	return 0;
}

int
l2c_profile_expand(const struct l2c_cmd *cmd, const struct option *longopts,
    int argc, char **argv, int first, struct l2c_profile_argv *out)
{
	struct want	 w;
	char		 path[4096];
	const char	*ifname;
	char		*note;
	int		 nops = argc - first, ex;

	memset(out, 0, sizeof(*out));
	if (nops < 1 || nops > 2 || argv[argc - 1][0] != '@')
		return 0;
	memset(&w, 0, sizeof(w));
	w.name = argv[argc - 1] + 1;
	w.cmd = cmd->name;
	w.longopts = longopts;
	w.out = out;
	if (w.name[0] == '\0')
		return l2c_usage_error(cmd, "\"@\" needs a profile name");
	if (l2c_profile_path(path, sizeof(path)) != 0) {
		l2c_say("no profile @%s: HOME is not set", w.name);
		return L2C_EX_NOINPUT;
	}
	if ((ex = read_config(&w, path)) != 0)
		goto fail;
	ex = L2C_EX_USAGE;
	ifname = nops == 2 ? argv[first] : w.ifname;
	if (ifname == NULL) {
		l2c_say("profile @%s names no interface: add interface = "
		    "IFACE to it, or give one: l2console %s IFACE @%s",
		    w.name, cmd->name, w.name);
		goto fail;
	}
	if (w.target == NULL) {
		l2c_say("%s: profile @%s has no mac = ...", path, w.name);
		ex = L2C_EX_DATAERR;
		goto fail;
	}
	if (build(&w, argv, first, ifname) != 0 ||
	    asprintf(&note, "@%s in %s", w.name, path) == -1 ||
	    own(out, note) == NULL) {
		l2c_say("out of memory");
		ex = L2C_EX_SOFTWARE;
		goto fail;
	}
	free(w.opts);
	l2c_opts.profile = note;
	return 0;
fail:
	free(w.opts);
	l2c_profile_argv_free(out);
	return ex;
}

void
l2c_profile_argv_free(struct l2c_profile_argv *out)
{
	size_t	i;

	/* The globals must not point at what is freed here. */
	if (out->set_pcap)
		l2c_opts.pcap = NULL;
	if (out->nown > 0)
		l2c_opts.profile = NULL;
	for (i = 0; i < out->nown; i++)
		free(out->own[i]);
	free(out->own);
	free(out->argv);
	memset(out, 0, sizeof(*out));
}

int
l2c_profile_parse(const struct l2c_cmd *cmd, const struct option *longopts,
    l2c_parse_fn parse, void *arg, int *argcp, char ***argvp,
    struct l2c_profile_argv *out)
{
	int	ex;

	memset(out, 0, sizeof(*out));
	if ((ex = parse(cmd, *argcp, *argvp, arg)) != 0 ||
	    (ex = l2c_profile_expand(cmd, longopts, *argcp, *argvp, optind,
	    out)) != 0 || out->argv == NULL)
		return ex;
	*argcp = out->argc;
	*argvp = out->argv;
	optind = 0;	/* glibc: start over */
	return parse(cmd, *argcp, *argvp, arg);
}
