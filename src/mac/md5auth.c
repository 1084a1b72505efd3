/* SPDX-License-Identifier: ISC */
/* Legacy MD5 login response, both sides. */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "mac/md5auth.h"

int
mt_md5_response(const char *password, const uint8_t salt[MT_MD5_SALT_LEN],
    uint8_t out[MT_MD5_RESP_LEN])
{
	EVP_MD_CTX	*md;
	const uint8_t	 zero = 0;
	int		 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_md5(), NULL) &&
	    EVP_DigestUpdate(md, &zero, 1) &&
	    EVP_DigestUpdate(md, password, strlen(password)) &&
	    EVP_DigestUpdate(md, salt, MT_MD5_SALT_LEN) &&
	    EVP_DigestFinal_ex(md, out + 1, NULL);
	EVP_MD_CTX_free(md);
	out[0] = 0;
	if (!ok) {
		OPENSSL_cleanse(out, MT_MD5_RESP_LEN);
		return L2C_ERR_CRYPTO;
	}
	return 0;
}

/* Constant time: the comparison says nothing about where it differs. */
int
mt_md5_check(const char *password, const uint8_t salt[MT_MD5_SALT_LEN],
    const uint8_t resp[MT_MD5_RESP_LEN])
{
	uint8_t	want[MT_MD5_RESP_LEN];
	int	rv;

	if ((rv = mt_md5_response(password, salt, want)) != 0)
		return rv;
	rv = CRYPTO_memcmp(want, resp, sizeof(want)) == 0 ? 0 : L2C_ERR_AUTH;
	OPENSSL_cleanse(want, sizeof(want));
	return rv;
}
