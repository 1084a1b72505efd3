/* SPDX-License-Identifier: ISC */
/* The known devices file: parse, note (never down), format, save. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui/conf/known.h"

static const uint8_t M1[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x01 };
static const uint8_t M2[6] = { 0xe4, 0x8d, 0x8c, 0x11, 0x22, 0x33 };
static const uint8_t M3[6] = { 0x02, 0x4c, 0x32, 0x43, 0x00, 0x09 };

static void
test_parse(void **state)
{
	static const char text[] =
	    "# comment\n"
	    "\n"
	    "02:4c:32:43:00:01 ecsrp5 core\\x20router\n"
	    "E4-8D-8C-11-22-33 md5 -\r\n"
	    "02:4c:32:43:00:09 sha1 x\n"	/* no such login */
	    "02:4c:32:43:00:09 md5\n"		/* two fields */
	    "02:4c:32:43:00:09 md5 a\\x0\n"	/* a cut escape */
	    "nonsense md5 x\n"
	    "02:4c:32:43:00:01 ecsrp5 Core\n";	/* again: the later wins */
	struct l2c_known		 k;
	const struct l2c_known_dev	*d;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.fd = -1;
	assert_int_equal(l2c_known_parse(&k, text, sizeof(text) - 1), 0);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.bad, 4);
	assert_int_equal(k.first_bad, 5);
	assert_non_null(d = l2c_known_find(&k, M1));
	assert_int_equal(d->login, L2C_KNOWN_ECSRP5);
	assert_string_equal(d->identity, "Core");
	assert_non_null(d = l2c_known_find(&k, M2));
	assert_int_equal(d->login, L2C_KNOWN_MD5);
	assert_string_equal(d->identity, "");
	assert_null(l2c_known_find(&k, M3));
	assert_ptr_equal(l2c_known_by_identity(&k, "CORE"),
	    l2c_known_find(&k, M1));
	assert_null(l2c_known_by_identity(&k, ""));
	assert_null(l2c_known_by_identity(&k, "edge"));
	l2c_known_close(&k);
}

/* Login up only; identity replaced when given; the changed flag. */
static void
test_note(void **state)
{
	struct l2c_known		 k;
	const struct l2c_known_dev	*d;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.fd = -1;
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_MD5, NULL), 1);
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_MD5, NULL), 0);
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_ECSRP5, "r1"), 1);
	/* An MD5 login allowed once does not move the record down. */
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_MD5, NULL), 0);
	assert_non_null(d = l2c_known_find(&k, M1));
	assert_int_equal(d->login, L2C_KNOWN_ECSRP5);
	assert_string_equal(d->identity, "r1");
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_MD5, "r2"), 1);
	assert_int_equal(d->login, L2C_KNOWN_ECSRP5);
	assert_string_equal(d->identity, "r2");
	assert_int_equal(l2c_known_note(&k, M2, L2C_KNOWN_NONE, "x"), 0);
	assert_int_equal(k.n, 1);
	l2c_known_close(&k);
}

/* Whatever an identity holds comes back from its line the same. */
static void
test_format_round_trip(void **state)
{
	static const char *const ids[] = {
		"a b\\c", "-", "\x1b[2J", "caf\xc3\xa9", "\xe2\x80\xae\x65vil",
		"plain",
	};
	struct l2c_known	 k, back;
	char			*text;
	size_t			 len, i;
	uint8_t			 mac[6];

	(void)state;
	memset(&k, 0, sizeof(k));
	memset(&back, 0, sizeof(back));
	k.fd = back.fd = -1;
	memcpy(mac, M1, 6);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		mac[5] = (uint8_t)i;
		assert_int_equal(l2c_known_note(&k, mac, i % 2 ?
		    L2C_KNOWN_MD5 : L2C_KNOWN_ECSRP5, ids[i]), 1);
	}
	assert_int_equal(l2c_known_format(&k, &text, &len), 0);
	/* One line a device, nothing a terminal would act on. */
	for (i = 0; i < len; i++)
		assert_true(text[i] == '\n' || (text[i] >= 0x20 &&
		    text[i] < 0x7f));
	assert_non_null(strstr(text, "02:4c:32:43:00:01 md5 \\x2d\n"));
	assert_int_equal(l2c_known_parse(&back, text, len), 0);
	assert_int_equal(back.bad, 0);
	assert_int_equal(back.n, k.n);
	for (i = 0; i < k.n; i++) {
		assert_memory_equal(back.d[i].mac, k.d[i].mac, 6);
		assert_int_equal(back.d[i].login, k.d[i].login);
		assert_string_equal(back.d[i].identity, ids[i]);
	}
	free(text);
	l2c_known_close(&k);
	l2c_known_close(&back);
}

