// SPDX-License-Identifier: GPL-2.0
/*
 * The anti-replay window of kmod/replay.h against a reference model.
 *
 * The model keeps the set of accepted counters and the highest one, and
 * accepts a counter iff
 *   - counter < limit,
 *   - it was not accepted before, and
 *   - it is not more than VL_REPLAY_WINDOW below the highest accepted
 *     (highest - counter <= VL_REPLAY_WINDOW; nothing is refused as too
 *     old while nothing was accepted).
 * That is replay.h's documented rule: with pos = counter + 1 and
 * top = highest accepted + 1, refuse iff pos + VL_REPLAY_WINDOW < top;
 * "counters this far below the highest one are still accepted once".
 * The model writes it as a subtraction so that it shares no arithmetic
 * (and no overflow) with the code under test.
 *
 * Random runs with several seeds drive both with walks with jitter, jumps
 * ahead and behind, duplicates and counters at the window's edge and at
 * word boundaries; explicit cases pin the edges down by number.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/types.h>
#include "replay.h"

#include "tap.h"

/* The window as replay.h documents it: the ring's bits less one word. */
#define REF_WINDOW	((u64)VL_REPLAY_WORDS * 64 - 64)
/* The module's default limit (VPNLINK_REJECT_AFTER_MESSAGES). */
#define BIG_LIMIT	(~0ULL - 8192ULL)

/* ---- reference model: a hash set of accepted counters ---------------- */

#define SET_BITS	16
#define SET_SIZE	(1u << SET_BITS)

struct ref {
	u64 limit;
	bool any;
	u64 highest;
	u64 *slots;		/* counter + 1, 0 = empty */
	unsigned int used;
};

static unsigned int set_hash(u64 v)
{
	v *= 0x9e3779b97f4a7c15ULL;
	return (unsigned int)(v >> (64 - SET_BITS));
}

static bool set_has(const struct ref *m, u64 c)
{
	unsigned int i = set_hash(c);

	while (m->slots[i]) {
		if (m->slots[i] == c + 1)
			return true;
		i = (i + 1) & (SET_SIZE - 1);
	}
	return false;
}

static void set_put(struct ref *m, u64 c)
{
	unsigned int i = set_hash(c);

	while (m->slots[i])
		i = (i + 1) & (SET_SIZE - 1);
	m->slots[i] = c + 1;
	m->used++;
}

static bool ref_in_window(const struct ref *m, u64 c)
{
	return !m->any || c >= m->highest || m->highest - c <= REF_WINDOW;
}

/* Counters out of the window can never be accepted again: forget them
 * when the table fills up.
 */
static void ref_prune(struct ref *m)
{
	u64 *old = m->slots;
	unsigned int i;

	m->slots = calloc(SET_SIZE, sizeof(*m->slots));
	if (!m->slots)
		abort();
	m->used = 0;
	for (i = 0; i < SET_SIZE; i++)
		if (old[i] && ref_in_window(m, old[i] - 1))
			set_put(m, old[i] - 1);
	free(old);
	if (m->used > SET_SIZE / 2)
		abort();	/* cannot happen: the window is 8k */
}

static void ref_init(struct ref *m, u64 limit)
{
	memset(m, 0, sizeof(*m));
	m->limit = limit;
	m->slots = calloc(SET_SIZE, sizeof(*m->slots));
	if (!m->slots)
		abort();
}

static void ref_fini(struct ref *m)
{
	free(m->slots);
	m->slots = NULL;
}

/* Would the model refuse c for its limit or as too old (not as a repeat)? */
static bool ref_hopeless(const struct ref *m, u64 c)
{
	return c >= m->limit || !ref_in_window(m, c);
}

static bool ref_accept(struct ref *m, u64 c)
{
	if (ref_hopeless(m, c) || set_has(m, c))
		return false;
	if (m->used >= SET_SIZE * 3 / 4)
		ref_prune(m);
	set_put(m, c);
	if (!m->any || c > m->highest) {
		m->any = true;
		m->highest = c;
	}
	return true;
}

/* ---- the pair under test ------------------------------------------- */

struct pair {
	struct vl_replay r;
	struct ref m;
	/* results */
	unsigned long ops, accepted, mismatches, hopeless_wrong,
		      hopeless_inexact, top_wrong;
	char first[256];
};

/* A fresh window and model, keeping the tallies. */
static void pair_restart(struct pair *p)
{
	u64 limit = p->m.limit;

	ref_fini(&p->m);
	memset(&p->r, 0, sizeof(p->r));
	ref_init(&p->m, limit);
}

