// SPDX-License-Identifier: GPL-2.0
/*
 * NDP proxy: a Neighbour Solicitation on a LAN interface for an address a
 * peer owns gets a Neighbour Advertisement at once, with the LAN
 * interface's MAC, built here and sent straight to the soliciting host.
 *
 * Every IPv6 packet of the LAN interface passes through the handler, so it
 * looks at as little as it can before deciding a packet is not a
 * solicitation.
 */
#include "proxy.h"
#include "device.h"

#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

/* A Neighbour Solicitation or Advertisement with one link-layer address
 * option, as sent here.
 */
struct vl_nd_eth {
	struct icmp6hdr icmph;
	struct in6_addr target;
	u8 opt_type;
	u8 opt_len;			/* in units of 8 bytes */
	u8 opt_mac[ETH_ALEN];
} __packed;

static void vl_proxy_nd_send(struct vl_proxy_lan *lan,
			     const struct in6_addr *daddr, const u8 *dmac,
			     const struct in6_addr *target, bool solicited)
{
	struct net_device *dev = lan->dev;
	struct in6_addr saddr;
	struct ipv6hdr *ip6;
	struct vl_nd_eth *na;
	struct sk_buff *skb;

	/* From the LAN interface's own address for that destination: the
	 * link-local one, for the usual link-local solicitor.
	 */
	if (ipv6_dev_get_saddr(dev_net(dev), dev, daddr, 0, &saddr))
		return;
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6) + sizeof(*na) +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(sizeof(*na));
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = saddr;
	ip6->daddr = *daddr;

	na = skb_put_zero(skb, sizeof(*na));
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_solicited = solicited;
	/* RFC 4861 7.2.8: a proxy's solicited answer must not override a
	 * host's own; an announcement is meant to.
	 */
	na->icmph.icmp6_override = !solicited;
	na->target = *target;
	na->opt_type = ND_OPT_TARGET_LL_ADDR;
	na->opt_len = 1;
	ether_addr_copy(na->opt_mac, dev->dev_addr);
	na->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr,
						sizeof(*na), IPPROTO_ICMPV6,
						csum_partial(na, sizeof(*na),
							     0));
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dmac, dev->dev_addr,
			    skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

int vl_proxy_nd_rcv(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev)
{
	struct vl_proxy_lan *lan = container_of(pt, struct vl_proxy_lan,
						ipv6_pt);
	struct {
		struct ipv6hdr ip6;
		struct icmp6hdr icmph;
		struct in6_addr target;
	} __packed buf;
	const typeof(buf) *ns;
	unsigned int len;

	if (skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_OUTGOING)
		goto out;
	/* A solicitation has no extension headers and hop limit 255. */
	ns = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!ns || ns->ip6.nexthdr != IPPROTO_ICMPV6 ||
	    ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		goto out;
	len = ntohs(ns->ip6.payload_len);
	if (ns->ip6.version != 6 || ns->ip6.hop_limit != 255 ||
	    ns->icmph.icmp6_code || len < sizeof(buf) - sizeof(buf.ip6) ||
	    sizeof(buf.ip6) + len > skb->len ||
	    ipv6_addr_is_multicast(&ns->target))
		goto out;
	/* Never answer what the host's ICMPv6 would have thrown away. */
	if (csum_ipv6_magic(&ns->ip6.saddr, &ns->ip6.daddr, len,
			    IPPROTO_ICMPV6,
			    skb_checksum(skb, sizeof(buf.ip6), len, 0)))
		goto out;
	/* Duplicate address detection, or a host asking for itself. */
	if (ipv6_addr_any(&ns->ip6.saddr) ||
	    ipv6_addr_equal(&ns->ip6.saddr, &ns->target)) {
		vl_count(lan->vl, VL_COUNT_PROXY_IGN_GRATUITOUS);
		goto out;
	}
	if (!vl_proxy_may_answer(lan, AF_INET6, &ns->target))
		goto out;
	vl_proxy_nd_send(lan, &ns->ip6.saddr, eth_hdr(skb)->h_source,
			 &ns->target, true);
	vl_count(lan->vl, VL_COUNT_PROXY_ND_REPLIES);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

void vl_proxy_nd_announce(struct vl_proxy_lan *lan,
			  const struct in6_addr *addr)
{
	struct in6_addr all_nodes;
	u8 mac[ETH_ALEN];

	ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
	ipv6_eth_mc_map(&all_nodes, mac);
	vl_proxy_nd_send(lan, &all_nodes, mac, addr, false);
	vl_count(lan->vl, VL_COUNT_PROXY_ANNOUNCES);
}
