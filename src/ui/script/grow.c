/* SPDX-License-Identifier: ISC */
/* A buffer that doubles (grow.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "ui/script/grow.h"

int
l2c_grow(void *bufp, size_t *cap, size_t need, size_t first)
{
	void	*p, *q;
	size_t	 c = *cap ? *cap : first;

	if (need <= *cap)
		return 0;
	while (c < need) {
		if (c > SIZE_MAX / 2)		/* doubling would wrap */
			return L2C_ERR_NOMEM;
		c *= 2;
	}
	/* Character pointers share void *'s representation. */
	memcpy(&p, bufp, sizeof(p));
	if ((q = realloc(p, c)) == NULL)
		return L2C_ERR_NOMEM;
	memcpy(bufp, &q, sizeof(q));
	*cap = c;
	return 0;
}
