/* SPDX-License-Identifier: ISC */
/*
 * EC-SRP5 over Curve25519 in Weierstrass form, with OpenSSL's BN and
 * EC_POINT.  Wire keys are Montgomery u = x + w2m (mod p) and y's parity.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/random.h"
#include "mac/ecsrp.h"

/* Tries of the hash-to-curve loop; each succeeds with odds about 1/2. */
#define GAMMA_TRIES	512

struct ecsrp {
	EC_GROUP	*g;
	BIGNUM		*p, *n, *m2w, *w2m;
	BN_CTX		*ctx;
};

static const struct ecsrp_consts consts = {
	.p = "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed",
	.a = "2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144",
	.b = "7b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864",
	.gx = "2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad245a",
	.gy = "5f51e65e475f794b1fe122d388b72eb36dc2b28192839e4dd6163a5d81312c14",
	.n = "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed",
	.m2w = "2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad2451",
	.w2m = "555555555555555555555555555555555555555555555555555555555552db9c",
};

const struct ecsrp_consts *
ecsrp_consts(void)
{
	return &consts;
}

static int
hex2bn(BIGNUM **bn, const char *hex)
{
	*bn = NULL;
	return BN_hex2bn(bn, hex) > 0;
}

void
ecsrp_free(struct ecsrp *e)
{
	if (e == NULL)
		return;
	EC_GROUP_free(e->g);
	BN_free(e->p);
	BN_free(e->n);
	BN_free(e->m2w);
	BN_free(e->w2m);
	BN_CTX_free(e->ctx);
	free(e);
}

int
ecsrp_new(struct ecsrp **ep)
{
	struct ecsrp	*e;
	BIGNUM		*a = NULL, *b = NULL, *gx = NULL, *gy = NULL;
	BIGNUM		*h = NULL;
	EC_POINT	*gen = NULL;
	int		 ok;

	*ep = NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return L2C_ERR_NOMEM;
	ok = (e->ctx = BN_CTX_new()) != NULL &&
	    hex2bn(&e->p, consts.p) && hex2bn(&a, consts.a) &&
	    hex2bn(&b, consts.b) && hex2bn(&gx, consts.gx) &&
	    hex2bn(&gy, consts.gy) && hex2bn(&e->n, consts.n) &&
	    hex2bn(&e->m2w, consts.m2w) && hex2bn(&e->w2m, consts.w2m) &&
	    (h = BN_new()) != NULL && BN_set_word(h, 8) &&
	    (e->g = EC_GROUP_new_curve_GFp(e->p, a, b, e->ctx)) != NULL &&
	    (gen = EC_POINT_new(e->g)) != NULL &&
	    EC_POINT_set_affine_coordinates(e->g, gen, gx, gy, e->ctx) &&
	    EC_GROUP_set_generator(e->g, gen, e->n, h);
	EC_POINT_free(gen);
	BN_free(a);
	BN_free(b);
	BN_free(gx);
	BN_free(gy);
	BN_free(h);
	if (!ok) {
		ERR_clear_error();
		ecsrp_free(e);
		return L2C_ERR_CRYPTO;
	}
	*ep = e;
	return 0;
}

size_t
ecsrp_user_len(const char *login)
{
	return strcspn(login, "+");
}

static int
sha256(const void *p1, size_t l1, const void *p2, size_t l2,
    uint8_t out[ECSRP_LEN])
{
	EVP_MD_CTX	*md;
	int		 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, p1, l1) &&
	    (p2 == NULL || EVP_DigestUpdate(md, p2, l2)) &&
	    EVP_DigestFinal_ex(md, out, NULL);
	EVP_MD_CTX_free(md);
	return ok ? 0 : L2C_ERR_CRYPTO;
}

int
ecsrp_verifier(const char *login, const char *password,
    const uint8_t salt[ECSRP_SALT_LEN], uint8_t i[ECSRP_LEN])
{
	EVP_MD_CTX	*md;
	uint8_t		 inner[ECSRP_LEN];
	int		 ok, rv;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return L2C_ERR_NOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(md, login, ecsrp_user_len(login)) &&
	    EVP_DigestUpdate(md, ":", 1) &&
	    EVP_DigestUpdate(md, password, strlen(password)) &&
	    EVP_DigestFinal_ex(md, inner, NULL);
	EVP_MD_CTX_free(md);
	rv = ok ? sha256(salt, ECSRP_SALT_LEN, inner, sizeof(inner), i) :
	    L2C_ERR_CRYPTO;
	OPENSSL_cleanse(inner, sizeof(inner));
	return rv;
}

