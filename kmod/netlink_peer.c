// SPDX-License-Identifier: GPL-2.0
/*
 * Peer commands: NEW_PEER, SET_PEER, DEL_PEER and GET_PEER (one, or a dump
 * of all that may span many messages, a large peer included).
 */
#include "device.h"
#include "netlink_priv.h"
#include "peer.h"
#include "send.h"
#include "timers.h"

#include <crypto/curve25519.h>
#include <linux/in6.h>
#include <linux/timekeeping.h>
#include <net/sock.h>

/* Whether a public key is a point of small order (the all-zero key is
 * one): the Diffie-Hellman result with such a key is the same for every
 * private key, so a handshake with it authenticates no one.  WireGuard
 * refuses them; so does the helper, and so does the module, so that no
 * other client can install one.  Any clamped scalar is a multiple of the
 * cofactor, so it takes exactly these points to zero, which curve25519()
 * reports.  The scalar is no secret: only whether the result is zero
 * counts.
 */
static bool vl_key_is_low_order(const u8 key[VPNLINK_KEY_LEN])
{
	static const u8 scalar[CURVE25519_KEY_SIZE] = { [0] = 8, [31] = 64 };
	u8 out[CURVE25519_KEY_SIZE];

	return !curve25519(out, scalar, key);
}

/* One allowed IP of a request, checked. */
struct vl_nl_aip {
	int family;
	u8 addr[16];
	u8 cidr;
	bool remove;
};

static int vl_nl_parse_aip(const struct nlattr *nest, struct vl_nl_aip *aip,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VPNLINK_A_ALLOWEDIP_MAX + 1];
	unsigned int len;
	int ret;

	ret = nla_parse_nested(tb, VPNLINK_A_ALLOWEDIP_MAX, nest,
			       vl_allowedip_policy, extack);
	if (ret)
		return ret;
	if (!tb[VPNLINK_A_ALLOWEDIP_FAMILY] || !tb[VPNLINK_A_ALLOWEDIP_ADDR] ||
	    !tb[VPNLINK_A_ALLOWEDIP_CIDR]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "ALLOWEDIP needs FAMILY, ADDR and CIDR");
		return -EINVAL;
	}
	aip->family = nla_get_u16(tb[VPNLINK_A_ALLOWEDIP_FAMILY]);
	aip->cidr = nla_get_u8(tb[VPNLINK_A_ALLOWEDIP_CIDR]);
	len = nla_len(tb[VPNLINK_A_ALLOWEDIP_ADDR]);
	if (aip->family == AF_INET) {
		if (len != sizeof(struct in_addr) || aip->cidr > 32) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "AF_INET needs a 4-byte ADDR and CIDR up to 32");
			return -EINVAL;
		}
	} else if (aip->family == AF_INET6) {
		if (len != sizeof(struct in6_addr)) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "AF_INET6 needs a 16-byte ADDR");
			return -EINVAL;
		}
	} else {
		NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_ALLOWEDIP_FAMILY],
				    "FAMILY must be AF_INET or AF_INET6");
		return -EAFNOSUPPORT;
	}
	memcpy(aip->addr, nla_data(tb[VPNLINK_A_ALLOWEDIP_ADDR]), len);
	if (vl_allowedips_has_host_bits(aip->family, aip->addr, aip->cidr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VPNLINK_A_ALLOWEDIP_ADDR],
				    "ADDR has bits set past its CIDR");
		return -EINVAL;
	}
	aip->remove = tb[VPNLINK_A_ALLOWEDIP_FLAGS] &&
		      (nla_get_u32(tb[VPNLINK_A_ALLOWEDIP_FLAGS]) &
		       VPNLINK_ALLOWEDIP_F_REMOVE);
	return 0;
}

/* Checks everything a NEW_PEER or SET_PEER carries, so that a bad request
 * is refused before anything changes.
 */
static int vl_nl_check_peer(struct genl_info *info, struct nlattr **tb,
			    struct vl_endpoint *ep)
{
	struct vl_nl_aip aip;
	struct nlattr *attr;
	int rem, ret;

	if (tb[VPNLINK_A_PEER_KEYPAIR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VPNLINK_A_PEER_KEYPAIR],
				    "keypairs are installed with ADD_KEYPAIR");
		return -EINVAL;
	}
	if (tb[VPNLINK_A_PEER_ENDPOINT]) {
		ret = vl_nl_parse_endpoint(tb[VPNLINK_A_PEER_ENDPOINT], ep,
					   info->extack);
		if (ret)
			return ret;
	}
	nla_for_each_nested(attr, info->attrs[VPNLINK_A_PEER], rem) {
		if (nla_type(attr) != VPNLINK_A_PEER_ALLOWEDIP)
			continue;
		ret = vl_nl_parse_aip(attr, &aip, info->extack);
		if (ret)
			return ret;
	}
	return 0;
}

