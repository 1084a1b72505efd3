/* SPDX-License-Identifier: ISC */
/*
 * The interface picker: shown when there is not exactly one usable
 * interface and -i did not name one.  What `l2console interfaces`
 * lists, as a menu; only usable interfaces can be picked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/frame.h"
#include "core/link.h"
#include "ui/tui/tui_int.h"

#define REFRESH_US	L2C_SEC(2)	/* cables get plugged in */

struct tui_iface {
	struct l2c_ifinfo	*list;
	int			 n;
	int			 cur;
	int			 chosen;
	char			 name[IF_NAMESIZE + 1];
	struct l2c_timer	 refresh;
	struct tui		*t;
};

static const char *const iface_keys[] = {
	"Enter", "Use", "r", "Refresh", "q", "Quit", NULL
};

/* Read the list again, keeping the cursor on the same interface. */
static void
reload(struct tui_iface *p)
{
	struct l2c_ifinfo	*list;
	char			 was[IF_NAMESIZE + 1] = "";
	int			 i, n;

	if (p->cur < p->n)
		snprintf(was, sizeof(was), "%s", p->list[p->cur].name);
	if ((n = l2c_if_list(&list)) < 0) {
		tui_status(p->t, TA_ERR, "cannot list interfaces: %s",
		    l2c_strerror(n));
		return;
	}
	free(p->list);
	p->list = list;
	p->n = n;
	p->cur = 0;
	for (i = 0; i < n; i++)
		if (strcmp(list[i].name, was) == 0)
			p->cur = i;
	if (was[0] == '\0')
		for (i = 0; i < n; i++)
			if (l2c_if_unusable(&list[i]) == NULL &&
			    !list[i].loopback) {
				p->cur = i;
				break;
			}
	tui_dirty(p->t);
}

static void
on_refresh(void *arg)
{
	struct tui_iface	*p = arg;

	reload(p);
	l2c_timer_arm(p->t->loop, &p->refresh, REFRESH_US);
}

static void
iface_draw(struct tui *t, void *data)
{
	struct tui_iface	*p = data;
	const char		*why;
	char			 mac[L2C_MAC_STRLEN], line[256], right[64];
	int			 i, y, usable = 0;
	attr_t			 a;

	for (i = 0; i < p->n; i++)
		usable += l2c_if_unusable(&p->list[i]) == NULL &&
		    !p->list[i].loopback;
	snprintf(right, sizeof(right), "%d usable of %d", usable, p->n);
	tui_header(t, "l2console " L2C_VERSION " - choose an interface",
	    right);
	tui_fill(2, 0, COLS, t->attr[TA_COLHEAD]);
	snprintf(line, sizeof(line), " %-16s %-17s %-5s %-8s %-5s %s",
	    "INTERFACE", "MAC", "STATE", "CARRIER", "MTU", "USABLE");
	tui_put(2, 0, COLS, t->attr[TA_COLHEAD], line);
	for (i = 0, y = 3; i < p->n && y < LINES - 2; i++, y++) {
		why = l2c_if_unusable(&p->list[i]);
		snprintf(line, sizeof(line), " %-16s %-17s %-5s %-8s %-5d %s",
		    p->list[i].name, p->list[i].ether ?
		    l2c_mac_fmt(p->list[i].mac, mac, sizeof(mac)) : "-",
		    p->list[i].up ? "up" : "down",
		    p->list[i].carrier ? "yes" : "no", p->list[i].mtu,
		    why == NULL ? "yes" : why);
		a = i == p->cur ? t->attr[TA_SEL] :
		    why != NULL ? t->attr[TA_DIM] : A_NORMAL;
		if (i == p->cur)
			tui_fill(y, 0, COLS, a);
		tui_put(y, 0, COLS, a, line);
	}
	if (usable == 0)
		tui_put(y + 1, 1, COLS - 2, t->attr[TA_ERR], "No usable "
		    "interface: bring one up (ip link set IFACE up) and "
		    "press r.");
	tui_statusline(t, LINES - 2);
	tui_keybar(t, iface_keys);
}

static void
iface_key(struct tui *t, void *data, int ch)
{
	struct tui_iface	*p = data;
	const char		*why;

	if (tui_list_key(&p->cur, p->n, ch)) {
		tui_dirty(t);
		return;
	}
	switch (ch) {
	case KEY_HOME:
		p->cur = 0;
		break;
	case KEY_END:
		p->cur = p->n > 0 ? p->n - 1 : 0;
		break;
	case 'r':
		reload(p);
		tui_status(t, TA_NORMAL, "interfaces read again");
		break;
	case 'q':
	case 'Q':
	case KEY_F(10):
		tui_quit(t, 0);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (p->cur >= p->n)
			break;
		why = l2c_if_unusable(&p->list[p->cur]);
		if (why == NULL && p->list[p->cur].loopback)
			why = "loopback";
		if (why != NULL) {
			tui_status(t, TA_ERR, "%s cannot be used: %s",
			    p->list[p->cur].name, why);
			break;
		}
		snprintf(p->name, sizeof(p->name), "%s",
		    p->list[p->cur].name);
		p->chosen = 1;
		l2c_loop_break(t->loop, 0);
		break;
	default:
		break;
	}
	tui_dirty(t);
}

static const struct tui_screen tui_scr_iface = {
	.name = "interfaces",
	.full = 1,
	.draw = iface_draw,
	.key = iface_key,
	.keys = iface_keys,
};

/* Run the picker on t->loop: 0 with the name, or 1 when the user quit. */
int
tui_pick_iface(struct tui *t, char *name, size_t len)
{
	struct tui_iface	p;
	int			rv;

	memset(&p, 0, sizeof(p));
	p.t = t;
	t->ifc = &p;
	l2c_timer_init(&p.refresh, on_refresh, &p);
	reload(&p);
	l2c_timer_arm(t->loop, &p.refresh, REFRESH_US);
	(void)tui_push(t, &tui_scr_iface, &p);
	tui_redraw_now(t);
	while (!p.chosen && !t->quit)
		if ((rv = l2c_loop_run(t->loop)) != 0)
			break;
	l2c_timer_cancel(t->loop, &p.refresh);
	tui_pop(t);
	free(p.list);
	t->ifc = NULL;
	if (!p.chosen)
		return 1;
	snprintf(name, len, "%s", p.name);
	return 0;
}
