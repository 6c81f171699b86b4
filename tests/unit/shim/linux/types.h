/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim for the unit tests: just enough of the kernel's headers
 * for kmod/replay.h and kmod/allowedips.c to compile and run under
 * ASan/UBSan.  Not a general kernel compatibility layer.
 *
 * In the kernel, READ_ONCE/WRITE_ONCE and min() reach these files through
 * other headers; here linux/types.h provides them (see compiler.h and
 * minmax.h beside it).
 */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The UAPI header: __u8 .. __u64, __le16 .. __be64, as the kernel has
 * them (a system header that wants <linux/types.h> also lands here).
 */
#include_next <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;	/* unsigned long long, as in the kernel */
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

#include <linux/compiler.h>
#include <linux/minmax.h>

#endif /* _SHIM_LINUX_TYPES_H */
