/* SPDX-License-Identifier: ISC */
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
#define L2C_NEIGH_NSLOT		8	/* probe counters, one per scan row */
#define L2C_NEIGH_MAX_DEFAULT	65536	/* records; spoofed floods stop here */

/* What a neighbor was found speaking (l2c_neigh.protos). */
#define L2C_NP_MNDP		0x0001	/* sent an MNDP announcement */
#define L2C_NP_MACTELNET	0x0002	/* answered a MAC-Telnet ping */
#define L2C_NP_MOP		0x0004	/* sent a MOP System ID */
#define L2C_NP_MOP_CONSOLE	0x0008	/* offers the MOP console carrier */
#define L2C_NP_MOP_RESERVED	0x0010	/* ... and someone holds it */
#define L2C_NP_MOP_LOOP		0x0020	/* answered a MOP loopback */
#define L2C_NP_CDP		0x0040	/* sent CDP */
#define L2C_NP_LLDP		0x0080	/* sent LLDP */

/* The text fields, one table row each (l2c_neigh.str). */
enum l2c_neigh_str {
	L2C_NS_IDENTITY = 0,	/* MNDP identity, MOP node name */
	L2C_NS_PLATFORM,
	L2C_NS_BOARD,
	L2C_NS_VERSION,
	L2C_NS_SOFTWARE,	/* MNDP software id, MOP software id */
	L2C_NS_IFNAME,		/* the device's own interface name */
	L2C_NS_PORT,		/* CDP/LLDP: the port it sent from */
	L2C_NS_PORT_DESCR,	/* LLDP: that port's description */
	L2C_NS_DESCR,		/* LLDP system description, CDP software */
	L2C_NS_CHASSIS,		/* LLDP chassis id */
	L2C_NS_CAPS,		/* CDP/LLDP capabilities, in words */
	L2C_NS_LOGIN,		/* the login its console offers (audit) */
	L2C_NS_COUNT
};

/* Which fields are known (l2c_neigh.have); strings are bits 0..15. */
#define L2C_NF_STR(i)		(1u << (i))
#define L2C_NF_UPTIME		0x00010000
#define L2C_NF_MOP_FUNCTIONS	0x00020000
#define L2C_NF_CONSOLE_USER	0x00040000
#define L2C_NF_DEVICE		0x00080000
#define L2C_NF_CMD_SIZE		0x00100000
#define L2C_NF_RSP_SIZE		0x00200000
#define L2C_NF_HWADDR		0x00400000
#define L2C_NF_MOP_VERSION	0x00800000
#define L2C_NF_VLAN		0x01000000	/* CDP/LLDP native VLAN */
#define L2C_NF_LAST		L2C_NF_VLAN
/* An update that carries its sender's unknown TLVs (even none). */
#define L2C_NF_UNKNOWN		0x02000000

#define L2C_NEIGH_NUNK		8	/* unknown TLVs kept per record */
#define L2C_NEIGH_UNKBYTES	16	/* bytes kept of each */

/* A TLV the protocol's decoder has no field for, kept to be shown. */
struct l2c_neigh_tlv {
	uint32_t	 proto;		/* L2C_NP_* of the protocol that sent it */
	uint16_t	 type;
	uint16_t	 len;		/* its value's length as sent */
	uint8_t		 nbytes;	/* how many of them are kept */
	uint8_t		 bytes[L2C_NEIGH_UNKBYTES];
};
/* Fields whose change alone is not news (--watch ignores it). */
#define L2C_NF_VOLATILE		L2C_NF_UPTIME

/*
 * A sender's time to live (CDP, LLDP): its protocol bits and the fields
 * that came with them hold until until_us; then they go, the fields
 * only where no other hold still covers them.
 */