static int vl_nl_apply_peer(struct vl_peer *peer, struct genl_info *info,
			    struct nlattr **tb, const struct vl_endpoint *ep)
{
	struct vl_device *vl = peer->vl;
	struct vl_nl_aip aip;
	struct nlattr *attr;
	int rem, ret;

	if (tb[VPNLINK_A_PEER_ENDPOINT])
		vl_peer_set_endpoint(peer, ep);

	if (tb[VPNLINK_A_PEER_FLAGS] &&
	    (nla_get_u32(tb[VPNLINK_A_PEER_FLAGS]) &
	     VPNLINK_PEER_F_REPLACE_ALLOWEDIPS))
		vl_allowedips_remove_peer(&vl->table, &peer->allowedips);

	nla_for_each_nested(attr, info->attrs[VPNLINK_A_PEER], rem) {
		if (nla_type(attr) != VPNLINK_A_PEER_ALLOWEDIP)
			continue;
		/* Checked already; cannot fail. */
		vl_nl_parse_aip(attr, &aip, NULL);
		if (aip.remove) {
			/* Removing a prefix the peer lacks is not an error:
			 * the request's outcome holds either way.
			 */
			vl_allowedips_remove(&vl->table, aip.family, aip.addr,
					     aip.cidr, peer);
			continue;
		}
		ret = vl_allowedips_insert(&vl->table, aip.family, aip.addr,
					   aip.cidr, peer, &peer->allowedips);
		if (ret) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "cannot add this allowed IP");
			return ret;
		}
	}

	if (tb[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE]) {
		u16 interval = nla_get_u16(tb[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE]);
		bool was_off = !peer->persistent_keepalive;

		WRITE_ONCE(peer->persistent_keepalive, interval);
		vl_timers_persistent_changed(peer);
		/* Announce ourselves now rather than after a full interval. */
		if (interval && was_off && netif_running(vl->dev))
			vl_send_keepalive(peer);
	}
	vl->generation++;
	return 0;
}

static int vl_nl_change_peer(struct genl_info *info, bool create)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];
	struct vl_endpoint ep;
	struct vl_device *vl;
	struct vl_peer *peer;
	int ret;

	ret = vl_nl_parse_peer(info, tb);
	if (ret)
		return ret;
	ret = vl_nl_check_peer(info, tb, &ep);
	if (ret)
		return ret;
	if (create && vl_key_is_low_order(nla_data(tb[VPNLINK_A_PEER_PUBLIC_KEY]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VPNLINK_A_PEER_PUBLIC_KEY],
				    "public key is a low-order point");
		return -EINVAL;
	}
	vl = vl_nl_device_get(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);

	mutex_lock(&vl->lock);
	peer = vl_peer_find(vl, nla_data(tb[VPNLINK_A_PEER_PUBLIC_KEY]));
	if (create) {
		if (peer) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[VPNLINK_A_PEER_PUBLIC_KEY],
					    "a peer with this public key exists");
			ret = -EEXIST;
			goto out;
		}
		peer = vl_peer_create(vl, nla_data(tb[VPNLINK_A_PEER_PUBLIC_KEY]));
		if (IS_ERR(peer)) {
			ret = PTR_ERR(peer);
			goto out;
		}
	} else if (!peer) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VPNLINK_A_PEER_PUBLIC_KEY],
				    "no peer with this public key");
		ret = -ENOENT;
		goto out;
	}
	ret = vl_nl_apply_peer(peer, info, tb, &ep);
	if (ret && create)
		vl_peer_remove(peer);
out:
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

int vl_nl_new_peer(struct sk_buff *skb, struct genl_info *info)
{
	return vl_nl_change_peer(info, true);
}

int vl_nl_set_peer(struct sk_buff *skb, struct genl_info *info)
{
	return vl_nl_change_peer(info, false);
}

int vl_nl_del_peer(struct sk_buff *skb, struct genl_info *info)
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
		vl_peer_remove(peer);
	else
		ret = -ENOENT;
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

