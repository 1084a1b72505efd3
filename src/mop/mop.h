/* SPDX-License-Identifier: ISC */
/* The DEC MOP family's row for the faces' registry (core/family.h). */
#ifndef L2C_MOP_MOP_H
#define L2C_MOP_MOP_H

#include "core/family.h"

extern const struct l2c_family mop_family;

#endif
