/* SPDX-License-Identifier: ISC */
/*
 * Benchmark driver: runs a console client (ours or a reference) with
 * its stdin and stdout on pipes (or a raw pty with -p) and times what a
 * user feels:
 *   login     from start until the answer to a first command shows
 *   keys      one byte written, until the server's echo of it is read
 *   bulk      a command sent, until the end marker after its output
 *   idle      the client's CPU time and wake-ups over a quiet window
 * It prints "name value" lines: login_us, login_cpu_us, key_us (one
 * per key), bulk_us, bulk_bytes, idle_us, idle_cpu_us, idle_vcsw,
 * idle_ivcsw, hwm_kb, status.  The client must exec itself (ip netns
 * exec, env): the pid we start is the pid we measure.
 *
 *   l2c-sessbench [-p] [-t SEC] [-r SEND -R EXPECT] [-k N [-L N]]
 *       [-b SEND -B EXPECT] [-i SEC] [-x SEND] -- CMD [ARG...]
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define KEY		'#'
#define KILL_LINE	0x15	/* ^U: the pty drops the line, no command */
#define TAILMAX		256

struct drv {
	pid_t		 pid;
	int		 in, out;	/* our ends: child's stdin, stdout */
	uint64_t	 timeout_us;
	uint64_t	 total;		/* output bytes read */
	char		 tail[TAILMAX];	/* the last bytes read, for markers */
	size_t		 taillen;
};

static uint64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* C escapes in option strings: "\n", "\r", "\\", "\xNN". */
static char *
unescape(const char *s)
{
	char		*out, *o;
	unsigned	 v;

	if ((out = o = malloc(strlen(s) + 1)) == NULL)
		exit(2);
	while (*s != '\0') {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'x':
			if (sscanf(s + 1, "%2x", &v) == 1) {
				*o++ = (char)v;
				s += 2;
			}
			break;
		default:
			*o++ = *s;
			break;
		}
		s++;
	}
	*o = '\0';
	return out;
}

