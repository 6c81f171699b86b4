/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: the kernel's errno values are the C library's on Linux.
 * The C library's <errno.h> itself includes <linux/errno.h>, which finds
 * this file first, so pass on to the system's UAPI header.
 */
#ifndef _SHIM_LINUX_ERRNO_H
#define _SHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>
#include <errno.h>

#endif /* _SHIM_LINUX_ERRNO_H */
