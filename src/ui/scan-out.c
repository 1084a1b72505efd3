/*
 * The scan report in every format.  One table of fields (name and how
 * to get its value) drives JSON and CSV, so the two never disagree and
 * a new field is one row; docs/scan-json.md describes the same rows.
 */
#include <arpa/inet.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/neigh.h"
#include "mop/sysid.h"
#include "ui/scan-out.h"

#define MAXITEMS	16
#define CELL		(4 * 80 + 1)	/* one table cell, unescaped */
#define TTYBUF		(4 * CELL + 8)	/* the same, escaped */
#define ITEMLEN		64

/* One field's value, whatever its kind. */
struct fval {
	enum { V_NULL, V_STR, V_INT, V_LIST } kind;
	const char	*s;
	uint64_t	 i;
	size_t		 n;
	const char	*items[MAXITEMS];
	char		 store[MAXITEMS][ITEMLEN];
};

/* A row: get fills the value; without get, the text field str. */
struct field {
	const char	*name;
	void		(*get)(const struct l2c_neigh *, struct fval *);
	int		 str;
};

static const struct {
	uint32_t	 bit;
	const char	*name;
} protos[] = {
	{ L2C_NP_MNDP,		"mndp" },
	{ L2C_NP_MACTELNET,	"mactelnet" },
	{ L2C_NP_MOP,		"mop" },
	{ L2C_NP_MOP_CONSOLE,	"mop-console" },
	{ L2C_NP_MOP_RESERVED,	"mop-console-reserved" },
	{ L2C_NP_MOP_LOOP,	"mop-loop" },
};

/* The next list item's own storage. */
static char *
item(struct fval *v)
{
	v->items[v->n] = v->store[v->n];
	return v->store[v->n++];
}

static void
get_mac(const struct l2c_neigh *n, struct fval *v)
{
	v->kind = V_STR;
	v->s = l2c_mac_fmt(n->mac, v->store[0], ITEMLEN);
}

static void
get_protos(const struct l2c_neigh *n, struct fval *v)
{
	size_t	i;

	v->kind = V_LIST;
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (n->protos & protos[i].bit)
			v->items[v->n++] = protos[i].name;
}

static void
get_int(struct fval *v, int have, uint64_t i)
{
	if (have) {
		v->kind = V_INT;
		v->i = i;
	}
}

static void
get_uptime(const struct l2c_neigh *n, struct fval *v)
{
	get_int(v, n->have & L2C_NF_UPTIME, n->uptime_s);
}

static void
get_ipv4(const struct l2c_neigh *n, struct fval *v)
{
	size_t	i;

	v->kind = V_LIST;
	for (i = 0; i < n->nipv4 && v->n < MAXITEMS; i++)
		inet_ntop(AF_INET, n->ipv4[i], item(v), ITEMLEN);
}

static void
get_ipv6(const struct l2c_neigh *n, struct fval *v)
{
	size_t	i;

	v->kind = V_LIST;
	for (i = 0; i < n->nipv6 && v->n < MAXITEMS; i++)
		inet_ntop(AF_INET6, n->ipv6[i], item(v), ITEMLEN);
}

static void
get_functions(const struct l2c_neigh *n, struct fval *v)
{
	const char	*name;
	unsigned	 bit;

	v->kind = V_LIST;
	if (!(n->have & L2C_NF_MOP_FUNCTIONS))
		return;
	for (bit = 0; bit < 16 && v->n < MAXITEMS; bit++) {
		if (!(n->mop_functions & (1u << bit)))
			continue;
		if ((name = mop_function_name(bit)) != NULL)
			v->items[v->n++] = name;
		else
			snprintf(item(v), ITEMLEN, "bit %u", bit);
	}
}

static void
get_fbitmap(const struct l2c_neigh *n, struct fval *v)
{
	get_int(v, n->have & L2C_NF_MOP_FUNCTIONS, n->mop_functions);
}

static void
get_cuser(const struct l2c_neigh *n, struct fval *v)
{
	if (n->have & L2C_NF_CONSOLE_USER) {
		v->kind = V_STR;
		v->s = l2c_mac_fmt(n->console_user, v->store[0], ITEMLEN);
	}
}

