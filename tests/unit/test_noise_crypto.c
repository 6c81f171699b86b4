// SPDX-License-Identifier: GPL-2.0
/*
 * Known answers for the handshake's primitives (user/crypto.c, on OpenSSL
 * 3 EVP) and for the TAI64N encoding (user/tai64n.c).  Every expected
 * value comes from outside this project:
 *   - BLAKE2s-256: RFC 7693 appendix B ("abc") and the empty string;
 *   - keyed BLAKE2s-128: Linux's lib/crypto/blake2s-selftest.c vectors
 *     15 and 47 (made with libb2), and key 00..1f over the empty input as
 *     CPython's hashlib.blake2s (its own BLAKE2 code, not OpenSSL) gives:
 *       hashlib.blake2s(b'', key=bytes(range(32)), digest_size=16);
 *   - HMAC-BLAKE2s: CPython's hmac over hashlib.blake2s (again not
 *     OpenSSL), and EVP_Q_mac() as a second route through OpenSSL;
 *   - WireGuard's KDF: the vectors of wireguard-rs (handshake/noise.rs,
 *     "generated using WireGuard-Go"), and its initial chaining key and
 *     hash;
 *   - X25519: RFC 7748 sections 5.2 and 6.1, the low-order points every
 *     implementation must refuse, and `wg pubkey` (wireguard-tools' own
 *     curve25519, not OpenSSL);
 *   - ChaCha20-Poly1305: RFC 8439 2.8.2 and A.5 (whose nonce is exactly
 *     WireGuard's layout for counter 0x0807060504030201);
 *   - HChaCha20 and XChaCha20-Poly1305: draft-irtf-cfrg-xchacha-03,
 *     sections 2.2.1 and A.3.1.
 * Tampering with any AEAD input must fail to open and leave no plaintext.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "crypto.h"
#include "hex.h"
#include "tai64n.h"
#include "tap.h"

/* ---- helpers ---------------------------------------------------------- */

/* Decodes exactly @len bytes of hex; aborts on a malformed constant (a
 * bug in this file, not a test result).
 */
static int eq_hex(const uint8_t *p, size_t len, const char *hex)
{
	uint8_t want[512];

	if (len > sizeof(want))
		abort();
	unhex(want, len, hex);
	return !memcmp(p, want, len);
}

static void seq(uint8_t *p, size_t len, uint8_t start)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(start + i);
}

/* ---- BLAKE2s ---------------------------------------------------------- */

static void test_blake2s(void)
{
	uint8_t out[32];
	int ret;

	ret = vl_blake2s(out, "abc", 3, NULL, 0);
	tap_ok(!ret && eq_hex(out, 32, "508c5e8c327c14e2e1a72ba34eeb452f"
			      "37458b209ed63a294d999b4c86675982"),
	       "BLAKE2s-256(\"abc\"): RFC 7693 appendix B");
	memset(out, 0, sizeof(out));
	ret = vl_blake2s(out, "a", 1, "bc", 2);
	tap_ok(!ret && eq_hex(out, 32, "508c5e8c327c14e2e1a72ba34eeb452f"
			      "37458b209ed63a294d999b4c86675982"),
	       "BLAKE2s-256 of two parts hashes their concatenation");
	ret = vl_blake2s(out, NULL, 0, NULL, 0);
	tap_ok(!ret && eq_hex(out, 32, "69217a3079908094e11121d042354a7c"
			      "1f55b6482ca1a51e1b250dfd1ed0eef9"),
	       "BLAKE2s-256 of the empty string");
}

