// SPDX-License-Identifier: GPL-2.0
/*
 * The vpnlink generic netlink family: policies, device lookup, and the
 * device, keypair and handshake commands.  Peer commands are in
 * netlink_peer.c, events in events.c.
 *
 * Every request is untrusted: policies validate types and lengths
 * strictly, and the handlers check what policies cannot express (which
 * attributes are required together, address family against length)
 * before they change anything, so a rejected request changes nothing.
 */
#include "device.h"
#include "keypair.h"
#include "messages.h"
#include "netlink_priv.h"
#include "peer.h"
#include "proxy.h"
#include "send.h"
#include "socket.h"

#include <linux/if.h>
#include <linux/in6.h>
#include <net/ipv6.h>
#include <net/sock.h>

static const struct nla_policy vl_endpoint_policy[VPNLINK_A_ENDPOINT_MAX + 1] = {
	[VPNLINK_A_ENDPOINT_ADDR4] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[VPNLINK_A_ENDPOINT_ADDR6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VPNLINK_A_ENDPOINT_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VPNLINK_A_ENDPOINT_SCOPE_ID] = { .type = NLA_U32 },
	[VPNLINK_A_ENDPOINT_LOCAL4] = NLA_POLICY_EXACT_LEN(sizeof(struct in_addr)),
	[VPNLINK_A_ENDPOINT_LOCAL6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

const struct nla_policy vl_allowedip_policy[VPNLINK_A_ALLOWEDIP_MAX + 1] = {
	[VPNLINK_A_ALLOWEDIP_FAMILY] = { .type = NLA_U16 },
	[VPNLINK_A_ALLOWEDIP_ADDR] = NLA_POLICY_RANGE(NLA_BINARY,
						      sizeof(struct in_addr),
						      sizeof(struct in6_addr)),
	[VPNLINK_A_ALLOWEDIP_CIDR] = NLA_POLICY_MAX(NLA_U8, 128),
	[VPNLINK_A_ALLOWEDIP_FLAGS] = NLA_POLICY_MASK(NLA_U32,
						      VPNLINK_ALLOWEDIP_F_ALL),
};

/* Keypair limits may only be lowered.  (The policy API wants these
 * writable, but nothing writes them.)
 */
static struct netlink_range_validation vl_reject_ms_range = {
	.min = 1,
	.max = VPNLINK_REJECT_AFTER_MS,
};

static struct netlink_range_validation vl_reject_messages_range = {
	.min = 1,
	.max = VPNLINK_REJECT_AFTER_MESSAGES,
};

static struct netlink_range_validation vl_proxy_rate_range = {
	.min = 1,
	.max = VPNLINK_PROXY_RATE_MAX,
};

#define VL_REPLY_ONLY \
	{ .type = NLA_REJECT, .reject_message = "attribute is reply-only" }

static const struct nla_policy vl_keypair_policy[VPNLINK_A_KEYPAIR_MAX + 1] = {
	[VPNLINK_A_KEYPAIR_LOCAL_INDEX] = { .type = NLA_U32 },
	[VPNLINK_A_KEYPAIR_REMOTE_INDEX] = { .type = NLA_U32 },
	[VPNLINK_A_KEYPAIR_SEND_KEY] = NLA_POLICY_EXACT_LEN(VPNLINK_KEY_LEN),
	[VPNLINK_A_KEYPAIR_RECV_KEY] = NLA_POLICY_EXACT_LEN(VPNLINK_KEY_LEN),
	[VPNLINK_A_KEYPAIR_INITIATOR] = { .type = NLA_FLAG },
	[VPNLINK_A_KEYPAIR_REJECT_AFTER_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vl_reject_ms_range),
	[VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES] =
		NLA_POLICY_FULL_RANGE(NLA_U64, &vl_reject_messages_range),
	[VPNLINK_A_KEYPAIR_SLOT] = VL_REPLY_ONLY,
	[VPNLINK_A_KEYPAIR_AGE_MS] = VL_REPLY_ONLY,
	[VPNLINK_A_KEYPAIR_TX_COUNTER] = VL_REPLY_ONLY,
	[VPNLINK_A_KEYPAIR_RX_COUNTER] = VL_REPLY_ONLY,
	[VPNLINK_A_KEYPAIR_PAD] = VL_REPLY_ONLY,
};

const struct nla_policy vl_peer_policy[VPNLINK_A_PEER_MAX + 1] = {
	[VPNLINK_A_PEER_PUBLIC_KEY] = NLA_POLICY_EXACT_LEN(VPNLINK_KEY_LEN),
	[VPNLINK_A_PEER_FLAGS] = NLA_POLICY_MASK(NLA_U32, VPNLINK_PEER_F_ALL),
	[VPNLINK_A_PEER_ENDPOINT] = NLA_POLICY_NESTED(vl_endpoint_policy),
	[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE] = { .type = NLA_U16 },
	[VPNLINK_A_PEER_ALLOWEDIP] = NLA_POLICY_NESTED(vl_allowedip_policy),
	[VPNLINK_A_PEER_KEYPAIR] = NLA_POLICY_NESTED(vl_keypair_policy),
	[VPNLINK_A_PEER_RX_BYTES] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_TX_BYTES] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_RX_PACKETS] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_TX_PACKETS] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_LAST_RX_NS] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_LAST_TX_NS] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER_PAD] = VL_REPLY_ONLY,
};

