// SPDX-License-Identifier: GPL-2.0
/*
 * Which LAN interfaces a device answers on, what it may answer for, and
 * the announcements when it starts.  The packets themselves are built in
 * proxy_arp.c and proxy_nd.c.
 *
 * A LAN interface is held (with a tracker) while it is in a set, and
 * leaves every set when it is unregistered or leaves its namespace.
 */
#include "proxy.h"
#include "device.h"
#include "peer.h"

#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/route.h>

/* Whether addr lies in one of the subnets of dev: the hosts there believe
 * it on-link and ask for it.  Link-local IPv6 prefixes are nobody's
 * remote network.  Under RCU or RTNL.
 */
static bool vl_proxy_in_subnet(struct net_device *dev, int family,
			       const void *addr)
{
	if (family == AF_INET) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);
		const struct in_ifaddr *ifa;
		__be32 a = *(const __be32 *)addr;

		if (!in_dev)
			return false;
		in_dev_for_each_ifa_rcu(ifa, in_dev)
			if (inet_ifa_match(a, ifa))
				return true;
	} else {
		struct inet6_dev *idev = __in6_dev_get(dev);
		const struct inet6_ifaddr *ifp;

		if (!idev)
			return false;
		list_for_each_entry_rcu(ifp, &idev->addr_list, if_list) {
			if (ipv6_addr_type(&ifp->addr) & IPV6_ADDR_LINKLOCAL)
				continue;
			if (ipv6_prefix_equal(addr, &ifp->addr,
					      ifp->prefix_len))
				return true;
		}
	}
	return false;
}

/* An address of this host is answered by the host itself, never by us. */
static bool vl_proxy_is_local(struct net *net, int family, const void *addr)
{
	if (family == AF_INET)
		return inet_addr_type(net, *(const __be32 *)addr) == RTN_LOCAL;
	return ipv6_chk_addr(net, addr, NULL, 0);
}

bool vl_proxy_may_answer(struct vl_proxy_lan *lan, int family,
			 const void *addr)
{
	struct vl_device *vl = lan->vl;
	enum vl_drop_reason why;

	if (!netif_running(vl->dev))
		why = VL_COUNT_PROXY_IGN_DOWN;
	else if (!vl_allowedips_lookup(&vl->table, family, addr))
		why = VL_COUNT_PROXY_IGN_NOT_OWNED;
	else if (!vl_proxy_in_subnet(lan->dev, family, addr))
		why = VL_COUNT_PROXY_IGN_SUBNET;
	else if (vl_proxy_is_local(dev_net(lan->dev), family, addr))
		why = VL_COUNT_PROXY_IGN_LOCAL;
	else if (!__ratelimit(&lan->limit))
		why = VL_COUNT_PROXY_IGN_RATELIMIT;
	else
		return true;
	vl_count(vl, why);
	return false;
}

/*
 * Announces every address of prefix (host order key, as in the trie) that
 * lies in one of the LAN's subnets, for intersections of at most 256
 * addresses: a /24 that a peer owns inside the LAN is announced, a /8 that
 * contains the LAN is not (nobody could have all of it cached).
 */
static void vl_proxy_announce4(struct vl_proxy_lan *lan, __be32 prefix,
			       u8 cidr, unsigned int *budget)
{
	struct in_device *in_dev = __in_dev_get_rtnl(lan->dev);
	struct net *net = dev_net(lan->dev);
	const struct in_ifaddr *ifa;

	if (!in_dev)
		return;
	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		u8 len = max_t(u8, cidr, ifa->ifa_prefixlen);
		u32 first, count, i;

		/* A secondary address shares its primary's subnet. */
		if (ifa->ifa_flags & IFA_F_SECONDARY ||
		    ifa->ifa_prefixlen >= 31 || len < 24)
			continue;
		/* The two prefixes overlap when they agree on the shorter. */
		if ((prefix ^ ifa->ifa_address) &
		    inet_make_mask(min_t(u8, cidr, ifa->ifa_prefixlen)))
			continue;
		first = ntohl(cidr >= ifa->ifa_prefixlen ? prefix :
			      ifa->ifa_address & ifa->ifa_mask);
		count = 1U << (32 - len);
		for (i = 0; i < count && *budget; i++) {
			__be32 a = htonl(first + i);

			/* Not the LAN's network or broadcast address. */
			if (!(a & ~ifa->ifa_mask) || !(~(a | ifa->ifa_mask)))
				continue;
			if (vl_proxy_is_local(net, AF_INET, &a))
				continue;
			vl_proxy_arp_announce(lan, a);
			(*budget)--;
		}
	}
}

