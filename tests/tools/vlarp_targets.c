// SPDX-License-Identifier: GPL-2.0
/* vlarp: the target addresses, first + i for i < n, counted in the last 32
 * bits of the address (vlarp.c parses them).
 */
#include <string.h>

#include "vlarp.h"

void targets_addr(const struct targets *t, uint32_t i, uint8_t *addr)
{
	size_t low = t->alen - 4;

	memcpy(addr, t->first, low);
	put_be32(addr + low, get_be32(t->first + low) + i);
}

bool targets_index(const struct targets *t, const uint8_t *addr,
		   uint32_t *i)
{
	size_t low = t->alen - 4;
	uint32_t off;

	if (memcmp(addr, t->first, low))
		return false;
	/* below first wraps round to far above n */
	off = get_be32(addr + low) - get_be32(t->first + low);
	if (off >= t->n)
		return false;
	*i = off;
	return true;
}