static int vl_nl_put_keypair(struct sk_buff *skb, struct vl_keypair *kp,
			     u8 slot, u64 now)
{
	struct nlattr *nest;
	u64 top;

	if (!kp)
		return 0;
	top = READ_ONCE(kp->replay.top);
	nest = nla_nest_start(skb, VPNLINK_A_PEER_KEYPAIR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, VPNLINK_A_KEYPAIR_SLOT, slot) ||
	    nla_put_u32(skb, VPNLINK_A_KEYPAIR_LOCAL_INDEX, kp->local_index) ||
	    nla_put_u32(skb, VPNLINK_A_KEYPAIR_REMOTE_INDEX,
			le32_to_cpu(kp->remote_index)) ||
	    (kp->initiator && nla_put_flag(skb, VPNLINK_A_KEYPAIR_INITIATOR)) ||
	    nla_put_u32(skb, VPNLINK_A_KEYPAIR_REJECT_AFTER_MS,
			div_u64(kp->reject_after_ns, NSEC_PER_MSEC)) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES,
			      kp->reject_after_messages,
			      VPNLINK_A_KEYPAIR_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_KEYPAIR_AGE_MS,
			      div_u64(now - kp->birth_ns, NSEC_PER_MSEC),
			      VPNLINK_A_KEYPAIR_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_KEYPAIR_TX_COUNTER,
			      atomic64_read(&kp->send_counter),
			      VPNLINK_A_KEYPAIR_PAD) ||
	    (top && nla_put_u64_64bit(skb, VPNLINK_A_KEYPAIR_RX_COUNTER,
				      top - 1, VPNLINK_A_KEYPAIR_PAD))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vl_nl_put_peer_state(struct sk_buff *skb, struct vl_peer *peer)
{
	u64 rx_bytes, rx_packets, tx_bytes, tx_packets;
	u64 now = ktime_get_coarse_boottime_ns();
	struct vl_endpoint ep;
	int ret;

	if (vl_peer_get_endpoint(peer, &ep) &&
	    vl_nl_put_endpoint(skb, VPNLINK_A_PEER_ENDPOINT, &ep))
		return -EMSGSIZE;
	vl_peer_stats_read(peer, &rx_bytes, &rx_packets, &tx_bytes,
			   &tx_packets);
	if (nla_put_u16(skb, VPNLINK_A_PEER_PERSISTENT_KEEPALIVE,
			peer->persistent_keepalive) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_RX_BYTES, rx_bytes,
			      VPNLINK_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_TX_BYTES, tx_bytes,
			      VPNLINK_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_RX_PACKETS, rx_packets,
			      VPNLINK_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_TX_PACKETS, tx_packets,
			      VPNLINK_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_LAST_RX_NS,
			      READ_ONCE(peer->last_rx_ns), VPNLINK_A_PEER_PAD) ||
	    nla_put_u64_64bit(skb, VPNLINK_A_PEER_LAST_TX_NS,
			      READ_ONCE(peer->last_tx_ns), VPNLINK_A_PEER_PAD))
		return -EMSGSIZE;

	/* The receive path promotes keypairs under RCU, not our mutex. */
	rcu_read_lock();
	ret = vl_nl_put_keypair(skb, rcu_dereference(peer->kp_current),
				VPNLINK_KEYPAIR_CURRENT, now) ?:
	      vl_nl_put_keypair(skb, rcu_dereference(peer->kp_previous),
				VPNLINK_KEYPAIR_PREVIOUS, now) ?:
	      vl_nl_put_keypair(skb, rcu_dereference(peer->kp_next),
				VPNLINK_KEYPAIR_NEXT, now);
	rcu_read_unlock();
	return ret;
}

