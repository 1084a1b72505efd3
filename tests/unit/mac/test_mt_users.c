/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's users file: both line forms (upstream's
 * verifier line included), malformed lines with their line numbers, the
 * permission check that refuses a file others may write, and
 * --add-user's atomic add/replace.
 */
#include <sys/stat.h>

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
#include "mac/ecsrp.h"
#include "mac/mt_users.h"
#include "../lib/capture.h"

/* The deterministic vector's user: admin / test123 with this salt. */
#define V_SALT	"8ad403136828d4571e3c5dee6e5ec04a"
#define V_I	"09b8301bd5489abe3177143dde4e64c477b2c01103d49c0d37ca82c2e1ce9a94"

static char	dir[64];

static int
mkdir_setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/l2c-users.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
rm_teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

/* V = x.G for user/password/salt: what a verifier line holds. */
static void
vpoint(const char *user, const char *pw, const uint8_t *salt, uint8_t v[33])
{
	struct ecsrp	*e;
	uint8_t		 x[32];

	assert_int_equal(ecsrp_new(&e), 0);
	assert_int_equal(ecsrp_verifier(user, pw, salt, x), 0);
	assert_int_equal(ecsrp_pubkey(e, x, v), 0);
	ecsrp_free(e);
}

static void
test_parse_both_forms(void **state)
{
	/* Upstream writes the hex in upper case; both cases must do. */
	static const char text[] =
	    "# users\n"
	    "\n"
	    "admin:test123\n"
	    "vec:09B8301BD5489ABE3177143DDE4E64C477B2C01103D49C0D37CA82C2E1CE9A94:"
	    "8AD403136828D4571E3C5DEE6E5EC04A\r\n"
	    "colon:pa:ss\n"
	    "new:ecsrp5-v:8ad403136828d4571e3c5dee6e5ec04a:"
	    "5680aabce7c49ab1dd08421180b1ca81db254dd1f918f03b56afcb01841bd7a400\n"
	    "old:md5-plain:pw:x\n"
	    "last:nonewline";
	struct mt_users		*us;
	const struct mt_user	*u;
	uint8_t			 v[33], salt[16];
	char			 why[256];

	(void)state;
	assert_int_equal(mt_users_parse(text, strlen(text), &us, why,
	    sizeof(why)), 0);
	assert_int_equal(us->n, 6);
	assert_int_equal(us->nkind[MT_USER_PLAIN], 3);
	assert_int_equal(us->nkind[MT_USER_LEGACY], 1);
	assert_int_equal(us->nkind[MT_USER_VERIFIER], 1);
	assert_int_equal(us->nkind[MT_USER_MD5], 1);
	assert_non_null(u = mt_users_find(us, "admin", 5));
	assert_int_equal(u->kind, MT_USER_PLAIN);
	assert_string_equal(u->password, "test123");
	/* Upstream's x line: held as V = x.G from here on, x gone. */
	thex(V_SALT, salt, sizeof(salt));
	vpoint("admin", "test123", salt, v);
	assert_non_null(u = mt_users_find(us, "vec", 3));
	assert_int_equal(u->kind, MT_USER_LEGACY);
	assert_null(u->password);
	assert_memory_equal(u->v, v, 33);
	assert_memory_equal(u->salt, salt, 16);
	/* The new line: the same V, read as it is. */
	assert_non_null(u = mt_users_find(us, "new", 3));
	assert_int_equal(u->kind, MT_USER_VERIFIER);
	assert_null(u->password);
	assert_memory_equal(u->v, v, 33);
	assert_memory_equal(u->salt, salt, 16);
	assert_non_null(u = mt_users_find(us, "old", 3));
	assert_int_equal(u->kind, MT_USER_MD5);
	assert_string_equal(u->password, "pw:x");
	/* Not two hex fields: a plain password that holds a colon. */
	assert_non_null(u = mt_users_find(us, "colon", 5));
	assert_int_equal(u->kind, MT_USER_PLAIN);
	assert_string_equal(u->password, "pa:ss");
	assert_non_null(u = mt_users_find(us, "last", 4));
	assert_string_equal(u->password, "nonewline");
	assert_null(mt_users_find(us, "adm", 3));
	assert_null(mt_users_find(us, "nobody", 6));
	mt_users_free(us);
}

static void
test_malformed(void **state)
{
	static const struct {
		const char	*text;
		const char	*why;
	} bad[] = {
		{ "a:b\nnocolon\n", "users:2: no ':'" },
		{ ":pw\n", "users:1: user name empty" },
		{ "a+b:pw\n", "users:1: user name holds" },
		{ "a:1\nb:2\na:3\n", "users:3: user \"a\" is listed twice" },
		{ "a:ecsrp5-v:00:00\n", "users:1: an ecsrp5-v line is" },
		{ "a:ecsrp5-v:8ad403136828d4571e3c5dee6e5ec04a:"
		    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00\n",
		    "users:1: the ecsrp5-v line's V is not a point" },
		{ "a:ecsrp5-v:8ad403136828d4571e3c5dee6e5ec04a:"
		    "5680aabce7c49ab1dd08421180b1ca81db254dd1f918f03b56afcb01841bd7a402\n",
		    "users:1: an ecsrp5-v line is" },
	};
	struct mt_users	*us;
	char		 why[256];
	size_t		 k;

	(void)state;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		why[0] = '\0';
		assert_int_equal(mt_users_parse(bad[k].text,
		    strlen(bad[k].text), &us, why, sizeof(why)),
		    L2C_ERR_MALFORMED);
		assert_null(us);
		if (strncmp(why, bad[k].why, strlen(bad[k].why)) != 0)
			fail_msg("\"%s\": got \"%s\"", bad[k].text, why);
	}
}

