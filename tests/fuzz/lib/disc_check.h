/* SPDX-License-Identifier: ISC */
/* Fuzz helper: what every decoded struct disc_info must hold. */
#ifndef L2C_FUZZ_DISC_CHECK_H
#define L2C_FUZZ_DISC_CHECK_H

#include "disc/disc.h"

/* Traps unless every string is ended in its field and every count bounded. */
void	disc_check(const struct disc_info *);

#endif
