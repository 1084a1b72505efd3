/* SPDX-License-Identifier: ISC */
/*
 * --pcap: frames sent and received on a link land in a readable file,
 * which is never a symlink's target nor, as root, a file that exists.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <pcap/pcap.h>

#include "core/buf.h"
#include "core/frame.h"
#include "core/link.h"
#include "core/pcapout.h"

static void
test_tap_writes_both_directions(void **state)
{
	static const uint8_t	 ma[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t	 mb[6] = { 2, 0, 0, 0, 0, 2 };
	char			 dir[] = "/tmp/l2c-pcapout-XXXXXX", path[64];
	char			 errbuf[PCAP_ERRBUF_SIZE];
	struct l2c_link		*a, *b;
	struct l2c_pcapout	*po;
	struct pcap_pkthdr	*h;
	const u_char		*p;
	uint8_t			 f[60];
	struct l2c_wbuf		 w;
	pcap_t			*pc;
	int			 n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.pcap", dir);
	assert_int_equal(l2c_link_mem_pair(ma, mb, &a, &b), 0);
	assert_int_equal(l2c_pcapout_open(path, b, &po), 0);
	l2c_wbuf_init(&w, f, sizeof(f));
	assert_int_equal(l2c_eth_begin(&w, mb, ma, 0x6002, L2C_ENCAP_ETH2,
	    NULL), 0);
	assert_int_equal(l2c_eth_finish(&w, L2C_ENCAP_ETH2, 0), 0);
	assert_int_equal(l2c_link_send(a, f, w.len), 0);
	assert_int_equal(l2c_link_read_batch(b, 10), 1);	/* in */
	f[12] = 0x90;
	f[13] = 0x00;
	assert_int_equal(l2c_link_send(b, f, w.len), 0);	/* out */
	assert_int_equal(l2c_pcapout_count(po), 2);
	l2c_pcapout_close(po);
	assert_non_null(pc = pcap_open_offline(path, errbuf));
	while (pcap_next_ex(pc, &h, &p) == 1) {
		assert_int_equal(h->caplen, 60);
		assert_int_equal(p[12], n == 0 ? 0x60 : 0x90);
		n++;
	}
	assert_int_equal(n, 2);
	pcap_close(pc);
	unlink(path);
	rmdir(dir);
	l2c_link_close(a);
	l2c_link_close(b);
}

/*
 * Opened before the privilege drop, the file is no way into another:
 * a symlink is not followed, and as root a file that exists is left
 * alone (a hard link to /etc/shadow would be one).
 */
static void
test_no_symlink_no_overwrite(void **state)
{
	static const uint8_t	 ma[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t	 mb[6] = { 2, 0, 0, 0, 0, 2 };
	char			 dir[] = "/tmp/l2c-pcapout-XXXXXX";
	char			 target[64], link[64];
	struct l2c_link		*a, *b;
	struct l2c_pcapout	*po = NULL;
	struct stat		 st;
	int			 fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/precious", dir);
	snprintf(link, sizeof(link), "%s/trap.pcap", dir);
	assert_true((fd = open(target, O_WRONLY | O_CREAT, 0644)) >= 0);
	assert_int_equal(write(fd, "keep", 4), 4);
	close(fd);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(l2c_link_mem_pair(ma, mb, &a, &b), 0);
	assert_int_not_equal(l2c_pcapout_open(link, b, &po), 0);
	if (geteuid() == 0)
		assert_int_not_equal(l2c_pcapout_open(target, b, &po), 0);
	assert_int_equal(stat(target, &st), 0);
	if (geteuid() == 0)
		assert_int_equal(st.st_size, 4);
	l2c_pcapout_close(po);
	unlink(link);
	unlink(target);
	rmdir(dir);
	l2c_link_close(a);
	l2c_link_close(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tap_writes_both_directions),
		cmocka_unit_test(test_no_symlink_no_overwrite),
	};

	return cmocka_run_group_tests_name("core/pcapout", tests, NULL, NULL);
}
