/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: AF_INET and AF_INET6. */
#ifndef _SHIM_LINUX_SOCKET_H
#define _SHIM_LINUX_SOCKET_H

#include <sys/socket.h>

#endif /* _SHIM_LINUX_SOCKET_H */
