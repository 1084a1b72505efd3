/* SPDX-License-Identifier: ISC */
/*
 * The sweep: every station any frame comes from is asked directly, once
 * (l2c_scan_probe_station: MOP's unicast Request IDs in both forms), at
 * most rate stations a second, so a big LAN is never flooded.  A device
 * whose console only answers a Request ID sent to its own MAC (Cisco
 * IOS) shows up within a second of its first frame: CDP, LLDP, ARP, a
 * keepalive, anything.
 */
#ifndef L2C_SWEEP_H
#define L2C_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "loop.h"
#include "scan.h"

#define L2C_SWEEP_RATE_DEFAULT	50	/* stations a second */
#define L2C_SWEEP_MAX		65536	/* stations remembered */

struct l2c_sweep {
	struct l2c_scan	 *scan;
	unsigned	  rate;
	int		  rxid;
	struct l2c_timer  t;
	uint8_t		(*set)[L2C_ETH_ALEN];	/* open addressing, 0: empty */
	size_t		  setcap, setn;
	uint8_t		(*queue)[L2C_ETH_ALEN];	/* a ring */
	size_t		  qcap, qhead, qlen;
	uint64_t	  next_us;		/* the rate allows the next */
	uint64_t	  asked;		/* stations asked */
	uint64_t	  skipped;		/* past L2C_SWEEP_MAX */
};

/* Listen to every frame on the scan's link; rate 0 is the default. */
int	l2c_sweep_start(struct l2c_sweep *, struct l2c_scan *, unsigned rate);
void	l2c_sweep_stop(struct l2c_sweep *);
/* A station seen (the receiver calls this; tests may too). */
void	l2c_sweep_saw(struct l2c_sweep *, const uint8_t *mac);

#endif /* L2C_SWEEP_H */
