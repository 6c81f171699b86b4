// SPDX-License-Identifier: GPL-2.0
/*
 * WireGuard's handshake between in-process peers (user/noise.c, cookie.c,
 * ratelimit.c, srcaddr.c over the primitives test_noise_crypto checks):
 *   - the Noise IKpsk2 core against the published cacophony test vector
 *     for Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s, byte for byte, both
 *     sides (the protocol interoperates with any Noise implementation;
 *     WireGuard's framing around it is checked field by field here and
 *     against the stock wireguard module in the guest scenarios);
 *   - the message layouts, the macs computed independently;
 *   - full handshakes with and without a PSK, keypairs crosswise equal;
 *   - every refusal: wrong PSK, unknown initiator, replay, flood, bad
 *     mac1, tampered bytes, wrong index, wrong state, low-order keys; a
 *     refused message leaves no trace in the handshake;
 *   - cookies under load: the reply round trip, mac2 bound to the source,
 *     expiry and secret rotation;
 *   - the rate limiter: burst, refill, /64 grouping, expiry, bound.
 * Time is simulated: every call gets its clocks as parameters.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cookie.h"
#include "crypto.h"
#include "noise.h"
#include "noise_ik.h"
#include "ratelimit.h"
#include "srcaddr.h"
#include "hex.h"
#include "tap.h"

#define SEC	1000000000ULL
#define MS	1000000ULL

/* ---- helpers ---------------------------------------------------------- */

/* A failure of setup code is no test result. */
static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "setup failed: %s\n", what);
		abort();
	}
}

/* One side: its identity, its cookie checker and the handshakes it keeps
 * for the peers it knows (the daemon's peer table, in small).
 */
struct side {
	struct vl_identity id;
	struct vl_cookie_checker checker;
	struct vl_handshake *hs[4];
	unsigned int n;
};

static struct vl_handshake *by_static(void *ctx, const uint8_t pub[32])
{
	struct side *s = ctx;
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!memcmp(s->hs[i]->remote_static, pub, 32))
			return s->hs[i];
	return NULL;
}

static struct vl_handshake *by_index(void *ctx, uint32_t index)
{
	struct side *s = ctx;
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (s->hs[i]->local_index == index)
			return s->hs[i];
	return NULL;
}

/* A lookup that answers @ctx whatever it is asked: a daemon that gets it
 * wrong.
 */
static struct vl_handshake *always(void *ctx, const uint8_t pub[32])
{
	(void)pub;
	return ctx;
}

static struct vl_handshake *always_index(void *ctx, uint32_t index)
{
	(void)index;
	return ctx;
}

static uint64_t now_ns = 1000 * SEC;
static struct timespec wall = { .tv_sec = 1700000000 };

/* Both clocks forward. */
static void tick(uint64_t ns)
{
	now_ns += ns;
	wall.tv_sec += (time_t)((wall.tv_nsec + ns) / SEC);
	wall.tv_nsec = (long)((wall.tv_nsec + ns) % SEC);
}

static void side_init(struct side *s)
{
	uint8_t priv[32];

	memset(s, 0, sizeof(*s));
	must(!vl_x25519_genkey(priv) && !vl_identity_init(&s->id, priv) &&
	     !vl_cookie_checker_init(&s->checker, s->id.pub, now_ns),
	     "side");
	vl_wipe(priv, sizeof(priv));
}

static void side_wipe(struct side *s)
{
	vl_identity_wipe(&s->id);
	vl_cookie_checker_wipe(&s->checker);
}

/* @a keeps @ha for @b, @b keeps @hb for @a. */
static void pair(struct side *a, struct vl_handshake *ha, const uint8_t *psk_a,
		 struct side *b, struct vl_handshake *hb, const uint8_t *psk_b)
{
	must(!vl_handshake_init(ha, b->id.pub, psk_a) &&
	     !vl_handshake_init(hb, a->id.pub, psk_b), "pair");
	a->hs[a->n++] = ha;
	b->hs[b->n++] = hb;
}

/* Re-seal the mac1 of @msg for @to, so that a tampered message gets past
 * the mac1 check and reaches the cryptography behind it.
 */
static void fix_mac1(uint8_t *msg, size_t len, const struct side *to)
{
	must(!vl_mac16(msg + len - 32, to->id.mac1_key, 32, msg, len - 32),
	     "mac1");
}

static const uint32_t ia = 0x11223344, ib = 0x55667788;

/* A full exchange, A initiating; the first refusal, or VL_HS_OK. */
static enum vl_hs_err shake(struct side *a, struct vl_handshake *ha,
			    struct side *b, struct vl_keypair *ka,
			    struct vl_keypair *kb)
{
	uint8_t init[VL_INITIATION_LEN], resp[VL_RESPONSE_LEN];
	struct vl_handshake *got;
	enum vl_hs_err err;

	err = vl_noise_create_initiation(&a->id, ha, ia, &wall, now_ns, init);
	if (!err)
		err = vl_noise_consume_initiation(&b->id, init, sizeof(init),
						  now_ns, by_static, b, &got);
	if (!err)
		err = vl_noise_create_response(&b->id, got, ib, now_ns, resp);
	if (!err)
		err = vl_noise_derive_keypair(got, kb);
	if (!err)
		err = vl_noise_consume_response(&a->id, resp, sizeof(resp),
						by_index, a, &got);
	if (!err)
		err = got == ha ? vl_noise_derive_keypair(ha, ka) :
				  VL_HS_ERR_STATE;
	return err;
}

/* ---- interop: the cacophony vector ------------------------------------ */