static const struct nla_policy
vl_proxy_lan_policy[VPNLINK_A_PROXY_LAN_MAX + 1] = {
	[VPNLINK_A_PROXY_LAN_IFINDEX] = { .type = NLA_U32 },
};

static const struct nla_policy vl_policy[VPNLINK_A_MAX + 1] = {
	[VPNLINK_A_IFINDEX] = { .type = NLA_U32 },
	[VPNLINK_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VPNLINK_A_LISTEN_PORT] = { .type = NLA_U16 },
	[VPNLINK_A_FWMARK] = { .type = NLA_U32 },
	[VPNLINK_A_PEER_COUNT] = VL_REPLY_ONLY,
	[VPNLINK_A_STATS] = VL_REPLY_ONLY,
	[VPNLINK_A_PEER] = NLA_POLICY_NESTED(vl_peer_policy),
	[VPNLINK_A_ENDPOINT] = NLA_POLICY_NESTED(vl_endpoint_policy),
	[VPNLINK_A_PAYLOAD] = NLA_POLICY_RANGE(NLA_BINARY,
					       VPNLINK_HANDSHAKE_COOKIE_LEN,
					       VPNLINK_HANDSHAKE_INITIATION_LEN),
	[VPNLINK_A_REASON] = VL_REPLY_ONLY,
	[VPNLINK_A_PAD] = VL_REPLY_ONLY,
	[VPNLINK_A_PROXY_LANS] = NLA_POLICY_NESTED(vl_proxy_lan_policy),
	[VPNLINK_A_PROXY_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32,
						       &vl_proxy_rate_range),
};