static void vl_proxy_announce6(struct vl_proxy_lan *lan,
			       const struct in6_addr *prefix, u8 cidr,
			       unsigned int *budget)
{
	struct inet6_dev *idev = __in6_dev_get(lan->dev);
	struct net *net = dev_net(lan->dev);
	const struct inet6_ifaddr *ifp;

	if (!idev)
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(ifp, &idev->addr_list, if_list) {
		u8 len = max_t(u8, cidr, ifp->prefix_len);
		struct in6_addr a, anycast;
		u32 count, i;

		if (ipv6_addr_type(&ifp->addr) & IPV6_ADDR_LINKLOCAL ||
		    len < 120 ||
		    !ipv6_prefix_equal(prefix, &ifp->addr,
				       min_t(u8, cidr, ifp->prefix_len)))
			continue;
		ipv6_addr_prefix(&a, cidr >= ifp->prefix_len ? prefix :
				 &ifp->addr, len);
		ipv6_addr_prefix(&anycast, &ifp->addr, ifp->prefix_len);
		count = 1U << (128 - len);
		for (i = 0; i < count && *budget; i++) {
			a.s6_addr[15] = (a.s6_addr[15] & ~(count - 1)) | i;
			/* The subnet-router anycast address is the router's. */
			if (ipv6_addr_equal(&a, &anycast))
				continue;
			if (vl_proxy_is_local(net, AF_INET6, &a))
				continue;
			vl_proxy_nd_announce(lan, &a);
			(*budget)--;
		}
	}
	rcu_read_unlock();
}

/* So that LAN hosts that cached another MAC for the proxied addresses (a
 * gateway that failed, say) follow this one.  Under RTNL and vl->lock.
 */
static void vl_proxy_announce(struct vl_proxy_lan *lan)
{
	unsigned int budget = VL_PROXY_ANNOUNCE_MAX;
	struct vl_device *vl = lan->vl;
	struct vl_aip_node *node;
	struct vl_peer *peer;
	u8 addr[16];

	ASSERT_RTNL();
	lockdep_assert_held(&vl->lock);
	if (!netif_running(vl->dev) || !netif_running(lan->dev))
		return;
	list_for_each_entry(peer, &vl->peers, list) {
		list_for_each_entry(node, &peer->allowedips, peer_list) {
			vl_allowedips_node_addr(node, addr);
			if (node->family == AF_INET)
				vl_proxy_announce4(lan, *(__be32 *)addr,
						   node->cidr, &budget);
			else
				vl_proxy_announce6(lan,
						   (struct in6_addr *)addr,
						   node->cidr, &budget);
		}
	}
}

void vl_proxy_announce_all(struct vl_device *vl)
{
	struct vl_proxy_lan *lan;

	list_for_each_entry(lan, &vl->proxy_lans, list)
		vl_proxy_announce(lan);
}

static struct vl_proxy_lan *vl_proxy_lan_new(struct vl_device *vl,
					     struct net_device *dev)
{
	struct vl_proxy_lan *lan = kzalloc(sizeof(*lan), GFP_KERNEL);

	if (!lan)
		return NULL;
	lan->vl = vl;
	lan->dev = dev;
	lan->arp_pt.type = htons(ETH_P_ARP);
	lan->arp_pt.dev = dev;
	lan->arp_pt.func = vl_proxy_arp_rcv;
	lan->ipv6_pt.type = htons(ETH_P_IPV6);
	lan->ipv6_pt.dev = dev;
	lan->ipv6_pt.func = vl_proxy_nd_rcv;
	ratelimit_state_init(&lan->limit, HZ, vl->proxy_rate);
	/* A limit on replies, not on log lines: never print. */
	ratelimit_set_flags(&lan->limit, RATELIMIT_MSG_ON_RELEASE);
	INIT_LIST_HEAD(&lan->list);
	return lan;
}

void vl_proxy_set_rate(struct vl_device *vl, u32 rate)
{
	struct vl_proxy_lan *lan;
	unsigned long flags;

	lockdep_assert_held(&vl->lock);
	WRITE_ONCE(vl->proxy_rate, rate);
	/* The packet path reads the burst under the state's own lock. */
	list_for_each_entry(lan, &vl->proxy_lans, list) {
		raw_spin_lock_irqsave(&lan->limit.lock, flags);
		lan->limit.burst = rate;
		raw_spin_unlock_irqrestore(&lan->limit.lock, flags);
	}
}

/* Unhooks the LANs on list (already off their device's list) and frees
 * them once no packet handler can be running on them.
 */
static void vl_proxy_free_list(struct list_head *list)
{
	struct vl_proxy_lan *lan, *tmp;

	if (list_empty(list))
		return;
	list_for_each_entry(lan, list, list) {
		__dev_remove_pack(&lan->arp_pt);
		__dev_remove_pack(&lan->ipv6_pt);
	}
	synchronize_net();
	list_for_each_entry_safe(lan, tmp, list, list) {
		netdev_put(lan->dev, &lan->dev_tracker);
		kfree(lan);
	}
}

