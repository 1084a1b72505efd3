/* SPDX-License-Identifier: ISC */
/*
 * The report for people: a table sized to its contents (colour only on
 * a terminal), or for --watch fixed widths and one line per device.
 */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "ui/registry.h"
#include "ui/report/fields.h"
#include "ui/report/scan_out.h"

enum col { C_MAC, C_PROTO, C_IDENT, C_PLATFORM, C_VERSION, C_ADDR,
    C_DETAILS, C_N };

static const struct {
	const char	*head;
	size_t		 max;	/* columns at most */
} cols[C_N] = {
	{ "MAC",	17 },
	{ "PROTOCOLS",	28 },
	{ "IDENTITY",	24 },
	{ "PLATFORM",	24 },
	{ "VERSION",	20 },
	{ "ADDRESS",	39 },
	{ "DETAILS",	80 },
};

struct row {
	char	cell[C_N][CELL];
};

static void
uptime_str(uint32_t s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%ud%02uh", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		snprintf(buf, len, "%uh%02um", s / 3600, s % 3600 / 60);
	else
		snprintf(buf, len, "%um%02us", s / 60, s % 60);
}

/* Append label and s to a cell, "; "-separated (escaped when printed). */
static void
cat(char *cell, const char *label, const char *s)
{
	size_t	len = strlen(cell);

	snprintf(cell + len, CELL - len, "%s%s%s", len ? "; " : "", label, s);
}

/* What a person wants to see first about a device, cell by cell. */
static void
table_row(const struct l2c_neigh *n, struct row *r)
{
	char		 mac[L2C_MAC_STRLEN], tmp[160];
	const char	*dn;
	size_t		 i;

	memset(r, 0, sizeof(*r));
	l2c_mac_fmt(n->mac, r->cell[C_MAC], CELL);
	for (i = 0; i < report_nprotos; i++)
		if (n->protos & report_protos[i].bit)
			snprintf(r->cell[C_PROTO] + strlen(r->cell[C_PROTO]),
			    CELL - strlen(r->cell[C_PROTO]), "%s%s",
			    r->cell[C_PROTO][0] ? "," : "",
			    /* shorter names: the table is for reading */
			    report_protos[i].bit == L2C_NP_MOP_CONSOLE ? "console" :
			    report_protos[i].bit == L2C_NP_MOP_RESERVED ? "reserved" :
			    report_protos[i].bit == L2C_NP_MOP_LOOP ? "loop" :
			    report_protos[i].name);
	if (!l2c_neigh_live(n))
		snprintf(r->cell[C_PROTO], CELL, "gone");
	if (n->have & L2C_NF_STR(L2C_NS_IDENTITY))
		snprintf(r->cell[C_IDENT], CELL, "%s",
		    n->str[L2C_NS_IDENTITY]);
	if (n->have & L2C_NF_STR(L2C_NS_PLATFORM))
		cat(r->cell[C_PLATFORM], "", n->str[L2C_NS_PLATFORM]);
	if (n->have & L2C_NF_STR(L2C_NS_BOARD))
		snprintf(r->cell[C_PLATFORM] + strlen(r->cell[C_PLATFORM]),
		    CELL - strlen(r->cell[C_PLATFORM]), "%s%s",
		    r->cell[C_PLATFORM][0] ? " " : "", n->str[L2C_NS_BOARD]);
	if (r->cell[C_PLATFORM][0] == '\0' && (n->have & L2C_NF_DEVICE)) {
		dn = l2c_registry_device_name(n->device);
		if (dn == NULL) {
			snprintf(tmp, sizeof(tmp), "device %u", n->device);
			dn = tmp;
		}
		snprintf(r->cell[C_PLATFORM], CELL, "%s", dn);
	}
	if (n->have & L2C_NF_STR(L2C_NS_VERSION))
		snprintf(r->cell[C_VERSION], CELL, "%s",
		    n->str[L2C_NS_VERSION]);
	else if (n->have & L2C_NF_STR(L2C_NS_SOFTWARE))
		snprintf(r->cell[C_VERSION], CELL, "%s",
		    n->str[L2C_NS_SOFTWARE]);
	else if (n->have & L2C_NF_STR(L2C_NS_DESCR))	/* its first line */
		snprintf(r->cell[C_VERSION], CELL, "%.*s",
		    (int)strcspn(n->str[L2C_NS_DESCR], "\r\n"),
		    n->str[L2C_NS_DESCR]);
	if (n->nipv4 > 0)
		inet_ntop(AF_INET, n->ipv4[0], r->cell[C_ADDR], CELL);
	else if (n->nipv6 > 0)
		inet_ntop(AF_INET6, n->ipv6[0], r->cell[C_ADDR], CELL);
	if (n->protos & L2C_NP_MOP_RESERVED)
		cat(r->cell[C_DETAILS], "console reserved by ",
		    n->have & L2C_NF_CONSOLE_USER ? l2c_mac_fmt(n->console_user,
		    mac, sizeof(mac)) : "someone");
	if (n->have & L2C_NF_STR(L2C_NS_IFNAME))
		cat(r->cell[C_DETAILS], "interface ",
		    n->str[L2C_NS_IFNAME]);
	if (n->have & L2C_NF_STR(L2C_NS_PORT))
		cat(r->cell[C_DETAILS], "port ", n->str[L2C_NS_PORT]);
	if ((n->have & L2C_NF_STR(L2C_NS_PORT_DESCR)) &&
	    strcmp(n->str[L2C_NS_PORT_DESCR], n->str[L2C_NS_PORT]) != 0)
		cat(r->cell[C_DETAILS], "port description ",
		    n->str[L2C_NS_PORT_DESCR]);
	if (n->have & L2C_NF_VLAN) {
		snprintf(tmp, sizeof(tmp), "%u", n->vlan);
		cat(r->cell[C_DETAILS], "vlan ", tmp);
	}
	if (n->have & L2C_NF_STR(L2C_NS_CAPS))
		cat(r->cell[C_DETAILS], "", n->str[L2C_NS_CAPS]);
	if (n->have & L2C_NF_UPTIME) {
		uptime_str(n->uptime_s, tmp, sizeof(tmp));
		cat(r->cell[C_DETAILS], "up ", tmp);
	}
	if ((n->have & L2C_NF_STR(L2C_NS_SOFTWARE)) &&
	    (n->have & L2C_NF_STR(L2C_NS_VERSION)))
		cat(r->cell[C_DETAILS], "software ",
		    n->str[L2C_NS_SOFTWARE]);
	if (n->have & L2C_NF_MOP_FUNCTIONS) {
		l2c_registry_functions_str(n->mop_functions, tmp, sizeof(tmp));
		cat(r->cell[C_DETAILS], "functions ", tmp);
	}
	if (n->nipv4 > 1 || (n->nipv4 > 0 && n->nipv6 > 0))
		cat(r->cell[C_DETAILS], "", "more addresses (--json)");
}

