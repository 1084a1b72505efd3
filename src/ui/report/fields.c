/* SPDX-License-Identifier: ISC */
/*
 * The report's field table (fields.h): one row per field, each with the
 * getter that turns a neighbor record into the field's value.
 */
#include <arpa/inet.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/frame.h"
#include "core/neigh.h"
#include "ui/registry.h"
#include "ui/report/fields.h"

const struct proto_name report_protos[] = {
	{ L2C_NP_MNDP,		"mndp" },
	{ L2C_NP_MACTELNET,	"mactelnet" },
	{ L2C_NP_MOP,		"mop" },
	{ L2C_NP_MOP_CONSOLE,	"mop-console" },
	{ L2C_NP_MOP_RESERVED,	"mop-console-reserved" },
	{ L2C_NP_MOP_LOOP,	"mop-loop" },
	{ L2C_NP_CDP,		"cdp" },
	{ L2C_NP_LLDP,		"lldp" },
};
const size_t report_nprotos = sizeof(report_protos) / sizeof(report_protos[0]);

/* The next list item's own storage. */
static char *
item(struct fval *v)
{
	v->items[v->n] = v->store[v->n];
	return v->store[v->n++];
}

static void
get_protos(const struct l2c_neigh *n, struct fval *v)
{
	size_t	i;

	v->kind = V_LIST;
	for (i = 0; i < report_nprotos; i++)
		if (n->protos & report_protos[i].bit)
			v->items[v->n++] = report_protos[i].name;
}

/* n addresses of size bytes each, from a, as text. */
static void
get_addrs(struct fval *v, int af, const uint8_t *a, size_t size, size_t n)
{
	size_t	i;

	v->kind = V_LIST;
	for (i = 0; i < n && v->n < MAXITEMS; i++)
		inet_ntop(af, a + i * size, item(v), ITEMLEN);
}

static void
get_ipv4(const struct l2c_neigh *n, struct fval *v)
{
	get_addrs(v, AF_INET, n->ipv4[0], sizeof(n->ipv4[0]), n->nipv4);
}

static void
get_ipv6(const struct l2c_neigh *n, struct fval *v)
{
	get_addrs(v, AF_INET6, n->ipv6[0], sizeof(n->ipv6[0]), n->nipv6);
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
		if ((name = l2c_registry_function_name(bit)) != NULL)
			v->items[v->n++] = name;
		else
			snprintf(item(v), ITEMLEN, "bit %u", bit);
	}
}

static void
get_devname(const struct l2c_neigh *n, struct fval *v)
{
	if (n->have & L2C_NF_DEVICE)
		if ((v->s = l2c_registry_device_name(n->device)) != NULL)
			v->kind = V_STR;
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

/* The name of the protocol bit that sent it. */
const char *
report_proto_name(uint32_t bit)
{
	size_t	i;

	for (i = 0; i < report_nprotos; i++)
		if (report_protos[i].bit == bit)
			return report_protos[i].name;
	return "?";
}

/* The kept bytes of a TLV as hex. */
char *
report_tlv_hex(const struct l2c_neigh_tlv *t, char *buf, size_t len)
{
	size_t	i, off = 0;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < t->nbytes && off + 3 <= len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%02x",
		    t->bytes[i]);
	return buf;
}

static void
get_unknown(const struct l2c_neigh *n, struct fval *v)
{
	char	hex[2 * L2C_NEIGH_UNKBYTES + 1];
	size_t	i;

	v->kind = V_TLVS;
	v->tlvs = n->unk;
	for (i = 0; i < n->nunk && v->n < MAXITEMS; i++)
		snprintf(item(v), ITEMLEN, "%s:%u:%u:%s",
		    report_proto_name(n->unk[i].proto), n->unk[i].type,
		    n->unk[i].len, report_tlv_hex(&n->unk[i], hex,
		    sizeof(hex)));
}

/*
 * The device at the other end of the cable, as "S2 Gi0/13, cisco
 * WS-C3560-24TS": the CDP or LLDP speaker heard last (a switch passes
 * neither on), with how many others also spoke; escaped for a terminal.
 */
int
l2c_scan_partner(const struct l2c_neigh_tab *t, char *out, size_t outlen)
{
	const struct l2c_neigh	*n, *best = NULL;
	const char		*port, *what;
	char			 mac[L2C_MAC_STRLEN], buf[CELL];
	size_t			 i, more = 0, off, len = sizeof(buf);

	for (i = 0; (n = l2c_neigh_at(t, i)) != NULL; i++) {
		if (!l2c_neigh_live(n) ||
		    !(n->protos & (L2C_NP_CDP | L2C_NP_LLDP)))
			continue;
		if (best != NULL)
			more++;
		if (best == NULL || n->last_us > best->last_us)
			best = n;
	}
	if (best == NULL || outlen == 0)
		return 0;
	port = best->str[L2C_NS_PORT][0] != '\0' ? best->str[L2C_NS_PORT] :
	    best->str[L2C_NS_PORT_DESCR];
	what = best->str[L2C_NS_PLATFORM][0] != '\0' ?
	    best->str[L2C_NS_PLATFORM] : best->str[L2C_NS_DESCR];
	snprintf(buf, len, "%s", best->str[L2C_NS_IDENTITY][0] != '\0' ?
	    best->str[L2C_NS_IDENTITY] : l2c_mac_fmt(best->mac, mac,
	    sizeof(mac)));
	if (port[0] != '\0' && (off = strlen(buf)) < len)
		snprintf(buf + off, len - off, " %s", port);
	if (what[0] != '\0' && (off = strlen(buf)) < len)
		snprintf(buf + off, len - off, ", %.*s",
		    (int)strcspn(what, "\r\n"), what);
	if (more > 0 && (off = strlen(buf)) < len)
		snprintf(buf + off, len - off, " (and %zu more)", more);
	(void)l2c_tty_escape(buf, out, outlen, outlen);
	return 1;
}

