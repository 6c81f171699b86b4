// SPDX-License-Identifier: GPL-2.0
/*
 * Known answers for the data-message crypto that tests/tools/vlpkt uses
 * (tests/tools/datamsg.c, OpenSSL EVP ChaCha20-Poly1305).  No crypto is
 * written here (the project's rule: userspace crypto is OpenSSL's); what
 * proves the OpenSSL usage right is the published vectors:
 *   - RFC 8439 2.8.2 (AEAD with AAD) through dm_aead_seal/open;
 *   - RFC 8439 A.5, whose nonce 00000000 0102030405060708 is exactly the
 *     WireGuard layout (4 zero bytes, the counter in little endian) for
 *     counter 0x0807060504030201, through dm_nonce and dm_aead_seal/open;
 *   - the data message's header layout and padding, byte by byte;
 *   - random messages: header fields and total length byte by byte, the
 *     ciphertext is not the plaintext, and the body is exactly what a
 *     second path through OpenSSL gives (evp_seal() below: the provider
 *     API, not datamsg.c's calls) for the zero-padded plaintext and a
 *     nonce built here with explicit shifts; evp_seal() itself is first
 *     checked against both RFC vectors.  So a wrong nonce layout, padding
 *     or framing in datamsg.c shows, though both sides are OpenSSL;
 *   - dm_open returns the plaintext, index and counter, and tampering
 *     with any bit, the counter or the type is refused;
 *   - key parsing (base64, hex) and hex decoding.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "datamsg.h"
#include "tap.h"

/* ---- a second way into OpenSSL ------------------------------------------ */

/* The nonce of a data message, written out here rather than taken from
 * dm_nonce(): 4 zero bytes, then the counter least significant byte first.
 */
static void wg_nonce(uint8_t nonce[12], uint64_t counter)
{
	int i;

	nonce[0] = nonce[1] = nonce[2] = nonce[3] = 0;
	for (i = 0; i < 8; i++)
		nonce[4 + i] = (uint8_t)(counter >> (8 * i));
}

/* ChaCha20-Poly1305 sealing through OpenSSL 3's provider API (a fetched
 * cipher, EVP_EncryptInit_ex2 with the default 12-byte nonce, the tag
 * read as a parameter), a different route from datamsg.c's
 * EVP_chacha20_poly1305() and EVP_CIPHER_CTX_ctrl calls.  Aborts if
 * OpenSSL fails: that is no test result.
 */
static void evp_seal(const uint8_t key[32], const uint8_t nonce[12],
		     const uint8_t *aad, size_t aad_len, const uint8_t *in,
		     size_t len, uint8_t *out, uint8_t tag[16])
{
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	OSSL_PARAM params[2];
	uint8_t final[16];
	int n;

	if (!cipher || !ctx || EVP_CIPHER_get_iv_length(cipher) != 12 ||
	    EVP_EncryptInit_ex2(ctx, cipher, key, nonce, NULL) != 1)
		abort();
	if (aad_len && EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1)
		abort();
	if (len && (EVP_EncryptUpdate(ctx, out, &n, in, (int)len) != 1 ||
		    (size_t)n != len))
		abort();
	if (EVP_EncryptFinal_ex(ctx, final, &n) != 1 || n != 0)
		abort();
	params[0] = OSSL_PARAM_construct_octet_string(
		OSSL_CIPHER_PARAM_AEAD_TAG, tag, 16);
	params[1] = OSSL_PARAM_construct_end();
	if (EVP_CIPHER_CTX_get_params(ctx, params) != 1)
		abort();
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(cipher);
}

/* ---- helpers ---------------------------------------------------------- */

static uint8_t *unhex(const char *hex, size_t *len)
{
	uint8_t *buf;

	if (dm_hex_decode(hex, &buf, len))
		abort();
	return buf;
}

/* ---- RFC 8439 vectors ------------------------------------------------- */

static const char rfc_2_8_2_key[] =
	"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
