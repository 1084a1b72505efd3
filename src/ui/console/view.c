/* SPDX-License-Identifier: ISC */
/* A session's small tools (view.h): output shown, typed bytes echoed. */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "ui/console/view.h"

/* Each line starts with the time, as the log's --timestamps does. */
static void
put_stamped(struct l2c_view *v, const uint8_t *p, size_t n)
{
	const uint8_t	*nl;
	char		 ts[64];
	size_t		 seg;

	while (n > 0) {
		if (v->bol)
			v->put(v->arg, ts, l2c_stamp_fmt(ts, sizeof(ts)));
		nl = memchr(p, '\n', n);
		seg = nl != NULL ? (size_t)(nl - p) + 1 : n;
		v->put(v->arg, p, seg);
		v->bol = p[seg - 1] == '\n';
		p += seg;
		n -= seg;
	}
}

void
l2c_view_show(struct l2c_view *v, const uint8_t *p, size_t n)
{
	uint8_t	buf[1024];
	char	hex[L2C_HEX_OUT(512)];
	size_t	k, m;

	if (!v->hex && !v->stamps && (v->maps & L2C_MAP_IN) == 0) {
		v->put(v->arg, p, n);
		return;
	}
	for (; n > 0; p += k, n -= k) {
		k = n < 512 ? n : 512;
		if (v->hex) {
			v->put(v->arg, hex, l2c_hexview(&v->hexv, p, k, hex));
			continue;
		}
		m = l2c_map_apply(v->maps, L2C_MAP_IN, p, k, buf);
		if (v->stamps)
			put_stamped(v, buf, m);
		else
			v->put(v->arg, buf, m);
	}
}

void
l2c_view_echo(struct l2c_view *v, const uint8_t *p, size_t n)
{
	size_t	i;

	if (!v->local_echo)
		return;
	for (i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n')
			v->put(v->arg, "\r\n", 2);
		else
			v->put(v->arg, p + i, 1);
}

size_t
l2c_view_out(const struct l2c_view *v, const uint8_t *p, size_t n,
    uint8_t *out)
{
	return l2c_map_apply(v->maps, L2C_MAP_OUT, p, n, out);
}

static const char *const switch_names[] = {
	[L2C_VIEW_ECHO] = "local echo",
	[L2C_VIEW_HEX] = "hex view",
	[L2C_VIEW_STAMPS] = "time stamps",
};

int
l2c_view_on(const struct l2c_view *v, enum l2c_view_switch which)
{
	switch (which) {
	case L2C_VIEW_HEX:
		return v->hex;
	case L2C_VIEW_STAMPS:
		return v->stamps;
	case L2C_VIEW_ECHO:
		break;
	}
	return v->local_echo;
}

void
l2c_view_flip(struct l2c_view *v, enum l2c_view_switch which, char *msg,
    size_t len)
{
	switch (which) {
	case L2C_VIEW_ECHO:
		v->local_echo = !v->local_echo;
		break;
	case L2C_VIEW_HEX:
		v->hex = !v->hex;
		v->hexv.col = 0;
		break;
	case L2C_VIEW_STAMPS:
		v->stamps = !v->stamps;
		v->bol = 1;
		break;
	}
	snprintf(msg, len, "%s %s", switch_names[which],
	    l2c_view_on(v, which) ? "on" : "off");
}

int
l2c_view_set_maps(struct l2c_view *v, const char *spec, char *msg,
    size_t len)
{
	char		names[128];
	unsigned	maps;

	if (spec[0] != '\0') {
		if (l2c_map_parse(spec, &maps) != 0) {
			snprintf(msg, len, "unknown map in \"%s\"", spec);
			return L2C_ERR_INVAL;
		}
		v->maps = maps;
	}
	l2c_map_names(v->maps, names, sizeof(names));
	snprintf(msg, len, "maps: %s", names);
	return 0;
}
