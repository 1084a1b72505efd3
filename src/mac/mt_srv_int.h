/* SPDX-License-Identifier: ISC */
/*
 * The MAC-Telnet server's insides, shared by its files: the server and
 * its dispatch (mt_server.c), the sessions (mt_srv_sess.c),
 * authentication (mt_srv_auth.c), the program on each session's pty
 * (mt_srv_pty.c), their frames (mt_srv_wire.c) and small helpers
 * (mt_srv_util.c).  Nothing outside src/mac/mt_s*.c includes it.
 */
#ifndef L2C_MAC_MT_SRV_INT_H
#define L2C_MAC_MT_SRV_INT_H

#include <sys/types.h>
#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include "core/frame.h"
#include "core/loop.h"
#include "core/reaper.h"
#include "core/rtx.h"
#include "mac/ecsrp.h"
#include "mac/mt_proto.h"
#include "mac/mt_server.h"

#define NBUCKET		256
#define LOGIN_MAX	128		/* type 3 bytes we keep */
#define TERM_MAX	64
#define QMAX		4		/* queued control messages */
#define QMSG_MAX	160
#define CHUNK		1024		/* program output per DATA */
#define INBUF		16384		/* client input not yet written */
#define GRACE_US	L2C_SEC(60)	/* from START to logged in */
#define HALFOPEN_US	L2C_SEC(5)	/* from START to the first DATA */
#define RX_WINDOW	4096		/* DATA taken this far past the next */
#define END_TRIES	5		/* our END, before we give up */
#define KILL_GRACE_US	L2C_SEC(2)	/* SIGHUP, then SIGKILL */
#define FAILREC_MAX	256
#define GOOD_MAX	64		/* sources that logged in lately */
#define GOOD_US		L2C_SEC(3600)
#define PENALTY_MIN_US	L2C_MS(250)
#define MNDP_BURST	5		/* MNDP answers: 5 at once, 1/s */

#define MSG_NOMD5	"MD5 login is disabled on this server: use a client " \
			"that speaks EC-SRP5\r\n"
#define MSG_INTERNAL	"Internal error: cannot start a terminal\r\n"
#define MSG_TIMEOUT	"\r\nTimeout\r\n"

enum sstate {
	S_AUTH,		/* waiting for begin auth */
	S_KEY,		/* salt or key sent: waiting for password + user */
	S_VERDICT,	/* failed: the answer waits out the delay */
	S_ACTIVE,	/* logged in, program running */
	S_DRAIN,	/* last output and messages, then END */
	S_ENDSENT,	/* our END is out: waiting for the client's */
};

enum method {
	M_NONE,
	M_ECSRP,
	M_MD5,
};

extern const char *const mts_method_name[];	/* by enum method */

struct qmsg {
	uint8_t	b[QMSG_MAX];
	size_t	len;
};

struct sess {
	struct sess		*hnext;
	TAILQ_ENTRY(sess)	 entry;		/* in srv->all */
	struct mt_server	*srv;
	uint8_t			 peer[L2C_ETH_ALEN];	/* MAC-Telnet header */
	uint8_t			 eth[L2C_ETH_ALEN];	/* frame source */
	uint16_t		 key;
	uint16_t		 client_type;
	uint16_t		 sport;
	enum sstate		 state;
	enum method		 method;
	uint64_t		 created, last_rx;

	/* Login, gathered over one or more DATA packets. */
	char			 login[LOGIN_MAX + 1];
	char			 user1[LOGIN_MAX + 1];	/* EC-SRP5 type 1 */
	char			 term[TERM_MAX + 1];
	unsigned		 cols, rows;
	int			 have_user, have_pass, bad_login;
	int			 verdict_ok;	/* S_VERDICT of a good login */
	uint32_t		 id;		/* the guard's login id */
	int			 begun;		/* the guard knows it */
	uint8_t			 pass[ECSRP_LEN];
	size_t			 passlen;
	uint8_t			 wc[ECSRP_KEY_LEN];

	/* The wire. */
	int			 have_in;
	uint32_t		 in_last, in_next;
	uint32_t		 out_counter;
	int			 inflight;
	uint8_t			 tx[L2C_ETH_MAXLEN];
	size_t			 txlen;
	struct l2c_rtx		 sched;		/* of the DATA or END out */
	struct qmsg		 q[QMAX];
	unsigned		 qhead, qn;
	int			 end_after;