static void
get_device(const struct l2c_neigh *n, struct fval *v)
{
	get_int(v, n->have & L2C_NF_DEVICE, n->device);
}

static void
get_devname(const struct l2c_neigh *n, struct fval *v)
{
	if (n->have & L2C_NF_DEVICE)
		if ((v->s = mop_device_name(n->device)) != NULL)
			v->kind = V_STR;
}

static void
get_cmdsize(const struct l2c_neigh *n, struct fval *v)
{
	get_int(v, n->have & L2C_NF_CMD_SIZE, n->cmd_size);
}

static void
get_rspsize(const struct l2c_neigh *n, struct fval *v)
{
	get_int(v, n->have & L2C_NF_RSP_SIZE, n->rsp_size);
}

static void
get_hwaddr(const struct l2c_neigh *n, struct fval *v)
{
	if (n->have & L2C_NF_HWADDR) {
		v->kind = V_STR;
		v->s = l2c_mac_fmt(n->hwaddr, v->store[0], ITEMLEN);
	}
}

static void
get_mopver(const struct l2c_neigh *n, struct fval *v)
{
	if (n->have & L2C_NF_MOP_VERSION) {
		snprintf(v->store[0], ITEMLEN, "%u.%u.%u", n->mop_version[0],
		    n->mop_version[1], n->mop_version[2]);
		v->kind = V_STR;
		v->s = v->store[0];
	}
}

/* RFC 3339, UTC, milliseconds. */
static const char *
fmt_time(int64_t us, char *buf, size_t len)
{
	struct tm	tm;
	time_t		t = (time_t)(us / 1000000);

	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(us % 1000000 / 1000));
	return buf;
}

static void
get_first(const struct l2c_neigh *n, struct fval *v)
{
	v->kind = V_STR;
	v->s = fmt_time(n->first_wall_us, v->store[0], ITEMLEN);
}

static void
get_last(const struct l2c_neigh *n, struct fval *v)
{
	v->kind = V_STR;
	v->s = fmt_time(n->last_wall_us, v->store[0], ITEMLEN);
}

