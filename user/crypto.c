// SPDX-License-Identifier: GPL-2.0
/*
 * WireGuard's handshake primitives on OpenSSL 3 EVP.  Algorithms are
 * fetched once and kept for the life of the process: a fetch takes a lock
 * and a lookup by name, a handshake makes some forty of these calls, and
 * a responder under a flood of initiations must do thousands a second.
 * The helper is single-threaded, so plain statics suffice.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"

/* ---- fetched once ---------------------------------------------------- */

static EVP_MD *blake2s_md(void)
{
	static EVP_MD *md;

	if (!md)
		md = EVP_MD_fetch(NULL, "BLAKE2S-256", NULL);
	return md;
}

static EVP_CIPHER *cipher_named(const char *name)
{
	static EVP_CIPHER *chacha20, *chacha20_poly1305;
	EVP_CIPHER **c = strcmp(name, "ChaCha20") ? &chacha20_poly1305 :
						     &chacha20;

	if (!*c)
		*c = EVP_CIPHER_fetch(NULL, name, NULL);
	return *c;
}

/* A MAC context with its parameters (digest, size) already set: each
 * computation duplicates it, which skips the fetch that setting the
 * digest by name would do every time.
 */
static EVP_MAC_CTX *mac_template(const char *alg, const OSSL_PARAM params[])
{
	static EVP_MAC_CTX *hmac, *blake2smac;
	EVP_MAC_CTX **t = strcmp(alg, "HMAC") ? &blake2smac : &hmac;
	EVP_MAC *mac;

	if (*t)
		return *t;
	mac = EVP_MAC_fetch(NULL, alg, NULL);
	*t = mac ? EVP_MAC_CTX_new(mac) : NULL;
	EVP_MAC_free(mac);	/* the context holds its own reference */
	if (*t && EVP_MAC_CTX_set_params(*t, params) != 1) {
		EVP_MAC_CTX_free(*t);
		*t = NULL;
	}
	return *t;
}

/* ---- hashing and MACs ------------------------------------------------- */

int vl_blake2s(uint8_t out[VL_HASH_LEN], const void *a, size_t a_len,
	       const void *b, size_t b_len)
{
	EVP_MD *md = blake2s_md();
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n = 0;
	int ret = -ENOMEM;

	if (!md || !ctx)
		goto out;
	if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
	    (a_len && EVP_DigestUpdate(ctx, a, a_len) != 1) ||
	    (b_len && EVP_DigestUpdate(ctx, b, b_len) != 1) ||
	    EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != VL_HASH_LEN)
		goto out;
	ret = 0;
out:
	EVP_MD_CTX_free(ctx);
	return ret;
}

/* One MAC computation through EVP_MAC.  OpenSSL reads a NULL key as "keep
 * the key already set", so an empty key is passed as a valid pointer.
 */
static int mac_oneshot(const char *alg, const OSSL_PARAM params[],
		       const uint8_t *key, size_t key_len,
		       const void *in, size_t in_len,
		       uint8_t *out, size_t out_len)
{
	static const uint8_t no_key[1];
	EVP_MAC_CTX *tmpl = mac_template(alg, params);
	EVP_MAC_CTX *ctx = tmpl ? EVP_MAC_CTX_dup(tmpl) : NULL;
	size_t n = 0;
	int ret = -ENOMEM;

	if (!ctx)
		goto out;
	if (EVP_MAC_init(ctx, key_len ? key : no_key, key_len, NULL) != 1 ||
	    (in_len && EVP_MAC_update(ctx, in, in_len) != 1) ||
	    EVP_MAC_final(ctx, out, &n, out_len) != 1 || n != out_len)
		goto out;
	ret = 0;
out:
	EVP_MAC_CTX_free(ctx);
	return ret;
}

int vl_hmac_blake2s(uint8_t out[VL_HASH_LEN], const uint8_t *key,
		    size_t key_len, const void *in, size_t in_len)
{
	/* OSSL_PARAM wants it writable */
	char digest[] = "BLAKE2S-256";
	const OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 digest, 0),
		OSSL_PARAM_construct_end(),
	};

	return mac_oneshot("HMAC", params, key, key_len, in, in_len,
			   out, VL_HASH_LEN);
}

