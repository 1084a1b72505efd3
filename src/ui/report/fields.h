/* SPDX-License-Identifier: ISC */
/*
 * Inside the scan report: the one table of fields (name, how to get its
 * value) that every writer walks, so the formats never disagree and a
 * new field is one row; docs/scan-json.md describes the same rows.  And
 * the writers: one per format, one file each (lldpd's writer.h).
 */
#ifndef L2C_UI_REPORT_FIELDS_H
#define L2C_UI_REPORT_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/neigh.h"
#include "ui/report/scan_out.h"

#define MAXITEMS	16
#define CELL		(4 * 80 + 1)	/* one table cell, unescaped */
#define TTYBUF		(4 * CELL + 8)	/* the same, escaped */
#define ITEMLEN		64

/* One field's value, whatever its kind. */
struct fval {
	/* V_TLVS: items as "proto:type:length:hex", tlvs for objects. */
	enum { V_NULL, V_STR, V_INT, V_LIST, V_TLVS } kind;
	const char	*s;
	uint64_t	 i;
	size_t		 n;
	const char	*items[MAXITEMS];
	char		 store[MAXITEMS][ITEMLEN];
	const struct l2c_neigh_tlv *tlvs;
};

/*
 * A row: get fills the value; without get, the value is data read from
 * the record: what is at off (offsetof struct l2c_neigh; an unsigned
 * integer of size bytes for FA_UINT), when the record has every bit of
 * have (0: always).
 */
enum field_at { FA_STR, FA_MAC, FA_UINT };
struct field {
	const char	*name;
	void		(*get)(const struct l2c_neigh *, struct fval *);
	enum field_at	 at;
	uint32_t	 have;		/* L2C_NF_* */
	size_t		 off, size;
};

/* The neighbor's protocol bits and their names in the report. */
struct proto_name {
	uint32_t	 bit;
	const char	*name;
};

extern const struct field	 report_fields[];
extern const size_t		 report_nfields;
extern const struct proto_name	 report_protos[];
extern const size_t		 report_nprotos;

void	report_field_get(const struct field *, const struct l2c_neigh *,
	    struct fval *);
/* RFC 3339, UTC, milliseconds. */
const char *report_time(int64_t us, char *, size_t);

/* A format: the whole report, --watch's header, --watch's rows. */
struct report_writer {
	int	(*all)(const struct l2c_scan_out *, const struct l2c_neigh **,
		    int);
	void	(*head)(const struct l2c_scan_out *);
	void	(*one)(const struct l2c_scan_out *, const struct l2c_neigh *,
		    int event);
};

extern const struct report_writer report_text_writer;
extern const struct report_writer report_json_writer;
extern const struct report_writer report_csv_writer;

#endif
