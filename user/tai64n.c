// SPDX-License-Identifier: GPL-2.0
/* TAI64N encoding and ordering; see tai64n.h. */
#include <string.h>

#include "tai64n.h"

/* The granularity must be the largest power of two within 1 s / 50. */
_Static_assert(VL_TAI64N_GRANULARITY_NS <= 1000000000UL / 50 &&
	       VL_TAI64N_GRANULARITY_NS * 2 > 1000000000UL / 50,
	       "TAI64N granularity is not WireGuard's");

void vl_tai64n(uint8_t out[VL_TAI64N_LEN], const struct timespec *now)
{
	uint64_t sec = VL_TAI64N_BASE + (uint64_t)now->tv_sec;
	uint32_t nsec = (uint32_t)now->tv_nsec &
			~(uint32_t)(VL_TAI64N_GRANULARITY_NS - 1);
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (uint8_t)(sec >> (56 - 8 * i));
	for (i = 0; i < 4; i++)
		out[8 + i] = (uint8_t)(nsec >> (24 - 8 * i));
}

int vl_tai64n_cmp(const uint8_t a[VL_TAI64N_LEN],
		  const uint8_t b[VL_TAI64N_LEN])
{
	return memcmp(a, b, VL_TAI64N_LEN);
}
