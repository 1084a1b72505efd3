/* SPDX-License-Identifier: ISC */
/*
 * Profiles and the files behind them: the INI reader, @name turned into
 * options the command parses again, and the reference client's
 * ~/.mactelnet.  Each test writes its files into a scratch HOME.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "ui/conf/autologin.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/conf/ini.h"
#include "ui/conf/profile.h"

static char	home[64];

/* The options of a made-up command, as the real ones declare them. */
static const struct option opts[] = {
	{ "user",	required_argument,	NULL, 'u' },
	{ "md5",	no_argument,		NULL, 'M' },
	{ "wake",	no_argument,		NULL, 'w' },
	{ "no-wake",	no_argument,		NULL, 'W' },
	{ "log",	required_argument,	NULL, 'L' },
	{ "timestamps",	no_argument,		NULL, 'S' },
	{ "password-file", required_argument,	NULL, 'P' },
	{ NULL, 0, NULL, 0 }
};
static const struct l2c_cmd mt = { .name = "mikrotik", .usage = "",
    .summary = "" };

static int
setup(void **state)
{
	(void)state;
	snprintf(home, sizeof(home), "/tmp/l2c-profile.XXXXXX");
	assert_non_null(mkdtemp(home));
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	return 0;
}

static int
teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void
put_file(const char *rel, const char *text, mode_t mode)
{
	char	path[256], dir[256], *slash;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", home, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = dir + strlen(home) + 1; (slash = strchr(slash, '/'));
	    slash++) {
		*slash = '\0';
		mkdir(dir, 0700);
		*slash = '/';
	}
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void
put_config(const char *text)
{
	put_file(".config/l2console/config", text, 0644);
}

/* INI: what the callback sees, one "section.key=value;" each. */
struct seen {
	char	buf[512];
};

static int
record(void *arg, const char *section, const char *key, const char *val,
    struct l2c_ini_err *err)
{
	struct seen	*s = arg;
	size_t		 n = strlen(s->buf);

	(void)err;
	snprintf(s->buf + n, sizeof(s->buf) - n, "%s.%s=%s;", section, key,
	    val);
	return 0;
}

static int
ini_text(const char *text, struct seen *s, struct l2c_ini_err *err)
{
	FILE	*f;
	int	 rv;

	memset(s, 0, sizeof(*s));
	assert_non_null(f = fmemopen((void *)text, strlen(text), "r"));
	rv = l2c_ini_parse(f, record, s, err);
	fclose(f);
	return rv;
}

static void
test_ini_reads(void **state)
{
	struct l2c_ini_err	err;
	struct seen		s;

	(void)state;
	assert_int_equal(ini_text(
	    "# comment\n"
	    "; also a comment\n"
	    "\n"
	    "top = level\n"
	    "  [ one ]  \n"
	    "key=value\n"
	    "  spaced   =   out there  \n"
	    "quoted = \"  kept  \"\n"
	    "empty =\n"
	    "eq = a=b\n"
	    "[two]\r\n"
	    "crlf = yes\r\n"
	    "last = no newline", &s, &err), 0);
	assert_string_equal(s.buf, ".top=level;one.key=value;"
	    "one.spaced=out there;one.quoted=  kept  ;one.empty=;one.eq=a=b;"
	    "two.crlf=yes;two.last=no newline;");
}

static void
test_ini_errors(void **state)
{
	struct l2c_ini_err	 err;
	struct seen		 s;
	char			 lng[L2C_INI_LINE_MAX + 16];

	(void)state;
	assert_int_equal(ini_text("[a]\nx = 1\n[b\n", &s, &err),
	    L2C_ERR_MALFORMED);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.what, "]"));
	assert_int_equal(ini_text("[a]\n\njust words\n", &s, &err),
	    L2C_ERR_MALFORMED);
	assert_int_equal(err.line, 3);
	assert_int_equal(ini_text("[a]\n = value\n", &s, &err),
	    L2C_ERR_MALFORMED);
	assert_int_equal(err.line, 2);
	assert_int_equal(ini_text("[]\n", &s, &err), L2C_ERR_MALFORMED);
	assert_int_equal(ini_text("[a] trailing\n", &s, &err),
	    L2C_ERR_MALFORMED);
	memset(lng, 'k', sizeof(lng) - 1);
	lng[sizeof(lng) - 1] = '\0';
	lng[0] = '[';
	lng[1] = 'a';
	lng[2] = ']';
	lng[3] = '\n';
	assert_int_equal(ini_text(lng, &s, &err), L2C_ERR_MALFORMED);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.what, "line too long");
}