int vl_mac16(uint8_t out[VL_MAC_LEN], const uint8_t *key, size_t key_len,
	     const void *in, size_t in_len)
{
	size_t size = VL_MAC_LEN;
	const OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};

	/* BLAKE2s takes 1..32 key bytes; an empty key would mean unkeyed */
	if (!key_len || key_len > 32)
		return -EINVAL;
	return mac_oneshot("BLAKE2SMAC", params, key, key_len, in, in_len,
			   out, VL_MAC_LEN);
}

int vl_kdf(uint8_t *const out[], unsigned int n, const uint8_t *key,
	   size_t key_len, const void *in, size_t in_len)
{
	uint8_t secret[VL_HASH_LEN], t[VL_HASH_LEN + 1];
	unsigned int i;
	int ret;

	if (!n || n > 3)
		return -EINVAL;
	/* t0 first: after it, key and in are no longer read, so the outputs
	 * may overwrite them (ck = KDF(ck, ...) is the common case).
	 */
	ret = vl_hmac_blake2s(secret, key, key_len, in, in_len);
	for (i = 0; !ret && i < n; i++) {
		/* t holds t(i-1) || i; t0's input is the counter alone */
		t[VL_HASH_LEN] = (uint8_t)(i + 1);
		if (!i)
			ret = vl_hmac_blake2s(t, secret, sizeof(secret),
					      t + VL_HASH_LEN, 1);
		else
			ret = vl_hmac_blake2s(t, secret, sizeof(secret),
					      t, sizeof(t));
		if (!ret && out[i])
			memcpy(out[i], t, VL_HASH_LEN);
	}
	vl_wipe(secret, sizeof(secret));
	vl_wipe(t, sizeof(t));
	return ret;
}

/* ---- ChaCha20-Poly1305 and XChaCha20-Poly1305 ------------------------- */

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wg_nonce(uint8_t nonce[12], uint64_t counter)
{
	put_le32(nonce, 0);
	put_le32(nonce + 4, (uint32_t)counter);
	put_le32(nonce + 8, (uint32_t)(counter >> 32));
}

