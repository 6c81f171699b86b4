/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WireGuard data messages (type 4) for the test tools: built and opened
 * with OpenSSL's ChaCha20-Poly1305, independently of the kernel's code.
 *
 *   0   le32  type (4: the byte 4, then three zero bytes)
 *   4   le32  receiver index
 *   8   le64  counter
 *   16  ...   ChaCha20-Poly1305 (RFC 8439) ciphertext of the inner packet,
 *             zero-padded to a multiple of 16, then the 16-byte tag.
 *             Nonce: 4 zero bytes, then the counter as le64; no AAD.
 *
 * An empty plaintext (the message is header + tag) is a keepalive.
 * Shared by tests/tools/vlpkt and tests/unit/test_crypto_kat.
 */
#ifndef VLPKT_DATAMSG_H
#define VLPKT_DATAMSG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DM_TYPE_DATA		4
#define DM_KEY_LEN		32
#define DM_NONCE_LEN		12
#define DM_TAG_LEN		16
#define DM_HEADER_LEN		16
#define DM_MIN_LEN		(DM_HEADER_LEN + DM_TAG_LEN)
#define DM_PAD_MULTIPLE		16

/* Errors of dm_open(). */
#define DM_ERR_MALFORMED	(-1)	/* too short or not type 4 */
#define DM_ERR_AUTH		(-2)	/* the tag does not verify */
#define DM_ERR_CRYPTO		(-3)	/* OpenSSL failed */

/* Generic RFC 8439 AEAD.  seal writes len bytes of ciphertext to out (may
 * be in) and the tag to tag; open verifies tag and writes the plaintext.
 * Both return 0 on success; open returns DM_ERR_AUTH on a bad tag.
 */
int dm_aead_seal(const uint8_t key[DM_KEY_LEN],
		 const uint8_t nonce[DM_NONCE_LEN], const void *aad,
		 size_t aad_len, const void *in, size_t len, uint8_t *out,
		 uint8_t tag[DM_TAG_LEN]);
int dm_aead_open(const uint8_t key[DM_KEY_LEN],
		 const uint8_t nonce[DM_NONCE_LEN], const void *aad,
		 size_t aad_len, const void *in, size_t len,
		 const uint8_t tag[DM_TAG_LEN], uint8_t *out);

/* The 96-bit nonce of a data message with this counter. */
void dm_nonce(uint8_t nonce[DM_NONCE_LEN], uint64_t counter);

/* The plaintext length after padding, and the whole message's length. */
size_t dm_padded_len(size_t plain_len);
size_t dm_message_len(size_t plain_len);

/* Builds a data message into out (dm_message_len(plain_len) bytes):
 * header, the padded plaintext encrypted, the tag.  Returns the length,
 * or 0 if OpenSSL failed.
 */
size_t dm_build(uint8_t *out, uint32_t receiver_index, uint64_t counter,
		const uint8_t key[DM_KEY_LEN], const void *plain,
		size_t plain_len);

/* Opens a data message of len bytes, counter from its header.  Writes the
 * (padded) plaintext, len - DM_MIN_LEN bytes, to out and returns that
 * length; or a DM_ERR_* value.  index and counter may be NULL.
 */
long dm_open(const uint8_t *msg, size_t len, const uint8_t key[DM_KEY_LEN],
	     uint32_t *index, uint64_t *counter, uint8_t *out);

/* A key as 44 characters of base64 or 64 hex digits; 0 on success. */
int dm_parse_key(const char *text, uint8_t key[DM_KEY_LEN]);

/* Hex digits (whitespace and ':' ignored) to bytes in a malloc'ed buffer;
 * 0 on success, -1 on a bad digit or odd count.
 */
int dm_hex_decode(const char *hex, uint8_t **out, size_t *len);
void dm_hex_print(FILE *f, const uint8_t *buf, size_t len);

static inline void dm_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void dm_put_le64(uint8_t *p, uint64_t v)
{
	dm_put_le32(p, (uint32_t)v);
	dm_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t dm_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t dm_get_le64(const uint8_t *p)
{
	return dm_get_le32(p) | (uint64_t)dm_get_le32(p + 4) << 32;
}

#endif /* VLPKT_DATAMSG_H */
