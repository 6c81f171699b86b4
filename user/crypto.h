/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The primitives of WireGuard's handshake, each a thin wrapper around
 * OpenSSL 3's EVP interfaces: no cryptography is implemented here, only
 * composed (HKDF from HMAC, XChaCha20-Poly1305 from ChaCha20 and
 * ChaCha20-Poly1305).
 *
 * Every function returns 0 on success or a negative errno:
 *   -EBADMSG  an AEAD tag did not verify (the output is wiped);
 *   -EINVAL   bad arguments, or an X25519 result that is all zero;
 *   -ENOMEM   OpenSSL failed (out of memory or a missing algorithm).
 * None of them aborts.  Output buffers may alias input buffers exactly
 * (out == in) where noted.
 */
#ifndef VL_CRYPTO_H
#define VL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define VL_KEY_LEN	32	/* X25519 keys, symmetric keys, PSK */
#define VL_HASH_LEN	32	/* BLAKE2s-256 */
#define VL_MAC_LEN	16	/* keyed BLAKE2s-128: mac1, mac2, cookie */
#define VL_TAG_LEN	16	/* Poly1305 */
#define VL_XNONCE_LEN	24	/* XChaCha20-Poly1305 nonce */

/* BLAKE2s-256 of a || b (b may be NULL with b_len 0). */
int vl_blake2s(uint8_t out[VL_HASH_LEN], const void *a, size_t a_len,
	       const void *b, size_t b_len);

/* HMAC-BLAKE2s-256; key_len may be 0. */
int vl_hmac_blake2s(uint8_t out[VL_HASH_LEN], const uint8_t *key,
		    size_t key_len, const void *in, size_t in_len);

/* Keyed BLAKE2s with a 16-byte output (BLAKE2s-128 with key, not a
 * truncated BLAKE2s-256); key_len 1..32.
 */
int vl_mac16(uint8_t out[VL_MAC_LEN], const uint8_t *key, size_t key_len,
	     const void *in, size_t in_len);

/*
 * WireGuard's KDF_n (HKDF with HMAC-BLAKE2s, no info, 32-byte outputs):
 *   t0 = HMAC(key, in); t1 = HMAC(t0, 0x01); ti = HMAC(t0, t(i-1) || i).
 * out[i] may be NULL to skip storing; the outputs may alias key or in,
 * both are read before anything is written.  n is 1..3.
 */
int vl_kdf(uint8_t *const out[], unsigned int n, const uint8_t *key,
	   size_t key_len, const void *in, size_t in_len);

static inline int vl_kdf1(uint8_t t1[VL_HASH_LEN],
			  const uint8_t ck[VL_HASH_LEN],
			  const void *in, size_t in_len)
{
	uint8_t *const out[] = { t1 };

	return vl_kdf(out, 1, ck, VL_HASH_LEN, in, in_len);
}

static inline int vl_kdf2(uint8_t t1[VL_HASH_LEN], uint8_t t2[VL_HASH_LEN],
			  const uint8_t ck[VL_HASH_LEN],
			  const void *in, size_t in_len)
{
	uint8_t *const out[] = { t1, t2 };

	return vl_kdf(out, 2, ck, VL_HASH_LEN, in, in_len);
}

static inline int vl_kdf3(uint8_t t1[VL_HASH_LEN], uint8_t t2[VL_HASH_LEN],
			  uint8_t t3[VL_HASH_LEN],
			  const uint8_t ck[VL_HASH_LEN],
			  const void *in, size_t in_len)
{
	uint8_t *const out[] = { t1, t2, t3 };

	return vl_kdf(out, 3, ck, VL_HASH_LEN, in, in_len);
}

/*
 * ChaCha20-Poly1305 with WireGuard's nonce: 4 zero bytes, then @counter in
 * little endian.  Seal writes len + 16 bytes (ciphertext, then tag); open
 * takes in_len >= 16 bytes and writes in_len - 16.  out may equal in.
 */
int vl_aead_seal(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		 uint64_t counter, const uint8_t *aad, size_t aad_len,
		 const uint8_t *in, size_t len);
int vl_aead_open(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		 uint64_t counter, const uint8_t *aad, size_t aad_len,
		 const uint8_t *in, size_t in_len);

/* The same with the whole 12-byte nonce given (RFC 8439's AEAD as is). */
int vl_aead_seal_iv(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		    const uint8_t nonce[12], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len);
int vl_aead_open_iv(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		    const uint8_t nonce[12], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t in_len);

/* HChaCha20 (draft-irtf-cfrg-xchacha section 2.2): a 32-byte subkey from
 * a key and a 16-byte input.
 */
int vl_hchacha20(uint8_t out[VL_KEY_LEN], const uint8_t key[VL_KEY_LEN],
		 const uint8_t in[16]);

/* XChaCha20-Poly1305, same buffer conventions as vl_aead_seal/open. */
int vl_xaead_seal(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		  const uint8_t nonce[VL_XNONCE_LEN], const uint8_t *aad,
		  size_t aad_len, const uint8_t *in, size_t len);
int vl_xaead_open(uint8_t *out, const uint8_t key[VL_KEY_LEN],
		  const uint8_t nonce[VL_XNONCE_LEN], const uint8_t *aad,
		  size_t aad_len, const uint8_t *in, size_t in_len);

/* X25519(priv, pub); -EINVAL if the result is all zero (a low-order
 * point: the peer would control the secret).
 */
int vl_x25519(uint8_t out[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN],
	      const uint8_t pub[VL_KEY_LEN]);

/* The same, faster, when the caller has its own public key @priv_pub
 * (NULL: unknown).  It must be priv's: nothing checks.
 */
int vl_x25519_pair(uint8_t out[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN],
		   const uint8_t *priv_pub, const uint8_t pub[VL_KEY_LEN]);

/* The public key of @priv. */
int vl_x25519_pubkey(uint8_t pub[VL_KEY_LEN], const uint8_t priv[VL_KEY_LEN]);

/* A fresh private key, clamped as `wg genkey` prints them. */
int vl_x25519_genkey(uint8_t priv[VL_KEY_LEN]);

/* Cryptographically secure random bytes. */
int vl_random(void *buf, size_t len);

/* Constant-time equality of two buffers: 1 if equal, else 0. */
int vl_equal(const void *a, const void *b, size_t len);

/* 1 if all @len bytes are zero (constant time), else 0. */
int vl_is_zero(const void *p, size_t len);

/* Wipe a secret so that the compiler cannot drop the stores. */
void vl_wipe(void *p, size_t len);

#endif /* VL_CRYPTO_H */