static int vl_nl_put_aip(struct sk_buff *skb, const struct vl_aip_node *node)
{
	struct nlattr *nest = nla_nest_start(skb, VPNLINK_A_PEER_ALLOWEDIP);
	u8 addr[16];

	if (!nest)
		return -EMSGSIZE;
	vl_allowedips_node_addr(node, addr);
	if (nla_put_u16(skb, VPNLINK_A_ALLOWEDIP_FAMILY, node->family) ||
	    nla_put(skb, VPNLINK_A_ALLOWEDIP_ADDR,
		    node->family == AF_INET ? 4 : 16, addr) ||
	    nla_put_u8(skb, VPNLINK_A_ALLOWEDIP_CIDR, node->cidr)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Room for everything of a PEER nest but its prefixes: key, endpoint,
 * counters and three keypairs take well under this.
 */
#define VL_NL_PEER_STATE_MAX	1024

/* The exact size of a peer's ALLOWEDIP nests. */
static size_t vl_nl_aips_size(struct vl_peer *peer)
{
	const struct vl_aip_node *node;
	size_t size = 0;

	list_for_each_entry(node, &peer->allowedips, peer_list)
		size += nla_total_size(nla_total_size(sizeof(u16)) +
				       nla_total_size(node->family == AF_INET ?
						      4 : 16) +
				       nla_total_size(sizeof(u8)));
	return size;
}

/* Where a dump stands inside one peer. */
struct vl_nl_cursor {
	bool state_done;	/* endpoint, counters, keypairs sent */
	unsigned long aips_done;
};

/* Puts one PEER nest.  Returns 0 when the peer is complete, 1 when the
 * message is full and the rest must follow in the next one, -EMSGSIZE
 * when nothing of the peer fit.  Called with vl->lock held.
 */
static int vl_nl_fill_peer(struct sk_buff *skb, struct vl_peer *peer,
			   struct vl_nl_cursor *cur)
{
	struct vl_aip_node *node;
	unsigned long i = 0;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VPNLINK_A_PEER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, VPNLINK_A_PEER_PUBLIC_KEY, VPNLINK_KEY_LEN,
		    peer->public_key))
		goto cancel;
	if (!cur->state_done) {
		if (vl_nl_put_peer_state(skb, peer))
			goto cancel;
		cur->state_done = true;
	}
	list_for_each_entry(node, &peer->allowedips, peer_list) {
		if (i++ < cur->aips_done)
			continue;
		if (vl_nl_put_aip(skb, node)) {
			nla_nest_end(skb, nest);
			return 1;
		}
		cur->aips_done++;
	}
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int vl_nl_get_peer(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];
	struct vl_nl_cursor cur = {};
	struct vl_device *vl;
	struct vl_peer *peer;
	struct sk_buff *msg;
	size_t size;
	void *hdr;
	int ret;

	ret = vl_nl_parse_peer(info, tb);
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
	/* One reply holds the whole peer, but a nest's length is 16 bits. */
	size = vl_nl_aips_size(peer);
	if (size > U16_MAX - VL_NL_PEER_STATE_MAX) {
		NL_SET_ERR_MSG(info->extack,
			       "too many allowed IPs for one reply: dump the peers");
		ret = -EMSGSIZE;
		goto out;
	}
	size += NLMSG_GOODSIZE;
	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &vl_family, 0, VPNLINK_CMD_GET_PEER);
	if (!hdr || nla_put_u32(msg, VPNLINK_A_IFINDEX, vl->dev->ifindex) ||
	    vl_nl_fill_peer(msg, peer, &cur)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	mutex_unlock(&vl->lock);
	vl_nl_device_put(vl);
	return ret;
}

/* cb->args: the device, the id of the next peer to send, and the cursor
 * inside that peer.
 */
enum { VL_DUMP_IFINDEX, VL_DUMP_PEER_ID, VL_DUMP_STATE_DONE, VL_DUMP_AIPS };

int vl_nl_dump_peers_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vl_device *vl;

	vl = vl_nl_device_get(sock_net(cb->skb->sk), info->attrs, cb->extack);
	if (IS_ERR(vl))
		return PTR_ERR(vl);
	cb->args[VL_DUMP_IFINDEX] = vl->dev->ifindex;
	vl_nl_device_put(vl);
	return 0;
}

int vl_nl_dump_peers(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net_device *dev;
	struct vl_device *vl;
	struct vl_peer *peer;
	int ret, err = 0;
	void *hdr;

	dev = dev_get_by_index(sock_net(skb->sk), cb->args[VL_DUMP_IFINDEX]);
	if (!dev)
		return -ENODEV;
	if (dev->rtnl_link_ops != &vl_link_ops) {
		dev_put(dev);
		return -ENODEV;
	}
	vl = netdev_priv(dev);

	mutex_lock(&vl->lock);
	/* Both only grow: their sum changes whenever either does. */
	cb->seq = vl->generation + (u32)vl->table.seq;
	list_for_each_entry(peer, &vl->peers, list) {
		struct vl_nl_cursor cur = {};

		if (peer->id < cb->args[VL_DUMP_PEER_ID])
			continue;
		if (peer->id == cb->args[VL_DUMP_PEER_ID]) {
			cur.state_done = cb->args[VL_DUMP_STATE_DONE];
			cur.aips_done = cb->args[VL_DUMP_AIPS];
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vl_family, NLM_F_MULTI,
				  VPNLINK_CMD_GET_PEER);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, VPNLINK_A_IFINDEX, dev->ifindex)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		ret = vl_nl_fill_peer(skb, peer, &cur);
		if (ret < 0) {
			genlmsg_cancel(skb, hdr);
			/* Not even one peer fits an empty message: ending
			 * the dump quietly would hide the rest.
			 */
			if (!skb->len)
				err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[VL_DUMP_PEER_ID] = peer->id;
		cb->args[VL_DUMP_STATE_DONE] = cur.state_done;
		cb->args[VL_DUMP_AIPS] = cur.aips_done;
		if (ret > 0)
			break;
		cb->args[VL_DUMP_PEER_ID] = peer->id + 1;
		cb->args[VL_DUMP_STATE_DONE] = 0;
		cb->args[VL_DUMP_AIPS] = 0;
	}
	mutex_unlock(&vl->lock);
	dev_put(dev);
	return err ?: skb->len;
}
