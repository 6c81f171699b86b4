/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Anti-replay window for data message counters, in the style of RFC 6479:
 * a ring of bitmap words that slides forward with the highest counter seen,
 * so a jump ahead clears whole words instead of shifting bits.
 *
 * This file has no dependency beyond u64 and READ_ONCE so that the unit
 * tests build it in userspace under ASan/UBSan.  Callers serialise
 * vl_replay_accept() per window (the keypair's receive lock).
 */
#ifndef _VPNLINK_REPLAY_H
#define _VPNLINK_REPLAY_H

#include <linux/compiler.h>
#include <linux/types.h>

#define VL_REPLAY_WORDS		128
#define VL_REPLAY_BITS		(VL_REPLAY_WORDS * 64)
/* Counters this far below the highest one are still accepted once.  One
 * word of the ring is always being recycled, hence the 64 less.
 */
#define VL_REPLAY_WINDOW	(VL_REPLAY_BITS - 64)

struct vl_replay {
	/* Highest counter accepted plus one; 0 while none was. */
	u64 top;
	u64 bits[VL_REPLAY_WORDS];
};

/* A lock-free early test, before the costly decryption: is the counter
 * certain to be refused?  A stale read only makes it less certain, and
 * vl_replay_accept() decides under the lock.  (On 32-bit machines the
 * read of top may tear; this module is built for 64-bit gateways.)
 */
static inline bool vl_replay_hopeless(const struct vl_replay *r, u64 counter,
				      u64 limit)
{
	return counter >= limit ||
	       counter + 1 + VL_REPLAY_WINDOW < READ_ONCE(r->top);
}

/* Records the counter of an authenticated message.  Returns false if it
 * was seen before, is too old for the window, or is at or past the limit
 * (which must leave room for counter + VL_REPLAY_WINDOW + 1 in a u64).
 */
static inline bool vl_replay_accept(struct vl_replay *r, u64 counter,
				    u64 limit)
{
	u64 pos, word, top_word, mask, n;

	if (counter >= limit)
		return false;
	pos = counter + 1;	/* 1-based, so that top == 0 means empty */
	if (pos + VL_REPLAY_WINDOW < r->top)
		return false;

	word = pos / 64;
	if (pos > r->top) {
		/* Slide forward: words between the old top and the new one
		 * hold bits of counters that are now out of the window.
		 */
		top_word = r->top / 64;
		n = word - top_word;
		if (n > VL_REPLAY_WORDS)
			n = VL_REPLAY_WORDS;
		while (n) {
			r->bits[(top_word + n) % VL_REPLAY_WORDS] = 0;
			n--;
		}
		WRITE_ONCE(r->top, pos);
	}

	mask = 1ULL << (pos % 64);
	if (r->bits[word % VL_REPLAY_WORDS] & mask)
		return false;
	r->bits[word % VL_REPLAY_WORDS] |= mask;
	return true;
}

#endif /* _VPNLINK_REPLAY_H */
