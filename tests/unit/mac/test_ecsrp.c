/* SPDX-License-Identifier: ISC */
/*
 * EC-SRP5 and MD5 login math: every value of the deterministic vector in
 * the EC-SRP5 notes (docs/protocols.md), the same values in the capture that
 * vector came from, and the curve constants checked against each other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/evp.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/frame.h"
#include "mac/ecsrp.h"
#include "mac/md5auth.h"
#include "mac/mt_proto.h"
#include "../lib/capture.h"

#define V_A	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e5f"
#define V_S	"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbe7f"
#define V_SALT	"8ad403136828d4571e3c5dee6e5ec04a"
#define V_INNER	"fb10082074498909efff4e69ee395ce8db1df44d601977c5235980882e1338b8"
#define V_I	"09b8301bd5489abe3177143dde4e64c477b2c01103d49c0d37ca82c2e1ce9a94"
#define V_WC	"5e3d4406364be5e0cf9bfd9196ca4900c41b1df085a7a09efe96e442ec6eaadb00"
#define V_VG	"5680aabce7c49ab1dd08421180b1ca81db254dd1f918f03b56afcb01841bd7a4"
#define V_GAMMA	"3885ed393909bf33fc0c5932ffdb4c138c4efba116c9aa46a312156de0b02f1d00"
#define V_WS	"00f1f9705b4db7bc26c8f270c964aaf5e4cb5fd485ee20f0e95ff7ff768f42f501"
#define V_J	"f4edcc5d22ebefdc3cbf7fae84cf33da7505be99eff16ed1adf64a1606866c98"
#define V_PROOF	"735675ace3491d7343991128a39bc815fd2df12a21ac53a2fa594e12a4165f5b"

struct vec {
	uint8_t	a[32], s[32], salt[16], inner[32], i[32], wc[33], vg[32];
	uint8_t	gamma[33], ws[33], j[32], proof[32];
	uint8_t	V[33];		/* the verifier point i.G, all a server has */
};

static struct ecsrp	*E;

static void
load(struct vec *v)
{
	assert_int_equal(thex(V_A, v->a, 32), 32);
	assert_int_equal(thex(V_S, v->s, 32), 32);
	assert_int_equal(thex(V_SALT, v->salt, 16), 16);
	assert_int_equal(thex(V_INNER, v->inner, 32), 32);
	assert_int_equal(thex(V_I, v->i, 32), 32);
	assert_int_equal(thex(V_WC, v->wc, 33), 33);
	assert_int_equal(thex(V_VG, v->vg, 32), 32);
	assert_int_equal(thex(V_GAMMA, v->gamma, 33), 33);
	assert_int_equal(thex(V_WS, v->ws, 33), 33);
	assert_int_equal(thex(V_J, v->j, 32), 32);
	assert_int_equal(thex(V_PROOF, v->proof, 32), 32);
	assert_int_equal(ecsrp_pubkey(E, v->i, v->V), 0);
}

static int
setup(void **state)
{
	(void)state;
	return ecsrp_new(&E);
}

static int
teardown(void **state)
{
	(void)state;
	ecsrp_free(E);
	return 0;
}

