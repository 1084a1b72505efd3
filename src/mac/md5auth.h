/* SPDX-License-Identifier: ISC */
/*
 * The legacy MAC-Telnet login (Debian's mactelnetd 0.4.x): the password
 * field is 0x00 || MD5(0x00 || password || salt).  Weak: anyone who
 * sees the exchange can try passwords offline.  Client and server side.
 */
#ifndef L2C_MAC_MD5AUTH_H
#define L2C_MAC_MD5AUTH_H

#include <stdint.h>

#define MT_MD5_SALT_LEN	16
#define MT_MD5_RESP_LEN	17

int	mt_md5_response(const char *password,
	    const uint8_t salt[MT_MD5_SALT_LEN], uint8_t out[MT_MD5_RESP_LEN]);
/* Server: 0 if resp matches the password, L2C_ERR_AUTH if not. */
int	mt_md5_check(const char *password, const uint8_t salt[MT_MD5_SALT_LEN],
	    const uint8_t resp[MT_MD5_RESP_LEN]);

#endif /* L2C_MAC_MD5AUTH_H */
