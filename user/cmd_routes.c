// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_routes.c: `vpnlink-helper routes CONFIG [--format FORMAT]`, what
 * the workstations on this gateway's LAN need in order to reach the
 * peers' networks through it: commands for their own routing tables, or
 * the DHCP option that hands the routes out.  The gateway is this host's
 * address on the first LanInterface, read over rtnetlink, unless
 * --gateway names it (so that it also runs on another machine).  Only
 * prints; nothing on the system changes.  The text itself is
 * routes_format.c's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#include "commands.h"
#include "config_load.h"
#include "config_values.h"
#include "routes_format.h"

#define ME	"vpnlink-helper routes"

/* The LAN's subnets, as found on the interface or given by --gateway. */
struct lan {
	struct vl_prefix *v;
	size_t n;
};

static int lan_add(struct lan *lan, const struct vl_prefix *p)
{
	struct vl_prefix *n = realloc(lan->v, (lan->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	lan->v = n;
	lan->v[lan->n] = *p;
	vl_prefix_mask(&lan->v[lan->n]);
	lan->n++;
	return 0;
}

/* One address of the LAN interface: the first of each family is the
 * gateway, and its subnet is where the workstations that use it are.
 * Further addresses are left alone: workstations on another subnet of
 * the same link would need another gateway address anyway.
 */
static int take_addr(struct rtnl_addr *a, struct vl_routes *r,
		     struct lan *lan)
{
	int family = rtnl_addr_get_family(a);
	struct nl_addr *local = rtnl_addr_get_local(a);
	struct vl_addr *gw = family == AF_INET ? &r->gw4 : &r->gw6;
	unsigned int len = family == AF_INET ? 4 : 16;
	struct vl_prefix p = { .family = family };

	if (family != AF_INET && family != AF_INET6)
		return 0;
	/* Workstations cannot route via a link-local next hop without
	 * naming their own interface, and a failed duplicate address
	 * detection leaves an address nobody answers on.
	 */
	if (family == AF_INET6 &&
	    rtnl_addr_get_scope(a) != RT_SCOPE_UNIVERSE)
		return 0;
	if (rtnl_addr_get_flags(a) & IFA_F_DADFAILED)
		return 0;
	if (!local || nl_addr_get_len(local) != len)
		return 0;
	memcpy(p.addr, nl_addr_get_binary_addr(local), len);
	p.prefix = rtnl_addr_get_prefixlen(a);
	if (gw->family == family)
		return 0;
	gw->family = family;
	memcpy(gw->addr, p.addr, sizeof(gw->addr));
	return lan_add(lan, &p);
}

/* The gateway's addresses and the LAN's subnets, from @ifname.  0, or
 * the exit status after saying what is wrong.
 */
static int read_lan(const char *ifname, struct vl_routes *r, struct lan *lan)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *link = NULL;
	struct nl_cache *cache = NULL;
	struct nl_object *obj;
	int ret, ifindex;

	if (!sk) {
		fprintf(stderr, ME ": out of memory\n");
		return 1;
	}
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (ret < 0) {
		fprintf(stderr, ME ": rtnetlink: %s\n", nl_geterror(ret));
		goto out;
	}
	ret = rtnl_link_get_kernel(sk, 0, ifname, &link);
	if (ret == -NLE_OBJ_NOTFOUND || ret == -NLE_NODEV) {
		fprintf(stderr,
			ME ": LanInterface %s: no such interface here (on another machine, give --gateway ADDR[/LEN])\n",
			ifname);
		goto out;
	}
	if (ret < 0) {
		fprintf(stderr, ME ": looking up %s: %s\n", ifname,
			nl_geterror(ret));
		goto out;
	}
	ifindex = rtnl_link_get_ifindex(link);
	ret = rtnl_addr_alloc_cache(sk, &cache);
	if (ret < 0) {
		fprintf(stderr, ME ": reading the addresses of %s: %s\n",
			ifname, nl_geterror(ret));
		goto out;
	}
	/* The cache keeps the kernel's order, ip addr's: primary first. */
	for (obj = nl_cache_get_first(cache); obj;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *a = (struct rtnl_addr *)obj;

		if (rtnl_addr_get_ifindex(a) != ifindex)
			continue;
		ret = take_addr(a, r, lan);
		if (ret) {
			fprintf(stderr, ME ": %s\n", strerror(-ret));
			goto out;
		}
	}
	ret = 0;
	if (!r->gw4.family && !r->gw6.family) {
		fprintf(stderr,
			ME ": LanInterface %s has no IPv4 or global IPv6 address (--gateway ADDR gives one)\n",
			ifname);
		ret = -1;
	}
out:
	nl_cache_free(cache);
	rtnl_link_put(link);
	nl_socket_free(sk);
	return ret ? 1 : 0;
}

/* --gateway ADDR or ADDR/LEN.  0, or 2 after saying what is wrong. */
static int take_gateway(const char *arg, struct vl_routes *r, struct lan *lan)
{
	struct vl_prefix p;
	struct vl_addr *gw;

	if (vl_parse_prefix(arg, &p)) {
		fprintf(stderr, ME ": --gateway %s: not an address or ADDR/LEN\n",
			arg);
		return 2;
	}
	gw = p.family == AF_INET ? &r->gw4 : &r->gw6;
	if (gw->family) {
		fprintf(stderr,
			ME ": --gateway %s: a second %s gateway (one per family)\n",
			arg, p.family == AF_INET ? "IPv4" : "IPv6");
		return 2;
	}
	gw->family = p.family;
	memcpy(gw->addr, p.addr, sizeof(gw->addr));
	/* Without a length the subnet is unknown; the output says so. */
	if (strchr(arg, '/') && lan_add(lan, &p)) {
		fprintf(stderr, ME ": out of memory\n");
		return 1;
	}
	return 0;
}

/* Every peer's AllowedIPs, in config order; the printer drops repeats. */
static struct vl_prefix *networks(const struct vl_config *cfg, size_t *n)
{
	struct vl_prefix *v;
	size_t i, total = 0;

	for (i = 0; i < cfg->n_peers; i++)
		total += cfg->peers[i].n_allowed_ips;
	v = malloc((total ? total : 1) * sizeof(*v));
	if (!v)
		return NULL;
	*n = 0;
	for (i = 0; i < cfg->n_peers; i++) {
		memcpy(v + *n, cfg->peers[i].allowed_ips,
		       cfg->peers[i].n_allowed_ips * sizeof(*v));
		*n += cfg->peers[i].n_allowed_ips;
	}
	return v;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper routes CONFIG [--format FORMAT]\n"
		"         [--gateway ADDR[/LEN]]... [--default-router ADDR]\n"
		"\n"
		"Prints what the workstations on this gateway's LAN need to\n"
		"reach the peers' networks (their AllowedIPs) through it: via\n"
		"its first IPv4 and first global IPv6 address on the first\n"
		"LanInterface.  Networks inside the LAN's own subnets, and\n"
		"default routes, get a comment saying why instead of a route.\n"
		"\n"
		"  -f, --format FORMAT\n"
		"        ip       ip route add ..., for sh (the default)\n"
		"        route    route add ... (net-tools)\n"
		"        windows  route -p ADD ..., a batch file for cmd.exe\n"
		"        dhcp121  DHCP option 121 (RFC 3442) as hex bytes\n"
		"        dnsmasq  dhcp-option lines for dnsmasq.conf\n"
		"  -g, --gateway ADDR[/LEN]\n"
		"        the gateway's address on the LAN, one per family,\n"
		"        instead of LanInterface's (so that this runs on any\n"
		"        machine); /LEN gives the LAN's subnet\n"
		"  -r, --default-router ADDR\n"
		"        dhcp121, dnsmasq: put the LAN's default route in the\n"
		"        option too; a client that takes option 121 ignores\n"
		"        option 3 (Router)\n"
		"  -h, --help\n"
		"        this text\n"
		"\n"
		"CONFIG is a path to NAME.conf, or a bare NAME for\n"
		"/etc/vpnlink/NAME.conf.\n");
}