static void test_mac16(void)
{
	uint8_t key[32], in[64], out[16];
	int i, ret;

	/* Linux's key: a Fibonacci sequence mod 256 from 1, 1; vector i
	 * hashes bytes 0..i-1 under the key's last (13 i) mod 33 bytes into
	 * 1 + i mod 32 bytes
	 */
	key[0] = key[1] = 1;
	for (i = 2; i < 32; i++)
		key[i] = (uint8_t)(key[i - 2] + key[i - 1]);
	seq(in, sizeof(in), 0);

	ret = vl_mac16(out, key + 32 - 30, 30, in, 15);
	tap_ok(!ret && eq_hex(out, 16, "4fe0f95212da84b7abaeb0a6472ac7f5"),
	       "keyed BLAKE2s-128: Linux blake2s selftest vector 15 "
	       "(30-byte key)");
	ret = vl_mac16(out, key + 32 - 17, 17, in, 47);
	tap_ok(!ret && eq_hex(out, 16, "a3504da51d0368e95778d604f1c394d8"),
	       "keyed BLAKE2s-128: Linux blake2s selftest vector 47 "
	       "(17-byte key)");

	seq(key, sizeof(key), 0);
	ret = vl_mac16(out, key, 32, NULL, 0);
	tap_ok(!ret && eq_hex(out, 16, "9536f9b267655743dee97b8a670f9f53"),
	       "keyed BLAKE2s-128, key 00..1f, empty input (CPython)");
	/* the 128-bit output is its own function, not a truncation */
	ret = vl_blake2s(in, NULL, 0, NULL, 0);
	tap_ok(!ret && memcmp(out, in, 16), "BLAKE2s-128 is not truncated "
	       "BLAKE2s-256");

	tap_ok(vl_mac16(out, key, 0, "x", 1) == -EINVAL &&
	       vl_mac16(out, key, 33, "x", 1) == -EINVAL,
	       "keyed BLAKE2s refuses an empty or a 33-byte key");
}

static void test_hmac(void)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";
	uint8_t key[100], out[32], out2[32];
	size_t n = 0;
	int ret;

	seq(key, sizeof(key), 0);
	ret = vl_hmac_blake2s(out, key, 32, "abc", 3);
	tap_ok(!ret && eq_hex(out, 32, "82623be5bc0a391b24dce53e67d028ef"
			      "f92d586de0485ac37822e597d049c74f"),
	       "HMAC-BLAKE2s, key 00..1f, \"abc\" (CPython hmac)");
	/* EVP_Q_mac: OpenSSL's one-shot API, another way to the same MAC */
	if (!EVP_Q_mac(NULL, "HMAC", NULL, "BLAKE2S-256", NULL, key, 32,
		       (const unsigned char *)"abc", 3, out2, sizeof(out2), &n))
		n = 0;
	tap_ok(n == 32 && !memcmp(out, out2, 32),
	       "HMAC-BLAKE2s agrees with EVP_Q_mac");

	/* a key longer than BLAKE2s's 64-byte block is hashed first */
	ret = vl_hmac_blake2s(out, key, sizeof(key), fox, strlen(fox));
	tap_ok(!ret && eq_hex(out, 32, "62bc55ee982e83e9f80ff756c037bac8"
			      "35c4201c91817685b52396da1482a6e4"),
	       "HMAC-BLAKE2s with a 100-byte key (CPython hmac)");
}

/* ---- WireGuard's KDF -------------------------------------------------- */

