// SPDX-License-Identifier: GPL-2.0
/*
 * routes_format.c: the routes a LAN's workstations need to reach the
 * peers' networks through this gateway, in the syntax of the tool that
 * will take them.  Each network either gets a route or a comment saying
 * why it gets none; nothing is dropped silently but exact duplicates.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config_values.h"
#include "routes_format.h"

/* One DHCP option carries at most 255 bytes (RFC 2132); longer values
 * must be split over several options (RFC 3396).
 */
#define DHCP_OPTION_MAX		255
/* An option 121 route: width, up to 4 octets of network, 4 of router. */
#define DHCP_ROUTE_MAX		9

/* "a.b.c.d/nn" or an IPv6 prefix. */
#define PREFIX_STRLEN		(INET6_ADDRSTRLEN + 4)

static const char *const fmt_names[] = {
	[VL_ROUTES_IP] = "ip",
	[VL_ROUTES_ROUTE] = "route",
	[VL_ROUTES_WINDOWS] = "windows",
	[VL_ROUTES_DHCP121] = "dhcp121",
	[VL_ROUTES_DNSMASQ] = "dnsmasq",
};

int vl_routes_fmt_parse(const char *name, enum vl_routes_fmt *fmt)
{
	unsigned int i;

	for (i = 0; i < sizeof(fmt_names) / sizeof(fmt_names[0]); i++) {
		if (!strcmp(name, fmt_names[i])) {
			*fmt = i;
			return 0;
		}
	}
	return -1;
}

/* Why a network gets no route, if it gets none. */
enum verdict {
	ROUTE,
	DUPLICATE,	/* said already */
	NOT_IN_DHCP,	/* IPv6, in a DHCPv4 option */
	DEFAULT,	/* 0.0.0.0/0 or ::/0 */
	ON_LINK,	/* inside a LAN subnet */
	NO_GATEWAY,	/* no gateway address of its family */
};

static bool is_dhcp(const struct vl_routes *r)
{
	return r->fmt == VL_ROUTES_DHCP121 || r->fmt == VL_ROUTES_DNSMASQ;
}

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

static const struct vl_addr *gateway(const struct vl_routes *r, int family)
{
	const struct vl_addr *gw = family == AF_INET ? &r->gw4 : &r->gw6;

	return gw->family == family ? gw : NULL;
}

