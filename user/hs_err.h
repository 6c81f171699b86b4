/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why the handshake code refused a message or could not make one.  One
 * code per reason, so that the daemon can count them (an array indexed by
 * the code, VL_HS_ERR_COUNT long) and log them (vl_hs_strerror).
 */
#ifndef VL_HS_ERR_H
#define VL_HS_ERR_H

enum vl_hs_err {
	VL_HS_OK = 0,
	VL_HS_ERR_LENGTH,	/* not the exact size of its type */
	VL_HS_ERR_TYPE,		/* not the message type expected here */
	VL_HS_ERR_MAC1,		/* mac1 wrong: not meant for us, or mangled */
	VL_HS_NEED_COOKIE,	/* under load without a valid mac2: answer
				 * with a cookie reply, do not process
				 */
	VL_HS_ERR_RATELIMIT,	/* under load, the source is over its rate */
	VL_HS_ERR_UNKNOWN_PEER,	/* initiator's static key is no peer of ours */
	VL_HS_ERR_UNKNOWN_INDEX, /* no handshake under that receiver index */
	VL_HS_ERR_STATE,	/* the handshake is in no state to take it */
	VL_HS_ERR_DECRYPT,	/* an AEAD tag failed: wrong key or PSK,
				 * tampering
				 */
	VL_HS_ERR_BAD_KEY,	/* a Diffie-Hellman result was all zero
				 * (low-order point), or no usable key
				 */
	VL_HS_ERR_REPLAY,	/* timestamp not newer than the last accepted */
	VL_HS_ERR_FLOOD,	/* initiations from this peer too close */
	VL_HS_ERR_NO_COOKIE_WANTED, /* cookie reply, but no mac1 to match */
	VL_HS_ERR_CRYPTO,	/* OpenSSL failed: out of memory, or an
				 * algorithm missing from the provider
				 */
	VL_HS_ERR_COUNT
};

/* A short constant description, e.g. "replayed timestamp". */
const char *vl_hs_strerror(enum vl_hs_err err);

#endif /* VL_HS_ERR_H */