static void test_kdf(void)
{
	static const char *const empty_key[3] = {
		"8387b46bf43eccfcf349552a095d8315"
		"c4055beb90208fb1be23b894bc2ed5d0",
		"58a0e5f6faefccf4807bff1f05fa8a92"
		"17945762040bcec2f4b4a62bdfe0e86e",
		"0ce6ea98ec548f8e281e93e32db65621"
		"c45eb18dc6f0a7ad94178610a2f7338e",
	};
	static const char *const deadbeef_key[3] = {
		"55329dc80e690fd86bd9661f0851c9b3"
		"686df2b1fda0347bc3d27958254b32c6",
		"8dfc6d33a8118ffe408b31ddac25f72a"
		"ee9115a45b69ba176ad012b243834fee",
		"d69e852a2896569ea54a67969aa18002"
		"87921dac53ce6db4b4e12192f263c4c4",
	};
	static const char *const ck_abc[3] = {
		"c67e0b211ebf48c12c6d41da8fcee207"
		"d4c325a8c30f054d97401b14ed212f9f",
		"923b032867c597d1df124053325e553b"
		"104bf3b76180a46e0c21b44001ec50f6",
		"73e5eae9c5d230ea6becb29ab8a49f62"
		"7aff1eb27586b938a71ae090d4c7a184",
	};
	static const uint8_t deadbeef[4] = { 0xde, 0xad, 0xbe, 0xef };
	uint8_t t[3][32], ck[32], *const out[3] = { t[0], t[1], t[2] };
	uint8_t *const only_second[3] = { NULL, t[1], NULL };
	unsigned int n;
	int ret, ok;

	for (n = 1; n <= 3; n++) {
		memset(t, 0, sizeof(t));
		ret = vl_kdf(out, n, deadbeef, 0, NULL, 0);
		ok = !ret;
		for (unsigned int i = 0; i < 3; i++)
			ok &= i < n ? eq_hex(t[i], 32, empty_key[i]) :
				      vl_is_zero(t[i], 32);
		tap_ok(ok, "KDF%u, empty key and input: wireguard-rs vector",
		       n);
		memset(t, 0, sizeof(t));
		ret = vl_kdf(out, n, deadbeef, 4, NULL, 0);
		ok = !ret;
		for (unsigned int i = 0; i < 3; i++)
			ok &= i < n ? eq_hex(t[i], 32, deadbeef_key[i]) :
				      vl_is_zero(t[i], 32);
		tap_ok(ok, "KDF%u, key deadbeef: wireguard-rs vector", n);
	}

	/* the 32-byte chaining key forms, and an output over the key */
	seq(ck, sizeof(ck), 0);
	memset(t, 0, sizeof(t));
	ret = vl_kdf3(t[0], t[1], t[2], ck, "abc", 3);
	tap_ok(!ret && eq_hex(t[0], 32, ck_abc[0]) &&
	       eq_hex(t[1], 32, ck_abc[1]) && eq_hex(t[2], 32, ck_abc[2]),
	       "KDF3, chaining key 00..1f, \"abc\" (CPython hmac)");
	ret = vl_kdf2(ck, t[1], ck, "abc", 3);
	tap_ok(!ret && eq_hex(ck, 32, ck_abc[0]) && eq_hex(t[1], 32, ck_abc[1]),
	       "KDF2 may write its first output over the chaining key");
	seq(ck, sizeof(ck), 0);
	memset(t, 0, sizeof(t));
	ret = vl_kdf(only_second, 2, ck, 32, "abc", 3);
	tap_ok(!ret && vl_is_zero(t[0], 32) && eq_hex(t[1], 32, ck_abc[1]),
	       "KDF skips a NULL output but still chains through it");
	tap_ok(vl_kdf(out, 0, ck, 32, NULL, 0) == -EINVAL &&
	       vl_kdf(out, 4, ck, 32, NULL, 0) == -EINVAL,
	       "KDF takes 1 to 3 outputs");
}

/* C = HASH(construction), H = HASH(C || identifier), as wireguard-rs
 * spells them out.
 */
static void test_initial_chain(void)
{
	static const char construction[] =
		"Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
	static const char identifier[] = "WireGuard v1 zx2c4 Jason@zx2c4.com";
	uint8_t ck[32], h[32];
	int ret;

	ret = vl_blake2s(ck, construction, strlen(construction), NULL, 0);
	tap_ok(!ret && eq_hex(ck, 32, "60e26daef327efc02ec335e2a025d2d0"
			      "16eb4206f87277f52d38d1988b78cd36"),
	       "WireGuard's initial chaining key (wireguard-rs)");
	ret = vl_blake2s(h, ck, 32, identifier, strlen(identifier));
	tap_ok(!ret && eq_hex(h, 32, "2211b361081ac566691243db458ad532"
			      "2d9c6c662293e8b70ee19c65ba079ef3"),
	       "WireGuard's initial hash (wireguard-rs)");
}

/* ---- X25519 ----------------------------------------------------------- */

