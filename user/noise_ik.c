// SPDX-License-Identifier: GPL-2.0
/*
 * Noise IKpsk2 over the primitives of crypto.c.  The token functions below
 * are the Noise specification's SymmetricState operations, named as there
 * (MixHash, MixKey, EncryptAndHash, DecryptAndHash, MixKeyAndHash); the
 * message functions list the tokens of the pattern in order.
 */
#include <errno.h>
#include <string.h>

#include "noise_ik.h"

/* h = HASH(h || data) */
static int mix_hash(struct vl_ik *st, const void *data, size_t len)
{
	return vl_blake2s(st->h, st->h, sizeof(st->h), data, len);
}

/* The "e" token: the ephemeral public key goes into the transcript and,
 * since this is a PSK handshake, into the chaining key too.
 */
static int mix_ephemeral(struct vl_ik *st, const uint8_t pub[VL_KEY_LEN])
{
	int ret = mix_hash(st, pub, VL_KEY_LEN);

	return ret ? ret : vl_kdf1(st->ck, st->ck, pub, VL_KEY_LEN);
}

/* MixKey(DH(priv, pub)); @key gets the new cipher key unless NULL (the
 * response's ee and se, whose keys Noise would overwrite unused).
 * @priv_pub, priv's public key if known, spares OpenSSL computing it.
 */
static int mix_dh(struct vl_ik *st, uint8_t key[VL_KEY_LEN],
		  const uint8_t priv[VL_KEY_LEN], const uint8_t *priv_pub,
		  const uint8_t pub[VL_KEY_LEN])
{
	uint8_t dh[VL_KEY_LEN];
	int ret = vl_x25519_pair(dh, priv, priv_pub, pub);

	if (!ret)
		ret = key ? vl_kdf2(st->ck, key, st->ck, dh, sizeof(dh)) :
			    vl_kdf1(st->ck, st->ck, dh, sizeof(dh));
	vl_wipe(dh, sizeof(dh));
	return ret;
}

/* MixKey of a DH computed beforehand; all zeros means it was refused. */
static int mix_precomputed(struct vl_ik *st, uint8_t key[VL_KEY_LEN],
			   const uint8_t dh[VL_KEY_LEN])
{
	if (vl_is_zero(dh, VL_KEY_LEN))
		return -EINVAL;
	return vl_kdf2(st->ck, key, st->ck, dh, VL_KEY_LEN);
}

/* MixKeyAndHash(psk) */
static int mix_psk(struct vl_ik *st, uint8_t key[VL_KEY_LEN],
		   const uint8_t psk[VL_KEY_LEN])
{
	uint8_t tau[VL_HASH_LEN];
	int ret = vl_kdf3(st->ck, tau, key, st->ck, psk, VL_KEY_LEN);

	if (!ret)
		ret = mix_hash(st, tau, sizeof(tau));
	vl_wipe(tau, sizeof(tau));
	return ret;
}

/* EncryptAndHash: nonce 0 (each key encrypts once), h as associated data;
 * writes len + 16 bytes.
 */
static int encrypt_and_hash(struct vl_ik *st, const uint8_t key[VL_KEY_LEN],
			    const uint8_t *in, size_t len, uint8_t *out)
{
	int ret = vl_aead_seal(out, key, 0, st->h, sizeof(st->h), in, len);

	return ret ? ret : mix_hash(st, out, len + VL_TAG_LEN);
}

/* DecryptAndHash: in_len includes the tag. */
static int decrypt_and_hash(struct vl_ik *st, const uint8_t key[VL_KEY_LEN],
			    const uint8_t *in, size_t in_len, uint8_t *out)
{
	int ret = vl_aead_open(out, key, 0, st->h, sizeof(st->h), in, in_len);

	return ret ? ret : mix_hash(st, in, in_len);
}

int vl_ik_init(struct vl_ik *st, const void *prologue, size_t prologue_len,
	       const uint8_t responder_pub[VL_KEY_LEN])
{
	static const char name[] = VL_NOISE_CONSTRUCTION;
	int ret;

	/* a name longer than the hash is hashed, and ck starts as h */
	ret = vl_blake2s(st->ck, name, sizeof(name) - 1, NULL, 0);
	if (!ret)
		ret = vl_blake2s(st->h, st->ck, sizeof(st->ck), prologue,
				 prologue_len);
	if (!ret)
		ret = mix_hash(st, responder_pub, VL_KEY_LEN);
	return ret;
}