int
ecsrp_random_scalar(uint8_t out[ECSRP_LEN])
{
	int	i, rv, nonzero = 0;

	if ((rv = l2c_random(out, ECSRP_LEN)) != 0)
		return rv;
	for (i = 0; i < ECSRP_LEN; i++)
		nonzero |= out[i];
	return nonzero ? 0 : L2C_ERR_CRYPTO;
}

/* A secret scalar from 32 big-endian bytes, for constant-time use. */
static BIGNUM *
scalar(const uint8_t s[ECSRP_LEN])
{
	BIGNUM	*bn;

	if ((bn = BN_secure_new()) == NULL)
		bn = BN_new();
	if (bn == NULL)
		return NULL;
	if (BN_bin2bn(s, ECSRP_LEN, bn) == NULL) {
		BN_clear_free(bn);
		return NULL;
	}
	BN_set_flags(bn, BN_FLG_CONSTTIME);
	return bn;
}

/* The Montgomery u of a point as 32 big-endian bytes, and y's parity. */
static int
encode(struct ecsrp *e, const EC_POINT *pt, uint8_t key[ECSRP_KEY_LEN])
{
	BIGNUM	*x, *y;
	int	 ok;

	BN_CTX_start(e->ctx);
	x = BN_CTX_get(e->ctx);
	y = BN_CTX_get(e->ctx);
	ok = y != NULL && !EC_POINT_is_at_infinity(e->g, pt) &&
	    EC_POINT_get_affine_coordinates(e->g, pt, x, y, e->ctx) &&
	    BN_mod_add(x, x, e->w2m, e->p, e->ctx) &&
	    BN_bn2binpad(x, key, ECSRP_LEN) == ECSRP_LEN;
	if (ok)
		key[ECSRP_LEN] = BN_is_odd(y) ? 1 : 0;
	BN_CTX_end(e->ctx);
	if (!ok) {
		ERR_clear_error();
		return L2C_ERR_CRYPTO;
	}
	return 0;
}

/* Lift Weierstrass x (given as u - m2w) with a parity onto the curve. */
static int
lift(struct ecsrp *e, const BIGNUM *x, int parity, EC_POINT *pt)
{
	if (EC_POINT_set_compressed_coordinates(e->g, pt, x, parity,
	    e->ctx) != 1) {
		ERR_clear_error();
		return L2C_ERR_MALFORMED;
	}
	return 0;
}

static int
decode(struct ecsrp *e, const uint8_t key[ECSRP_KEY_LEN], EC_POINT *pt)
{
	BIGNUM	*x;
	int	 rv = L2C_ERR_MALFORMED;

	if (key[ECSRP_LEN] > 1)
		return L2C_ERR_MALFORMED;
	BN_CTX_start(e->ctx);
	if ((x = BN_CTX_get(e->ctx)) == NULL ||
	    BN_bin2bn(key, ECSRP_LEN, x) == NULL) {
		rv = L2C_ERR_NOMEM;
		goto out;
	}
	/* u must be a field element in its one canonical form. */
	if (BN_cmp(x, e->p) >= 0)
		goto out;
	if (!BN_mod_add(x, x, e->m2w, e->p, e->ctx)) {
		rv = L2C_ERR_CRYPTO;
		goto out;
	}
	rv = lift(e, x, key[ECSRP_LEN], pt);
out:
	BN_CTX_end(e->ctx);
	return rv;
}

static int
mul_g(struct ecsrp *e, const uint8_t s[ECSRP_LEN], EC_POINT *pt)
{
	BIGNUM	*k;
	int	 ok;

	if ((k = scalar(s)) == NULL)
		return L2C_ERR_NOMEM;
	ok = EC_POINT_mul(e->g, pt, k, NULL, NULL, e->ctx);
	BN_clear_free(k);
	if (!ok) {
		ERR_clear_error();
		return L2C_ERR_CRYPTO;
	}
	return 0;
}

/*
 * gamma(V, parity): e = SHA256(u(V)); then x = SHA256(e) + m2w until
 * x lifts onto the curve, counting e up by one after each miss.  Only
 * the verifier point V = x.G goes in, never x itself.
 */
