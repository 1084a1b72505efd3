/* SPDX-License-Identifier: ISC */
/*
 * The neighbor table, live: the scan engine fills it (probes at start,
 * on `r`, and every minute), this screen sorts, filters and shows it,
 * and Enter asks which console to open.  Details and help are text
 * popups; `p` hands the selected device to the pinger.
 */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/log.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "core/scan_sched.h"
#include "core/sweep.h"
#include "ui/registry.h"
#include "ui/report/scan_out.h"
#include "ui/tui/tui_int.h"

#define FILTERLEN	64

struct tui_neigh {
	struct tui		 *t;
	struct l2c_neigh_tab	 *tab;
	struct l2c_scan		  scan;
	int			  scan_on;
	struct l2c_scan_sched	  sched;
	struct l2c_sweep	  sweep;	/* as scan's, at its rate */
	struct l2c_timer	  age;
	const struct l2c_neigh	**view;
	size_t			  nview, capview;
	uint8_t			  sel[L2C_ETH_ALEN];
	int			  have_sel;
	size_t			  cur, top;
	char			  filter[FILTERLEN];
	int			  filtering;
};

static const char *const neigh_keys[] = {
	"Enter", "Connect", "c", "Connect to...", "/", "Filter", "i", "Info",
	"p", "Ping", "r", "Rescan", "s", "Sessions", "?", "Help", "q", "Quit",
	NULL
};

static const char *const filter_keys[] = {
	"Enter", "Keep filter", "Esc", "Clear filter", "Up/Down", "Move",
	NULL
};

static int
is_mt(const struct l2c_neigh *n)
{
	return (n->protos & (L2C_NP_MNDP | L2C_NP_MACTELNET)) != 0;
}

static int
is_mop(const struct l2c_neigh *n)
{
	return (n->protos & L2C_NP_MOP_CONSOLE) != 0;
}

/* Named devices first, by name; then the rest by MAC. */
static int
cmp_neigh(const void *a, const void *b)
{
	const struct l2c_neigh	*x = *(const struct l2c_neigh *const *)a;
	const struct l2c_neigh	*y = *(const struct l2c_neigh *const *)b;
	const char		*nx = x->str[L2C_NS_IDENTITY];
	const char		*ny = y->str[L2C_NS_IDENTITY];
	int			 r;

	if ((nx[0] == '\0') != (ny[0] == '\0'))
		return nx[0] == '\0' ? 1 : -1;
	if ((r = strcasecmp(nx, ny)) != 0)
		return r;
	return memcmp(x->mac, y->mac, L2C_ETH_ALEN);
}

static const char *
ipv4_str(const struct l2c_neigh *n, size_t i, char *buf, size_t len)
{
	if (i >= n->nipv4 || inet_ntop(AF_INET, n->ipv4[i], buf,
	    (socklen_t)len) == NULL)
		return "";
	return buf;
}

static int
matches(const struct l2c_neigh *n, const char *f)
{
	char	buf[64];
	size_t	i;

	if (f[0] == '\0')
		return 1;
	if (strcasestr(l2c_mac_fmt(n->mac, buf, sizeof(buf)), f) != NULL)
		return 1;
	for (i = 0; i < L2C_NS_COUNT; i++)
		if (strcasestr(n->str[i], f) != NULL)
			return 1;
	for (i = 0; i < n->nipv4; i++)
		if (strstr(ipv4_str(n, i, buf, sizeof(buf)), f) != NULL)
			return 1;
	if (is_mt(n) && (strcasestr("MT MikroTik", f) != NULL))
		return 1;
	if ((n->protos & L2C_NP_MOP) && strcasestr("MOP", f) != NULL)
		return 1;
	return 0;
}

