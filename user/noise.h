/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard's handshake (Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s): making and
 * taking initiations and responses, then the transport keypair they yield.
 * Messages are byte buffers of the sizes in messages.h; the daemon does
 * the sockets, the timers, the index allocation and the netlink.
 *
 * A typical exchange, A initiating to B:
 *
 *   A: vl_noise_create_initiation()              -> 148 bytes to B
 *   B: vl_cookie_validate() == VL_HS_OK           (else drop, or cookie)
 *      vl_noise_consume_initiation()              finds A's handshake
 *      vl_noise_create_response()                 -> 92 bytes to A
 *      vl_noise_derive_keypair()                  B's keypair
 *   A: vl_cookie_validate() == VL_HS_OK
 *      vl_noise_consume_response()
 *      vl_noise_derive_keypair()                  A's keypair
 *
 * The consume functions check mac1 themselves as well (it is cheap), so no
 * Diffie-Hellman is ever spent on a message without a valid mac1.  A
 * message that is refused changes no state.
 *
 * Not thread safe: the caller serialises the calls on one identity and its
 * handshakes.  Times: @now_ns is a monotonic clock (CLOCK_BOOTTIME or
 * CLOCK_MONOTONIC) in nanoseconds, @realtime the wall clock
 * (CLOCK_REALTIME) for the initiation's timestamp; both are parameters so
 * that tests can set them.  Indices are host-order u32 (on the wire
 * little endian), as the module's netlink takes them.
 */
#ifndef VL_NOISE_H
#define VL_NOISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cookie.h"
#include "crypto.h"
#include "hs_err.h"
#include "messages.h"
#include "tai64n.h"

/* At most 50 initiations a second are taken from one peer (WireGuard's
 * INITIATIONS_PER_SECOND): a faster one is refused as a flood.
 */
#define VL_INITIATIONS_PER_SECOND	50
#define VL_INITIATION_MIN_GAP_NS	(1000000000ULL / \
					 VL_INITIATIONS_PER_SECOND)

/* Our static key pair and the keys peers use to reach us. */
struct vl_identity {
	uint8_t priv[VL_KEY_LEN];
	uint8_t pub[VL_KEY_LEN];
	uint8_t mac1_key[VL_KEY_LEN];	/* BLAKE2s("mac1----" || pub) */
	uint8_t cookie_key[VL_KEY_LEN];	/* BLAKE2s("cookie--" || pub) */
};

enum vl_hs_state {
	VL_HS_ZEROED,
	VL_HS_CREATED_INITIATION,	/* we sent one, wait for a response */
	VL_HS_CONSUMED_INITIATION,	/* we took one, respond next */
	VL_HS_CREATED_RESPONSE,		/* responder: derive the keypair */
	VL_HS_CONSUMED_RESPONSE,	/* initiator: derive the keypair */
};

/* One per peer. */
struct vl_handshake {
	/* set once, by vl_handshake_init() */
	uint8_t remote_static[VL_KEY_LEN];
	uint8_t psk[VL_KEY_LEN];		/* zeros: no preshared key */
	/* DH(our priv, remote_static), computed at first use */
	uint8_t static_static[VL_KEY_LEN];
	enum vl_ss_state {
		VL_SS_NOT_YET,
		VL_SS_READY,
		VL_SS_REFUSED,			/* a low-order point */
	} static_static_state;
	/* the handshake in progress */
	enum vl_hs_state state;
	uint8_t hash[VL_HASH_LEN];
	uint8_t chaining_key[VL_HASH_LEN];
	uint8_t ephemeral_priv[VL_KEY_LEN];	/* while waiting a response */
	uint8_t remote_ephemeral[VL_KEY_LEN];
	uint32_t local_index;			/* our sender index */
	uint32_t remote_index;			/* the peer's sender index */
	/* kept across handshakes, against replays and floods */
	uint8_t latest_timestamp[VL_TAI64N_LEN];
	uint64_t last_initiation_ns;
	bool have_initiation;
	/* the macs on our messages to this peer */
	struct vl_cookie cookie;
};

/* What the module needs to send and receive data with the peer. */
struct vl_keypair {
	uint8_t send_key[VL_KEY_LEN];
	uint8_t recv_key[VL_KEY_LEN];
	uint32_t local_index;		/* receiver index of packets to us */
	uint32_t remote_index;		/* receiver index of packets to it */
	bool initiator;
};

/* The daemon's peer lookups.  NULL: no such peer, the message is refused. */
typedef struct vl_handshake *(*vl_lookup_static_fn)(void *ctx,
		const uint8_t pub[VL_KEY_LEN]);
typedef struct vl_handshake *(*vl_lookup_index_fn)(void *ctx,
		uint32_t index);

