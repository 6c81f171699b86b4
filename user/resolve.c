// SPDX-License-Identifier: GPL-2.0
/*
 * resolve.c: endpoints given by name.  A name that does not resolve at
 * `up` is not fatal (the DNS may come later, as on a gateway booting):
 * the daemon tries again while the peer stays unreachable.
 */
#include <errno.h>
#include <netdb.h>
#include <string.h>

#include "log.h"
#include "resolve.h"

int vl_resolve_endpoint(const struct vl_endpoint *ep, union vl_sockaddr *out)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_DGRAM,
		.ai_protocol = IPPROTO_UDP,
	};
	struct addrinfo *res, *ai, *pick = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!ep->host)
		return -EINVAL;
	ret = getaddrinfo(ep->host, ep->port, &hints, &res);
	if (ret) {
		vl_log_rl(LOG_WARNING, "cannot resolve endpoint %s:%s: %s",
			  ep->host, ep->port, gai_strerror(ret));
		return ret == EAI_NONAME || ret == EAI_AGAIN ||
		       ret == EAI_FAIL ? -EAGAIN : -EINVAL;
	}
	/* wg(8) prefers an IPv4 address when a name has both. */
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET) {
			pick = ai;
			break;
		}
		if (ai->ai_family == AF_INET6 && !pick)
			pick = ai;
	}
	if (pick && pick->ai_addrlen <= sizeof(*out))
		memcpy(out, pick->ai_addr, pick->ai_addrlen);
	freeaddrinfo(res);
	return pick ? 0 : -EAGAIN;
}