static int
gamma_point(struct ecsrp *e, const uint8_t v[ECSRP_KEY_LEN], int parity,
    EC_POINT *out)
{
	uint8_t		 h[ECSRP_LEN], eb[ECSRP_LEN];
	BIGNUM		*ctr = NULL, *x = NULL;
	int		 rv, tries;

	if ((rv = sha256(v, ECSRP_LEN, NULL, 0, eb)) != 0)
		goto out;
	rv = L2C_ERR_NOMEM;
	if ((ctr = BN_bin2bn(eb, ECSRP_LEN, NULL)) == NULL ||
	    (x = BN_new()) == NULL)
		goto out;
	for (tries = 0; tries < GAMMA_TRIES; tries++) {
		rv = L2C_ERR_CRYPTO;
		if (BN_bn2binpad(ctr, eb, ECSRP_LEN) != ECSRP_LEN ||
		    sha256(eb, ECSRP_LEN, NULL, 0, h) != 0 ||
		    BN_bin2bn(h, ECSRP_LEN, x) == NULL ||
		    !BN_mod_add(x, x, e->m2w, e->p, e->ctx))
			goto out;
		if ((rv = lift(e, x, parity, out)) == 0)
			goto out;
		if (!BN_add_word(ctr, 1)) {
			rv = L2C_ERR_CRYPTO;
			goto out;
		}
	}
	rv = L2C_ERR_CRYPTO;
out:
	OPENSSL_cleanse(eb, sizeof(eb));
	OPENSSL_cleanse(h, sizeof(h));
	BN_clear_free(ctr);
	BN_clear_free(x);
	return rv;
}

/*
 * A point made one of three ways (a key decoded, priv.G, gamma(V,
 * parity)), as a key: the public key, a peer's key checked, gamma.
 */
enum point_from {
	PT_DECODE,
	PT_MUL_G,
	PT_GAMMA,
};

static int
point_key(struct ecsrp *e, enum point_from from, const uint8_t *in,
    int parity, uint8_t key[ECSRP_KEY_LEN])
{
	EC_POINT	*pt;
	int		 rv;

	if ((pt = EC_POINT_new(e->g)) == NULL)
		return L2C_ERR_NOMEM;
	switch (from) {
	case PT_DECODE:
		rv = decode(e, in, pt);
		break;
	case PT_MUL_G:
		rv = mul_g(e, in, pt);
		break;
	default:
		rv = gamma_point(e, in, parity, pt);
		break;
	}
	if (rv == 0)
		rv = encode(e, pt, key);
	EC_POINT_clear_free(pt);
	return rv;
}

int
ecsrp_key_check(struct ecsrp *e, const uint8_t in[ECSRP_KEY_LEN],
    uint8_t out[ECSRP_KEY_LEN])
{
	return point_key(e, PT_DECODE, in, 0, out);
}

int
ecsrp_pubkey(struct ecsrp *e, const uint8_t priv[ECSRP_LEN],
    uint8_t key[ECSRP_KEY_LEN])
{
	return point_key(e, PT_MUL_G, priv, 0, key);
}

int
ecsrp_gamma(struct ecsrp *e, const uint8_t v[ECSRP_KEY_LEN], int parity,
    uint8_t key[ECSRP_KEY_LEN])
{
	return point_key(e, PT_GAMMA, v, parity, key);
}

int
ecsrp_j(const uint8_t wc[ECSRP_KEY_LEN], const uint8_t ws[ECSRP_KEY_LEN],
    uint8_t j[ECSRP_LEN])
{
	return sha256(wc, ECSRP_LEN, ws, ECSRP_LEN, j);
}

/* proof = SHA256(j || u(Z)); both sides end here. */
static int
proof_of(struct ecsrp *e, const uint8_t j[ECSRP_LEN], const EC_POINT *z,
    uint8_t proof[ECSRP_LEN])
{
	uint8_t	zk[ECSRP_KEY_LEN];
	int	rv;

	if ((rv = encode(e, z, zk)) == 0)
		rv = sha256(j, ECSRP_LEN, zk, ECSRP_LEN, proof);
	OPENSSL_cleanse(zk, sizeof(zk));
	return rv;
}

/* Client: Z = ((v.j + a) mod n) . (W_s + gamma(v, 1)). */
int
ecsrp_client_proof(struct ecsrp *e, const uint8_t a[ECSRP_LEN],
    const uint8_t wc[ECSRP_KEY_LEN], const uint8_t ws[ECSRP_KEY_LEN],
    const uint8_t i[ECSRP_LEN], uint8_t proof[ECSRP_LEN])
{
	EC_POINT	*w = NULL, *gm = NULL, *z = NULL;
	BIGNUM		*v = NULL, *k = NULL, *jb = NULL;
	uint8_t		 j[ECSRP_LEN], vk[ECSRP_KEY_LEN];
	int		 rv;

	rv = L2C_ERR_NOMEM;
	if ((w = EC_POINT_new(e->g)) == NULL ||
	    (gm = EC_POINT_new(e->g)) == NULL ||
	    (z = EC_POINT_new(e->g)) == NULL)
		goto out;
	if ((rv = decode(e, ws, w)) != 0 ||
	    (rv = ecsrp_pubkey(e, i, vk)) != 0 ||
	    (rv = gamma_point(e, vk, 1, gm)) != 0 ||
	    (rv = ecsrp_j(wc, ws, j)) != 0)
		goto out;
	rv = L2C_ERR_NOMEM;
	if ((v = scalar(i)) == NULL || (k = scalar(a)) == NULL ||
	    (jb = BN_bin2bn(j, ECSRP_LEN, NULL)) == NULL)
		goto out;
	rv = L2C_ERR_CRYPTO;
	if (!EC_POINT_add(e->g, w, w, gm, e->ctx) ||
	    !BN_mod_mul(jb, v, jb, e->n, e->ctx) ||
	    !BN_mod_add(k, jb, k, e->n, e->ctx) ||
	    !EC_POINT_mul(e->g, z, NULL, w, k, e->ctx))
		goto out;
	rv = proof_of(e, j, z, proof);
out:
	ERR_clear_error();
	OPENSSL_cleanse(vk, sizeof(vk));
	EC_POINT_clear_free(w);
	EC_POINT_clear_free(gm);
	EC_POINT_clear_free(z);
	BN_clear_free(v);
	BN_clear_free(k);
	BN_clear_free(jb);
	return rv;
}