static void test_cacophony(void)
{
	static const char msg1[] =
		"ca35def5ae56cec33dc2036731ab1489"
		"6bc4c75dbb07a61f879f8e3afa4c7944"
		"001e21de9f98ddd8e2ad57527207feb5"
		"6253c9c94a9e496782ecfcb2a75fbcaf"
		"1b52948cc48daefe660c62119ab50009"
		"80c84831215f2441eba616548e832985"
		"464cf17e51ee93109008399a21f7e13f";
	static const char msg2[] =
		"95ebc60d2b1fa672c1f46a8aa265ef51"
		"bfe38e7ccb39ec5be34069f144808843"
		"cb765f2caef0751b8f007572dab03222"
		"17755c0632f365717edbf34d33e87a";
	/* then transport messages, alternating from the initiator */
	static const char *const transport[4][2] = {
		{ "462e20412e20486179656b",
		  "8153ca9833bc3c1b91a7e66e5f4d4f5b59bf9e64c2f20d15f0bba7" },
		{ "4361726c204d656e676572",
		  "07af0c9c86e1b4e80f36b04ff7688d51141af3debd0332f0a705ef" },
		{ "4a65616e2d426170746973746520536179",
		  "6ab1467c0448cc78394494abaaf23afce0e234315d6e2624dcbfa8a21c1c"
		  "4d073d" },
		{ "457567656e2042f6686d20766f6e2042617765726b",
		  "dfc346c0d2296ae6cf1acf6f12b8456a1dba228cf8d8b774aacf1c47fc53"
		  "aa80ebc7a4c292" },
	};
	static const char payload1[] = "Ludwig von Mises";
	static const char payload2[] = "Murray Rothbard";
	uint8_t is[32], ie[32], rs[32], re[32], psk[32], is_pub[32], rs_pub[32];
	uint8_t ss_i[32], ss_r[32], out1[112], out2[63], want[112];
	uint8_t got_re[32], got_rs[32], pl[16], k1[32], k2[32], k1r[32];
	uint8_t k2r[32], buf[64], pt[32];
	struct vl_ik ini, res;
	unsigned int i, bad;
	int ret;

	unhex(is, 32, "e61ef9919cde45dd5f82166404bd08e3"
		      "8bceb5dfdfded0a34c8df7ed542214d1");
	unhex(ie, 32, "893e28b9dc6ca8d611ab664754b8ceb7"
		      "bac5117349a4439a6b0569da977c464a");
	unhex(rs, 32, "4a3acbfdb163dec651dfa3194dece676"
		      "d437029c62a408b4c5ea9114246e4893");
	unhex(re, 32, "bbdb4cdbd309f1a1f2e1456967fe288c"
		      "add6f712d65dc7b7793d5e63da6b375b");
	memcpy(psk, "This is my Austrian perspective!", 32);
	must(!vl_x25519_pubkey(is_pub, is) && !vl_x25519_pubkey(rs_pub, rs) &&
	     !vl_x25519(ss_i, is, rs_pub) && !vl_x25519(ss_r, rs, is_pub),
	     "cacophony keys");
	unhex(want, 32, "31e0303fd6418d2f8c0e78b91f22e8ca"
			"ed0fbe48656dcf4767e4834f701b8f62");
	tap_ok(!memcmp(rs_pub, want, 32), "cacophony: the responder's "
	       "public key is the vector's init_remote_static");

	/* -> e, es, s, ss, {payload} */
	ret = vl_ik_init(&ini, "John Galt", 9, rs_pub);
	if (!ret)
		ret = vl_ik_write_initiation(&ini, ie, rs_pub, is_pub, ss_i,
					     (const uint8_t *)payload1, 16,
					     out1);
	unhex(want, 112, msg1);
	tap_ok(!ret && !memcmp(out1, want, 112),
	       "Noise IKpsk2 initiation: cacophony message 1, byte for byte");

	ret = vl_ik_init(&res, "John Galt", 9, rs_pub);
	if (!ret)
		ret = vl_ik_read_initiation_static(&res, rs, rs_pub, out1, got_re,
						   got_rs);
	if (!ret)
		ret = vl_ik_read_initiation_payload(&res, ss_r, out1 + 80, 32,
						    pl);
	tap_ok(!ret && !memcmp(got_rs, is_pub, 32) &&
	       !memcmp(pl, payload1, 16),
	       "responder reads message 1: initiator's key and payload");

	/* <- e, ee, se, psk, {payload} */
	ret = vl_ik_write_response(&res, re, got_re, got_rs, psk,
				   (const uint8_t *)payload2, 15, out2);
	unhex(want, 63, msg2);
	tap_ok(!ret && !memcmp(out2, want, 63),
	       "Noise IKpsk2 response: cacophony message 2, byte for byte");
	ret = vl_ik_read_response(&ini, ie, is, psk, out2, 63, got_re, pl);
	tap_ok(!ret && !memcmp(pl, payload2, 15),
	       "initiator reads message 2");
	unhex(want, 32, "f5191b875290abcd41347ac3622d9679"
			"688a7e980229cb937ef748336cfde0e5");
	tap_ok(!memcmp(ini.h, want, 32) && !memcmp(res.h, want, 32),
	       "both transcripts end in the vector's handshake hash");

	/* Split, then messages 3..6: k1 from the initiator, k2 back, each
	 * key's nonce counting from 0, no associated data.
	 */
	must(!vl_ik_split(&ini, k1, k2) && !vl_ik_split(&res, k1r, k2r),
	     "split");
	tap_ok(!memcmp(k1, k1r, 32) && !memcmp(k2, k2r, 32) &&
	       memcmp(k1, k2, 32), "both sides split into the same keys");
	bad = 0;
	for (i = 0; i < 4; i++) {
		size_t plen = strlen(transport[i][0]) / 2;

		unhex(pt, plen, transport[i][0]);
		unhex(want, plen + 16, transport[i][1]);
		ret = vl_aead_seal(buf, i % 2 ? k2 : k1, i / 2, NULL, 0, pt,
				   plen);
		if (ret || memcmp(buf, want, plen + 16))
			bad++;
	}
	tap_ok(!bad, "transport messages 3 to 6 match the vector (split "
	       "order and the little-endian nonce counter)");

	/* the same bytes with one bit off are refused */
	ret = vl_ik_init(&res, "John Galt", 9, rs_pub);
	out1[111] ^= 1;
	if (!ret)
		ret = vl_ik_read_initiation_static(&res, rs, rs_pub, out1, got_re,
						   got_rs);
	if (!ret)
		ret = vl_ik_read_initiation_payload(&res, ss_r, out1 + 80, 32,
						    pl);
	tap_ok(ret == -EBADMSG, "message 1 with a flipped tag bit: -EBADMSG");
	ret = vl_ik_init(&res, "John Gold", 9, rs_pub);
	out1[111] ^= 1;
	if (!ret)
		ret = vl_ik_read_initiation_static(&res, rs, rs_pub, out1, got_re,
						   got_rs);
	tap_ok(ret == -EBADMSG, "message 1 under another prologue: -EBADMSG");
	vl_ik_wipe(&ini);
	vl_ik_wipe(&res);
}

/* ---- message layout and a full handshake ------------------------------ */