/* The rows on screen: filtered, sorted, the cursor on the same MAC. */
static void
build_view(struct tui_neigh *nb)
{
	const struct l2c_neigh	**v;
	struct l2c_neigh	 *n;
	size_t			  i, cnt = l2c_neigh_count(nb->tab);

	if (cnt > nb->capview) {
		if ((v = reallocarray(nb->view, cnt, sizeof(*v))) == NULL)
			return;
		nb->view = v;
		nb->capview = cnt;
	}
	nb->nview = 0;
	for (i = 0; (n = l2c_neigh_at(nb->tab, i)) != NULL; i++)
		if (l2c_neigh_live(n) && matches(n, nb->filter) &&
		    nb->nview < cnt)
			nb->view[nb->nview++] = n;
	if (nb->nview > 1)
		qsort(nb->view, nb->nview, sizeof(*nb->view), cmp_neigh);
	if (nb->have_sel)
		for (i = 0; i < nb->nview; i++)
			if (memcmp(nb->view[i]->mac, nb->sel,
			    L2C_ETH_ALEN) == 0) {
				nb->cur = i;
				break;
			}
	if (nb->cur >= nb->nview)
		nb->cur = nb->nview > 0 ? nb->nview - 1 : 0;
	if (nb->nview > 0) {
		memcpy(nb->sel, nb->view[nb->cur]->mac, L2C_ETH_ALEN);
		nb->have_sel = 1;
	}
}

static const struct l2c_neigh *
selected(struct tui_neigh *nb)
{
	build_view(nb);
	return nb->nview > 0 ? nb->view[nb->cur] : NULL;
}

/*
 * Badges: MT, MOP (console offered), MOP reserved; lower-case mop: no
 * console; lower-case cdp or lldp: it only said who it is.
 */
static int
badges(struct tui *t, int y, int x, int w, const struct l2c_neigh *n,
    attr_t base)
{
	int	used = 0;

	if (is_mt(n))
		used += tui_put(y, x + used, w - used, base | t->attr[TA_MT],
		    "MT ");
	if (n->protos & L2C_NP_MOP_RESERVED)
		used += tui_put(y, x + used, w - used, base | t->attr[TA_RSV],
		    "MOP-rsvd");
	else if (is_mop(n))
		used += tui_put(y, x + used, w - used, base | t->attr[TA_MOP],
		    "MOP");
	else if (n->protos & L2C_NP_MOP)
		used += tui_put(y, x + used, w - used, base | t->attr[TA_DIM],
		    "mop");
	if (used == 0 && (n->protos & (L2C_NP_CDP | L2C_NP_LLDP)))
		used += tui_put(y, x, w, base | t->attr[TA_DIM],
		    n->protos & L2C_NP_CDP ? "cdp" : "lldp");
	return used;
}

/* Column widths for this terminal: name and platform share the slack. */
struct cols {
	int	proto, mac, name, plat, ver, ip, age;
};

static void
layout(struct cols *c)
{
	int	slack;

	c->proto = 12;
	c->mac = 18;
	c->ver = COLS >= 100 ? 13 : 0;
	c->ip = COLS >= 90 ? 16 : 0;
	c->age = 5;
	slack = COLS - 1 - c->proto - c->mac - c->ver - c->ip - c->age;
	if (slack < 16)
		slack = 16;
	c->name = slack * 5 / 9;
	c->plat = slack - c->name;
}

