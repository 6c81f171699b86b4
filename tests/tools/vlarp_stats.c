// SPDX-License-Identifier: GPL-2.0
/* vlarp: the percentiles of the summary line, by nearest rank: the
 * smallest value that pct percent of the values are at most.
 */
#include <stdlib.h>

#include "vlarp.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

uint64_t percentile(uint64_t *v, size_t n, unsigned int pct)
{
	size_t rank;

	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_u64);
	rank = (n * pct + 99) / 100;	/* ceil(n * pct / 100), >= 1 */
	return v[rank - 1];
}
