// SPDX-License-Identifier: GPL-2.0
/* Out-of-line parts of the userspace shim. */
#include <linux/slab.h>

#include "shim.h"

unsigned long vl_shim_allocs;
unsigned long vl_shim_fail_at;	/* fail the allocation with this number */

void *vl_shim_kzalloc(size_t size)
{
	if (++vl_shim_allocs == vl_shim_fail_at)
		return NULL;
	return calloc(1, size);
}
