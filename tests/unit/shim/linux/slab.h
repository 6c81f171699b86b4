/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: kzalloc/kfree on calloc/free.  vl_shim_kzalloc() (in
 * shim.c) can be told to fail, to exercise -ENOMEM paths.  memcpy and
 * memcmp, which the kernel gets through its string headers, come from
 * here.
 */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <stdlib.h>
#include <string.h>

typedef unsigned int gfp_t;
#define GFP_KERNEL	0U
#define GFP_ATOMIC	1U

void *vl_shim_kzalloc(size_t size);

#define kzalloc(size, flags)	((void)(flags), vl_shim_kzalloc(size))
#define kfree(ptr)		free(ptr)

#endif /* _SHIM_LINUX_SLAB_H */
