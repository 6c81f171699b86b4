// SPDX-License-Identifier: GPL-2.0
/*
 * Events for the helper, multicast on the "events" group of the device's
 * namespace.  They are sent from softirq and timer context, so they
 * allocate atomically; one that cannot be delivered is lost the way a UDP
 * packet is, and the helper's timers recover.
 */
#include "device.h"
#include "netlink_priv.h"
#include "peer.h"

static struct sk_buff *vl_event_new(struct vl_device *vl, u8 cmd,
				    size_t payload, void **hdr)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&vl_family, dev_net(vl->dev), 0))
		return NULL;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE + payload, GFP_ATOMIC);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &vl_family, 0, cmd);
	if (!*hdr || nla_put_u32(msg, VPNLINK_A_IFINDEX, vl->dev->ifindex)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int vl_event_send(struct vl_device *vl, struct sk_buff *msg, void *hdr)
{
	genlmsg_end(msg, hdr);
	return genlmsg_multicast_netns(&vl_family, dev_net(vl->dev), msg, 0, 0,
				       GFP_ATOMIC);
}

int vl_event_handshake_received(struct vl_device *vl, struct sk_buff *skb,
				const struct vl_endpoint *ep)
{
	struct sk_buff *msg;
	struct nlattr *attr;
	void *hdr;

	msg = vl_event_new(vl, VPNLINK_CMD_HANDSHAKE_RECEIVED, skb->len, &hdr);
	if (!msg)
		return -ESRCH;
	if (vl_nl_put_endpoint(msg, VPNLINK_A_ENDPOINT, ep))
		goto fail;
	attr = nla_reserve(msg, VPNLINK_A_PAYLOAD, skb->len);
	if (!attr || skb_copy_bits(skb, 0, nla_data(attr), skb->len))
		goto fail;
	return vl_event_send(vl, msg, hdr);
fail:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* Starts a message about @peer: its PEER nest is left open. */
static struct sk_buff *vl_event_peer_new(struct vl_peer *peer, u8 cmd,
					 void **hdr, struct nlattr **nest)
{
	struct sk_buff *msg = vl_event_new(peer->vl, cmd, 0, hdr);

	if (!msg)
		return NULL;
	*nest = nla_nest_start(msg, VPNLINK_A_PEER);
	if (!*nest || nla_put(msg, VPNLINK_A_PEER_PUBLIC_KEY, VPNLINK_KEY_LEN,
			      peer->public_key)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int vl_event_peer(struct vl_peer *peer, u8 cmd, u32 reason)
{
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = vl_event_peer_new(peer, cmd, &hdr, &nest);
	if (!msg)
		return -ESRCH;
	nla_nest_end(msg, nest);
	if (nla_put_u32(msg, VPNLINK_A_REASON, reason)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return vl_event_send(peer->vl, msg, hdr);
}

int vl_event_keypair_confirmed(struct vl_peer *peer, u32 local_index)
{
	struct nlattr *nest, *kp;
	struct sk_buff *msg;
	void *hdr;

	msg = vl_event_peer_new(peer, VPNLINK_CMD_KEYPAIR_CONFIRMED, &hdr,
				&nest);
	if (!msg)
		return -ESRCH;
	kp = nla_nest_start(msg, VPNLINK_A_PEER_KEYPAIR);
	if (!kp || nla_put_u32(msg, VPNLINK_A_KEYPAIR_LOCAL_INDEX, local_index)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, kp);
	nla_nest_end(msg, nest);
	return vl_event_send(peer->vl, msg, hdr);
}

int vl_event_endpoint_changed(struct vl_peer *peer,
			      const struct vl_endpoint *ep)
{
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = vl_event_peer_new(peer, VPNLINK_CMD_ENDPOINT_CHANGED, &hdr, &nest);
	if (!msg)
		return -ESRCH;
	if (vl_nl_put_endpoint(msg, VPNLINK_A_PEER_ENDPOINT, ep)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return vl_event_send(peer->vl, msg, hdr);
}
