// SPDX-License-Identifier: GPL-2.0
/*
 * What `vpnlink-helper routes` prints (user/routes_format.c), checked on
 * the exact text of every format: the two-site example of 193.6.37.0/24
 * and 192.168.1.0/24, RFC 3442's own table of destination descriptors,
 * host routes, networks left out (default routes, networks on the LAN's
 * subnet, families without a gateway, IPv6 in DHCPv4), duplicates, and
 * the 255-byte limit of one DHCP option.  The expected routes and option
 * bytes were worked out by hand from the RFC and the tools' manuals, not
 * from the code.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config_values.h"
#include "routes_format.h"

#include "tap.h"

/* What option 121's output says when it has no default route. */
#define WARN121								\
	"# warning: a client that takes option 121 ignores option 3 (Router), RFC 3442;\n" \
	"# without a default route in the option (--default-router ADDR) the workstations lose theirs\n"
#define SAME249								\
	"# the same for Windows before Vista, which reads only Microsoft's older option 249\n"

/* A gateway and its LAN, as strings; NULL for what there is not. */
struct site {
	const char *gw4, *gw6;
	const char *lan[3];		/* subnets, NULL-terminated */
	const char *ifname;
	bool proxy_arp;
	const char *router;		/* --default-router */
	const char *title;
};

/* Site A's gateway: LAN 192.168.1.0/24, itself 192.168.1.1. */
static const struct site site_a = {
	.gw4 = "192.168.1.1", .lan = { "192.168.1.0/24" }, .ifname = "eth1",
};

/* Site B's gateway: LAN 193.6.37.0/24, itself 193.6.37.1. */
static const struct site site_b = {
	.gw4 = "193.6.37.1", .lan = { "193.6.37.0/24" }, .ifname = "eth1",
	.proxy_arp = true,
};

#define NETS(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define NO_NETS		((const char *const[]){ NULL })

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "test_routes: bad test data: %s\n", what);
		exit(2);
	}
}

static void parse_addr(const char *s, struct vl_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (s)
		must(!vl_parse_addr(s, a), s);
}

/* Each line of text as a diagnostic. */
static void diag_text(const char *label, const char *text)
{
	const char *nl;

	tap_diag("%s", label);
	while (text && *text) {
		nl = strchr(text, '\n');
		if (!nl) {
			tap_diag("  |%s (no newline)", text);
			break;
		}
		tap_diag("  |%.*s", (int)(nl - text), text);
		text = nl + 1;
	}
}

/* The text for @nets; *ret gets vl_routes_print's return. */
static char *render(const struct site *s, enum vl_routes_fmt fmt,
		    const char *const *nets, int *ret)
{
	struct vl_prefix lan[3], p[80];
	struct vl_routes r = {
		.fmt = fmt, .lan = lan, .lan_ifname = s->ifname,
		.proxy_arp = s->proxy_arp, .title = s->title,
	};
	size_t n = 0, len = 0;
	char *buf = NULL;
	FILE *f;

	parse_addr(s->gw4, &r.gw4);
	parse_addr(s->gw6, &r.gw6);
	parse_addr(s->router, &r.default_router);
	for (r.n_lan = 0; s->lan[r.n_lan]; r.n_lan++)
		must(!vl_parse_prefix(s->lan[r.n_lan], &lan[r.n_lan]),
		     s->lan[r.n_lan]);
	for (; nets[n]; n++) {
		must(n < sizeof(p) / sizeof(p[0]), "too many networks");
		must(!vl_parse_prefix(nets[n], &p[n]), nets[n]);
	}
	f = open_memstream(&buf, &len);
	must(f != NULL, "open_memstream");
	*ret = vl_routes_print(f, &r, p, n);
	fclose(f);
	return buf;
}

static void expect(const char *what, const struct site *s,
		   enum vl_routes_fmt fmt, const char *const *nets,
		   const char *want)
{
	int ret;
	char *got = render(s, fmt, nets, &ret);

	if (!tap_ok(!ret && got && !strcmp(got, want), "%s", what)) {
		tap_diag("returned %d", ret);
		diag_text("expected:", want);
		diag_text("got:", got);
	}
	free(got);
}