static void
draw_row(struct tui *t, int y, const struct l2c_neigh *n, int sel,
    const struct cols *c)
{
	char		 buf[2 * L2C_NEIGH_STRLEN + 4], mac[L2C_MAC_STRLEN];
	const char	*dev = NULL;
	attr_t		 a = sel ? t->attr[TA_SEL] : A_NORMAL;
	int		 x = 1;
	uint64_t now = l2c_now_us();

	if (sel)
		tui_fill(y, 0, COLS, a);
	badges(t, y, x, c->proto - 1, n, sel ? A_BOLD : A_NORMAL);
	x += c->proto;
	tui_put(y, x, c->mac - 1, a, l2c_mac_fmt(n->mac, mac, sizeof(mac)));
	x += c->mac;
	tui_put(y, x, c->name - 1, a, n->str[L2C_NS_IDENTITY][0] != '\0' ?
	    n->str[L2C_NS_IDENTITY] : "-");
	x += c->name;
	if (n->str[L2C_NS_PLATFORM][0] != '\0' &&
	    n->str[L2C_NS_BOARD][0] != '\0')
		snprintf(buf, sizeof(buf), "%s %s", n->str[L2C_NS_PLATFORM],
		    n->str[L2C_NS_BOARD]);
	else if (n->str[L2C_NS_PLATFORM][0] != '\0' ||
	    n->str[L2C_NS_BOARD][0] != '\0')
		snprintf(buf, sizeof(buf), "%s%s", n->str[L2C_NS_PLATFORM],
		    n->str[L2C_NS_BOARD]);
	else {
		if (n->have & L2C_NF_DEVICE)
			dev = l2c_registry_device_name(n->device);
		snprintf(buf, sizeof(buf), "%s", dev != NULL ? dev : "-");
	}
	tui_put(y, x, c->plat - 1, a, buf);
	x += c->plat;
	if (c->ver > 0) {
		tui_put(y, x, c->ver - 1, a, n->str[L2C_NS_VERSION][0] != '\0' ?
		    n->str[L2C_NS_VERSION] : n->str[L2C_NS_SOFTWARE]);
		x += c->ver;
	}
	if (c->ip > 0) {
		tui_put(y, x, c->ip - 1, a, ipv4_str(n, 0, buf, sizeof(buf)));
		x += c->ip;
	}
	tui_put(y, x, c->age, a, tui_age(now > n->last_us ?
	    now - n->last_us : 0, buf, sizeof(buf)));
}

static void
on_age(void *arg)
{
	struct tui_neigh	*nb = arg;

	tui_redraw_now(nb->t);
}

/* Header with counts, column titles, rows, status line and key bar. */
static void
neigh_draw(struct tui *t, void *data)
{
	struct tui_neigh	*nb = data;
	const struct l2c_neigh	*n;
	struct cols		 c;
	char			 left[320], right[96], mac[L2C_MAC_STRLEN];
	char			 partner[160];
	size_t			 i, mt = 0, mop = 0, all;
	int			 x, y, rowsh;

	build_view(nb);
	all = l2c_neigh_count(nb->tab);
	for (i = 0; (n = l2c_neigh_at(nb->tab, i)) != NULL; i++) {
		if (!l2c_neigh_live(n))
			continue;
		mt += is_mt(n);
		mop += (n->protos & L2C_NP_MOP) != 0;
	}
	snprintf(left, sizeof(left), "l2console %s  %s %s", L2C_VERSION,
	    t->u.link->ifname, l2c_mac_fmt(t->u.link->mac, mac, sizeof(mac)));
	/* The device at the other end of the cable, once it spoke. */
	if (l2c_scan_partner(nb->tab, partner, sizeof(partner)))
		snprintf(left + strlen(left), sizeof(left) - strlen(left),
		    "  link: %s", partner);
	snprintf(right, sizeof(right), "%zu device%s: %zu MikroTik, %zu MOP",
	    all, all == 1 ? "" : "s", mt, mop);
	tui_header(t, left, right);
	if (nb->filtering || nb->filter[0] != '\0') {
		snprintf(left, sizeof(left), "Filter: %s%s  (%zu of %zu)",
		    nb->filter, nb->filtering ? "_" : "", nb->nview, all);
		tui_put(1, 1, COLS - 2, A_BOLD, left);
	}
	layout(&c);
	tui_fill(2, 0, COLS, t->attr[TA_COLHEAD]);
	x = 1;
	tui_put(2, x, c.proto, t->attr[TA_COLHEAD], "PROTO");
	x += c.proto;
	tui_put(2, x, c.mac, t->attr[TA_COLHEAD], "MAC");
	x += c.mac;
	tui_put(2, x, c.name, t->attr[TA_COLHEAD], "IDENTITY");
	x += c.name;
	tui_put(2, x, c.plat, t->attr[TA_COLHEAD], "PLATFORM/BOARD");
	x += c.plat;
	if (c.ver > 0) {
		tui_put(2, x, c.ver, t->attr[TA_COLHEAD], "VERSION");
		x += c.ver;
	}
	if (c.ip > 0) {
		tui_put(2, x, c.ip, t->attr[TA_COLHEAD], "IP");
		x += c.ip;
	}
	tui_put(2, x, c.age, t->attr[TA_COLHEAD], "AGE");

	rowsh = LINES - 5;
	if (nb->cur < nb->top)
		nb->top = nb->cur;
	if (rowsh > 0 && nb->cur >= nb->top + (size_t)rowsh)
		nb->top = nb->cur - (size_t)rowsh + 1;
	for (i = nb->top, y = 3; i < nb->nview && y < LINES - 2; i++, y++)
		draw_row(t, y, nb->view[i], i == nb->cur, &c);
	if (nb->nview == 0)
		tui_put(4, 2, COLS - 4, t->attr[TA_DIM], all == 0 ?
		    "Listening and asking (MNDP, MAC-Telnet ping, MOP "
		    "Request ID)... r asks again." :
		    "No device matches the filter.");
	tui_statusline(t, LINES - 2);
	tui_keybar(t, nb->filtering ? filter_keys : neigh_keys);
	/* Ages tick: redraw once a second while there are any. */
	if (nb->nview > 0 && !nb->age.armed)
		l2c_timer_arm(t->loop, &nb->age, L2C_SEC(1));
}