static void test_layout_and_handshake(const uint8_t *psk)
{
	const char *tag = psk ? "with PSK" : "no PSK";
	uint8_t init[VL_INITIATION_LEN], resp[VL_RESPONSE_LEN], key[32];
	uint8_t mac[16], e_pub[32], ts[12], data[16 + 16], back[16];
	struct vl_handshake ha, hb, *got;
	struct vl_keypair ka, kb;
	struct side a, b;
	enum vl_hs_err err;

	side_init(&a);
	side_init(&b);
	pair(&a, &ha, psk, &b, &hb, psk);

	err = vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init);
	tap_ok(!err && init[0] == 1 && !init[1] && !init[2] && !init[3] &&
	       init[4] == 0x44 && init[5] == 0x33 && init[6] == 0x22 &&
	       init[7] == 0x11, "%s: initiation is type 1, then the sender "
	       "index little endian", tag);
	must(!vl_x25519_pubkey(e_pub, ha.ephemeral_priv), "e_pub");
	tap_ok(!memcmp(init + 8, e_pub, 32) &&
	       ha.state == VL_HS_CREATED_INITIATION && ha.local_index == ia,
	       "%s: initiation carries the ephemeral key in clear", tag);
	/* mac1 = BLAKE2s-128(key = BLAKE2s("mac1----" || B), bytes 0..115) */
	must(!vl_blake2s(key, "mac1----", 8, b.id.pub, 32) &&
	     !vl_mac16(mac, key, 32, init, 116), "mac1");
	tap_ok(!memcmp(init + 116, mac, 16) && vl_is_zero(init + 132, 16),
	       "%s: mac1 keyed by the responder's key, mac2 zero", tag);

	err = vl_cookie_validate(&b.checker, init, sizeof(init), NULL, false,
				 now_ns, NULL);
	tap_ok(!err, "%s: responder validates mac1 (not under load)", tag);
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  by_static, &b, &got);
	vl_tai64n(ts, &wall);
	tap_ok(!err && got == &hb && hb.state == VL_HS_CONSUMED_INITIATION &&
	       hb.remote_index == ia && !memcmp(hb.latest_timestamp, ts, 12),
	       "%s: responder takes it: peer found, index and TAI64N "
	       "timestamp recorded", tag);

	err = vl_noise_create_response(&b.id, &hb, ib, now_ns, resp);
	must(!vl_blake2s(key, "mac1----", 8, a.id.pub, 32) &&
	     !vl_mac16(mac, key, 32, resp, 60), "mac1");
	tap_ok(!err && resp[0] == 2 && !resp[1] && !resp[2] && !resp[3] &&
	       resp[4] == 0x88 && resp[7] == 0x55 && resp[8] == 0x44 &&
	       resp[11] == 0x11 && !memcmp(resp + 60, mac, 16) &&
	       vl_is_zero(resp + 76, 16) && hb.state == VL_HS_CREATED_RESPONSE,
	       "%s: response is type 2, sender, receiver, mac1 to the "
	       "initiator", tag);
	err = vl_cookie_validate(&a.checker, resp, sizeof(resp), NULL, false,
				 now_ns, NULL);
	if (!err)
		err = vl_noise_consume_response(&a.id, resp, sizeof(resp),
						by_index, &a, &got);
	tap_ok(!err && got == &ha && ha.state == VL_HS_CONSUMED_RESPONSE &&
	       ha.remote_index == ib && vl_is_zero(ha.ephemeral_priv, 32),
	       "%s: initiator takes the response", tag);

	err = vl_noise_derive_keypair(&ha, &ka);
	if (!err)
		err = vl_noise_derive_keypair(&hb, &kb);
	tap_ok(!err && ka.initiator && !kb.initiator &&
	       !memcmp(ka.send_key, kb.recv_key, 32) &&
	       !memcmp(ka.recv_key, kb.send_key, 32) &&
	       memcmp(ka.send_key, ka.recv_key, 32) &&
	       !vl_is_zero(ka.send_key, 32) && !vl_is_zero(ka.recv_key, 32),
	       "%s: keypairs match crosswise (A.send = B.recv, A.recv = "
	       "B.send)", tag);
	tap_ok(ka.local_index == ia && ka.remote_index == ib &&
	       kb.local_index == ib && kb.remote_index == ia,
	       "%s: keypair indices match crosswise", tag);
	tap_ok(ha.state == VL_HS_ZEROED && hb.state == VL_HS_ZEROED &&
	       vl_is_zero(ha.chaining_key, 32) && vl_is_zero(ha.hash, 32) &&
	       vl_is_zero(hb.chaining_key, 32) &&
	       vl_is_zero(hb.remote_ephemeral, 32),
	       "%s: handshakes wiped after the keypairs", tag);
	tap_ok(vl_noise_derive_keypair(&ha, &ka) == VL_HS_ERR_STATE &&
	       vl_is_zero(ka.send_key, 32),
	       "%s: no second keypair from one handshake", tag);

	/* the keys work for data */
	tick(SEC);
	err = shake(&a, &ha, &b, &ka, &kb);
	must(!err, "second handshake");
	must(!vl_aead_seal(data, ka.send_key, 0, NULL, 0,
			   (const uint8_t *)"sixteen bytes!!", 16), "seal");
	tap_ok(!vl_aead_open(back, kb.recv_key, 0, NULL, 0, data, 32) &&
	       !memcmp(back, "sixteen bytes!!", 16) &&
	       vl_aead_open(back, kb.send_key, 0, NULL, 0, data, 32) ==
	       -EBADMSG, "%s: what A sends, B opens with its receive key "
	       "only", tag);

	/* a response replayed after the handshake completed */
	err = vl_noise_consume_response(&a.id, resp, sizeof(resp), by_index,
					&a, &got);
	tap_ok(err == VL_HS_ERR_STATE && !got, "%s: a response replayed "
	       "after completion: wrong state", tag);

	vl_keypair_wipe(&ka);
	vl_keypair_wipe(&kb);
	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	side_wipe(&a);
	side_wipe(&b);
	tick(SEC);
}

/* ---- refusals --------------------------------------------------------- */