/* Run expand over "mikrotik ARGS..." as getopt would have left it. */
static int
expand(struct l2c_profile_argv *pa, int nopt, ...)
{
	static char	*argv[16];
	va_list		 ap;
	int		 argc = 0;

	argv[argc++] = (char *)"mikrotik";
	va_start(ap, nopt);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return l2c_profile_expand(&mt, opts, argc, argv, 1 + nopt, pa);
}

static void
argv_is(const struct l2c_profile_argv *pa, const char *want)
{
	char	got[1024] = "";
	int	i;

	assert_non_null(pa->argv);
	assert_null(pa->argv[pa->argc]);
	for (i = 0; i < pa->argc; i++) {
		strcat(got, i ? " " : "");
		strcat(got, pa->argv[i]);
	}
	assert_string_equal(got, want);
}

static void
test_profile_expands(void **state)
{
	struct l2c_profile_argv	pa;
	char			want[512];

	(void)state;
	put_config(
	    "[other]\nmac = 1\n"
	    "[r1]\n"
	    "Protocol = mikrotik\n"
	    "interface = eth3\n"
	    "mac = 00:0c:42:00:00:01\n"
	    "user = bob\n"
	    "timestamps = yes\n"
	    "md5 = no\n"
	    "wake = no\n"
	    "log = ~/r1.log\n"
	    "password_file = /etc/pw\n");
	/* No @: nothing to do. */
	assert_int_equal(expand(&pa, 0, "eth0", "00:0c:42:00:00:01", NULL), 0);
	assert_null(pa.argv);
	assert_int_equal(expand(&pa, 2, "-u", "x", "eth0", NULL), 0);
	assert_null(pa.argv);

	/* The profile's options first, then the command line's. */
	assert_int_equal(expand(&pa, 2, "-u", "carol", "@r1", NULL), 0);
	snprintf(want, sizeof(want), "mikrotik --user=bob --timestamps "
	    "--no-wake --log=%s/r1.log --password-file=/etc/pw -u carol -- "
	    "eth3 00:0c:42:00:00:01", home);
	argv_is(&pa, want);
	assert_non_null(strstr(l2c_opts.profile, "@r1 in "));
	l2c_profile_argv_free(&pa);
	assert_null(l2c_opts.profile);

	/* An interface before @name wins; a trailing "--" is not doubled. */
	assert_int_equal(expand(&pa, 1, "--", "eth9", "@r1", NULL), 0);
	snprintf(want, sizeof(want), "mikrotik --user=bob --timestamps "
	    "--no-wake --log=%s/r1.log --password-file=/etc/pw -- eth9 "
	    "00:0c:42:00:00:01", home);
	argv_is(&pa, want);
	l2c_profile_argv_free(&pa);
}

static void
test_profile_pcap(void **state)
{
	struct l2c_profile_argv	pa;

	(void)state;
	put_config("[p]\ninterface = e\nmac = m\npcap = ~/p.pcap\n");
	l2c_opts.pcap = NULL;
	assert_int_equal(expand(&pa, 0, "@p", NULL), 0);
	assert_non_null(l2c_opts.pcap);
	assert_non_null(strstr(l2c_opts.pcap, "/p.pcap"));
	assert_memory_equal(l2c_opts.pcap, home, strlen(home));
	l2c_profile_argv_free(&pa);
	assert_null(l2c_opts.pcap);
	/* --pcap on the command line wins and survives the free. */
	l2c_opts.pcap = "cli.pcap";
	assert_int_equal(expand(&pa, 0, "@p", NULL), 0);
	assert_string_equal(l2c_opts.pcap, "cli.pcap");
	l2c_profile_argv_free(&pa);
	assert_string_equal(l2c_opts.pcap, "cli.pcap");
	l2c_opts.pcap = NULL;
}

