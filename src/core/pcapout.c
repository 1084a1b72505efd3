/* SPDX-License-Identifier: ISC */
/* Write a link's traffic to a pcap file, flushed frame by frame. */
#include <sys/time.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "err.h"
#include "log.h"
#include "pcapout.h"
#include "priv.h"

struct l2c_pcapout {
	pcap_t		*dead;
	pcap_dumper_t	*dump;
	struct l2c_link	*link;
	unsigned long	 count;
};

static void
tap(void *arg, int dir, const uint8_t *p, size_t len)
{
	struct l2c_pcapout	*po = arg;
	struct pcap_pkthdr	 h;

	(void)dir;
	gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)po->dump, &h, p);
	/* A bug report must survive a crash: flush every frame. */
	pcap_dump_flush(po->dump);
	po->count++;
}

int
l2c_pcapout_open(const char *path, struct l2c_link *link,
    struct l2c_pcapout **pop)
{
	struct l2c_pcapout	*po;
	FILE			*f = NULL;
	int			 fd;

	if ((po = calloc(1, sizeof(*po))) == NULL)
		return L2C_ERR_NOMEM;
	if ((po->dead = pcap_open_dead(DLT_EN10MB, 65535)) == NULL) {
		free(po);
		return L2C_ERR_NOMEM;
	}
	if ((fd = l2c_priv_open_out(path, 0)) == -1 ||
	    (f = fdopen(fd, "wb")) == NULL) {
		l2c_err("cannot write %s: %s%s", path, strerror(errno),
		    errno == EEXIST ? " (as root, a new file only)" : "");
		if (fd != -1)
			close(fd);
		pcap_close(po->dead);
		free(po);
		return L2C_ERR_SYS;
	}
	if ((po->dump = pcap_dump_fopen(po->dead, f)) == NULL) {
		l2c_err("cannot write %s: %s", path, pcap_geterr(po->dead));
		fclose(f);
		pcap_close(po->dead);
		free(po);
		return L2C_ERR_SYS;
	}
	po->link = link;
	link->tap = tap;
	link->taparg = po;
	*pop = po;
	return 0;
}

unsigned long
l2c_pcapout_count(const struct l2c_pcapout *po)
{
	return po->count;
}

void
l2c_pcapout_close(struct l2c_pcapout *po)
{
	if (po == NULL)
		return;
	if (po->link != NULL && po->link->taparg == po) {
		po->link->tap = NULL;
		po->link->taparg = NULL;
	}
	pcap_dump_close(po->dump);
	pcap_close(po->dead);
	free(po);
}
