// SPDX-License-Identifier: GPL-2.0
/*
 * The transmit path, run inline in ndo_start_xmit: find the peer that owns
 * the destination, split GSO packets, encrypt each in place with the
 * current keypair and hand it to the UDP socket.  No queue and no worker in
 * between: one CPU takes a packet from the stack to the wire.  Packets for
 * a peer without a usable keypair wait, a few, until the helper installs
 * one.
 */
#include "send.h"
#include "device.h"
#include "keypair.h"
#include "messages.h"
#include "peer.h"
#include "socket.h"
#include "timers.h"

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dst_metadata.h>
#include <net/icmp.h>
#include <net/ip_tunnels.h>

/* What a packet carries from vl_xmit() to its encryption, which may come
 * later (a packet staged until a keypair comes).
 */
struct vl_tx_cb {
	/* The MTU the packet was routed with: the route's, which may be
	 * below the device's, so that padding never makes it too big for
	 * the path the sender chose.
	 */
	unsigned int mtu;
};

#define VL_TX_CB(skb) ((struct vl_tx_cb *)(skb)->cb)

/* How many bytes to pad the plaintext with: to a multiple of 16, but
 * never past the MTU for a packet that fits it.
 */
static unsigned int vl_padding(unsigned int len, unsigned int mtu)
{
	unsigned int padded = ALIGN(len, VL_PADDING_MULTIPLE);

	if (len <= mtu && padded > mtu)
		padded = mtu;
	return padded - len;
}

/* Turns an inner packet into a data message, in place. */
static bool vl_encrypt(struct sk_buff *skb, struct vl_keypair *kp,
		       u64 counter)
{
	unsigned int pad, plain_len;
	struct vl_msg_data *msg;
	struct sk_buff *trailer;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return false;
	pad = vl_padding(skb->len, VL_TX_CB(skb)->mtu);
	plain_len = skb->len + pad;

	/* In-place encryption needs one linear, private buffer with room
	 * for the tag after it and the headers before it.
	 */
	if ((skb_has_frag_list(skb) && skb_linearize(skb)) ||
	    skb_cow_data(skb, pad + VL_AUTHTAG_LEN, &trailer) < 0 ||
	    skb_cow_head(skb, VL_DATA_HEADER_LEN + VL_OUTER_HEADROOM))
		return false;

	memset(skb_put(skb, pad + VL_AUTHTAG_LEN), 0, pad);
	chacha20poly1305_encrypt(skb->data, skb->data, plain_len, NULL, 0,
				 counter, kp->send_key);

	msg = skb_push(skb, sizeof(*msg));
	msg->type = cpu_to_le32(VL_MSG_DATA);
	msg->receiver_index = kp->remote_index;
	msg->counter = cpu_to_le64(counter);
	return true;
}

static u8 vl_outer_ds(struct sk_buff *skb)
{
	if (!skb->len)
		return 0;
	return ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
}

/* Queues packets for the keypair that a handshake will bring. */
static void vl_stage(struct vl_peer *peer, struct sk_buff *skbs)
{
	struct vl_device *vl = peer->vl;
	struct sk_buff *skb, *next;

	spin_lock_bh(&peer->staged.lock);
	skb_list_walk_safe(skbs, skb, next) {
		skb_mark_not_on_list(skb);
		if (unlikely(READ_ONCE(peer->dead))) {
			vl_count(vl, VL_DROP_TX_NO_KEYPAIR);
			kfree_skb(skb);
			continue;
		}
		__skb_queue_tail(&peer->staged, skb);
		/* The oldest go first: they are the likeliest to be stale. */
		if (skb_queue_len(&peer->staged) > VL_MAX_STAGED_PACKETS) {
			vl_count(vl, VL_DROP_TX_NO_KEYPAIR);
			kfree_skb(__skb_dequeue(&peer->staged));
		}
	}
	spin_unlock_bh(&peer->staged.lock);
	vl_peer_event(peer, VL_EVENT_HANDSHAKE_NEEDED,
		      VPNLINK_HANDSHAKE_NO_KEYPAIR);
}

