/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard's handshake messages on the wire: fixed sizes, fields at fixed
 * byte offsets, integers little endian.  The first four bytes are the type
 * as a little-endian word (the type byte and three zero bytes).  Offsets
 * rather than packed structs: messages arrive as byte buffers of any
 * alignment.
 */
#ifndef VL_MESSAGES_H
#define VL_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

enum vl_msg_type {
	VL_MSG_INITIATION = 1,
	VL_MSG_RESPONSE = 2,
	VL_MSG_COOKIE_REPLY = 3,
	VL_MSG_DATA = 4,
};

/* Initiation: type, sender, ephemeral, {static}, {timestamp}, macs. */
#define VL_INITIATION_LEN		148
#define VL_INIT_OFF_SENDER		4
#define VL_INIT_OFF_EPHEMERAL		8
#define VL_INIT_OFF_STATIC		40	/* 32 + 16 tag */
#define VL_INIT_OFF_TIMESTAMP		88	/* 12 + 16 tag */
#define VL_INIT_OFF_MAC1		116
#define VL_INIT_OFF_MAC2		132

/* Response: type, sender, receiver, ephemeral, {empty}, macs. */
#define VL_RESPONSE_LEN			92
#define VL_RESP_OFF_SENDER		4
#define VL_RESP_OFF_RECEIVER		8
#define VL_RESP_OFF_EPHEMERAL		12
#define VL_RESP_OFF_EMPTY		44	/* 0 + 16 tag */
#define VL_RESP_OFF_MAC1		60
#define VL_RESP_OFF_MAC2		76

/* Cookie reply: type, receiver, nonce, {cookie}. */
#define VL_COOKIE_REPLY_LEN		64
#define VL_COOKIE_OFF_RECEIVER		4
#define VL_COOKIE_OFF_NONCE		8	/* 24 */
#define VL_COOKIE_OFF_COOKIE		32	/* 16 + 16 tag */

/* mac1 and mac2 end both messages that carry them. */
#define VL_MACS_LEN			32

static inline uint32_t vl_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void vl_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* The type word of @msg, or 0 (no type) if it is shorter than that. */
static inline uint32_t vl_msg_type(const uint8_t *msg, size_t len)
{
	return len < 4 ? 0 : vl_get_le32(msg);
}

#endif /* VL_MESSAGES_H */
