/* SPDX-License-Identifier: ISC */
/*
 * Exit statuses, sysexits-style where one fits.  Documented in --help
 * and in docs/l2console.1 (EXIT STATUS); keep the three in step.
 */
#ifndef L2C_EXITCODE_H
#define L2C_EXITCODE_H

#define L2C_EX_OK		0	/* success */
#define L2C_EX_NONE		1	/* scan found nothing, ping got no reply */
#define L2C_EX_AUTH		2	/* login failed, reservation refused */
#define L2C_EX_CMDFAIL		3	/* the device said a command failed */
#define L2C_EX_CMDTIME		4	/* no prompt within --command-timeout */
#define L2C_EX_FINDINGS		5	/* scan --audit found something to fix */
#define L2C_EX_SCRIPT		6	/* a --script error (syntax, runtime, timeout) */
#define L2C_EX_USAGE		64	/* bad command line */
#define L2C_EX_DATAERR		65	/* bad file contents */
#define L2C_EX_NOINPUT		66	/* a file could not be read or written */
#define L2C_EX_NOHOST		68	/* target never answered / not found */
#define L2C_EX_UNAVAILABLE	69	/* console not offered or taken */
#define L2C_EX_SOFTWARE		70	/* internal error */
#define L2C_EX_OSERR		71	/* interface missing, down, unusable */
#define L2C_EX_TEMPFAIL		75	/* peer lost during the session */
#define L2C_EX_PROTOCOL		76	/* the peer broke the protocol */
#define L2C_EX_NOPERM		77	/* no CAP_NET_RAW; unsafe users file */

int	l2c_exit_for(int err);

#endif /* L2C_EXITCODE_H */