static void
test_vector(void **state)
{
	struct vec	 v;
	uint8_t		 out[33], g1[33];
	unsigned int	 n;

	(void)state;
	load(&v);
	assert_true(EVP_Digest("admin:test123", 13, out, &n, EVP_sha256(),
	    NULL));
	assert_memory_equal(out, v.inner, 32);
	assert_int_equal(ecsrp_verifier("admin", "test123", v.salt, out), 0);
	assert_memory_equal(out, v.i, 32);
	/* Console options are not part of the identity. */
	assert_int_equal(ecsrp_user_len("admin+ct80w"), 5);
	assert_int_equal(ecsrp_verifier("admin+ct80w", "test123", v.salt,
	    out), 0);
	assert_memory_equal(out, v.i, 32);
	assert_int_equal(ecsrp_pubkey(E, v.a, out), 0);
	assert_memory_equal(out, v.wc, 33);
	assert_int_equal(ecsrp_pubkey(E, v.i, out), 0);
	assert_memory_equal(out, v.vg, 32);
	assert_int_equal(ecsrp_gamma(E, v.V, 0, out), 0);
	assert_memory_equal(out, v.gamma, 33);
	/* gamma(v, 1) is the same x, the other y: -gamma(v, 0). */
	assert_int_equal(ecsrp_gamma(E, v.V, 1, g1), 0);
	assert_memory_equal(g1, v.gamma, 32);
	assert_int_equal(g1[32], 1 - v.gamma[32]);
	assert_int_equal(ecsrp_server_key(E, v.s, v.V, out), 0);
	assert_memory_equal(out, v.ws, 33);
	assert_int_equal(ecsrp_j(v.wc, v.ws, out), 0);
	assert_memory_equal(out, v.j, 32);
	assert_int_equal(ecsrp_client_proof(E, v.a, v.wc, v.ws, v.i, out), 0);
	assert_memory_equal(out, v.proof, 32);
	assert_int_equal(ecsrp_server_proof(E, v.s, v.V, v.wc, v.ws, out), 0);
	assert_memory_equal(out, v.proof, 32);
	assert_int_equal(ecsrp_server_check(E, v.s, v.V, v.wc, v.ws, v.proof),
	    0);
	v.proof[31] ^= 1;
	assert_int_equal(ecsrp_server_check(E, v.s, v.V, v.wc, v.ws, v.proof),
	    L2C_ERR_AUTH);
	/* A wrong password gives a proof the server refuses. */
	v.proof[31] ^= 1;
	assert_int_equal(ecsrp_verifier("admin", "test124", v.salt, v.i), 0);
	assert_int_equal(ecsrp_client_proof(E, v.a, v.wc, v.ws, v.i, out), 0);
	load(&v);
	assert_int_equal(ecsrp_server_check(E, v.s, v.V, v.wc, v.ws, out),
	    L2C_ERR_AUTH);
}

/*
 * Frame k of c, if it is a MAC-Telnet DATA packet: 1, with *pkt its
 * frame and r at its control packets.
 */
static int
mt_data_at(const struct tcap *c, size_t k, struct l2c_pkt *pkt,
    struct l2c_rbuf *r)
{
	struct mt_hdr	h;

	if (l2c_frame_parse(c->f[k].data, c->f[k].len, pkt) != 0 ||
	    !pkt->udp_ok || (pkt->sport != MT_PORT && pkt->dport != MT_PORT))
		return 0;
	l2c_rbuf_init(r, pkt->udata, pkt->ulen);
	return mt_hdr_parse(r, pkt->dport == MT_PORT ? MT_C2S : MT_S2C,
	    &h) == 0 && h.type == MT_PT_DATA;
}

/* The capture the vector came from carries W_c, W_s + salt, the proof. */
static void
test_vector_on_the_wire(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_cpkt	 cp;
	struct vec	 v;
	size_t		 k;
	int		 seen = 0;

	(void)state;
	load(&v);
	tcap_load("mactelnet-upstream063-ecsrp-deterministic-vector.pcap", &c);
	for (k = 0; k < c.n; k++) {
		if (!mt_data_at(&c, k, &pkt, &r))
			continue;
		while (mt_cpkt_next(&r, &cp) == 1) {
			if (cp.type == MT_CP_PASSSALT && pkt.dport == MT_PORT) {
				assert_int_equal(cp.len, 6 + 33);
				assert_memory_equal(cp.data, "admin\0", 6);
				assert_memory_equal(cp.data + 6, v.wc, 33);
				seen |= 1;
			} else if (cp.type == MT_CP_PASSSALT) {
				assert_int_equal(cp.len, 49);
				assert_memory_equal(cp.data, v.ws, 33);
				assert_memory_equal(cp.data + 33, v.salt, 16);
				seen |= 2;
			} else if (cp.type == MT_CP_PASSWORD) {
				assert_int_equal(cp.len, 32);
				assert_memory_equal(cp.data, v.proof, 32);
				seen |= 4;
			}
		}
	}
	tcap_free(&c);
	assert_int_equal(seen, 7);
}

