// SPDX-License-Identifier: GPL-2.0
/* WireGuard data messages with OpenSSL 3's EVP ChaCha20-Poly1305. */
#include "datamsg.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

static int aead(int enc, const uint8_t key[DM_KEY_LEN],
		const uint8_t nonce[DM_NONCE_LEN], const void *aad,
		size_t aad_len, const void *in, size_t len, uint8_t *out,
		uint8_t tag[DM_TAG_LEN])
{
	EVP_CIPHER_CTX *ctx;
	int ret = DM_ERR_CRYPTO, outl;
	uint8_t none[DM_TAG_LEN];

	if (len > INT_MAX || aad_len > INT_MAX)
		return DM_ERR_CRYPTO;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return DM_ERR_CRYPTO;
	if (EVP_CipherInit_ex(ctx, EVP_chacha20_poly1305(), NULL, NULL, NULL,
			      enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, DM_NONCE_LEN,
				NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1)
		goto out;
	if (aad_len && EVP_CipherUpdate(ctx, NULL, &outl, aad,
					(int)aad_len) != 1)
		goto out;
	if (len && (EVP_CipherUpdate(ctx, out, &outl, in, (int)len) != 1 ||
		    (size_t)outl != len))
		goto out;
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, DM_TAG_LEN,
					tag) != 1)
		goto out;
	/* Writes nothing for this cipher; not out + len, which may be
	 * NULL + 0.
	 */
	if (EVP_CipherFinal_ex(ctx, none, &outl) != 1) {
		ret = enc ? DM_ERR_CRYPTO : DM_ERR_AUTH;
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, DM_TAG_LEN,
				       tag) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int dm_aead_seal(const uint8_t key[DM_KEY_LEN],
		 const uint8_t nonce[DM_NONCE_LEN], const void *aad,
		 size_t aad_len, const void *in, size_t len, uint8_t *out,
		 uint8_t tag[DM_TAG_LEN])
{
	return aead(1, key, nonce, aad, aad_len, in, len, out, tag);
}

int dm_aead_open(const uint8_t key[DM_KEY_LEN],
		 const uint8_t nonce[DM_NONCE_LEN], const void *aad,
		 size_t aad_len, const void *in, size_t len,
		 const uint8_t tag[DM_TAG_LEN], uint8_t *out)
{
	uint8_t t[DM_TAG_LEN];

	memcpy(t, tag, sizeof(t));
	return aead(0, key, nonce, aad, aad_len, in, len, out, t);
}

void dm_nonce(uint8_t nonce[DM_NONCE_LEN], uint64_t counter)
{
	memset(nonce, 0, 4);
	dm_put_le64(nonce + 4, counter);
}

size_t dm_padded_len(size_t plain_len)
{
	return (plain_len + DM_PAD_MULTIPLE - 1) / DM_PAD_MULTIPLE *
	       DM_PAD_MULTIPLE;
}

size_t dm_message_len(size_t plain_len)
{
	return DM_HEADER_LEN + dm_padded_len(plain_len) + DM_TAG_LEN;
}

size_t dm_build(uint8_t *out, uint32_t receiver_index, uint64_t counter,
		const uint8_t key[DM_KEY_LEN], const void *plain,
		size_t plain_len)
{
	size_t padded = dm_padded_len(plain_len);
	uint8_t nonce[DM_NONCE_LEN];

	dm_put_le32(out, DM_TYPE_DATA);
	dm_put_le32(out + 4, receiver_index);
	dm_put_le64(out + 8, counter);
	if (plain_len)
		memmove(out + DM_HEADER_LEN, plain, plain_len);
	memset(out + DM_HEADER_LEN + plain_len, 0, padded - plain_len);
	dm_nonce(nonce, counter);
	if (dm_aead_seal(key, nonce, NULL, 0, out + DM_HEADER_LEN, padded,
			 out + DM_HEADER_LEN, out + DM_HEADER_LEN + padded))
		return 0;
	return DM_HEADER_LEN + padded + DM_TAG_LEN;
}

long dm_open(const uint8_t *msg, size_t len, const uint8_t key[DM_KEY_LEN],
	     uint32_t *index, uint64_t *counter, uint8_t *out)
{
	uint8_t nonce[DM_NONCE_LEN];
	size_t clen;
	uint64_t c;
	int ret;

	if (len < DM_MIN_LEN || dm_get_le32(msg) != DM_TYPE_DATA)
		return DM_ERR_MALFORMED;
	c = dm_get_le64(msg + 8);
	if (index)
		*index = dm_get_le32(msg + 4);
	if (counter)
		*counter = c;
	clen = len - DM_MIN_LEN;
	dm_nonce(nonce, c);
	ret = dm_aead_open(key, nonce, NULL, 0, msg + DM_HEADER_LEN, clen,
			   msg + len - DM_TAG_LEN, out);
	return ret ? ret : (long)clen;
}

static int b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int dm_parse_key(const char *text, uint8_t key[DM_KEY_LEN])
{
	size_t len = strlen(text), i;

	if (len == 64) {
		for (i = 0; i < 32; i++) {
			int hi = hex_value(text[2 * i]);
			int lo = hex_value(text[2 * i + 1]);

			if (hi < 0 || lo < 0)
				return -1;
			key[i] = (uint8_t)(hi << 4 | lo);
		}
		return 0;
	}
	if (len == 44 && text[43] == '=' && text[42] != '=') {
		uint32_t acc = 0;
		unsigned int bits = 0, n = 0;

		for (i = 0; i < 43; i++) {
			int v = b64_value(text[i]);

			if (v < 0)
				return -1;
			acc = acc << 6 | (uint32_t)v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				key[n++] = (uint8_t)(acc >> bits);
			}
		}
		/* 43 * 6 = 258 bits: 32 bytes and 2 bits that must be 0 */
		if (n != 32 || (acc & ((1u << bits) - 1)))
			return -1;
		return 0;
	}
	return -1;
}

int dm_hex_decode(const char *hex, uint8_t **out, size_t *len)
{
	size_t n = 0, cap = strlen(hex) / 2 + 1;
	uint8_t *buf = malloc(cap);
	int hi = -1;

	if (!buf)
		return -1;
	for (; *hex; hex++) {
		int v;

		if (isspace((unsigned char)*hex) || *hex == ':')
			continue;
		v = hex_value((unsigned char)*hex);
		if (v < 0)
			goto bad;
		if (hi < 0) {
			hi = v;
		} else {
			buf[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0)
		goto bad;
	*out = buf;
	*len = n;
	return 0;
bad:
	free(buf);
	return -1;
}

void dm_hex_print(FILE *f, const uint8_t *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		putc(digits[buf[i] >> 4], f);
		putc(digits[buf[i] & 15], f);
	}
}