/* The verifier line --add-user writes is what the server computes. */
static void
test_line_roundtrip(void **state)
{
	struct mt_users		*us;
	const struct mt_user	*u;
	uint8_t			 v[33], x[32];
	char			 line[256], why[128], hx[65];
	size_t			 k;

	(void)state;
	assert_int_equal(mt_users_line("bob", "s3cret", line, sizeof(line)),
	    0);
	assert_int_equal(strlen(line), 3 + 1 + 8 + 1 + 32 + 1 + 66 + 1);
	assert_true(strncmp(line, "bob:ecsrp5-v:", 13) == 0);
	assert_null(strstr(line, "s3cret"));
	assert_int_equal(mt_users_parse(line, strlen(line), &us, why,
	    sizeof(why)), 0);
	assert_non_null(u = mt_users_find(us, "bob", 3));
	assert_int_equal(u->kind, MT_USER_VERIFIER);
	vpoint("bob", "s3cret", u->salt, v);
	assert_memory_equal(v, u->v, 33);
	/* The client's secret x is nowhere in the line. */
	assert_int_equal(ecsrp_verifier("bob", "s3cret", u->salt, x), 0);
	for (k = 0; k < 32; k++)
		snprintf(hx + 2 * k, 3, "%02x", x[k]);
	assert_null(strstr(line, hx));
	mt_users_free(us);
	assert_int_equal(mt_users_line("a:b", "x", line, sizeof(line)),
	    L2C_ERR_INVAL);
}

/*
 * Readable by its group or others: refused (what it holds logs in), as
 * sshd's StrictModes does; --add-user (mt_users_set) fixes the mode.
 */