static struct vl_proxy_lan *vl_proxy_find(struct list_head *list,
					  struct net_device *dev)
{
	struct vl_proxy_lan *lan;

	list_for_each_entry(lan, list, list)
		if (lan->dev == dev)
			return lan;
	return NULL;
}

static int vl_proxy_check_dev(struct net_device *dev,
			      struct netlink_ext_ack *extack)
{
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "LAN interface is not Ethernet");
		return -EINVAL;
	}
	/* The bridge takes its ports' packets before any handler of ours
	 * would see them.
	 */
	if (netif_is_bridge_port(dev)) {
		NL_SET_ERR_MSG(extack,
			       "LAN interface is a bridge port: name the bridge");
		return -EINVAL;
	}
	return 0;
}

int vl_proxy_set(struct vl_device *vl, const u32 *ifindex, unsigned int n,
		 struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(vl->dev);
	struct vl_proxy_lan *lan, *tmp;
	LIST_HEAD(added);
	LIST_HEAD(gone);
	unsigned int i;
	int ret;

	ASSERT_RTNL();
	lockdep_assert_held(&vl->lock);

	/* Everything that can fail comes first: the set changes whole. */
	for (i = 0; i < n; i++) {
		struct net_device *dev = __dev_get_by_index(net, ifindex[i]);

		if (!dev) {
			NL_SET_ERR_MSG(extack, "no such LAN interface");
			ret = -ENODEV;
			goto err;
		}
		ret = vl_proxy_check_dev(dev, extack);
		if (ret)
			goto err;
		if (vl_proxy_find(&vl->proxy_lans, dev) ||
		    vl_proxy_find(&added, dev))
			continue;
		lan = vl_proxy_lan_new(vl, dev);
		if (!lan) {
			ret = -ENOMEM;
			goto err;
		}
		list_add_tail(&lan->list, &added);
	}

	/* Those no longer named go. */
	list_for_each_entry_safe(lan, tmp, &vl->proxy_lans, list) {
		for (i = 0; i < n; i++)
			if (lan->dev->ifindex == ifindex[i])
				break;
		if (i < n)
			continue;
		list_del_rcu(&lan->list);
		list_add(&lan->list, &gone);
	}
	vl_proxy_free_list(&gone);

	list_for_each_entry_safe(lan, tmp, &added, list) {
		list_del(&lan->list);
		netdev_hold(lan->dev, &lan->dev_tracker, GFP_KERNEL);
		list_add_tail_rcu(&lan->list, &vl->proxy_lans);
		dev_add_pack(&lan->arp_pt);
		dev_add_pack(&lan->ipv6_pt);
		vl_proxy_announce(lan);
	}
	return 0;

err:
	list_for_each_entry_safe(lan, tmp, &added, list)
		kfree(lan);
	return ret;
}

/* Takes dev (or, with dev NULL, every interface) out of vl's set. */
static void vl_proxy_forget(struct vl_device *vl, struct net_device *dev)
{
	struct vl_proxy_lan *lan, *tmp;
	LIST_HEAD(gone);

	ASSERT_RTNL();
	mutex_lock(&vl->lock);
	list_for_each_entry_safe(lan, tmp, &vl->proxy_lans, list) {
		if (dev && lan->dev != dev)
			continue;
		list_del_rcu(&lan->list);
		list_add(&lan->list, &gone);
	}
	mutex_unlock(&vl->lock);
	vl_proxy_free_list(&gone);
}

void vl_proxy_clear(struct vl_device *vl)
{
	vl_proxy_forget(vl, NULL);
}

static void vl_proxy_forget_dev(struct vl_device *vl, void *dev)
{
	vl_proxy_forget(vl, dev);
}

/* NETDEV_UNREGISTER comes both when an interface goes and when it leaves
 * its namespace: either way it is no longer the LAN of anyone here.
 */
static int vl_proxy_netdev_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	if (dev->rtnl_link_ops == &vl_link_ops)
		vl_proxy_clear(netdev_priv(dev));
	else if (dev->type == ARPHRD_ETHER)
		vl_devices_for_each(vl_proxy_forget_dev, dev);
	return NOTIFY_DONE;
}

static struct notifier_block vl_proxy_notifier = {
	.notifier_call = vl_proxy_netdev_event,
};

int vl_proxy_init(void)
{
	return register_netdevice_notifier(&vl_proxy_notifier);
}

void vl_proxy_exit(void)
{
	unregister_netdevice_notifier(&vl_proxy_notifier);
}
