/* SPDX-License-Identifier: ISC */
/*
 * EC-SRP5, the login RouterOS >= 6.43 requires: Curve25519 in short
 * Weierstrass form (OpenSSL's GFp curves), keys on the wire as the
 * Montgomery u coordinate plus the parity of y.  Both sides: the client
 * proof, and the server key with the proof it expects.  Every function
 * returns 0 or a negative L2C_ERR_*; secrets are wiped after use.
 */
#ifndef L2C_MAC_ECSRP_H
#define L2C_MAC_ECSRP_H

#include <stddef.h>
#include <stdint.h>

#define ECSRP_KEY_LEN	33	/* BE32(u) || parity of y */
#define ECSRP_LEN	32	/* scalars, hashes, u coordinates */
#define ECSRP_SALT_LEN	16

struct ecsrp;

/* The curve constants as hex, so tests can check them against each other. */
struct ecsrp_consts {
	const char	*p, *a, *b, *gx, *gy, *n, *m2w, *w2m;
};

const struct ecsrp_consts *ecsrp_consts(void);
int	ecsrp_new(struct ecsrp **);
void	ecsrp_free(struct ecsrp *);

/* The identity part of a login: "admin+ct80w" -> 5 ("admin"). */
size_t	ecsrp_user_len(const char *login);
/*
 * x = SHA256(salt || SHA256(user ":" password)), user cut at '+': the
 * client's secret (called i here).  The server needs only the verifier
 * point V = x.G (ecsrp_pubkey with priv = x), which logs nobody in.
 */
int	ecsrp_verifier(const char *login, const char *password,
	    const uint8_t salt[ECSRP_SALT_LEN], uint8_t i[ECSRP_LEN]);
/* A fresh private scalar from the kernel (l2c_random). */
int	ecsrp_random_scalar(uint8_t out[ECSRP_LEN]);
/* priv . G in wire form (client W_c; also the verifier V with priv = i). */
int	ecsrp_pubkey(struct ecsrp *, const uint8_t priv[ECSRP_LEN],
	    uint8_t key[ECSRP_KEY_LEN]);
/* Hash to curve: gamma(V, parity) in wire form. */
int	ecsrp_gamma(struct ecsrp *, const uint8_t v[ECSRP_KEY_LEN], int parity,
	    uint8_t key[ECSRP_KEY_LEN]);
/* j = SHA256(u(W_c) || u(W_s)). */
int	ecsrp_j(const uint8_t wc[ECSRP_KEY_LEN], const uint8_t ws[ECSRP_KEY_LEN],
	    uint8_t j[ECSRP_LEN]);
/* Client: the 32-byte proof for the server key ws. */
int	ecsrp_client_proof(struct ecsrp *, const uint8_t a[ECSRP_LEN],
	    const uint8_t wc[ECSRP_KEY_LEN], const uint8_t ws[ECSRP_KEY_LEN],
	    const uint8_t i[ECSRP_LEN], uint8_t proof[ECSRP_LEN]);
/*
 * The server's side takes the verifier point V (wire form), not x.
 * W_s = s.G + gamma(V, 0).
 */
int	ecsrp_server_key(struct ecsrp *, const uint8_t s[ECSRP_LEN],
	    const uint8_t v[ECSRP_KEY_LEN], uint8_t ws[ECSRP_KEY_LEN]);
/* Server: the proof a client that knows the password sends. */
int	ecsrp_server_proof(struct ecsrp *, const uint8_t s[ECSRP_LEN],
	    const uint8_t v[ECSRP_KEY_LEN], const uint8_t wc[ECSRP_KEY_LEN],
	    const uint8_t ws[ECSRP_KEY_LEN], uint8_t proof[ECSRP_LEN]);
/* Server: 0 if the client's proof is right, L2C_ERR_AUTH if not. */
int	ecsrp_server_check(struct ecsrp *, const uint8_t s[ECSRP_LEN],
	    const uint8_t v[ECSRP_KEY_LEN], const uint8_t wc[ECSRP_KEY_LEN],
	    const uint8_t ws[ECSRP_KEY_LEN], const uint8_t proof[ECSRP_LEN]);
/* Decode a wire key and encode it again (L2C_ERR_MALFORMED if bad). */
int	ecsrp_key_check(struct ecsrp *, const uint8_t in[ECSRP_KEY_LEN],
	    uint8_t out[ECSRP_KEY_LEN]);

#endif /* L2C_MAC_ECSRP_H */