static void
test_perm_readable(void **state)
{
	char		path[128], why[256];
	struct stat	st;
	int		replaced;

	(void)state;
	snprintf(path, sizeof(path), "%s/users", dir);
	write_file(path, "admin:test123\n", 0640);
	assert_int_equal(mt_users_check(path, why, sizeof(why)), L2C_ERR_PERM);
	assert_non_null(strstr(why, "readable by its group"));
	write_file(path, "admin:test123\n", 0604);
	assert_int_equal(mt_users_check(path, why, sizeof(why)), L2C_ERR_PERM);
	assert_non_null(strstr(why, "readable by others"));
	assert_non_null(strstr(why, "chmod 600"));
	write_file(path, "admin:test123\n", 0644);
	assert_int_equal(mt_users_set(path, "bob", "pw", 0, &replaced, why,
	    sizeof(why)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(mt_users_check(path, why, sizeof(why)), 0);
}

static void
test_perm_group_writable(void **state)
{
	char	path[128], why[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/users", dir);
	write_file(path, "admin:test123\n", 0620);
	assert_int_equal(mt_users_check(path, why, sizeof(why)), L2C_ERR_PERM);
	assert_non_null(strstr(why, "writable by its group"));
	assert_non_null(strstr(why, "chmod 600"));
	write_file(path, "admin:test123\n", 0602);
	assert_int_equal(mt_users_check(path, why, sizeof(why)), L2C_ERR_PERM);
	assert_non_null(strstr(why, "writable by others"));
	/* Loading goes through the same check. */
	write_file(path, "admin:test123\n", 0660);
	{
		struct mt_users *us;

		assert_int_equal(mt_users_load(path, &us, why, sizeof(why)),
		    L2C_ERR_PERM);
		assert_null(us);
	}
	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_int_equal(mt_users_check(path, why, sizeof(why)),
	    L2C_ERR_NOTFOUND);
}

static void
test_perm_owner(void **state)
{
	struct mt_users	*us;
	char		 path[128], why[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/users", dir);
	write_file(path, "admin:test123\n", 0600);
	if (geteuid() == 0) {
		assert_int_equal(mt_users_load(path, &us, why, sizeof(why)), 0);
		assert_int_equal(us->n, 1);
		mt_users_free(us);
		assert_int_equal(chown(path, 65534, 0), 0);
	}
	assert_int_equal(mt_users_check(path, why, sizeof(why)), L2C_ERR_PERM);
	assert_non_null(strstr(why, "not root"));
}

static void
test_set(void **state)
{
	struct mt_users		*us;
	const struct mt_user	*u;
	struct stat		 st;
	uint8_t			 v[33], old_v[33];
	char			 path[128], why[256], text[512];
	FILE			*f;
	size_t			 n;
	int			 replaced;

	(void)state;
	if (geteuid() != 0)
		skip();	/* the files must be owned by root */
	snprintf(path, sizeof(path), "%s/sub/users", dir);
	/* Absent: created 0600, its directory too. */
	assert_int_equal(mt_users_set(path, "admin", "pw1", 0, &replaced, why,
	    sizeof(why)), 0);
	assert_false(replaced);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* Others' lines and comments stay; the user's line is replaced. */
	write_file(path, "# keep me\nother:plain\n", 0600);
	assert_int_equal(mt_users_set(path, "admin", "pw1", 0, &replaced, why,
	    sizeof(why)), 0);
	assert_false(replaced);
	assert_int_equal(mt_users_load(path, &us, why, sizeof(why)), 0);
	assert_non_null(u = mt_users_find(us, "admin", 5));
	memcpy(old_v, u->v, 33);
	mt_users_free(us);
	assert_int_equal(mt_users_set(path, "admin", "pw2", 0, &replaced, why,
	    sizeof(why)), 0);
	assert_true(replaced);
	assert_int_equal(mt_users_load(path, &us, why, sizeof(why)), 0);
	assert_int_equal(us->n, 2);
	assert_non_null(u = mt_users_find(us, "admin", 5));
	vpoint("admin", "pw2", u->salt, v);
	assert_memory_equal(v, u->v, 33);
	assert_memory_not_equal(old_v, u->v, 33);
	assert_non_null(u = mt_users_find(us, "other", 5));
	assert_string_equal(u->password, "plain");
	mt_users_free(us);
	assert_non_null(f = fopen(path, "r"));
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_true(strncmp(text, "# keep me\nother:plain\nadmin:", 28) == 0);
	assert_null(strstr(text, "pw2"));
	/* An unsafe file is refused, not rewritten. */
	assert_int_equal(chmod(path, 0620), 0);
	assert_int_equal(mt_users_set(path, "x", "y", 0, &replaced, why,
	    sizeof(why)), L2C_ERR_PERM);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0620);
	assert_int_equal(mt_users_set(path, "bad:name", "y", 0, &replaced, why,
	    sizeof(why)), L2C_ERR_INVAL);
}

/* A changed file is read again before the next login. */
/* --add-user --md5: a marked plain-text line, the verifier line gone. */
static void
test_set_md5(void **state)
{
	struct mt_users		*us;
	const struct mt_user	*u;
	char			 path[128], why[256];
	int			 replaced;

	(void)state;
	if (geteuid() != 0)
		skip();	/* the files must be owned by root */
	snprintf(path, sizeof(path), "%s/users", dir);
	assert_int_equal(mt_users_set(path, "m", "pw", 0, &replaced, why,
	    sizeof(why)), 0);
	assert_int_equal(mt_users_set(path, "m", "p:w", 1, &replaced, why,
	    sizeof(why)), 0);
	assert_true(replaced);
	assert_int_equal(mt_users_load(path, &us, why, sizeof(why)), 0);
	assert_int_equal(us->n, 1);
	assert_non_null(u = mt_users_find(us, "m", 1));
	assert_int_equal(u->kind, MT_USER_MD5);
	assert_string_equal(u->password, "p:w");
	mt_users_free(us);
	/* A password that would split the line is refused. */
	assert_int_equal(mt_users_set(path, "m", "a\nb", 1, &replaced, why,
	    sizeof(why)), L2C_ERR_INVAL);
}

static void
test_refresh(void **state)
{
	struct mt_users	*us;
	char		 path[128], why[256];

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(path, sizeof(path), "%s/users", dir);
	write_file(path, "a:1\n", 0600);
	assert_int_equal(mt_users_load(path, &us, why, sizeof(why)), 0);
	assert_int_equal(mt_users_refresh(us), 0);
	write_file(path, "a:1\nb:2\n", 0600);
	assert_int_equal(mt_users_refresh(us), 1);
	assert_int_equal(us->n, 2);
	/* Made unsafe: the users read before stay. */
	write_file(path, "c:3\n", 0666);
	assert_int_equal(mt_users_refresh(us), 0);
	assert_int_equal(us->n, 2);
	assert_non_null(mt_users_find(us, "b", 1));
	mt_users_free(us);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_both_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_line_roundtrip),
		cmocka_unit_test_setup_teardown(test_perm_group_writable,
		    mkdir_setup, rm_teardown),
		cmocka_unit_test_setup_teardown(test_perm_readable,
		    mkdir_setup, rm_teardown),
		cmocka_unit_test_setup_teardown(test_perm_owner,
		    mkdir_setup, rm_teardown),
		cmocka_unit_test_setup_teardown(test_set, mkdir_setup,
		    rm_teardown),
		cmocka_unit_test_setup_teardown(test_set_md5, mkdir_setup,
		    rm_teardown),
		cmocka_unit_test_setup_teardown(test_refresh, mkdir_setup,
		    rm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