/* The longest identity, every byte escaped: still one line that reads. */
static void
test_long_identity(void **state)
{
	struct l2c_known	 k, back;
	char			 id[L2C_KNOWN_IDENT_MAX + 1], *text;
	size_t			 len;

	(void)state;
	memset(&k, 0, sizeof(k));
	memset(&back, 0, sizeof(back));
	k.fd = back.fd = -1;
	memset(id, 0xff, L2C_KNOWN_IDENT_MAX);
	id[L2C_KNOWN_IDENT_MAX] = '\0';
	assert_int_equal(l2c_known_note(&k, M1, L2C_KNOWN_MD5, id), 1);
	assert_int_equal(l2c_known_format(&k, &text, &len), 0);
	assert_int_equal(l2c_known_parse(&back, text, len), 0);
	assert_int_equal(back.bad, 0);
	assert_int_equal(back.n, 1);
	assert_string_equal(back.d[0].identity, id);
	free(text);
	l2c_known_close(&k);
	l2c_known_close(&back);
}

/* The file: made 0600 in a 0700 directory, saved, read again. */
static void
test_save(void **state)
{
	char				 dir[] = "/tmp/l2c-known-XXXXXX", path[400];
	char				 sub[64], buf[512];
	struct l2c_known		 k;
	const struct l2c_known_dev	*d;
	struct stat			 st;
	FILE				*f;
	size_t				 n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/state", dir);
	snprintf(path, sizeof(path), "%s/l2console/known_devices", sub);
	l2c_known_open(&k, path);
	assert_true(k.fd >= 0);
	assert_int_equal(k.n, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(buf, sizeof(buf), "%s/l2console", sub);
	assert_int_equal(stat(buf, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(l2c_known_save(&k, M1, L2C_KNOWN_ECSRP5, "r 1"), 0);
	assert_int_equal(l2c_known_save(&k, M2, L2C_KNOWN_MD5, NULL), 0);
	assert_int_equal(l2c_known_save(&k, M1, L2C_KNOWN_MD5, NULL), 0);
	l2c_known_close(&k);
	assert_non_null(f = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "02:4c:32:43:00:01 ecsrp5 r\\x201\n"
	    "e4:8d:8c:11:22:33 md5 -\n"));
	l2c_known_open(&k, path);
	assert_int_equal(k.n, 2);
	assert_non_null(d = l2c_known_find(&k, M1));
	assert_int_equal(d->login, L2C_KNOWN_ECSRP5);
	l2c_known_close(&k);
	/* A file others may write is not trusted, nor written. */
	assert_int_equal(chmod(path, 0620), 0);
	l2c_known_open(&k, path);
	assert_int_equal(k.fd, -1);
	assert_int_equal(k.n, 0);
	assert_int_equal(l2c_known_save(&k, M3, L2C_KNOWN_ECSRP5, NULL), 0);
	l2c_known_close(&k);
	unlink(path);
	snprintf(buf, sizeof(buf), "%s/l2console", sub);
	rmdir(buf);
	rmdir(sub);
	rmdir(dir);
}

/* --known-devices, then the environment, then XDG_STATE_HOME, HOME. */
static void
test_path(void **state)
{
	char	buf[256];

	(void)state;
	unsetenv("SUDO_UID");
	setenv(L2C_KNOWN_ENV, "/e/kd", 1);
	assert_int_equal(l2c_known_path("/o/kd", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/o/kd");
	assert_int_equal(l2c_known_path(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/e/kd");
	unsetenv(L2C_KNOWN_ENV);
	setenv("XDG_STATE_HOME", "/x", 1);
	assert_int_equal(l2c_known_path(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/x/l2console/known_devices");
	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", "/h", 1);
	assert_int_equal(l2c_known_path(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/h/.local/state/l2console/known_devices");
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	assert_int_not_equal(l2c_known_path(NULL, buf, sizeof(buf)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_long_identity),
		cmocka_unit_test(test_save),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