static void
send_failed(void *arg, int rv)
{
	struct tui_neigh	*nb = arg;

	tui_status(nb->t, TA_ERR, "cannot send probes on %s: %s",
	    nb->t->u.link->ifname, l2c_strerror(rv));
}

static void
on_news(void *arg, struct l2c_neigh *n, int result)
{
	struct tui_neigh	*nb = arg;

	(void)n;
	(void)result;
	tui_dirty(nb->t);
}

static void
details(struct tui *t, const struct l2c_neigh *n)
{
	static const char *const strname[L2C_NS_COUNT] = {
		"Identity", "Platform", "Board", "Version", "Software id",
		"Interface", "Port", "Port descr.", "Description",
		"Chassis id", "Capabilities", "Login offered",
	};
	const char	*s, *dev;
	int		 w;
	char		buf[256], mac[L2C_MAC_STRLEN], ip[64];
	uint64_t	now = l2c_now_us(), up;
	size_t		i;

	tui_pop_clear(t);
	tui_pop_add(t, "%-16s %s", "MAC", l2c_mac_fmt(n->mac, mac,
	    sizeof(mac)));
	tui_pop_add(t, "%-16s %s%s%s%s%s%s%s%s", "Protocols",
	    (n->protos & L2C_NP_MNDP) ? "MNDP " : "",
	    (n->protos & L2C_NP_MACTELNET) ? "MAC-Telnet " : "",
	    (n->protos & L2C_NP_MOP) ? "MOP " : "",
	    (n->protos & L2C_NP_MOP_CONSOLE) ? "MOP-console " : "",
	    (n->protos & L2C_NP_MOP_RESERVED) ? "(reserved) " : "",
	    (n->protos & L2C_NP_MOP_LOOP) ? "MOP-loopback " : "",
	    (n->protos & L2C_NP_CDP) ? "CDP " : "",
	    (n->protos & L2C_NP_LLDP) ? "LLDP" : "");
	/* Multi-line text (IOS's version) one line a row. */
	for (i = 0; i < L2C_NS_COUNT; i++) {
		if (!(n->have & L2C_NF_STR(i)))
			continue;
		s = n->str[i];
		do {
			w = (int)strcspn(s, "\r\n");
			tui_pop_add(t, "%-16s %.*s", s == n->str[i] ?
			    strname[i] : "", w, s);
			s += w;
			s += strspn(s, "\r\n");
		} while (*s != '\0');
	}
	if (n->have & L2C_NF_VLAN)
		tui_pop_add(t, "%-16s %u", "Native VLAN", n->vlan);
	for (i = 0; i < n->nunk; i++)
		tui_pop_add(t, "%-16s %s type %u, %u byte%s: %s%s",
		    i == 0 ? "Unknown TLVs" : "",
		    report_proto_name(n->unk[i].proto), n->unk[i].type,
		    n->unk[i].len, n->unk[i].len == 1 ? "" : "s",
		    report_tlv_hex(&n->unk[i], buf, sizeof(buf)),
		    n->unk[i].len > n->unk[i].nbytes ? "..." : "");
	if (n->have & L2C_NF_UPTIME) {
		up = n->uptime_s + (now - n->uptime_us) / 1000000;
		tui_pop_add(t, "%-16s %llud %02lluh %02llum %02llus",
		    "Uptime", (unsigned long long)(up / 86400),
		    (unsigned long long)(up / 3600 % 24),
		    (unsigned long long)(up / 60 % 60),
		    (unsigned long long)(up % 60));
	}
	for (i = 0; i < n->nipv4; i++)
		tui_pop_add(t, "%-16s %s", i == 0 ? "IPv4" : "",
		    ipv4_str(n, i, ip, sizeof(ip)));
	for (i = 0; i < n->nipv6; i++)
		tui_pop_add(t, "%-16s %s", i == 0 ? "IPv6" : "",
		    inet_ntop(AF_INET6, n->ipv6[i], ip, sizeof(ip)) ?
		    ip : "?");
	if (n->have & L2C_NF_MOP_VERSION)
		tui_pop_add(t, "%-16s %u.%u.%u", "MOP version",
		    n->mop_version[0], n->mop_version[1], n->mop_version[2]);
	if (n->have & L2C_NF_MOP_FUNCTIONS)
		tui_pop_add(t, "%-16s %s", "MOP functions",
		    l2c_registry_functions_str(n->mop_functions, buf,
		    sizeof(buf)));
	if (n->have & L2C_NF_CONSOLE_USER)
		tui_pop_add(t, "%-16s %s%s", "Console user",
		    l2c_mac_fmt(n->console_user, mac, sizeof(mac)),
		    memcmp(n->console_user, t->u.link->mac, L2C_ETH_ALEN) ==
		    0 ? " (us)" : "");
	if (n->have & L2C_NF_DEVICE) {
		dev = l2c_registry_device_name(n->device);
		tui_pop_add(t, "%-16s %s (%u)", "Device", dev != NULL ? dev :
		    "?", n->device);
	}
	if (n->have & (L2C_NF_CMD_SIZE | L2C_NF_RSP_SIZE))
		tui_pop_add(t, "%-16s command %u, response %u bytes",
		    "Console buffers", n->cmd_size, n->rsp_size);
	if (n->have & L2C_NF_HWADDR)
		tui_pop_add(t, "%-16s %s", "Hardware address",
		    l2c_mac_fmt(n->hwaddr, mac, sizeof(mac)));
	tui_pop_add(t, "%-16s %s ago", "First seen", tui_age(now -
	    n->first_us, buf, sizeof(buf)));
	tui_pop_add(t, "%-16s %s ago (%llu frames about it)", "Last seen",
	    tui_age(now - n->last_us, buf, sizeof(buf)),
	    (unsigned long long)n->updates);
	snprintf(buf, sizeof(buf), "%s", n->str[L2C_NS_IDENTITY][0] != '\0' ?
	    n->str[L2C_NS_IDENTITY] : mac);
	tui_pop_show(t, buf);
}