/* The schema: docs/scan-json.md lists these rows in this order. */
static const struct field fields[] = {
	{ "mac",			get_mac,	-1 },
	{ "protocols",			get_protos,	-1 },
	{ "identity",			NULL,		L2C_NS_IDENTITY },
	{ "platform",			NULL,		L2C_NS_PLATFORM },
	{ "board",			NULL,		L2C_NS_BOARD },
	{ "version",			NULL,		L2C_NS_VERSION },
	{ "software_id",		NULL,		L2C_NS_SOFTWARE },
	{ "interface_name",		NULL,		L2C_NS_IFNAME },
	{ "uptime_s",			get_uptime,	-1 },
	{ "ipv4",			get_ipv4,	-1 },
	{ "ipv6",			get_ipv6,	-1 },
	{ "mop_functions",		get_functions,	-1 },
	{ "mop_functions_bitmap",	get_fbitmap,	-1 },
	{ "mop_console_user",		get_cuser,	-1 },
	{ "mop_device",			get_device,	-1 },
	{ "mop_device_name",		get_devname,	-1 },
	{ "mop_command_size",		get_cmdsize,	-1 },
	{ "mop_response_size",		get_rspsize,	-1 },
	{ "mop_hardware_address",	get_hwaddr,	-1 },
	{ "mop_version",		get_mopver,	-1 },
	{ "first_seen",			get_first,	-1 },
	{ "last_seen",			get_last,	-1 },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static void
field_get(const struct field *fd, const struct l2c_neigh *n, struct fval *v)
{
	v->kind = V_NULL;
	v->s = NULL;
	v->i = 0;
	v->n = 0;
	if (fd->get != NULL)
		fd->get(n, v);
	else if (n->have & L2C_NF_STR(fd->str)) {
		v->kind = V_STR;
		v->s = n->str[fd->str];
	}
}

/*
 * Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0.
 */
static size_t
utf8_seq(const unsigned char *s)
{
	size_t		 len, i;
	uint32_t	 cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * A JSON string: escapes what RFC 8259 requires, plus DEL; bytes that
 * are not UTF-8 become U+FFFD, so the document always parses.
 */
void
l2c_json_str(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len;

	fputc('"', f);
	while (*s != '\0') {
		switch (*s) {
		case '"':  fputs("\\\"", f); s++; continue;
		case '\\': fputs("\\\\", f); s++; continue;
		case '\b': fputs("\\b", f); s++; continue;
		case '\f': fputs("\\f", f); s++; continue;
		case '\n': fputs("\\n", f); s++; continue;
		case '\r': fputs("\\r", f); s++; continue;
		case '\t': fputs("\\t", f); s++; continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s++);
			continue;
		}
		if ((len = utf8_seq(s)) == 0) {
			fputs("\\ufffd", f);
			s++;
			continue;
		}
		fwrite(s, 1, len, f);
		s += len;
	}
	fputc('"', f);
}

/*
 * An RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or
 * starts or ends with a space, which some readers trim); quotes doubled.
 * Bytes that are not UTF-8 become U+FFFD, as in JSON.
 */
void
l2c_csv_field(FILE *f, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len, n = strlen(str);
	int			 quote;

	quote = strpbrk(str, ",\"\r\n") != NULL ||
	    (n > 0 && (str[0] == ' ' || str[n - 1] == ' '));
	if (quote)
		fputc('"', f);
	while (*s != '\0') {
		if (*s == '"') {
			fputs("\"\"", f);
			s++;
		} else if ((len = utf8_seq(s)) == 0) {
			fputs("\xef\xbf\xbd", f);
			s++;
		} else {
			fwrite(s, 1, len, f);
			s += len;
		}
	}
	if (quote)
		fputc('"', f);
}

/* Escape for a terminal into out; returns code points (columns). */
static size_t
tty_escape(const char *str, char *out, size_t outsz, size_t width)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 len, cols = 0, o = 0, need;
	char			 tmp[8];

	out[0] = '\0';
	while (*s != '\0') {
		if (*s < 0x20 || *s == 0x7f || (len = utf8_seq(s)) == 0) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", *s);
			len = 1;
			need = 4;
		} else {
			memcpy(tmp, s, len);
			tmp[len] = '\0';
			need = 1;
		}
		/* Leave room for the "~" that says it was cut. */
		if (cols + need > width || (cols + need == width &&
		    s[len] != '\0')) {
			if (cols < width && o + 1 < outsz) {
				out[o++] = '~';
				out[o] = '\0';
				cols++;
			}
			break;
		}
		if (o + strlen(tmp) >= outsz)
			break;
		memcpy(out + o, tmp, strlen(tmp) + 1);
		o += strlen(tmp);
		cols += need;
		s += len;
	}
	return cols;
}

size_t
l2c_tty_str(FILE *f, const char *str, size_t width)
{
	char	buf[TTYBUF];
	size_t	cols;

	cols = tty_escape(str, buf, sizeof(buf), width);
	fputs(buf, f);
	return cols;
}

int
l2c_scan_want_color(FILE *f)
{
	const char	*nc = getenv("NO_COLOR");

	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(fileno(f));
}

/* JSON */

static void
json_value(FILE *f, const struct fval *v)
{
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
	for (i = 0; i < NFIELDS; i++) {
		field_get(&fields[i], n, &v);
		if (indent != NULL)
			fputs(indent, f);
		l2c_json_str(f, fields[i].name);
		fputs(indent != NULL ? ": " : ":", f);
		json_value(f, &v);
		if (i + 1 < NFIELDS)
			fputs(sep, f);
	}
	if (indent != NULL)
		fprintf(f, "\n%.*s", (int)strlen(indent) - 2, indent);
	fputc('}', f);
}

static void
print_json(const struct l2c_scan_out *o, const struct l2c_neigh **l, int n)
{
	char	t[40];
	int	i;

	fprintf(o->f, "{\n  \"schema\": \"%s\",\n  \"interface\": ",
	    L2C_SCAN_SCHEMA);
	l2c_json_str(o->f, o->ifname);
	fprintf(o->f, ",\n  \"started\": \"%s\",\n  \"duration_ms\": %" PRIu64
	    ",\n  \"devices\": [", fmt_time(o->started_wall_us, t, sizeof(t)),
	    o->duration_us / 1000);
	for (i = 0; i < n; i++) {
		fputs(i > 0 ? ",\n    " : "\n    ", o->f);
		json_device(o->f, l[i], "      ", NULL, NULL);
	}
	fputs(n > 0 ? "\n  ]\n}\n" : "]\n}\n", o->f);
}