/* ---- the two sites -------------------------------------------------- */

static void test_site_a(void)
{
	struct site s = site_a;

	expect("site A, ip", &s, VL_ROUTES_IP, NETS("193.6.37.0/24"),
	       "ip route add 193.6.37.0/24 via 192.168.1.1\n");
	/* The command of the two-site article, word for word. */
	expect("site A, route", &s, VL_ROUTES_ROUTE, NETS("193.6.37.0/24"),
	       "route add -net 193.6.37.0 netmask 255.255.255.0 gw 192.168.1.1\n");
	expect("site A, windows", &s, VL_ROUTES_WINDOWS,
	       NETS("193.6.37.0/24"),
	       "route -p ADD 193.6.37.0 MASK 255.255.255.0 192.168.1.1\n");
	/* 24 | 193 6 37 | 192 168 1 1 */
	expect("site A, dhcp121 without a default router", &s,
	       VL_ROUTES_DHCP121, NETS("193.6.37.0/24"),
	       WARN121 "18:c1:06:25:c0:a8:01:01\n");
	expect("site A, dnsmasq without a default router", &s,
	       VL_ROUTES_DNSMASQ, NETS("193.6.37.0/24"),
	       WARN121
	       "dhcp-option=121,193.6.37.0/24,192.168.1.1\n"
	       SAME249
	       "dhcp-option=249,193.6.37.0/24,192.168.1.1\n");
	s.router = "192.168.1.254";
	/* ... then 0 | 192 168 1 254 */
	expect("site A, dhcp121 with a default router", &s,
	       VL_ROUTES_DHCP121, NETS("193.6.37.0/24"),
	       "18:c1:06:25:c0:a8:01:01:00:c0:a8:01:fe\n");
	expect("site A, dnsmasq with a default router", &s,
	       VL_ROUTES_DNSMASQ, NETS("193.6.37.0/24"),
	       "dhcp-option=121,193.6.37.0/24,192.168.1.1,0.0.0.0/0,192.168.1.254\n"
	       SAME249
	       "dhcp-option=249,193.6.37.0/24,192.168.1.1,0.0.0.0/0,192.168.1.254\n");
}

/* Site B's peer owns 192.168.1.0/24 and one host on B's own subnet,
 * which B's workstations reach on-link through proxy ARP.
 */
static void test_site_b(void)
{
	struct site s = site_b;

	expect("site B, ip, ProxyArp on", &s, VL_ROUTES_IP,
	       NETS("192.168.1.0/24", "193.6.37.250/32"),
	       "ip route add 192.168.1.0/24 via 193.6.37.1\n"
	       "# 193.6.37.250/32 left out: inside the LAN's subnet 193.6.37.0/24, so on-link; ProxyArp = yes has this gateway answer ARP for it\n");
	expect("site B, windows, ProxyArp on", &s, VL_ROUTES_WINDOWS,
	       NETS("192.168.1.0/24", "193.6.37.250/32"),
	       "route -p ADD 192.168.1.0 MASK 255.255.255.0 193.6.37.1\n"
	       "REM 193.6.37.250/32 left out: inside the LAN's subnet 193.6.37.0/24, so on-link; ProxyArp = yes has this gateway answer ARP for it\n");
	s.proxy_arp = false;
	expect("site B, route, ProxyArp off", &s, VL_ROUTES_ROUTE,
	       NETS("192.168.1.0/24", "193.6.37.250/32"),
	       "route add -net 192.168.1.0 netmask 255.255.255.0 gw 193.6.37.1\n"
	       "# 193.6.37.250/32 left out: inside the LAN's subnet 193.6.37.0/24, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer ARP for it\n");
	s.router = "193.6.37.254";
	/* 24 | 192 168 1 | 193 6 37 1, then 0 | 193 6 37 254 */
	expect("site B, dhcp121", &s, VL_ROUTES_DHCP121,
	       NETS("192.168.1.0/24", "193.6.37.250/32"),
	       "# 193.6.37.250/32 left out: inside the LAN's subnet 193.6.37.0/24, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer ARP for it\n"
	       "18:c0:a8:01:c1:06:25:01:00:c1:06:25:fe\n");
	/* The LAN's whole subnet, and a larger network holding it: the
	 * first is on-link, the second a route the LAN's own beats.
	 */
	expect("site B, the LAN itself and a supernet", &s, VL_ROUTES_IP,
	       NETS("193.6.37.0/24", "193.6.0.0/16"),
	       "# 193.6.37.0/24 left out: inside the LAN's subnet 193.6.37.0/24, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer ARP for it\n"
	       "ip route add 193.6.0.0/16 via 193.6.37.1\n");
}

