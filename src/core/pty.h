/* SPDX-License-Identifier: ISC */
/*
 * A child on a pseudo-terminal, for console servers (MOP, MAC-Telnet):
 * the one spawner of a program with the slave as its controlling
 * terminal, its last step a hook (exec argv; login.c's hook becomes an
 * account first); read and write the master (non-blocking), pass
 * window sizes and interrupts, hang it up and reap it.  Knows nothing
 * about any protocol.
 */
#ifndef L2C_PTY_H
#define L2C_PTY_H

#include <sys/types.h>

struct l2c_pty {
	int	fd;		/* master: non-blocking, close-on-exec; -1 */
	pid_t	pid;		/* child; 0 once reaped */
	int	status;		/* wait status once reaped */
};

struct l2c_pty_opts {
	const char	*term;		/* TERM for the child; NULL: vt100 */
	unsigned	 cols, rows;	/* 0: 80x24 */
};

/*
 * The child's last step, with the pty on 0, 1 and 2 and no other
 * descriptor of ours open: exec.  It returns only on failure, a
 * negative L2C_ERR_* (errno set) that l2c_pty_start() then returns.
 */
typedef int	l2c_pty_child_fn(void *);

void	l2c_pty_init(struct l2c_pty *);
/*
 * Spawn on a new pty of cols x rows (0: 80x24) in a session of its own;
 * 0 once the hook has exec'd, or the hook's error (the child reaped).
 */
int	l2c_pty_start(struct l2c_pty *, unsigned cols, unsigned rows,
	    l2c_pty_child_fn *, void *);
/*
 * Run argv[0] (searched in PATH) with argv on a new pty, in a session
 * of its own.  The child gets no descriptor of ours beyond 0, 1, 2.
 */
int	l2c_pty_spawn(struct l2c_pty *, char *const argv[],
	    const struct l2c_pty_opts *);
int	l2c_pty_resize(struct l2c_pty *, unsigned cols, unsigned rows);
/* The size a master's child sees; 0 (or absurd): 80x24. */
int	l2c_pty_winsize(int master, unsigned cols, unsigned rows);
/* Signal the terminal's foreground process group (break: SIGINT). */
int	l2c_pty_signal(struct l2c_pty *, int);
/* 1 if the child has exited (status set), 0 if it runs, or an error. */
int	l2c_pty_reap(struct l2c_pty *);
/*
 * Whether the program on a master from l2c_pty_start() has ended, when
 * it may not be our child (a monitor's) and a job it left in the
 * background may still hold the terminal (no EIO yet): the terminal
 * had a foreground process group from before the exec, and has none
 * once the session leader ended.  1 then, else 0.
 */
int	l2c_pty_lead_gone(int master);
/*
 * Hang up: close the master (the kernel sends SIGHUP), then SIGTERM
 * and at last SIGKILL to the child's session if it lingers; reaped.
 */
void	l2c_pty_close(struct l2c_pty *);

#endif /* L2C_PTY_H */
