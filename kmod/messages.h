/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard's wire format, as far as the kernel half of vpnlink needs it:
 * the data message it encrypts and decrypts, and the sizes of the handshake
 * messages it passes to the helper untouched.
 */
#ifndef _VPNLINK_MESSAGES_H
#define _VPNLINK_MESSAGES_H

#include <linux/bits.h>
#include <linux/types.h>
#include <crypto/chacha20poly1305.h>
#include <uapi/linux/vpnlink.h>

enum vl_message_type {
	VL_MSG_INVALID = 0,
	VL_MSG_HANDSHAKE_INITIATION = 1,
	VL_MSG_HANDSHAKE_RESPONSE = 2,
	VL_MSG_HANDSHAKE_COOKIE = 3,
	VL_MSG_DATA = 4,
};

/* A data message: the type byte and three zero bytes read as one
 * little-endian word, the receiver's index, the nonce counter, then the
 * ChaCha20-Poly1305 ciphertext of the padded inner packet.
 */
struct vl_msg_data {
	__le32 type;
	__le32 receiver_index;
	__le64 counter;
	u8 ciphertext[];
};

#define VL_DATA_HEADER_LEN	sizeof(struct vl_msg_data)
#define VL_AUTHTAG_LEN		CHACHA20POLY1305_AUTHTAG_SIZE
#define VL_DATA_MIN_LEN		(VL_DATA_HEADER_LEN + VL_AUTHTAG_LEN)
#define VL_PADDING_MULTIPLE	16

/* Bytes that vpnlink adds around an inner packet, worst case (IPv6 outer). */
#define VL_OVERHEAD_V4	(sizeof(struct iphdr) + sizeof(struct udphdr) + \
			 VL_DATA_MIN_LEN)
#define VL_OVERHEAD_V6	(sizeof(struct ipv6hdr) + sizeof(struct udphdr) + \
			 VL_DATA_MIN_LEN)

/* WireGuard's timer constants that the module applies by itself. */
#define VL_KEEPALIVE_TIMEOUT_MS	10000U
#define VL_REKEY_TIMEOUT_MS	5000U
#define VL_REKEY_AFTER_MESSAGES	BIT_ULL(60)

/* The exact size of a handshake message of @type, or 0 for other types. */
static inline unsigned int vl_handshake_len(u32 type)
{
	switch (type) {
	case VL_MSG_HANDSHAKE_INITIATION:
		return VPNLINK_HANDSHAKE_INITIATION_LEN;
	case VL_MSG_HANDSHAKE_RESPONSE:
		return VPNLINK_HANDSHAKE_RESPONSE_LEN;
	case VL_MSG_HANDSHAKE_COOKIE:
		return VPNLINK_HANDSHAKE_COOKIE_LEN;
	}
	return 0;
}

/* Packets held per peer while it waits for a keypair. */
#define VL_MAX_STAGED_PACKETS	128

#endif /* _VPNLINK_MESSAGES_H */