static void test_wrong_psk(void)
{
	uint8_t init[VL_INITIATION_LEN], resp[VL_RESPONSE_LEN];
	uint8_t psk1[32], psk2[32], saved_ck[32];
	struct vl_handshake ha, hb, *got;
	struct side a, b;
	enum vl_hs_err err;
	unsigned int pass;

	must(!vl_random(psk1, 32) && !vl_random(psk2, 32), "psk");
	for (pass = 0; pass < 2; pass++) {
		side_init(&a);
		side_init(&b);
		/* pass 0: two PSKs; pass 1: a PSK on one side only */
		pair(&a, &ha, psk1, &b, &hb, pass ? NULL : psk2);
		must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns,
						 init) &&
		     !vl_noise_consume_initiation(&b.id, init, sizeof(init),
						  now_ns, by_static, &b,
						  &got) &&
		     !vl_noise_create_response(&b.id, got, ib, now_ns, resp),
		     "psk handshake");
		memcpy(saved_ck, ha.chaining_key, 32);
		err = vl_noise_consume_response(&a.id, resp, sizeof(resp),
						by_index, &a, &got);
		tap_ok(err == VL_HS_ERR_DECRYPT && !got &&
		       ha.state == VL_HS_CREATED_INITIATION &&
		       !memcmp(saved_ck, ha.chaining_key, 32),
		       "%s: response refused (decrypt), initiator unchanged",
		       pass ? "PSK on one side only" : "different PSKs");
		vl_handshake_wipe(&ha);
		vl_handshake_wipe(&hb);
		side_wipe(&a);
		side_wipe(&b);
	}
}

static void test_unknown_initiator(void)
{
	uint8_t init[VL_INITIATION_LEN];
	struct vl_handshake ha, hb, hc, hcb, *got;
	struct side a, b, c, b2;
	enum vl_hs_err err;

	side_init(&a);
	side_init(&b);
	side_init(&c);
	pair(&a, &ha, NULL, &b, &hb, NULL);
	/* C knows B, B does not know C: C's handshake for B is set up in a
	 * scratch copy of B that is then thrown away
	 */
	b2 = b;
	b2.n = 0;
	pair(&c, &hc, NULL, &b2, &hcb, NULL);

	must(!vl_noise_create_initiation(&c.id, &hc, 7, &wall, now_ns, init),
	     "C's initiation");
	err = vl_cookie_validate(&b.checker, init, sizeof(init), NULL, false,
				 now_ns, NULL);
	tap_ok(!err, "an unknown initiator can still make a valid mac1 "
	       "(it knows our public key)");
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_UNKNOWN_PEER && !got &&
	       hb.state == VL_HS_ZEROED, "unknown initiator refused");
	/* a daemon whose lookup answers the wrong peer is caught */
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  always, &hb, &got);
	tap_ok(err == VL_HS_ERR_UNKNOWN_PEER && !got &&
	       hb.state == VL_HS_ZEROED, "a lookup that returns another "
	       "peer's handshake is refused");
	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	vl_handshake_wipe(&hc);
	vl_handshake_wipe(&hcb);
	side_wipe(&a);
	side_wipe(&b);
	side_wipe(&b2);
	side_wipe(&c);
}

static void test_replay_and_flood(void)
{
	uint8_t m1[VL_INITIATION_LEN], m2[VL_INITIATION_LEN];
	uint8_t m3[VL_INITIATION_LEN], ts[12];
	struct vl_handshake ha, hb, *got;
	struct timespec w3;
	struct side a, b;
	enum vl_hs_err err;

	side_init(&a);
	side_init(&b);
	pair(&a, &ha, NULL, &b, &hb, NULL);

	/* m1 at t0, m2 one second later, m3 one more second later */
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m1),
	     "m1");
	tick(SEC);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m2),
	     "m2");
	tick(SEC);
	w3 = wall;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m3),
	     "m3");

	err = vl_noise_consume_initiation(&b.id, m2, sizeof(m2), now_ns,
					  by_static, &b, &got);
	tap_ok(!err, "initiation taken");
	tick(SEC);
	err = vl_noise_consume_initiation(&b.id, m2, sizeof(m2), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_REPLAY && !got, "the same initiation again, "
	       "a second later: replay refused");
	err = vl_noise_consume_initiation(&b.id, m1, sizeof(m1), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_REPLAY, "an older initiation (earlier "
	       "timestamp): replay refused");

	/* m3 is newer but comes 10 ms after the last accepted one */
	must(!vl_noise_consume_initiation(&b.id, m3, sizeof(m3), now_ns,
					  by_static, &b, &got), "m3");
	vl_tai64n(ts, &w3);
	tick(SEC);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m1),
	     "m4");
	now_ns += 10 * MS - SEC;	/* the monotonic clock: only 10 ms */
	err = vl_noise_consume_initiation(&b.id, m1, sizeof(m1), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_FLOOD && !got && !memcmp(hb.latest_timestamp,
							  ts, 12),
	       "a newer initiation 10 ms after the last: flood refused, "
	       "latest timestamp unchanged");
	now_ns += 9 * MS;
	err = vl_noise_consume_initiation(&b.id, m1, sizeof(m1), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_FLOOD, "19 ms after: still a flood");
	now_ns += 1 * MS;
	err = vl_noise_consume_initiation(&b.id, m1, sizeof(m1), now_ns,
					  by_static, &b, &got);
	tap_ok(!err, "20 ms (1 s / 50) after the last: taken");

	/* two initiations within one 2^24 ns timestamp step look alike */
	tick(SEC);
	wall.tv_nsec = 0;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m1),
	     "same step 1");
	wall.tv_nsec = 5 * MS;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, m2),
	     "same step 2");
	must(!vl_noise_consume_initiation(&b.id, m1, sizeof(m1), now_ns,
					  by_static, &b, &got), "step 1");
	tick(SEC);
	err = vl_noise_consume_initiation(&b.id, m2, sizeof(m2), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_REPLAY, "a second initiation in the same "
	       "16.8 ms timestamp step: refused (not strictly newer)");
	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	side_wipe(&a);
	side_wipe(&b);
	tick(SEC);
}

