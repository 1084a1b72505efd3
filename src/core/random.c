/* SPDX-License-Identifier: ISC */
/* getrandom(2), looped and with a fallback (random.h). */
#include <sys/random.h>

#include <errno.h>
#include <stdint.h>

#include "core/err.h"
#include "core/loop.h"
#include "core/random.h"

int
l2c_random(void *p, size_t len)
{
	uint8_t	*b = p;
	size_t	 got = 0;
	ssize_t	 n;

	while (got < len) {
		if ((n = getrandom(b + got, len - got, 0)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return L2C_ERR_SYS;
		}
		got += (size_t)n;
	}
	return 0;
}

uint64_t
l2c_random_cookie(void)
{
	uint64_t	c;

	if (getrandom(&c, sizeof(c), GRND_NONBLOCK) != (ssize_t)sizeof(c))
		c = l2c_now_us() ^ (uint64_t)(uintptr_t)&c;
	return c;
}
