/*
 * The neighbor table: records in fixed chunks (stable pointers), found
 * through an open-addressing hash of the MAC with a random key, so a
 * station spoofing many addresses cannot make every lookup collide.
 */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "loop.h"
#include "neigh.h"
#include "random.h"

#define CHUNK_SHIFT	8
#define CHUNK		(1u << CHUNK_SHIFT)
/* Changes merge() reports beyond the L2C_NF_* field bits. */
#define CHG_ADDR	0x80000000u
#define CHG_PROTOS	0x40000000u

struct l2c_neigh_tab {
	struct l2c_neigh	**chunks;
	size_t			  nchunks;
	size_t			  n;		/* records */
	size_t			  max;
	uint32_t		 *slots;	/* record index + 1; 0 empty */
	size_t			  nslots;	/* power of two */
	uint64_t		  key;
	uint64_t		  gen;
	uint64_t		  dropped;
};

int64_t
l2c_wall_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* splitmix64's finaliser over the MAC and the table's key. */
static uint64_t
mac_hash(const struct l2c_neigh_tab *t, const uint8_t *mac)
{
	uint64_t	x = t->key;
	int		i;

	for (i = 0; i < L2C_ETH_ALEN; i++)
		x = (x << 8 | x >> 56) ^ mac[i];
	x ^= t->key;
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static struct l2c_neigh *
rec(const struct l2c_neigh_tab *t, size_t i)
{
	return &t->chunks[i >> CHUNK_SHIFT][i & (CHUNK - 1)];
}

int
l2c_neigh_new(size_t max, struct l2c_neigh_tab **tp)
{
	struct l2c_neigh_tab	*t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return L2C_ERR_NOMEM;
	t->max = max > 0 && max < UINT32_MAX / 4 ? max : L2C_NEIGH_MAX_DEFAULT;
	t->nslots = 256;
	if ((t->slots = calloc(t->nslots, sizeof(*t->slots))) == NULL) {
		free(t);
		return L2C_ERR_NOMEM;
	}
	t->key = l2c_random_cookie();
	*tp = t;
	return 0;
}

void
l2c_neigh_free(struct l2c_neigh_tab *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nchunks; i++)
		free(t->chunks[i]);
	free(t->chunks);
	free(t->slots);
	free(t);
}

/* The slot holding mac, or the empty slot where it would go. */
static uint32_t *
slot_for(const struct l2c_neigh_tab *t, const uint8_t *mac)
{
	size_t		 i, mask = t->nslots - 1;
	uint32_t	*s;

	for (i = mac_hash(t, mac) & mask;; i = (i + 1) & mask) {
		s = &t->slots[i];
		if (*s == 0 || memcmp(rec(t, *s - 1)->mac, mac,
		    L2C_ETH_ALEN) == 0)
			return s;
	}
}

/* Keep the load at most one half: probes stay short. */
static int
grow_slots(struct l2c_neigh_tab *t)
{
	uint32_t	*old = t->slots;
	size_t		 i, oldn = t->nslots;

	if ((t->n + 1) * 2 <= t->nslots)
		return 0;
	if ((t->slots = calloc(oldn * 2, sizeof(*t->slots))) == NULL) {
		t->slots = old;
		return L2C_ERR_NOMEM;
	}
	t->nslots = oldn * 2;
	for (i = 0; i < t->n; i++)
		*slot_for(t, rec(t, i)->mac) = (uint32_t)i + 1;
	free(old);
	return 0;
}

static struct l2c_neigh *
add(struct l2c_neigh_tab *t, const uint8_t *mac, uint32_t *slot)
{
	struct l2c_neigh	**nc, *n;
	size_t			  c = t->n >> CHUNK_SHIFT;

	if (c >= t->nchunks) {
		if ((nc = reallocarray(t->chunks, c + 1, sizeof(*nc))) == NULL)
			return NULL;
		t->chunks = nc;
		if ((nc[c] = calloc(CHUNK, sizeof(**nc))) == NULL)
			return NULL;
		t->nchunks = c + 1;
	}
	n = rec(t, t->n);
	memset(n, 0, sizeof(*n));
	memcpy(n->mac, mac, L2C_ETH_ALEN);
	*slot = (uint32_t)++t->n;
	return n;
}