struct vl_device *vl_nl_device_get(struct net *net, struct nlattr **attrs,
				   struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;

	if (attrs[VPNLINK_A_IFINDEX]) {
		dev = dev_get_by_index(net, nla_get_u32(attrs[VPNLINK_A_IFINDEX]));
		if (dev && attrs[VPNLINK_A_IFNAME] &&
		    nla_strcmp(attrs[VPNLINK_A_IFNAME], dev->name)) {
			dev_put(dev);
			NL_SET_ERR_MSG(extack, "IFINDEX and IFNAME name different devices");
			return ERR_PTR(-EINVAL);
		}
	} else if (attrs[VPNLINK_A_IFNAME]) {
		char name[IFNAMSIZ];

		nla_strscpy(name, attrs[VPNLINK_A_IFNAME], sizeof(name));
		dev = dev_get_by_name(net, name);
	} else {
		NL_SET_ERR_MSG(extack, "IFINDEX or IFNAME is required");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such device in this namespace");
		return ERR_PTR(-ENODEV);
	}
	if (dev->rtnl_link_ops != &vl_link_ops) {
		dev_put(dev);
		NL_SET_ERR_MSG(extack, "device is not a vpnlink device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return netdev_priv(dev);
}

void vl_nl_device_put(struct vl_device *vl)
{
	dev_put(vl->dev);
}

int vl_nl_parse_endpoint(const struct nlattr *nest, struct vl_endpoint *ep,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VPNLINK_A_ENDPOINT_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, VPNLINK_A_ENDPOINT_MAX, nest,
			       vl_endpoint_policy, extack);
	if (ret)
		return ret;
	memset(ep, 0, sizeof(*ep));
	if (!tb[VPNLINK_A_ENDPOINT_PORT]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "endpoint needs a PORT");
		return -EINVAL;
	}
	if (!!tb[VPNLINK_A_ENDPOINT_ADDR4] == !!tb[VPNLINK_A_ENDPOINT_ADDR6]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "endpoint needs exactly one of ADDR4 and ADDR6");
		return -EINVAL;
	}
	if (tb[VPNLINK_A_ENDPOINT_ADDR4]) {
		if (tb[VPNLINK_A_ENDPOINT_SCOPE_ID]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_ENDPOINT_SCOPE_ID],
					    "SCOPE_ID is for IPv6 endpoints");
			return -EINVAL;
		}
		if (tb[VPNLINK_A_ENDPOINT_LOCAL6]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_ENDPOINT_LOCAL6],
					    "LOCAL6 is for IPv6 endpoints");
			return -EINVAL;
		}
		ep->addr4.sin_family = AF_INET;
		ep->addr4.sin_addr.s_addr =
			nla_get_in_addr(tb[VPNLINK_A_ENDPOINT_ADDR4]);
		ep->addr4.sin_port =
			htons(nla_get_u16(tb[VPNLINK_A_ENDPOINT_PORT]));
		if (tb[VPNLINK_A_ENDPOINT_LOCAL4])
			ep->src4.s_addr =
				nla_get_in_addr(tb[VPNLINK_A_ENDPOINT_LOCAL4]);
		return 0;
	}
	if (tb[VPNLINK_A_ENDPOINT_LOCAL4]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_ENDPOINT_LOCAL4],
				    "LOCAL4 is for IPv4 endpoints");
		return -EINVAL;
	}
	if (!IS_ENABLED(CONFIG_IPV6)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "IPv6 is not available");
		return -EAFNOSUPPORT;
	}
	ep->addr6.sin6_family = AF_INET6;
	ep->addr6.sin6_addr = nla_get_in6_addr(tb[VPNLINK_A_ENDPOINT_ADDR6]);
	ep->addr6.sin6_port = htons(nla_get_u16(tb[VPNLINK_A_ENDPOINT_PORT]));
	if (tb[VPNLINK_A_ENDPOINT_SCOPE_ID])
		ep->addr6.sin6_scope_id =
			nla_get_u32(tb[VPNLINK_A_ENDPOINT_SCOPE_ID]);
	if (tb[VPNLINK_A_ENDPOINT_LOCAL6])
		ep->src6 = nla_get_in6_addr(tb[VPNLINK_A_ENDPOINT_LOCAL6]);
	return 0;
}

int vl_nl_put_endpoint(struct sk_buff *skb, int attrtype,
		       const struct vl_endpoint *ep)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (ep->addr.sa_family == AF_INET) {
		if (nla_put_in_addr(skb, VPNLINK_A_ENDPOINT_ADDR4,
				    ep->addr4.sin_addr.s_addr) ||
		    nla_put_u16(skb, VPNLINK_A_ENDPOINT_PORT,
				ntohs(ep->addr4.sin_port)) ||
		    (ep->src4.s_addr &&
		     nla_put_in_addr(skb, VPNLINK_A_ENDPOINT_LOCAL4,
				     ep->src4.s_addr)))
			goto cancel;
	} else {
		if (nla_put_in6_addr(skb, VPNLINK_A_ENDPOINT_ADDR6,
				     &ep->addr6.sin6_addr) ||
		    nla_put_u16(skb, VPNLINK_A_ENDPOINT_PORT,
				ntohs(ep->addr6.sin6_port)) ||
		    (ep->addr6.sin6_scope_id &&
		     nla_put_u32(skb, VPNLINK_A_ENDPOINT_SCOPE_ID,
				 ep->addr6.sin6_scope_id)) ||
		    (!ipv6_addr_any(&ep->src6) &&
		     nla_put_in6_addr(skb, VPNLINK_A_ENDPOINT_LOCAL6,
				      &ep->src6)))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int vl_nl_parse_peer(struct genl_info *info, struct nlattr **tb)
{
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, VPNLINK_A_PEER))
		return -EINVAL;
	ret = nla_parse_nested(tb, VPNLINK_A_PEER_MAX,
			       info->attrs[VPNLINK_A_PEER], vl_peer_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[VPNLINK_A_PEER_PUBLIC_KEY]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPNLINK_A_PEER],
				    "PEER needs a PUBLIC_KEY");
		return -EINVAL;
	}
	return 0;
}