static void pair_init(struct pair *p, u64 limit)
{
	memset(&p->r, 0, sizeof(p->r));
	ref_init(&p->m, limit);
	p->ops = p->accepted = p->mismatches = 0;
	p->hopeless_wrong = p->hopeless_inexact = p->top_wrong = 0;
	p->first[0] = 0;
}

static void pair_note(struct pair *p, const char *what, u64 c, bool got,
		      bool want)
{
	if (p->first[0])
		return;
	snprintf(p->first, sizeof(p->first),
		 "op %lu: %s: counter %llu (highest %s%llu"
		 ", top %llu, limit %llu): got %d, want %d",
		 p->ops, what, c, p->m.any ? "" : "none/", p->m.highest,
		 p->r.top, p->m.limit, got, want);
}

/* Feeds one counter to both; returns the model's verdict. */
static bool pair_step(struct pair *p, u64 c)
{
	bool want_hopeless = ref_hopeless(&p->m, c);
	bool hopeless = vl_replay_hopeless(&p->r, c, p->m.limit);
	bool got = vl_replay_accept(&p->r, c, p->m.limit);
	bool want = ref_accept(&p->m, c);
	u64 want_top = p->m.any ? p->m.highest + 1 : 0;

	p->ops++;
	if (got != want) {
		p->mismatches++;
		pair_note(p, "accept", c, got, want);
	}
	if (hopeless && (want || got)) {
		p->hopeless_wrong++;
		pair_note(p, "hopeless refused an acceptable counter", c,
			  hopeless, false);
	}
	if (hopeless != want_hopeless)
		p->hopeless_inexact++;
	if (p->r.top != want_top) {
		p->top_wrong++;
		pair_note(p, "top", c, false, true);
	}
	if (want)
		p->accepted++;
	return want;
}

/* ---- random runs ---------------------------------------------------- */

enum profile { P_WALK, P_JUMPY, P_DUPS, P_NEAR_LIMIT, P_SMALL_LIMIT };

static const char *const profile_name[] = {
	[P_WALK] = "walk with jitter",
	[P_JUMPY] = "big jumps ahead and behind",
	[P_DUPS] = "duplicates and window edges",
	[P_NEAR_LIMIT] = "counters near the default limit",
	[P_SMALL_LIMIT] = "small limit",
};

