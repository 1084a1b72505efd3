/* SPDX-License-Identifier: ISC */
/* The MAC-Telnet captures' names (mt_caps.h). */
#include <stddef.h>

#include "mt_caps.h"

const char *const mt_captures[] = {
	"mactelnet-debian044-client_vs_upstream063-ecsrp-server_hang.pcap",
	"mactelnet-debian044-idle-keepalive.pcap",
	"mactelnet-debian044-md5-demo.pcap",
	"mactelnet-debian044-md5-tty-resize.pcap",
	"mactelnet-debian044-retransmit-no-ack.pcap",
	"mactelnet-upstream063-client_vs_debian044-server_md5-fallback.pcap",
	"mactelnet-upstream063-ecsrp-demo.pcap",
	"mactelnet-upstream063-ecsrp-deterministic-vector.pcap",
	"mactelnet-upstream063-ecsrp-login-failed.pcap",
	"mactelnet-upstream063-ecsrp-rawmode-noip.pcap",
	"mactelnet-upstream063-server_debian044-macping_mndp_identity-lookup.pcap",
};
const size_t mt_ncaptures = sizeof(mt_captures) / sizeof(mt_captures[0]);