struct vl_peer *vl_nl_find_peer(struct vl_device *vl, struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	struct vl_peer *peer;

	peer = vl_peer_find(vl, nla_data(tb[VPNLINK_A_PEER_PUBLIC_KEY]));
	if (!peer)
		NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_PEER_PUBLIC_KEY],
				    "no peer with this public key");
	return peer;
}

static int vl_nl_put_stats(struct sk_buff *skb, struct vl_device *vl)
{
	/* The uapi numbering of drop counters, in enum vl_drop_reason order. */
	static const u16 attr[VL_COUNTERS] = {
		[VL_DROP_RX_MALFORMED] = VPNLINK_A_STATS_RX_MALFORMED,
		[VL_DROP_RX_UNKNOWN_INDEX] = VPNLINK_A_STATS_RX_UNKNOWN_INDEX,
		[VL_DROP_RX_DECRYPT] = VPNLINK_A_STATS_RX_DECRYPT,
		[VL_DROP_RX_REPLAY] = VPNLINK_A_STATS_RX_REPLAY,
		[VL_DROP_RX_SOURCE] = VPNLINK_A_STATS_RX_SOURCE,
		[VL_DROP_RX_EXPIRED] = VPNLINK_A_STATS_RX_EXPIRED,
		[VL_DROP_RX_HANDSHAKE] = VPNLINK_A_STATS_RX_HANDSHAKE_DROPPED,
		[VL_DROP_RX_BACKLOG] = VPNLINK_A_STATS_RX_BACKLOG,
		[VL_DROP_TX_NO_PEER] = VPNLINK_A_STATS_TX_NO_PEER,
		[VL_DROP_TX_NO_KEYPAIR] = VPNLINK_A_STATS_TX_NO_KEYPAIR,
		[VL_DROP_TX_NO_ENDPOINT] = VPNLINK_A_STATS_TX_NO_ENDPOINT,
		[VL_DROP_TX_ERROR] = VPNLINK_A_STATS_TX_ERROR,
		[VL_DROP_TX_LOOP] = VPNLINK_A_STATS_TX_LOOP,
		[VL_COUNT_RX_HANDSHAKES] = VPNLINK_A_STATS_RX_HANDSHAKES,
		[VL_COUNT_RX_KEEPALIVES] = VPNLINK_A_STATS_RX_KEEPALIVES,
		[VL_COUNT_PROXY_ARP_REPLIES] = VPNLINK_A_STATS_PROXY_ARP_REPLIES,
		[VL_COUNT_PROXY_ND_REPLIES] = VPNLINK_A_STATS_PROXY_ND_REPLIES,
		[VL_COUNT_PROXY_ANNOUNCES] = VPNLINK_A_STATS_PROXY_ANNOUNCES,
		[VL_COUNT_PROXY_IGN_GRATUITOUS] =
			VPNLINK_A_STATS_PROXY_IGN_GRATUITOUS,
		[VL_COUNT_PROXY_IGN_NOT_OWNED] =
			VPNLINK_A_STATS_PROXY_IGN_NOT_OWNED,
		[VL_COUNT_PROXY_IGN_SUBNET] = VPNLINK_A_STATS_PROXY_IGN_SUBNET,
		[VL_COUNT_PROXY_IGN_LOCAL] = VPNLINK_A_STATS_PROXY_IGN_LOCAL,
		[VL_COUNT_PROXY_IGN_DOWN] = VPNLINK_A_STATS_PROXY_IGN_DOWN,
		[VL_COUNT_PROXY_IGN_RATELIMIT] =
			VPNLINK_A_STATS_PROXY_IGN_RATELIMIT,
	};
	u64 c[VL_COUNTERS];
	struct nlattr *nest;
	unsigned int i;

	vl_counters_read(vl, c);
	nest = nla_nest_start(skb, VPNLINK_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < VL_COUNTERS; i++) {
		if (nla_put_u64_64bit(skb, attr[i], c[i], VPNLINK_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vl_nl_put_proxy_lans(struct sk_buff *skb, struct vl_device *vl)
{
	struct vl_proxy_lan *lan;
	struct nlattr *nest;
	int ret = 0;

	nest = nla_nest_start(skb, VPNLINK_A_PROXY_LANS);
	if (!nest)
		return -EMSGSIZE;
	rcu_read_lock();
	list_for_each_entry_rcu(lan, &vl->proxy_lans, list) {
		ret = nla_put_u32(skb, VPNLINK_A_PROXY_LAN_IFINDEX,
				  lan->dev->ifindex);
		if (ret)
			break;
	}
	rcu_read_unlock();
	if (ret) {
		nla_nest_cancel(skb, nest);
		return ret;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Lockless: every field is a single word read once, the LAN list under
 * RCU.
 */
static int vl_nl_fill_device(struct sk_buff *skb, struct vl_device *vl,
			     u32 portid, u32 seq, int flags)
{
	u16 port = READ_ONCE(vl->bound_port) ?: READ_ONCE(vl->listen_port);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vl_family, flags,
			  VPNLINK_CMD_GET_DEVICE);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPNLINK_A_IFINDEX, vl->dev->ifindex) ||
	    nla_put_string(skb, VPNLINK_A_IFNAME, vl->dev->name) ||
	    nla_put_u16(skb, VPNLINK_A_LISTEN_PORT, port) ||
	    nla_put_u32(skb, VPNLINK_A_FWMARK, READ_ONCE(vl->fwmark)) ||
	    nla_put_u32(skb, VPNLINK_A_PEER_COUNT, READ_ONCE(vl->peer_count)) ||
	    vl_nl_put_stats(skb, vl) || vl_nl_put_proxy_lans(skb, vl) ||
	    nla_put_u32(skb, VPNLINK_A_PROXY_RATE, READ_ONCE(vl->proxy_rate))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vl_nl_get_device(struct sk_buff *skb, struct genl_info *info)
{
	struct vl_device *vl;
	struct sk_buff *msg;
	int ret;

	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vl_nl_fill_device(msg, vl, info->snd_portid, info->snd_seq, 0);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	ret = genlmsg_reply(msg, info);
out:
	vl_nl_device_put(vl);
	return ret;
}

static int vl_nl_dump_devices(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	int idx = 0, skip = cb->args[0];

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (dev->rtnl_link_ops != &vl_link_ops)
			continue;
		if (idx++ < skip)
			continue;
		if (vl_nl_fill_device(skb, netdev_priv(dev),
				      NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/* The ifindexes of a PROXY_LANS nest; returns how many, or an error. */
static int vl_nl_parse_proxy_lans(struct genl_info *info,
				  u32 ifindex[VPNLINK_PROXY_LANS_MAX])
{
	struct nlattr *nest = info->attrs[VPNLINK_A_PROXY_LANS];
	struct nlattr *attr;
	int rem, n = 0;

	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != VPNLINK_A_PROXY_LAN_IFINDEX) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "PROXY_LANS holds only IFINDEX");
			return -EINVAL;
		}
		if (n == VPNLINK_PROXY_LANS_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest,
					    "too many LAN interfaces");
			return -E2BIG;
		}
		ifindex[n++] = nla_get_u32(attr);
	}
	return n;
}

static int vl_nl_set_device(struct sk_buff *skb, struct genl_info *info)
{
	u32 lans[VPNLINK_PROXY_LANS_MAX];
	struct vl_device *vl;
	struct vl_peer *peer;
	int n_lans = -1;
	int ret = 0;

	if (info->attrs[VPNLINK_A_PROXY_LANS]) {
		n_lans = vl_nl_parse_proxy_lans(info, lans);
		if (n_lans < 0)
			return n_lans;
	}
	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);

	/* LAN interfaces are held and hooked under RTNL, which comes before
	 * the device's lock (as in ndo_open).  The device was found before
	 * RTNL: deleted since, its unregistration cleared its LAN set
	 * already, and nothing would unhook a new one; moved since, the
	 * ifindexes would name another namespace's interfaces.
	 */
	if (n_lans >= 0) {
		rtnl_lock();
		if (vl->dev->reg_state != NETREG_REGISTERED ||
		    !net_eq(dev_net(vl->dev), genl_info_net(info))) {
			NL_SET_ERR_MSG(info->extack,
				       "device was deleted or left this namespace");
			ret = -ENODEV;
			goto out_rtnl;
		}
	}
	mutex_lock(&vl->lock);
	if (info->attrs[VPNLINK_A_PROXY_RATE])
		vl_proxy_set_rate(vl,
				  nla_get_u32(info->attrs[VPNLINK_A_PROXY_RATE]));
	if (n_lans >= 0) {
		ret = vl_proxy_set(vl, lans, n_lans, info->extack);
		if (ret)
			goto out;
	}
	if (info->attrs[VPNLINK_A_LISTEN_PORT]) {
		u16 port = nla_get_u16(info->attrs[VPNLINK_A_LISTEN_PORT]);
		u16 old = vl->listen_port;

		if (port != old) {
			WRITE_ONCE(vl->listen_port, port);
			ret = vl_device_reopen(vl);
			if (ret) {
				WRITE_ONCE(vl->listen_port, old);
				NL_SET_ERR_MSG_ATTR(info->extack,
						    info->attrs[VPNLINK_A_LISTEN_PORT],
						    "cannot bind the UDP port");
				goto out;
			}
		}
	}
	if (info->attrs[VPNLINK_A_FWMARK]) {
		WRITE_ONCE(vl->fwmark, nla_get_u32(info->attrs[VPNLINK_A_FWMARK]));
		/* Routes chosen under the old mark no longer apply. */
		list_for_each_entry(peer, &vl->peers, list)
			vl_peer_forget_source(peer);
	}
out:
	mutex_unlock(&vl->lock);
out_rtnl:
	if (n_lans >= 0)
		rtnl_unlock();
	vl_nl_device_put(vl);
	return ret;
}

static int vl_nl_parse_keypair(struct genl_info *info, struct nlattr **peer_tb,
			       struct vl_keypair_params *params)
{
	static const int required[] = {
		VPNLINK_A_KEYPAIR_LOCAL_INDEX, VPNLINK_A_KEYPAIR_REMOTE_INDEX,
		VPNLINK_A_KEYPAIR_SEND_KEY, VPNLINK_A_KEYPAIR_RECV_KEY,
	};
	struct nlattr *tb[VPNLINK_A_KEYPAIR_MAX + 1];
	struct nlattr *nest = peer_tb[VPNLINK_A_PEER_KEYPAIR];
	unsigned int i;
	int ret;

	if (!nest) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPNLINK_A_PEER],
				    "PEER needs a KEYPAIR");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, VPNLINK_A_KEYPAIR_MAX, nest,
			       vl_keypair_policy, info->extack);
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(required); i++) {
		if (!tb[required[i]]) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest,
					    "KEYPAIR needs LOCAL_INDEX, REMOTE_INDEX, SEND_KEY and RECV_KEY");
			return -EINVAL;
		}
	}
	memset(params, 0, sizeof(*params));
	params->local_index = nla_get_u32(tb[VPNLINK_A_KEYPAIR_LOCAL_INDEX]);
	params->remote_index = nla_get_u32(tb[VPNLINK_A_KEYPAIR_REMOTE_INDEX]);
	params->send_key = nla_data(tb[VPNLINK_A_KEYPAIR_SEND_KEY]);
	params->recv_key = nla_data(tb[VPNLINK_A_KEYPAIR_RECV_KEY]);
	params->initiator = nla_get_flag(tb[VPNLINK_A_KEYPAIR_INITIATOR]);
	if (tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MS])
		params->reject_after_ms =
			nla_get_u32(tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MS]);
	if (tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES])
		params->reject_after_messages =
			nla_get_u64(tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES]);
	return 0;
}

