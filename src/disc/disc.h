/* SPDX-License-Identifier: ISC */
/*
 * What a discovery-only protocol (CDP, LLDP) says about its sender, as
 * one plain struct both decoders fill, and the helpers they share to
 * fill it: bounded strings, addresses and the kept unknown TLVs.  No
 * I/O here; the scan rows sit on top.
 */
#ifndef L2C_DISC_DISC_H
#define L2C_DISC_DISC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

#define DISC_STR_MAX	256	/* longer strings are cut (still NUL-ended) */
#define DISC_ADDR_MAX	4	/* addresses kept; the rest are counted */
#define DISC_UNK_MAX	8	/* unknown TLVs kept; the rest are counted */
#define DISC_UNK_BYTES	32	/* bytes kept of each unknown TLV's value */

enum disc_proto {
	DISC_CDP = 1,
	DISC_LLDP = 2,
};

/* Bits of disc_info.have: which fields the sender filled in. */
#define DISC_HAVE_NAME		0x0001
#define DISC_HAVE_PLATFORM	0x0002
#define DISC_HAVE_SOFTWARE	0x0004
#define DISC_HAVE_DESCR		0x0008
#define DISC_HAVE_PORT_ID	0x0010
#define DISC_HAVE_PORT_DESCR	0x0020
#define DISC_HAVE_CHASSIS_ID	0x0040
#define DISC_HAVE_CAPS		0x0080
#define DISC_HAVE_NATIVE_VLAN	0x0100
#define DISC_HAVE_DUPLEX	0x0200
#define DISC_HAVE_VTP_DOMAIN	0x0400
#define DISC_HAVE_TTL		0x0800
#define DISC_HAVE_LINKAGG	0x1000
#define DISC_HAVE_MACPHY	0x2000
#define DISC_HAVE_MTU		0x4000

enum disc_addr_kind {
	DISC_ADDR_IFACE = 0,	/* CDP Addresses: the sending interface's */
	DISC_ADDR_MGMT = 1,	/* CDP and LLDP management addresses */
};

struct disc_addr {
	uint8_t		kind;		/* enum disc_addr_kind */
	uint8_t		family;		/* 4 or 6 */
	uint8_t		addr[16];	/* IPv4 in the first 4 bytes */
};

/* A TLV no field holds: its type, its length on the wire, its start. */
struct disc_tlv {
	uint16_t	type;		/* LLDP 127: OUI, subtype in bytes */
	uint16_t	len;		/* value length as sent */
	uint8_t		nbytes;		/* how many of them are in bytes */
	uint8_t		known;		/* a type we can name, no field */
	uint8_t		bytes[DISC_UNK_BYTES];
};

/*
 * One CDP or LLDP PDU.  Every string is NUL-terminated and shorter
 * than DISC_STR_MAX; the bytes are the sender's (no sanitising: a face
 * that shows them must).  CDP fills name (Device ID), platform,
 * software, port_id, caps (CDP bits), native_vlan, duplex, vtp_domain
 * and addrs; LLDP fills chassis_id, port_id, ttl, port_descr, name
 * (System Name), descr (System Description), caps and caps_enabled
 * (LLDP bits), addrs and its IEEE 802.1/802.3 extras.
 */
struct disc_info {
	enum disc_proto	 proto;
	uint8_t		 version;		/* CDP 1 or 2; LLDP 0 */
	uint16_t	 ttl;			/* seconds; LLDP 0: forget me */
	uint32_t	 have;			/* DISC_HAVE_* */
	char		 name[DISC_STR_MAX];
	char		 platform[DISC_STR_MAX];
	char		 software[DISC_STR_MAX];
	char		 descr[DISC_STR_MAX];
	uint8_t		 port_id_subtype;	/* LLDP only */
	char		 port_id[DISC_STR_MAX];
	char		 port_descr[DISC_STR_MAX];
	uint8_t		 chassis_id_subtype;
	char		 chassis_id[DISC_STR_MAX];
	uint32_t	 caps;			/* CDP caps; LLDP available */
	uint32_t	 caps_enabled;		/* LLDP only */
	uint16_t	 native_vlan;		/* CDP native, LLDP port VLAN */
	uint8_t		 duplex;		/* CDP: 0 half, 1 full */
	char		 vtp_domain[DISC_STR_MAX];
	uint8_t		 agg_status;		/* LLDP link aggregation */
	uint32_t	 agg_port;
	uint8_t		 autoneg;		/* LLDP 802.3 MAC/PHY */
	uint16_t	 pmd_adv;
	uint16_t	 mau_type;
	uint16_t	 mtu;			/* LLDP 802.3 max frame size */
	struct disc_addr addrs[DISC_ADDR_MAX];
	unsigned	 naddrs;
	unsigned	 addrs_dropped;		/* past DISC_ADDR_MAX, or odd */
	struct disc_tlv	 unknown[DISC_UNK_MAX];
	unsigned	 nunknown;
	unsigned	 unknown_dropped;	/* past DISC_UNK_MAX */
	unsigned	 cut;			/* strings cut to fit */
};

