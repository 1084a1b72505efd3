/* SPDX-License-Identifier: ISC */
/* The MikroTik family's row for the faces' registry (core/family.h). */
#ifndef L2C_MAC_MIKROTIK_H
#define L2C_MAC_MIKROTIK_H

#include "core/family.h"

extern const struct l2c_family mikrotik_family;

#endif
