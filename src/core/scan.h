/* SPDX-License-Identifier: ISC */
/*
 * Discovery: what a scan hands every protocol adapter, and the row each
 * adapter is.  An adapter (src/mac/mndp_scan.c, src/mop/mop_scan.c)
 * knows its wire format; the faces know only the rows the protocol
 * registry lists: they start them, let the schedule (scan_sched.h) ask
 * them to probe, and show the neighbor table they fill.
 */
#ifndef L2C_SCAN_H
#define L2C_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "neigh.h"

/* Which protocol family a row belongs to (--mop-only, --mikrotik-only). */
#define L2C_SCAN_MIKROTIK	0x01
#define L2C_SCAN_MOP		0x02
#define L2C_SCAN_CDP		0x04
#define L2C_SCAN_LLDP		0x08

struct l2c_scan;

/* One discovery protocol: a row in the face's const table. */
struct l2c_scan_proto {
	const char	*name;
	unsigned	 family;		/* L2C_SCAN_* */
	const char	*filter;		/* frames it wants; NULL: none */
	/* Once, before any probe: join multicast groups.  May be NULL. */
	int		(*start)(struct l2c_scan *);
	/* Ask everyone (broadcast/multicast); round 0, 1, ...  May be NULL. */
	int		(*probe)(struct l2c_scan *, unsigned round);
	/* Ask one station named on the command line.  May be NULL. */
	int		(*probe_station)(struct l2c_scan *, const uint8_t *);
	void		(*rx)(struct l2c_scan *, const struct l2c_pkt *);
	/*
	 * A frame told us about a record (any row's): follow up.  probed
	 * is this row's own counter in the record.  May be NULL.
	 */
	void		(*seen)(struct l2c_scan *, struct l2c_neigh *,
			    uint8_t *probed);
};

struct l2c_scan_stats {
	uint64_t	 rx;		/* frames the rows took */
	uint64_t	 malformed;	/* ... that did not parse */
	uint64_t	 probes;	/* frames we sent */
	uint64_t	 send_errors;
};

struct l2c_scan_bind {
	struct l2c_scan			*scan;
	const struct l2c_scan_proto	*row;
	int				 rxid;
};

#define L2C_SCAN_MAXROWS	L2C_NEIGH_NSLOT	/* a probed[] counter each */

struct l2c_scan {
	struct l2c_ctx		*ctx;
	struct l2c_neigh_tab	*tab;
	uint16_t		 cookie;	/* random: receipt numbers etc. */
	/* News for the face (--watch); result is an l2c_neigh_result. */
	void			(*news)(void *, struct l2c_neigh *, int);
	void			*newsarg;
	struct l2c_scan_stats	 stats;
	struct l2c_scan_bind	 bind[L2C_SCAN_MAXROWS];	/* rows in use */
	size_t			 nrows;
	struct l2c_timer	 t_expire;	/* the nearest hold (TTL) */
};

/*
 * Set up a scan over ctx with the given rows (only those whose family is
 * in families): each one's capture filter is listened to and its start()
 * run.  The caller fills tab, news and newsarg.
 */
int	l2c_scan_init(struct l2c_scan *, struct l2c_ctx *,
	    struct l2c_neigh_tab *, const struct l2c_scan_proto *const *,
	    size_t, unsigned families);
void	l2c_scan_fini(struct l2c_scan *);
/* Every row's probe for this round; the first error, after trying all. */
int	l2c_scan_probe(struct l2c_scan *, unsigned round);
int	l2c_scan_probe_station(struct l2c_scan *, const uint8_t *);

/*
 * Merge an update from an adapter into the table; on news, tell the
 * face and every row's seen().  An update with a hold (a TTL) arms the
 * scan's expiry: when it runs out the face hears L2C_NEIGH_CHANGED or
 * L2C_NEIGH_GONE.  Returns what l2c_neigh_update returns.
 */
int	l2c_scan_note(struct l2c_scan *, const struct l2c_neigh_upd *,
	    uint64_t ts_us, struct l2c_neigh **);
/* Send a frame, counting it (adapters use this for every probe). */
int	l2c_scan_send(struct l2c_scan *, const uint8_t *, size_t);
/* A frame that did not parse: counted, and "what from MAC: err" logged. */
void	l2c_scan_bad(struct l2c_scan *, const struct l2c_pkt *,
	    const char *what, int err);

#endif /* L2C_SCAN_H */
