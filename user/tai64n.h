/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAI64N timestamps, as carried (encrypted) in a handshake initiation: a
 * responder accepts an initiation only if its timestamp is newer than the
 * last one it accepted from that peer, which defeats replays.
 *
 * 12 bytes, big endian: 2^62 + 10 + the Unix seconds (the 10 are the
 * TAI-UTC offset of 1972 that libtai's encoding builds in; WireGuard adds
 * the same constant and ignores the later leap seconds), then the
 * nanoseconds.  Big endian makes memcmp() order them by time.
 */
#ifndef VL_TAI64N_H
#define VL_TAI64N_H

#include <stdint.h>
#include <time.h>

#define VL_TAI64N_LEN		12
#define VL_TAI64N_BASE		0x400000000000000aULL

/*
 * The nanoseconds are rounded down to a multiple of this, as WireGuard
 * does, so that the timestamp does not give away a precise clock reading
 * (a timing side channel): the largest power of two not above the
 * shortest interval between two initiations the responder accepts
 * (1 s / 50 = 20 ms), i.e. 2^24 ns, about 16.8 ms.  Two initiations
 * closer than that would be refused as a flood anyway.
 */
#define VL_TAI64N_GRANULARITY_NS	(1UL << 24)

/* Encode @now (CLOCK_REALTIME), tv_nsec in 0..999999999. */
void vl_tai64n(uint8_t out[VL_TAI64N_LEN], const struct timespec *now);

/* <0, 0, >0 as @a is older than, as old as, newer than @b. */
int vl_tai64n_cmp(const uint8_t a[VL_TAI64N_LEN],
		  const uint8_t b[VL_TAI64N_LEN]);

#endif /* VL_TAI64N_H */
