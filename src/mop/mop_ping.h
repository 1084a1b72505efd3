/* SPDX-License-Identifier: ISC */
/*
 * `ping --mop`: MOP loopback (ethertype 0x9000) to a station, or through
 * the loopback assistant multicast CF-00-00-00-00-00; the receipt number
 * carries the sequence.
 */
#ifndef L2C_MOP_PING_H
#define L2C_MOP_PING_H

#include "core/ping.h"

/* skip, forward function and MAC, reply function and receipt. */
#define MOP_LOOP_PING_HDR	14

extern const struct l2c_ping_proto mop_loop_ping_proto;

#endif