/* ---- RFC 3442 -------------------------------------------------------- */

/* RFC 3442, section 2: the destination descriptors of its table, each
 * via 192.168.1.1 (c0:a8:01:01), and the default route via
 * 192.168.1.254 (its row "0" is "0").
 */
#define RFC3442_NETS							\
	NETS("10.0.0.0/8", "10.0.0.0/24", "10.17.0.0/16",		\
	     "10.27.129.0/24", "10.229.0.128/25", "10.198.122.47/32")

static void test_rfc3442(void)
{
	struct site s = site_a;

	s.router = "192.168.1.254";
	expect("RFC 3442 table, dhcp121", &s, VL_ROUTES_DHCP121, RFC3442_NETS,
	       "08:0a:c0:a8:01:01:"			/* 8.10 */
	       "18:0a:00:00:c0:a8:01:01:"		/* 24.10.0.0 */
	       "10:0a:11:c0:a8:01:01:"			/* 16.10.17 */
	       "18:0a:1b:81:c0:a8:01:01:"		/* 24.10.27.129 */
	       "19:0a:e5:00:80:c0:a8:01:01:"		/* 25.10.229.0.128 */
	       "20:0a:c6:7a:2f:c0:a8:01:01:"		/* 32.10.198.122.47 */
	       "00:c0:a8:01:fe\n");			/* 0 */
	expect("RFC 3442 table, dnsmasq", &s, VL_ROUTES_DNSMASQ, RFC3442_NETS,
	       "dhcp-option=121,10.0.0.0/8,192.168.1.1,10.0.0.0/24,192.168.1.1,10.17.0.0/16,192.168.1.1,10.27.129.0/24,192.168.1.1,10.229.0.128/25,192.168.1.1,10.198.122.47/32,192.168.1.1,0.0.0.0/0,192.168.1.254\n"
	       SAME249
	       "dhcp-option=249,10.0.0.0/8,192.168.1.1,10.0.0.0/24,192.168.1.1,10.17.0.0/16,192.168.1.1,10.27.129.0/24,192.168.1.1,10.229.0.128/25,192.168.1.1,10.198.122.47/32,192.168.1.1,0.0.0.0/0,192.168.1.254\n");
	s.router = NULL;
	expect("RFC 3442 table, route (a /32 is -host)", &s, VL_ROUTES_ROUTE,
	       RFC3442_NETS,
	       "route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.1\n"
	       "route add -net 10.0.0.0 netmask 255.255.255.0 gw 192.168.1.1\n"
	       "route add -net 10.17.0.0 netmask 255.255.0.0 gw 192.168.1.1\n"
	       "route add -net 10.27.129.0 netmask 255.255.255.0 gw 192.168.1.1\n"
	       "route add -net 10.229.0.128 netmask 255.255.255.128 gw 192.168.1.1\n"
	       "route add -host 10.198.122.47 gw 192.168.1.1\n");
	expect("RFC 3442 table, windows", &s, VL_ROUTES_WINDOWS, RFC3442_NETS,
	       "route -p ADD 10.0.0.0 MASK 255.0.0.0 192.168.1.1\n"
	       "route -p ADD 10.0.0.0 MASK 255.255.255.0 192.168.1.1\n"
	       "route -p ADD 10.17.0.0 MASK 255.255.0.0 192.168.1.1\n"
	       "route -p ADD 10.27.129.0 MASK 255.255.255.0 192.168.1.1\n"
	       "route -p ADD 10.229.0.128 MASK 255.255.255.128 192.168.1.1\n"
	       "route -p ADD 10.198.122.47 MASK 255.255.255.255 192.168.1.1\n");
	expect("RFC 3442 table, ip", &s, VL_ROUTES_IP, RFC3442_NETS,
	       "ip route add 10.0.0.0/8 via 192.168.1.1\n"
	       "ip route add 10.0.0.0/24 via 192.168.1.1\n"
	       "ip route add 10.17.0.0/16 via 192.168.1.1\n"
	       "ip route add 10.27.129.0/24 via 192.168.1.1\n"
	       "ip route add 10.229.0.128/25 via 192.168.1.1\n"
	       "ip route add 10.198.122.47/32 via 192.168.1.1\n");
}