static int vl_nl_add_keypair(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];
	struct vl_keypair_params params;
	struct vl_device *vl;
	struct vl_peer *peer;
	int ret;

	ret = vl_nl_parse_peer(info, tb);
	if (ret)
		return ret;
	ret = vl_nl_parse_keypair(info, tb, &params);
	if (ret)
		return ret;
	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);

	mutex_lock(&vl->lock);
	peer = vl_nl_find_peer(vl, tb, info->extack);
	if (!peer) {
		ret = -ENOENT;
		goto out;
	}
	ret = vl_keypair_install(peer, &params);
	if (ret == -EEXIST) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VPNLINK_A_PEER_KEYPAIR],
				    "LOCAL_INDEX is in use on this device");
		goto out;
	}
	/* An initiator's keypair is live: send what waited for it, or a
	 * keepalive that lets the responder confirm its side.
	 */
	if (!ret && params.initiator && netif_running(vl->dev))
		vl_send_keepalive(peer);
out:
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

static int vl_nl_del_keypairs(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];
	struct vl_device *vl;
	struct vl_peer *peer;
	int ret;

	ret = vl_nl_parse_peer(info, tb);
	if (ret)
		return ret;
	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);
	mutex_lock(&vl->lock);
	peer = vl_nl_find_peer(vl, tb, info->extack);
	if (peer)
		vl_keypairs_clear(peer);
	else
		ret = -ENOENT;
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

