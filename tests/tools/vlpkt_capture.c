// SPDX-License-Identifier: GPL-2.0
/* vlpkt capture and replay: the UDP payloads that really went over an
 * interface, taken with an AF_PACKET socket (no libpcap) and written as
 * hex lines (vlpkt_hexlines.c); and such lines sent again.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/if_ether.h>
#include <math.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vlpkt.h"

/* ---- capture --------------------------------------------------------- */

/* The UDP payload of an IPv4/IPv6 packet at pkt, if it goes to or from
 * the port in the wanted direction.  Returns 1 and sets payload and plen,
 * 0 if not wanted, -1 for a fragment.
 */
static int parse_ip_udp(const uint8_t *pkt, size_t len, uint16_t proto,
			uint16_t port, enum direction dir,
			const uint8_t **payload, size_t *plen)
{
	const uint8_t *udp;
	size_t avail, ulen;
	uint16_t sport, dport;

	if (proto == ETH_P_IP) {
		size_t ihl, tot;

		if (len < 20 || pkt[0] >> 4 != 4)
			return 0;
		ihl = (size_t)(pkt[0] & 15) * 4;
		tot = get_be16(pkt + 2);
		if (ihl < 20 || tot < ihl || tot > len)
			return 0;
		if (pkt[9] != IPPROTO_UDP)
			return 0;
		if (get_be16(pkt + 6) & 0x3fff)
			return -1;	/* MF or an offset */
		udp = pkt + ihl;
		avail = tot - ihl;
	} else if (proto == ETH_P_IPV6) {
		size_t off = 40, end;
		uint8_t next;

		if (len < 40 || pkt[0] >> 4 != 6)
			return 0;
		end = 40 + (size_t)get_be16(pkt + 4);
		if (end > len)
			return 0;
		next = pkt[6];
		for (;;) {
			if (next == IPPROTO_UDP)
				break;
			if (next == IPPROTO_FRAGMENT)
				return -1;
			if (next != IPPROTO_HOPOPTS &&
			    next != IPPROTO_ROUTING &&
			    next != IPPROTO_DSTOPTS)
				return 0;
			if (off + 8 > end)
				return 0;
			next = pkt[off];
			off += ((size_t)pkt[off + 1] + 1) * 8;
		}
		if (off > end)
			return 0;
		udp = pkt + off;
		avail = end - off;
	} else {
		return 0;
	}
	if (avail < 8)
		return 0;
	sport = get_be16(udp);
	dport = get_be16(udp + 2);
	ulen = get_be16(udp + 4);
	if (ulen < 8 || ulen > avail)
		return 0;
	if (!((dir != DIR_TO && sport == port) ||
	      (dir != DIR_FROM && dport == port)))
		return 0;
	*payload = udp + 8;
	*plen = ulen - 8;
	return 1;
}

