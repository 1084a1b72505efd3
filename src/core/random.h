/* SPDX-License-Identifier: ISC */
/*
 * Randomness from the kernel, in the two strengths l2console needs:
 * key material that must wait for the entropy pool, and cookies that
 * only have to differ between runs and must never block.
 */
#ifndef L2C_RANDOM_H
#define L2C_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* len bytes for keys, salts and session ids: 0 or L2C_ERR_SYS. */
int		l2c_random(void *, size_t);
/* A cookie to tell our own frames apart; the clock if the pool is not up. */
uint64_t	l2c_random_cookie(void);

#endif
