/* SPDX-License-Identifier: ISC */
/*
 * The report as JSON: one object with the devices (docs/scan-json.md),
 * or for --watch one JSON Lines event per new, changed or gone device.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ui/report/fields.h"
#include "ui/report/scan_out.h"

static void
json_value(FILE *f, const struct fval *v)
{
	char	hex[2 * L2C_NEIGH_UNKBYTES + 1];
	size_t	i;

	switch (v->kind) {
	case V_NULL:
		fputs("null", f);
		break;
	case V_STR:
		l2c_json_str(f, v->s);
		break;
	case V_INT:
		fprintf(f, "%" PRIu64, v->i);
		break;
	case V_LIST:
		fputc('[', f);
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				fputc(',', f);
			l2c_json_str(f, v->items[i]);
		}
		fputc(']', f);
		break;
	case V_TLVS:
		fputc('[', f);
		for (i = 0; i < v->n; i++)
			fprintf(f, "%s{\"protocol\":\"%s\",\"type\":%u,"
			    "\"length\":%u,\"hex\":\"%s\"}", i > 0 ? "," : "",
			    report_proto_name(v->tlvs[i].proto),
			    v->tlvs[i].type, v->tlvs[i].len,
			    report_tlv_hex(&v->tlvs[i], hex, sizeof(hex)));
		fputc(']', f);
		break;
	}
}

/* The device object; pre is printed first inside the braces. */
static void
json_device(FILE *f, const struct l2c_neigh *n, const char *indent,
    void (*pre)(FILE *, const void *), const void *arg)
{
	struct fval	v;
	size_t		i;
	const char	*sep = indent != NULL ? ",\n" : ",";

	fputc('{', f);
	if (indent != NULL)
		fputc('\n', f);
	if (pre != NULL) {
		pre(f, arg);
		fputs(sep, f);
	}
	for (i = 0; i < report_nfields; i++) {
		report_field_get(&report_fields[i], n, &v);
		if (indent != NULL)
			fputs(indent, f);
		l2c_json_str(f, report_fields[i].name);
		fputs(indent != NULL ? ": " : ":", f);
		json_value(f, &v);
		if (i + 1 < report_nfields)
			fputs(sep, f);
	}
	if (indent != NULL)
		fprintf(f, "\n%.*s", (int)strlen(indent) - 2, indent);
	fputc('}', f);
}

static int
print_json(const struct l2c_scan_out *o, const struct l2c_neigh **l, int n)
{
	char	t[40];
	int	i;

	fprintf(o->f, "{\n  \"schema\": \"%s\",\n  \"interface\": ",
	    L2C_SCAN_SCHEMA);
	l2c_json_str(o->f, o->ifname);
	fprintf(o->f, ",\n  \"started\": \"%s\",\n  \"duration_ms\": %" PRIu64
	    ",\n  \"devices\": [", report_time(o->started_wall_us, t, sizeof(t)),
	    o->duration_us / 1000);
	for (i = 0; i < n; i++) {
		fputs(i > 0 ? ",\n    " : "\n    ", o->f);
		json_device(o->f, l[i], "      ", NULL, NULL);
	}
	fputs(n > 0 ? "\n  ]\n}\n" : "]\n}\n", o->f);
	return 0;
}

struct jl_pre {
	const char	*ifname;
	int		 event;		/* enum l2c_neigh_result */
};

static void
jsonl_pre(FILE *f, const void *arg)
{
	const struct jl_pre	*p = arg;

	fprintf(f, "\"schema\":\"%s\",\"event\":\"%s\",\"interface\":",
	    L2C_SCAN_SCHEMA, p->event == L2C_NEIGH_NEW ? "new" :
	    p->event == L2C_NEIGH_GONE ? "gone" : "changed");
	l2c_json_str(f, p->ifname);
}

static void
json_head(const struct l2c_scan_out *o)
{
	(void)o;
}

static void
json_one(const struct l2c_scan_out *o, const struct l2c_neigh *n,
    int event)
{
	struct jl_pre	p = { o->ifname, event };

	json_device(o->f, n, NULL, jsonl_pre, &p);
	fputc('\n', o->f);
}

const struct report_writer report_json_writer = {
	.all = print_json,
	.head = json_head,
	.one = json_one,
};
