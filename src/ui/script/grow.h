/* SPDX-License-Identifier: ISC */
/*
 * A heap buffer that doubles until it holds what is asked: the
 * scripted console's typed queue, its command output and expect()'s
 * text grow alike.
 */
#ifndef L2C_UI_SCRIPT_GROW_H
#define L2C_UI_SCRIPT_GROW_H

#include <stddef.h>

/*
 * bufp: the address of a char or uint8_t pointer to a buffer of *cap
 * bytes (NULL and 0 at first).  Room for need bytes, from first bytes
 * doubled: 0, or L2C_ERR_NOMEM with the buffer as it was.
 */
int	l2c_grow(void *bufp, size_t *cap, size_t need, size_t first);

#endif