static int vl_nl_send_handshake(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *payload = info->attrs[VPNLINK_A_PAYLOAD];
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];
	struct vl_endpoint ep;
	struct vl_device *vl;
	struct vl_peer *peer;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, VPNLINK_A_PAYLOAD))
		return -EINVAL;
	if (nla_len(payload) < sizeof(__le32) ||
	    vl_handshake_len(le32_to_cpu(*(__le32 *)nla_data(payload))) !=
	    nla_len(payload)) {
		NL_SET_ERR_MSG_ATTR(info->extack, payload,
				    "PAYLOAD is not a handshake message of its type's size");
		return -EINVAL;
	}
	if (!!info->attrs[VPNLINK_A_ENDPOINT] == !!info->attrs[VPNLINK_A_PEER]) {
		NL_SET_ERR_MSG(info->extack,
			       "exactly one of ENDPOINT and PEER is required");
		return -EINVAL;
	}
	if (info->attrs[VPNLINK_A_ENDPOINT]) {
		ret = vl_nl_parse_endpoint(info->attrs[VPNLINK_A_ENDPOINT], &ep,
					   info->extack);
		if (ret)
			return ret;
	} else {
		ret = vl_nl_parse_peer(info, tb);
		if (ret)
			return ret;
	}

	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);
	mutex_lock(&vl->lock);
	if (info->attrs[VPNLINK_A_PEER]) {
		peer = vl_nl_find_peer(vl, tb, info->extack);
		if (!peer) {
			ret = -ENOENT;
			goto out;
		}
		if (!vl_peer_get_endpoint(peer, &ep)) {
			NL_SET_ERR_MSG(info->extack, "peer has no endpoint");
			ret = -EDESTADDRREQ;
			goto out;
		}
	}
	if (!rcu_access_pointer(vl->sock4)) {
		NL_SET_ERR_MSG(info->extack, "device is down");
		ret = -ENETDOWN;
		goto out;
	}
	ret = vl_socket_send_buffer(vl, nla_data(payload), nla_len(payload),
				    &ep);
	if (ret)
		NL_SET_ERR_MSG(info->extack, "no route to the endpoint");
