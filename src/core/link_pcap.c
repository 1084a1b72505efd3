/* SPDX-License-Identifier: ISC */
/*
 * The real link: libpcap captures (immediate mode, non-blocking, a BPF
 * filter from the protocol modules), libnet injects whole frames.  No IP
 * address is needed on the interface for either.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnet.h>
#include <pcap/pcap.h>

#include "err.h"
#include "link.h"
#include "log.h"

struct pcap_priv {
	pcap_t		*pcap;
	libnet_t	*net;
	int		 fd;
	int		 txfd;		/* libnet's socket, bound: send-only */
	struct sockaddr_ll txaddr;
};

static int
if_ioctl(int s, unsigned long req, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	if (strlen(name) >= sizeof(ifr->ifr_name))
		return -1;
	strncpy(ifr->ifr_name, name, sizeof(ifr->ifr_name) - 1);
	return ioctl(s, req, ifr);
}

int
l2c_if_info(const char *name, struct l2c_ifinfo *ii)
{
	struct ifreq	ifr;
	int		s, rv = 0;

	memset(ii, 0, sizeof(*ii));
	if (name == NULL || *name == '\0' || strlen(name) >= IF_NAMESIZE)
		return L2C_ERR_NOIF;
	snprintf(ii->name, sizeof(ii->name), "%s", name);
	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return L2C_ERR_SYS;
	if (if_ioctl(s, SIOCGIFFLAGS, name, &ifr) == -1) {
		rv = errno == ENODEV ? L2C_ERR_NOIF : L2C_ERR_SYS;
		goto out;
	}
	ii->up = (ifr.ifr_flags & IFF_UP) != 0;
	ii->carrier = (ifr.ifr_flags & IFF_RUNNING) != 0;
	ii->loopback = (ifr.ifr_flags & IFF_LOOPBACK) != 0;
	if (if_ioctl(s, SIOCGIFHWADDR, name, &ifr) == 0) {
		ii->ether = ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER;
		memcpy(ii->mac, ifr.ifr_hwaddr.sa_data, L2C_ETH_ALEN);
	}
	if (if_ioctl(s, SIOCGIFMTU, name, &ifr) == 0)
		ii->mtu = ifr.ifr_mtu;
	ii->has_ipv4 = if_ioctl(s, SIOCGIFADDR, name, &ifr) == 0;
out:
	close(s);
	return rv;
}

const char *
l2c_if_unusable(const struct l2c_ifinfo *ii)
{
	if (ii->loopback)
		return "loopback";
	if (!ii->ether)
		return "not Ethernet";
	if (!ii->up)
		return "down";
	if (!ii->carrier)
		return "no carrier";
	return NULL;
}

int
l2c_if_list(struct l2c_ifinfo **listp)
{
	struct if_nameindex	*ni, *p;
	struct l2c_ifinfo	*list;
	int			 n = 0;

	if ((ni = if_nameindex()) == NULL)
		return L2C_ERR_SYS;
	for (p = ni; p->if_index != 0; p++)
		n++;
	if ((list = calloc(n > 0 ? (size_t)n : 1, sizeof(*list))) == NULL) {
		if_freenameindex(ni);
		return L2C_ERR_NOMEM;
	}
	n = 0;
	for (p = ni; p->if_index != 0; p++)
		if (l2c_if_info(p->if_name, &list[n]) == 0)
			n++;
	if_freenameindex(ni);
	*listp = list;
	return n;
}

/*
 * Straight to libnet's socket with the address kept from the open:
 * libnet_write_link looks the interface index up again (an ioctl) for
 * every frame, a syscall per packet on the bulk path.
 */
static int
lp_send(struct l2c_link *l, const uint8_t *p, size_t len)
{
	struct pcap_priv	*pp = l->priv;
	ssize_t			 n;

	if (pp->txfd >= 0) {
		do
			n = sendto(pp->txfd, p, len, 0,
			    (const struct sockaddr *)&pp->txaddr,
			    sizeof(pp->txaddr));
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)len) {
			l2c_debug("%s: inject: %s", l->ifname,
			    n < 0 ? strerror(errno) : "short write");
			return L2C_ERR_INJECT;
		}
		return 0;
	}
	if (libnet_adv_write_link(pp->net, (uint8_t *)(uintptr_t)p,
	    (uint32_t)len) != (int)len) {
		l2c_debug("%s: inject: %s", l->ifname, libnet_geterror(pp->net));
		return L2C_ERR_INJECT;
	}
	return 0;
}

