/* SPDX-License-Identifier: ISC */
/*
 * The scan report (scan_out.h): one walk over the sorted neighbor table
 * handed to the writer of the format asked for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/neigh.h"
#include "ui/report/fields.h"
#include "ui/report/scan_out.h"

static const struct report_writer *const writers[] = {
	[L2C_SCAN_TABLE] = &report_text_writer,
	[L2C_SCAN_JSON] = &report_json_writer,
	[L2C_SCAN_CSV] = &report_csv_writer,
};

int
l2c_scan_print(const struct l2c_scan_out *o, const struct l2c_neigh_tab *t)
{
	const struct l2c_neigh	**l;
	int			  n, rv;

	if ((n = l2c_neigh_sorted(t, &l)) < 0)
		return n;
	rv = writers[o->fmt]->all(o, l, n);
	free(l);
	return rv;
}

void
l2c_scan_print_head(const struct l2c_scan_out *o)
{
	writers[o->fmt]->head(o);
	fflush(o->f);
}

void
l2c_scan_print_one(const struct l2c_scan_out *o, const struct l2c_neigh *n,
    int event)
{
	writers[o->fmt]->one(o, n, event);
	fflush(o->f);
}

/* Colour is for terminals, and never when NO_COLOR is set and not empty. */
int
l2c_scan_want_color(FILE *f)
{
	const char	*nc = getenv("NO_COLOR");

	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(fileno(f));
}
