/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: fls() as in the kernel: fls(0) = 0, fls(1) = 1,
 * fls(0x80000000) = 32.
 */
#ifndef _SHIM_LINUX_BITOPS_H
#define _SHIM_LINUX_BITOPS_H

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

#endif /* _SHIM_LINUX_BITOPS_H */
