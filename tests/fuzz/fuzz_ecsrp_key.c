/*
 * libFuzzer target: EC-SRP5 wire key decoding (33 bytes: u || parity).
 * Input: the first 33 bytes are the key (shorter inputs are skipped).
 * A key that decodes must encode back to the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mac/ecsrp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct ecsrp	*e;
	uint8_t			 out[ECSRP_KEY_LEN];

	if (e == NULL && ecsrp_new(&e) != 0)
		__builtin_trap();
	if (len < ECSRP_KEY_LEN)
		return 0;
	if (ecsrp_key_check(e, data, out) == 0 &&
	    memcmp(out, data, ECSRP_KEY_LEN) != 0)
		__builtin_trap();
	return 0;
}