static const char rfc_2_8_2_nonce[] = "070000004041424344454647";
static const char rfc_2_8_2_aad[] = "50515253c0c1c2c3c4c5c6c7";
static const char rfc_2_8_2_plain[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you "
	"only one tip for the future, sunscreen would be it.";
static const char rfc_2_8_2_cipher[] =
	"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	"3ff4def08e4b7a9de576d26586cec64b6116";
static const char rfc_2_8_2_tag[] = "1ae10b594f09e26a7e902ecbd0600691";

static const char rfc_a5_key[] =
	"1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";
static const char rfc_a5_aad[] = "f33388860000000000004e91";
static const char rfc_a5_cipher[] =
	"64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
	"4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
	"332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
	"9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
	"b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
	"af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
	"0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
	"49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
	"a6ad5cb4022b02709b";
static const char rfc_a5_tag[] = "eead9d67890cbb22392336fea1851f38";
static const char rfc_a5_plain[] =
	"496e7465726e65742d4472616674732061726520647261667420646f63756d65"
	"6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
	"6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
	"65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
	"6e747320617420616e792074696d652e20497420697320696e617070726f7072"
	"6961746520746f2075736520496e7465726e65742d4472616674732061732072"
	"65666572656e6365206d6174657269616c206f7220746f206369746520746865"
	"6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
	"726573732e2fe2809d";

static void rfc_vectors(void)
{
	size_t klen, nlen, alen, clen, tlen, plen;
	uint8_t *key = unhex(rfc_2_8_2_key, &klen);
	uint8_t *nonce = unhex(rfc_2_8_2_nonce, &nlen);
	uint8_t *aad = unhex(rfc_2_8_2_aad, &alen);
	uint8_t *cipher = unhex(rfc_2_8_2_cipher, &clen);
	uint8_t *tag = unhex(rfc_2_8_2_tag, &tlen);
	const uint8_t *plain = (const uint8_t *)rfc_2_8_2_plain;
	uint8_t out[512], t[16], *want;
	size_t wlen;
	int ret;

	plen = strlen(rfc_2_8_2_plain);
	tap_ok(klen == 32 && nlen == 12 && plen == 114 && clen == 114 &&
	       tlen == 16, "RFC 8439 2.8.2 vector decodes (114 bytes)");

	/* the test's own OpenSSL path must be right before it is a yardstick */
	evp_seal(key, nonce, aad, alen, plain, plen, out, t);
	tap_ok(!memcmp(out, cipher, clen) && !memcmp(t, tag, 16),
	       "the test's evp_seal (OpenSSL provider API): RFC 8439 2.8.2");

	memset(out, 0, sizeof(out));
	ret = dm_aead_seal(key, nonce, aad, alen, plain, plen, out, t);
	tap_ok(!ret && !memcmp(out, cipher, clen) && !memcmp(t, tag, 16),
	       "OpenSSL dm_aead_seal: RFC 8439 2.8.2 ciphertext and tag");
	ret = dm_aead_open(key, nonce, aad, alen, cipher, clen, tag, out);
	tap_ok(!ret && !memcmp(out, plain, plen),
	       "OpenSSL dm_aead_open: RFC 8439 2.8.2 decrypts");
	tag[15] ^= 0x80;
	ret = dm_aead_open(key, nonce, aad, alen, cipher, clen, tag, out);
	tag[15] ^= 0x80;
	tap_ok(ret == DM_ERR_AUTH, "2.8.2 with a flipped tag bit: auth fails");
	cipher[57] ^= 1;
	ret = dm_aead_open(key, nonce, aad, alen, cipher, clen, tag, out);
	cipher[57] ^= 1;
	tap_ok(ret == DM_ERR_AUTH, "2.8.2 with a flipped ciphertext bit: "
	       "auth fails");
	aad[0] ^= 1;
	ret = dm_aead_open(key, nonce, aad, alen, cipher, clen, tag, out);
	aad[0] ^= 1;
	tap_ok(ret == DM_ERR_AUTH, "2.8.2 with a flipped AAD bit: auth fails");
	free(key);
	free(nonce);
	free(aad);
	free(cipher);
	free(tag);

	/* A.5: the nonce is the WireGuard layout for 0x0807060504030201. */
	{
		static const uint8_t a5_nonce[12] = {
			0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 };
		uint8_t n[12], n2[12];

		key = unhex(rfc_a5_key, &klen);
		aad = unhex(rfc_a5_aad, &alen);
		cipher = unhex(rfc_a5_cipher, &clen);
		tag = unhex(rfc_a5_tag, &tlen);
		want = unhex(rfc_a5_plain, &wlen);
		dm_nonce(n, 0x0807060504030201ULL);
		wg_nonce(n2, 0x0807060504030201ULL);
		tap_ok(!memcmp(n, a5_nonce, 12) && !memcmp(n2, a5_nonce, 12),
		       "dm_nonce(0x0807060504030201) and the test's wg_nonce"
		       " are 00000000 0102030405060708 (RFC 8439 A.5's nonce)");
		ret = dm_aead_open(key, n, aad, alen, cipher, clen, tag, out);
		tap_ok(!ret && clen == 265 && wlen == 265 &&
		       !memcmp(out, want, wlen), "RFC 8439 A.5 decrypts with "
		       "the data-message nonce (265 bytes, \"Internet-Drafts "
		       "are draft documents...\")");
		memset(out, 0, sizeof(out));
		ret = dm_aead_seal(key, n, aad, alen, want, wlen, out, t);
		tap_ok(!ret && !memcmp(out, cipher, clen) &&
		       !memcmp(t, tag, 16), "OpenSSL dm_aead_seal: RFC 8439 "
		       "A.5 ciphertext and tag with the data-message nonce");
		memset(out, 0, sizeof(out));
		evp_seal(key, n2, aad, alen, want, wlen, out, t);
		tap_ok(!memcmp(out, cipher, clen) && !memcmp(t, tag, 16),
		       "the test's evp_seal and wg_nonce: RFC 8439 A.5");
		free(key);
		free(aad);
		free(cipher);
		free(tag);
		free(want);
	}
}

/* ---- the data message -------------------------------------------------- */

static void message_layout(void)
{
	static const uint8_t want_hdr[16] = {
		4, 0, 0, 0, 0xd4, 0xc3, 0xb2, 0xa1,
		8, 7, 6, 5, 4, 3, 2, 1 };
	static const uint8_t keepalive_hdr[16] = { 4, 0, 0, 0, 1 };
	uint8_t key[32], msg[256], plain[256], padded[32], out[256], n[12],
		t[16];
	uint32_t index;
	uint64_t counter;
	size_t len, i;
	long ret;
	bool okay;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	for (i = 0; i < sizeof(plain); i++)
		plain[i] = (uint8_t)(i * 7 + 1);

	len = dm_build(msg, 0xa1b2c3d4, 0x0102030405060708ULL, key, plain, 20);
	tap_ok(len == 16 + 32 + 16 && !memcmp(msg, want_hdr, 16),
	       "header: type 4 and three zero bytes, le32 index, le64 counter;"
	       " 20 bytes pad to 32");
	wg_nonce(n, 0x0102030405060708ULL);
	memcpy(padded, plain, 20);
	memset(padded + 20, 0, 12);
	evp_seal(key, n, NULL, 0, padded, 32, out, t);
	tap_ok(!memcmp(msg + 16, out, 32) && !memcmp(msg + 48, t, 16) &&
	       memcmp(msg + 16, padded, 32),
	       "body: the zero-padded plaintext encrypted (evp_seal) with "
	       "nonce 00000000 || le64(counter), no AAD, then the tag");
	ret = dm_open(msg, len, key, &index, &counter, out);
	tap_ok(ret == 32 && index == 0xa1b2c3d4 &&
	       counter == 0x0102030405060708ULL && !memcmp(out, plain, 20) &&
	       !out[20] && !out[31], "dm_open returns the padded plaintext, "
	       "index and counter");

	len = dm_build(msg, 1, 0, key, NULL, 0);
	ret = dm_open(msg, len, key, NULL, NULL, out);
	wg_nonce(n, 0);
	evp_seal(key, n, NULL, 0, NULL, 0, NULL, t);
	tap_ok(len == 32 && ret == 0 && !memcmp(msg, keepalive_hdr, 16) &&
	       !memcmp(msg + 16, t, 16),
	       "keepalive: header and tag only (32 bytes), opens to nothing");

	okay = true;
	for (i = 0; i <= 80; i++)
		okay &= dm_message_len(i) == 32 + (i + 15) / 16 * 16 &&
			dm_padded_len(i) % 16 == 0 && dm_padded_len(i) >= i &&
			dm_padded_len(i) < i + 16;
	tap_ok(okay, "padding: lengths 0..80 round up to multiples of 16");

	len = dm_build(msg, 1, 5, key, plain, 40);
	ret = dm_open(msg, 31, key, NULL, NULL, out);
	tap_ok(ret == DM_ERR_MALFORMED, "a message of 31 bytes is malformed");
	msg[1] = 1;
	ret = dm_open(msg, len, key, NULL, NULL, out);
	msg[1] = 0;
	tap_ok(ret == DM_ERR_MALFORMED, "type word 0x104 is not a data message");
	msg[8] ^= 1;
	ret = dm_open(msg, len, key, NULL, NULL, out);
	msg[8] ^= 1;
	tap_ok(ret == DM_ERR_AUTH, "another counter in the header: auth fails");
	ret = dm_open(msg, len, key, NULL, NULL, out);
	tap_ok(ret == 48, "untouched again, it opens");
}

static void random_messages(unsigned long long seed)
{
	struct rng rng = { seed };
	static uint8_t plain[1600], padded[1600], msg[1700], want[1700],
		       out[1700];
	unsigned long i, bad_frame = 0, bad_hidden = 0, bad_body = 0,
		      bad_open = 0, bad_tamper = 0;
	uint8_t key[32], n[12];

	for (i = 0; i < 3000; i++) {
		size_t len = i < 100 ? i : rng_below(&rng, 1501), plen, mlen;
		uint32_t index = (uint32_t)rng_next(&rng);
		uint64_t counter = rng_next(&rng), c2;
		uint32_t idx2;
		size_t j, bit;
		bool okay;
		long ret;

		if (i % 3 == 0)
			counter &= 0xffff;
		for (j = 0; j < 32; j++)
			key[j] = (uint8_t)rng_next(&rng);
		for (j = 0; j < len; j++)
			plain[j] = (uint8_t)rng_next(&rng);

		mlen = dm_build(msg, index, counter, key, plain, len);

		/* header and length, byte by byte, computed here */
		plen = len % 16 ? len + 16 - len % 16 : len;
		okay = mlen == 16 + plen + 16 && msg[0] == 4 && !msg[1] &&
		       !msg[2] && !msg[3];
		for (j = 0; j < 4; j++)
			okay &= msg[4 + j] == (uint8_t)(index >> (8 * j));
		for (j = 0; j < 8; j++)
			okay &= msg[8 + j] == (uint8_t)(counter >> (8 * j));
		if (!okay && !bad_frame++)
			tap_diag("header or length differs: len %zu counter "
				 "%llu, message of %zu bytes", len,
				 (unsigned long long)counter, mlen);

		/* the body: the zero-padded plaintext, encrypted, and the
		 * tag; checked against the second OpenSSL path with the
		 * nonce built here
		 */
		memcpy(padded, plain, len);
		memset(padded + len, 0, plen - len);
		if (plen && !memcmp(msg + 16, padded, plen))
			bad_hidden++;
		wg_nonce(n, counter);
		evp_seal(key, n, NULL, 0, padded, plen, want, want + plen);
		if (mlen != 16 + plen + 16 || memcmp(msg + 16, want, plen + 16))
			if (!bad_body++)
				tap_diag("body differs: len %zu counter %llu",
					 len, (unsigned long long)counter);
		if (mlen != 16 + plen + 16)
			continue;	/* already counted; nothing to open */

		ret = dm_open(msg, mlen, key, &idx2, &c2, out);
		if (ret != (long)plen || idx2 != index || c2 != counter ||
		    memcmp(out, padded, plen))
			bad_open++;

		/* one bit flipped anywhere past the type word */
		bit = 32 + rng_below(&rng, 8 * (mlen - 4));
		msg[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		ret = dm_open(msg, mlen, key, NULL, NULL, out);
		if (bit / 8 >= 4 && bit / 8 < 8) {
			/* the index is not authenticated: still opens */
			if (ret != (long)plen)
				bad_tamper++;
		} else if (ret != DM_ERR_AUTH) {
			bad_tamper++;
		}
	}
	tap_ok(!bad_frame, "%lu random messages (0..1500 bytes, seed %llu): "
	       "type 4, le32 index, le64 counter and length 32 + padded, "
	       "byte by byte", i, seed);
	tap_ok(!bad_hidden, "their ciphertext is not the padded plaintext");
	tap_ok(!bad_body, "ciphertext and tag are byte for byte what OpenSSL "
	       "gives through the test's own path and nonce");
	tap_ok(!bad_open, "they open to their padded plaintext, index and "
	       "counter");
	tap_ok(!bad_tamper, "one flipped bit in counter, ciphertext or tag "
	       "fails authentication (the index is not authenticated)");
}

static void parsing(void)
{
	uint8_t key[32], want[32], *buf;
	size_t len, i;

	for (i = 0; i < 32; i++)
		want[i] = (uint8_t)(0x80 + i);
	tap_ok(!dm_parse_key("gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8=", key)
	       && !memcmp(key, want, 32), "base64 key");
	tap_ok(!dm_parse_key(rfc_2_8_2_key, key) && !memcmp(key, want, 32),
	       "hex key");
	tap_ok(dm_parse_key("gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8", key)
	       && dm_parse_key("gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp9=",
			       key)
	       && dm_parse_key("gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydn*8=",
			       key)
	       && dm_parse_key("gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp==",
			       key)
	       && dm_parse_key("808182838485868788898a8b8c8d8e8f909192939495969"
			       "798999a9b9c9d9e9g", key)
	       && dm_parse_key("", key),
	       "bad keys are refused (short, stray bits, bad characters)");
	tap_ok(!dm_hex_decode("0a:0B 0c\n", &buf, &len) && len == 3 &&
	       buf[0] == 10 && buf[1] == 11 && buf[2] == 12,
	       "hex decoding skips ':' and whitespace");
	free(buf);
	tap_ok(dm_hex_decode("abc", &buf, &len) &&
	       dm_hex_decode("zz", &buf, &len), "odd or bad hex is refused");
}

int main(void)
{
	unsigned long long extra;

	rfc_vectors();
	message_layout();
	random_messages(7);
	if (tap_env_seed(&extra))
		random_messages(extra);
	parsing();
	return tap_exit();
}
