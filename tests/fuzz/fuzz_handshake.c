// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the handshake's receive side: every function that
 * reads a message from the network (vl_cookie_validate,
 * vl_noise_consume_initiation/response/cookie_reply,
 * vl_cookie_create_reply, vl_srcaddr_from_sockaddr) gets the input, of any
 * length and any type, between two fixed identities A and B.
 *
 * The first input byte steers:
 *   bits 0-1  0: the rest of the input is the message, as it is;
 *             1, 2, 3: the message is a genuine initiation (A to B, with
 *             a mac2 for the IPv4 source), response (B to A) or cookie
 *             reply (B to A), and the rest of the input is a patch: its
 *             first byte an offset, the others XORed in from there.  So
 *             the fuzzer starts from messages that pass every check and
 *             explores the paths deep in the code, around them;
 *   bit 2     then recompute mac1 for B, bit 3 for A (past mac1 with
 *             bytes that the Diffie-Hellman and AEAD code must refuse);
 *   bit 4     under load (mac2 and the rate limiter count);
 *   bit 5     IPv6 source instead of IPv4;
 *   bits 6-7  0, 1, 2: the clock 0, 61 or 122 s later (cookie secrets
 *             rotate after 120 s); 3: B has taken the genuine initiation
 *             10 ms ago (replays and floods).
 * Each run starts from the same handshake and checker states, copied from
 * templates, so runs do not depend on each other (the rate limiter is the
 * exception: its table lives on, bounded).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cookie.h"
#include "noise.h"
#include "ratelimit.h"
#include "srcaddr.h"

static struct vl_identity id_a, id_b;
static struct vl_handshake tmpl_a;	/* A's, an initiation to B waiting */
static struct vl_handshake tmpl_b;	/* B's for A, fresh */
static struct vl_handshake tmpl_b_seen;	/* B's, good_init taken */
static struct vl_cookie_checker tmpl_chk_b, tmpl_chk_a;
static struct vl_ratelimit *limiter;
static uint8_t good_init[VL_INITIATION_LEN], good_resp[VL_RESPONSE_LEN];
static uint8_t good_reply[VL_COOKIE_REPLY_LEN];
static struct vl_srcaddr src4, src6;
static const uint64_t clock0_ns = 1000000000000ULL;
static uint64_t runs;

static void die(const char *what)
{
	(void)what;
	abort();
}

static struct vl_handshake *lookup_static(void *ctx, const uint8_t *pub)
{
	struct vl_handshake *hs = ctx;

	return memcmp(hs->remote_static, pub, VL_KEY_LEN) ? NULL : hs;
}

static struct vl_handshake *lookup_index(void *ctx, uint32_t index)
{
	struct vl_handshake *hs = ctx;

	return hs->local_index == index ? hs : NULL;
}