static void
help(struct tui *t)
{
	char	esc[8];

	tui_pop_clear(t);
	tui_pop_add(t, "Up/Down PgUp/PgDn Home/End   move");
	tui_pop_add(t, "Enter     connect: MikroTik asks for a login, MOP "
	    "goes straight in");
	tui_pop_add(t, "c         connect to a station by MAC, /etc/ethers "
	    "name or identity");
	tui_pop_add(t, "/         filter as you type (MAC, name, platform, "
	    "version, IP)");
	tui_pop_add(t, "i         every field of the selected device");
	tui_pop_add(t, "p         ping it (MAC-Telnet ping, else MOP "
	    "loopback)");
	tui_pop_add(t, "r         ask everyone again");
	tui_pop_add(t, "s Tab     back to the sessions left running");
	tui_pop_add(t, "^L        redraw;  q  quit");
	tui_pop_add(t, "%s", "");
	tui_pop_add(t, "MT        MikroTik: MNDP announcement or MAC-Telnet "
	    "ping answered");
	tui_pop_add(t, "MOP       DEC MOP remote console offered");
	tui_pop_add(t, "MOP-rsvd  ... and reserved by someone (i: by whom)");
	tui_pop_add(t, "cdp lldp  only CDP or LLDP: who it is, which port");
	tui_pop_add(t, "mop       MOP station without a console");
	tui_pop_add(t, "%s", "");
	tui_pop_add(t, "In a session, %s opens the session menu (? there "
	    "lists its keys).", tui_keyname(t->o.escape, esc, sizeof(esc)));
	tui_pop_show(t, "l2console help");
}

