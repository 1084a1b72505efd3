/* SPDX-License-Identifier: ISC */
/*
 * Error codes: every function in l2console returns 0 (or a count) on
 * success and a negative L2C_ERR_* on failure.  The face alone decides
 * what to tell the user and which exit status to use.
 */
#ifndef L2C_ERR_H
#define L2C_ERR_H

#define L2C_ERRORS(X)							\
	X(TRUNC,	-1,  "message truncated")			\
	X(NOSPACE,	-2,  "buffer too small")			\
	X(TRAILING,	-3,  "unexpected trailing bytes")		\
	X(MALFORMED,	-4,  "malformed message")			\
	X(NOMEM,	-5,  "out of memory")				\
	X(SYS,		-6,  "system error")				\
	X(NOIF,		-7,  "no such interface")			\
	X(IFDOWN,	-8,  "interface is down")			\
	X(NOTETHER,	-9,  "not an Ethernet interface")		\
	X(PERM,		-10, "permission denied (needs CAP_NET_RAW)")	\
	X(PCAP,		-11, "capture failed")				\
	X(INJECT,	-12, "frame injection failed")			\
	X(NOANSWER,	-13, "no answer")				\
	X(AUTH,		-14, "login failed")				\
	X(PEERLOST,	-15, "peer lost")				\
	X(UNAVAIL,	-16, "console unavailable")			\
	X(PROTO,	-17, "protocol error")				\
	X(INVAL,	-18, "invalid argument")			\
	X(CRYPTO,	-19, "cryptographic operation failed")		\
	X(NOTFOUND,	-20, "not found")				\
	X(BUSY,		-21, "resource busy")				\
	X(PRIV,		-22, "cannot drop privileges")

enum l2c_err {
	L2C_OK = 0,
#define L2C_ERR_ENUM(name, val, str)	L2C_ERR_##name = (val),
	L2C_ERRORS(L2C_ERR_ENUM)
#undef L2C_ERR_ENUM
};

const char	*l2c_strerror(int);

#endif /* L2C_ERR_H */