static void test_x25519(void)
{
	/* u-coordinates of small order: X25519 gives zero for any scalar */
	static const char *const low_order[] = {
		"00000000000000000000000000000000"
		"00000000000000000000000000000000",
		"01000000000000000000000000000000"
		"00000000000000000000000000000000",
		"e0eb7a7c3b41b8ae1656e3faf19fc46a"
		"da098deb9c32b1fd866205165f49b800",
		"5f9c95bca3508c24b1d0b1559c83ef5b"
		"04445cc4581c8e86d8224eddd09f1157",
		"ecffffffffffffffffffffffffffffff"
		"ffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffff"
		"ffffffffffffffffffffffffffffff7f",
		"eeffffffffffffffffffffffffffffff"
		"ffffffffffffffffffffffffffffff7f",
	};
	uint8_t a[32], b[32], u[32], out[32], out2[32];
	unsigned int i, bad;
	int ret;

	unhex(a, 32, "a546e36bf0527c9d3b16154b82465edd"
		     "62144c0ac1fc5a18506a2244ba449ac4");
	unhex(u, 32, "e6db6867583030db3594c1a424b15f7c"
		     "726624ec26b3353b10a903a6d0ab1c4c");
	ret = vl_x25519(out, a, u);
	tap_ok(!ret && eq_hex(out, 32, "c3da55379de9c6908e94ea4df28d084f"
			      "32eccf03491c71f754b4075577a28552"),
	       "X25519: RFC 7748 5.2 first vector");
	/* its u has bit 255 set, which X25519 must ignore */
	unhex(a, 32, "4b66e9d4d1b4673c5ad22691957d6af5"
		     "c11b6421e0ea01d42ca4169e7918ba0d");
	unhex(u, 32, "e5210f12786811d3f4b7959d0538ae2c"
		     "31dbe7106fc03c3efc4cd549c715a493");
	ret = vl_x25519(out, a, u);
	tap_ok(!ret && eq_hex(out, 32, "95cbde9476e8907d7aade45cb4b873f8"
			      "8b595a68799fa152e6f8f7647aac7957"),
	       "X25519: RFC 7748 5.2 second vector (u's top bit set)");

	unhex(a, 32, "77076d0a7318a57d3c16c17251b26645"
		     "df4c2f87ebc0992ab177fba51db92c2a");
	unhex(b, 32, "5dab087e624a8a4b79e17f8b83800ee6"
		     "6f3bb1292618b6fd1c2f8b27ff88e0eb");
	ret = vl_x25519_pubkey(u, a);
	tap_ok(!ret && eq_hex(u, 32, "8520f0098930a754748b7ddcb43ef75a"
			      "0dbf3a0d26381af4eba4a98eaa9b4e6a"),
	       "X25519 public key: RFC 7748 6.1 Alice");
	ret = vl_x25519(out, b, u);
	tap_ok(!ret && eq_hex(out, 32, "4a5d9d5ba4ce2de1728e3bf480350f25"
			      "e07e21c947d19e3376f09b3c1e161742"),
	       "X25519: RFC 7748 6.1 shared secret, Bob's side");
	ret = vl_x25519_pubkey(u, b);
	tap_ok(!ret && eq_hex(u, 32, "de9edb7d7b7dc1b4d35b61c2ece43537"
			      "3f8343c85b78674dadfc7e146f882b4f"),
	       "X25519 public key: RFC 7748 6.1 Bob");
	ret = vl_x25519(out2, a, u);
	tap_ok(!ret && !memcmp(out, out2, 32),
	       "X25519: RFC 7748 6.1 shared secret, Alice's side");

	/* `wg pubkey <<< QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=`
	 * (32 bytes of 0x42) prints
	 * EyxEK+AQ+9V+cmAzKKp25x/MwVA6riGTJ9FNnJmT9HI=
	 */
	memset(a, 0x42, sizeof(a));
	ret = vl_x25519_pubkey(u, a);
	tap_ok(!ret && eq_hex(u, 32, "132c442be010fbd57e72603328aa76e7"
			      "1fccc1503aae219327d14d9c9993f472"),
	       "X25519 public key of an unclamped key matches wg pubkey");

	if (vl_x25519_genkey(a))
		abort();
	bad = 0;
	for (i = 0; i < sizeof(low_order) / sizeof(low_order[0]); i++) {
		unhex(u, 32, low_order[i]);
		memset(out, 0xaa, sizeof(out));
		ret = vl_x25519(out, a, u);
		if (ret != -EINVAL || !vl_is_zero(out, 32)) {
			tap_diag("low-order point %u: ret %d", i, ret);
			bad++;
		}
	}
	tap_ok(!bad, "X25519 refuses all 7 low-order points (-EINVAL, "
	       "output zeroed)");
}

static void test_genkey(void)
{
	uint8_t k[32], k2[32];
	unsigned int i, bad = 0;

	for (i = 0; i < 64; i++) {
		if (vl_x25519_genkey(k)) {
			bad++;
			continue;
		}
		if ((k[0] & 7) || (k[31] & 0x80) || !(k[31] & 0x40))
			bad++;
	}
	tap_ok(!bad, "genkey: 64 keys, each clamped as wg genkey prints "
	       "(k[0] & 7 == 0, bit 255 clear, bit 254 set)");
	tap_ok(!vl_x25519_genkey(k) && !vl_x25519_genkey(k2) &&
	       memcmp(k, k2, 32), "genkey: two keys differ");
	tap_ok(!vl_random(k, 0) && !vl_random(k, sizeof(k)) &&
	       !vl_random(k2, sizeof(k2)) && memcmp(k, k2, 32),
	       "random: two draws differ");
}