static int
lp_fd(struct l2c_link *l)
{
	return ((struct pcap_priv *)l->priv)->fd;
}

static void
lp_handler(u_char *user, const struct pcap_pkthdr *h, const u_char *p)
{
	l2c_link_deliver((struct l2c_link *)(void *)user, p, h->caplen);
}

static int
lp_read_batch(struct l2c_link *l, int max)
{
	struct pcap_priv	*pp = l->priv;
	int			 n;

	n = pcap_dispatch(pp->pcap, max, lp_handler, (u_char *)l);
	if (n == PCAP_ERROR) {
		l2c_debug("%s: capture: %s", l->ifname, pcap_geterr(pp->pcap));
		return L2C_ERR_PCAP;
	}
	return n < 0 ? 0 : n;
}

static int
lp_set_filter(struct l2c_link *l, const char *filter)
{
	struct pcap_priv	*pp = l->priv;
	struct bpf_program	 prog;
	int			 rv = 0;

	if (pcap_compile(pp->pcap, &prog, filter, 1,
	    PCAP_NETMASK_UNKNOWN) == -1) {
		l2c_err("bad capture filter \"%s\": %s", filter,
		    pcap_geterr(pp->pcap));
		return L2C_ERR_INVAL;
	}
	if (pcap_setfilter(pp->pcap, &prog) == -1) {
		l2c_err("%s: cannot set filter: %s", l->ifname,
		    pcap_geterr(pp->pcap));
		rv = L2C_ERR_PCAP;
	}
	pcap_freecode(&prog);
	return rv;
}

static int
lp_join(struct l2c_link *l, const uint8_t *mac)
{
	struct pcap_priv	*pp = l->priv;
	struct packet_mreq	 mr;

	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = l->ifindex;
	mr.mr_type = PACKET_MR_MULTICAST;
	mr.mr_alen = L2C_ETH_ALEN;
	memcpy(mr.mr_address, mac, L2C_ETH_ALEN);
	if (setsockopt(pcap_fileno(pp->pcap), SOL_PACKET,
	    PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) == -1)
		return L2C_ERR_SYS;
	return 0;
}

static void
lp_close(struct l2c_link *l)
{
	struct pcap_priv	*pp = l->priv;

	if (pp != NULL) {
		if (pp->pcap != NULL)
			pcap_close(pp->pcap);
		if (pp->net != NULL)
			libnet_destroy(pp->net);
		free(pp);
	}
	free(l);
}

static const struct l2c_link_ops pcap_ops = {
	.name = "pcap",
	.send = lp_send,
	.fd = lp_fd,
	.read_batch = lp_read_batch,
	.set_filter = lp_set_filter,
	.join = lp_join,
	.close = lp_close,
};

/*
 * libnet opens an unbound ETH_P_ALL packet socket: the kernel hands it
 * a copy of every frame on every interface, and nobody reads them.  A
 * filter that accepts nothing makes it send-only (binding it would do
 * the same but waits out an RCU grace period, about 10 ms, at open);
 * frames then go out with sendto and a fixed address.  If the filter
 * cannot be set we keep libnet's own write path.
 */
static void
send_only(struct l2c_link *l, struct pcap_priv *pp)
{
	struct sock_filter	none = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog	prog = { .len = 1, .filter = &none };
	int			fd = libnet_getfd(pp->net);

	pp->txfd = -1;
	if (l->ifindex <= 0 || fd < 0)
		return;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog)) == -1) {
		l2c_debug("%s: send socket: filter: %s", l->ifname,
		    strerror(errno));
		return;
	}
	memset(&pp->txaddr, 0, sizeof(pp->txaddr));
	pp->txaddr.sll_family = AF_PACKET;
	pp->txaddr.sll_protocol = htons(ETH_P_ALL);
	pp->txaddr.sll_ifindex = l->ifindex;
	pp->txfd = fd;
}

