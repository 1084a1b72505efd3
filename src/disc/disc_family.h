/* SPDX-License-Identifier: ISC */
/* The CDP and LLDP families' rows for the faces' registry (core/family.h). */
#ifndef L2C_DISC_DISC_FAMILY_H
#define L2C_DISC_DISC_FAMILY_H

#include "core/family.h"

extern const struct l2c_family cdp_family;
extern const struct l2c_family lldp_family;

#endif
