/* SPDX-License-Identifier: ISC */
/*
 * MOP System ID information: entries of type (2, LE), length (1),
 * value.  Every entry is walked by its own length and unknown types
 * are skipped, so a value is never read as the next header (moprc's
 * mistake without -v).  The same table builds a server's System ID.
 */
#ifndef L2C_MOP_SYSID_H
#define L2C_MOP_SYSID_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/frame.h"

/* Functions bitmap. */
#define MOP_FN_LOOP		0x0001
#define MOP_FN_DUMP		0x0002
#define MOP_FN_PLOADER		0x0004
#define MOP_FN_MLOADER		0x0008
#define MOP_FN_BOOT		0x0010
#define MOP_FN_CONSOLE		0x0020	/* console carrier */
#define MOP_FN_COUNTERS		0x0040
#define MOP_FN_RESERVED		0x0080	/* console carrier reserved */

/* Bits of mop_sysid.have: which entries were present. */
#define MOP_HAVE_VERSION	0x0001
#define MOP_HAVE_FUNCTIONS	0x0002
#define MOP_HAVE_CONSOLE_USER	0x0004
#define MOP_HAVE_RSV_TIMER	0x0008
#define MOP_HAVE_CMD_SIZE	0x0010
#define MOP_HAVE_RSP_SIZE	0x0020
#define MOP_HAVE_HWADDR		0x0040
#define MOP_HAVE_TIME		0x0080
#define MOP_HAVE_DEVICE		0x0100
#define MOP_HAVE_SOFTWARE	0x0200
#define MOP_HAVE_PROCESSOR	0x0400
#define MOP_HAVE_DATALINK	0x0800
#define MOP_HAVE_DL_BUFSIZE	0x1000

/* Software id special counts (the count byte is signed). */
#define MOP_SW_NONE		0
#define MOP_SW_OS		(-1)	/* "standard operating system" */
#define MOP_SW_MAINT		(-2)	/* "maintenance system" */

#define MOP_SW_MAX		255

struct mop_sysid {
	uint32_t	have;
	uint8_t		version[3];
	uint16_t	functions;
	uint8_t		functions_len;		/* 1 or 2, as received */
	uint8_t		console_user[L2C_ETH_ALEN];
	uint16_t	rsv_timer;		/* seconds */
	uint16_t	cmd_size;
	uint16_t	rsp_size;
	uint8_t		hwaddr[L2C_ETH_ALEN];
	uint8_t		systime[10];
	uint8_t		device;
	int		software_kind;		/* > 0: a string; MOP_SW_* */
	char		software[MOP_SW_MAX + 1];
	uint8_t		processor;
	uint8_t		datalink;
	uint16_t	dl_bufsize;
	unsigned	unknown;		/* entries of types we skip */
	unsigned	odd;			/* known types, odd lengths: skipped */
};

/* The info entries of a System ID message (mop_msg.u.sysid.info). */
int	 mop_sysid_parse(const uint8_t *, size_t, struct mop_sysid *);
/* Entries for every field in have, in type order. */
int	 mop_sysid_build(struct l2c_wbuf *, const struct mop_sysid *);

const char *mop_function_name(unsigned bit);
/* "loop, console carrier, ..." into buf. */
char	*mop_functions_str(uint16_t, char *, size_t);
const char *mop_device_name(uint8_t);
const char *mop_processor_name(uint8_t);
const char *mop_datalink_name(uint8_t);
/* The software id as text: the string, or what the special count means. */
const char *mop_software_str(const struct mop_sysid *);

#endif /* L2C_MOP_SYSID_H */