/* Encrypts and sends one packet; consumes it.  Called under the peer's
 * endpoint read lock, which keeps the endpoint and its route cache steady.
 */
static int vl_send_one(struct vl_peer *peer, struct vl_keypair *kp,
		       struct sk_buff *skb, u64 counter)
{
	struct vl_device *vl = peer->vl;
	u8 ds = vl_outer_ds(skb);
	int ret;

	if (unlikely(!vl_encrypt(skb, kp, counter))) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	ret = vl_socket_send(vl, skb, &peer->endpoint, ds, &peer->dst_cache);
	if (unlikely(ret == -EADDRNOTAVAIL)) {
		/* The local address we answered from went away. */
		read_unlock_bh(&peer->endpoint_lock);
		vl_peer_forget_source(peer);
		read_lock_bh(&peer->endpoint_lock);
		ret = vl_socket_send(vl, skb, &peer->endpoint, ds,
				     &peer->dst_cache);
		if (ret == -EADDRNOTAVAIL)
			kfree_skb(skb);
	}
	return ret;
}

/* Sends a list of inner packets (an empty one is a keepalive). */
static void vl_send_list(struct vl_peer *peer, struct sk_buff *skbs)
{
	struct vl_device *vl = peer->vl;
	unsigned int len, sent_packets = 0;
	u64 counter = 0, sent_bytes = 0;
	struct sk_buff *skb, *next;
	struct vl_keypair *kp;
	u64 now;

	rcu_read_lock_bh();
	/* Until it returns, a packet that comes back into this device on
	 * this CPU came through a routing loop.
	 */
	this_cpu_write(*vl->sending, 1);
	kp = rcu_dereference_bh(peer->kp_current);
	now = ktime_get_coarse_boottime_ns();
	if (unlikely(!kp || vl_keypair_expired(kp, now) ||
		     atomic64_read(&kp->send_counter) >=
		     kp->reject_after_messages)) {
		vl_stage(peer, skbs);
		goto out;
	}

	read_lock_bh(&peer->endpoint_lock);
	if (unlikely(peer->endpoint.addr.sa_family == AF_UNSPEC)) {
		read_unlock_bh(&peer->endpoint_lock);
		skb_list_walk_safe(skbs, skb, next) {
			vl_count(vl, VL_DROP_TX_NO_ENDPOINT);
			kfree_skb(skb);
		}
		goto out;
	}
	skb_list_walk_safe(skbs, skb, next) {
		skb_mark_not_on_list(skb);
		counter = atomic64_inc_return(&kp->send_counter) - 1;
		if (unlikely(counter >= kp->reject_after_messages)) {
			/* Used up: the rest waits for the next keypair. */
			skb->next = next;
			read_unlock_bh(&peer->endpoint_lock);
			vl_stage(peer, skb);
			read_lock_bh(&peer->endpoint_lock);
			break;
		}
		len = skb->len;
		if (unlikely(vl_send_one(peer, kp, skb, counter))) {
			vl_count(vl, VL_DROP_TX_ERROR);
			continue;
		}
		if (len) {
			sent_packets++;
			sent_bytes += len;
		}
	}
	read_unlock_bh(&peer->endpoint_lock);

	if (sent_packets) {
		vl_peer_stats_tx(peer, sent_packets, sent_bytes);
		dev_sw_netstats_tx_add(vl->dev, sent_packets, sent_bytes);
		vl_timers_data_sent(peer);
	}
	WRITE_ONCE(peer->last_tx_ns, now);
	vl_timers_authenticated_sent(peer);

	if (unlikely(counter >= kp->rekey_after_messages))
		vl_peer_event(peer, VL_EVENT_REKEY, VPNLINK_REKEY_MESSAGES);
	else if (kp->initiator &&
		 unlikely(now - kp->birth_ns >= kp->reject_after_ns / 3 * 2))
		vl_peer_event(peer, VL_EVENT_REKEY, VPNLINK_REKEY_AGE);
out:
	this_cpu_write(*vl->sending, 0);
	rcu_read_unlock_bh();
}