int cmd_routes(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "gateway", required_argument, NULL, 'g' },
		{ "default-router", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char path[4096], ifname[VL_IFNAME_MAX + 1], title[128];
	struct vl_routes r = { .fmt = VL_ROUTES_IP };
	struct vl_config *cfg = NULL;
	struct vl_prefix *nets = NULL;
	struct lan lan = { 0 };
	bool given = false;
	size_t n_nets = 0;
	int c, ret;

	while ((c = getopt_long(argc, argv, "f:g:r:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (vl_routes_fmt_parse(optarg, &r.fmt)) {
				fprintf(stderr,
					ME ": --format %s: not ip, route, windows, dhcp121 or dnsmasq\n",
					optarg);
				ret = 2;
				goto out;
			}
			break;
		case 'g':
			ret = take_gateway(optarg, &r, &lan);
			if (ret)
				goto out;
			given = true;
			break;
		case 'r':
			if (vl_parse_addr(optarg, &r.default_router) ||
			    r.default_router.family != AF_INET) {
				fprintf(stderr,
					ME ": --default-router %s: not an IPv4 address\n",
					optarg);
				ret = 2;
				goto out;
			}
			break;
		case 'h':
			usage(stdout);
			ret = 0;
			goto out;
		default:
			usage(stderr);
			ret = 2;
			goto out;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		ret = 2;
		goto out;
	}
	if (r.default_router.family && r.fmt != VL_ROUTES_DHCP121 &&
	    r.fmt != VL_ROUTES_DNSMASQ) {
		fprintf(stderr,
			ME ": --default-router is for --format dhcp121 and dnsmasq\n");
		ret = 2;
		goto out;
	}
	if (vl_config_load(argv[optind], path, sizeof(path), ifname, &cfg)) {
		ret = 2;
		goto out;
	}
	if (!given && !cfg->lan_interfaces.n) {
		fprintf(stderr,
			ME ": %s has no LanInterface: set LanInterface = IFNAME in its [Interface], or pass --gateway ADDR[/LEN]\n",
			path);
		ret = 2;
		goto out;
	}
	if (!given) {
		r.lan_ifname = cfg->lan_interfaces.v[0];
		ret = read_lan(r.lan_ifname, &r, &lan);
		if (ret)
			goto out;
	}
	nets = networks(cfg, &n_nets);
	if (!nets) {
		fprintf(stderr, ME ": out of memory\n");
		ret = 1;
		goto out;
	}
	snprintf(title, sizeof(title),
		 "vpnlink %s: what the workstations on %s need to reach the peers' networks",
		 ifname, r.lan_ifname ? r.lan_ifname : "the LAN");
	r.title = title;
	r.lan = lan.v;
	r.n_lan = lan.n;
	r.proxy_arp = cfg->proxy_arp;
	ret = vl_routes_print(stdout, &r, nets, n_nets);
	if (!ret && fflush(stdout))
		ret = -errno;
	if (ret) {
		fprintf(stderr, ME ": writing the routes: %s\n",
			strerror(-ret));
		ret = 1;
	}
out:
	free(nets);
	free(lan.v);
	vl_config_free(cfg);
	return ret;
}