typedef int	disc_tlv_fn(struct l2c_rbuf *, struct disc_info *);

/* What a row does with its TLV's value. */
enum disc_kind {
	DISC_K_KEEP,	/* no field: kept as an unknown TLV */
	DISC_K_STR,	/* copied into a string field (off) */
	DISC_K_U8,	/* the value, a number, into its field (off) */
	DISC_K_BE16,
	DISC_K_BE32,
	DISC_K_FN,	/* decoded by the handler; NULL: nothing to decode */
};

/*
 * A TLV table row, tcpdump style; lengths are of the value.  A row
 * that decodes or copies the value then sets its have bit.  An empty
 * row (or none) keeps the TLV as an unknown one; a named row of kind
 * KEEP as a known one.
 */
struct disc_row {
	const char	*name;
	size_t		 min_len, max_len;
	enum disc_kind	 kind;
	disc_tlv_fn	*handler;
	size_t		 off;		/* the field in disc_info */
	uint32_t	 have;
};

/* The offset of field f of disc_info; it does not compile unless f is a T. */
#define DISC_OFF(f, T)	\
	_Generic(((struct disc_info *)0)->f, T: offsetof(struct disc_info, f))

/*
 * Rows: a string field; a number as wide as its field; a decoded
 * value; a TLV known by name only.
 */
#define DISC_STR(n, hi, f, h)	\
	{ n, 0, hi, DISC_K_STR, NULL, DISC_OFF(f, char *), h }
#define DISC_U8(n, f, h)	\
	{ n, 1, 1, DISC_K_U8, NULL, DISC_OFF(f, uint8_t), h }
#define DISC_BE16(n, f, h)	\
	{ n, 2, 2, DISC_K_BE16, NULL, DISC_OFF(f, uint16_t), h }
#define DISC_BE32(n, f, h)	\
	{ n, 4, 4, DISC_K_BE32, NULL, DISC_OFF(f, uint32_t), h }
#define DISC_VAL(n, lo, hi, fn, h)	{ n, lo, hi, DISC_K_FN, fn, 0, h }
#define DISC_SKIP(n)		{ n, 0, 0xffff, DISC_K_KEEP, NULL, 0, 0 }

/* Shared by the decoders. */
void	 disc_init(struct disc_info *, enum disc_proto);
/* A frame through decode if is() takes it; else L2C_ERR_PROTO. */
int	 disc_frame_decode(const struct l2c_pkt *, struct disc_info *,
	    enum disc_proto, int (*is)(const struct l2c_pkt *),
	    int (*decode)(const uint8_t *, size_t, struct disc_info *));
/* The rest of a reader into a DISC_STR_MAX field; counts a cut. */
void	 disc_str_rest(struct disc_info *, char *, struct l2c_rbuf *);
/* Keep an address (family 4 or 6, len 4 or 16) or count it dropped. */
void	 disc_addr_add(struct disc_info *, enum disc_addr_kind, uint8_t,
	    const uint8_t *, size_t);
/* Keep the start of a TLV no field holds, or count it dropped. */
void	 disc_unknown_add(struct disc_info *, uint16_t, struct l2c_rbuf *);
/* One TLV's value through its row (NULL: unknown); L2C_ERR_MALFORMED. */
int	 disc_row_apply(const struct disc_row *, uint16_t, struct l2c_rbuf *,
	    struct disc_info *);

/* Capability bits as words ("switch, IGMP") for the info's protocol. */
char	*disc_caps_str(enum disc_proto, uint32_t, char *, size_t);
/* An address as text (dotted quad or RFC 5952). */
char	*disc_addr_fmt(const struct disc_addr *, char *, size_t);
#define DISC_ADDR_STRLEN	46

#endif /* L2C_DISC_DISC_H */
