/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-source rate limit for handshake messages under load, WireGuard's
 * token bucket: 20 messages a second from one IPv4 address or one IPv6
 * /64, bursts of 5.  Entries idle for more than a second are dropped by a
 * sweep that runs at most once a second, from vl_ratelimit_allow() itself
 * (there is no timer); the table never holds more than max_entries, and
 * a new source that finds it full is refused, as in WireGuard.
 *
 * Buckets are chosen by SipHash (OpenSSL) under a random key, so that a
 * sender cannot aim many addresses at one chain.  Not thread safe: the
 * caller serialises.  now_ns is a monotonic clock (CLOCK_BOOTTIME or
 * CLOCK_MONOTONIC) in nanoseconds.
 */
#ifndef VL_RATELIMIT_H
#define VL_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "srcaddr.h"

#define VL_RATELIMIT_PER_SECOND		20
#define VL_RATELIMIT_BURST		5
#define VL_RATELIMIT_IDLE_NS		1000000000ULL
#define VL_RATELIMIT_DEFAULT_ENTRIES	8192

struct vl_ratelimit;

/* max_entries 0 means VL_RATELIMIT_DEFAULT_ENTRIES.  NULL on failure. */
struct vl_ratelimit *vl_ratelimit_new(unsigned int max_entries);
void vl_ratelimit_free(struct vl_ratelimit *rl);

/*
 * true if a message from @src may be processed now, and charge it.
 * false when over the rate, when the table is full, or when OpenSSL
 * fails (refusing is the safe side under load).
 */
bool vl_ratelimit_allow(struct vl_ratelimit *rl, const struct vl_srcaddr *src,
			uint64_t now_ns);

/* Sources currently tracked. */
unsigned int vl_ratelimit_count(const struct vl_ratelimit *rl);

#endif /* VL_RATELIMIT_H */
