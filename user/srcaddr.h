/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The source address of a handshake message, as the cookie (bound to
 * address and port) and the rate limiter (per address) need it.
 */
#ifndef VL_SRCADDR_H
#define VL_SRCADDR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct vl_srcaddr {
	sa_family_t family;	/* AF_INET or AF_INET6 */
	uint16_t port;		/* UDP source port, host byte order */
	uint8_t ip[16];		/* network byte order; 4 bytes for AF_INET */
};

/*
 * From what recvfrom() gave.  An IPv4-mapped IPv6 address (a dual-stack
 * socket) becomes AF_INET: otherwise the rate limiter, which groups IPv6
 * sources by /64, would put every IPv4 source in one bucket.
 * Returns 0, or -EAFNOSUPPORT / -EINVAL for anything else or too short.
 */
int vl_srcaddr_from_sockaddr(struct vl_srcaddr *addr,
			     const struct sockaddr *sa, socklen_t len);

/* The address bytes that count: 4 for AF_INET, 16 for AF_INET6, else 0. */
size_t vl_srcaddr_ip_len(const struct vl_srcaddr *addr);

#endif /* VL_SRCADDR_H */