int cmd_capture(struct opts *o)
{
	struct sockaddr_ll sll = { 0 };
	struct ifreq ifr = { 0 };
	size_t bufsize = 256 * 1024;
	uint8_t *buf = malloc(bufsize);
	bool loopback, ether, warned_frag = false;
	int fd, rcvbuf = 8 << 20, ifindex;
	double deadline;
	uint64_t got = 0;
	FILE *out;

	if (!buf)
		die("out of memory");
	if (!o->iface || !o->port || !o->has_count)
		usage_error("capture: --iface, --port and --count are required");
	if (strlen(o->iface) >= IFNAMSIZ)
		usage_error("capture: bad interface name");
	ifindex = (int)if_nametoindex(o->iface);
	if (!ifindex)
		die("capture: no interface '%s': %s", o->iface,
		    strerror(errno));

	/* Protocol 0 receives nothing until bind() names the interface. */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("capture: AF_PACKET socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	strcpy(ifr.ifr_name, o->iface);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die("capture: SIOCGIFHWADDR %s: %s", o->iface, strerror(errno));
	ether = ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER ||
		ifr.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		die("capture: SIOCGIFFLAGS %s: %s", o->iface, strerror(errno));
	loopback = ifr.ifr_flags & IFF_LOOPBACK;

	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("capture: bind to %s: %s", o->iface, strerror(errno));

	if (!o->out || !strcmp(o->out, "-")) {
		out = stdout;
	} else {
		out = fopen(o->out, "w");
		if (!out)
			die("capture: %s: %s", o->out, strerror(errno));
	}
	if (o->ready) {
		int rfd = open(o->ready, O_WRONLY | O_CREAT | O_TRUNC |
			       O_CLOEXEC, 0644);

		if (rfd < 0)
			die("capture: --ready %s: %s", o->ready,
			    strerror(errno));
		close(rfd);
	}

	deadline = o->timeout > 0 ? now_seconds() + o->timeout : INFINITY;
	while (got < o->count) {
		struct sockaddr_ll from;
		socklen_t flen = sizeof(from);
		const uint8_t *payload, *pkt;
		size_t plen, off;
		uint16_t proto;
		struct pollfd pfd = { fd, POLLIN, 0 };
		double left = deadline - now_seconds();
		ssize_t n;
		int r;

		if (left <= 0)
			break;
		r = poll(&pfd, 1, isinf(left) ? -1 :
			 (int)(left * 1000) + 1);
		if (r < 0 && errno != EINTR)
			die("capture: poll: %s", strerror(errno));
		if (r <= 0)
			continue;
		n = recvfrom(fd, buf, bufsize, MSG_TRUNC,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("capture: recvfrom: %s", strerror(errno));
		}
		if ((size_t)n > bufsize) {
			fprintf(stderr, "vlpkt: capture: skipped a frame of "
				"%zd bytes\n", n);
			continue;
		}
		/* on loopback every packet shows up going out and in */
		if (loopback && from.sll_pkttype == PACKET_OUTGOING)
			continue;
		pkt = buf;
		off = 0;
		if (ether) {
			if (n < 14)
				continue;
			proto = get_be16(buf + 12);
			off = 14;
			while ((proto == ETH_P_8021Q || proto == ETH_P_8021AD) &&
			       (size_t)n >= off + 4) {
				proto = get_be16(buf + off + 2);
				off += 4;
			}
		} else {
			proto = ntohs(from.sll_protocol);
			if (proto != ETH_P_IP && proto != ETH_P_IPV6 && n > 0)
				proto = buf[0] >> 4 == 4 ? ETH_P_IP :
					buf[0] >> 4 == 6 ? ETH_P_IPV6 : 0;
		}
		r = parse_ip_udp(pkt + off, (size_t)n - off, proto, o->port,
				 o->direction, &payload, &plen);
		if (r < 0 && !warned_frag) {
			fprintf(stderr, "vlpkt: capture: skipping IP "
				"fragments\n");
			warned_frag = true;
		}
		if (r <= 0)
			continue;
		print_hex_line(out, payload, plen);
		fflush(out);
		got++;
	}
	close(fd);
	free(buf);
	if (out != stdout && fclose(out))
		die("capture: %s: %s", o->out, strerror(errno));
	fprintf(out == stdout ? stderr : stdout, "captured %" PRIu64 "\n", got);
	if (got < o->count) {
		fprintf(stderr, "vlpkt: capture: timeout: %" PRIu64 " of %"
			PRIu64 " datagrams\n", got, o->count);
		return EXIT_TIMEOUT;
	}
	return 0;
}

/* ---- replay ---------------------------------------------------------- */

static int replay_one(const uint8_t *buf, size_t len, void *arg)
{
	sender_send(arg, buf, len);
	return 0;
}

int cmd_replay(struct opts *o)
{
	struct sender s;

	if (!o->in)
		usage_error("replay: --in FILE is required");
	sender_open(&s, o);
	for_each_line(o->in, replay_one, &s);
	sender_close(&s);
	return 0;
}