#define L2C_NEIGH_NHOLD		2
struct l2c_neigh_hold {
	uint32_t	 protos;		/* 0: slot free */
	uint32_t	 fields;		/* L2C_NF_* */
	uint64_t	 until_us;		/* monotonic */
};

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
	uint16_t	 vlan;			/* CDP/LLDP native VLAN */
	struct l2c_neigh_hold hold[L2C_NEIGH_NHOLD];
	uint8_t		 gone;			/* its last hold ran out */
	uint8_t		 nunk;
	struct l2c_neigh_tlv unk[L2C_NEIGH_NUNK];	/* newest protocol last */
	uint64_t	 first_us, last_us;	/* monotonic */
	int64_t		 first_wall_us, last_wall_us;	/* since the epoch */
	uint64_t	 gen;			/* table generation at last news */
	uint64_t	 updates;		/* frames that told us about it */
	uint8_t		 probed[L2C_NEIGH_NSLOT];	/* adapters' counters */
};

/*
 * An update: the fields flagged in f.have replace the record's; f.protos
 * are added; protocol bits in pmask that f.protos lacks are removed (a
 * console no longer reserved); fields in clear are forgotten.  A hold
 * (hold.protos not 0) replaces the record's hold of the same protocols:
 * a hold already past (until_us at or before the frame) lets them go at
 * once (LLDP's TTL 0).
 */
struct l2c_neigh_upd {
	struct l2c_neigh f;
	uint32_t	 pmask;
	uint32_t	 clear;
	struct l2c_neigh_hold hold;
};

enum l2c_neigh_result {
	L2C_NEIGH_SAME = 0,	/* nothing new (last seen moved) */
	L2C_NEIGH_CHANGED = 1,
	L2C_NEIGH_NEW = 2,
	L2C_NEIGH_GONE = 3,	/* nothing holds it any more (expiry only) */
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
 * One unknown TLV of the update's protocol (its L2C_NP_* bit): the
 * update then replaces every unknown TLV the record holds from that
 * protocol.  Bytes past L2C_NEIGH_UNKBYTES and TLVs past
 * L2C_NEIGH_NUNK are not kept.
 */
void	l2c_neigh_upd_unknown(struct l2c_neigh_upd *, uint32_t proto,
	    uint16_t type, size_t len, const uint8_t *, size_t nbytes);

/*
 * Merge an update received at ts_us (monotonic).  Returns an
 * l2c_neigh_result, or L2C_ERR_NOSPACE when the table is full (the
 * update is counted in l2c_neigh_dropped), L2C_ERR_NOMEM.  *np, if not
 * NULL, gets the record.
 */
int	l2c_neigh_update(struct l2c_neigh_tab *, const struct l2c_neigh_upd *,
	    uint64_t ts_us, struct l2c_neigh **np);

/*
 * Let every hold due at now go.  gone(arg, n, result) hears of each
 * record that changed (L2C_NEIGH_CHANGED) or that nothing holds any more
 * (L2C_NEIGH_GONE: it has no protocol bit left; it stays in the table,
 * hidden, until any update brings it back as new).  Returns the earliest
 * hold still pending, or 0 if none.
 */
uint64_t l2c_neigh_expire(struct l2c_neigh_tab *, uint64_t now,
	    void (*gone)(void *, struct l2c_neigh *, int), void *);
/* A record some protocol still speaks for (not gone). */
int	l2c_neigh_live(const struct l2c_neigh *);

struct l2c_neigh *l2c_neigh_find(const struct l2c_neigh_tab *,
	    const uint8_t *);
/* Live records. */
size_t	l2c_neigh_count(const struct l2c_neigh_tab *);
/* Records in the order they were first seen, gone ones included. */
struct l2c_neigh *l2c_neigh_at(const struct l2c_neigh_tab *, size_t);
/* Live records sorted by MAC in a malloc'd array; count or error. */
int	l2c_neigh_sorted(const struct l2c_neigh_tab *,
	    const struct l2c_neigh ***);
/* Bumped by every piece of news; records carry it in gen. */
uint64_t l2c_neigh_gen(const struct l2c_neigh_tab *);
uint64_t l2c_neigh_dropped(const struct l2c_neigh_tab *);

/* The wall clock, in microseconds since the epoch. */
int64_t	l2c_wall_us(void);

#endif /* L2C_NEIGH_H */
