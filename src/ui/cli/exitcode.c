/* SPDX-License-Identifier: ISC */
/* Which exit status an error ends the program with. */
#include "core/err.h"
#include "ui/cli/exitcode.h"

int
l2c_exit_for(int err)
{
	switch (err) {
	case 0:
		return L2C_EX_OK;
	case L2C_ERR_AUTH:
		return L2C_EX_AUTH;
	case L2C_ERR_INVAL:
		return L2C_EX_USAGE;
	case L2C_ERR_NOANSWER:
	case L2C_ERR_NOTFOUND:
		return L2C_EX_NOHOST;
	case L2C_ERR_UNAVAIL:
	case L2C_ERR_BUSY:
		return L2C_EX_UNAVAILABLE;
	case L2C_ERR_NOIF:
	case L2C_ERR_IFDOWN:
	case L2C_ERR_NOTETHER:
	case L2C_ERR_PCAP:
	case L2C_ERR_INJECT:
	case L2C_ERR_SYS:
		return L2C_EX_OSERR;
	case L2C_ERR_PEERLOST:
		return L2C_EX_TEMPFAIL;
	case L2C_ERR_PROTO:
	case L2C_ERR_MALFORMED:
		return L2C_EX_PROTOCOL;
	case L2C_ERR_PERM:
	case L2C_ERR_PRIV:
		return L2C_EX_NOPERM;
	default:
		return L2C_EX_SOFTWARE;
	}
}