/* From a private key (any 32 bytes; X25519 clamps).  0 or -errno. */
int vl_identity_init(struct vl_identity *id, const uint8_t priv[VL_KEY_LEN]);
void vl_identity_wipe(struct vl_identity *id);

/*
 * A peer with public key @remote_pub, and preshared key @psk (NULL for
 * none).  0 or -ENOMEM.  No public-key work is done here: the static-static
 * DH waits for the peer's first handshake.  If @remote_pub is a low-order
 * point, every handshake with the peer then fails with VL_HS_ERR_BAD_KEY,
 * as in WireGuard.
 */
int vl_handshake_init(struct vl_handshake *hs,
		      const uint8_t remote_pub[VL_KEY_LEN],
		      const uint8_t psk[VL_KEY_LEN]);

/* The static-static DH with the peer, if not done yet; the handshakes call
 * it.  0, -EINVAL for a low-order point (for good), or -ENOMEM.
 */
int vl_handshake_precompute(struct vl_handshake *hs,
			    const struct vl_identity *id);

/* Forget the handshake in progress (e.g. it timed out); keeps the peer,
 * its replay and flood state and its cookie.
 */
void vl_handshake_clear(struct vl_handshake *hs);

/* Wipe everything, when the peer goes away. */
void vl_handshake_wipe(struct vl_handshake *hs);

/*
 * Start a handshake with the peer of @hs: fills @msg, macs included, and
 * leaves @hs waiting for the response.  A new initiation supersedes one
 * in flight.  VL_HS_OK, VL_HS_ERR_BAD_KEY or VL_HS_ERR_CRYPTO.
 */
enum vl_hs_err vl_noise_create_initiation(const struct vl_identity *id,
					  struct vl_handshake *hs,
					  uint32_t local_index,
					  const struct timespec *realtime,
					  uint64_t now_ns,
					  uint8_t msg[VL_INITIATION_LEN]);

/*
 * Take an initiation.  @lookup maps the initiator's static key, once
 * decrypted, to its handshake.  On VL_HS_OK, *@out is that handshake, now
 * ready for vl_noise_create_response().  Refusals: LENGTH, TYPE, MAC1,
 * DECRYPT, BAD_KEY, UNKNOWN_PEER, REPLAY (timestamp not newer than the
 * last accepted one), FLOOD (less than 1/50 s after the last accepted
 * one), CRYPTO.
 */
enum vl_hs_err vl_noise_consume_initiation(const struct vl_identity *id,
					   const uint8_t *msg, size_t len,
					   uint64_t now_ns,
					   vl_lookup_static_fn lookup,
					   void *ctx,
					   struct vl_handshake **out);

/*
 * Answer the initiation @hs took.  VL_HS_OK, STATE, BAD_KEY, CRYPTO.
 * Then vl_noise_derive_keypair().
 */
enum vl_hs_err vl_noise_create_response(const struct vl_identity *id,
					struct vl_handshake *hs,
					uint32_t local_index,
					uint64_t now_ns,
					uint8_t msg[VL_RESPONSE_LEN]);

/*
 * Take a response.  @lookup maps its receiver index to the handshake that
 * sent the initiation.  On VL_HS_OK, *@out is that handshake, ready for
 * vl_noise_derive_keypair().  Refusals: LENGTH, TYPE, MAC1,
 * UNKNOWN_INDEX, STATE (no initiation waiting), DECRYPT (e.g. another
 * PSK), BAD_KEY, CRYPTO.
 */
enum vl_hs_err vl_noise_consume_response(const struct vl_identity *id,
					 const uint8_t *msg, size_t len,
					 vl_lookup_index_fn lookup, void *ctx,
					 struct vl_handshake **out);

/*
 * Take a cookie reply: @lookup maps its receiver index to the handshake
 * (any index the daemon knows for the peer will do), whose cookie state
 * takes it.  VL_HS_OK, LENGTH, TYPE, UNKNOWN_INDEX, NO_COOKIE_WANTED,
 * DECRYPT, CRYPTO.  The daemon then resends its message, now with mac2.
 */
enum vl_hs_err vl_noise_consume_cookie_reply(const uint8_t *msg, size_t len,
					     uint64_t now_ns,
					     vl_lookup_index_fn lookup,
					     void *ctx,
					     struct vl_handshake **out);

/*
 * The keypair of a completed handshake (after create_response or
 * consume_response); then the handshake's secrets are wiped and it is
 * back to VL_HS_ZEROED.  VL_HS_OK, STATE, CRYPTO.
 */
enum vl_hs_err vl_noise_derive_keypair(struct vl_handshake *hs,
				       struct vl_keypair *kp);

void vl_keypair_wipe(struct vl_keypair *kp);

#endif /* VL_NOISE_H */