static void
choose_done(struct tui *t, int which)
{
	if (which < 0)
		return;
	t->conn.fam = t->choice.fam[which];
	if (t->conn.fam->flags & L2C_FAM_LOGIN)
		tui_login_form(t);
	else
		tui_connect(t);
}

/* Enter: the protocol the device offers; ask when it offers both. */
static void
connect_to(struct tui *t, const struct l2c_neigh *n)
{
	char	mac[L2C_MAC_STRLEN];
	int	n_fam;

	memset(&t->conn, 0, sizeof(t->conn));
	memcpy(t->conn.peer, n->mac, L2C_ETH_ALEN);
	snprintf(t->conn.name, sizeof(t->conn.name), "%s",
	    n->str[L2C_NS_IDENTITY][0] != '\0' ? n->str[L2C_NS_IDENTITY] :
	    l2c_mac_fmt(n->mac, mac, sizeof(mac)));
	memset(&t->choice, 0, sizeof(t->choice));
	snprintf(t->choice.title, sizeof(t->choice.title),
	    "Connect to %.80s with", t->conn.name);
	t->choice.done = choose_done;
	n_fam = tui_choice_families(t, n);
	if (n_fam > 1)
		tui_choice_show(t);
	else if (n_fam == 1)
		choose_done(t, 0);
	else
		tui_status(t, TA_ERR, "%s offers no console (MOP without the "
		    "console carrier)", t->conn.name);
}

/* An identity heard in the table (case-insensitive): 0 or NOTFOUND. */
static int
neigh_lookup(struct tui *t, const char *name, uint8_t *mac)
{
	const struct l2c_neigh	*n;
	size_t			 i;

	if (t->nb == NULL)
		return L2C_ERR_NOTFOUND;
	for (i = 0; (n = l2c_neigh_at(t->nb->tab, i)) != NULL; i++) {
		if (l2c_neigh_live(n) && strcasecmp(n->str[L2C_NS_IDENTITY], name) == 0) {
			memcpy(mac, n->mac, L2C_ETH_ALEN);
			return 0;
		}
	}
	return L2C_ERR_NOTFOUND;
}

static void
filter_key(struct tui_neigh *nb, int ch)
{
	size_t	len = strlen(nb->filter);

	switch (ch) {
	case 27:
		nb->filter[0] = '\0';
		nb->filtering = 0;
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		nb->filtering = 0;
		return;
	case KEY_BACKSPACE:
	case 0x7f:
	case 0x08:
		if (len > 0)
			nb->filter[len - 1] = '\0';
		return;
	default:
		if (ch >= 0x20 && ch < 0x7f && len + 1 < sizeof(nb->filter)) {
			nb->filter[len] = (char)ch;
			nb->filter[len + 1] = '\0';
		}
		return;
	}
}

static void
move_cur(struct tui_neigh *nb, long d)
{
	long	c = (long)nb->cur + d;

	build_view(nb);
	if (c >= (long)nb->nview)
		c = (long)nb->nview - 1;
	if (c < 0)
		c = 0;
	nb->cur = (size_t)c;
	if (nb->nview > 0)
		memcpy(nb->sel, nb->view[nb->cur]->mac, L2C_ETH_ALEN);
}

