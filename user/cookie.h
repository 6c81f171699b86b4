/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard's denial-of-service defences around the handshake:
 *
 * mac1, on every initiation and response, is keyed BLAKE2s-128 under a key
 * derived from the receiver's public key: only someone who knows that key
 * can make the receiver spend a Diffie-Hellman on a message.
 *
 * mac2 is checked only when the receiver is under load: it is keyed with a
 * cookie, a MAC of the sender's IP address and port under a secret the
 * receiver changes every two minutes.  A message without a valid mac2 gets
 * a cookie reply instead of an answer, so a sender must show it receives
 * at its source address before it can cost the receiver anything.  The
 * cookie travels encrypted (XChaCha20-Poly1305) under a key derived from
 * the receiver's public key and bound to the mac1 it answers.
 *
 * Two sides: struct vl_cookie is what we keep for a peer to put macs on
 * messages to it; struct vl_cookie_checker is ours, to check incoming
 * messages and make cookie replies.  Not thread safe: the caller
 * serialises.  Times are a monotonic clock (CLOCK_BOOTTIME or
 * CLOCK_MONOTONIC) in nanoseconds.
 */
#ifndef VL_COOKIE_H
#define VL_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "hs_err.h"
#include "messages.h"
#include "ratelimit.h"
#include "srcaddr.h"

#define VL_NSEC_PER_SEC			1000000000ULL
/* The checker's secret, and so every cookie, lives two minutes. */
#define VL_COOKIE_SECRET_MAX_AGE_NS	(120 * VL_NSEC_PER_SEC)
/* A cookie is used for five seconds less, so that it is not sent just as
 * the secret behind it rotates (WireGuard's COOKIE_SECRET_LATENCY).
 */
#define VL_COOKIE_SECRET_LATENCY_NS	(5 * VL_NSEC_PER_SEC)

/* Per peer: the macs we put on messages to it. */
struct vl_cookie {
	uint8_t mac1_key[VL_KEY_LEN];	/* BLAKE2s("mac1----" || peer) */
	uint8_t decrypt_key[VL_KEY_LEN];/* BLAKE2s("cookie--" || peer) */
	uint8_t cookie[VL_MAC_LEN];	/* the peer's last cookie for us */
	uint64_t birth_ns;		/* when it arrived */
	bool valid;
	bool have_sent_mac1;		/* a cookie reply can only answer */
	uint8_t last_mac1[VL_MAC_LEN];	/* the last mac1 we sent */
};

/* Ours: checks incoming macs, makes cookie replies. */
struct vl_cookie_checker {
	uint8_t mac1_key[VL_KEY_LEN];	/* BLAKE2s("mac1----" || our key) */
	uint8_t encrypt_key[VL_KEY_LEN];/* BLAKE2s("cookie--" || our key) */
	uint8_t secret[VL_HASH_LEN];	/* random, rotated every 120 s */
	uint64_t secret_birth_ns;
};

/* The two keys derived from a public key (0 or -ENOMEM). */
int vl_mac1_key(uint8_t out[VL_KEY_LEN], const uint8_t pub[VL_KEY_LEN]);
int vl_cookie_key(uint8_t out[VL_KEY_LEN], const uint8_t pub[VL_KEY_LEN]);

/* Prepare @cookie for a peer with public key @peer_pub (0 or -errno). */
int vl_cookie_init(struct vl_cookie *cookie,
		   const uint8_t peer_pub[VL_KEY_LEN]);
void vl_cookie_wipe(struct vl_cookie *cookie);

/*
 * Fill in the last 32 bytes of @msg (an initiation or a response, @len
 * bytes): mac1 always, mac2 from the peer's cookie if we have one younger
 * than 115 s, else zeros.  Remembers the mac1 for a cookie reply to
 * match.  0 or -errno.
 */
int vl_cookie_add_macs(struct vl_cookie *cookie, uint8_t *msg, size_t len,
		       uint64_t now_ns);

/* Check only the mac1 of an initiation or a response: VL_HS_OK,
 * VL_HS_ERR_MAC1, VL_HS_ERR_LENGTH/TYPE or VL_HS_ERR_CRYPTO.
 */
enum vl_hs_err vl_cookie_check_mac1(const uint8_t mac1_key[VL_KEY_LEN],
				    const uint8_t *msg, size_t len);

/*
 * Take a cookie reply (VL_COOKIE_REPLY_LEN bytes) from the peer whose
 * @cookie the caller found by the reply's receiver index.  Accepted only
 * if it decrypts against the last mac1 we sent that peer, and only once.
 * VL_HS_OK, or LENGTH, TYPE, NO_COOKIE_WANTED, DECRYPT, CRYPTO.
 */
enum vl_hs_err vl_cookie_consume_reply(struct vl_cookie *cookie,
				       const uint8_t *msg, size_t len,
				       uint64_t now_ns);

/* For our public key @pub, with a fresh secret (0 or -errno). */
int vl_cookie_checker_init(struct vl_cookie_checker *checker,
			   const uint8_t pub[VL_KEY_LEN], uint64_t now_ns);
void vl_cookie_checker_wipe(struct vl_cookie_checker *checker);

/*
 * Decide whether to process an incoming initiation or response from @src,
 * before any Diffie-Hellman is spent on it:
 *   VL_HS_OK		process it;
 *   VL_HS_NEED_COOKIE	under load, mac1 right but mac2 is not: send
 *			vl_cookie_create_reply(), process nothing;
 *   VL_HS_ERR_MAC1	drop (not for us);
 *   VL_HS_ERR_RATELIMIT under load, mac2 right, @src over its rate: drop
 *			(@rl may be NULL: no rate limit);
 *   VL_HS_ERR_LENGTH / TYPE: drop;
 *   VL_HS_ERR_CRYPTO	OpenSSL failed, or @src has no known family.
 */
enum vl_hs_err vl_cookie_validate(struct vl_cookie_checker *checker,
				  const uint8_t *msg, size_t len,
				  const struct vl_srcaddr *src, bool under_load,
				  uint64_t now_ns, struct vl_ratelimit *rl);

/*
 * The cookie reply to an initiation or response @msg that came from @src
 * (VL_HS_NEED_COOKIE), addressed to the message's sender index.
 * VL_HS_OK, or LENGTH, TYPE, CRYPTO.
 */
enum vl_hs_err vl_cookie_create_reply(struct vl_cookie_checker *checker,
				      const uint8_t *msg, size_t len,
				      const struct vl_srcaddr *src,
				      uint64_t now_ns,
				      uint8_t reply[VL_COOKIE_REPLY_LEN]);

#endif /* VL_COOKIE_H */
