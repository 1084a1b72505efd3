/* SPDX-License-Identifier: ISC */
/* Write each frame of the captures given as one file in a corpus dir. */
#include <stdio.h>
#include <stdlib.h>

#include <pcap/pcap.h>

int
main(int argc, char **argv)
{
	char			 errbuf[PCAP_ERRBUF_SIZE], path[4096];
	struct pcap_pkthdr	*h;
	const u_char		*p;
	pcap_t			*pc;
	FILE			*f;
	int			 i, n = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: pcap2corpus DIR FILE...\n");
		return 64;
	}
	for (i = 2; i < argc; i++) {
		if ((pc = pcap_open_offline(argv[i], errbuf)) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], errbuf);
			return 66;
		}
		while (pcap_next_ex(pc, &h, &p) == 1) {
			snprintf(path, sizeof(path), "%s/seed-%04d", argv[1], n++);
			if ((f = fopen(path, "wb")) == NULL ||
			    fwrite(p, 1, h->caplen, f) != h->caplen ||
			    fclose(f) != 0) {
				perror(path);
				return 74;
			}
		}
		pcap_close(pc);
	}
	return 0;
}