const char *
report_time(int64_t us, char *buf, size_t len)
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
	v->s = report_time(n->first_wall_us, v->store[0], ITEMLEN);
}

static void
get_last(const struct l2c_neigh *n, struct fval *v)
{
	v->kind = V_STR;
	v->s = report_time(n->last_wall_us, v->store[0], ITEMLEN);
}

/* The schema: docs/scan-json.md lists these rows in this order. */
#define AT(f)		offsetof(struct l2c_neigh, f),				\
			    sizeof(((struct l2c_neigh *)0)->f)
#define GET(name, g)	{ name, g, FA_STR, 0, 0, 0 }
#define STR(name, i)	{ name, NULL, FA_STR, L2C_NF_STR(i), AT(str[i]) }
#define MAC(name, b, f)	{ name, NULL, FA_MAC, b, AT(f) }
#define UINT(name, b, f) { name, NULL, FA_UINT, b, AT(f) }
const struct field report_fields[] = {
	MAC("mac",			0,			mac),
	GET("protocols",		get_protos),
	STR("identity",			L2C_NS_IDENTITY),
	STR("platform",			L2C_NS_PLATFORM),
	STR("board",			L2C_NS_BOARD),
	STR("version",			L2C_NS_VERSION),
	STR("software_id",		L2C_NS_SOFTWARE),
	STR("interface_name",		L2C_NS_IFNAME),
	UINT("uptime_s",		L2C_NF_UPTIME,		uptime_s),
	GET("ipv4",			get_ipv4),
	GET("ipv6",			get_ipv6),
	GET("mop_functions",		get_functions),
	UINT("mop_functions_bitmap",	L2C_NF_MOP_FUNCTIONS,	mop_functions),
	MAC("mop_console_user",		L2C_NF_CONSOLE_USER,	console_user),
	UINT("mop_device",		L2C_NF_DEVICE,		device),
	GET("mop_device_name",		get_devname),
	UINT("mop_command_size",	L2C_NF_CMD_SIZE,	cmd_size),
	UINT("mop_response_size",	L2C_NF_RSP_SIZE,	rsp_size),
	MAC("mop_hardware_address",	L2C_NF_HWADDR,		hwaddr),
	GET("mop_version",		get_mopver),
	STR("port",			L2C_NS_PORT),
	STR("port_description",		L2C_NS_PORT_DESCR),
	STR("system_description",	L2C_NS_DESCR),
	STR("chassis_id",		L2C_NS_CHASSIS),
	STR("capabilities",		L2C_NS_CAPS),
	UINT("native_vlan",		L2C_NF_VLAN,		vlan),
	GET("unknown_tlvs",		get_unknown),
	GET("first_seen",		get_first),
	GET("last_seen",		get_last),
};
#undef UINT
#undef MAC
#undef STR
#undef GET
#undef AT
const size_t report_nfields = sizeof(report_fields) / sizeof(report_fields[0]);

/* A record's unsigned integer of 1, 2 or 4 bytes, in host order. */
static uint64_t
uint_at(const uint8_t *p, size_t size)
{
	uint16_t	u16;
	uint32_t	u32;

	if (size == 1)
		return *p;
	if (size == 2) {
		memcpy(&u16, p, sizeof(u16));
		return u16;
	}
	memcpy(&u32, p, sizeof(u32));
	return u32;
}

void
report_field_get(const struct field *fd, const struct l2c_neigh *n, struct fval *v)
{
	const uint8_t	*p = (const uint8_t *)n + fd->off;

	v->kind = V_NULL;
	v->s = NULL;
	v->i = 0;
	v->n = 0;
	v->tlvs = NULL;
	if (fd->get != NULL) {
		fd->get(n, v);
		return;
	}
	if ((n->have & fd->have) != fd->have)
		return;
	switch (fd->at) {
	case FA_STR:
		v->kind = V_STR;
		v->s = (const char *)p;
		break;
	case FA_MAC:
		v->kind = V_STR;
		v->s = l2c_mac_fmt(p, v->store[0], ITEMLEN);
		break;
	case FA_UINT:
		v->kind = V_INT;
		v->i = uint_at(p, fd->size);
		break;
	}
}