struct l2c_neigh *
l2c_neigh_find(const struct l2c_neigh_tab *t, const uint8_t *mac)
{
	uint32_t	*s = slot_for(t, mac);

	return *s == 0 ? NULL : rec(t, *s - 1);
}

size_t
l2c_neigh_count(const struct l2c_neigh_tab *t)
{
	return t->n;
}

struct l2c_neigh *
l2c_neigh_at(const struct l2c_neigh_tab *t, size_t i)
{
	return i < t->n ? rec(t, i) : NULL;
}

uint64_t
l2c_neigh_gen(const struct l2c_neigh_tab *t)
{
	return t->gen;
}

uint64_t
l2c_neigh_dropped(const struct l2c_neigh_tab *t)
{
	return t->dropped;
}

static int
cmp_mac(const void *a, const void *b)
{
	const struct l2c_neigh	*const *x = a, *const *y = b;

	return memcmp((*x)->mac, (*y)->mac, L2C_ETH_ALEN);
}

int
l2c_neigh_sorted(const struct l2c_neigh_tab *t, const struct l2c_neigh ***lp)
{
	const struct l2c_neigh	**l;
	size_t			  i;

	if ((l = calloc(t->n + 1, sizeof(*l))) == NULL)
		return L2C_ERR_NOMEM;
	for (i = 0; i < t->n; i++)
		l[i] = rec(t, i);
	qsort(l, t->n, sizeof(*l), cmp_mac);
	*lp = l;
	return (int)t->n;
}

void
l2c_neigh_upd_init(struct l2c_neigh_upd *u, const uint8_t *mac)
{
	memset(u, 0, sizeof(*u));
	memcpy(u->f.mac, mac, L2C_ETH_ALEN);
}

void
l2c_neigh_upd_str(struct l2c_neigh_upd *u, enum l2c_neigh_str i,
    const void *p, size_t len)
{
	const char	*nul;

	if ((unsigned)i >= L2C_NS_COUNT)
		return;
	if ((nul = memchr(p, '\0', len)) != NULL)
		len = (size_t)(nul - (const char *)p);
	if (len > L2C_NEIGH_STRLEN - 1)
		len = L2C_NEIGH_STRLEN - 1;
	memcpy(u->f.str[i], p, len);
	u->f.str[i][len] = '\0';
	u->f.have |= L2C_NF_STR(i);
}

void
l2c_neigh_upd_ipv4(struct l2c_neigh_upd *u, const uint8_t *a)
{
	if (u->f.nipv4 < L2C_NEIGH_MAXADDR)
		memcpy(u->f.ipv4[u->f.nipv4++], a, 4);
}

void
l2c_neigh_upd_ipv6(struct l2c_neigh_upd *u, const uint8_t *a)
{
	if (u->f.nipv6 < L2C_NEIGH_MAXADDR)
		memcpy(u->f.ipv6[u->f.nipv6++], a, 16);
}

/*
 * Add an address unless known; when full, the oldest goes (a device that
 * renumbers keeps its newest addresses).  Returns 1 if the list changed.
 */
static int
merge_addr(uint8_t *list, uint8_t *n, const uint8_t *a, size_t alen)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (memcmp(list + i * alen, a, alen) == 0)
			return 0;
	if (*n == L2C_NEIGH_MAXADDR) {
		memmove(list, list + alen, (L2C_NEIGH_MAXADDR - 1) * alen);
		(*n)--;
	}
	memcpy(list + (*n)++ * alen, a, alen);
	return 1;
}

/* Copy field bit from u into n if it differs; returns bit if it did. */
#define MERGE(bit, field) do {						\
	if ((u->f.have & (bit)) && (!(n->have & (bit)) ||		\
	    memcmp(&n->field, &u->f.field, sizeof(n->field)) != 0)) {	\
		memcpy(&n->field, &u->f.field, sizeof(n->field));	\
		changed |= (bit);					\
	}								\
} while (0)

