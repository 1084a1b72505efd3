/* SPDX-License-Identifier: ISC */
/*
 * The protocol registry (registry.h): adding a family is one line here,
 * and what the faces ask of the list.
 */
#include <stdio.h>
#include <string.h>

#include "core/bits.h"
#include "core/err.h"
#include "disc/disc_family.h"
#include "mac/mikrotik.h"
#include "mop/mop.h"
#include "ui/registry.h"

const struct l2c_family *const l2c_families[] = {
	&mikrotik_family,
	&mop_family,
	&cdp_family,
	&lldp_family,
};

const size_t l2c_nfamilies = sizeof(l2c_families) / sizeof(l2c_families[0]);

/* Profiles and commands name a family by its row's name. */
const struct l2c_family *
l2c_family_find(const char *name)
{
	size_t	i;

	for (i = 0; i < l2c_nfamilies; i++)
		if (strcmp(l2c_families[i]->name, name) == 0)
			return l2c_families[i];
	return NULL;
}

/* `scan` and the neighbor screen ask the same rows in the same order. */
size_t
l2c_registry_scan_rows(const struct l2c_scan_proto **rows, size_t max)
{
	size_t	i, j, n = 0;

	for (i = 0; i < l2c_nfamilies; i++)
		for (j = 0; j < l2c_families[i]->nscan && n < max; j++)
			rows[n++] = l2c_families[i]->scan[j];
	return n;
}

/* The terminal habits a family's devices want, in one place. */
void
l2c_family_console_opts(const struct l2c_family *f,
    struct l2c_console_opts *co)
{
	co->wake = (f->flags & L2C_FAM_WAKE) != 0;
	co->lf_to_cr = (f->flags & L2C_FAM_LF_TO_CR) != 0;
}

/* The one way every face starts a console session. */
int
l2c_family_start(const struct l2c_family *f, struct l2c_ctx *ctx,
    const struct l2c_sess_conf *sc, struct l2c_console *con,
    struct l2c_sess *out)
{
	if (f->start == NULL)
		return L2C_ERR_INVAL;
	return f->start(ctx, sc, l2c_console_cb(con), out);
}

/* Enter on a neighbor: which consoles it offers. */
size_t
l2c_family_consoles(const struct l2c_neigh *n, const struct l2c_family **out,
    size_t max)
{
	size_t	i, k = 0;

	for (i = 0; i < l2c_nfamilies && k < max; i++)
		if (l2c_families[i]->start != NULL &&
		    (n->protos & l2c_families[i]->np_console) != 0)
			out[k++] = l2c_families[i];
	return k;
}

/* `p` on a neighbor: a ping it is known to answer, else a general one. */
const struct l2c_family *
l2c_family_pinger(const struct l2c_neigh *n)
{
	size_t	i;

	for (i = 0; i < l2c_nfamilies; i++)
		if (l2c_families[i]->ping != NULL &&
		    (n->protos & l2c_families[i]->np_seen) != 0 &&
		    !(l2c_families[i]->flags & L2C_FAM_PING_ANY))
			return l2c_families[i];
	for (i = 0; i < l2c_nfamilies; i++)
		if (l2c_families[i]->ping != NULL &&
		    (l2c_families[i]->flags & L2C_FAM_PING_ANY))
			return l2c_families[i];
	return NULL;
}

const struct l2c_family *
l2c_family_ping_default(void)
{
	size_t	i;

	for (i = 0; i < l2c_nfamilies; i++)
		if (l2c_families[i]->ping != NULL)
			return l2c_families[i];
	return NULL;
}

/*
 * The neighbor record's codes are one family's (MOP's System ID today):
 * the first row that names them speaks for them.
 */
static const struct l2c_neigh_names *
names(void)
{
	size_t	i;

	for (i = 0; i < l2c_nfamilies; i++)
		if (l2c_families[i]->names != NULL)
			return l2c_families[i]->names;
	return NULL;
}

const char *
l2c_registry_device_name(uint8_t code)
{
	const struct l2c_neigh_names	*nn = names();

	return nn != NULL && nn->device != NULL ? nn->device(code) : NULL;
}

const char *
l2c_registry_function_name(unsigned bit)
{
	const struct l2c_neigh_names	*nn = names();

	return nn != NULL && nn->function != NULL ? nn->function(bit) : NULL;
}

char *
l2c_registry_functions_str(uint16_t fn, char *buf, size_t len)
{
	const struct l2c_neigh_names	*nn = names();

	if (nn != NULL && nn->functions != NULL)
		return nn->functions(fn, buf, len);
	return l2c_bits_str(fn, 16, NULL, 0, buf, len);
}

/*
 * The one path from a session's end to the user's sentence, for every
 * face: the family's words; a family without words: the error's name.
 */
size_t
l2c_family_explain(const struct l2c_family *f, const struct l2c_sess_end *e,
    char *buf, size_t len)
{
	int	n;

	if (f->explain != NULL)
		return f->explain(e, buf, len);
	if (e->err != 0)
		n = snprintf(buf, len, "%s", l2c_strerror(e->err));
	else
		return 0;
	return n < 0 ? 0 : (size_t)n;
}
