/* SPDX-License-Identifier: ISC */
/* The bounds-checked reader and writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"

static void
test_get_ints(void **state)
{
	static const uint8_t	 b[] = { 0x01, 0x02, 0x03, 0x04, 0x05,
				    0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
				    0x0d };
	struct l2c_rbuf		 r;
	uint8_t			 u8;
	uint16_t		 u16;
	uint32_t		 u32;

	(void)state;
	l2c_rbuf_init(&r, b, sizeof(b));
	assert_int_equal(l2c_get_u8(&r, &u8), 0);
	assert_int_equal(u8, 0x01);
	assert_int_equal(l2c_get_be16(&r, &u16), 0);
	assert_int_equal(u16, 0x0203);
	assert_int_equal(l2c_get_le16(&r, &u16), 0);
	assert_int_equal(u16, 0x0504);
	assert_int_equal(l2c_get_be32(&r, &u32), 0);
	assert_int_equal(u32, 0x06070809);
	assert_int_equal(l2c_get_le32(&r, &u32), 0);
	assert_int_equal(u32, 0x0d0c0b0a);
	assert_int_equal(l2c_rbuf_left(&r), 0);
	assert_int_equal(l2c_rbuf_end(&r), 0);
}

static void
test_get_past_end(void **state)
{
	static const uint8_t	 b[] = { 0xaa, 0xbb, 0xcc };
	struct l2c_rbuf		 r;
	uint32_t		 u32 = 0x12345678;
	uint16_t		 u16;
	uint8_t			 out[4] = { 0 };

	(void)state;
	l2c_rbuf_init(&r, b, sizeof(b));
	assert_int_equal(l2c_get_be32(&r, &u32), L2C_ERR_TRUNC);
	assert_int_equal(u32, 0x12345678);	/* untouched */
	assert_int_equal(l2c_rbuf_left(&r), 3);	/* position unchanged */
	assert_int_equal(l2c_get_bytes(&r, out, 4), L2C_ERR_TRUNC);
	assert_int_equal(l2c_get_skip(&r, SIZE_MAX), L2C_ERR_TRUNC);
	assert_int_equal(l2c_get_be16(&r, &u16), 0);
	assert_int_equal(l2c_rbuf_end(&r), L2C_ERR_TRAILING);
	assert_int_equal(l2c_get_le16(&r, &u16), L2C_ERR_TRUNC);
}

static void
test_counted_string(void **state)
{
	static const uint8_t	 ok[] = { 3, 'a', 'b', 'c', 9 };
	static const uint8_t	 bad[] = { 5, 'a', 'b' };
	struct l2c_rbuf		 r, sub;
	char			 s[8], tiny[3];

	(void)state;
	l2c_rbuf_init(&r, ok, sizeof(ok));
	assert_int_equal(l2c_get_cstr(&r, s, sizeof(s)), 0);
	assert_string_equal(s, "abc");
	assert_int_equal(l2c_rbuf_left(&r), 1);
	l2c_rbuf_init(&r, ok, sizeof(ok));
	assert_int_equal(l2c_get_cstr(&r, tiny, sizeof(tiny)), L2C_ERR_NOSPACE);
	assert_int_equal(l2c_rbuf_left(&r), sizeof(ok));
	l2c_rbuf_init(&r, bad, sizeof(bad));
	assert_int_equal(l2c_get_cstr(&r, s, sizeof(s)), L2C_ERR_TRUNC);
	assert_int_equal(l2c_rbuf_left(&r), sizeof(bad));
	l2c_rbuf_init(&r, ok, sizeof(ok));
	assert_int_equal(l2c_get_sub(&r, &sub, 2), 0);
	assert_int_equal(l2c_rbuf_left(&sub), 2);
	assert_int_equal(l2c_get_skip(&sub, 3), L2C_ERR_TRUNC);
	assert_int_equal(l2c_get_sub(&r, &sub, 4), L2C_ERR_TRUNC);
}

static void
test_writer(void **state)
{
	static const uint8_t	 want[] = { 0x11, 0x22, 0x33, 0x44, 0x33,
				    0x00, 0x00, 0x00, 0x01, 0x04, 0x03, 0x02,
				    0x01, 2, 'h', 'i' };
	uint8_t			 b[16];
	struct l2c_wbuf		 w;
	size_t			 at;

	(void)state;
	memset(b, 0xee, sizeof(b));
	l2c_wbuf_init(&w, b, sizeof(b));
	assert_int_equal(l2c_put_u8(&w, 0x11), 0);
	assert_int_equal(l2c_put_reserve(&w, 2, &at), 0);
	assert_int_equal(l2c_put_le16(&w, 0x3344), 0);
	assert_int_equal(l2c_put_be32(&w, 1), 0);
	assert_int_equal(l2c_put_le32(&w, 0x01020304), 0);
	assert_int_equal(l2c_put_cstr(&w, "hi"), 0);
	assert_int_equal(l2c_set_be16(&w, at, 0x2233), 0);
	assert_int_equal(w.len, sizeof(want));
	assert_memory_equal(b, want, sizeof(want));
	assert_int_equal(l2c_put_u8(&w, 0), L2C_ERR_NOSPACE);
	assert_int_equal(l2c_set_be16(&w, 15, 0), L2C_ERR_NOSPACE);
	assert_int_equal(w.len, sizeof(want));
}

static void
test_writer_full(void **state)
{
	uint8_t		b[3];
	struct l2c_wbuf	w;

	(void)state;
	l2c_wbuf_init(&w, b, sizeof(b));
	assert_int_equal(l2c_put_be32(&w, 1), L2C_ERR_NOSPACE);
	assert_int_equal(w.len, 0);
	assert_int_equal(l2c_put_bytes(&w, "abcd", 4), L2C_ERR_NOSPACE);
	assert_int_equal(l2c_put_cstr(&w, "abc"), L2C_ERR_NOSPACE);
	assert_int_equal(l2c_put_zero(&w, 3), 0);
	assert_int_equal(l2c_wbuf_room(&w), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_ints),
		cmocka_unit_test(test_get_past_end),
		cmocka_unit_test(test_counted_string),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_writer_full),
	};

	return cmocka_run_group_tests_name("core/buf", tests, NULL, NULL);
}