static BIGNUM *
bn(const char *hex)
{
	BIGNUM	*b = NULL;

	assert_true(BN_hex2bn(&b, hex) > 0);
	return b;
}

/*
 * m2w = A/3, w2m = -A/3 (A = 486662); a and b of the Weierstrass form
 * follow from A; G is the Montgomery base point u = 9.
 */
static void
test_constants(void **state)
{
	const struct ecsrp_consts *k = ecsrp_consts();
	BN_CTX		*ctx = BN_CTX_new();
	BIGNUM		*p = bn(k->p), *m2w = bn(k->m2w), *w2m = bn(k->w2m);
	BIGNUM		*a = bn(k->a), *b = bn(k->b), *gx = bn(k->gx);
	BIGNUM		*t = BN_new(), *u = BN_new(), *A = BN_new();
	BIGNUM		*inv = BN_new();

	(void)state;
	assert_true(BN_set_word(A, 486662));
	assert_true(BN_mod_add(t, m2w, w2m, p, ctx));
	assert_true(BN_is_zero(t));
	assert_true(BN_mul_word(BN_copy(t, m2w), 3));
	assert_true(BN_mod(t, t, p, ctx));
	assert_int_equal(BN_cmp(t, A), 0);
	assert_true(BN_mod_add(t, gx, w2m, p, ctx));
	assert_true(BN_is_word(t, 9));
	/* a = (3 - A^2) / 3 */
	assert_true(BN_set_word(u, 3));
	assert_true(BN_mod_inverse(inv, u, p, ctx) != NULL);
	assert_true(BN_mod_sqr(t, A, p, ctx));
	assert_true(BN_mod_sub(t, u, t, p, ctx));
	assert_true(BN_mod_mul(t, t, inv, p, ctx));
	assert_int_equal(BN_cmp(t, a), 0);
	/* b = (2A^3 - 9A) / 27 */
	assert_true(BN_set_word(u, 27));
	assert_true(BN_mod_inverse(inv, u, p, ctx) != NULL);
	assert_true(BN_mod_sqr(t, A, p, ctx));
	assert_true(BN_mod_mul(t, t, A, p, ctx));
	assert_true(BN_mod_add(t, t, t, p, ctx));
	assert_true(BN_copy(u, A) != NULL);
	assert_true(BN_mul_word(u, 9));
	assert_true(BN_mod_sub(t, t, u, p, ctx));
	assert_true(BN_mod_mul(t, t, inv, p, ctx));
	assert_int_equal(BN_cmp(t, b), 0);
	BN_free(p); BN_free(m2w); BN_free(w2m); BN_free(a); BN_free(b);
	BN_free(gx); BN_free(t); BN_free(u); BN_free(A); BN_free(inv);
	BN_CTX_free(ctx);
}

static void
test_key_decode(void **state)
{
	struct vec	 v;
	uint8_t		 k[33], out[33];
	int		 u, bad = 0;

	(void)state;
	load(&v);
	assert_int_equal(ecsrp_key_check(E, v.wc, out), 0);
	assert_memory_equal(out, v.wc, 33);
	assert_int_equal(ecsrp_key_check(E, v.ws, out), 0);
	assert_memory_equal(out, v.ws, 33);
	memcpy(k, v.wc, 33);
	k[32] = 2;			/* parity is a bit */
	assert_int_equal(ecsrp_key_check(E, k, out), L2C_ERR_MALFORMED);
	memset(k, 0xff, 32);		/* u >= p */
	k[0] = 0x7f;
	k[32] = 0;
	assert_int_equal(ecsrp_key_check(E, k, out), L2C_ERR_MALFORMED);
	memset(k, 0, 33);		/* u = 0 has y = 0: parity 1 is off */
	k[32] = 1;
	assert_int_equal(ecsrp_key_check(E, k, out), L2C_ERR_MALFORMED);
	/* About half of all u are not on the curve at all. */
	for (u = 1; u < 40; u++) {
		memset(k, 0, 33);
		k[31] = (uint8_t)u;
		if (ecsrp_key_check(E, k, out) != 0)
			bad++;
		else
			assert_memory_equal(out, k, 33);
	}
	assert_true(bad > 5 && bad < 35);
}