void vl_send_staged(struct vl_peer *peer)
{
	struct sk_buff_head list;

	if (skb_queue_empty_lockless(&peer->staged) ||
	    !rcu_access_pointer(peer->kp_current))
		return;
	__skb_queue_head_init(&list);
	spin_lock_bh(&peer->staged.lock);
	skb_queue_splice_init(&peer->staged, &list);
	spin_unlock_bh(&peer->staged.lock);
	if (skb_queue_empty(&list))
		return;
	/* Unlink the queue into a plain list for vl_send_list(). */
	list.prev->next = NULL;
	vl_send_list(peer, list.next);
}

void vl_send_keepalive(struct vl_peer *peer)
{
	struct sk_buff *skb;

	if (!skb_queue_empty_lockless(&peer->staged)) {
		vl_send_staged(peer);
		return;
	}
	skb = alloc_skb(VL_DATA_HEADER_LEN + VL_OUTER_HEADROOM +
			VL_AUTHTAG_LEN, GFP_ATOMIC);
	if (unlikely(!skb))
		return;
	skb_reserve(skb, VL_DATA_HEADER_LEN + VL_OUTER_HEADROOM);
	skb->dev = peer->vl->dev;
	VL_TX_CB(skb)->mtu = READ_ONCE(skb->dev->mtu);
	vl_send_list(peer, skb);
}

void vl_purge_staged(struct vl_peer *peer)
{
	struct sk_buff *skb;

	spin_lock_bh(&peer->staged.lock);
	while ((skb = __skb_dequeue(&peer->staged))) {
		vl_count(peer->vl, VL_DROP_TX_NO_KEYPAIR);
		kfree_skb(skb);
	}
	spin_unlock_bh(&peer->staged.lock);
}

/* The inner address family of a packet handed to the device, or 0. */
static int vl_skb_family(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr)) &&
	    ip_hdr(skb)->version == 4)
		return AF_INET;
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    pskb_network_may_pull(skb, sizeof(struct ipv6hdr)) &&
	    ipv6_hdr(skb)->version == 6)
		return AF_INET6;
	return 0;
}

netdev_tx_t vl_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);
	struct sk_buff *segs, *next;
	struct vl_peer *peer;
	unsigned int mtu;
	int family;

	/* Sending from this device is what brought the packet here: its
	 * outer header is routed back into the tunnel.  Drop it now; going
	 * round again would only nest until the stack's recursion limit.
	 */
	if (unlikely(this_cpu_read(*vl->sending))) {
		vl_count(vl, VL_DROP_TX_LOOP);
		goto drop;
	}

	family = vl_skb_family(skb);
	if (unlikely(!family)) {
		vl_count(vl, VL_DROP_TX_ERROR);
		goto drop;
	}

	rcu_read_lock_bh();
	peer = vl_allowedips_lookup(&vl->table, family,
				    family == AF_INET ?
				    (void *)&ip_hdr(skb)->daddr :
				    (void *)&ipv6_hdr(skb)->daddr);
	if (unlikely(!peer)) {
		rcu_read_unlock_bh();
		vl_count(vl, VL_DROP_TX_NO_PEER);
		/* Tell the sender at once rather than let it time out. */
		if (family == AF_INET)
			icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH,
				      0);
		else
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		goto drop;
	}

	mtu = skb_valid_dst(skb) ? dst_mtu(skb_dst(skb)) : READ_ONCE(dev->mtu);
	if (skb_is_gso(skb)) {
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR_OR_NULL(segs)) {
			rcu_read_unlock_bh();
			vl_count(vl, VL_DROP_TX_ERROR);
			goto drop;
		}
		consume_skb(skb);
		skb = segs;
	} else {
		skb = skb_share_check(skb, GFP_ATOMIC);
		if (unlikely(!skb)) {
			rcu_read_unlock_bh();
			vl_count(vl, VL_DROP_TX_ERROR);
			return NETDEV_TX_OK;
		}
		skb_mark_not_on_list(skb);
	}
	skb_list_walk_safe(skb, segs, next)
		VL_TX_CB(segs)->mtu = mtu;
	vl_send_list(peer, skb);
	rcu_read_unlock_bh();
	return NETDEV_TX_OK;

drop:
	kfree_skb(skb);
	return NETDEV_TX_OK;
}
