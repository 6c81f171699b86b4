// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path.  In the UDP socket's softirq: classify the datagram,
 * pass handshake messages up to the helper, and send data messages to
 * their peer's CPU (rxqueue.c).  There, in NAPI: find the keypair again,
 * decrypt in place, check the replay window and the inner source against
 * the sender's allowed IPs, then hand the inner packet to GRO.  Each step
 * runs under an RCU read lock, which is what keeps keypairs and peers
 * alive: nothing is held across the hop but the skb.
 */
#include "receive.h"
#include "device.h"
#include "keypair.h"
#include "messages.h"
#include "netlink.h"
#include "peer.h"
#include "rxqueue.h"
#include "send.h"
#include "socket.h"
#include "timers.h"

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>

/* The message type: its first byte, the three reserved bytes zero. */
static u32 vl_message_type(const struct sk_buff *skb)
{
	const __le32 *type = (const __le32 *)skb->data;

	return le32_to_cpu(*type);
}

static void vl_receive_handshake(struct vl_device *vl, struct sk_buff *skb)
{
	struct vl_endpoint ep;

	if (vl_endpoint_from_skb(&ep, skb) ||
	    vl_event_handshake_received(vl, skb, &ep))
		vl_count(vl, VL_DROP_RX_HANDSHAKE);
	else
		vl_count(vl, VL_COUNT_RX_HANDSHAKES);
	consume_skb(skb);
}

/* Checks the decrypted inner packet and trims the padding.  Returns the
 * address family, or 0 if it is not a sound IPv4 or IPv6 packet.
 */
static int vl_inner_check(struct sk_buff *skb, const void **saddr)
{
	unsigned int len;

	if (!pskb_may_pull(skb, 1))
		return 0;
	skb_reset_network_header(skb);

	switch (skb->data[0] >> 4) {
	case 4: {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return 0;
		iph = ip_hdr(skb);
		len = ntohs(iph->tot_len);
		if (iph->ihl < 5 || len < iph->ihl * 4 || len > skb->len ||
		    pskb_trim(skb, len))
			return 0;
		skb->protocol = htons(ETH_P_IP);
		*saddr = &ip_hdr(skb)->saddr;
		return AF_INET;
	}
	case 6: {
		const struct ipv6hdr *ip6h;

		if (!pskb_may_pull(skb, sizeof(*ip6h)))
			return 0;
		ip6h = ipv6_hdr(skb);
		len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
		/* A zero payload length would be a jumbogram: never here. */
		if (!ip6h->payload_len || len > skb->len || pskb_trim(skb, len))
			return 0;
		skb->protocol = htons(ETH_P_IPV6);
		*saddr = &ipv6_hdr(skb)->saddr;
		return AF_INET6;
	}
	}
	return 0;
}

/* The peer's endpoint follows where its authenticated packets come from.
 * The helper hears of it only when the remote address changed, not when
 * we merely learnt which local address the peer reaches.
 */
static void vl_receive_roaming(struct vl_peer *peer, struct sk_buff *skb)
{
	struct vl_endpoint ep, cur;

	if (vl_endpoint_from_skb(&ep, skb))
		return;
	vl_peer_get_endpoint(peer, &cur);
	if (likely(vl_endpoint_equal(&ep, &cur)))
		return;
	vl_peer_set_endpoint(peer, &ep);
	if (!vl_endpoint_same_remote(&ep, &cur))
		vl_event_endpoint_changed(peer, &ep);
}

/* The data message authenticated: its keypair and peer are real.  Data
 * still points at the data header.
 */
static void vl_receive_authentic(struct vl_peer *peer, struct vl_keypair *kp,
				 struct sk_buff *skb, u64 now, u8 outer_ds,
				 struct napi_struct *napi)
{
	struct vl_device *vl = peer->vl;
	const void *saddr;
	unsigned int len;
	int family;

	if (vl_keypair_confirm(peer, kp)) {
		vl_event_keypair_confirmed(peer, kp->local_index);
		vl_send_staged(peer);
	}
	vl_receive_roaming(peer, skb);
	WRITE_ONCE(peer->last_rx_ns, now);
	vl_timers_authenticated_received(peer);

	/* A responder's keypair is never rekeyed by the responder; an
	 * initiator near the end of its keypair's life asks for a new one
	 * before the responder has to reject it.
	 */
	if (kp->initiator &&
	    now - kp->birth_ns >= kp->reject_after_ns / 12 * 11 &&
	    kp == rcu_access_pointer(peer->kp_current))
		vl_peer_event(peer, VL_EVENT_REKEY, VPNLINK_REKEY_AGE);

	__skb_pull(skb, VL_DATA_HEADER_LEN);
	if (!skb->len) {
		vl_count(vl, VL_COUNT_RX_KEEPALIVES);
		consume_skb(skb);
		return;
	}
	vl_timers_data_received(peer);

	family = vl_inner_check(skb, &saddr);
	if (!family) {
		vl_count(vl, VL_DROP_RX_MALFORMED);
		goto drop;
	}
	if (vl_allowedips_lookup(&vl->table, family, saddr) != peer) {
		vl_count(vl, VL_DROP_RX_SOURCE);
		goto drop;
	}

