// SPDX-License-Identifier: GPL-2.0
/* vlarp: the AF_PACKET socket the requests go out of and the replies come
 * in by: whole Ethernet frames of one EtherType on one interface.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <netpacket/packet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vlarp.h"

int sock_open(const struct iface *ifc, uint16_t ethertype)
{
	struct sockaddr_ll sll = { 0 };
	int fd, rcvbuf = 4 << 20;
	uint8_t junk[64];

	/* Protocol 0 receives nothing until bind() names the interface;
	 * with the EtherType here it would see every interface's until then.
	 */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("AF_PACKET socket: %s", strerror(errno));
	/* ns sees all of the interface's IPv6: room for bursts */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ethertype);
	sll.sll_ifindex = ifc->index;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind to %s: %s", ifc->name, strerror(errno));
	/* What came before the first request answers none of them. */
	while (recv(fd, junk, sizeof(junk), MSG_DONTWAIT | MSG_TRUNC) >= 0)
		;
	return fd;
}

void sock_send(int fd, const struct iface *ifc, const uint8_t *frame,
	       size_t len)
{
	struct sockaddr_ll sll = { 0 };

	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(get_be16(frame + 12));
	sll.sll_ifindex = ifc->index;
	sll.sll_halen = MAC_LEN;
	memcpy(sll.sll_addr, frame, MAC_LEN);
	while (sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
		      sizeof(sll)) < 0) {
		if (errno != EINTR)
			die("send on %s: %s", ifc->name, strerror(errno));
	}
}

size_t sock_recv(int fd, uint8_t *buf, size_t size)
{
	for (;;) {
		struct sockaddr_ll from;
		socklen_t flen = sizeof(from);
		ssize_t n;

		n = recvfrom(fd, buf, size, MSG_DONTWAIT | MSG_TRUNC,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			die("receive: %s", strerror(errno));
		}
		if (n == 0 || (size_t)n > size ||
		    from.sll_pkttype == PACKET_OUTGOING)
			continue;
		return (size_t)n;
	}
}