int
ecsrp_server_key(struct ecsrp *e, const uint8_t s[ECSRP_LEN],
    const uint8_t v[ECSRP_KEY_LEN], uint8_t ws[ECSRP_KEY_LEN])
{
	EC_POINT	*sg = NULL, *gm = NULL;
	int		 rv = L2C_ERR_NOMEM;

	if ((sg = EC_POINT_new(e->g)) == NULL ||
	    (gm = EC_POINT_new(e->g)) == NULL)
		goto out;
	if ((rv = mul_g(e, s, sg)) != 0 ||
	    (rv = gamma_point(e, v, 0, gm)) != 0)
		goto out;
	if (!EC_POINT_add(e->g, sg, sg, gm, e->ctx)) {
		ERR_clear_error();
		rv = L2C_ERR_CRYPTO;
		goto out;
	}
	rv = encode(e, sg, ws);
out:
	EC_POINT_clear_free(sg);
	EC_POINT_clear_free(gm);
	return rv;
}

/* Server: Z = s . (W_c + j . V). */
int
ecsrp_server_proof(struct ecsrp *e, const uint8_t s[ECSRP_LEN],
    const uint8_t v[ECSRP_KEY_LEN], const uint8_t wc[ECSRP_KEY_LEN],
    const uint8_t ws[ECSRP_KEY_LEN], uint8_t proof[ECSRP_LEN])
{
	EC_POINT	*w = NULL, *vg = NULL, *z = NULL;
	BIGNUM		*k = NULL, *jb = NULL;
	uint8_t		 j[ECSRP_LEN];
	int		 rv = L2C_ERR_NOMEM;

	if ((w = EC_POINT_new(e->g)) == NULL ||
	    (vg = EC_POINT_new(e->g)) == NULL ||
	    (z = EC_POINT_new(e->g)) == NULL)
		goto out;
	if ((rv = decode(e, wc, w)) != 0 || (rv = decode(e, v, vg)) != 0 ||
	    (rv = ecsrp_j(wc, ws, j)) != 0)
		goto out;
	rv = L2C_ERR_NOMEM;
	if ((k = scalar(s)) == NULL ||
	    (jb = BN_bin2bn(j, ECSRP_LEN, NULL)) == NULL)
		goto out;
	rv = L2C_ERR_CRYPTO;
	if (!EC_POINT_mul(e->g, z, NULL, vg, jb, e->ctx) ||
	    !EC_POINT_add(e->g, w, w, z, e->ctx) ||
	    !EC_POINT_mul(e->g, z, NULL, w, k, e->ctx))
		goto out;
	rv = proof_of(e, j, z, proof);
out:
	ERR_clear_error();
	EC_POINT_clear_free(w);
	EC_POINT_clear_free(vg);
	EC_POINT_clear_free(z);
	BN_clear_free(k);
	BN_clear_free(jb);
	return rv;
}

int
ecsrp_server_check(struct ecsrp *e, const uint8_t s[ECSRP_LEN],
    const uint8_t v[ECSRP_KEY_LEN], const uint8_t wc[ECSRP_KEY_LEN],
    const uint8_t ws[ECSRP_KEY_LEN], const uint8_t proof[ECSRP_LEN])
{
	uint8_t	want[ECSRP_LEN];
	int	rv;

	if ((rv = ecsrp_server_proof(e, s, v, wc, ws, want)) == 0)
		rv = CRYPTO_memcmp(want, proof, ECSRP_LEN) == 0 ? 0 :
		    L2C_ERR_AUTH;
	OPENSSL_cleanse(want, sizeof(want));
	return rv;
}