static void setup(void)
{
	static const struct timespec wall = { .tv_sec = 1700000000 };
	uint8_t priv_a[32], priv_b[32];
	struct vl_handshake resp_b, *got;

	memset(priv_a, 0x11, sizeof(priv_a));
	memset(priv_b, 0x22, sizeof(priv_b));
	if (vl_identity_init(&id_a, priv_a) ||
	    vl_identity_init(&id_b, priv_b) ||
	    vl_handshake_init(&tmpl_a, id_b.pub, NULL) ||
	    vl_handshake_init(&tmpl_b, id_a.pub, NULL) ||
	    vl_handshake_precompute(&tmpl_a, &id_a) ||
	    vl_handshake_precompute(&tmpl_b, &id_b) ||
	    vl_cookie_checker_init(&tmpl_chk_b, id_b.pub, clock0_ns) ||
	    vl_cookie_checker_init(&tmpl_chk_a, id_a.pub, clock0_ns))
		die("identities");
	limiter = vl_ratelimit_new(64);
	if (!limiter)
		die("limiter");

	src4.family = AF_INET;
	src4.port = 51820;
	memcpy(src4.ip, "\xc0\x00\x02\x01", 4);
	src6.family = AF_INET6;
	src6.port = 51820;
	memcpy(src6.ip, "\x20\x01\x0d\xb8", 4);

	/* Genuine messages to patch: A gets a cookie from B, initiates
	 * again with a mac2, B answers, and also sends a cookie reply.
	 */
	resp_b = tmpl_b;
	if (vl_noise_create_initiation(&id_a, &tmpl_a, 1, &wall, clock0_ns,
				       good_init) ||
	    vl_cookie_create_reply(&tmpl_chk_b, good_init, sizeof(good_init),
				   &src4, clock0_ns, good_reply) ||
	    vl_noise_consume_cookie_reply(good_reply, sizeof(good_reply),
					  clock0_ns, lookup_index, &tmpl_a,
					  &got) ||
	    vl_noise_create_initiation(&id_a, &tmpl_a, 1, &wall, clock0_ns,
				       good_init) ||
	    vl_noise_consume_initiation(&id_b, good_init, sizeof(good_init),
					clock0_ns, lookup_static, &resp_b,
					&got) ||
	    vl_noise_create_response(&id_b, got, 2, clock0_ns, good_resp) ||
	    vl_cookie_create_reply(&tmpl_chk_b, good_init, sizeof(good_init),
				   &src4, clock0_ns, good_reply))
		die("messages");
	tmpl_b_seen = resp_b;
	vl_handshake_wipe(&resp_b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct vl_handshake hs_a, hs_b, *got;
	struct vl_cookie_checker chk_a, chk_b;
	uint8_t reply[VL_COOKIE_REPLY_LEN], resp[VL_RESPONSE_LEN];
	const struct vl_srcaddr *src;
	struct vl_keypair kp;
	struct vl_srcaddr sa;
	const uint8_t *base;
	size_t len, i, at;
	uint8_t flags, *msg;
	uint64_t now;
	bool load;

	if (!ready) {
		setup();
		ready = true;
	}
	if (!size)
		return 0;
	flags = data[0];
	memset(&kp, 0, sizeof(kp));
	/* a millisecond a run, so the rate limiter refills and sweeps; less
	 * than the 115 s a cookie is used
	 */
	now = clock0_ns + (runs++ % 65536) * 1000000;
	if (flags >> 6 != 3)
		now += (uint64_t)(flags >> 6) * 61000000000ULL;
	load = flags & 16;
	src = flags & 32 ? &src6 : &src4;

	switch (flags & 3) {
	case 1:
		base = good_init;
		len = sizeof(good_init);
		break;
	case 2:
		base = good_resp;
		len = sizeof(good_resp);
		break;
	case 3:
		base = good_reply;
		len = sizeof(good_reply);
		break;
	default:
		base = data + 1;
		len = size - 1;
	}
	/* exactly len bytes, so that ASan sees any read beyond them */
	msg = malloc(len ? len : 1);
	if (!msg)
		return 0;
	memcpy(msg, base, len);
	if ((flags & 3) && size > 2)
		for (i = 2, at = data[1]; i < size && at < len; i++, at++)
			msg[at] ^= data[i];
	if ((flags & 4) && len >= VL_MACS_LEN)
		vl_mac16(msg + len - VL_MACS_LEN, id_b.mac1_key, VL_KEY_LEN,
			 msg, len - VL_MACS_LEN);
	if ((flags & 8) && len >= VL_MACS_LEN)
		vl_mac16(msg + len - VL_MACS_LEN, id_a.mac1_key, VL_KEY_LEN,
			 msg, len - VL_MACS_LEN);

	hs_a = tmpl_a;
	hs_b = tmpl_b;
	if (flags >> 6 == 3) {
		hs_b = tmpl_b_seen;
		hs_b.last_initiation_ns = now - 10000000;
	}
	chk_a = tmpl_chk_a;
	chk_b = tmpl_chk_b;

	/* B receives it */
	if (vl_cookie_validate(&chk_b, msg, len, src, load, now,
			       limiter) == VL_HS_NEED_COOKIE)
		vl_cookie_create_reply(&chk_b, msg, len, src, now, reply);
	if (!vl_noise_consume_initiation(&id_b, msg, len, now,
					 lookup_static, &hs_b, &got) &&
	    !vl_noise_create_response(&id_b, got, 7, now, resp))
		vl_noise_derive_keypair(got, &kp);

	/* A receives it */
	vl_cookie_validate(&chk_a, msg, len, src, load, now, NULL);
	if (!vl_noise_consume_response(&id_a, msg, len, lookup_index, &hs_a,
				       &got))
		vl_noise_derive_keypair(got, &kp);
	hs_a = tmpl_a;
	vl_noise_consume_cookie_reply(msg, len, now, lookup_index, &hs_a,
				      &got);

	/* the same bytes as a peer's socket address */
	vl_srcaddr_from_sockaddr(&sa, (const struct sockaddr *)msg,
				 (socklen_t)len);

	vl_handshake_wipe(&hs_a);
	vl_handshake_wipe(&hs_b);
	vl_cookie_checker_wipe(&chk_a);
	vl_cookie_checker_wipe(&chk_b);
	vl_keypair_wipe(&kp);
	free(msg);
	return 0;
}