static const char *addr_str(const struct vl_addr *a, char *buf)
{
	if (!inet_ntop(a->family, a->addr, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

static const char *prefix_str(const struct vl_prefix *p, char *buf)
{
	vl_prefix_format(p, buf, PREFIX_STRLEN);
	return buf;
}

/* The IPv4 netmask of a prefix length, dotted. */
static const char *netmask_str(unsigned int prefix, char *buf)
{
	struct in_addr mask;

	mask.s_addr = htonl(prefix ? ~0u << (32 - prefix) : 0);
	if (!inet_ntop(AF_INET, &mask, buf, INET_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

/* Whether @inner lies inside @outer (or is it). */
static bool prefix_inside(const struct vl_prefix *inner,
			  const struct vl_prefix *outer)
{
	struct vl_prefix cut = *inner;

	if (inner->family != outer->family || inner->prefix < outer->prefix)
		return false;
	cut.prefix = outer->prefix;
	vl_prefix_mask(&cut);
	return !memcmp(cut.addr, outer->addr, sizeof(cut.addr));
}

static bool prefix_equal(const struct vl_prefix *a, const struct vl_prefix *b)
{
	return a->family == b->family && a->prefix == b->prefix &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static __attribute__((format(printf, 3, 4)))
void comment(FILE *out, const struct vl_routes *r, const char *fmt, ...)
{
	va_list ap;

	/* cmd.exe has no "#": a batch file's comments are REM lines. */
	fputs(r->fmt == VL_ROUTES_WINDOWS ? "REM " : "# ", out);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

static enum verdict judge(const struct vl_routes *r,
			  const struct vl_prefix *nets, size_t i,
			  const struct vl_prefix **subnet)
{
	const struct vl_prefix *p = &nets[i];
	size_t j;

	for (j = 0; j < i; j++)
		if (prefix_equal(&nets[j], p))
			return DUPLICATE;
	if (is_dhcp(r) && p->family != AF_INET)
		return NOT_IN_DHCP;
	if (!p->prefix)
		return DEFAULT;
	for (j = 0; j < r->n_lan; j++) {
		if (prefix_inside(p, &r->lan[j])) {
			*subnet = &r->lan[j];
			return ON_LINK;
		}
	}
	return gateway(r, p->family) ? ROUTE : NO_GATEWAY;
}

static void explain(FILE *out, const struct vl_routes *r,
		    const struct vl_prefix *p, enum verdict v,
		    const struct vl_prefix *subnet)
{
	/* What the workstations ask to find a neighbour, and what the
	 * module's proxy answers when ProxyArp is on.
	 */
	const char *ask = p->family == AF_INET ? "ARP" :
			  "Neighbour Solicitations";
	char net[PREFIX_STRLEN], sub[PREFIX_STRLEN];

	prefix_str(p, net);
	switch (v) {
	case NOT_IN_DHCP:
		comment(out, r, "%s left out: DHCPv4 option 121 carries IPv4 routes only",
			net);
		break;
	case DEFAULT:
		comment(out, r, "%s left out: a default route through this gateway would replace the workstations' own",
			net);
		break;
	case ON_LINK:
		prefix_str(subnet, sub);
		if (r->proxy_arp)
			comment(out, r, "%s left out: inside the LAN's subnet %s, so on-link; ProxyArp = yes has this gateway answer %s for it",
				net, sub, ask);
		else
			comment(out, r, "%s left out: inside the LAN's subnet %s, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer %s for it",
				net, sub, ask);
		break;
	case NO_GATEWAY:
		if (r->lan_ifname)
			comment(out, r, "%s left out: %s has no %s%s address to route it through (--gateway gives one)",
				net, r->lan_ifname,
				p->family == AF_INET ? "" : "global ",
				family_name(p->family));
		else
			comment(out, r, "%s left out: no %s gateway address (--gateway gives one)",
				net, family_name(p->family));
		break;
	case ROUTE:
	case DUPLICATE:
		break;
	}
}

/* One line of the ip, route or windows formats. */
static void print_route(FILE *out, const struct vl_routes *r,
			const struct vl_prefix *p)
{
	char net[PREFIX_STRLEN], addr[INET6_ADDRSTRLEN];
	char gw[INET6_ADDRSTRLEN], mask[INET_ADDRSTRLEN];
	struct vl_addr a = { .family = p->family };
	bool v4 = p->family == AF_INET;

	prefix_str(p, net);
	memcpy(a.addr, p->addr, sizeof(a.addr));
	addr_str(&a, addr);
	addr_str(gateway(r, p->family), gw);
	switch (r->fmt) {
	case VL_ROUTES_IP:
		fprintf(out, "ip %sroute add %s via %s\n", v4 ? "" : "-6 ",
			net, gw);
		break;
	case VL_ROUTES_ROUTE:
		if (!v4)
			fprintf(out, "route -A inet6 add %s gw %s\n", net, gw);
		else if (p->prefix == 32)
			fprintf(out, "route add -host %s gw %s\n", addr, gw);
		else
			fprintf(out, "route add -net %s netmask %s gw %s\n",
				addr, netmask_str(p->prefix, mask), gw);
		break;
	case VL_ROUTES_WINDOWS:
		/* route.exe's own help: "route ADD 3ffe::/32 3ffe::1". */
		if (v4)
			fprintf(out, "route -p ADD %s MASK %s %s\n", addr,
				netmask_str(p->prefix, mask), gw);
		else
			fprintf(out, "route -p ADD %s %s\n", net, gw);
		break;
	case VL_ROUTES_DHCP121:
	case VL_ROUTES_DNSMASQ:
		break;
	}
}

/* RFC 3442, section 3: the width, the significant octets of the
 * network, the router's four.  Returns the bytes written.
 */
static size_t rfc3442_route(uint8_t *buf, const struct vl_prefix *p,
			    const struct vl_addr *router)
{
	size_t n = (p->prefix + 7) / 8;

	buf[0] = p->prefix;
	memcpy(buf + 1, p->addr, n);
	memcpy(buf + 1 + n, router->addr, 4);
	return 1 + n + 4;
}

/* dnsmasq writes option 121 as NET/LEN,ROUTER pairs and encodes them
 * as RFC 3442 says (its dnsmasq.conf.example:
 * "dhcp-option=121,192.168.1.0/24,1.2.3.4,10.0.0.0/8,5.6.7.8").  One
 * line per option: dnsmasq ignores a repeated dhcp-option for the same
 * option number.
 */
static void print_dnsmasq(FILE *out, const struct vl_routes *r,
			  unsigned int option,
			  const struct vl_prefix *const *routes, size_t n)
{
	char net[PREFIX_STRLEN], gw[INET6_ADDRSTRLEN];
	size_t i;

	fprintf(out, "dhcp-option=%u", option);
	addr_str(&r->gw4, gw);
	for (i = 0; i < n; i++)
		fprintf(out, ",%s,%s", prefix_str(routes[i], net), gw);
	if (r->default_router.family == AF_INET)
		fprintf(out, ",0.0.0.0/0,%s",
			addr_str(&r->default_router, gw));
	fputc('\n', out);
}

static int print_dhcp(FILE *out, const struct vl_routes *r,
		      const struct vl_prefix *const *routes, size_t n)
{
	uint8_t *value;
	size_t i, len = 0;

	if (!n) {
		comment(out, r, "no IPv4 network to route: option 121 is not needed");
		return 0;
	}
	value = malloc((n + 1) * DHCP_ROUTE_MAX);
	if (!value)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		len += rfc3442_route(value + len, routes[i], &r->gw4);
	if (r->default_router.family == AF_INET) {
		static const struct vl_prefix any = { .family = AF_INET };

		len += rfc3442_route(value + len, &any, &r->default_router);
	} else {
		/* RFC 3442, DHCP Client Behavior: "If the DHCP server
		 * returns both a Classless Static Routes option and a
		 * Router option, the DHCP client MUST ignore the Router
		 * option."
		 */
		comment(out, r, "warning: a client that takes option 121 ignores option 3 (Router), RFC 3442;");
		comment(out, r, "without a default route in the option (--default-router ADDR) the workstations lose theirs");
	}
	if (len > DHCP_OPTION_MAX)
		comment(out, r, "warning: %zu bytes, more than one DHCP option holds (%u): the server must split it (RFC 3396)",
			len, DHCP_OPTION_MAX);
	if (r->fmt == VL_ROUTES_DHCP121) {
		for (i = 0; i < len; i++)
			fprintf(out, "%s%02x", i ? ":" : "", value[i]);
		fputc('\n', out);
	} else {
		print_dnsmasq(out, r, 121, routes, n);
		comment(out, r, "the same for Windows before Vista, which reads only Microsoft's older option 249");
		print_dnsmasq(out, r, 249, routes, n);
	}
	free(value);
	return 0;
}

int vl_routes_print(FILE *out, const struct vl_routes *r,
		    const struct vl_prefix *nets, size_t n_nets)
{
	static const int families[] = { AF_INET, AF_INET6 };
	const struct vl_prefix **routes = NULL, *subnet = NULL;
	struct vl_prefix *masked = NULL;
	size_t i, j, n_routes = 0;
	enum verdict v;
	int ret = 0;

	if (n_nets) {
		masked = malloc(n_nets * sizeof(*masked));
		routes = malloc(n_nets * sizeof(*routes));
		if (!masked || !routes) {
			ret = -ENOMEM;
			goto out;
		}
	}
	/* Host bits set would make route.exe refuse the route
	 * ("(Destination & Mask) != Destination") and hide duplicates.
	 */
	for (i = 0; i < n_nets; i++) {
		masked[i] = nets[i];
		vl_prefix_mask(&masked[i]);
	}
	if (r->title)
		comment(out, r, "%s", r->title);
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		if (!gateway(r, families[i]) ||
		    (is_dhcp(r) && families[i] != AF_INET))
			continue;
		for (j = 0; j < r->n_lan; j++)
			if (r->lan[j].family == families[i])
				break;
		if (j == r->n_lan)
			comment(out, r, "the LAN's %s subnet is unknown (--gateway ADDR/LEN gives it): no network is left out as on-link",
				family_name(families[i]));
	}
	if (!n_nets)
		comment(out, r, "no peer has AllowedIPs: no network to route");
	for (i = 0; i < n_nets; i++) {
		v = judge(r, masked, i, &subnet);
		if (v != ROUTE) {
			explain(out, r, &masked[i], v, subnet);
			continue;
		}
		if (is_dhcp(r))
			routes[n_routes++] = &masked[i];
		else
			print_route(out, r, &masked[i]);
	}
	if (is_dhcp(r) && n_nets)
		ret = print_dhcp(out, r, routes, n_routes);
out:
	free(routes);
	free(masked);
	if (!ret && ferror(out))
		ret = -EIO;
	return ret;
}
