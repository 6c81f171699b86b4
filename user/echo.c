// SPDX-License-Identifier: GPL-2.0
/*
 * echo.c: a small ping.  Raw ICMP sockets, since ping sockets
 * (SOCK_DGRAM) depend on net.ipv4.ping_group_range, which a fresh
 * namespace leaves closed.  The kernel checksums ICMPv6 itself; ICMPv4's
 * checksum is RFC 1071's, over eight bytes of header and the payload.
 */
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "echo.h"

static uint16_t inet_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Whether buf is an echo reply of ours (id) from dst. */
static bool is_reply(const union vl_sockaddr *dst, const uint8_t *buf,
		     ssize_t len, const union vl_sockaddr *from, uint16_t id)
{
	if (dst->sa.sa_family == AF_INET) {
		const struct ip *ip = (const void *)buf;
		const struct icmp *icmp;
		size_t hl;

		/* Raw IPv4 sockets hand over the IP header too. */
		if (len < (ssize_t)sizeof(*ip))
			return false;
		hl = (size_t)ip->ip_hl * 4;
		if ((size_t)len < hl + 8)
			return false;
		icmp = (const void *)(buf + hl);
		return icmp->icmp_type == ICMP_ECHOREPLY &&
		       icmp->icmp_id == id &&
		       from->in4.sin_addr.s_addr == dst->in4.sin_addr.s_addr;
	} else {
		const struct icmp6_hdr *icmp = (const void *)buf;

		return len >= 8 && icmp->icmp6_type == ICMP6_ECHO_REPLY &&
		       icmp->icmp6_id == id &&
		       !memcmp(&from->in6.sin6_addr, &dst->in6.sin6_addr, 16);
	}
}

int vl_echo(const union vl_sockaddr *dst, unsigned int count,
	    unsigned int interval_ms, unsigned int wait_ms,
	    struct vl_echo_result *res)
{
	int family = dst->sa.sa_family;
	socklen_t alen = family == AF_INET ? sizeof(dst->in4) :
					     sizeof(dst->in6);
	uint16_t id = htons((uint16_t)getpid());
	uint64_t next = now_ms(), end = 0;
	uint8_t pkt[64], buf[1500];
	int fd, ret = 0;

	memset(res, 0, sizeof(*res));
	fd = socket(family, SOCK_RAW | SOCK_CLOEXEC,
		    family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	/* The source the kernel picks for dst, for the report. */
	if (connect(fd, &dst->sa, alen) ||
	    getsockname(fd, &res->source.sa, &alen)) {
		ret = -errno;
		goto out;
	}
	for (;;) {
		uint64_t t = now_ms();
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		union vl_sockaddr from;
		socklen_t flen = sizeof(from);
		ssize_t n;

		if (res->sent < count && t >= next) {
			struct icmp *icmp = (struct icmp *)pkt;

			memset(pkt, 0, sizeof(pkt));
			/* Same layout for both: type, code, sum, id, seq. */
			icmp->icmp_type = family == AF_INET ? ICMP_ECHO :
							      ICMP6_ECHO_REQUEST;
			icmp->icmp_id = id;
			icmp->icmp_seq = htons((uint16_t)res->sent);
			memcpy(pkt + 8, "vpnlink diagnose", 16);
			if (family == AF_INET)
				icmp->icmp_cksum = inet_checksum(pkt, sizeof(pkt));
			if (send(fd, pkt, sizeof(pkt), 0) < 0) {
				ret = -errno;
				goto out;
			}
			res->sent++;
			next = t + interval_ms;
			if (res->sent == count)
				end = t + wait_ms;
		}
		if (res->sent == count && (t >= end || res->replies == count))
			break;
		if (poll(&pfd, 1, 20) <= 0)
			continue;
		n = recvfrom(fd, buf, sizeof(buf), 0, &from.sa, &flen);
		if (n > 0 && is_reply(dst, buf, n, &from, id))
			res->replies++;
	}
out:
	close(fd);
	return ret;
}
