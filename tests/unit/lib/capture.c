/* SPDX-License-Identifier: ISC */
/* Read real captures (pcap or pcapng) for unit tests. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture.h"

/* A raw recording (a terminal stream): the whole file, NUL-terminated. */
char *
tdata_load(const char *name, size_t *len)
{
	const char	*dir = getenv("L2C_TEST_DATA");
	char		 path[512], *p;
	FILE		*f;
	long		 n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		abort();
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

void
tcap_load(const char *name, struct tcap *c)
{
	char			 path[512], errbuf[PCAP_ERRBUF_SIZE];
	const char		*dir = getenv("L2C_TEST_DATA");
	struct pcap_pkthdr	*h;
	const u_char		*p;
	pcap_t			*pc;
	double			 t0 = -1, t;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	if ((pc = pcap_open_offline(path, errbuf)) == NULL) {
		fprintf(stderr, "cannot open %s: %s\n", path, errbuf);
		abort();
	}
	memset(c, 0, sizeof(*c));
	while (pcap_next_ex(pc, &h, &p) == 1) {
		c->f = reallocarray(c->f, c->n + 1, sizeof(*c->f));
		if (c->f == NULL)
			abort();
		t = (double)h->ts.tv_sec + (double)h->ts.tv_usec / 1e6;
		if (t0 < 0)
			t0 = t;
		c->f[c->n].t = t - t0;
		c->f[c->n].len = h->caplen;
		if ((c->f[c->n].data = malloc(h->caplen)) == NULL)
			abort();
		memcpy(c->f[c->n].data, p, h->caplen);
		c->n++;
	}
	pcap_close(pc);
}

void
tcap_free(struct tcap *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->f[i].data);
	free(c->f);
	memset(c, 0, sizeof(*c));
}

size_t
thex(const char *s, uint8_t *out, size_t max)
{
	size_t	n = 0;
	int	hi = -1, v;

	for (; *s != '\0'; s++) {
		if (!isxdigit((unsigned char)*s))
			continue;
		v = isdigit((unsigned char)*s) ? *s - '0' :
		    tolower((unsigned char)*s) - 'a' + 10;
		if (hi < 0)
			hi = v;
		else {
			if (n == max)
				abort();
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}
