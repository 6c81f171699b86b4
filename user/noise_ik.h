/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s handshake itself, one message
 * half at a time, without WireGuard's framing:
 *
 *   <- s
 *   ...
 *   -> e, es, s, ss, {payload}
 *   <- e, ee, se, psk, {payload}
 *
 * WireGuard's messages are these with the prologue "WireGuard v1 zx2c4
 * Jason@zx2c4.com", a TAI64N timestamp as the first payload and an empty
 * second one; noise.c adds the rest.  The prologue and the payloads are
 * parameters, and the ephemeral private keys are passed in, so that the
 * published Noise test vectors (cacophony) can check this code byte for
 * byte.
 *
 * The state is the symmetric state of the Noise specification: the
 * chaining key and the transcript hash.  Each step's cipher key lives only
 * inside the step (WireGuard encrypts once per key, always with nonce 0).
 * The read functions leave @st in an undefined state when they fail: the
 * caller works on a copy.  All return 0 or a negative errno: -EBADMSG (an
 * AEAD tag failed), -EINVAL (a Diffie-Hellman result was all zero),
 * -ENOMEM (OpenSSL failed).
 */
#ifndef VL_NOISE_IK_H
#define VL_NOISE_IK_H

#include <stddef.h>
#include <stdint.h>

#include "crypto.h"

#define VL_NOISE_CONSTRUCTION	"Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s"
#define VL_NOISE_IDENTIFIER	"WireGuard v1 zx2c4 Jason@zx2c4.com"

struct vl_ik {
	uint8_t ck[VL_HASH_LEN];	/* chaining key: secret */
	uint8_t h[VL_HASH_LEN];		/* transcript hash */
};

/* ck = HASH(construction); h = HASH(HASH(ck || prologue) || rs), rs the
 * responder's static public key (IK's pre-message).
 */
int vl_ik_init(struct vl_ik *st, const void *prologue, size_t prologue_len,
	       const uint8_t responder_pub[VL_KEY_LEN]);

/*
 * The initiator's message: e_priv its fresh ephemeral key, rs the
 * responder's static key, s_pub its own static key, ss the static-static
 * DH (precomputed).  Writes 32 + 48 + len + 16 bytes to @out.
 */
int vl_ik_write_initiation(struct vl_ik *st,
			   const uint8_t e_priv[VL_KEY_LEN],
			   const uint8_t rs[VL_KEY_LEN],
			   const uint8_t s_pub[VL_KEY_LEN],
			   const uint8_t ss[VL_KEY_LEN],
			   const uint8_t *payload, size_t len, uint8_t *out);

/*
 * The responder reads the initiation in two steps, because it learns whom
 * it talks to (the initiator's static key) in the middle and needs that
 * peer's static-static DH to go on.  Step one takes the 80 bytes e, {s}
 * and gives the initiator's ephemeral and static keys; s_priv and s_pub
 * are the responder's static key.
 */
int vl_ik_read_initiation_static(struct vl_ik *st,
				 const uint8_t s_priv[VL_KEY_LEN],
				 const uint8_t s_pub[VL_KEY_LEN],
				 const uint8_t *in,
				 uint8_t re[VL_KEY_LEN],
				 uint8_t rs[VL_KEY_LEN]);

/* Step two: ss, then the encrypted payload, in_len = payload + 16. */
int vl_ik_read_initiation_payload(struct vl_ik *st,
				  const uint8_t ss[VL_KEY_LEN],
				  const uint8_t *in, size_t in_len,
				  uint8_t *payload);

/*
 * The responder's message: e_priv its fresh ephemeral key, re and rs the
 * initiator's ephemeral and static keys, psk the preshared key (zeros for
 * none).  Writes 32 + len + 16 bytes to @out.
 */
int vl_ik_write_response(struct vl_ik *st, const uint8_t e_priv[VL_KEY_LEN],
			 const uint8_t re[VL_KEY_LEN],
			 const uint8_t rs[VL_KEY_LEN],
			 const uint8_t psk[VL_KEY_LEN],
			 const uint8_t *payload, size_t len, uint8_t *out);

/* The initiator reads it: in_len = 32 + payload + 16. */
int vl_ik_read_response(struct vl_ik *st, const uint8_t e_priv[VL_KEY_LEN],
			const uint8_t s_priv[VL_KEY_LEN],
			const uint8_t psk[VL_KEY_LEN],
			const uint8_t *in, size_t in_len,
			uint8_t re[VL_KEY_LEN], uint8_t *payload);

/* The transport keys: k1 carries initiator to responder, k2 back. */
int vl_ik_split(const struct vl_ik *st, uint8_t k1[VL_KEY_LEN],
		uint8_t k2[VL_KEY_LEN]);

void vl_ik_wipe(struct vl_ik *st);

#endif /* VL_NOISE_IK_H */
