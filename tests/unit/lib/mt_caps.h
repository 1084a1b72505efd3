/* SPDX-License-Identifier: ISC */
/* Test helper: the names of the MAC-Telnet captures under tests/data. */
#ifndef L2C_TEST_MT_CAPS_H
#define L2C_TEST_MT_CAPS_H

#include <stddef.h>

/* Every one, for the tests that try each of their frames. */
extern const char *const	mt_captures[];
extern const size_t		mt_ncaptures;

#endif