/* ---- what is left out ------------------------------------------------ */

#define LEFT_DEFAULT(net)						\
	"# " net " left out: a default route through this gateway would replace the workstations' own\n"

static void test_default_route(void)
{
	struct site s = site_a;

	expect("default routes left out, ip", &s, VL_ROUTES_IP,
	       NETS("0.0.0.0/0", "10.0.0.0/8", "::/0"),
	       LEFT_DEFAULT("0.0.0.0/0")
	       "ip route add 10.0.0.0/8 via 192.168.1.1\n"
	       LEFT_DEFAULT("::/0"));
	s.router = "192.168.1.254";
	/* The option's default route is the router's, not the peer's. */
	expect("default routes left out, dhcp121", &s, VL_ROUTES_DHCP121,
	       NETS("0.0.0.0/0", "10.0.0.0/8", "::/0"),
	       LEFT_DEFAULT("0.0.0.0/0")
	       "# ::/0 left out: DHCPv4 option 121 carries IPv4 routes only\n"
	       "08:0a:c0:a8:01:01:00:c0:a8:01:fe\n");
}

static void test_ipv6(void)
{
	static const char *const nets[] = {
		"2001:db8:2::/48", "2001:db8:1::42/128", "10.2.0.0/16", NULL
	};
	const char *onlink =
		"2001:db8:1::42/128 left out: inside the LAN's subnet 2001:db8:1::/64, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer Neighbour Solicitations for it\n";
	struct site s = {
		.gw4 = "192.168.1.1", .gw6 = "2001:db8:1::1",
		.lan = { "192.168.1.0/24", "2001:db8:1::/64" },
		.ifname = "eth1",
	};
	char want[1024];

	snprintf(want, sizeof(want),
		 "ip -6 route add 2001:db8:2::/48 via 2001:db8:1::1\n"
		 "# %s"
		 "ip route add 10.2.0.0/16 via 192.168.1.1\n", onlink);
	expect("IPv6, ip", &s, VL_ROUTES_IP, nets, want);
	snprintf(want, sizeof(want),
		 "route -A inet6 add 2001:db8:2::/48 gw 2001:db8:1::1\n"
		 "# %s"
		 "route add -net 10.2.0.0 netmask 255.255.0.0 gw 192.168.1.1\n",
		 onlink);
	expect("IPv6, route", &s, VL_ROUTES_ROUTE, nets, want);
	/* route.exe's own help: "route ADD 3ffe::/32 3ffe::1". */
	snprintf(want, sizeof(want),
		 "route -p ADD 2001:db8:2::/48 2001:db8:1::1\n"
		 "REM %s"
		 "route -p ADD 10.2.0.0 MASK 255.255.0.0 192.168.1.1\n",
		 onlink);
	expect("IPv6, windows", &s, VL_ROUTES_WINDOWS, nets, want);
	/* 16 | 10 2 | 192 168 1 1 */
	expect("IPv6, dhcp121", &s, VL_ROUTES_DHCP121, nets,
	       "# 2001:db8:2::/48 left out: DHCPv4 option 121 carries IPv4 routes only\n"
	       "# 2001:db8:1::42/128 left out: DHCPv4 option 121 carries IPv4 routes only\n"
	       WARN121
	       "10:0a:02:c0:a8:01:01\n");
}

