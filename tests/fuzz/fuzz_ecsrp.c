/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: EC-SRP5 key decoding.  Input: a 33-byte wire key
 * (shorter inputs are zero-padded), then optionally 32 more bytes used
 * as a proof.  The key goes through the decoder (decode, encode: a key
 * that decodes must re-encode to itself), the client proof (as the
 * server's key) and the server check (as the client's key).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mac/ecsrp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Fixed scalars, so runs are repeatable. */
static const uint8_t A[ECSRP_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31, 0x5f };
static const uint8_t S[ECSRP_LEN] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1,
    0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd,
    0xbe, 0x7f };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct ecsrp	*ec;
	static uint8_t		 wc[ECSRP_KEY_LEN], ws[ECSRP_KEY_LEN],
				 i[ECSRP_LEN], v[ECSRP_KEY_LEN];
	uint8_t			 key[ECSRP_KEY_LEN], out[ECSRP_KEY_LEN],
				 again[ECSRP_KEY_LEN], proof[ECSRP_LEN],
				 mine[ECSRP_LEN];
	int			 rv;

	if (ec == NULL) {
		static const uint8_t salt[ECSRP_SALT_LEN];

		if (ecsrp_new(&ec) != 0 ||
		    ecsrp_verifier("admin", "test123", salt, i) != 0 ||
		    ecsrp_pubkey(ec, A, wc) != 0 ||
		    ecsrp_pubkey(ec, i, v) != 0 ||
		    ecsrp_server_key(ec, S, v, ws) != 0)
			__builtin_trap();
	}
	memset(key, 0, sizeof(key));
	memcpy(key, data, len < sizeof(key) ? len : sizeof(key));
	memset(proof, 0, sizeof(proof));
	if (len > sizeof(key))
		memcpy(proof, data + sizeof(key), len - sizeof(key) <
		    sizeof(proof) ? len - sizeof(key) : sizeof(proof));
	if ((rv = ecsrp_key_check(ec, key, out)) == 0) {
		if (ecsrp_key_check(ec, out, again) != 0 ||
		    memcmp(out, again, sizeof(out)) != 0)
			__builtin_trap();
	}
	(void)ecsrp_client_proof(ec, A, wc, key, i, mine);
	(void)ecsrp_server_check(ec, S, v, key, ws, proof);
	/* Any bytes as the stored verifier: refused or checked, no crash. */
	(void)ecsrp_server_check(ec, S, key, wc, ws, proof);
	return 0;
}
