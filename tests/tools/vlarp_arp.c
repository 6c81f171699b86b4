// SPDX-License-Identifier: GPL-2.0
/* vlarp arp: the ARP request (RFC 826, Ethernet and IPv4) for a target,
 * broadcast, and recognising the reply to it.
 */
#include <linux/if_ether.h>
#include <net/if_arp.h>
#include <string.h>

#include "vlarp.h"

#define ARP_LEN		28	/* Ethernet/IPv4 ARP, after the header */

/* Offsets in the ARP message. */
#define ARP_SHA		8
#define ARP_SPA		14
#define ARP_THA		18
#define ARP_TPA		24

static size_t arp_build(const struct opts *o, const struct iface *ifc,
			uint32_t i, uint8_t *frame)
{
	uint8_t *arp = frame + ETH_HDR_LEN;
	uint8_t target[4];

	targets_addr(&o->targets, i, target);
	memset(frame, 0, ETH_MIN_FRAME);	/* the padding too */
	memset(frame, 0xff, MAC_LEN);		/* broadcast */
	memcpy(frame + MAC_LEN, ifc->mac, MAC_LEN);
	put_be16(frame + 12, ETH_P_ARP);

	put_be16(arp, ARPHRD_ETHER);
	put_be16(arp + 2, ETH_P_IP);
	arp[4] = MAC_LEN;
	arp[5] = 4;
	put_be16(arp + 6, ARPOP_REQUEST);
	memcpy(arp + ARP_SHA, ifc->mac, MAC_LEN);
	if (o->gratuitous)
		memcpy(arp + ARP_SPA, target, 4);
	else if (o->has_sender)
		memcpy(arp + ARP_SPA, o->sender, 4);
	else if (!o->probe)			/* a probe's is 0.0.0.0 */
		memcpy(arp + ARP_SPA, ifc->ipv4, 4);
	/* the target MAC stays 00:00:00:00:00:00 */
	memcpy(arp + ARP_TPA, target, 4);
	return ETH_MIN_FRAME;
}

/* An Ethernet/IPv4 ARP reply from a target, to our MAC. */
static bool arp_match(const struct opts *o, const struct iface *ifc,
		      const uint8_t *frame, size_t len, struct reply *r)
{
	const uint8_t *arp = frame + ETH_HDR_LEN;

	if (len < ETH_HDR_LEN + ARP_LEN || get_be16(frame + 12) != ETH_P_ARP)
		return false;
	if (get_be16(arp) != ARPHRD_ETHER || get_be16(arp + 2) != ETH_P_IP ||
	    arp[4] != MAC_LEN || arp[5] != 4 ||
	    get_be16(arp + 6) != ARPOP_REPLY)
		return false;
	if (memcmp(arp + ARP_THA, ifc->mac, MAC_LEN) ||
	    !targets_index(&o->targets, arp + ARP_SPA, &r->target))
		return false;
	memcpy(r->mac, arp + ARP_SHA, MAC_LEN);
	r->has_mac = true;
	r->flags = 0;
	return true;
}

static void arp_check(const struct opts *o, const struct iface *ifc)
{
	if (!o->gratuitous && !o->has_sender && !o->probe && !ifc->has_ipv4)
		die("arp: %s has no IPv4 address: give --sender, --probe "
		    "or --gratuitous", ifc->name);
}

const struct proto proto_arp = {
	.ethertype = ETH_P_ARP,
	.has_flags = false,
	.check = arp_check,
	.build = arp_build,
	.match = arp_match,
};
