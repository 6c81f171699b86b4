/* SPDX-License-Identifier: GPL-2.0 */
/* resolve.h: a peer's Endpoint, host and port, to an address. */
#ifndef VL_RESOLVE_H
#define VL_RESOLVE_H

#include "config.h"
#include "genl.h"

/* getaddrinfo() of the endpoint, IPv4 preferred as wg does; 0, or
 * -EAGAIN when the name does not resolve (yet), or -EINVAL.
 */
int vl_resolve_endpoint(const struct vl_endpoint *ep, union vl_sockaddr *out);

#endif /* VL_RESOLVE_H */