static const char *
cell_color(const struct l2c_neigh *n, enum col c)
{
	if (c == C_PROTO && (n->protos & L2C_NP_MOP_RESERVED))
		return "\033[31m";		/* red: taken */
	if (c == C_PROTO && (n->protos & L2C_NP_MOP_CONSOLE))
		return "\033[33m";		/* yellow: MOP console open */
	if (c == C_IDENT)
		return "\033[1m";
	return NULL;
}

static void
table_line(const struct l2c_scan_out *o, const struct l2c_neigh *n,
    const struct row *r, const size_t *w)
{
	const char	*col;
	size_t		 c, used;
	int		 last;

	for (c = 0; c < C_N; c++) {
		last = c + 1 == C_N;
		col = !o->color || r->cell[c][0] == '\0' ? NULL :
		    n != NULL ? cell_color(n, (enum col)c) : "\033[1m";
		if (col != NULL)
			fputs(col, o->f);
		used = l2c_tty_str(o->f, r->cell[c][0] ? r->cell[c] :
		    (n != NULL ? "-" : ""), w[c]);
		if (col != NULL)
			fputs("\033[0m", o->f);
		if (!last)
			fprintf(o->f, "%*s", (int)(w[c] - used + 2), "");
	}
	fputc('\n', o->f);
}

static void
table_widths(const struct row *rows, size_t n, size_t *w)
{
	char	tmp[TTYBUF];
	size_t	c, i, cw;

	for (c = 0; c < C_N; c++) {
		w[c] = strlen(cols[c].head);
		for (i = 0; i < n; i++) {
			cw = l2c_tty_escape(rows[i].cell[c][0] ? rows[i].cell[c] :
			    "-", tmp, sizeof(tmp), cols[c].max);
			if (cw > w[c])
				w[c] = cw;
		}
	}
}

static void
table_head(const struct l2c_scan_out *o, const size_t *w)
{
	struct row	h;
	size_t		c;

	for (c = 0; c < C_N; c++)
		snprintf(h.cell[c], CELL, "%s", cols[c].head);
	table_line(o, NULL, &h, w);
}

static int
print_table(const struct l2c_scan_out *o, const struct l2c_neigh **l, int n)
{
	struct row	*rows;
	size_t		 w[C_N];
	int		 i;

	if (n == 0)
		return 0;
	if ((rows = calloc((size_t)n, sizeof(*rows))) == NULL)
		return L2C_ERR_NOMEM;
	for (i = 0; i < n; i++)
		table_row(l[i], &rows[i]);
	table_widths(rows, (size_t)n, w);
	table_head(o, w);
	for (i = 0; i < n; i++)
		table_line(o, l[i], &rows[i], w);
	free(rows);
	return 0;
}

/* --watch prints rows as they come: fixed widths, no look-ahead. */
static void
watch_widths(size_t *w)
{
	size_t	c;

	for (c = 0; c < C_N; c++)
		w[c] = cols[c].max < 24 ? cols[c].max : 24;
	w[C_MAC] = 17;
	w[C_ADDR] = 15;
	w[C_DETAILS] = cols[C_DETAILS].max;
}

static void
text_head(const struct l2c_scan_out *o)
{
	size_t	w[C_N];

	watch_widths(w);
	table_head(o, w);
}

static void
text_one(const struct l2c_scan_out *o, const struct l2c_neigh *n, int event)
{
	struct row	r;
	size_t		w[C_N];

	(void)event;
	watch_widths(w);
	table_row(n, &r);
	table_line(o, n, &r, w);
}

const struct report_writer report_text_writer = {
	.all = print_table,
	.head = text_head,
	.one = text_one,
};
