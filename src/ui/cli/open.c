/* SPDX-License-Identifier: ISC */
/*
 * Open an interface, or say in one line why not and what to do; end a
 * one-shot command's loop on a timer or a signal.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/priv.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/cli/open.h"

static void
explain(const char *ifname, int err)
{
	char	self[PATH_MAX];
	ssize_t	n;

	switch (err) {
	case L2C_ERR_NOIF:
		l2c_say("no interface named \"%s\" (l2console interfaces "
		    "lists them)", ifname);
		break;
	case L2C_ERR_IFDOWN:
		l2c_say("interface %s is down (bring it up: ip link set %s up)",
		    ifname, ifname);
		break;
	case L2C_ERR_NOTETHER:
		l2c_say("interface %s is not Ethernet (l2console interfaces "
		    "lists the usable ones)", ifname);
		break;
	case L2C_ERR_PERM:
		n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		self[n > 0 ? n : 0] = '\0';
		l2c_say("no permission to capture on %s: run as root, or "
		    "setcap cap_net_raw+ep %s", ifname,
		    n > 0 ? self : "l2console");
		break;
	default:
		l2c_say("cannot open %s: %s", ifname, l2c_strerror(err));
		break;
	}
}

static int
open_common(const char *ifname, struct l2c_ui_link *u, int drop,
    size_t bufsz, unsigned flags)
{
	int	rv;

	memset(u, 0, sizeof(*u));
	if ((rv = l2c_link_open_flags(ifname, bufsz, flags, &u->link)) != 0) {
		explain(ifname, rv);
		return l2c_exit_for(rv);
	}
	if ((rv = l2c_loop_new(&u->loop)) != 0 ||
	    (rv = l2c_ctx_init(&u->ctx, u->loop, u->link)) != 0) {
		l2c_say("cannot start: %s", l2c_strerror(rv));
		l2c_ui_close(u);
		return L2C_EX_SOFTWARE;
	}
	/* Opened before the privilege drop: root may write anywhere. */
	if (l2c_opts.pcap != NULL &&
	    (rv = l2c_pcapout_open(l2c_opts.pcap, u->link, &u->pcap)) != 0) {
		l2c_say("cannot write the capture file %s", l2c_opts.pcap);
		l2c_ui_close(u);
		return L2C_EX_NOINPUT;
	}
	if (drop && (rv = l2c_priv_drop(l2c_opts.user)) != 0) {
		l2c_say("cannot drop root privileges to \"%s\": refusing to "
		    "run as root (give --user an existing account)",
		    l2c_opts.user ? l2c_opts.user : "nobody");
		l2c_ui_close(u);
		return L2C_EX_NOPERM;
	}
	return 0;
}

int
l2c_ui_open(const char *ifname, struct l2c_ui_link *u)
{
	return open_common(ifname, u, 1, L2C_LINK_BUF_DEFAULT, 0);
}

int
l2c_ui_open_flags(const char *ifname, struct l2c_ui_link *u, unsigned flags)
{
	return open_common(ifname, u, 1, L2C_LINK_BUF_DEFAULT, flags);
}

int
l2c_ui_open_session(const char *ifname, struct l2c_ui_link *u)
{
	return open_common(ifname, u, 1, L2C_LINK_BUF_SESSION, 0);
}

int
l2c_ui_open_keep(const char *ifname, struct l2c_ui_link *u)
{
	return open_common(ifname, u, 0, L2C_LINK_BUF_DEFAULT, 0);
}

void
l2c_ui_close(struct l2c_ui_link *u)
{
	if (u->link != NULL && u->loop != NULL)
		l2c_ctx_fini(&u->ctx);
	l2c_pcapout_close(u->pcap);
	l2c_link_close(u->link);
	l2c_loop_free(u->loop);
	memset(u, 0, sizeof(*u));
}

/* The end of a one-shot command: its timer fired. */
void
l2c_ui_stop(void *arg)
{
	struct l2c_ui_link	*u = arg;

	l2c_loop_break(u->loop, 0);
}

/* Or it was interrupted: the same end (the summary still prints). */
static void
on_signal(void *arg, int signo)
{
	(void)signo;
	l2c_ui_stop(arg);
}

/* ^C, kill and a closed terminal end the loop, not the process. */
int
l2c_ui_stop_on_signals(struct l2c_ui_link *u)
{
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t			i;
	int			rv;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if ((rv = l2c_loop_signal(u->loop, sigs[i], on_signal, u)) != 0)
			return rv;
	return 0;
}

int
l2c_ui_monitor_status(int rv, int status)
{
	if (rv >= 0)
		return status;
	if (rv != L2C_ERR_PRIV)
		l2c_say("cannot separate privileges: %s", l2c_strerror(rv));
	return l2c_exit_for(rv);
}
