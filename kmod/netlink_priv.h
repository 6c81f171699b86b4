/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the netlink_*.c files share: the family, the peer policy, device
 * lookup and endpoint attributes, and the peer commands.
 */
#ifndef _VPNLINK_NETLINK_PRIV_H
#define _VPNLINK_NETLINK_PRIV_H

#include <net/genetlink.h>

#include "netlink.h"

extern struct genl_family vl_family;
extern const struct nla_policy vl_peer_policy[];
extern const struct nla_policy vl_allowedip_policy[];

/* The device named by IFINDEX or IFNAME in @attrs, held; or an ERR_PTR
 * with the reason in @extack.
 */
struct vl_device *vl_nl_device_get(struct net *net, struct nlattr **attrs,
				   struct netlink_ext_ack *extack);
void vl_nl_device_put(struct vl_device *vl);

int vl_nl_parse_endpoint(const struct nlattr *nest, struct vl_endpoint *ep,
			 struct netlink_ext_ack *extack);
int vl_nl_put_endpoint(struct sk_buff *skb, int attrtype,
		       const struct vl_endpoint *ep);

/* Parses the request's PEER nest into @tb; PEER and its PUBLIC_KEY are
 * required.
 */
int vl_nl_parse_peer(struct genl_info *info, struct nlattr **tb);
/* The peer @tb names, under vl->lock; NULL with the reason in @extack. */
struct vl_peer *vl_nl_find_peer(struct vl_device *vl, struct nlattr **tb,
				struct netlink_ext_ack *extack);

int vl_nl_new_peer(struct sk_buff *skb, struct genl_info *info);
int vl_nl_set_peer(struct sk_buff *skb, struct genl_info *info);
int vl_nl_del_peer(struct sk_buff *skb, struct genl_info *info);
int vl_nl_get_peer(struct sk_buff *skb, struct genl_info *info);
int vl_nl_dump_peers_start(struct netlink_callback *cb);
int vl_nl_dump_peers(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _VPNLINK_NETLINK_PRIV_H */