/* Moving keys work while filtering; the letters then go to the filter. */
static void
neigh_key(struct tui *t, void *data, int ch)
{
	struct tui_neigh	*nb = data;
	const struct l2c_neigh	*n;
	long			 page = LINES - 6 > 1 ? LINES - 6 : 1;

	tui_dirty(t);
	switch (ch) {
	case KEY_UP:
		move_cur(nb, -1);
		return;
	case KEY_DOWN:
		move_cur(nb, 1);
		return;
	case KEY_PPAGE:
		move_cur(nb, -page);
		return;
	case KEY_NPAGE:
		move_cur(nb, page);
		return;
	case KEY_HOME:
		move_cur(nb, -(long)nb->nview);
		return;
	case KEY_END:
		move_cur(nb, (long)nb->nview);
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		nb->filtering = 0;
		if ((n = selected(nb)) != NULL)
			connect_to(t, n);
		return;
	default:
		break;
	}
	if (nb->filtering) {
		filter_key(nb, ch);
		return;
	}
	switch (ch) {
	case 'k':
		move_cur(nb, -1);
		break;
	case 'j':
		move_cur(nb, 1);
		break;
	case '/':
		nb->filtering = 1;
		break;
	case 27:
		nb->filter[0] = '\0';
		break;
	case 'i':
		if ((n = selected(nb)) != NULL)
			details(t, n);
		break;
	case 'p':
		if ((n = selected(nb)) == NULL)
			break;
		(void)tui_ping_start(t, l2c_family_pinger(n), n->mac,
		    n->str[L2C_NS_IDENTITY]);
		break;
	case 'c':
		tui_dial(t, neigh_lookup);
		break;
	case 's':
	case '\t':
		if (t->ss.n == 0)
			tui_status(t, TA_NORMAL, "no session is running");
		else
			t->sess_show(t, -1);
		break;
	case 'r':
		l2c_scan_sched_now(&nb->sched, 1);
		tui_status(t, TA_NORMAL, "asked again: MNDP refresh, MOP "
		    "Request ID, MAC-Telnet ping");
		break;
	case '?':
	case 'h':
	case KEY_F(1):
		help(t);
		break;
	case 'q':
	case 'Q':
	case KEY_F(10):
		tui_quit(t, 0);
		break;
	default:
		break;
	}
}

const struct tui_screen tui_scr_neigh = {
	.name = "neighbors",
	.full = 1,
	.draw = neigh_draw,
	.key = neigh_key,
	.keys = neigh_keys,
};

/* The table, the scan rows listening on the link, and the first probes. */
int
tui_neigh_start(struct tui *t)
{
	const struct l2c_scan_proto	*rows[L2C_REG_MAXSCAN];
	struct tui_neigh		*nb;
	size_t				 nrows;
	int				 rv;

	if ((nb = calloc(1, sizeof(*nb))) == NULL)
		return L2C_ERR_NOMEM;
	nb->t = t;
	t->nb = nb;
	l2c_scan_sched_init(&nb->sched, &nb->scan);
	nb->sched.send_error = send_failed;
	nb->sched.arg = nb;
	l2c_timer_init(&nb->age, on_age, nb);
	if ((rv = l2c_neigh_new(0, &nb->tab)) != 0)
		return rv;
	nrows = l2c_registry_scan_rows(rows, L2C_REG_MAXSCAN);
	if ((rv = l2c_scan_init(&nb->scan, &t->u.ctx, nb->tab, rows, nrows,
	    ~0u)) != 0)
		return rv;
	nb->scan_on = 1;
	nb->scan.news = on_news;
	nb->scan.newsarg = nb;
	if ((rv = l2c_sweep_start(&nb->sweep, &nb->scan, 0)) != 0)
		return rv;
	if ((rv = tui_push(t, &tui_scr_neigh, nb)) != 0)
		return rv;
	l2c_scan_sched_now(&nb->sched, 0);
	return 0;
}

/* Back from a session: ask again, so a released console shows free. */
void
tui_neigh_resume(struct tui *t)
{
	if (t->nb != NULL && t->nb->scan_on)
		l2c_scan_sched_now(&t->nb->sched, 0);
}

void
tui_neigh_stop(struct tui *t)
{
	struct tui_neigh	*nb = t->nb;

	if (nb == NULL)
		return;
	if (t->loop != NULL) {
		l2c_scan_sched_stop(&nb->sched);
		l2c_timer_cancel(t->loop, &nb->age);
	}
	l2c_sweep_stop(&nb->sweep);
	if (nb->scan_on)
		l2c_scan_fini(&nb->scan);
	l2c_neigh_free(nb->tab);
	free(nb->view);
	free(nb);
	t->nb = NULL;
}