static void test_no_gateway(void)
{
	struct site s = site_a;

	expect("no IPv6 address on the LAN interface", &s, VL_ROUTES_IP,
	       NETS("2001:db8:2::/48", "10.0.0.0/8"),
	       "# 2001:db8:2::/48 left out: eth1 has no global IPv6 address to route it through (--gateway gives one)\n"
	       "ip route add 10.0.0.0/8 via 192.168.1.1\n");
	s.ifname = NULL;
	expect("no IPv6 --gateway", &s, VL_ROUTES_ROUTE,
	       NETS("2001:db8:2::/48"),
	       "# 2001:db8:2::/48 left out: no IPv6 gateway address (--gateway gives one)\n");
	s = (struct site){
		.gw6 = "2001:db8:1::1", .lan = { "2001:db8:1::/64" },
		.ifname = "br-lan",
	};
	expect("no IPv4 address on the LAN interface", &s, VL_ROUTES_IP,
	       NETS("10.0.0.0/8", "2001:db8:2::/48"),
	       "# 10.0.0.0/8 left out: br-lan has no IPv4 address to route it through (--gateway gives one)\n"
	       "ip -6 route add 2001:db8:2::/48 via 2001:db8:1::1\n");
	expect("no IPv4 gateway, dhcp121", &s, VL_ROUTES_DHCP121,
	       NETS("10.0.0.0/8"),
	       "# 10.0.0.0/8 left out: br-lan has no IPv4 address to route it through (--gateway gives one)\n"
	       "# no IPv4 network to route: option 121 is not needed\n");
}

/* --gateway without a length: the LAN's subnet is unknown. */
static void test_unknown_subnet(void)
{
	struct site s = { .gw4 = "192.168.1.1", .gw6 = "2001:db8:1::1" };

	expect("unknown subnets, ip", &s, VL_ROUTES_IP,
	       NETS("192.168.1.77/32"),
	       "# the LAN's IPv4 subnet is unknown (--gateway ADDR/LEN gives it): no network is left out as on-link\n"
	       "# the LAN's IPv6 subnet is unknown (--gateway ADDR/LEN gives it): no network is left out as on-link\n"
	       "ip route add 192.168.1.77/32 via 192.168.1.1\n");
	s.router = "192.168.1.1";
	expect("unknown subnet, dnsmasq: IPv4 only", &s, VL_ROUTES_DNSMASQ,
	       NETS("192.168.1.77/32"),
	       "# the LAN's IPv4 subnet is unknown (--gateway ADDR/LEN gives it): no network is left out as on-link\n"
	       "dhcp-option=121,192.168.1.77/32,192.168.1.1,0.0.0.0/0,192.168.1.1\n"
	       SAME249
	       "dhcp-option=249,192.168.1.77/32,192.168.1.1,0.0.0.0/0,192.168.1.1\n");
}

/* ---- the list itself ------------------------------------------------- */

static void test_duplicates(void)
{
	struct site s = site_a;

	/* Host bits are cleared before anything is compared or printed. */
	expect("duplicates once, host bits cleared", &s, VL_ROUTES_WINDOWS,
	       NETS("10.1.2.3/16", "10.1.0.0/24", "10.1.0.0/16",
		    "10.1.0.0/24"),
	       "route -p ADD 10.1.0.0 MASK 255.255.0.0 192.168.1.1\n"
	       "route -p ADD 10.1.0.0 MASK 255.255.255.0 192.168.1.1\n");
	expect("a duplicate left out once", &s, VL_ROUTES_IP,
	       NETS("0.0.0.0/0", "0.0.0.0/0"), LEFT_DEFAULT("0.0.0.0/0"));
}

static void test_empty_and_title(void)
{
	struct site s = site_a;

	expect("no networks, ip", &s, VL_ROUTES_IP, NO_NETS,
	       "# no peer has AllowedIPs: no network to route\n");
	expect("no networks, dhcp121", &s, VL_ROUTES_DHCP121, NO_NETS,
	       "# no peer has AllowedIPs: no network to route\n");
	expect("only on-link networks, dnsmasq", &s, VL_ROUTES_DNSMASQ,
	       NETS("192.168.1.5/32"),
	       "# 192.168.1.5/32 left out: inside the LAN's subnet 192.168.1.0/24, so on-link; ProxyArp is off: it needs ProxyArp = yes, for this gateway to answer ARP for it\n"
	       "# no IPv4 network to route: option 121 is not needed\n");
	s.title = "vpnlink t: hello";
	expect("title, ip", &s, VL_ROUTES_IP, NETS("10.0.0.0/8"),
	       "# vpnlink t: hello\n"
	       "ip route add 10.0.0.0/8 via 192.168.1.1\n");
	expect("title, windows: REM", &s, VL_ROUTES_WINDOWS, NETS("10.0.0.0/8"),
	       "REM vpnlink t: hello\n"
	       "route -p ADD 10.0.0.0 MASK 255.0.0.0 192.168.1.1\n");
}

