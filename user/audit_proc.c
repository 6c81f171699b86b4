// SPDX-License-Identifier: GPL-2.0
/*
 * audit_proc.c: lines of /proc/net/{tcp,udp}{,6}, route and ipv6_route.
 * Those files are the kernel's interface (there is no library for them);
 * these parsers take one line each and touch nothing else, for the unit
 * tests.
 */
#include <arpa/inet.h>
#include <net/route.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "audit.h"

#define HEX	"0123456789abcdefABCDEF"

static const uint8_t v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/*
 * The kernel prints an address as 32-bit words, each with %08X of its
 * value in host order: an IPv4 address is one word, IPv6 four.  Reading
 * each word back as a number and storing it in host order gives the
 * address's bytes in network order again, on any endianness.
 */
static int hex_addr(const char *hex, struct vl_audit_addr *a)
{
	size_t len = strlen(hex), i;
	unsigned int word;
	char part[9];

	if ((len != 8 && len != 32) || strspn(hex, HEX) != len)
		return -1;
	memset(a, 0, sizeof(*a));
	a->family = len == 8 ? AF_INET : AF_INET6;
	for (i = 0; i < len / 8; i++) {
		uint32_t w;

		memcpy(part, hex + 8 * i, 8);
		part[8] = '\0';
		if (sscanf(part, "%8x", &word) != 1)
			return -1;
		w = word;
		memcpy(a->a + 4 * i, &w, 4);
	}
	return 0;
}

/* %4[...] stops at four digits: a fifth would go unnoticed, so the caller
 * checks the length of each field it took.
 */
static bool hex_len(const char *s, size_t len)
{
	return strlen(s) == len && strspn(s, HEX) == len;
}

int vl_audit_parse_sock(const char *line, int proto, struct vl_audit_sock *s)
{
	/* "  sl  local_address rem_address   st ...", then per socket
	 * "   0: 0100007F:0277 00000000:0000 0A ...": only the local address
	 * and port and the state are kept.  The header fails at "%u:".
	 */
	char local[33], lport[5], remote[33], rport[5], state[3];
	struct vl_audit_addr rem;
	unsigned int port, st;
	char after;
	int n;

	n = sscanf(line, " %*u: %32[" HEX "]:%4[" HEX "] %32[" HEX "]:%4["
		   HEX "] %2[" HEX "]%c", local, lport, remote, rport, state,
		   &after);
	if (n < 5 || (n == 6 && after != ' ' && after != '\t' &&
		      after != '\n'))
		return -1;
	if (!hex_len(lport, 4) || !hex_len(rport, 4) || !hex_len(state, 2) ||
	    hex_addr(local, &s->local) || hex_addr(remote, &rem) ||
	    rem.family != s->local.family)
		return -1;
	if (sscanf(lport, "%4x", &port) != 1 || sscanf(state, "%2x", &st) != 1)
		return -1;
	s->proto = proto;
	s->port = port;
	s->state = st;
	if (s->local.family == AF_INET6 &&
	    !memcmp(s->local.a, v4mapped, sizeof(v4mapped))) {
		memmove(s->local.a, s->local.a + 12, 4);
		memset(s->local.a + 4, 0, 12);
		s->local.family = AF_INET;
	}
	return 0;
}

bool vl_audit_sock_open(const struct vl_audit_sock *s)
{
	if (s->proto == IPPROTO_TCP)
		return s->state == VL_TCP_LISTEN;
	return s->proto == IPPROTO_UDP && s->state == VL_TCP_CLOSE;
}

bool vl_audit_addr_any(const struct vl_audit_addr *a)
{
	static const uint8_t zero[16];

	return !memcmp(a->a, zero, a->family == AF_INET ? 4 : 16);
}

bool vl_audit_addr_loopback(const struct vl_audit_addr *a)
{
	static const uint8_t one[16] = { [15] = 1 };

	if (a->family == AF_INET)
		return a->a[0] == 127;
	return !memcmp(a->a, one, 16);
}

bool vl_audit_addr_equal(const struct vl_audit_addr *a,
			 const struct vl_audit_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->a, b->a, a->family == AF_INET ? 4 : 16);
}

const char *vl_audit_sock_str(const struct vl_audit_sock *s, char *buf,
			      size_t size)
{
	char addr[INET6_ADDRSTRLEN];
	bool v6 = s->local.family == AF_INET6;

	if (!inet_ntop(s->local.family, s->local.a, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	snprintf(buf, size, "%s%s%s:%u/%s", v6 ? "[" : "", addr, v6 ? "]" : "",
		 s->port, s->proto == IPPROTO_TCP ? "tcp" : "udp");
	return buf;
}

/* "eth0\t00000000\t0102A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0": name,
 * destination, gateway, flags, refcnt, use, metric, mask, ...
 */
bool vl_audit_route4_default(const char *line, char dev[IFNAMSIZ])
{
	char name[IFNAMSIZ], dst[9], gw[9], flags[5], mask[9];
	unsigned int fl;

	if (sscanf(line, "%15s %8[" HEX "] %8[" HEX "] %4[" HEX
		   "] %*d %*d %*d %8[" HEX "]", name, dst, gw, flags,
		   mask) != 5)
		return false;
	if (!hex_len(dst, 8) || !hex_len(mask, 8) ||
	    sscanf(flags, "%4x", &fl) != 1)
		return false;
	if (strcmp(dst, "00000000") || strcmp(mask, "00000000") ||
	    !(fl & RTF_UP) || (fl & RTF_REJECT) || !strcmp(name, "lo"))
		return false;
	strcpy(dev, name);
	return true;
}

/* "00000000000000000000000000000000 00 <src> 00 <next hop> 00000400
 * 00000001 00000000 00000003     eth0": destination, its prefix length,
 * source, its length, next hop, metric, refcnt, use, flags, device.
 */
bool vl_audit_route6_default(const char *line, char dev[IFNAMSIZ])
{
	char dst[33], plen[3], name[IFNAMSIZ];
	unsigned int fl;

	if (sscanf(line, "%32[" HEX "] %2[" HEX "] %*32[" HEX "] %*2[" HEX
		   "] %*32[" HEX "] %*8[" HEX "] %*8[" HEX "] %*8[" HEX
		   "] %8x %15s", dst, plen, &fl, name) != 4)
		return false;
	if (!hex_len(dst, 32) || strspn(dst, "0") != 32 ||
	    strcmp(plen, "00") || !(fl & RTF_UP) || (fl & RTF_REJECT) ||
	    !strcmp(name, "lo"))
		return false;
	strcpy(dev, name);
	return true;
}
