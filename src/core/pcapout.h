/* SPDX-License-Identifier: ISC */
/*
 * --pcap FILE: every frame a link sends and receives, written to a pcap
 * file for bug reports.  It hangs on the link's tap, so no module knows.
 */
#ifndef L2C_PCAPOUT_H
#define L2C_PCAPOUT_H

#include "link.h"

struct l2c_pcapout;

int	l2c_pcapout_open(const char *, struct l2c_link *, struct l2c_pcapout **);
void	l2c_pcapout_close(struct l2c_pcapout *);
unsigned long l2c_pcapout_count(const struct l2c_pcapout *);

#endif
