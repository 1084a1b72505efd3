/* SPDX-License-Identifier: ISC */
/* The report as CSV (RFC 4180): a header row, then one row per device. */
#include <inttypes.h>
#include <stdio.h>

#include "ui/report/fields.h"
#include "ui/report/scan_out.h"

static void
csv_head(FILE *f)
{
	size_t	i;

	for (i = 0; i < report_nfields; i++) {
		if (i > 0)
			fputc(',', f);
		l2c_csv_field(f, report_fields[i].name);
	}
	fputs("\r\n", f);
}

/* Lists are joined with ";" (MOP function names hold spaces). */
static void
csv_row(FILE *f, const struct l2c_neigh *n)
{
	struct fval	v;
	char		buf[MAXITEMS * (ITEMLEN + 1)], num[24];
	size_t		i, j, off;

	for (i = 0; i < report_nfields; i++) {
		if (i > 0)
			fputc(',', f);
		report_field_get(&report_fields[i], n, &v);
		switch (v.kind) {
		case V_NULL:
			break;
		case V_STR:
			l2c_csv_field(f, v.s);
			break;
		case V_INT:
			snprintf(num, sizeof(num), "%" PRIu64, v.i);
			fputs(num, f);
			break;
		case V_LIST:
		case V_TLVS:
			buf[0] = '\0';
			for (j = 0, off = 0; j < v.n && off < sizeof(buf); j++)
				off += (size_t)snprintf(buf + off,
				    sizeof(buf) - off, "%s%s", j ? ";" : "",
				    v.items[j]);
			l2c_csv_field(f, buf);
			break;
		}
	}
	fputs("\r\n", f);
}

static int
csv_all(const struct l2c_scan_out *o, const struct l2c_neigh **l, int n)
{
	int	i;

	csv_head(o->f);
	for (i = 0; i < n; i++)
		csv_row(o->f, l[i]);
	return 0;
}

static void
csv_head_out(const struct l2c_scan_out *o)
{
	csv_head(o->f);
}

static void
csv_one(const struct l2c_scan_out *o, const struct l2c_neigh *n, int event)
{
	(void)event;
	csv_row(o->f, n);
}

const struct report_writer report_csv_writer = {
	.all = csv_all,
	.head = csv_head_out,
	.one = csv_one,
};
