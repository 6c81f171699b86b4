/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: min() that, like the kernel's, wants both sides of one
 * type (a mismatch fails the build under -Werror).
 */
#ifndef _SHIM_LINUX_MINMAX_H
#define _SHIM_LINUX_MINMAX_H

#define min(x, y) ({						\
	__typeof__(x) _min_x = (x);				\
	__typeof__(y) _min_y = (y);				\
	(void)(&_min_x == &_min_y);				\
	_min_x < _min_y ? _min_x : _min_y; })

#endif /* _SHIM_LINUX_MINMAX_H */