static void test_mac1_and_tampering(void)
{
	uint8_t init[VL_INITIATION_LEN], resp[VL_RESPONSE_LEN];
	uint8_t bad_msg[VL_INITIATION_LEN];
	struct vl_handshake ha, hb, hc, hac, *got;
	struct vl_handshake saved;
	struct side a, b, c;
	unsigned int i, bits, wrong, changed;
	enum vl_hs_err err;

	side_init(&a);
	side_init(&b);
	side_init(&c);
	pair(&a, &ha, NULL, &b, &hb, NULL);
	pair(&a, &hac, NULL, &c, &hc, NULL);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");

	/* mac1: any byte of the message or of mac1 itself */
	wrong = 0;
	for (i = 0; i < 132; i++) {
		memcpy(bad_msg, init, sizeof(init));
		bad_msg[i] ^= 0x01;
		err = vl_cookie_validate(&b.checker, bad_msg, sizeof(init),
					 NULL, false, now_ns, NULL);
		if (err != (i < 4 ? VL_HS_ERR_TYPE : VL_HS_ERR_MAC1))
			wrong++;
		err = vl_noise_consume_initiation(&b.id, bad_msg, sizeof(init),
						  now_ns, by_static, &b, &got);
		if (err != (i < 4 ? VL_HS_ERR_TYPE : VL_HS_ERR_MAC1))
			wrong++;
	}
	tap_ok(!wrong && hb.state == VL_HS_ZEROED, "a bit flipped in any of "
	       "bytes 0..131: refused by type (0..3) or mac1, validate and "
	       "consume alike");
	err = vl_cookie_validate(&c.checker, init, sizeof(init), NULL, false,
				 now_ns, NULL);
	tap_ok(err == VL_HS_ERR_MAC1, "an initiation for B, sent to C (who "
	       "knows A): bad mac1");
	err = vl_noise_consume_initiation(&c.id, init, sizeof(init), now_ns,
					  by_static, &c, &got);
	tap_ok(err == VL_HS_ERR_MAC1 && hc.state == VL_HS_ZEROED,
	       "C's consume refuses it before any Diffie-Hellman");
	tap_ok(vl_noise_consume_initiation(&b.id, init, 147, now_ns, by_static,
					   &b, &got) == VL_HS_ERR_LENGTH &&
	       vl_noise_consume_initiation(&b.id, init, 3, now_ns, by_static,
					   &b, &got) == VL_HS_ERR_LENGTH &&
	       vl_cookie_validate(&b.checker, init, 0, NULL, false, now_ns,
				  NULL) == VL_HS_ERR_LENGTH,
	       "short initiations: bad length");

	/* With mac1 made right again, every encrypted or hashed byte still
	 * counts: the ephemeral key, {static}, {timestamp}.  B's static-static
	 * DH is done first, so that only the handshake's state is compared.
	 */
	must(!vl_handshake_precompute(&hb, &b.id), "static-static");
	memcpy(&saved, &hb, sizeof(saved));
	wrong = changed = 0;
	for (i = 8; i < 116; i++) {
		for (bits = 0; bits < 2; bits++) {
			memcpy(bad_msg, init, sizeof(init));
			bad_msg[i] ^= bits ? 0x80 : 0x01;
			fix_mac1(bad_msg, sizeof(init), &b);
			err = vl_noise_consume_initiation(&b.id, bad_msg,
							  sizeof(init), now_ns,
							  by_static, &b, &got);
			if (err != VL_HS_ERR_DECRYPT &&
			    err != VL_HS_ERR_BAD_KEY) {
				tap_diag("byte %u: %s", i,
					 vl_hs_strerror(err));
				wrong++;
			}
			if (memcmp(&saved, &hb, sizeof(saved)))
				changed++;
		}
	}
	tap_ok(!wrong && !changed, "216 tampered initiations (bytes 8..115, "
	       "mac1 recomputed): all refused, handshake untouched");
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  by_static, &b, &got);
	tap_ok(!err && got == &hb, "the genuine initiation is still taken "
	       "after them");

	/* the response likewise, and a wrong receiver index */
	must(!vl_noise_create_response(&b.id, &hb, ib, now_ns, resp), "resp");
	memcpy(&saved, &ha, sizeof(saved));
	wrong = 0;
	for (i = 12; i < 60; i++) {
		memcpy(bad_msg, resp, sizeof(resp));
		bad_msg[i] ^= 0x04;
		fix_mac1(bad_msg, sizeof(resp), &a);
		err = vl_noise_consume_response(&a.id, bad_msg, sizeof(resp),
						by_index, &a, &got);
		if (err != VL_HS_ERR_DECRYPT && err != VL_HS_ERR_BAD_KEY)
			wrong++;
	}
	tap_ok(!wrong && !memcmp(&saved, &ha, sizeof(saved)),
	       "48 tampered responses (bytes 12..59, mac1 recomputed): "
	       "refused, initiator untouched");
	memcpy(bad_msg, resp, sizeof(resp));
	bad_msg[60] ^= 1;
	err = vl_noise_consume_response(&a.id, bad_msg, sizeof(resp),
					by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_MAC1, "response with a bad mac1: refused");
	memcpy(bad_msg, resp, sizeof(resp));
	bad_msg[8] ^= 1;
	fix_mac1(bad_msg, sizeof(resp), &a);
	err = vl_noise_consume_response(&a.id, bad_msg, sizeof(resp),
					by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_UNKNOWN_INDEX && !got,
	       "response to an index nobody has: unknown index");
	err = vl_noise_consume_response(&a.id, bad_msg, sizeof(resp),
					always_index, &ha, &got);
	tap_ok(err == VL_HS_ERR_UNKNOWN_INDEX && !got,
	       "response to another index of the same peer (an older "
	       "initiation's): refused");
	err = vl_noise_consume_response(&c.id, resp, sizeof(resp), by_index,
					&c, &got);
	tap_ok(err == VL_HS_ERR_MAC1, "a response for A, sent to C: bad "
	       "mac1");
	memcpy(bad_msg, resp, sizeof(resp));
	bad_msg[0] = 1;
	tap_ok(vl_noise_consume_response(&a.id, bad_msg, sizeof(resp),
					 by_index, &a, &got) ==
	       VL_HS_ERR_TYPE &&
	       vl_noise_consume_initiation(&a.id, resp, sizeof(resp), now_ns,
					   by_static, &a, &got) ==
	       VL_HS_ERR_TYPE &&
	       vl_noise_consume_response(&a.id, resp, 91, by_index, &a,
					 &got) == VL_HS_ERR_LENGTH,
	       "response: wrong type, or wrong length, refused");
	err = vl_noise_consume_response(&a.id, resp, sizeof(resp), by_index,
					&a, &got);
	tap_ok(!err && got == &ha, "the genuine response is still taken");

	/* the reserved bytes belong to the type word */
	memcpy(bad_msg, init, sizeof(init));
	bad_msg[3] = 0x80;
	tap_ok(vl_noise_consume_initiation(&b.id, bad_msg, sizeof(init),
					   now_ns, by_static, &b, &got) ==
	       VL_HS_ERR_TYPE, "initiation with a reserved byte set: bad "
	       "type");

	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	vl_handshake_wipe(&hc);
	vl_handshake_wipe(&hac);
	side_wipe(&a);
	side_wipe(&b);
	side_wipe(&c);
	tick(SEC);
}

