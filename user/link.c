// SPDX-License-Identifier: GPL-2.0
/*
 * link.c: what `ip link`, `ip addr` and `ip route` would do for `up`,
 * done through libnl-route so that every error comes back as an errno
 * rather than as text from a child process.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include "link.h"
#include "log.h"

/* RTPROT_STATIC: routes an admin set, as `ip route add` marks them. */
#define VL_ROUTE_PROTO	RTPROT_STATIC

struct nl_sock *vl_rtnl_open(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret;

	if (!sk) {
		vl_log(LOG_ERR, "out of memory");
		return NULL;
	}
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (ret < 0) {
		vl_log(LOG_ERR, "rtnetlink: %s", nl_geterror(ret));
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

void vl_rtnl_close(struct nl_sock *sk)
{
	nl_socket_free(sk);
}

const char *vl_prefix_str(const struct vl_prefix *p, char *buf,
			  unsigned int size)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(p->family, p->addr, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	snprintf(buf, size, "%s/%u", addr, p->prefix);
	return buf;
}

/* libnl reports its own error numbers; the rest of the helper speaks
 * errno.  The common ones map back, the others become EIO.
 */
static int nl_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_EXIST:
		return -EEXIST;
	case NLE_OBJ_NOTFOUND:
	case NLE_NODEV:
		return -ENODEV;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_OPNOTSUPP:
	case NLE_AF_NOSUPPORT:
		return -EOPNOTSUPP;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_RANGE:
		return -ERANGE;
	default:
		return -EIO;
	}
}

int vl_link_lookup(struct nl_sock *sk, const char *name, char *kind,
		   unsigned int kind_size)
{
	struct rtnl_link *link = NULL;
	const char *type;
	int ret, ifindex;

	if (kind_size)
		kind[0] = '\0';
	ret = rtnl_link_get_kernel(sk, 0, name, &link);
	if (ret == -NLE_OBJ_NOTFOUND || ret == -NLE_NODEV)
		return 0;
	if (ret < 0) {
		vl_log(LOG_ERR, "looking up %s: %s", name, nl_geterror(ret));
		return nl_to_errno(ret);
	}
	ifindex = rtnl_link_get_ifindex(link);
	type = rtnl_link_get_type(link);
	if (type && kind_size)
		snprintf(kind, kind_size, "%s", type);
	rtnl_link_put(link);
	return ifindex;
}

int vl_link_count_kind(struct nl_sock *sk, const char *kind,
		       const char *except)
{
	struct nl_cache *cache;
	struct nl_object *obj;
	int ret, n = 0;

	ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	if (ret < 0) {
		vl_log(LOG_ERR, "listing interfaces: %s", nl_geterror(ret));
		return nl_to_errno(ret);
	}
	for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *)obj;
		const char *type = rtnl_link_get_type(link);
		const char *name = rtnl_link_get_name(link);

		if (type && !strcmp(type, kind) &&
		    !(except && name && !strcmp(name, except)))
			n++;
	}
	nl_cache_free(cache);
	return n;
}

int vl_link_create(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int ret;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, name);
	ret = rtnl_link_set_type(link, "vpnlink");
	if (ret >= 0)
		ret = rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(link);
	if (ret < 0) {
		vl_log(LOG_ERR, "creating interface %s: %s", name,
		       nl_geterror(ret));
		return nl_to_errno(ret);
	}
	return 0;
}

int vl_link_delete(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int ret;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, name);
	ret = rtnl_link_delete(sk, link);
	rtnl_link_put(link);
	if (ret < 0) {
		vl_log(LOG_ERR, "deleting interface %s: %s", name,
		       nl_geterror(ret));
		return nl_to_errno(ret);
	}
	return 0;
}

