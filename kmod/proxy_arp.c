// SPDX-License-Identifier: GPL-2.0
/*
 * Proxy-ARP: a request on a LAN interface for an address a peer owns gets
 * its reply at once, from the packet handler, with the LAN interface's
 * MAC.  The kernel's own proxy_arp would queue it for a random delay of up
 * to proxy_delay (0.8 s by default) first.
 */
#include "proxy.h"
#include "device.h"

#include <linux/if_arp.h>
#include <net/arp.h>

/* An Ethernet/IPv4 ARP message after its fixed header. */
struct vl_arp_eth_ipv4 {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

int vl_proxy_arp_rcv(struct sk_buff *skb, struct net_device *dev,
		     struct packet_type *pt, struct net_device *orig_dev)
{
	struct vl_proxy_lan *lan = container_of(pt, struct vl_proxy_lan,
						arp_pt);
	const struct vl_arp_eth_ipv4 *req;
	struct vl_arp_eth_ipv4 buf;
	struct sk_buff *reply;

	/* Only what is meant for this host or everyone: not what a
	 * promiscuous interface overhears, nor our own transmissions.
	 */
	if (skb->pkt_type != PACKET_HOST && skb->pkt_type != PACKET_BROADCAST)
		goto out;
	req = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!req || req->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    req->hdr.ar_pro != htons(ETH_P_IP) ||
	    req->hdr.ar_hln != ETH_ALEN || req->hdr.ar_pln != 4 ||
	    req->hdr.ar_op != htons(ARPOP_REQUEST))
		goto out;
	/* A host announcing or probing its own address asks nobody. */
	if (req->sip == req->tip || ipv4_is_zeronet(req->sip)) {
		vl_count(lan->vl, VL_COUNT_PROXY_IGN_GRATUITOUS);
		goto out;
	}
	if (ipv4_is_multicast(req->tip) || ipv4_is_lbcast(req->tip) ||
	    ipv4_is_zeronet(req->tip))
		goto out;
	if (!vl_proxy_may_answer(lan, AF_INET, &req->tip))
		goto out;

	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, req->sip, dev, req->tip,
			   req->sha, dev->dev_addr, req->sha);
	if (reply) {
		arp_xmit(reply);
		vl_count(lan->vl, VL_COUNT_PROXY_ARP_REPLIES);
	}
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

void vl_proxy_arp_announce(struct vl_proxy_lan *lan, __be32 addr)
{
	/* A gratuitous request: sender and target both addr, broadcast. */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, addr, lan->dev, addr, NULL,
		 lan->dev->dev_addr, NULL);
	vl_count(lan->vl, VL_COUNT_PROXY_ANNOUNCES);
}