static void test_states_and_keys(void)
{
	uint8_t init[VL_INITIATION_LEN], resp[VL_RESPONSE_LEN];
	uint8_t a_init[VL_INITIATION_LEN], zero[32] = { 0 };
	struct vl_handshake ha, hb, hz, *got;
	struct vl_keypair ka, kb;
	struct side a, b;
	enum vl_hs_err err;

	side_init(&a);
	side_init(&b);
	pair(&a, &ha, NULL, &b, &hb, NULL);

	tap_ok(vl_noise_create_response(&b.id, &hb, ib, now_ns, resp) ==
	       VL_HS_ERR_STATE, "no response without an initiation taken");
	tap_ok(vl_noise_derive_keypair(&hb, &kb) == VL_HS_ERR_STATE,
	       "no keypair from a fresh handshake");
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	tap_ok(vl_noise_derive_keypair(&ha, &ka) == VL_HS_ERR_STATE &&
	       ha.state == VL_HS_CREATED_INITIATION,
	       "no keypair while the initiation waits");

	/* both initiate at once: B's initiation is superseded by A's */
	must(!vl_noise_create_initiation(&b.id, &hb, ib, &wall, now_ns,
					 a_init), "B's init");
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  by_static, &b, &got);
	tap_ok(!err && hb.state == VL_HS_CONSUMED_INITIATION &&
	       vl_is_zero(hb.ephemeral_priv, 32),
	       "crossing initiations: taking A's supersedes B's own, whose "
	       "ephemeral key is wiped");
	must(!vl_noise_create_response(&b.id, &hb, ib + 1, now_ns, resp),
	     "resp");
	tap_ok(!vl_noise_consume_response(&a.id, resp, sizeof(resp), by_index,
					  &a, &got) &&
	       !vl_noise_derive_keypair(&ha, &ka) &&
	       !vl_noise_derive_keypair(&hb, &kb) &&
	       !memcmp(ka.send_key, kb.recv_key, 32),
	       "and the handshake completes");
	tick(SEC);

	/* a peer whose public key is a low-order point */
	tap_ok(!vl_handshake_init(&hz, zero, NULL) &&
	       hz.static_static_state == VL_SS_NOT_YET,
	       "a low-order peer key: taken, as WireGuard does, no DH yet");
	tap_ok(vl_noise_create_initiation(&a.id, &hz, 9, &wall, now_ns,
					  init) == VL_HS_ERR_BAD_KEY &&
	       hz.state == VL_HS_ZEROED &&
	       hz.static_static_state == VL_SS_REFUSED,
	       "and no initiation can be made to it");
	vl_handshake_wipe(&hz);

	/* an initiation whose ephemeral key is a low-order point */
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	memset(init + 8, 0, 32);
	fix_mac1(init, sizeof(init), &b);
	err = vl_noise_consume_initiation(&b.id, init, sizeof(init), now_ns,
					  by_static, &b, &got);
	tap_ok(err == VL_HS_ERR_BAD_KEY, "an initiation with a zero "
	       "ephemeral key: bad key, before any decryption");

	vl_keypair_wipe(&ka);
	vl_keypair_wipe(&kb);
	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	side_wipe(&a);
	side_wipe(&b);
	tick(SEC);
}

/* ---- cookies ---------------------------------------------------------- */

static void addr4(struct vl_srcaddr *s, const char *ip, uint16_t port)
{
	memset(s, 0, sizeof(*s));
	s->family = AF_INET;
	s->port = port;
	must(inet_pton(AF_INET, ip, s->ip) == 1, "inet_pton");
}

static void addr6(struct vl_srcaddr *s, const char *ip, uint16_t port)
{
	memset(s, 0, sizeof(*s));
	s->family = AF_INET6;
	s->port = port;
	must(inet_pton(AF_INET6, ip, s->ip) == 1, "inet_pton");
}

