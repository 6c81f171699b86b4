// SPDX-License-Identifier: GPL-2.0
/*
 * Key encoding and generation, all of it done by OpenSSL: EVP_EncodeBlock
 * and EVP_DecodeBlock for base64, X25519 through EVP_PKEY, RAND_bytes.
 * What is left here is the strictness wg applies on top of base64.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "key.h"

int vl_key_from_base64(const char *s, uint8_t out[VL_KEY_LEN])
{
	/* EVP_DecodeBlock writes 3 bytes per 4 characters: 33 here. */
	unsigned char buf[VL_KEY_LEN + 1];
	size_t i;
	int n;

	memset(out, 0, VL_KEY_LEN);
	if (strnlen(s, VL_KEY_B64_LEN + 1) != VL_KEY_B64_LEN ||
	    s[VL_KEY_B64_LEN - 1] != '=')
		return -1;
	/*
	 * EVP_DecodeBlock decodes '=' as zero bits wherever it is and skips
	 * whitespace at either end, so both are refused here first: only
	 * the last character may be '=', and there is no room for blanks.
	 */
	for (i = 0; i < VL_KEY_B64_LEN - 1; i++)
		if (s[i] == '=')
			return -1;
	n = EVP_DecodeBlock(buf, (const unsigned char *)s, VL_KEY_B64_LEN);
	/*
	 * The 33rd byte holds the two bits the last character carries
	 * beyond the key: zero in the one canonical spelling.
	 */
	if (n != VL_KEY_LEN + 1 || buf[VL_KEY_LEN] != 0) {
		OPENSSL_cleanse(buf, sizeof(buf));
		return -1;
	}
	memcpy(out, buf, VL_KEY_LEN);
	OPENSSL_cleanse(buf, sizeof(buf));
	return 0;
}

void vl_key_to_base64(const uint8_t k[VL_KEY_LEN],
		      char out[VL_KEY_B64_LEN + 1])
{
	EVP_EncodeBlock((unsigned char *)out, k, VL_KEY_LEN);
}

bool vl_key_is_zero(const uint8_t k[VL_KEY_LEN])
{
	uint8_t acc = 0;
	size_t i;

	/* No early exit: the time taken says nothing about a secret. */
	for (i = 0; i < VL_KEY_LEN; i++)
		acc |= k[i];
	return acc == 0;
}

bool vl_key_is_low_order(const uint8_t pub[VL_KEY_LEN])
{
	/* Any scalar will do: X25519 clamps it to a multiple of the
	 * cofactor 8, which takes exactly the small-order points to zero,
	 * and OpenSSL refuses to derive a zero secret.  Nothing here is
	 * secret; only whether the derivation fails counts.
	 */
	static const uint8_t scalar[VL_KEY_LEN] = { 1 };
	EVP_PKEY *sk, *pk;
	EVP_PKEY_CTX *ctx = NULL;
	uint8_t out[VL_KEY_LEN];
	size_t n = sizeof(out);
	bool low = false;

	sk = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, scalar,
					  VL_KEY_LEN);
	pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, pub,
					 VL_KEY_LEN);
	if (sk && pk)
		ctx = EVP_PKEY_CTX_new(sk, NULL);
	if (ctx && EVP_PKEY_derive_init(ctx) == 1) {
		/* The refusal is the answer, not an error to leave queued. */
		ERR_set_mark();
		low = EVP_PKEY_derive_set_peer(ctx, pk) != 1 ||
		      EVP_PKEY_derive(ctx, out, &n) != 1 ||
		      vl_key_is_zero(out);
		ERR_pop_to_mark();
	}
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pk);
	EVP_PKEY_free(sk);
	return low;
}

int vl_key_public(const uint8_t priv[VL_KEY_LEN], uint8_t pub[VL_KEY_LEN])
{
	EVP_PKEY *pkey;
	size_t len = VL_KEY_LEN;
	int ret = -1;

	/* OpenSSL clamps a copy of the scalar itself, as wg does. */
	pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv,
					    VL_KEY_LEN);
	if (!pkey)
		return -1;
	if (EVP_PKEY_get_raw_public_key(pkey, pub, &len) == 1 &&
	    len == VL_KEY_LEN)
		ret = 0;
	EVP_PKEY_free(pkey);
	return ret;
}

int vl_key_generate_private(uint8_t k[VL_KEY_LEN])
{
	if (vl_key_generate_psk(k))
		return -1;
	/*
	 * The clamping of `wg genkey` (RFC 7748): a multiple of the
	 * cofactor 8, below 2^255, with bit 254 set.  X25519 clamps anyway;
	 * writing the key clamped keeps our output identical to wg's.
	 */
	k[0] &= 248;
	k[31] &= 127;
	k[31] |= 64;
	return 0;
}

int vl_key_generate_psk(uint8_t k[VL_KEY_LEN])
{
	if (RAND_bytes(k, VL_KEY_LEN) != 1) {
		OPENSSL_cleanse(k, VL_KEY_LEN);
		return -1;
	}
	return 0;
}