static uint32_t
merge(struct l2c_neigh *n, const struct l2c_neigh_upd *u, uint64_t ts)
{
	uint32_t	changed = 0, bit, protos;
	size_t		i;

	for (i = 0; i < L2C_NS_COUNT; i++) {
		bit = L2C_NF_STR(i);
		if ((u->f.have & bit) && (!(n->have & bit) ||
		    strcmp(n->str[i], u->f.str[i]) != 0)) {
			memcpy(n->str[i], u->f.str[i], sizeof(n->str[i]));
			changed |= bit;
		}
	}
	MERGE(L2C_NF_UPTIME, uptime_s);
	if (u->f.have & L2C_NF_UPTIME)
		n->uptime_us = ts;
	MERGE(L2C_NF_MOP_FUNCTIONS, mop_functions);
	MERGE(L2C_NF_CONSOLE_USER, console_user);
	MERGE(L2C_NF_DEVICE, device);
	MERGE(L2C_NF_CMD_SIZE, cmd_size);
	MERGE(L2C_NF_RSP_SIZE, rsp_size);
	MERGE(L2C_NF_HWADDR, hwaddr);
	MERGE(L2C_NF_MOP_VERSION, mop_version);
	n->have |= u->f.have;
	for (i = 0; i < u->f.nipv4 && i < L2C_NEIGH_MAXADDR; i++)
		if (merge_addr(&n->ipv4[0][0], &n->nipv4, u->f.ipv4[i], 4))
			changed |= CHG_ADDR;
	for (i = 0; i < u->f.nipv6 && i < L2C_NEIGH_MAXADDR; i++)
		if (merge_addr(&n->ipv6[0][0], &n->nipv6, u->f.ipv6[i], 16))
			changed |= CHG_ADDR;
	/* Forget what the update says is gone (a released console). */
	for (bit = 1; bit != 0 && bit <= L2C_NF_MOP_VERSION; bit <<= 1) {
		if (!(u->clear & bit & ~u->f.have & n->have))
			continue;
		n->have &= ~bit;
		changed |= bit;
		for (i = 0; i < L2C_NS_COUNT; i++)
			if (bit == L2C_NF_STR(i))
				n->str[i][0] = '\0';
		if (bit == L2C_NF_CONSOLE_USER)
			memset(n->console_user, 0, sizeof(n->console_user));
	}
	protos = (n->protos & ~u->pmask) | u->f.protos;
	if (protos != n->protos) {
		n->protos = protos;
		changed |= CHG_PROTOS;
	}
	return changed;
}

int
l2c_neigh_update(struct l2c_neigh_tab *t, const struct l2c_neigh_upd *u,
    uint64_t ts, struct l2c_neigh **np)
{
	struct l2c_neigh	*n;
	uint32_t		*s, changed;
	uint64_t		 now = l2c_now_us();
	int64_t			 wall;
	int			 rv = L2C_NEIGH_SAME;

	if (np != NULL)
		*np = NULL;
	s = slot_for(t, u->f.mac);
	if (*s != 0)
		n = rec(t, *s - 1);
	else {
		if (t->n >= t->max) {
			t->dropped++;
			return L2C_ERR_NOSPACE;
		}
		if (grow_slots(t) != 0)
			return L2C_ERR_NOMEM;
		s = slot_for(t, u->f.mac);
		if ((n = add(t, u->f.mac, s)) == NULL) {
			*s = 0;
			return L2C_ERR_NOMEM;
		}
		rv = L2C_NEIGH_NEW;
	}
	/* The frame's wall time: now, less how long it waited for us. */
	wall = l2c_wall_us() - (int64_t)(now > ts ? now - ts : 0);
	if (rv == L2C_NEIGH_NEW) {
		n->first_us = ts;
		n->first_wall_us = wall;
	}
	if (ts >= n->last_us) {
		n->last_us = ts;
		n->last_wall_us = wall;
	}
	n->updates++;
	changed = merge(n, u, ts);
	if (rv == L2C_NEIGH_SAME && (changed & ~(uint32_t)L2C_NF_VOLATILE))
		rv = L2C_NEIGH_CHANGED;
	if (rv != L2C_NEIGH_SAME)
		n->gen = ++t->gen;
	if (np != NULL)
		*np = n;
	return rv;
}