static void test_cookies(void)
{
	uint8_t init[VL_INITIATION_LEN], init2[VL_INITIATION_LEN];
	uint8_t resp[VL_RESPONSE_LEN], reply[VL_COOKIE_REPLY_LEN];
	uint8_t reply2[VL_COOKIE_REPLY_LEN], bad[VL_COOKIE_REPLY_LEN];
	struct vl_srcaddr src, other;
	struct vl_handshake ha, hb, *got;
	struct side a, b;
	enum vl_hs_err err;
	uint64_t born, s0;

	side_init(&a);
	side_init(&b);
	pair(&a, &ha, NULL, &b, &hb, NULL);
	addr4(&src, "192.0.2.1", 51820);
	addr4(&other, "192.0.2.1", 51821);

	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	err = vl_cookie_validate(&b.checker, init, sizeof(init), &src, true,
				 now_ns, NULL);
	tap_ok(err == VL_HS_NEED_COOKIE, "under load, an initiation without "
	       "mac2: a cookie is needed");
	init[120] ^= 1;
	err = vl_cookie_validate(&b.checker, init, sizeof(init), &src, true,
				 now_ns, NULL);
	init[120] ^= 1;
	tap_ok(err == VL_HS_ERR_MAC1, "under load, a bad mac1 is still just "
	       "dropped");

	err = vl_cookie_create_reply(&b.checker, init, sizeof(init), &src,
				     now_ns, reply);
	tap_ok(!err && reply[0] == 3 && !reply[1] && !reply[2] && !reply[3] &&
	       !memcmp(reply + 4, init + 4, 4) && !vl_is_zero(reply + 8, 24),
	       "cookie reply: type 3, to the initiation's sender index, "
	       "random nonce");
	err = vl_cookie_create_reply(&b.checker, init, sizeof(init), &src,
				     now_ns, reply2);
	tap_ok(!err && memcmp(reply + 8, reply2 + 8, 24),
	       "two cookie replies have different nonces");

	memcpy(bad, reply, sizeof(bad));
	bad[40] ^= 1;
	err = vl_noise_consume_cookie_reply(bad, sizeof(bad), now_ns,
					    by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_DECRYPT && !ha.cookie.valid,
	       "a tampered cookie reply: refused");
	memcpy(bad, reply, sizeof(bad));
	bad[4] ^= 1;
	err = vl_noise_consume_cookie_reply(bad, sizeof(bad), now_ns,
					    by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_UNKNOWN_INDEX,
	       "a cookie reply to an unknown index: refused");
	tap_ok(vl_noise_consume_cookie_reply(reply, 63, now_ns, by_index, &a,
					     &got) == VL_HS_ERR_LENGTH &&
	       vl_noise_consume_cookie_reply(init, sizeof(init), now_ns,
					     by_index, &a, &got) ==
	       VL_HS_ERR_TYPE, "cookie reply: bad length, bad type");

	err = vl_noise_consume_cookie_reply(reply, sizeof(reply), now_ns,
					    by_index, &a, &got);
	tap_ok(!err && got == &ha && ha.cookie.valid,
	       "the initiator takes the cookie reply");
	born = now_ns;
	err = vl_noise_consume_cookie_reply(reply2, sizeof(reply2), now_ns,
					    by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_NO_COOKIE_WANTED,
	       "a second reply to the same message: not wanted");

	/* resend: the new initiation carries mac2 */
	tick(SEC);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns,
					 init2), "init2");
	tap_ok(!vl_is_zero(init2 + 132, 16), "the resent initiation has a "
	       "mac2");
	err = vl_cookie_validate(&b.checker, init2, sizeof(init2), &src, true,
				 now_ns, NULL);
	tap_ok(!err, "under load, with mac2 from its own address: accepted");
	err = vl_noise_consume_initiation(&b.id, init2, sizeof(init2), now_ns,
					  by_static, &b, &got);
	tap_ok(!err && got == &hb, "and the responder takes it");
	err = vl_cookie_validate(&b.checker, init2, sizeof(init2), &other,
				 true, now_ns, NULL);
	tap_ok(err == VL_HS_NEED_COOKIE, "the same message from another "
	       "port: the cookie does not fit, a new one is needed");

	/* the cookie answers one mac1: a reply made for an earlier
	 * message does not open against the last one sent
	 */
	must(!vl_cookie_create_reply(&b.checker, init2, sizeof(init2), &src,
				     now_ns, reply) &&
	     !vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "reply for init2, then init3");
	err = vl_noise_consume_cookie_reply(reply, sizeof(reply), now_ns,
					    by_index, &a, &got);
	tap_ok(err == VL_HS_ERR_DECRYPT, "a cookie reply to an older "
	       "message (other mac1): refused");

	/* the response side: A under load answers B's response */
	must(!vl_noise_create_response(&b.id, &hb, ib, now_ns, resp),
	     "resp");
	err = vl_cookie_validate(&a.checker, resp, sizeof(resp), &src, true,
				 now_ns, NULL);
	tap_ok(err == VL_HS_NEED_COOKIE, "under load, a response without "
	       "mac2: cookie needed");
	must(!vl_cookie_create_reply(&a.checker, resp, sizeof(resp), &src,
				     now_ns, reply), "reply to resp");
	err = vl_noise_consume_cookie_reply(reply, sizeof(reply), now_ns,
					    by_index, &b, &got);
	tap_ok(!err && got == &hb && hb.cookie.valid && !memcmp(reply + 4,
								 resp + 4, 4),
	       "the responder takes a cookie reply to its response");

	/* A's cookie ages: used until 115 s (120 less 5 of latency) */
	now_ns = born + 114 * SEC;
	wall.tv_sec += 114;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init at 114 s");
	tap_ok(!vl_is_zero(init + 132, 16), "a cookie 114 s old still "
	       "makes a mac2");
	tick(SEC);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init at 115 s");
	tap_ok(vl_is_zero(init + 132, 16), "a cookie 115 s old is no longer "
	       "used: mac2 zero");

	/* B's secret rotates at 120 s: a cookie from before is worthless */
	tick(SEC);
	s0 = now_ns;
	must(!vl_cookie_checker_init(&b.checker, b.id.pub, s0), "chk");
	now_ns = s0 + 100 * SEC;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	must(!vl_cookie_create_reply(&b.checker, init, sizeof(init), &src,
				     now_ns, reply) &&
	     !vl_noise_consume_cookie_reply(reply, sizeof(reply), now_ns,
					    by_index, &a, &got), "cookie");
	now_ns = s0 + 119 * SEC;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	tap_ok(!vl_cookie_validate(&b.checker, init, sizeof(init), &src,
				   true, now_ns, NULL),
	       "a cookie from a 119 s old secret is accepted");
	now_ns = s0 + 120 * SEC;
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "init");
	tap_ok(!vl_is_zero(init + 132, 16) &&
	       vl_cookie_validate(&b.checker, init, sizeof(init), &src, true,
				  now_ns, NULL) == VL_HS_NEED_COOKIE,
	       "at 120 s the secret rotates: the 20 s old cookie no longer "
	       "fits");
	tick(300 * SEC);

	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	side_wipe(&a);
	side_wipe(&b);
}

/* ---- rate limiting ---------------------------------------------------- */

static unsigned int allow_n(struct vl_ratelimit *rl,
			    const struct vl_srcaddr *src, unsigned int n,
			    uint64_t t)
{
	unsigned int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += vl_ratelimit_allow(rl, src, t);
	return ok;
}