	/* The program. */
	int			 fd;
	pid_t			 pid;
	int			 watching;
	short			 events;
	int			 fd_eof, child_done;
	int			 counted;	/* in st.active */
	uint8_t			 in[INBUF];
	size_t			 inlen;

	struct l2c_timer	 rtx, idle, verdict, lead;
};

struct failrec {
	uint8_t		mac[L2C_ETH_ALEN];	/* Ethernet source */
	unsigned	fails;
	uint64_t	window_start;
	int		used;
};

struct goodrec {
	uint8_t		mac[L2C_ETH_ALEN];	/* Ethernet source */
	uint64_t	when;
};

TAILQ_HEAD(sess_list, sess);

struct mt_server {
	struct l2c_ctx		*ctx;
	struct mt_server_conf	 conf;
	struct mt_srv_guard	 guard;
	struct mt_check		*check;		/* the guard here, or NULL */
	uint32_t		 next_id;
	int			 rxid;
	struct sess		*bucket[NBUCKET];
	struct sess_list	 all;		/* newest first */
	size_t			 nsess;
	struct failrec		 fails[FAILREC_MAX];
	struct goodrec		 good[GOOD_MAX];
	unsigned		 ngood;
	uint64_t		 auth_tat, good_tat;	/* login budgets */
	struct l2c_reaper	 reap;		/* programs hung up */
	struct l2c_timer	 mndp_timer;
	uint64_t		 ping_tat, mndp_tat;
	uint16_t		 mndp_seq;
	int			 shutting_down;
	struct mt_server_stats	 st;
};

/* mt_srv_local.c */
int	mts_local_guard(struct mt_server *srv);

/*
 * The files call down only: mt_server.c (dispatch) -> mt_srv_sess.c
 * (sessions, START to END) -> mt_srv_auth.c (the login, up to the
 * program's start) -> mt_srv_pty.c (the program's pty) ->
 * mt_srv_wire.c (frames out) -> mt_srv_util.c; none calls a file above
 * it.  (Timers and the guard call back through pointers.)
 */

/* mt_srv_sess.c */
struct sess	*mts_sess_find(struct mt_server *, const uint8_t *mac, uint16_t key);
void	mts_sess_destroy(struct sess *s);
int	mts_sess_owns(struct sess *s, const struct l2c_pkt *pkt);
void	mts_on_start(struct mt_server *srv, const struct l2c_pkt *pkt,
    const struct mt_hdr *h);
void	mts_on_data(struct sess *s, const struct mt_hdr *h, struct l2c_rbuf *r);
void	mts_on_ack(struct sess *s, const struct mt_hdr *h);
void	mts_on_end(struct sess *s, const struct mt_hdr *h);

/* mt_srv_auth.c */
void	mts_refuse(struct sess *s, const char *msg);
void	mts_verdict_cb(void *arg);
void	mts_fail(struct sess *s, const char *why);
void	mts_fail_now(struct sess *s, const char *why);
void	mts_start_ecsrp(struct sess *s);
void	mts_start_md5(struct sess *s);
void	mts_verify(struct sess *s);
void	mts_open_terminal(struct sess *s, const char *user);

/* mt_srv_pty.c */
void	mts_update_watch(struct sess *s);
void	mts_flush_input(struct sess *s);
void	mts_hangup(struct sess *s);
void	mts_pump(struct sess *s);
void	mts_sigchld_cb(void *arg, int signo);
/* A program that is not our child (the monitor's): watch its session. */
void	mts_watch_lead(struct sess *s);
void	mts_lead_cb(void *arg);

/* mt_srv_wire.c */
int	mts_send_pkt(struct sess *s, uint8_t type, uint32_t counter,
    const uint8_t *data, size_t len, uint8_t *frame, size_t *flen);
void	mts_send_data(struct sess *s, const uint8_t *p, size_t len);
void	mts_send_end(struct sess *s);
void	mts_send_simple(struct sess *s, uint8_t type, uint32_t counter);
int	mts_queue_msg(struct sess *s, int ctype, const void *p, size_t len);

/* mt_srv_util.c */
int	mts_rng(struct mt_server *srv, uint8_t *p, size_t len);
int	mts_gcra(uint64_t *tat, uint64_t now, uint64_t interval,
    uint64_t burst);
const char	*mts_clean(const char *in, char *out, size_t len);
const char	*mts_macstr(const uint8_t *mac, char *buf);

#endif /* L2C_MAC_MT_SRV_INT_H */