int vl_ik_write_initiation(struct vl_ik *st,
			   const uint8_t e_priv[VL_KEY_LEN],
			   const uint8_t rs[VL_KEY_LEN],
			   const uint8_t s_pub[VL_KEY_LEN],
			   const uint8_t ss[VL_KEY_LEN],
			   const uint8_t *payload, size_t len, uint8_t *out)
{
	uint8_t key[VL_KEY_LEN];
	int ret;

	/* e */
	ret = vl_x25519_pubkey(out, e_priv);
	if (!ret)
		ret = mix_ephemeral(st, out);
	/* es */
	if (!ret)
		ret = mix_dh(st, key, e_priv, out, rs);
	/* s */
	if (!ret)
		ret = encrypt_and_hash(st, key, s_pub, VL_KEY_LEN,
				       out + VL_KEY_LEN);
	/* ss */
	if (!ret)
		ret = mix_precomputed(st, key, ss);
	/* payload */
	if (!ret)
		ret = encrypt_and_hash(st, key, payload, len,
				       out + 2 * VL_KEY_LEN + VL_TAG_LEN);
	vl_wipe(key, sizeof(key));
	return ret;
}

int vl_ik_read_initiation_static(struct vl_ik *st,
				 const uint8_t s_priv[VL_KEY_LEN],
				 const uint8_t s_pub[VL_KEY_LEN],
				 const uint8_t *in,
				 uint8_t re[VL_KEY_LEN],
				 uint8_t rs[VL_KEY_LEN])
{
	uint8_t key[VL_KEY_LEN];
	int ret;

	/* e */
	memcpy(re, in, VL_KEY_LEN);
	ret = mix_ephemeral(st, re);
	/* es */
	if (!ret)
		ret = mix_dh(st, key, s_priv, s_pub, re);
	/* s */
	if (!ret)
		ret = decrypt_and_hash(st, key, in + VL_KEY_LEN,
				       VL_KEY_LEN + VL_TAG_LEN, rs);
	vl_wipe(key, sizeof(key));
	return ret;
}

int vl_ik_read_initiation_payload(struct vl_ik *st,
				  const uint8_t ss[VL_KEY_LEN],
				  const uint8_t *in, size_t in_len,
				  uint8_t *payload)
{
	uint8_t key[VL_KEY_LEN];
	int ret;

	/* ss */
	ret = mix_precomputed(st, key, ss);
	/* payload */
	if (!ret)
		ret = decrypt_and_hash(st, key, in, in_len, payload);
	vl_wipe(key, sizeof(key));
	return ret;
}

int vl_ik_write_response(struct vl_ik *st, const uint8_t e_priv[VL_KEY_LEN],
			 const uint8_t re[VL_KEY_LEN],
			 const uint8_t rs[VL_KEY_LEN],
			 const uint8_t psk[VL_KEY_LEN],
			 const uint8_t *payload, size_t len, uint8_t *out)
{
	uint8_t key[VL_KEY_LEN];
	int ret;

	/* e */
	ret = vl_x25519_pubkey(out, e_priv);
	if (!ret)
		ret = mix_ephemeral(st, out);
	/* ee */
	if (!ret)
		ret = mix_dh(st, NULL, e_priv, out, re);
	/* se */
	if (!ret)
		ret = mix_dh(st, NULL, e_priv, out, rs);
	/* psk */
	if (!ret)
		ret = mix_psk(st, key, psk);
	/* payload */
	if (!ret)
		ret = encrypt_and_hash(st, key, payload, len, out + VL_KEY_LEN);
	vl_wipe(key, sizeof(key));
	return ret;
}

int vl_ik_read_response(struct vl_ik *st, const uint8_t e_priv[VL_KEY_LEN],
			const uint8_t s_priv[VL_KEY_LEN],
			const uint8_t psk[VL_KEY_LEN],
			const uint8_t *in, size_t in_len,
			uint8_t re[VL_KEY_LEN], uint8_t *payload)
{
	uint8_t key[VL_KEY_LEN];
	int ret;

	if (in_len < VL_KEY_LEN + VL_TAG_LEN)
		return -EINVAL;
	/* e */
	memcpy(re, in, VL_KEY_LEN);
	ret = mix_ephemeral(st, re);
	/* ee */
	if (!ret)
		ret = mix_dh(st, NULL, e_priv, NULL, re);
	/* se */
	if (!ret)
		ret = mix_dh(st, NULL, s_priv, NULL, re);
	/* psk */
	if (!ret)
		ret = mix_psk(st, key, psk);
	/* payload */
	if (!ret)
		ret = decrypt_and_hash(st, key, in + VL_KEY_LEN,
				       in_len - VL_KEY_LEN, payload);
	vl_wipe(key, sizeof(key));
	return ret;
}

int vl_ik_split(const struct vl_ik *st, uint8_t k1[VL_KEY_LEN],
		uint8_t k2[VL_KEY_LEN])
{
	return vl_kdf2(k1, k2, st->ck, NULL, 0);
}

void vl_ik_wipe(struct vl_ik *st)
{
	vl_wipe(st, sizeof(*st));
}