static int
send_str(struct drv *d, const char *s, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(d->in, s, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Keep the last bytes read, so a marker split over two reads is seen. */
static int
push_tail(struct drv *d, const char *p, size_t n, const char *needle)
{
	size_t	keep, nl = needle != NULL ? strlen(needle) : 0;
	char	win[2 * TAILMAX];
	size_t	wl;

	/* Look for the needle in the old tail plus the head of the new. */
	if (nl > 0) {
		wl = d->taillen;
		memcpy(win, d->tail, wl);
		keep = n < nl ? n : nl;
		memcpy(win + wl, p, keep);
		wl += keep;
		if (memmem(win, wl, needle, nl) != NULL ||
		    memmem(p, n, needle, nl) != NULL)
			return 1;
	}
	if (n >= TAILMAX) {
		memcpy(d->tail, p + n - TAILMAX, TAILMAX);
		d->taillen = TAILMAX;
	} else {
		keep = TAILMAX - n < d->taillen ? TAILMAX - n : d->taillen;
		memmove(d->tail, d->tail + d->taillen - keep, keep);
		memcpy(d->tail + keep, p, n);
		d->taillen = keep + n;
	}
	return 0;
}

/*
 * Read until needle shows (needle NULL: until quiet_us without output).
 * Returns 0, or -1 on timeout or end of output.
 */
static int
await(struct drv *d, const char *needle, uint64_t quiet_us)
{
	static char	 buf[65536];
	struct pollfd	 pfd;
	uint64_t	 deadline = now_us() + d->timeout_us, t;
	ssize_t		 n;
	int		 ms, found;

	pfd.fd = d->out;
	pfd.events = POLLIN;
	for (;;) {
		t = now_us();
		if (t >= deadline)
			return needle == NULL ? 0 : -1;
		ms = needle == NULL ? (int)(quiet_us / 1000) :
		    (int)((deadline - t) / 1000) + 1;
		if (poll(&pfd, 1, ms) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0) {
			if (needle == NULL)
				return 0;
			continue;
		}
		if ((n = read(d->out, buf, sizeof(buf))) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		if (n == 0)
			return -1;
		d->total += (uint64_t)n;
		found = push_tail(d, buf, (size_t)n, needle);
		if (found)
			return 0;
	}
}

/* The child's CPU time (ns precision where the kernel keeps it). */
static uint64_t
cpu_us(pid_t pid)
{
	char			 path[64], buf[1024], *p;
	unsigned long long	 ns, ut, st;
	FILE			*f;
	int			 i;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%llu", &ns) == 1) {
			fclose(f);
			return ns / 1000;
		}
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return 0;
	/* Fields after the name: state is 3, utime 14, stime 15. */
	for (i = 2; i < 14 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, "%llu %llu", &ut, &st) != 2)
		return 0;
	return (ut + st) * 1000000ULL / (unsigned long long)sysconf(_SC_CLK_TCK);
}

/* One "Name: value" number from /proc/PID/status. */
static long long
status_field(pid_t pid, const char *name)
{
	char		 path[64], line[256];
	size_t		 nl = strlen(name);
	long long	 v = -1;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, name, nl) == 0 && line[nl] == ':') {
			v = strtoll(line + nl + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int
spawn(struct drv *d, int use_pty, char **argv)
{
	int		 ip[2] = { -1, -1 }, op[2] = { -1, -1 }, m = -1, fl;
	struct termios	 t;
	struct winsize	 ws = { .ws_row = 24, .ws_col = 80 };
	char		*sname = NULL;

	if (use_pty) {
		if ((m = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
		    grantpt(m) != 0 || unlockpt(m) != 0 ||
		    (sname = ptsname(m)) == NULL)
			return -1;
		(void)ioctl(m, TIOCSWINSZ, &ws);
	} else if (pipe2(ip, O_CLOEXEC) != 0 || pipe2(op, O_CLOEXEC) != 0)
		return -1;
	if ((d->pid = fork()) < 0)
		return -1;
	if (d->pid == 0) {
		if (use_pty) {
			int	s;

			setsid();
			if ((s = open(sname, O_RDWR)) < 0)
				_exit(127);
			/* Raw: the client, not the pty, decides echo. */
			if (tcgetattr(s, &t) == 0) {
				cfmakeraw(&t);
				(void)tcsetattr(s, TCSANOW, &t);
			}
			(void)ioctl(s, TIOCSCTTY, 0);
			dup2(s, 0);
			dup2(s, 1);
			if (s > 1)
				close(s);
			close(m);
		} else {
			dup2(ip[0], 0);
			dup2(op[1], 1);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (use_pty) {
		d->in = d->out = m;
	} else {
		close(ip[0]);
		close(op[1]);
		d->in = ip[1];
		d->out = op[0];
	}
	fl = fcntl(d->out, F_GETFL);
	(void)fcntl(d->out, F_SETFL, fl | O_NONBLOCK);
	return 0;
}

/* Wait for the child to end, then insist. */
static int
reap(struct drv *d)
{
	uint64_t	deadline = now_us() + d->timeout_us;
	int		st, sig = SIGTERM;
	pid_t		r;

	for (;;) {
		r = waitpid(d->pid, &st, WNOHANG);
		if (r == d->pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) :
			    128 + WTERMSIG(st);
		if (r < 0)
			return -1;
		if (now_us() >= deadline) {
			kill(d->pid, sig);
			sig = SIGKILL;
			deadline = now_us() + 2000000;
		}
		/* Keep reading, or a client blocked on a full pipe never ends. */
		(void)await(d, NULL, 20000);
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: l2c-sessbench [-p] [-t SEC] [-r SEND -R "
	    "EXPECT] [-k N [-L N]] [-b SEND -B EXPECT] [-i SEC] [-x SEND] "
	    "-- CMD [ARG...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct drv	 d;
	char		*rsend = NULL, *rexp = NULL, *bsend = NULL, *bexp = NULL;
	char		*xsend = NULL, key = KEY, kill_line = KILL_LINE;
	uint64_t	 t0, t1, c0, c1, w0;
	long long	 v0, v1, i0, i1;
	double		 idle_s = 0;
	int		 ch, use_pty = 0, keys = 0, line = 40, i, st, rv = 0;

	memset(&d, 0, sizeof(d));
	d.timeout_us = 20000000;
	while ((ch = getopt(argc, argv, "pt:r:R:k:L:b:B:i:x:")) != -1) {
		switch (ch) {
		case 'p':
			use_pty = 1;
			break;
		case 't':
			d.timeout_us = (uint64_t)(atof(optarg) * 1e6);
			break;
		case 'r':
			rsend = unescape(optarg);
			break;
		case 'R':
			rexp = unescape(optarg);
			break;
		case 'k':
			keys = atoi(optarg);
			break;
		case 'L':
			line = atoi(optarg) > 0 ? atoi(optarg) : 40;
			break;
		case 'b':
			bsend = unescape(optarg);
			break;
		case 'B':
			bexp = unescape(optarg);
			break;
		case 'i':
			idle_s = atof(optarg);
			break;
		case 'x':
			xsend = unescape(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || (rsend == NULL) != (rexp == NULL) ||
	    (bsend == NULL) != (bexp == NULL))
		usage();
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	t0 = now_us();
	if (spawn(&d, use_pty, argv) != 0) {
		perror("l2c-sessbench: spawn");
		return 2;
	}
	if (rsend != NULL) {
		if (send_str(&d, rsend, strlen(rsend)) != 0 ||
		    await(&d, rexp, 0) != 0) {
			fprintf(stderr, "l2c-sessbench: no \"%s\" after "
			    "login\n", rexp);
			rv = 1;
			goto end;
		}
		printf("login_us %llu\nlogin_cpu_us %llu\n",
		    (unsigned long long)(now_us() - t0),
		    (unsigned long long)cpu_us(d.pid));
		/* Whatever else the login printed (a prompt). */
		(void)await(&d, NULL, 100000);
	}
	for (i = 0; i < keys; i++) {
		t1 = now_us();
		if (send_str(&d, &key, 1) != 0 || await(&d, "#", 0) != 0) {
			fprintf(stderr, "l2c-sessbench: no echo of key %d\n",
			    i);
			rv = 1;
			goto end;
		}
		printf("key_us %llu\n", (unsigned long long)(now_us() - t1));
		if ((i + 1) % line == 0 || i + 1 == keys) {
			(void)send_str(&d, &kill_line, 1);
			(void)await(&d, NULL, 50000);
		}
	}
	if (bsend != NULL) {
		uint64_t before = d.total;

		t1 = now_us();
		if (send_str(&d, bsend, strlen(bsend)) != 0 ||
		    await(&d, bexp, 0) != 0) {
			fprintf(stderr, "l2c-sessbench: no \"%s\" after the "
			    "bulk command\n", bexp);
			rv = 1;
			goto end;
		}
		printf("bulk_us %llu\nbulk_bytes %llu\n",
		    (unsigned long long)(now_us() - t1),
		    (unsigned long long)(d.total - before));
		(void)await(&d, NULL, 100000);
	}
	if (idle_s > 0) {
		c0 = cpu_us(d.pid);
		v0 = status_field(d.pid, "voluntary_ctxt_switches");
		i0 = status_field(d.pid, "nonvoluntary_ctxt_switches");
		w0 = now_us();
		while (now_us() - w0 < (uint64_t)(idle_s * 1e6))
			(void)await(&d, NULL, 200000);
		c1 = cpu_us(d.pid);
		v1 = status_field(d.pid, "voluntary_ctxt_switches");
		i1 = status_field(d.pid, "nonvoluntary_ctxt_switches");
		printf("idle_us %llu\nidle_cpu_us %llu\nidle_vcsw %lld\n"
		    "idle_ivcsw %lld\n", (unsigned long long)(now_us() - w0),
		    (unsigned long long)(c1 - c0), v1 - v0, i1 - i0);
	}
	printf("hwm_kb %lld\n", status_field(d.pid, "VmHWM"));
end:
	if (xsend != NULL)
		(void)send_str(&d, xsend, strlen(xsend));
	if (!use_pty)
		close(d.in);
	st = reap(&d);
	printf("status %d\n", st);
	return rv;
}