	skb_scrub_packet(skb, !net_eq(dev_net(vl->dev), vl->creating_net));
	skb->dev = vl->dev;
	skb->pkt_type = PACKET_HOST;
	/* The AEAD covered every byte: no checksum can be wrong. */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->csum_level = ~0;
	skb_reset_mac_header(skb);
	skb_probe_transport_header(skb);
	if (family == AF_INET)
		INET_ECN_decapsulate(skb, outer_ds, ip_hdr(skb)->tos);
	else
		INET_ECN_decapsulate(skb, outer_ds,
				     ipv6_get_dsfield(ipv6_hdr(skb)));

	len = skb->len;
	vl_peer_stats_rx(peer, len);
	dev_sw_netstats_rx_add(vl->dev, len);
	napi_gro_receive(napi, skb);
	return;

drop:
	kfree_skb(skb);
}

void vl_receive_data(struct vl_device *vl, struct sk_buff *skb,
		     struct napi_struct *napi)
{
	const struct vl_msg_data *msg;
	struct sk_buff *trailer;
	struct vl_keypair *kp;
	u64 counter, now;
	bool fresh;
	u8 outer_ds;

	/* vl_receive() pulled the header already. */
	msg = (const struct vl_msg_data *)skb->data;
	counter = le64_to_cpu(msg->counter);

	kp = vl_keypair_lookup(vl, le32_to_cpu(msg->receiver_index));
	if (!kp) {
		vl_count(vl, VL_DROP_RX_UNKNOWN_INDEX);
		goto drop;
	}
	now = ktime_get_coarse_boottime_ns();
	if (vl_keypair_expired(kp, now) ||
	    counter >= kp->reject_after_messages) {
		vl_count(vl, VL_DROP_RX_EXPIRED);
		goto drop;
	}
	/* Refuse what the window would refuse before paying to decrypt. */
	if (vl_replay_hopeless(&kp->replay, counter,
			       kp->reject_after_messages)) {
		vl_count(vl, VL_DROP_RX_REPLAY);
		goto drop;
	}

	outer_ds = skb->protocol == htons(ETH_P_IP) ?
		   ip_hdr(skb)->tos : ipv6_get_dsfield(ipv6_hdr(skb));

	/* Decrypt in place: make the data linear and ours to write. */
	if ((skb_has_frag_list(skb) && skb_linearize(skb)) ||
	    skb_cow_data(skb, 0, &trailer) < 0) {
		vl_count(vl, VL_DROP_RX_MALFORMED);
		goto drop;
	}
	if (!chacha20poly1305_decrypt(skb->data + VL_DATA_HEADER_LEN,
				      skb->data + VL_DATA_HEADER_LEN,
				      skb->len - VL_DATA_HEADER_LEN, NULL, 0,
				      counter, kp->recv_key)) {
		vl_count(vl, VL_DROP_RX_DECRYPT);
		goto drop;
	}

	spin_lock(&kp->replay_lock);
	fresh = vl_replay_accept(&kp->replay, counter,
				 kp->reject_after_messages);
	spin_unlock(&kp->replay_lock);
	if (!fresh) {
		vl_count(vl, VL_DROP_RX_REPLAY);
		goto drop;
	}

	if (pskb_trim(skb, skb->len - VL_AUTHTAG_LEN)) {
		vl_count(vl, VL_DROP_RX_MALFORMED);
		goto drop;
	}
	vl_receive_authentic(kp->peer, kp, skb, now, outer_ds, napi);
	return;

drop:
	kfree_skb(skb);
}

/* Sends a data message to the CPU of the peer its index names. */
static void vl_receive_steer(struct vl_device *vl, struct sk_buff *skb)
{
	const struct vl_msg_data *msg = (const struct vl_msg_data *)skb->data;
	struct vl_keypair *kp;

	kp = vl_keypair_lookup(vl, le32_to_cpu(msg->receiver_index));
	if (!kp) {
		vl_count(vl, VL_DROP_RX_UNKNOWN_INDEX);
		kfree_skb(skb);
		return;
	}
	vl_rxqueue_steer(vl, skb, READ_ONCE(kp->peer->rx_cpu));
}

void vl_receive(struct vl_device *vl, struct sk_buff *skb)
{
	unsigned int len;
	u32 type;

	/* The UDP layer checked the checksum and trimmed to the UDP length. */
	if (!pskb_may_pull(skb, sizeof(struct udphdr) + sizeof(__le32)))
		goto malformed;
	__skb_pull(skb, sizeof(struct udphdr));

	type = vl_message_type(skb);
	if (type == VL_MSG_DATA) {
		if (skb->len < VL_DATA_MIN_LEN ||
		    !pskb_may_pull(skb, VL_DATA_HEADER_LEN))
			goto malformed;
		vl_receive_steer(vl, skb);
		return;
	}
	len = vl_handshake_len(type);
	if (!len || skb->len != len)
		goto malformed;
	vl_receive_handshake(vl, skb);
	return;

malformed:
	vl_count(vl, VL_DROP_RX_MALFORMED);
	kfree_skb(skb);
}
