/* SPDX-License-Identifier: ISC */
/* Read a secret without echo, from a file, or from the environment. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/log.h"
#include "core/priv.h"
#include "ui/cli/cmd.h"
#include "ui/cli/exitcode.h"
#include "ui/conf/secret.h"

void
l2c_secret_wipe(void *p, size_t len)
{
	explicit_bzero(p, len);
}

static void
chomp(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
}

static int
from_file(const char *path, char *buf, size_t len)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		l2c_say("cannot read %s: %s", path, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0) {
		l2c_say("cannot read %s: %s", path, strerror(errno));
		return L2C_EX_NOINPUT;
	}
	buf[n] = '\0';
	chomp(buf);
	return 0;
}

static int
from_tty(const char *prompt, char *buf, size_t len)
{
	struct termios	 old, noecho;
	ssize_t		 n;
	size_t		 got = 0;
	char		 c;
	int		 fd;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		l2c_say("no password given and no terminal to ask on: use "
		    "--password-file or L2CONSOLE_PASSWORD");
		return L2C_EX_USAGE;
	}
	if (tcgetattr(fd, &old) == -1) {
		close(fd);
		l2c_say("cannot turn off echo to read the password");
		return L2C_EX_OSERR;
	}
	noecho = old;
	noecho.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	noecho.c_lflag |= ICANON;
	if (write(fd, prompt, strlen(prompt)) == -1) {
		close(fd);
		l2c_say("cannot write the password prompt: %s",
		    strerror(errno));
		return L2C_EX_OSERR;
	}
	tcsetattr(fd, TCSAFLUSH, &noecho);
	while (got + 1 < len && (n = read(fd, &c, 1)) == 1 && c != '\n' &&
	    c != '\r')
		buf[got++] = c;
	buf[got] = '\0';
	c = 0;
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) != 1)
		l2c_debug("cannot end the password prompt's line");
	close(fd);
	return 0;
}

int
l2c_secret_get(const char *file, const char *envname, const char *prompt,
    char *buf, size_t len)
{
	const char	*env;

	if (len < 2)
		return L2C_EX_SOFTWARE;
	/* Whoever holds a secret: no core dump of it, no swap where we may. */
	l2c_priv_nodump();
	l2c_priv_lock(buf, len);
	if (file != NULL)
		return from_file(file, buf, len);
	if (envname != NULL && (env = getenv(envname)) != NULL) {
		if (strlen(env) >= len) {
			l2c_say("%s is longer than %zu bytes", envname, len - 1);
			return L2C_EX_USAGE;
		}
		memcpy(buf, env, strlen(env) + 1);
		return 0;
	}
	if (prompt == NULL) {
		buf[0] = '\0';
		return 0;
	}
	return from_tty(prompt, buf, len);
}
