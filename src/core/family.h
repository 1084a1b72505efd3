/* SPDX-License-Identifier: ISC */
/*
 * A protocol family as the faces see it: one const row per family
 * (src/mac/mikrotik.c, src/mop/mop.c), gathered in one list by the faces
 * (src/ui/registry.c).  A row says what the family is called, how its
 * console starts and what it wants of the terminal, how its errors read,
 * how a station is pinged and which discovery rows a scan runs.  A
 * discovery-only family (CDP, LLDP) leaves start and ping NULL.
 */
#ifndef L2C_FAMILY_H
#define L2C_FAMILY_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "frame.h"
#include "ping.h"
#include "scan.h"
#include "session.h"

/* What a family's console needs from its face (l2c_family.flags). */
#define L2C_FAM_LOGIN		0x01	/* asks a user name and a password */
#define L2C_FAM_WAKE		0x02	/* one CR once open wakes the prompt */
#define L2C_FAM_LF_TO_CR	0x04	/* typed LF goes out as CR */
#define L2C_FAM_PING_ANY	0x08	/* its ping suits any station */

/* What every console session starts from, whatever the family. */
struct l2c_sess_conf {
	uint8_t		 peer[L2C_ETH_ALEN];
	const char	*login;		/* L2C_FAM_LOGIN families: the user */
	const char	*password;	/* copied; the copy is wiped once used */
	const char	*term;		/* NULL or "": the family's default */
	unsigned	 cols, rows;	/* terminal size, 0 if unknown */
	uint64_t	 timeout_us;	/* 0: the family's own */
	/*
	 * L2C_FAM_LOGIN families: only learn which login the peer offers
	 * (the session's info.method), then end without logging in
	 * (CLOSED, 0).  scan --audit's MD5 finding.
	 */
	int		 offer_only;
	/*
	 * L2C_FAM_LOGIN families: this peer got in with the strong login
	 * before (the face's known devices), so an offer of only the weak
	 * one is refused as a downgrade.
	 */
	int		 strong_known;
	/*
	 * The family's own options beyond these, or NULL for its
	 * defaults: struct mt_client_conf for mikrotik (its peer, login,
	 * password, term, size and timeout are taken from here instead),
	 * struct mop_client_conf for mop (likewise peer and timeout).
	 */
	const void	*ext;
};

/*
 * Names for the codes a family's neighbor records carry (l2c_neigh's
 * device and functions bitmap), so that the faces show them without
 * naming the family.  Each answers NULL for a code it has no name for.
 */
struct l2c_neigh_names {
	const char	*(*device)(uint8_t);
	const char	*(*function)(unsigned bit);
	/* The bitmap as "name, name, bit N" (or "none") into buf. */
	char		*(*functions)(uint16_t, char *, size_t);
};

/* A session's end, as the family's explain() gets it. */
struct l2c_sess_end {
	int				 err;		/* 0: a normal end */
	const char			*ifname;
	const struct l2c_sess_conf	*conf;
	const struct l2c_sess_facts	*facts;	/* ops->facts; NULL: none */
};

struct l2c_family {
	const char	*name;		/* "mikrotik": commands, profiles */
	const char	*title;		/* "MikroTik MAC-Telnet", for headers */
	const char	*choice;	/* the line in a "connect with" choice */
	const char	*wire;		/* short: "MAC-Telnet" */
	const char	*default_login;	/* L2C_FAM_LOGIN: when none is given */
	unsigned	 flags;		/* L2C_FAM_* */
	unsigned	 scan_family;	/* L2C_SCAN_* of its scan rows */
	uint32_t	 np_seen;	/* neighbor bits: it speaks this family */
	uint32_t	 np_console;	/* ... and offers this family's console */
	/* A console session to conf->peer; NULL: discovery only. */
	int		(*start)(struct l2c_ctx *, const struct l2c_sess_conf *,
			    const struct l2c_sess_cb *, struct l2c_sess *);
	/*
	 * The end in one sentence for the user, into buf: its length, or
	 * 0 when there is nothing to say (a normal end).  The one place
	 * that words (err, facts) for this family, for every face.
	 */
	size_t		(*explain)(const struct l2c_sess_end *, char *, size_t);
	const struct l2c_ping_proto	 *ping;		/* NULL: no ping */
	const char			 *ping_group;	/* target name for */
	const uint8_t			 *ping_group_mac; /* ... this group */
	const struct l2c_scan_proto *const *scan;	/* its discovery rows */
	size_t				  nscan;
	const struct l2c_neigh_names	 *names;	/* NULL: no codes */
};

#endif /* L2C_FAMILY_H */