static int
activate_error(const char *ifname, pcap_t *p, int rc)
{
	switch (rc) {
	case PCAP_ERROR_PERM_DENIED:
		return L2C_ERR_PERM;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return L2C_ERR_NOIF;
	case PCAP_ERROR_IFACE_NOT_UP:
		return L2C_ERR_IFDOWN;
	default:
		l2c_debug("%s: pcap: %s", ifname, pcap_geterr(p));
		return L2C_ERR_PCAP;
	}
}

int
l2c_link_open(const char *ifname, struct l2c_link **lp)
{
	return l2c_link_open_buf(ifname, L2C_LINK_BUF_DEFAULT, lp);
}

int
l2c_link_open_buf(const char *ifname, size_t bufsz, struct l2c_link **lp)
{
	return l2c_link_open_flags(ifname, bufsz, 0, lp);
}

int
l2c_link_open_flags(const char *ifname, size_t bufsz, unsigned flags,
    struct l2c_link **lp)
{
	char			 errbuf[PCAP_ERRBUF_SIZE > LIBNET_ERRBUF_SIZE ?
				    PCAP_ERRBUF_SIZE : LIBNET_ERRBUF_SIZE];
	struct l2c_ifinfo	 ii;
	struct l2c_link		*l;
	struct pcap_priv	*pp;
	int			 rv, snap;

	if ((rv = l2c_if_info(ifname, &ii)) != 0)
		return rv;
	if (ii.loopback || !ii.ether)
		return L2C_ERR_NOTETHER;
	if (!ii.up)
		return L2C_ERR_IFDOWN;
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (pp = calloc(1, sizeof(*pp))) == NULL) {
		free(l);
		return L2C_ERR_NOMEM;
	}
	l->ops = &pcap_ops;
	l->priv = pp;
	pp->txfd = -1;
	snprintf(l->ifname, sizeof(l->ifname), "%s", ifname);
	memcpy(l->mac, ii.mac, L2C_ETH_ALEN);
	l->mtu = ii.mtu > 0 ? ii.mtu : 1500;
	l->ifindex = (int)if_nametoindex(ifname);

	if ((pp->pcap = pcap_create(ifname, errbuf)) == NULL) {
		l2c_debug("%s: pcap_create: %s", ifname, errbuf);
		rv = L2C_ERR_PCAP;
		goto fail;
	}
	snap = l->mtu + L2C_ETH_HLEN + 64;
	if (snap < 2048)
		snap = 2048;
	pcap_set_snaplen(pp->pcap, snap);
	pcap_set_immediate_mode(pp->pcap, 1);
	pcap_set_buffer_size(pp->pcap, bufsz > INT_MAX ? INT_MAX : (int)bufsz);
	pcap_set_promisc(pp->pcap, (flags & L2C_LINK_PROMISC) != 0);
	if ((rv = pcap_activate(pp->pcap)) < 0) {
		rv = activate_error(ifname, pp->pcap, rv);
		goto fail;
	}
	/* Our own transmissions are not input. */
	(void)pcap_setdirection(pp->pcap, PCAP_D_IN);
	if (pcap_setnonblock(pp->pcap, 1, errbuf) == -1 ||
	    (pp->fd = pcap_get_selectable_fd(pp->pcap)) == -1) {
		rv = L2C_ERR_PCAP;
		goto fail;
	}
	if ((pp->net = libnet_init(LIBNET_LINK_ADV, ifname, errbuf)) == NULL) {
		l2c_debug("%s: libnet: %s", ifname, errbuf);
		rv = strstr(errbuf, "ermission") != NULL ||
		    strstr(errbuf, "not permitted") != NULL ?
		    L2C_ERR_PERM : L2C_ERR_INJECT;
		goto fail;
	}
	send_only(l, pp);
	*lp = l;
	return 0;
fail:
	lp_close(l);
	return rv;
}
