/*
 * The neighbor table: one record per MAC address, whatever protocol
 * told us about it.  Discovery adapters (src/mac, src/mop) turn what
 * they parsed into an update; the table merges it field by field, so an
 * MNDP announcement and a MOP System ID from the same station meet in
 * one record.  The table knows no wire format and no protocol names:
 * the face renders the flags and the MOP functions bitmap.
 *
 * Records live in fixed chunks: a pointer to one stays valid until the
 * table is freed.  Lookup is a hash on the MAC, sized for thousands.
 */
#ifndef L2C_NEIGH_H
#define L2C_NEIGH_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

#define L2C_NEIGH_STRLEN	128	/* longer wire strings are cut */
#define L2C_NEIGH_MAXADDR	4	/* addresses kept per family */
#define L2C_NEIGH_NSLOT		4	/* per-adapter probe counters */
#define L2C_NEIGH_MAX_DEFAULT	65536	/* records; spoofed floods stop here */

/* What a neighbor was found speaking (l2c_neigh.protos). */
#define L2C_NP_MNDP		0x0001	/* sent an MNDP announcement */
#define L2C_NP_MACTELNET	0x0002	/* answered a MAC-Telnet ping */
#define L2C_NP_MOP		0x0004	/* sent a MOP System ID */
#define L2C_NP_MOP_CONSOLE	0x0008	/* offers the MOP console carrier */
#define L2C_NP_MOP_RESERVED	0x0010	/* ... and someone holds it */
#define L2C_NP_MOP_LOOP		0x0020	/* answered a MOP loopback */

/* The text fields, one table row each (l2c_neigh.str). */
enum l2c_neigh_str {
	L2C_NS_IDENTITY = 0,	/* MNDP identity, MOP node name */
	L2C_NS_PLATFORM,
	L2C_NS_BOARD,
	L2C_NS_VERSION,
	L2C_NS_SOFTWARE,	/* MNDP software id, MOP software id */
	L2C_NS_IFNAME,		/* the device's own interface name */
	L2C_NS_COUNT
};

/* Which fields are known (l2c_neigh.have); strings are bits 0..5. */
#define L2C_NF_STR(i)		(1u << (i))
#define L2C_NF_UPTIME		0x0100
#define L2C_NF_MOP_FUNCTIONS	0x0200
#define L2C_NF_CONSOLE_USER	0x0400
#define L2C_NF_DEVICE		0x0800
#define L2C_NF_CMD_SIZE		0x1000
#define L2C_NF_RSP_SIZE		0x2000
#define L2C_NF_HWADDR		0x4000
#define L2C_NF_MOP_VERSION	0x8000
/* Fields whose change alone is not news (--watch ignores it). */
#define L2C_NF_VOLATILE		L2C_NF_UPTIME

struct l2c_neigh {
	uint8_t		 mac[L2C_ETH_ALEN];
	uint32_t	 protos;		/* L2C_NP_* */
	uint32_t	 have;			/* L2C_NF_* */
	char		 str[L2C_NS_COUNT][L2C_NEIGH_STRLEN];
	uint32_t	 uptime_s;		/* as reported at uptime_us */
	uint64_t	 uptime_us;		/* monotonic */
	uint8_t		 nipv4, nipv6;
	uint8_t		 ipv4[L2C_NEIGH_MAXADDR][4];	/* network order */
	uint8_t		 ipv6[L2C_NEIGH_MAXADDR][16];
	uint16_t	 mop_functions;		/* MOP bitmap, as received */
	uint8_t		 console_user[L2C_ETH_ALEN];
	uint8_t		 device;		/* MOP communication device */
	uint16_t	 cmd_size, rsp_size;	/* MOP console buffers */
	uint8_t		 hwaddr[L2C_ETH_ALEN];
	uint8_t		 mop_version[3];
	uint64_t	 first_us, last_us;	/* monotonic */
	int64_t		 first_wall_us, last_wall_us;	/* since the epoch */
	uint64_t	 gen;			/* table generation at last news */
	uint64_t	 updates;		/* frames that told us about it */
	uint8_t		 probed[L2C_NEIGH_NSLOT];	/* adapters' counters */
};

/*
 * An update: the fields flagged in f.have replace the record's; f.protos
 * are added; protocol bits in pmask that f.protos lacks are removed (a
 * console no longer reserved); fields in clear are forgotten.
 */
struct l2c_neigh_upd {
	struct l2c_neigh f;
	uint32_t	 pmask;
	uint32_t	 clear;
};

enum l2c_neigh_result {
	L2C_NEIGH_SAME = 0,	/* nothing new (last seen moved) */
	L2C_NEIGH_CHANGED = 1,
	L2C_NEIGH_NEW = 2,
};

struct l2c_neigh_tab;

int	l2c_neigh_new(size_t max, struct l2c_neigh_tab **);
void	l2c_neigh_free(struct l2c_neigh_tab *);

void	l2c_neigh_upd_init(struct l2c_neigh_upd *, const uint8_t *mac);
/* Copy a wire string (not NUL-terminated; stops at a NUL, cut to fit). */
void	l2c_neigh_upd_str(struct l2c_neigh_upd *, enum l2c_neigh_str,
	    const void *, size_t);
void	l2c_neigh_upd_ipv4(struct l2c_neigh_upd *, const uint8_t *);
void	l2c_neigh_upd_ipv6(struct l2c_neigh_upd *, const uint8_t *);

/*
 * Merge an update received at ts_us (monotonic).  Returns an
 * l2c_neigh_result, or L2C_ERR_NOSPACE when the table is full (the
 * update is counted in l2c_neigh_dropped), L2C_ERR_NOMEM.  *np, if not
 * NULL, gets the record.
 */
int	l2c_neigh_update(struct l2c_neigh_tab *, const struct l2c_neigh_upd *,
	    uint64_t ts_us, struct l2c_neigh **np);

struct l2c_neigh *l2c_neigh_find(const struct l2c_neigh_tab *,
	    const uint8_t *);
size_t	l2c_neigh_count(const struct l2c_neigh_tab *);
/* Records in the order they were first seen. */
struct l2c_neigh *l2c_neigh_at(const struct l2c_neigh_tab *, size_t);
/* All records sorted by MAC in a malloc'd array; count or error. */
int	l2c_neigh_sorted(const struct l2c_neigh_tab *,
	    const struct l2c_neigh ***);
/* Bumped by every piece of news; records carry it in gen. */
uint64_t l2c_neigh_gen(const struct l2c_neigh_tab *);
uint64_t l2c_neigh_dropped(const struct l2c_neigh_tab *);

/* The wall clock, in microseconds since the epoch. */
int64_t	l2c_wall_us(void);

#endif /* L2C_NEIGH_H */
