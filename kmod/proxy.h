/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Proxy-ARP and NDP proxy on the LAN side: the gateway answers, with its
 * LAN MAC, for the addresses its peers own, so that LAN hosts that believe
 * those addresses on-link send their packets (and their replies) to it.
 *
 * The answer is built in the receive path of the LAN interface, from a
 * packet handler bound to that interface alone: no trip through the
 * neighbour proxy queue and its random delay.
 */
#ifndef _VPNLINK_PROXY_H
#define _VPNLINK_PROXY_H

#include <linux/netdevice.h>
#include <linux/ratelimit.h>

struct vl_device;

/* One LAN interface that a device answers on. */
struct vl_proxy_lan {
	struct vl_device *vl;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct packet_type arp_pt;
	struct packet_type ipv6_pt;
	struct ratelimit_state limit;
	struct list_head list;		/* vl->proxy_lans */
};

/* Most addresses announced per LAN interface when proxying starts. */
#define VL_PROXY_ANNOUNCE_MAX		256

int vl_proxy_init(void);
void vl_proxy_exit(void);

/* Replaces the set of LAN interfaces by ifindex (in the device's
 * namespace), announcing the proxied addresses on each one that is new.
 * Under RTNL and vl->lock.
 */
int vl_proxy_set(struct vl_device *vl, const u32 *ifindex, unsigned int n,
		 struct netlink_ext_ack *extack);
/* Announces again on every LAN interface (the device came up).  Under
 * RTNL and vl->lock.
 */
void vl_proxy_announce_all(struct vl_device *vl);
/* Replies per second on each LAN interface, from now on.  Under vl->lock. */
void vl_proxy_set_rate(struct vl_device *vl, u32 rate);
/* Stops answering on every LAN interface.  Under RTNL. */
void vl_proxy_clear(struct vl_device *vl);

/* The packet path, one file per protocol. */
int vl_proxy_arp_rcv(struct sk_buff *skb, struct net_device *dev,
		     struct packet_type *pt, struct net_device *orig_dev);
int vl_proxy_nd_rcv(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev);

/* Shared by both: may lan answer for addr (4 or 16 bytes)?  Counts the
 * reason when not.  Under rcu_read_lock.
 */
bool vl_proxy_may_answer(struct vl_proxy_lan *lan, int family,
			 const void *addr);

/* Gratuitous ARP / unsolicited NA for addr on lan's interface. */
void vl_proxy_arp_announce(struct vl_proxy_lan *lan, __be32 addr);
void vl_proxy_nd_announce(struct vl_proxy_lan *lan,
			  const struct in6_addr *addr);

#endif /* _VPNLINK_PROXY_H */