struct jl_pre {
	const char	*ifname;
	int		 is_new;
};

static void
jsonl_pre(FILE *f, const void *arg)
{
	const struct jl_pre	*p = arg;

	fprintf(f, "\"schema\":\"%s\",\"event\":\"%s\",\"interface\":",
	    L2C_SCAN_SCHEMA, p->is_new ? "new" : "changed");
	l2c_json_str(f, p->ifname);
}

/* CSV */

static void
csv_head(FILE *f)
{
	size_t	i;

	for (i = 0; i < NFIELDS; i++) {
		if (i > 0)
			fputc(',', f);
		l2c_csv_field(f, fields[i].name);
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

	for (i = 0; i < NFIELDS; i++) {
		if (i > 0)
			fputc(',', f);
		field_get(&fields[i], n, &v);
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

/* The table */

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
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (n->protos & protos[i].bit)
			snprintf(r->cell[C_PROTO] + strlen(r->cell[C_PROTO]),
			    CELL - strlen(r->cell[C_PROTO]), "%s%s",
			    r->cell[C_PROTO][0] ? "," : "",
			    /* shorter names: the table is for reading */
			    protos[i].bit == L2C_NP_MOP_CONSOLE ? "console" :
			    protos[i].bit == L2C_NP_MOP_RESERVED ? "reserved" :
			    protos[i].bit == L2C_NP_MOP_LOOP ? "loop" :
			    protos[i].name);
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
		dn = mop_device_name(n->device);
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
	if (n->have & L2C_NF_UPTIME) {
		uptime_str(n->uptime_s, tmp, sizeof(tmp));
		cat(r->cell[C_DETAILS], "up ", tmp);
	}
	if ((n->have & L2C_NF_STR(L2C_NS_SOFTWARE)) &&
	    (n->have & L2C_NF_STR(L2C_NS_VERSION)))
		cat(r->cell[C_DETAILS], "software ",
		    n->str[L2C_NS_SOFTWARE]);
	if (n->have & L2C_NF_MOP_FUNCTIONS) {
		mop_functions_str(n->mop_functions, tmp, sizeof(tmp));
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
			cw = tty_escape(rows[i].cell[c][0] ? rows[i].cell[c] :
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

int
l2c_scan_print(const struct l2c_scan_out *o, const struct l2c_neigh_tab *t)
{
	const struct l2c_neigh	**l;
	int			  n, i, rv = 0;

	if ((n = l2c_neigh_sorted(t, &l)) < 0)
		return n;
	switch (o->fmt) {
	case L2C_SCAN_JSON:
		print_json(o, l, n);
		break;
	case L2C_SCAN_CSV:
		csv_head(o->f);
		for (i = 0; i < n; i++)
			csv_row(o->f, l[i]);
		break;
	case L2C_SCAN_TABLE:
		rv = print_table(o, l, n);
		break;
	}
	free(l);
	return rv;
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

void
l2c_scan_print_head(const struct l2c_scan_out *o)
{
	size_t	w[C_N];

	switch (o->fmt) {
	case L2C_SCAN_JSON:
		break;
	case L2C_SCAN_CSV:
		csv_head(o->f);
		break;
	case L2C_SCAN_TABLE:
		watch_widths(w);
		table_head(o, w);
		break;
	}
	fflush(o->f);
}

void
l2c_scan_print_one(const struct l2c_scan_out *o, const struct l2c_neigh *n,
    int is_new)
{
	struct jl_pre	 p = { o->ifname, is_new };
	struct row	 r;
	size_t		 w[C_N];

	switch (o->fmt) {
	case L2C_SCAN_JSON:
		json_device(o->f, n, NULL, jsonl_pre, &p);
		fputc('\n', o->f);
		break;
	case L2C_SCAN_CSV:
		csv_row(o->f, n);
		break;
	case L2C_SCAN_TABLE:
		watch_widths(w);
		table_row(n, &r);
		table_line(o, n, &r, w);
		break;
	}
	fflush(o->f);
}
