/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard keys: 32 bytes, written as 44 characters of base64 (43 that
 * carry the bits and one '='), exactly as wg(8) writes and reads them.
 */
#ifndef VL_KEY_H
#define VL_KEY_H

#include <stdbool.h>
#include <stdint.h>

#define VL_KEY_LEN		32
#define VL_KEY_B64_LEN		44	/* without the terminating NUL */

/*
 * 0 if s is exactly a key in base64: 44 characters, the alphabet of RFC
 * 4648, one '=' at the end and the unused low bits of the last character
 * zero (wg rejects other spellings of the same key, so do we).  -1
 * otherwise, and out is left zeroed.
 */
int vl_key_from_base64(const char *s, uint8_t out[VL_KEY_LEN]);

/* out gets 44 characters and a NUL. */
void vl_key_to_base64(const uint8_t k[VL_KEY_LEN],
		      char out[VL_KEY_B64_LEN + 1]);

/* In constant time: a key that is all zeros is "no key" to WireGuard. */
bool vl_key_is_zero(const uint8_t k[VL_KEY_LEN]);

/*
 * Whether a public key is a point of small order (all zeros is one of
 * them): the Diffie-Hellman result with it is the same whatever the
 * private key, so a handshake with such a peer authenticates no one.
 * WireGuard refuses these keys; so do the config parser and the module.
 */
bool vl_key_is_low_order(const uint8_t pub[VL_KEY_LEN]);

/* X25519 public key of a private key (clamped or not, as wg does). */
int vl_key_public(const uint8_t priv[VL_KEY_LEN], uint8_t pub[VL_KEY_LEN]);

/* 32 random bytes, clamped for X25519 exactly like `wg genkey`. */
int vl_key_generate_private(uint8_t k[VL_KEY_LEN]);

/* 32 random bytes as they come, like `wg genpsk`. */
int vl_key_generate_psk(uint8_t k[VL_KEY_LEN]);

#endif /* VL_KEY_H */
