/* SPDX-License-Identifier: ISC */
/*
 * A link: one Ethernet interface, frames in and frames out.  Protocol
 * modules see only this; the pcap+libnet backend and the in-memory test
 * backend sit behind the same ops.
 */
#ifndef L2C_LINK_H
#define L2C_LINK_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

struct l2c_link;

/* Called once per received frame, already parsed by the frame codecs. */
typedef void	l2c_rx_cb(void *, const struct l2c_pkt *);

struct l2c_link_ops {
	const char *name;
	int	(*send)(struct l2c_link *, const uint8_t *, size_t);
	int	(*fd)(struct l2c_link *);
	/* Deliver up to max frames to rx; returns the count or an error. */
	int	(*read_batch)(struct l2c_link *, int max);
	int	(*set_filter)(struct l2c_link *, const char *);
	/* Take frames to a multicast group.  NULL: nothing to join. */
	int	(*join)(struct l2c_link *, const uint8_t *);
	void	(*close)(struct l2c_link *);
};

struct l2c_link_stats {
	uint64_t	tx_frames, tx_bytes;
	uint64_t	rx_frames, rx_bytes;
	uint64_t	rx_bad;		/* frames the codecs rejected */
};

struct l2c_link {
	const struct l2c_link_ops *ops;
	char			 ifname[IF_NAMESIZE];
	uint8_t			 mac[L2C_ETH_ALEN];
	int			 mtu;
	int			 ifindex;
	l2c_rx_cb		*rx;
	void			*rxarg;
	struct l2c_link_stats	 stats;
	/* Optional tap: every frame sent (dir 1) and received (dir 0). */
	void			(*tap)(void *, int dir, const uint8_t *,
				    size_t);
	void			*taparg;
	void			*priv;
};

/* Interface facts, as `l2console interfaces` shows them. */
struct l2c_ifinfo {
	char		name[IF_NAMESIZE];
	uint8_t		mac[L2C_ETH_ALEN];
	int		mtu;
	int		up;
	int		carrier;
	int		loopback;
	int		ether;
	int		has_ipv4;
};

/*
 * Capture buffer: room for hundreds of stations answering a probe at
 * once (the default), or for a console session, which has a frame or
 * two in flight: the kernel maps the whole ring at open, so its size
 * is resident memory and open time.
 */
#define L2C_LINK_BUF_DEFAULT	(8 * 1024 * 1024)
#define L2C_LINK_BUF_SESSION	(1024 * 1024)

int	l2c_link_open(const char *, struct l2c_link **);
int	l2c_link_open_buf(const char *, size_t, struct l2c_link **);
/*
 * The same with L2C_LINK_* flags.  PROMISC: also frames addressed to
 * other stations (a bridge hands those up only when promiscuous), so a
 * scan's sweep sees stations that never talk to us.
 */
#define L2C_LINK_PROMISC	0x01
int	l2c_link_open_flags(const char *, size_t, unsigned,
	    struct l2c_link **);
int	l2c_link_send(struct l2c_link *, const uint8_t *, size_t);
int	l2c_link_fd(struct l2c_link *);
int	l2c_link_read_batch(struct l2c_link *, int);
int	l2c_link_set_filter(struct l2c_link *, const char *);
int	l2c_link_join(struct l2c_link *, const uint8_t *);
void	l2c_link_set_rx(struct l2c_link *, l2c_rx_cb *, void *);
void	l2c_link_close(struct l2c_link *);
/* Parse and hand one raw frame to the link's rx callback (backends). */
void	l2c_link_deliver(struct l2c_link *, const uint8_t *, size_t);

int	l2c_if_info(const char *, struct l2c_ifinfo *);
/* All interfaces; *list is malloc'd.  Returns the count or an error. */
int	l2c_if_list(struct l2c_ifinfo **);
/* Why an interface cannot carry our frames, or NULL if it can. */
const char *l2c_if_unusable(const struct l2c_ifinfo *);

/* In-memory pair for tests: what one sends, the other receives. */
int	l2c_link_mem_pair(const uint8_t *, const uint8_t *,
	    struct l2c_link **, struct l2c_link **);
/* Frames sent on a mem link, recorded in order for inspection. */
size_t	l2c_link_mem_sent(struct l2c_link *, size_t, const uint8_t **);
void	l2c_link_mem_set_drop(struct l2c_link *, int (*)(void *,
	    const uint8_t *, size_t), void *);

#endif /* L2C_LINK_H */