/* n networks 10.i.0.0/24, 8 option bytes each. */
static char *many(struct site *s, unsigned int n, int *ret)
{
	static char text[80][16];
	const char *nets[81];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(text[i], sizeof(text[i]), "10.%u.0.0/24", i);
		nets[i] = text[i];
	}
	nets[n] = NULL;
	return render(s, VL_ROUTES_DHCP121, nets, ret);
}

static void test_option_size(void)
{
	static const char *const warn =
		"# warning: 256 bytes, more than one DHCP option holds (255): the server must split it (RFC 3396)\n";
	struct site s = site_a;
	char *got, *value;
	int ret;

	/* 31 routes and the default: 31 * 8 + 5 = 253 bytes, one option. */
	s.router = "192.168.1.254";
	got = many(&s, 31, &ret);
	value = got ? strrchr(got, '\n') : NULL;
	tap_ok(!ret && got && !strchr(got, '#') &&
	       strchr(got, '\n') == value && value && !value[1] &&
	       strlen(got) == 253 * 3,
	       "253 bytes: no warning, one line of 253 bytes");
	free(got);
	/* 32 routes: 256 bytes. */
	s.router = NULL;
	got = many(&s, 32, &ret);
	if (!tap_ok(!ret && got && !strncmp(got, WARN121, strlen(WARN121)) &&
		    !strncmp(got + strlen(WARN121), warn, strlen(warn)) &&
		    strlen(got) == strlen(WARN121) + strlen(warn) + 256 * 3,
		    "256 bytes: warned"))
		diag_text("got:", got);
	free(got);
}

static void test_fmt_parse(void)
{
	static const struct {
		const char *name;
		int fmt;		/* -1: refused */
	} cases[] = {
		{ "ip", VL_ROUTES_IP }, { "route", VL_ROUTES_ROUTE },
		{ "windows", VL_ROUTES_WINDOWS },
		{ "dhcp121", VL_ROUTES_DHCP121 },
		{ "dnsmasq", VL_ROUTES_DNSMASQ },
		{ "", -1 }, { "IP", -1 }, { "dhcp", -1 }, { "ip ", -1 },
		{ "dhcp1210", -1 },
	};
	enum vl_routes_fmt fmt;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt = (enum vl_routes_fmt)99;
		ret = vl_routes_fmt_parse(cases[i].name, &fmt);
		if (cases[i].fmt < 0)
			tap_ok(ret == -1, "--format '%s' refused",
			       cases[i].name);
		else
			tap_ok(!ret && (int)fmt == cases[i].fmt,
			       "--format '%s' taken", cases[i].name);
	}
}

/* A stream that cannot be written: the caller hears of it. */
static void test_write_error(void)
{
	struct vl_prefix p;
	struct vl_routes r = { .fmt = VL_ROUTES_IP };
	FILE *f = fopen("/dev/null", "r");

	must(f != NULL, "/dev/null");
	parse_addr("192.168.1.1", &r.gw4);
	must(!vl_parse_prefix("10.0.0.0/8", &p), "10.0.0.0/8");
	tap_ok(vl_routes_print(f, &r, &p, 1) == -EIO,
	       "a stream that fails to write: -EIO");
	fclose(f);
}

int main(void)
{
	test_site_a();
	test_site_b();
	test_rfc3442();
	test_default_route();
	test_ipv6();
	test_no_gateway();
	test_unknown_subnet();
	test_duplicates();
	test_empty_and_title();
	test_option_size();
	test_fmt_parse();
	test_write_error();
	return tap_exit();
}