static void test_ratelimit(void)
{
	struct vl_srcaddr s1, s2, v6a, v6b, v6c, mapped;
	struct vl_ratelimit *rl = vl_ratelimit_new(0);
	struct sockaddr_in6 sin6;
	uint64_t t = 5000 * SEC;
	unsigned int i, ok;
	char ip[32];

	must(rl != NULL, "ratelimit");
	addr4(&s1, "198.51.100.7", 1000);
	addr4(&s2, "198.51.100.8", 1000);
	ok = allow_n(rl, &s1, 10, t);
	tap_ok(ok == 5, "one source: a burst of 5, then refused (%u of 10)",
	       ok);
	tap_ok(allow_n(rl, &s2, 1, t) == 1, "another source is unaffected");
	s1.port = 2000;
	tap_ok(allow_n(rl, &s1, 1, t) == 0, "a different port of the same "
	       "address shares the bucket");
	t += 50 * MS;
	tap_ok(allow_n(rl, &s1, 3, t) == 1, "50 ms later: one more (20 a "
	       "second)");
	t += 49 * MS;
	tap_ok(allow_n(rl, &s1, 1, t) == 0, "49 ms after that: not yet");
	t += 251 * MS;
	ok = allow_n(rl, &s1, 10, t);
	tap_ok(ok == 5, "after 300 ms idle the bucket is full again, no "
	       "fuller: 5 (%u)", ok);

	addr6(&v6a, "2001:db8:1:2::1", 1);
	addr6(&v6b, "2001:db8:1:2:ffff::9", 1);
	addr6(&v6c, "2001:db8:1:3::1", 1);
	tap_ok(allow_n(rl, &v6a, 5, t) == 5 &&
	       allow_n(rl, &v6b, 1, t) == 0,
	       "IPv6: two addresses of one /64 share a bucket");
	tap_ok(allow_n(rl, &v6c, 5, t) == 5, "IPv6: the next /64 has its own");

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(4242);
	must(inet_pton(AF_INET6, "::ffff:198.51.100.8", &sin6.sin6_addr) == 1,
	     "mapped");
	must(!vl_srcaddr_from_sockaddr(&mapped, (struct sockaddr *)&sin6,
				       sizeof(sin6)), "from sockaddr");
	tap_ok(mapped.family == AF_INET && mapped.port == 4242 &&
	       !memcmp(mapped.ip, s2.ip, 4) &&
	       allow_n(rl, &mapped, 10, t) == 5,
	       "an IPv4-mapped IPv6 source counts as its IPv4 address");

	tap_ok(vl_ratelimit_count(rl) == 4, "4 sources tracked (%u)",
	       vl_ratelimit_count(rl));
	t += 1001 * MS;
	allow_n(rl, &s2, 1, t);
	tap_ok(vl_ratelimit_count(rl) == 1, "a second idle: swept on the "
	       "next use (%u left)", vl_ratelimit_count(rl));
	vl_ratelimit_free(rl);

	/* bounded: a full table refuses new sources until they expire */
	rl = vl_ratelimit_new(16);
	must(rl != NULL, "ratelimit 16");
	ok = 0;
	for (i = 0; i < 17; i++) {
		snprintf(ip, sizeof(ip), "203.0.113.%u", i);
		addr4(&s1, ip, 1);
		ok += allow_n(rl, &s1, 1, t);
	}
	tap_ok(ok == 16 && vl_ratelimit_count(rl) == 16,
	       "a table of 16: the 17th source is refused");
	t += 1001 * MS;
	tap_ok(allow_n(rl, &s1, 1, t) == 1 && vl_ratelimit_count(rl) == 1,
	       "once the others are idle a second, it gets in");
	s1.family = AF_UNIX;
	tap_ok(allow_n(rl, &s1, 1, t) == 0, "an unknown family: refused");
	vl_ratelimit_free(rl);
}

static void test_validate_ratelimit(void)
{
	uint8_t init[VL_INITIATION_LEN], reply[VL_COOKIE_REPLY_LEN];
	struct vl_ratelimit *rl = vl_ratelimit_new(0);
	struct vl_handshake ha, hb, *got;
	struct vl_srcaddr src;
	struct side a, b;
	unsigned int i, ok = 0;
	enum vl_hs_err err = VL_HS_OK;

	must(rl != NULL, "rl");
	side_init(&a);
	side_init(&b);
	pair(&a, &ha, NULL, &b, &hb, NULL);
	addr6(&src, "2001:db8::5", 51820);
	must(!vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init) &&
	     !vl_cookie_create_reply(&b.checker, init, sizeof(init), &src,
				     now_ns, reply) &&
	     !vl_noise_consume_cookie_reply(reply, sizeof(reply), now_ns,
					    by_index, &a, &got) &&
	     !vl_noise_create_initiation(&a.id, &ha, ia, &wall, now_ns, init),
	     "cookie for A");
	for (i = 0; i < 6; i++) {
		err = vl_cookie_validate(&b.checker, init, sizeof(init), &src,
					 true, now_ns, rl);
		ok += !err;
	}
	tap_ok(ok == 5 && err == VL_HS_ERR_RATELIMIT, "under load, valid "
	       "mac2 from one source: 5 pass, the 6th is rate limited");
	tap_ok(!vl_cookie_validate(&b.checker, init, sizeof(init), &src,
				   false, now_ns, rl),
	       "not under load, the rate limit does not apply");
	vl_ratelimit_free(rl);
	vl_handshake_wipe(&ha);
	vl_handshake_wipe(&hb);
	side_wipe(&a);
	side_wipe(&b);
}

/* ---- small parts ------------------------------------------------------ */

static void test_srcaddr(void)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct sockaddr sa;
	struct vl_srcaddr s;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(51820);
	sin.sin_addr.s_addr = htonl(0xc0000201);
	tap_ok(!vl_srcaddr_from_sockaddr(&s, (struct sockaddr *)&sin,
					 sizeof(sin)) &&
	       s.family == AF_INET && s.port == 51820 && s.ip[0] == 192 &&
	       s.ip[3] == 1 && vl_srcaddr_ip_len(&s) == 4,
	       "srcaddr from sockaddr_in");
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(1);
	must(inet_pton(AF_INET6, "2001:db8::7", &sin6.sin6_addr) == 1, "pton");
	tap_ok(!vl_srcaddr_from_sockaddr(&s, (struct sockaddr *)&sin6,
					 sizeof(sin6)) &&
	       s.family == AF_INET6 && s.port == 1 && s.ip[0] == 0x20 &&
	       s.ip[15] == 7 && vl_srcaddr_ip_len(&s) == 16,
	       "srcaddr from sockaddr_in6");
	tap_ok(vl_srcaddr_from_sockaddr(&s, (struct sockaddr *)&sin6,
					sizeof(sin6) - 1) == -EINVAL &&
	       vl_srcaddr_from_sockaddr(&s, (struct sockaddr *)&sin,
					sizeof(sin) - 1) == -EINVAL,
	       "srcaddr: a short sockaddr is refused");
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNIX;
	tap_ok(vl_srcaddr_from_sockaddr(&s, &sa, sizeof(sa)) == -EAFNOSUPPORT &&
	       !vl_srcaddr_ip_len(&s), "srcaddr: another family is refused");
}

static void test_strerror(void)
{
	unsigned int i, j, bad = 0;

	for (i = 0; i < VL_HS_ERR_COUNT; i++) {
		const char *s = vl_hs_strerror(i);

		if (!s || !strcmp(s, "unknown error"))
			bad++;
		for (j = 0; j < i; j++)
			if (!strcmp(s, vl_hs_strerror(j)))
				bad++;
	}
	tap_ok(!bad && !strcmp(vl_hs_strerror(VL_HS_ERR_COUNT),
			       "unknown error"),
	       "every refusal reason has its own name");
}

int main(void)
{
	static const uint8_t psk[32] = "a preshared key, 32 bytes long!";

	test_cacophony();
	test_layout_and_handshake(NULL);
	test_layout_and_handshake(psk);
	test_wrong_psk();
	test_unknown_initiator();
	test_replay_and_flood();
	test_mac1_and_tampering();
	test_states_and_keys();
	test_cookies();
	test_ratelimit();
	test_validate_ratelimit();
	test_srcaddr();
	test_strerror();
	return tap_exit();
}
