/* SPDX-License-Identifier: ISC */
/*
 * `scan --audit`: what the scan found, as findings per device, most
 * serious first, for people (a table) or programs (JSON, schema
 * l2console-audit/1, docs/scan-json.md).  A MOP console anyone on the
 * wire can reserve is high, with the fix where CDP or LLDP named the
 * port; a MAC-Telnet server that offered only the MD5 login to our
 * EC-SRP5 begin auth (the login probe's L2C_NS_LOGIN) is weak; a device
 * telling its software version to the wire is info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/neigh.h"
#include "ui/report/fields.h"
#include "ui/report/scan_out.h"

enum sev { SEV_HIGH, SEV_WEAK, SEV_INFO, SEV_N };

static const char *const sev_name[SEV_N] = { "high", "weak", "info" };

struct finding {
	enum sev		 sev;
	const struct l2c_neigh	*n;
	const char		*what;
	char			 fix[L2C_NEIGH_STRLEN + 32];
};

/* Every finding about one device, into f; how many. */
static size_t
device_findings(const struct l2c_neigh *n, struct finding *f)
{
	size_t	k = 0;
	int	mndp;

	if (n->protos & L2C_NP_MOP_CONSOLE) {
		f[k].sev = SEV_HIGH;
		f[k].n = n;
		f[k].what = "MOP console reachable: anyone on this wire can "
		    "reserve it";
		if (n->have & L2C_NF_STR(L2C_NS_PORT))
			snprintf(f[k].fix, sizeof(f[k].fix),
			    "interface %s / no mop enabled",
			    n->str[L2C_NS_PORT]);
		else
			snprintf(f[k].fix, sizeof(f[k].fix), "no mop enabled "
			    "(on the interface facing this wire)");
		k++;
	}
	if ((n->have & L2C_NF_STR(L2C_NS_LOGIN)) &&
	    strcmp(n->str[L2C_NS_LOGIN], "MD5") == 0) {
		f[k].sev = SEV_WEAK;
		f[k].n = n;
		f[k].what = "MAC-Telnet offers only the MD5 login: a captured "
		    "login gives the password away to an offline guess";
		snprintf(f[k].fix, sizeof(f[k].fix), "a server with EC-SRP5 "
		    "(RouterOS 6.43 or later), or /tool mac-server set "
		    "allowed-interface-list=none");
		k++;
	}
	mndp = (n->have & L2C_NF_STR(L2C_NS_VERSION)) != 0;
	if (mndp || ((n->protos & L2C_NP_CDP) &&
	    (n->have & L2C_NF_STR(L2C_NS_DESCR)))) {
		f[k].sev = SEV_INFO;
		f[k].n = n;
		f[k].what = mndp ? "announces its software version (MNDP)" :
		    "announces its software version (CDP)";
		snprintf(f[k].fix, sizeof(f[k].fix), "%s", mndp ?
		    "/ip neighbor discovery-settings set "
		    "discover-interface-list=none" :
		    "no cdp run (or no cdp enable on the interface)");
		k++;
	}
	return k;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding	*x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev < y->sev ? -1 : 1;
	return memcmp(x->n->mac, y->n->mac, L2C_ETH_ALEN);
}

static void
print_table(const struct l2c_scan_out *o, const struct finding *f, size_t n)
{
	char	mac[L2C_MAC_STRLEN], esc[TTYBUF];
	size_t	i;

	if (n == 0) {
		fprintf(o->f, "no findings\n");
		return;
	}
	fprintf(o->f, "%-8s %-17s %-24s %s\n", "SEVERITY", "MAC", "DEVICE",
	    "FINDING / FIX");
	for (i = 0; i < n; i++) {
		l2c_tty_escape(f[i].n->str[L2C_NS_IDENTITY], esc,
		    sizeof(esc), 24);
		fprintf(o->f, "%-8s %-17s %-24s %s\n", sev_name[f[i].sev],
		    l2c_mac_fmt(f[i].n->mac, mac, sizeof(mac)), esc,
		    f[i].what);
		l2c_tty_escape(f[i].fix, esc, sizeof(esc), 200);
		fprintf(o->f, "%-8s %-17s %-24s fix: %s\n", "", "", "", esc);
	}
}

static void
print_json(const struct l2c_scan_out *o, const struct finding *f, size_t n)
{
	char	mac[L2C_MAC_STRLEN], t[40];
	size_t	i;

	fprintf(o->f, "{\n  \"schema\": \"l2console-audit/1\",\n"
	    "  \"interface\": ");
	l2c_json_str(o->f, o->ifname);
	fprintf(o->f, ",\n  \"started\": \"%s\",\n  \"findings\": [",
	    report_time(o->started_wall_us, t, sizeof(t)));
	for (i = 0; i < n; i++) {
		fprintf(o->f, "%s\n    {\"severity\": \"%s\", \"mac\": \"%s\", "
		    "\"identity\": ", i ? "," : "", sev_name[f[i].sev],
		    l2c_mac_fmt(f[i].n->mac, mac, sizeof(mac)));
		if (f[i].n->have & L2C_NF_STR(L2C_NS_IDENTITY))
			l2c_json_str(o->f, f[i].n->str[L2C_NS_IDENTITY]);
		else
			fputs("null", o->f);
		fputs(", \"finding\": ", o->f);
		l2c_json_str(o->f, f[i].what);
		fputs(", \"fix\": ", o->f);
		l2c_json_str(o->f, f[i].fix);
		fputc('}', o->f);
	}
	fputs(n > 0 ? "\n  ]\n}\n" : "]\n}\n", o->f);
}

int
l2c_scan_audit(const struct l2c_scan_out *o, const struct l2c_neigh_tab *t,
    size_t *nserious)
{
	const struct l2c_neigh	**l;
	struct finding		 *f;
	size_t			  i, n = 0;
	int			  nd;

	*nserious = 0;
	if ((nd = l2c_neigh_sorted(t, &l)) < 0)
		return nd;
	if ((f = calloc((size_t)nd * SEV_N + 1, sizeof(*f))) == NULL) {
		free(l);
		return L2C_ERR_NOMEM;
	}
	for (i = 0; i < (size_t)nd; i++)
		n += device_findings(l[i], f + n);
	qsort(f, n, sizeof(*f), cmp_finding);
	for (i = 0; i < n; i++)
		*nserious += f[i].sev != SEV_INFO;
	if (o->fmt == L2C_SCAN_JSON)
		print_json(o, f, n);
	else
		print_table(o, f, n);
	free(f);
	free(l);
	return 0;
}
