// SPDX-License-Identifier: GPL-2.0
/* vlpkt raw and random: datagrams that are not (validly) encrypted, to
 * hit the receive path's length and type checks: exactly the given
 * bytes, random bytes with chosen header fields, or a reproducible
 * fuzzing mix of all kinds.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vlpkt.h"

/* ---- raw ------------------------------------------------------------- */

int cmd_raw(struct opts *o)
{
	struct rng rng = { o->has_seed ? o->seed : random_seed() };
	uint8_t *buf = NULL, word[4];
	struct sender s;
	size_t len;
	uint64_t i;

	if (!!o->hex == o->has_len)
		usage_error("raw: give either --hex or --len");
	if (o->hex && (o->has_type || o->has_index || o->has_counter ||
		       o->has_seed))
		usage_error("raw: --hex takes no --type, --index, --counter "
			    "or --seed");
	if (!o->has_count)
		o->count = 1;
	if (o->hex) {
		if (dm_hex_decode(o->hex, &buf, &len))
			usage_error("raw: --hex: bad hex");
	} else {
		len = o->len;
		buf = malloc(len ? len : 1);
		if (!buf)
			die("out of memory");
	}
	sender_open(&s, o);
	for (i = 0; i < o->count; i++) {
		if (!o->hex) {
			rng_fill(&rng, buf, len);
			if (o->has_type) {
				dm_put_le32(word, o->type);
				memcpy(buf, word, len < 4 ? len : 4);
			}
			if (o->has_index && len >= 8)
				dm_put_le32(buf + 4, o->index);
			if (o->has_counter && len >= 16)
				dm_put_le64(buf + 8, o->counter);
		}
		sender_send(&s, buf, len);
	}
	sender_close(&s);
	free(buf);
	return 0;
}

/* ---- random ---------------------------------------------------------- */

/* One random datagram into buf (room for max_len + 148 bytes). */
static size_t random_datagram(struct rng *r, const struct opts *o,
			      uint8_t *buf)
{
	static const uint32_t hs_len[] = { 0, 148, 92, 64 };
	size_t L = o->max_len, len;
	unsigned int pick = (unsigned int)rng_below(r, 100), t;

	if (pick < 20) {		/* fully random */
		len = rng_below(r, L + 1);
		rng_fill(r, buf, len);
		return len;
	}
	if (pick < 45) {		/* a type word, random rest */
		uint8_t word[4];
		uint32_t type = 1 + (uint32_t)rng_below(r, 4);

		if (rng_below(r, 5) == 0)	/* a reserved byte set */
			type |= (uint32_t)(1 + rng_below(r, 255)) <<
				(8 * (1 + rng_below(r, 3)));
		len = rng_below(r, L + 1);
		rng_fill(r, buf, len);
		dm_put_le32(word, type);
		memcpy(buf, word, len < 4 ? len : 4);
		return len;
	}
	if (pick < 75) {		/* type 4, index, random counter */
		uint64_t counter;

		switch (rng_below(r, 10)) {
		case 0 ... 5:		/* a plausible size */
			len = DM_MIN_LEN + 16 * rng_below(r, 94);
			break;
		case 6 ... 7:
			len = rng_below(r, L + 1);
			break;
		case 8:			/* keepalive size */
			len = DM_MIN_LEN;
			break;
		default:		/* just short */
			len = rng_below(r, DM_MIN_LEN);
			break;
		}
		if (len > L)
			len = rng_below(r, L + 1);
		rng_fill(r, buf, len);
		switch (rng_below(r, 4)) {
		case 0:
			counter = rng_below(r, 4096);
			break;
		case 1:
			counter = ~0ULL - rng_below(r, 16384);
			break;
		default:
			counter = rng_next(r);
			break;
		}
		if (len >= 4) {
			dm_put_le32(buf, DM_TYPE_DATA);
		} else {
			uint8_t word[4];

			dm_put_le32(word, DM_TYPE_DATA);
			memcpy(buf, word, len);
		}
		if (len >= 8 && (o->has_index || rng_below(r, 2)))
			dm_put_le32(buf + 4, o->has_index ? o->index :
				    (uint32_t)rng_below(r, 16));
		if (len >= 16)
			dm_put_le64(buf + 8, counter);
		return len;
	}
	/* a handshake message of its exact size */
	t = 1 + (unsigned int)rng_below(r, 3);
	len = hs_len[t];
	if (len > L)
		len = rng_below(r, L + 1);
	rng_fill(r, buf, len);
	if (len >= 4)
		dm_put_le32(buf, t);
	return len;
}

int cmd_random(struct opts *o)
{
	struct rng rng;
	struct sender s;
	size_t stride, lens[64];
	uint8_t *bufs;
	double start, deadline;
	uint64_t left;

	if (!o->has_seed) {
		o->seed = random_seed();
		fprintf(stderr, "vlpkt: random: --seed %" PRIu64 "\n",
			o->seed);
	}
	rng.s = o->seed;
	if (!o->has_count)
		o->count = 1000;
	if (!o->has_max_len)
		o->max_len = 1500;
	stride = o->max_len + 160;
	bufs = malloc(stride * 64);
	if (!bufs)
		die("out of memory");
	sender_open(&s, o);
	if (o->max_len > s.max)
		usage_error("random: --max-len at most %zu for this family",
			    s.max);
	start = now_seconds();
	deadline = o->duration > 0 ? start + o->duration : INFINITY;
	for (left = o->count; left; ) {
		unsigned int n = left < 64 ? (unsigned int)left : 64, i;

		if (o->interval_us)
			n = 1;
		for (i = 0; i < n; i++)
			lens[i] = random_datagram(&rng, o, bufs + i * stride);
		sender_send_batch(&s, bufs, stride, lens, n);
		left -= n;
		if (now_seconds() >= deadline)
			break;
	}
	sender_close(&s);
	free(bufs);
	return 0;
}