static u64 sat_add(u64 a, u64 b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static u64 sat_sub(u64 a, u64 b)
{
	return a < b ? 0 : a - b;
}

#define RECENT	512

static void random_run(enum profile prof, unsigned long long seed,
		       unsigned long nops)
{
	static const unsigned int weights[][10] = {
		/* in-order, jitter, ahead, behind, dup, in-window, edge,
		 * word boundary, random, limit
		 */
		[P_WALK] = { 40, 40, 2, 2, 6, 4, 2, 3, 1, 0 },
		[P_JUMPY] = { 10, 10, 25, 25, 8, 8, 6, 6, 2, 0 },
		[P_DUPS] = { 10, 10, 3, 3, 30, 20, 15, 8, 1, 0 },
		[P_NEAR_LIMIT] = { 30, 25, 5, 5, 10, 8, 6, 5, 1, 5 },
		[P_SMALL_LIMIT] = { 30, 25, 5, 5, 10, 8, 6, 5, 1, 5 },
	};
	struct rng rng = { seed * 7919 + prof };
	struct pair *p = calloc(1, sizeof(*p));
	u64 recent[RECENT] = { 0 };
	unsigned int nrecent = 0, total = 0, i;
	u64 limit = BIG_LIMIT, base = 0;
	unsigned long op;

	if (!p)
		abort();
	if (prof == P_NEAR_LIMIT)
		base = BIG_LIMIT - (1ULL << 26);
	if (prof == P_SMALL_LIMIT)
		limit = 3 * VL_REPLAY_BITS + 1000;
	pair_init(p, limit);
	for (i = 0; i < 10; i++)
		total += weights[prof][i];

	for (op = 0; op < nops; op++) {
		u64 h = p->m.any ? p->m.highest : base, c, d;
		unsigned int pick = rng_below(&rng, total), kind;

		/* Once at the limit, start over now and then. */
		if (p->m.any && p->m.highest == limit - 1 &&
		    !rng_below(&rng, 4000)) {
			pair_restart(p);
			nrecent = 0;
			h = base;
		}

		for (kind = 0; pick >= weights[prof][kind]; kind++)
			pick -= weights[prof][kind];
		switch (kind) {
		case 0:	/* next in order */
			c = p->m.any ? sat_add(h, 1) : base;
			break;
		case 1:	/* jitter around the highest */
			d = rng_below(&rng, 160);
			c = d < 128 ? sat_sub(h, d) : sat_add(h, d - 127);
			break;
		case 2:	/* jump ahead */
			switch (rng_below(&rng, 5)) {
			case 0:
				d = rng_below(&rng, 3 * VL_REPLAY_BITS) + 1;
				break;
			case 1:
				d = (rng_below(&rng, 4) + 1) * VL_REPLAY_BITS +
				    rng_below(&rng, 3) - 1;
				break;
			case 2:
				d = REF_WINDOW + rng_below(&rng, 3) - 1;
				break;
			case 3:
				d = rng_below(&rng, 1u << 24) + 1;
				break;
			default:
				d = (rng_below(&rng, 2 * VL_REPLAY_WORDS) + 1) *
				    64 + rng_below(&rng, 3) - 1;
				break;
			}
			c = sat_add(h, d);
			break;
		case 3:	/* jump behind */
			switch (rng_below(&rng, 3)) {
			case 0:
				d = REF_WINDOW + rng_below(&rng, 200) - 100;
				break;
			case 1:
				d = rng_below(&rng, 3 * VL_REPLAY_BITS);
				break;
			default:
				d = rng_below(&rng, 1u << 24);
				break;
			}
			c = sat_sub(h, d);
			break;
		case 4:	/* a duplicate of something accepted lately */
			c = nrecent ? recent[rng_below(&rng, nrecent)] : h;
			break;
		case 5:	/* anywhere in the window */
			c = sat_sub(h, rng_below(&rng, REF_WINDOW + 1));
			break;
		case 6:	/* at the window's edge */
			c = sat_sub(h, REF_WINDOW + rng_below(&rng, 5) - 2);
			break;
		case 7:	/* around a word boundary of pos = counter + 1 */
			d = (rng_below(&rng, 2 * VL_REPLAY_WORDS + 2)) * 64;
			c = (h + 1) & ~63ULL;
			c = (c ? c : 64) - 1;
			c = rng_below(&rng, 2) ? sat_add(c, d) : sat_sub(c, d);
			c = sat_add(sat_sub(c, 2), rng_below(&rng, 5));
			break;
		case 8:	/* anything, but no leap to a random new highest,
			 * which would end the run at the limit in a few
			 * dozen steps
			 */
			c = rng_next(&rng);
			if (c < limit && c > h)
				c = rng_below(&rng, 2) ? h - c % (h + 1) :
				    sat_add(limit, c % 16);
			break;
		default: /* at the limit */
			c = sat_add(sat_sub(limit, 3), rng_below(&rng, 6));
			break;
		}
		if (pair_step(p, c)) {
			if (nrecent < RECENT)
				recent[nrecent++] = c;
			else
				recent[rng_below(&rng, RECENT)] = c;
		}
	}

	tap_ok(!p->mismatches && !p->top_wrong,
	       "random %s, seed %llu: %lu counters, %lu accepted, verdicts "
	       "and top match the model", profile_name[prof], seed, p->ops,
	       p->accepted);
	if (p->mismatches || p->top_wrong)
		tap_diag("%lu verdict and %lu top mismatches; first at %s",
			 p->mismatches, p->top_wrong, p->first);
	tap_ok(!p->hopeless_wrong,
	       "random %s, seed %llu: vl_replay_hopeless() never refuses an "
	       "acceptable counter", profile_name[prof], seed);
	tap_ok(!p->hopeless_inexact,
	       "random %s, seed %llu: vl_replay_hopeless() is exactly the "
	       "window and limit test", profile_name[prof], seed);
	if (p->hopeless_wrong || p->hopeless_inexact)
		tap_diag("hopeless: %lu wrong, %lu inexact; first: %s",
			 p->hopeless_wrong, p->hopeless_inexact, p->first);
	ref_fini(&p->m);
	free(p);
}

/* ---- a jump of every size after a full ring ------------------------- */

/* Fill every bit of the ring (accept a full ring's worth of counters up
 * to x), jump ahead by d, then offer every counter from below the new
 * window's edge up to the new highest: stale bits in recycled words would
 * refuse fresh counters, over-eager clearing would accept repeats.
 */
static void jump_sweep(void)
{
	static const u64 aligns[] = { 0, 1, 37, 62, 63 };
	unsigned long scenarios = 0, bad = 0;
	struct pair *p = calloc(1, sizeof(*p));
	char first[300] = "";
	unsigned int a;
	u64 d;

	if (!p)
		abort();
	for (a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++) {
		for (d = 1; d <= 3 * VL_REPLAY_BITS; ) {
			u64 x = 5 * VL_REPLAY_BITS + aligns[a], c;

			pair_init(p, BIG_LIMIT);
			for (c = x - VL_REPLAY_BITS - 64; c <= x; c++)
				pair_step(p, c);
			pair_step(p, x + d);
			for (c = x + d - REF_WINDOW - 3; c < x + d; c++)
				pair_step(p, c);
			/* and everything once more: all repeats now */
			for (c = x + d - REF_WINDOW - 3; c <= x + d; c++)
				pair_step(p, c);
			scenarios++;
			if (p->mismatches || p->hopeless_wrong ||
			    p->top_wrong) {
				if (!bad++)
					snprintf(first, sizeof(first),
						 "x=%llu d=%llu"
						 ": %s", x, d, p->first);
			}
			ref_fini(&p->m);
			/* every jump up to 3 words, then around every word
			 * boundary, then a coarse sweep
			 */
			if (d < 3 * 64)
				d++;
			else if (d % 64 == 63)
				d += 1;
			else if (d % 64 == 0)
				d += 1;
			else if (d % 64 == 1 && d < 2 * VL_REPLAY_BITS + 256)
				d += 61;
			else
				d += 97;
		}
	}
	tap_ok(!bad, "a jump of every size (1 .. %u, all word boundaries) "
	       "after a full ring: %lu scenarios match the model",
	       3 * VL_REPLAY_BITS, scenarios);
	if (bad)
		tap_diag("%lu scenarios failed; first: %s", bad, first);
	free(p);
}

/* ---- explicit cases ------------------------------------------------- */

static bool acc(struct vl_replay *r, u64 c, u64 limit)
{
	return vl_replay_accept(r, c, limit);
}

static void edge_cases(void)
{
	const u64 W = VL_REPLAY_WINDOW;
	struct vl_replay r;
	u64 h, c;
	bool okay;

	tap_ok(VL_REPLAY_WINDOW == REF_WINDOW && VL_REPLAY_WINDOW == 8128,
	       "VL_REPLAY_WINDOW is the ring's bits less one word (%llu)",
	       (unsigned long long)VL_REPLAY_WINDOW);

	memset(&r, 0, sizeof(r));
	tap_ok(!vl_replay_hopeless(&r, 0, BIG_LIMIT) && acc(&r, 0, BIG_LIMIT) &&
	       r.top == 1, "first counter 0 is accepted (top becomes 1)");
	tap_ok(!acc(&r, 0, BIG_LIMIT), "counter 0 again is refused");
	tap_ok(acc(&r, 1, BIG_LIMIT) && acc(&r, 63, BIG_LIMIT) &&
	       acc(&r, 64, BIG_LIMIT) && acc(&r, 62, BIG_LIMIT) &&
	       !acc(&r, 63, BIG_LIMIT) && !acc(&r, 1, BIG_LIMIT),
	       "counters around the first word boundary: once each");

	/* A fresh window refuses nothing as too old. */
	memset(&r, 0, sizeof(r));
	h = 1000000;
	tap_ok(acc(&r, h, BIG_LIMIT) && acc(&r, 5, BIG_LIMIT) == false &&
	       acc(&r, h - W, BIG_LIMIT) && !acc(&r, h - W - 1, BIG_LIMIT),
	       "first counter %llu: %llu - W accepted, one less refused",
	       (unsigned long long)h, (unsigned long long)h);

	memset(&r, 0, sizeof(r));
	tap_ok(acc(&r, 7, BIG_LIMIT) && acc(&r, 3, BIG_LIMIT) &&
	       acc(&r, 0, BIG_LIMIT), "fresh window: lower counters than "
	       "the first are accepted while within the window");

	/* Exactly at the window edge, and one past it. */
	memset(&r, 0, sizeof(r));
	h = 50000;
	acc(&r, h, BIG_LIMIT);
	tap_ok(!vl_replay_hopeless(&r, h - W, BIG_LIMIT) &&
	       acc(&r, h - W, BIG_LIMIT),
	       "highest - VL_REPLAY_WINDOW (exactly at the edge) is accepted");
	tap_ok(!acc(&r, h - W, BIG_LIMIT),
	       "the edge counter a second time is refused");
	tap_ok(vl_replay_hopeless(&r, h - W - 1, BIG_LIMIT) &&
	       !acc(&r, h - W - 1, BIG_LIMIT),
	       "highest - VL_REPLAY_WINDOW - 1 (one past the edge) is "
	       "refused, and hopeless");
	okay = true;
	for (c = h - W + 1; c < h; c++)
		okay &= acc(&r, c, BIG_LIMIT);
	for (c = h - W - 64; c <= h; c++)
		okay &= !acc(&r, c, BIG_LIMIT);
	tap_ok(okay, "every counter of the window once, then none again");
	acc(&r, h + 1, BIG_LIMIT);
	tap_ok(!acc(&r, h - W, BIG_LIMIT) &&
	       vl_replay_hopeless(&r, h - W, BIG_LIMIT),
	       "the window slides with the highest counter");

	/* A jump of more than the whole ring. */
	memset(&r, 0, sizeof(r));
	okay = true;
	for (c = 0; c < VL_REPLAY_BITS + 100; c++)
		okay &= acc(&r, c, BIG_LIMIT);
	h = c - 1 + 5 * (u64)VL_REPLAY_BITS + 13;
	okay &= acc(&r, h, BIG_LIMIT);
	for (c = h - W; c < h; c++)
		okay &= acc(&r, c, BIG_LIMIT);
	for (c = 0; c < VL_REPLAY_BITS + 100; c++)
		okay &= !acc(&r, c, BIG_LIMIT);
	tap_ok(okay, "a jump of 5 rings: the whole new window is fresh, "
	       "the old counters are refused");

	/* A jump of exactly one ring: every bit aliases an old one. */
	memset(&r, 0, sizeof(r));
	okay = true;
	for (c = 0; c <= VL_REPLAY_BITS; c++)
		okay &= acc(&r, c, BIG_LIMIT);
	h = VL_REPLAY_BITS + (u64)VL_REPLAY_BITS;
	okay &= acc(&r, h, BIG_LIMIT);
	for (c = h - W; c < h; c++)
		okay &= acc(&r, c, BIG_LIMIT);
	tap_ok(okay, "a jump of exactly one ring: aliased counters are fresh");

	/* Near the limit. */
	memset(&r, 0, sizeof(r));
	tap_ok(acc(&r, BIG_LIMIT - 1, BIG_LIMIT) && r.top == BIG_LIMIT,
	       "limit - 1 is accepted (default limit)");
	tap_ok(vl_replay_hopeless(&r, BIG_LIMIT, BIG_LIMIT) &&
	       !acc(&r, BIG_LIMIT, BIG_LIMIT) &&
	       !acc(&r, BIG_LIMIT + 1, BIG_LIMIT) &&
	       !acc(&r, UINT64_MAX, BIG_LIMIT) &&
	       vl_replay_hopeless(&r, UINT64_MAX, BIG_LIMIT),
	       "limit, limit + 1 and UINT64_MAX are refused and hopeless");
	tap_ok(acc(&r, BIG_LIMIT - 1 - W, BIG_LIMIT) &&
	       !acc(&r, BIG_LIMIT - 2 - W, BIG_LIMIT),
	       "the window edge below the default limit");
	memset(&r, 0, sizeof(r));
	tap_ok(!acc(&r, 100, 100) && acc(&r, 99, 100) && !acc(&r, 100, 100) &&
	       !acc(&r, 99, 100) && r.top == 100,
	       "small limit 100: 99 accepted once, 100 refused");
	memset(&r, 0, sizeof(r));
	tap_ok(!acc(&r, 0, 0) && r.top == 0 && vl_replay_hopeless(&r, 0, 0),
	       "limit 0 refuses counter 0 and leaves the window empty");

	/* Reverse order through the whole window. */
	memset(&r, 0, sizeof(r));
	h = 3 * VL_REPLAY_BITS + 5;
	okay = true;
	for (c = h; c >= h - W; c--)
		okay &= acc(&r, c, BIG_LIMIT);
	okay &= !acc(&r, h - W - 1, BIG_LIMIT);
	tap_ok(okay, "the whole window in descending order is accepted");
}

int main(int argc, char **argv)
{
	unsigned long long seeds[4] = { 1, 0xdeadbeef, 20240611 }, extra;
	unsigned int nseeds = 3, s, p;
	unsigned long nops = 1000000;

	if (argc > 1)
		nops = strtoul(argv[1], NULL, 0);
	if (tap_env_seed(&extra))
		seeds[nseeds++] = extra;

	edge_cases();
	jump_sweep();
	for (p = P_WALK; p <= P_SMALL_LIMIT; p++)
		for (s = 0; s < nseeds; s++)
			random_run(p, seeds[s], p == P_WALK ? nops : nops / 2);
	return tap_exit();
}
