// SPDX-License-Identifier: GPL-2.0
/* Source addresses for cookies and rate limiting; see srcaddr.h. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "srcaddr.h"

int vl_srcaddr_from_sockaddr(struct vl_srcaddr *addr,
			     const struct sockaddr *sa, socklen_t len)
{
	static const uint8_t v4mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;

	memset(addr, 0, sizeof(*addr));
	if (len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	switch (sa->sa_family) {
	case AF_INET:
		if (len < (socklen_t)sizeof(sin))
			return -EINVAL;
		/* copied: the caller's buffer need not be aligned for it */
		memcpy(&sin, sa, sizeof(sin));
		addr->family = AF_INET;
		addr->port = ntohs(sin.sin_port);
		memcpy(addr->ip, &sin.sin_addr, 4);
		return 0;
	case AF_INET6:
		if (len < (socklen_t)sizeof(sin6))
			return -EINVAL;
		memcpy(&sin6, sa, sizeof(sin6));
		addr->port = ntohs(sin6.sin6_port);
		if (!memcmp(sin6.sin6_addr.s6_addr, v4mapped,
			    sizeof(v4mapped))) {
			addr->family = AF_INET;
			memcpy(addr->ip, sin6.sin6_addr.s6_addr + 12, 4);
		} else {
			addr->family = AF_INET6;
			memcpy(addr->ip, sin6.sin6_addr.s6_addr, 16);
		}
		return 0;
	}
	return -EAFNOSUPPORT;
}

size_t vl_srcaddr_ip_len(const struct vl_srcaddr *addr)
{
	switch (addr->family) {
	case AF_INET:
		return 4;
	case AF_INET6:
		return 16;
	}
	return 0;
}
