/* SPDX-License-Identifier: ISC */
/*
 * The protocol registry: every family l2console knows (core/family.h),
 * in one list the faces walk, so that the commands and the full-screen
 * UI always offer, ping and scan alike.  Adding a protocol or a
 * discovery source is its row's file and one line in registry.c.
 */
#ifndef L2C_UI_REGISTRY_H
#define L2C_UI_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "core/family.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "ui/console/console.h"

#define L2C_REG_MAXSCAN		L2C_SCAN_MAXROWS

extern const struct l2c_family *const l2c_families[];
extern const size_t l2c_nfamilies;

/* The family called name ("mikrotik", "mop"), or NULL. */
const struct l2c_family *l2c_family_find(const char *);
/* Every family's scan rows, in registry order: how many (up to max). */
size_t	l2c_registry_scan_rows(const struct l2c_scan_proto **, size_t max);
/* The console options a family wants by default (wake, LF as CR). */
void	l2c_family_console_opts(const struct l2c_family *,
	    struct l2c_console_opts *);
/* A console session of family f whose face is con. */
int	l2c_family_start(const struct l2c_family *, struct l2c_ctx *,
	    const struct l2c_sess_conf *, struct l2c_console *,
	    struct l2c_sess *);
/* The families whose console n offers, in registry order: how many. */
size_t	l2c_family_consoles(const struct l2c_neigh *,
	    const struct l2c_family **, size_t max);
/* `ping` without a family named: the first row with a ping. */
const struct l2c_family *l2c_family_ping_default(void);
/* The family to ping n with: one it speaks, else one that suits any. */
const struct l2c_family *l2c_family_pinger(const struct l2c_neigh *);
/*
 * A neighbor's device code, one function bit, its functions bitmap, in
 * the words of the family whose records carry them (family.h's
 * l2c_neigh_names): NULL for a code no family names; the bitmap
 * "none" when empty, "bit N" for a bit without a name.
 */
const char *l2c_registry_device_name(uint8_t);
const char *l2c_registry_function_name(unsigned bit);
char	*l2c_registry_functions_str(uint16_t, char *, size_t);
/* The sentence for a session's end (0: none) with the family's words. */
size_t	l2c_family_explain(const struct l2c_family *,
	    const struct l2c_sess_end *, char *, size_t);

#endif