int vl_link_set_up(struct nl_sock *sk, int ifindex, unsigned int mtu)
{
	struct rtnl_link *orig = rtnl_link_alloc();
	struct rtnl_link *change = rtnl_link_alloc();
	int ret = -ENOMEM;

	if (!orig || !change)
		goto out;
	rtnl_link_set_ifindex(orig, ifindex);
	if (mtu)
		rtnl_link_set_mtu(change, mtu);
	rtnl_link_set_flags(change, IFF_UP);
	ret = rtnl_link_change(sk, orig, change, 0);
	if (ret < 0) {
		vl_log(LOG_ERR, "setting interface up (MTU %u): %s", mtu,
		       nl_geterror(ret));
		ret = nl_to_errno(ret);
	}
out:
	rtnl_link_put(orig);
	rtnl_link_put(change);
	return ret;
}

int vl_link_mtu(struct nl_sock *sk, int ifindex, unsigned int *mtu)
{
	struct rtnl_link *link = NULL;
	int ret = rtnl_link_get_kernel(sk, ifindex, NULL, &link);

	if (ret < 0)
		return nl_to_errno(ret);
	*mtu = rtnl_link_get_mtu(link);
	rtnl_link_put(link);
	return 0;
}

static struct nl_addr *prefix_addr(const struct vl_prefix *p)
{
	struct nl_addr *a = nl_addr_build(p->family, p->addr,
					  p->family == AF_INET ? 4 : 16);

	if (a)
		nl_addr_set_prefixlen(a, p->prefix);
	return a;
}

int vl_addr_add(struct nl_sock *sk, int ifindex, const struct vl_prefix *p)
{
	struct rtnl_addr *addr = rtnl_addr_alloc();
	struct nl_addr *local = prefix_addr(p);
	char buf[64];
	int ret = -ENOMEM;

	if (!addr || !local)
		goto out;
	rtnl_addr_set_ifindex(addr, ifindex);
	ret = rtnl_addr_set_local(addr, local);
	if (ret >= 0)
		ret = rtnl_addr_add(sk, addr, 0);
	if (ret == -NLE_EXIST)
		ret = 0;
	if (ret < 0) {
		vl_log(LOG_ERR, "adding address %s: %s",
		       vl_prefix_str(p, buf, sizeof(buf)), nl_geterror(ret));
		ret = nl_to_errno(ret);
	}
out:
	nl_addr_put(local);
	rtnl_addr_put(addr);
	return ret;
}

static struct rtnl_route *build_route(int ifindex, const struct vl_prefix *p,
				      uint32_t table)
{
	struct rtnl_route *route = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *dst = prefix_addr(p);

	if (!route || !nh || !dst || rtnl_route_set_dst(route, dst) < 0) {
		rtnl_route_put(route);
		rtnl_route_nh_free(nh);
		nl_addr_put(dst);
		return NULL;
	}
	nl_addr_put(dst);	/* the route holds its own reference */
	rtnl_route_set_family(route, p->family);
	rtnl_route_set_table(route, table);
	rtnl_route_set_protocol(route, VL_ROUTE_PROTO);
	rtnl_route_set_scope(route, RT_SCOPE_LINK);
	rtnl_route_nh_set_ifindex(nh, ifindex);
	rtnl_route_add_nexthop(route, nh);	/* owns nh from here */
	return route;
}

int vl_route_add(struct nl_sock *sk, int ifindex, const struct vl_prefix *p,
		 uint32_t table)
{
	struct rtnl_route *route = build_route(ifindex, p, table);
	char buf[64];
	int ret;

	if (!route)
		return -ENOMEM;
	ret = rtnl_route_add(sk, route, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_route_put(route);
	if (ret == -NLE_EXIST)
		return 0;
	if (ret < 0) {
		vl_log(LOG_ERR, "adding route %s (table %u): %s",
		       vl_prefix_str(p, buf, sizeof(buf)), table,
		       nl_geterror(ret));
		return nl_to_errno(ret);
	}
	return 0;
}

int vl_route_del(struct nl_sock *sk, int ifindex, const struct vl_prefix *p,
		 uint32_t table)
{
	struct rtnl_route *route = build_route(ifindex, p, table);
	int ret;

	if (!route)
		return -ENOMEM;
	ret = rtnl_route_delete(sk, route, 0);
	rtnl_route_put(route);
	return ret < 0 ? nl_to_errno(ret) : 0;
}