/* ---- ChaCha20-Poly1305 ------------------------------------------------ */

static const char sunscreen[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you "
	"only one tip for the future, sunscreen would be it.";
static const char rfc_2_8_2_cipher[] =
	"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	"3ff4def08e4b7a9de576d26586cec64b6116";
static const char rfc_2_8_2_tag[] = "1ae10b594f09e26a7e902ecbd0600691";

static void test_aead_2_8_2(void)
{
	uint8_t key[32], nonce[12], aad[12], buf[114 + 16], pt[114];
	int ret;

	seq(key, 32, 0x80);
	unhex(nonce, 12, "070000004041424344454647");
	unhex(aad, 12, "50515253c0c1c2c3c4c5c6c7");
	ret = vl_aead_seal_iv(buf, key, nonce, aad, 12,
			      (const uint8_t *)sunscreen, 114);
	tap_ok(!ret && eq_hex(buf, 114, rfc_2_8_2_cipher) &&
	       eq_hex(buf + 114, 16, rfc_2_8_2_tag),
	       "ChaCha20-Poly1305 seal: RFC 8439 2.8.2");
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	tap_ok(!ret && !memcmp(pt, sunscreen, 114),
	       "ChaCha20-Poly1305 open: RFC 8439 2.8.2");

	buf[113 + 16] ^= 0x80;
	memset(pt, 0x55, sizeof(pt));
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	buf[113 + 16] ^= 0x80;
	tap_ok(ret == -EBADMSG && vl_is_zero(pt, sizeof(pt)),
	       "2.8.2, tag bit flipped: refused, no plaintext left");
	buf[57] ^= 1;
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	buf[57] ^= 1;
	tap_ok(ret == -EBADMSG, "2.8.2, ciphertext bit flipped: refused");
	aad[11] ^= 1;
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	aad[11] ^= 1;
	tap_ok(ret == -EBADMSG, "2.8.2, AAD bit flipped: refused");
	ret = vl_aead_open_iv(pt, key, nonce, aad, 11, buf, sizeof(buf));
	tap_ok(ret == -EBADMSG, "2.8.2, AAD one byte short: refused");
	nonce[0] ^= 1;
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	nonce[0] ^= 1;
	tap_ok(ret == -EBADMSG, "2.8.2, nonce bit flipped: refused");
	key[31] ^= 1;
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf));
	key[31] ^= 1;
	tap_ok(ret == -EBADMSG, "2.8.2, key bit flipped: refused");
	ret = vl_aead_open_iv(pt, key, nonce, aad, 12, buf, sizeof(buf) - 1);
	tap_ok(ret == -EBADMSG, "2.8.2, truncated by one byte: refused");
	tap_ok(vl_aead_open_iv(pt, key, nonce, aad, 12, buf, 15) == -EINVAL,
	       "open of less than a tag: -EINVAL");

	/* in place, as the handshake code may use it */
	memcpy(buf, sunscreen, 114);
	ret = vl_aead_seal_iv(buf, key, nonce, aad, 12, buf, 114);
	tap_ok(!ret && eq_hex(buf, 114, rfc_2_8_2_cipher) &&
	       eq_hex(buf + 114, 16, rfc_2_8_2_tag),
	       "ChaCha20-Poly1305 seals in place");
	ret = vl_aead_open_iv(buf, key, nonce, aad, 12, buf, sizeof(buf));
	tap_ok(!ret && !memcmp(buf, sunscreen, 114),
	       "ChaCha20-Poly1305 opens in place");
}