int vl_aead_seal_iv(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		    const uint8_t nonce[12], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len)
{
	EVP_CIPHER *cipher;
	EVP_CIPHER_CTX *ctx;
	int n, ret = -ENOMEM;

	if (len > INT_MAX - VL_TAG_LEN || aad_len > INT_MAX)
		return -EINVAL;
	cipher = cipher_named("ChaCha20-Poly1305");
	ctx = EVP_CIPHER_CTX_new();
	if (!cipher || !ctx)
		goto out;
	if (EVP_EncryptInit_ex2(ctx, cipher, key, nonce, NULL) != 1 ||
	    (aad_len &&
	     EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1) ||
	    (len && (EVP_EncryptUpdate(ctx, out, &n, in, (int)len) != 1 ||
		     (size_t)n != len)) ||
	    EVP_EncryptFinal_ex(ctx, out + len, &n) != 1 || n != 0 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, VL_TAG_LEN,
				out + len) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int vl_aead_open_iv(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		    const uint8_t nonce[12], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t in_len)
{
	uint8_t tag[VL_TAG_LEN];
	EVP_CIPHER *cipher;
	EVP_CIPHER_CTX *ctx;
	size_t len;
	int n, ret = -ENOMEM;

	if (in_len < VL_TAG_LEN || in_len > INT_MAX || aad_len > INT_MAX)
		return -EINVAL;
	len = in_len - VL_TAG_LEN;
	/* copied first: with out == in the tag must survive decryption */
	memcpy(tag, in + len, VL_TAG_LEN);
	cipher = cipher_named("ChaCha20-Poly1305");
	ctx = EVP_CIPHER_CTX_new();
	if (!cipher || !ctx)
		goto out;
	if (EVP_DecryptInit_ex2(ctx, cipher, key, nonce, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, VL_TAG_LEN,
				tag) != 1 ||
	    (aad_len &&
	     EVP_DecryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1) ||
	    (len && (EVP_DecryptUpdate(ctx, out, &n, in, (int)len) != 1 ||
		     (size_t)n != len)))
		goto out;
	/* the only step that fails for a forged message rather than for
	 * OpenSSL's own trouble; unauthenticated plaintext must not stay
	 */
	if (EVP_DecryptFinal_ex(ctx, tag, &n) != 1) {
		ret = -EBADMSG;
		goto out;
	}
	ret = 0;
out:
	if (ret && len)
		vl_wipe(out, len);
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int vl_aead_seal(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		 uint64_t counter, const uint8_t *aad, size_t aad_len,
		 const uint8_t *in, size_t len)
{
	uint8_t nonce[12];

	wg_nonce(nonce, counter);
	return vl_aead_seal_iv(out, key, nonce, aad, aad_len, in, len);
}

int vl_aead_open(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		 uint64_t counter, const uint8_t *aad, size_t aad_len,
		 const uint8_t *in, size_t in_len)
{
	uint8_t nonce[12];

	wg_nonce(nonce, counter);
	return vl_aead_open_iv(out, key, nonce, aad, aad_len, in, in_len);
}

/*
 * HChaCha20 from one block of OpenSSL's ChaCha20.  OpenSSL's 16-byte IV is
 * state words 12..15 (block counter, then nonce), which is exactly where
 * HChaCha20 puts its 16-byte input.  A block's keystream is
 * rounds(S) + S, word by word, and HChaCha20's output is words 0..3 and
 * 12..15 of rounds(S): subtract what S held there, the constants and the
 * input.
 */
int vl_hchacha20(uint8_t out[VL_KEY_LEN], const uint8_t key[VL_KEY_LEN],
		 const uint8_t in[16])
{
	/* "expand 32-byte k", little-endian words */
	static const uint32_t sigma[4] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
	};
	static const uint8_t zero[64];
	uint8_t ks[64];
	EVP_CIPHER *cipher = cipher_named("ChaCha20");
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int i, n, ret = -ENOMEM;

	if (!cipher || !ctx || EVP_CIPHER_get_iv_length(cipher) != 16)
		goto out;
	if (EVP_EncryptInit_ex2(ctx, cipher, key, in, NULL) != 1 ||
	    EVP_EncryptUpdate(ctx, ks, &n, zero, sizeof(zero)) != 1 ||
	    n != sizeof(ks))
		goto out;
	for (i = 0; i < 4; i++) {
		put_le32(out + 4 * i, get_le32(ks + 4 * i) - sigma[i]);
		put_le32(out + 16 + 4 * i,
			 get_le32(ks + 48 + 4 * i) - get_le32(in + 4 * i));
	}
	ret = 0;
out:
	vl_wipe(ks, sizeof(ks));
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* The subkey from the first 16 nonce bytes, the ChaCha20-Poly1305 nonce
 * from the last 8 behind 4 zero bytes (draft-irtf-cfrg-xchacha 2.3).
 */
static int xaead_prepare(uint8_t subkey[VL_KEY_LEN], uint8_t nonce12[12],
			 const uint8_t key[VL_KEY_LEN],
			 const uint8_t nonce[VL_XNONCE_LEN])
{
	memset(nonce12, 0, 4);
	memcpy(nonce12 + 4, nonce + 16, 8);
	return vl_hchacha20(subkey, key, nonce);
}

int vl_xaead_seal(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		  const uint8_t nonce[VL_XNONCE_LEN], const uint8_t *aad,
		  size_t aad_len, const uint8_t *in, size_t len)
{
	uint8_t subkey[VL_KEY_LEN], nonce12[12];
	int ret;

	ret = xaead_prepare(subkey, nonce12, key, nonce);
	if (!ret)
		ret = vl_aead_seal_iv(out, subkey, nonce12, aad, aad_len, in,
				      len);
	vl_wipe(subkey, sizeof(subkey));
	return ret;
}

int vl_xaead_open(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		  const uint8_t nonce[VL_XNONCE_LEN], const uint8_t *aad,
		  size_t aad_len, const uint8_t *in, size_t in_len)
{
	uint8_t subkey[VL_KEY_LEN], nonce12[12];
	int ret;

	ret = xaead_prepare(subkey, nonce12, key, nonce);
	if (!ret)
		ret = vl_aead_open_iv(out, subkey, nonce12, aad, aad_len, in,
				      in_len);
	vl_wipe(subkey, sizeof(subkey));
	return ret;
}

/* ---- X25519 ----------------------------------------------------------- */

/* Our key as OpenSSL wants it.  Given the public half too, OpenSSL takes
 * it as it is; given the private half alone, it computes the public half
 * first: a second scalar multiplication, as dear as the DH itself.
 */
static EVP_PKEY *x25519_private(const uint8_t priv[VL_KEY_LEN],
				const uint8_t *priv_pub)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *sk = NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY,
						  (void *)priv, VL_KEY_LEN),
		OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						  (void *)priv_pub, VL_KEY_LEN),
		OSSL_PARAM_construct_end(),
	};

	if (!priv_pub)
		return EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL,
						       priv, VL_KEY_LEN);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &sk, EVP_PKEY_KEYPAIR, params) != 1)
		sk = NULL;
	EVP_PKEY_CTX_free(ctx);
	return sk;
}