static void
test_profile_refuses(void **state)
{
	struct l2c_profile_argv	pa;

	(void)state;
	/* No config file at all. */
	assert_int_equal(expand(&pa, 0, "@r1", NULL), L2C_EX_NOINPUT);
	assert_null(pa.argv);
	put_config(
	    "[mop1]\nprotocol = mop\nmac = 1\nverification = x\n"
	    "[noif]\nmac = 1\n"
	    "[nomac]\ninterface = eth0\n"
	    "[unknown]\ninterface = e\nmac = m\ncolour = red\n"
	    "[pw]\ninterface = e\nmac = m\npassword = hunter2\n"
	    "[proto]\nprotocol = ssh\n"
	    "[bool]\ninterface = e\nmac = m\nmd5 = perhaps\n");
	assert_int_equal(expand(&pa, 0, "@nope", NULL), L2C_EX_USAGE);
	assert_int_equal(expand(&pa, 0, "@", NULL), L2C_EX_USAGE);
	/* The protocol is checked before keys that only mop has. */
	assert_int_equal(expand(&pa, 0, "@mop1", NULL), L2C_EX_USAGE);
	assert_int_equal(expand(&pa, 0, "@noif", NULL), L2C_EX_USAGE);
	assert_int_equal(expand(&pa, 0, "eth0", "@noif", NULL), 0);
	l2c_profile_argv_free(&pa);
	assert_int_equal(expand(&pa, 0, "@nomac", NULL), L2C_EX_DATAERR);
	assert_int_equal(expand(&pa, 0, "@unknown", NULL), L2C_EX_DATAERR);
	assert_int_equal(expand(&pa, 0, "@pw", NULL), L2C_EX_DATAERR);
	assert_int_equal(expand(&pa, 0, "@proto", NULL), L2C_EX_DATAERR);
	assert_int_equal(expand(&pa, 0, "@bool", NULL), L2C_EX_DATAERR);
	assert_null(pa.argv);
	assert_null(l2c_opts.profile);
	/* A broken line anywhere spoils the file. */
	put_config("[a]\ninterface = e\nmac = m\n[b\n");
	assert_int_equal(expand(&pa, 0, "@a", NULL), L2C_EX_DATAERR);
	put_config("key = before any section\n[a]\nmac = m\n");
	assert_int_equal(expand(&pa, 0, "e", "@a", NULL), L2C_EX_DATAERR);
}

static void
test_profile_xdg(void **state)
{
	struct l2c_profile_argv	pa;
	char			dir[128];

	(void)state;
	put_file("xdg/l2console/config", "[x]\ninterface = e\nmac = m\n",
	    0600);
	snprintf(dir, sizeof(dir), "%s/xdg", home);
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(expand(&pa, 0, "@x", NULL), 0);
	argv_is(&pa, "mikrotik -- e m");
	l2c_profile_argv_free(&pa);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(expand(&pa, 0, "@x", NULL), L2C_EX_NOINPUT);
}

static const char autologin[] =
    "# the reference client's format\n"
    "[00:0C:42:AA:BB:01]\n"
    "user = one\n"
    "password = pw-one\n"
    "[edge-gw]\n"
    "user=two\n"
    "[default]\n"
    "user = dflt\n"
    "password = pw-dflt\n"
    "unknown = ignored\n";

static void
test_autologin(void **state)
{
	struct l2c_autologin	a;

	(void)state;
	/* No ~/.mactelnet: nothing, quietly. */
	assert_int_equal(l2c_autologin_read(NULL, "x", &a), 0);
	assert_false(a.have_user || a.have_password);
	put_file(".mactelnet", autologin, 0600);
	/* A MAC in another spelling finds its section. */
	assert_int_equal(l2c_autologin_read(NULL, "000c.42aa.bb01", &a), 0);
	assert_true(a.have_user && a.have_password);
	assert_string_equal(a.user, "one");
	assert_string_equal(a.password, "pw-one");
	/* A section is taken whole: no password from [default]. */
	assert_int_equal(l2c_autologin_read(NULL, "EDGE-GW", &a), 0);
	assert_string_equal(a.user, "two");
	assert_false(a.have_password);
	/* Anything else: [default]. */
	assert_int_equal(l2c_autologin_read(NULL, "elsewhere", &a), 0);
	assert_string_equal(a.user, "dflt");
	assert_string_equal(a.password, "pw-dflt");
	/* Others may read it: the user still, the password not. */
	put_file(".mactelnet", autologin, 0644);
	assert_int_equal(l2c_autologin_read(NULL, "elsewhere", &a), 0);
	assert_string_equal(a.user, "dflt");
	assert_false(a.have_password);
	assert_string_equal(a.password, "");
	/* A file named with -a must exist; a broken one is refused. */
	assert_int_equal(l2c_autologin_read("/nonexistent/al", "x", &a),
	    L2C_EX_NOINPUT);
	put_file("broken", "[a]\nuser admin\n", 0600);
	assert_int_equal(l2c_autologin_read(NULL, "x", &a), 0);
	{
		char	p[128];

		snprintf(p, sizeof(p), "%s/broken", home);
		assert_int_equal(l2c_autologin_read(p, "a", &a),
		    L2C_EX_DATAERR);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ini_reads),
		cmocka_unit_test(test_ini_errors),
		cmocka_unit_test_setup_teardown(test_profile_expands, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_profile_pcap, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_profile_refuses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_profile_xdg, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_autologin, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
