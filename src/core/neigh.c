/* SPDX-License-Identifier: ISC */
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
	size_t			  ngone;	/* ... of which gone */
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
	return t->n - t->ngone;
}

int
l2c_neigh_live(const struct l2c_neigh *n)
{
	return !n->gone;
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
	size_t			  i, k = 0;

	if ((l = calloc(t->n + 1, sizeof(*l))) == NULL)
		return L2C_ERR_NOMEM;
	for (i = 0; i < t->n; i++)
		if (l2c_neigh_live(rec(t, i)))
			l[k++] = rec(t, i);
	qsort(l, k, sizeof(*l), cmp_mac);
	*lp = l;
	return (int)k;
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

void
l2c_neigh_upd_unknown(struct l2c_neigh_upd *u, uint32_t proto,
    uint16_t type, size_t len, const uint8_t *p, size_t nbytes)
{
	struct l2c_neigh_tlv	*t;

	u->f.have |= L2C_NF_UNKNOWN;
	if (u->f.nunk >= L2C_NEIGH_NUNK)
		return;
	t = &u->f.unk[u->f.nunk++];
	memset(t, 0, sizeof(*t));
	t->proto = proto;
	t->type = type;
	t->len = (uint16_t)(len > 0xffff ? 0xffff : len);
	t->nbytes = (uint8_t)(nbytes > L2C_NEIGH_UNKBYTES ?
	    L2C_NEIGH_UNKBYTES : nbytes);
	if (t->nbytes > 0)
		memcpy(t->bytes, p, t->nbytes);
}

static int
tlv_eq(const struct l2c_neigh_tlv *a, const struct l2c_neigh_tlv *b)
{
	return a->proto == b->proto && a->type == b->type &&
	    a->len == b->len && a->nbytes == b->nbytes &&
	    memcmp(a->bytes, b->bytes, a->nbytes) == 0;
}

/*
 * The record's unknown TLVs from protocols in protos go; with add,
 * the update's take their place.  Returns 1 if the list changed.
 */
static int
merge_unk(struct l2c_neigh *n, uint32_t protos,
    const struct l2c_neigh *add)
{
	struct l2c_neigh_tlv	l[L2C_NEIGH_NUNK];
	size_t			i, k = 0, same;

	for (i = 0; i < n->nunk; i++)
		if (!(n->unk[i].proto & protos))
			l[k++] = n->unk[i];
	for (i = 0; add != NULL && i < add->nunk && k < L2C_NEIGH_NUNK; i++)
		l[k++] = add->unk[i];
	for (same = 0; same < k && same < n->nunk &&
	    tlv_eq(&l[same], &n->unk[same]); same++)
		;
	if (k == n->nunk && same == k)
		return 0;
	memcpy(n->unk, l, k * sizeof(l[0]));
	n->nunk = (uint8_t)k;
	return 1;
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

/* Forget the fields in mask; returns those that were known. */
static uint32_t
forget(struct l2c_neigh *n, uint32_t mask)
{
	uint32_t	bit, changed = 0;
	size_t		i;

	for (bit = 1; bit != 0 && bit <= L2C_NF_LAST; bit <<= 1) {
		if (!(mask & bit & n->have))
			continue;
		n->have &= ~bit;
		changed |= bit;
		for (i = 0; i < L2C_NS_COUNT; i++)
			if (bit == L2C_NF_STR(i))
				n->str[i][0] = '\0';
		if (bit == L2C_NF_CONSOLE_USER)
			memset(n->console_user, 0, sizeof(n->console_user));
		if (bit == L2C_NF_VLAN)
			n->vlan = 0;
	}
	return changed;
}

/*
 * The hold of the same protocols (its fields stay covered: a goodbye
 * names fewer than the frames before it), else a free slot, else the
 * nearest to run out.
 */
static void
set_hold(struct l2c_neigh *n, const struct l2c_neigh_hold *h)
{
	struct l2c_neigh_hold	*slot = NULL;
	uint32_t		 fields = h->fields;
	size_t			 i;

	for (i = 0; i < L2C_NEIGH_NHOLD && slot == NULL; i++)
		if (n->hold[i].protos == h->protos) {
			slot = &n->hold[i];
			fields |= slot->fields;
		}
	for (i = 0; i < L2C_NEIGH_NHOLD && slot == NULL; i++)
		if (n->hold[i].protos == 0)
			slot = &n->hold[i];
	if (slot == NULL) {
		slot = &n->hold[0];
		for (i = 1; i < L2C_NEIGH_NHOLD; i++)
			if (n->hold[i].until_us < slot->until_us)
				slot = &n->hold[i];
	}
	*slot = *h;
	slot->fields = fields;
}

/*
 * Let n's holds due at now go: their protocol bits, and their fields
 * that no other hold covers.  Returns an l2c_neigh_result.
 */
static int
expire_one(struct l2c_neigh_tab *t, struct l2c_neigh *n, uint64_t now)
{
	uint32_t	protos = 0, fields = 0, keep = 0, changed;
	size_t		i;

	for (i = 0; i < L2C_NEIGH_NHOLD; i++) {
		if (n->hold[i].protos == 0)
			continue;
		if (n->hold[i].until_us > now) {
			keep |= n->hold[i].fields;
			continue;
		}
		protos |= n->hold[i].protos;
		fields |= n->hold[i].fields;
		memset(&n->hold[i], 0, sizeof(n->hold[i]));
	}
	if (protos == 0 || !l2c_neigh_live(n))
		return L2C_NEIGH_SAME;
	changed = forget(n, fields & ~keep) | (n->protos & protos) |
	    (uint32_t)merge_unk(n, protos, NULL);
	n->protos &= ~protos;
	if (changed == 0)
		return L2C_NEIGH_SAME;
	n->gen = ++t->gen;
	if (n->protos != 0)
		return L2C_NEIGH_CHANGED;
	n->gone = 1;
	t->ngone++;
	return L2C_NEIGH_GONE;
}

uint64_t
l2c_neigh_expire(struct l2c_neigh_tab *t, uint64_t now,
    void (*gone)(void *, struct l2c_neigh *, int), void *arg)
{
	struct l2c_neigh	*n;
	uint64_t		 next = 0;
	size_t			 i, j;
	int			 rv;

	for (i = 0; i < t->n; i++) {
		n = rec(t, i);
		if ((rv = expire_one(t, n, now)) != L2C_NEIGH_SAME &&
		    gone != NULL)
			gone(arg, n, rv);
		for (j = 0; j < L2C_NEIGH_NHOLD; j++)
			if (n->hold[j].protos != 0 &&
			    (next == 0 || n->hold[j].until_us < next))
				next = n->hold[j].until_us;
	}
	return next;
}

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
	MERGE(L2C_NF_VLAN, vlan);
	if ((u->f.have & L2C_NF_UNKNOWN) && merge_unk(n, u->f.protos, &u->f))
		changed |= L2C_NF_UNKNOWN;
	n->have |= u->f.have;
	if (u->hold.protos != 0)
		set_hold(n, &u->hold);
	for (i = 0; i < u->f.nipv4 && i < L2C_NEIGH_MAXADDR; i++)
		if (merge_addr(&n->ipv4[0][0], &n->nipv4, u->f.ipv4[i], 4))
			changed |= CHG_ADDR;
	for (i = 0; i < u->f.nipv6 && i < L2C_NEIGH_MAXADDR; i++)
		if (merge_addr(&n->ipv6[0][0], &n->nipv6, u->f.ipv6[i], 16))
			changed |= CHG_ADDR;
	/* Forget what the update says is gone (a released console). */
	changed |= forget(n, u->clear & ~u->f.have);
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
	/* Both clocks at once: an allocation below must not come between. */
	uint64_t		 now = l2c_now_us();
	int64_t			 wall = l2c_wall_us();
	int			 rv = L2C_NEIGH_SAME, ex;

	if (np != NULL)
		*np = NULL;
	s = slot_for(t, u->f.mac);
	if (*s != 0) {
		n = rec(t, *s - 1);
		if (!l2c_neigh_live(n)) {
			/* Back after it went: news again, from now. */
			n->gone = 0;
			t->ngone--;
			rv = L2C_NEIGH_NEW;
		}
	} else {
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
	wall -= (int64_t)(now > ts ? now - ts : 0);
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
	/* A hold already due (TTL 0) lets go at once. */
	if (u->hold.protos != 0 && u->hold.until_us <= ts) {
		ex = expire_one(t, n, ts);
		if (ex == L2C_NEIGH_GONE)
			rv = rv == L2C_NEIGH_NEW ? L2C_NEIGH_SAME :
			    L2C_NEIGH_GONE;
		else if (ex == L2C_NEIGH_CHANGED && rv == L2C_NEIGH_SAME)
			rv = L2C_NEIGH_CHANGED;
	}
	if (np != NULL)
		*np = n;
	return rv;
}
