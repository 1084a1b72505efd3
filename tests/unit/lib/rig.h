/* SPDX-License-Identifier: ISC */
/*
 * What the session and scan unit tests share: a loop and an in-memory
 * link pair (a: the module under test, b: its peer) with a context on
 * each, and a face that records what a console session tells it
 * (asserting the session contract of core/session.h on the way).
 */
#ifndef L2C_UNIT_RIG_H
#define L2C_UNIT_RIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/link.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/scan.h"
#include "core/session.h"

struct ut_pair {
	struct l2c_loop	*loop;
	struct l2c_link	*a, *b;
	struct l2c_ctx	 ca, cb;
	int		 has_cb;
};

/* Everything set up (cb only if ctx_b), or the test fails. */
void	ut_pair_open(struct ut_pair *, const uint8_t *amac,
	    const uint8_t *bmac, int ctx_b);
void	ut_pair_close(struct ut_pair *);

/*
 * A scanner on side a of a pair, with its own neighbor table, and the
 * news it told counted by enum l2c_neigh_result (a test that expects
 * only some results says which in news_ok; the rest then fail it).
 */
struct ut_scan {
	struct ut_pair		 p;
	struct l2c_neigh_tab	*tab;
	struct l2c_scan		 scan;
	int			 news[4];
	unsigned		 news_ok;	/* 1 << result; 0: any */
};

/* The pair, the table and l2c_scan_init over rows, or the test fails. */
void	ut_scan_open(struct ut_scan *, const uint8_t *amac,
	    const uint8_t *bmac, const struct l2c_scan_proto *const *rows,
	    size_t nrows, unsigned families);
void	ut_scan_close(struct ut_scan *);
/* The same, allocated: a cmocka fixture's state. */
struct ut_scan *ut_scan_new(const uint8_t *amac, const uint8_t *bmac,
	    const struct l2c_scan_proto *const *rows, size_t nrows,
	    unsigned families);
void	ut_scan_free(struct ut_scan *);
/* cmocka's teardown for a state from ut_scan_new. */
int	ut_scan_teardown(void **);
/* The far side sends a frame; the scanner reads what its filter let in. */
void	ut_scan_inject(struct ut_scan *, const uint8_t *, size_t);
/* Stations a scan test makes up: ut_sta[N] is 02:00:00:00:00:0N. */
extern const uint8_t	ut_sta[4][6];

struct ut_face {
	struct l2c_sess_cb	 cb;	/* give this to the session */
	struct l2c_sess		*sess;	/* for CLOSED's facts; may be NULL */
	int			 opened, closed, err, notices, writables;
	char			 reason[256];	/* the family's explain of CLOSED */
	char			 notice[256];	/* the last NOTICE */
	uint8_t			 out[140000];
	size_t			 outlen;
};

/* The argv of /bin/sh -c cmd, for a server's child (static: one at once). */
char	**ut_sh_argv(const char *cmd);

/* A fake session's info and free, when it has nothing to say or free. */
void	ut_sess_no_info(void *, struct l2c_sess_info *);
void	ut_sess_no_free(void *);

/* A fresh face for the session *sess (filled in later is fine). */
void	ut_face_init(struct ut_face *, struct l2c_sess *);
/* Run the loop until *flag is nonzero or max_us pass: 1 if it was set. */
int	ut_run_until(struct l2c_loop *, const int *flag, uint64_t max_us);

#endif /* L2C_UNIT_RIG_H */