static void test_aead_a5(void)
{
	static const char cipher[] =
		"64a0861575861af460f062c79be643bd"
		"5e805cfd345cf389f108670ac76c8cb2"
		"4c6cfc18755d43eea09ee94e382d26b0"
		"bdb7b73c321b0100d4f03b7f355894cf"
		"332f830e710b97ce98c8a84abd0b9481"
		"14ad176e008d33bd60f982b1ff37c855"
		"9797a06ef4f0ef61c186324e2b350638"
		"3606907b6a7c02b0f9f6157b53c867e4"
		"b9166c767b804d46a59b5216cde7a4e9"
		"9040c5a40433225ee282a1b0a06c523e"
		"af4534d7f83fa1155b0047718cbc546a"
		"0d072b04b3564eea1b422273f548271a"
		"0bb2316053fa76991955ebd63159434e"
		"cebb4e466dae5a1073a6727627097a10"
		"49e617d91d361094fa68f0ff77987130"
		"305beaba2eda04df997b714d6c6f2c29"
		"a6ad5cb4022b02709b";
	static const char plain_start[] = "Internet-Drafts are draft documents "
		"valid for a maximum of six months";
	const uint64_t counter = 0x0807060504030201ULL;
	uint8_t key[32], aad[12], buf[265 + 16], pt[265], again[265 + 16];
	int ret;

	unhex(key, 32, "1c9240a5eb55d38af333888604f6b5f0"
		       "473917c1402b80099dca5cbc207075c0");
	unhex(aad, 12, "f33388860000000000004e91");
	unhex(buf, 265, cipher);
	unhex(buf + 265, 16, "eead9d67890cbb22392336fea1851f38");

	ret = vl_aead_open(pt, key, counter, aad, 12, buf, sizeof(buf));
	tap_ok(!ret && !memcmp(pt, plain_start, strlen(plain_start)),
	       "ChaCha20-Poly1305 open, counter 0x0807060504030201: RFC 8439 "
	       "A.5 (nonce 00000000 0102030405060708)");
	ret = vl_aead_seal(again, key, counter, aad, 12, pt, sizeof(pt));
	tap_ok(!ret && !memcmp(again, buf, sizeof(buf)),
	       "ChaCha20-Poly1305 seal with that counter gives A.5's bytes");
	ret = vl_aead_open(pt, key, counter + 1, aad, 12, buf, sizeof(buf));
	tap_ok(ret == -EBADMSG, "A.5 with the next counter: refused");
	ret = vl_aead_open(pt, key, 0x0102030405060708ULL, aad, 12, buf,
			   sizeof(buf));
	tap_ok(ret == -EBADMSG, "A.5 with the counter byte-swapped (big "
	       "endian): refused");
}

/* ---- HChaCha20, XChaCha20-Poly1305 ----------------------------------- */

static void test_hchacha20(void)
{
	uint8_t key[32], in[16], out[32];
	int ret;

	seq(key, 32, 0);
	unhex(in, 16, "000000090000004a0000000031415927");
	ret = vl_hchacha20(out, key, in);
	tap_ok(!ret && eq_hex(out, 32, "82413b4227b27bfed30e42508a877d73"
			      "a0f9e4d58a74a853c12ec41326d3ecdc"),
	       "HChaCha20: draft-irtf-cfrg-xchacha-03 2.2.1");
	in[0] ^= 1;
	ret = vl_hchacha20(out, key, in);
	tap_ok(!ret && !eq_hex(out, 32, "82413b4227b27bfed30e42508a877d73"
			       "a0f9e4d58a74a853c12ec41326d3ecdc"),
	       "HChaCha20 depends on the counter word of its input");
}

static void test_xaead(void)
{
	static const char cipher[] =
		"bd6d179d3e83d43b9576579493c0e939"
		"572a1700252bfaccbed2902c21396cbb"
		"731c7f1b0b4aa6440bf3a82f4eda7e39"
		"ae64c6708c54c216cb96b72e1213b452"
		"2f8c9ba40db5d945b11b69b982c1bb9e"
		"3f3fac2bc369488f76b2383565d3fff9"
		"21f9664c97637da9768812f615c68b13b52e";
	static const char tag[] = "c0875924c1c7987947deafd8780acf49";
	uint8_t key[32], nonce[24], aad[12], buf[114 + 16], pt[114];
	unsigned int i, bad;
	int ret;

	seq(key, 32, 0x80);
	seq(nonce, 24, 0x40);
	unhex(aad, 12, "50515253c0c1c2c3c4c5c6c7");
	ret = vl_xaead_seal(buf, key, nonce, aad, 12,
			    (const uint8_t *)sunscreen, 114);
	tap_ok(!ret && eq_hex(buf, 114, cipher) && eq_hex(buf + 114, 16, tag),
	       "XChaCha20-Poly1305 seal: draft-irtf-cfrg-xchacha-03 A.3.1");
	ret = vl_xaead_open(pt, key, nonce, aad, 12, buf, sizeof(buf));
	tap_ok(!ret && !memcmp(pt, sunscreen, 114),
	       "XChaCha20-Poly1305 open: A.3.1");

	/* every nonce byte matters: 0..15 make the subkey, 16..23 the
	 * ChaCha20-Poly1305 nonce
	 */
	bad = 0;
	for (i = 0; i < 24; i++) {
		nonce[i] ^= 0x10;
		memset(pt, 0x55, sizeof(pt));
		ret = vl_xaead_open(pt, key, nonce, aad, 12, buf, sizeof(buf));
		nonce[i] ^= 0x10;
		if (ret != -EBADMSG || !vl_is_zero(pt, sizeof(pt)))
			bad++;
	}
	tap_ok(!bad, "A.3.1 with any of the 24 nonce bytes changed: refused");
	buf[114] ^= 1;
	ret = vl_xaead_open(pt, key, nonce, aad, 12, buf, sizeof(buf));
	buf[114] ^= 1;
	tap_ok(ret == -EBADMSG, "A.3.1, tag bit flipped: refused");
	buf[0] ^= 1;
	ret = vl_xaead_open(pt, key, nonce, aad, 12, buf, sizeof(buf));
	buf[0] ^= 1;
	tap_ok(ret == -EBADMSG, "A.3.1, ciphertext bit flipped: refused");
	aad[0] ^= 1;
	ret = vl_xaead_open(pt, key, nonce, aad, 12, buf, sizeof(buf));
	aad[0] ^= 1;
	tap_ok(ret == -EBADMSG, "A.3.1, AAD bit flipped: refused");
}