out:
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

static const struct genl_ops vl_ops[] = {
	{
		.cmd = VPNLINK_CMD_GET_DEVICE,
		.doit = vl_nl_get_device,
		.dumpit = vl_nl_dump_devices,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_SET_DEVICE,
		.doit = vl_nl_set_device,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_NEW_PEER,
		.doit = vl_nl_new_peer,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_SET_PEER,
		.doit = vl_nl_set_peer,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_DEL_PEER,
		.doit = vl_nl_del_peer,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_GET_PEER,
		.doit = vl_nl_get_peer,
		.start = vl_nl_dump_peers_start,
		.dumpit = vl_nl_dump_peers,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_ADD_KEYPAIR,
		.doit = vl_nl_add_keypair,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_DEL_KEYPAIRS,
		.doit = vl_nl_del_keypairs,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VPNLINK_CMD_SEND_HANDSHAKE,
		.doit = vl_nl_send_handshake,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group vl_mcgrps[] = {
	{ .name = VPNLINK_MCGRP_EVENTS },
};

struct genl_family vl_family __ro_after_init = {
	.name = VPNLINK_GENL_NAME,
	.version = VPNLINK_GENL_VERSION,
	.maxattr = VPNLINK_A_MAX,
	.policy = vl_policy,
	.netnsok = true,
	/* Each device has its own lock; no need for the global one. */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vl_ops,
	.n_ops = ARRAY_SIZE(vl_ops),
	.mcgrps = vl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vl_mcgrps),
};

int vl_netlink_init(void)
{
	return genl_register_family(&vl_family);
}

void vl_netlink_exit(void)
{
	genl_unregister_family(&vl_family);
}
