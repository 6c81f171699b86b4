/* SPDX-License-Identifier: GPL-2.0 */
/* Test-side controls of the userspace shim. */
#ifndef _SHIM_SHIM_H
#define _SHIM_SHIM_H

/* kzalloc() calls so far; the one numbered vl_shim_fail_at (if not 0)
 * returns NULL.
 */
extern unsigned long vl_shim_allocs;
extern unsigned long vl_shim_fail_at;

#endif /* _SHIM_SHIM_H */