/* ---- helpers of crypto.h ---------------------------------------------- */

static void test_helpers(void)
{
	uint8_t a[32] = { 0 }, b[32] = { 0 };

	tap_ok(vl_is_zero(a, 32) && vl_equal(a, b, 32), "zero and equal");
	b[31] = 1;
	tap_ok(!vl_is_zero(b, 32) && !vl_equal(a, b, 32),
	       "a last byte set: not zero, not equal");
	memset(b, 0xff, sizeof(b));
	vl_wipe(b, sizeof(b));
	tap_ok(vl_is_zero(b, 32), "wipe zeroes");
}

/* ---- TAI64N ----------------------------------------------------------- */

static void test_tai64n(void)
{
	struct timespec t = { .tv_sec = 1700000000, .tv_nsec = 123456789 };
	uint8_t a[12], b[12];

	/* 2^62 + 10 + 1700000000 = 0x400000006553f10a; 123456789 ns
	 * rounded down to 7 * 2^24 = 0x07000000
	 */
	vl_tai64n(a, &t);
	tap_ok(eq_hex(a, 12, "400000006553f10a07000000"),
	       "TAI64N: 1700000000.123456789 is 400000006553f10a 07000000");
	t.tv_sec = 0;
	t.tv_nsec = 999999999;
	vl_tai64n(a, &t);
	tap_ok(eq_hex(a, 12, "400000000000000a3b000000"),
	       "TAI64N: 0.999999999 is 400000000000000a 3b000000 (59 * 2^24)");
	t.tv_nsec = (1 << 24) - 1;
	vl_tai64n(a, &t);
	tap_ok(eq_hex(a, 12, "400000000000000a00000000"),
	       "TAI64N: nanoseconds below 2^24 round to 0");
	t.tv_nsec = 1 << 24;
	vl_tai64n(b, &t);
	tap_ok(eq_hex(b, 12, "400000000000000a01000000") &&
	       vl_tai64n_cmp(a, b) < 0 && vl_tai64n_cmp(b, a) > 0,
	       "TAI64N: 2^24 ns is the next step, and orders after");
	t.tv_nsec = (1 << 24) + 5000000;
	vl_tai64n(a, &t);
	tap_ok(!vl_tai64n_cmp(a, b), "TAI64N: within one step, equal");
	t.tv_sec = 1;
	t.tv_nsec = 0;
	vl_tai64n(a, &t);
	t.tv_sec = 0;
	t.tv_nsec = 999999999;
	vl_tai64n(b, &t);
	tap_ok(vl_tai64n_cmp(a, b) > 0, "TAI64N: 1.0 is after 0.999999999");
}

int main(void)
{
	test_blake2s();
	test_mac16();
	test_hmac();
	test_kdf();
	test_initial_chain();
	test_x25519();
	test_genkey();
	test_aead_2_8_2();
	test_aead_a5();
	test_hchacha20();
	test_xaead();
	test_helpers();
	test_tai64n();
	return tap_exit();
}