/* Fresh random keys: the client and server sides agree. */
static void
test_random_roundtrip(void **state)
{
	uint8_t	a[32], s[32], salt[16], i[32], wc[33], ws[33], pc[32], ps[32];
	uint8_t	V[33];
	int	k;

	(void)state;
	for (k = 0; k < 4; k++) {
		assert_int_equal(ecsrp_random_scalar(a), 0);
		assert_int_equal(ecsrp_random_scalar(s), 0);
		assert_int_equal(ecsrp_random_scalar(i), 0);
		memcpy(salt, i, 16);
		assert_int_equal(ecsrp_verifier("user+t", "pw", salt, i), 0);
		assert_int_equal(ecsrp_pubkey(E, a, wc), 0);
		assert_int_equal(ecsrp_pubkey(E, i, V), 0);
		assert_int_equal(ecsrp_server_key(E, s, V, ws), 0);
		assert_int_equal(ecsrp_client_proof(E, a, wc, ws, i, pc), 0);
		assert_int_equal(ecsrp_server_proof(E, s, V, wc, ws, ps), 0);
		assert_memory_equal(pc, ps, 32);
	}
}

/* The vector in mactelnet.md, then the server side of it. */
static void
test_md5(void **state)
{
	uint8_t	salt[16], want[17], out[17];

	(void)state;
	thex("6f9c1c4801c9ad67be0aedb1d6f6abba", salt, sizeof(salt));
	thex("00 86f85bf98d194b0db0eaf0e71dc38439", want, sizeof(want));
	assert_int_equal(mt_md5_response("test123", salt, out), 0);
	assert_memory_equal(out, want, 17);
	assert_int_equal(mt_md5_check("test123", salt, want), 0);
	want[5] ^= 0x40;
	assert_int_equal(mt_md5_check("test123", salt, want), L2C_ERR_AUTH);
	assert_int_equal(mt_md5_check("test124", salt, out), L2C_ERR_AUTH);
}

/* The MD5 login in a capture: salt from the server, response from us. */
static void
test_md5_on_the_wire(void **state)
{
	struct tcap	 c;
	struct l2c_pkt	 pkt;
	struct l2c_rbuf	 r;
	struct mt_cpkt	 cp;
	uint8_t		 salt[16], out[17];
	size_t		 k;
	int		 seen = 0;

	(void)state;
	tcap_load("mactelnet-debian044-md5-demo.pcap", &c);
	for (k = 0; k < c.n; k++) {
		if (!mt_data_at(&c, k, &pkt, &r))
			continue;
		while (mt_cpkt_next(&r, &cp) == 1) {
			if (cp.type == MT_CP_PASSSALT && cp.len == 16) {
				memcpy(salt, cp.data, 16);
				seen |= 1;
			} else if (cp.type == MT_CP_PASSWORD && (seen & 1)) {
				assert_int_equal(cp.len, 17);
				assert_int_equal(mt_md5_response("test123",
				    salt, out), 0);
				assert_memory_equal(out, cp.data, 17);
				seen |= 2;
			}
		}
	}
	tcap_free(&c);
	assert_int_equal(seen, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector),
		cmocka_unit_test(test_vector_on_the_wire),
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_key_decode),
		cmocka_unit_test(test_random_roundtrip),
		cmocka_unit_test(test_md5),
		cmocka_unit_test(test_md5_on_the_wire),
	};

	return cmocka_run_group_tests_name("mac/ecsrp", tests, setup,
	    teardown);
}