int vl_x25519(uint8_t out[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN],
	      const uint8_t pub[VL_KEY_LEN])
{
	return vl_x25519_pair(out, priv, NULL, pub);
}

int vl_x25519_pair(uint8_t out[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN],
		   const uint8_t *priv_pub, const uint8_t pub[VL_KEY_LEN])
{
	EVP_PKEY *sk, *pk;
	EVP_PKEY_CTX *ctx = NULL;
	size_t n = VL_KEY_LEN;
	int ret = -ENOMEM;

	sk = x25519_private(priv, priv_pub);
	pk = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, pub,
					    VL_KEY_LEN);
	if (sk && pk)
		ctx = EVP_PKEY_CTX_new_from_pkey(NULL, sk, NULL);
	if (!ctx || EVP_PKEY_derive_init(ctx) != 1)
		goto out;
	/* From here a failure is about the peer's key: OpenSSL refuses to
	 * derive an all-zero secret, as WireGuard does.  Anyone can send such
	 * a key, so its error is taken off OpenSSL's error queue again rather
	 * than left for the caller to stumble on.
	 */
	ret = -EINVAL;
	ERR_set_mark();
	if (EVP_PKEY_derive_set_peer(ctx, pk) != 1 ||
	    EVP_PKEY_derive(ctx, out, &n) != 1 || n != VL_KEY_LEN ||
	    vl_is_zero(out, VL_KEY_LEN)) {
		ERR_pop_to_mark();
		vl_wipe(out, VL_KEY_LEN);
		goto out;
	}
	ERR_clear_last_mark();
	ret = 0;
out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pk);
	EVP_PKEY_free(sk);
	return ret;
}

int vl_x25519_pubkey(uint8_t pub[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN])
{
	EVP_PKEY *sk;
	size_t n = VL_KEY_LEN;
	int ret = -ENOMEM;

	sk = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, priv,
					     VL_KEY_LEN);
	if (sk && EVP_PKEY_get_raw_public_key(sk, pub, &n) == 1 &&
	    n == VL_KEY_LEN)
		ret = 0;
	EVP_PKEY_free(sk);
	return ret;
}

int vl_x25519_genkey(uint8_t priv[VL_KEY_LEN])
{
	int ret = vl_random(priv, VL_KEY_LEN);

	if (ret)
		return ret;
	/* X25519 clamps anyway; storing the clamped form makes the key print
	 * exactly as wg genkey's would
	 */
	priv[0] &= 248;
	priv[31] &= 127;
	priv[31] |= 64;
	return 0;
}

/* ---- helpers ---------------------------------------------------------- */

int vl_random(void *buf, size_t len)
{
	if (len > INT_MAX)
		return -EINVAL;
	if (len && RAND_bytes(buf, (int)len) != 1)
		return -ENOMEM;
	return 0;
}

int vl_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

int vl_is_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= b[i];
	return acc == 0;
}

void vl_wipe(void *p, size_t len)
{
	OPENSSL_cleanse(p, len);
}
