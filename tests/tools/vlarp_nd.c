// SPDX-License-Identifier: GPL-2.0
/* vlarp ns: the Neighbour Solicitation (RFC 4861 4.3) for a target, to its
 * solicited-node multicast address, and recognising the Neighbour
 * Advertisement (4.4) that answers it.
 */
#include <linux/if_ether.h>
#include <string.h>

#include "vlarp.h"

#define IP6_HDR_LEN	40
#define ND_LEN		24	/* type .. target, before the options */
#define ND_OPT_SLLA	1	/* source link-layer address */
#define ND_OPT_TLLA	2	/* target link-layer address */
#define ICMP6_NS	135
#define ICMP6_NA	136
#define ICMP6_PROTO	58

static const uint8_t all_nodes[16] = {
	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
};

/* The IPv6 source of the solicitations: ::, --source or the link-local
 * address; the advertisements that answer them go there, but for DAD's
 * (from ::), which go to all nodes.
 */
static void nd_source(const struct opts *o, const struct iface *ifc,
		      uint8_t *src)
{
	if (o->dad)
		memset(src, 0, 16);
	else
		memcpy(src, o->has_sender ? o->sender : ifc->ll6, 16);
}

static size_t nd_build(const struct opts *o, const struct iface *ifc,
		       uint32_t i, uint8_t *frame)
{
	uint8_t *ip6 = frame + ETH_HDR_LEN, *icmp = ip6 + IP6_HDR_LEN;
	uint8_t target[16], *dst = ip6 + 24;
	size_t icmp_len = ND_LEN + (o->dad ? 0 : 8);
	uint16_t csum;

	targets_addr(&o->targets, i, target);
	memset(frame, 0, ETH_HDR_LEN + IP6_HDR_LEN + icmp_len);

	/* to 33:33:ff + the target's last 24 bits (RFC 2464 7) */
	frame[0] = 0x33;
	frame[1] = 0x33;
	frame[2] = 0xff;
	memcpy(frame + 3, target + 13, 3);
	memcpy(frame + MAC_LEN, ifc->mac, MAC_LEN);
	put_be16(frame + 12, ETH_P_IPV6);

	ip6[0] = 0x60;
	put_be16(ip6 + 4, (uint16_t)icmp_len);
	ip6[6] = ICMP6_PROTO;
	ip6[7] = 255;				/* hop limit */
	nd_source(o, ifc, ip6 + 8);
	/* ff02::1:ff + the target's last 24 bits (RFC 4291 2.7.1) */
	dst[0] = 0xff;
	dst[1] = 0x02;
	dst[11] = 0x01;
	dst[12] = 0xff;
	memcpy(dst + 13, target + 13, 3);

	icmp[0] = ICMP6_NS;
	memcpy(icmp + 8, target, 16);
	if (!o->dad) {
		icmp[ND_LEN] = ND_OPT_SLLA;
		icmp[ND_LEN + 1] = 1;		/* 8 bytes */
		memcpy(icmp + ND_LEN + 2, ifc->mac, MAC_LEN);
	}
	csum = icmp6_csum(ip6 + 8, dst, icmp, icmp_len);
	if (o->bad_checksum)
		csum ^= 1;	/* ^ 0xffff could turn 0 into 0xffff: valid */
	put_be16(icmp + 2, csum);
	return ETH_HDR_LEN + IP6_HDR_LEN + icmp_len;
}

/* A valid Neighbour Advertisement for a target, to our source address
 * (all nodes for DAD), with the MAC from its target link-layer address
 * option.  No extension headers: nobody puts any before an NA.
 */
static bool nd_match(const struct opts *o, const struct iface *ifc,
		     const uint8_t *frame, size_t len, struct reply *r)
{
	const uint8_t *ip6 = frame + ETH_HDR_LEN, *icmp = ip6 + IP6_HDR_LEN;
	uint8_t want_dst[16];
	size_t plen, off;

	if (len < ETH_HDR_LEN + IP6_HDR_LEN + ND_LEN ||
	    get_be16(frame + 12) != ETH_P_IPV6)
		return false;
	plen = get_be16(ip6 + 4);
	if (ip6[0] >> 4 != 6 || ip6[6] != ICMP6_PROTO || ip6[7] != 255 ||
	    plen < ND_LEN || plen > len - ETH_HDR_LEN - IP6_HDR_LEN)
		return false;
	if (icmp[0] != ICMP6_NA || icmp[1] != 0)
		return false;
	if (o->dad)
		memcpy(want_dst, all_nodes, 16);
	else
		nd_source(o, ifc, want_dst);
	if (memcmp(ip6 + 24, want_dst, 16) ||
	    !targets_index(&o->targets, icmp + 8, &r->target) ||
	    icmp6_csum(ip6 + 8, ip6 + 24, icmp, plen))
		return false;

	r->flags = icmp[4] & (ND_ROUTER | ND_SOLICITED | ND_OVERRIDE);
	r->has_mac = false;
	for (off = ND_LEN; off < plen; off += (size_t)icmp[off + 1] * 8) {
		if (plen - off < 2 || !icmp[off + 1] ||
		    (size_t)icmp[off + 1] * 8 > plen - off)
			return false;	/* a malformed option: invalid NA */
		if (icmp[off] == ND_OPT_TLLA && icmp[off + 1] == 1 &&
		    !r->has_mac) {
			memcpy(r->mac, icmp + off + 2, MAC_LEN);
			r->has_mac = true;
		}
	}
	return true;
}

static void nd_check(const struct opts *o, const struct iface *ifc)
{
	if (!o->dad && !o->has_sender && !ifc->has_ll6)
		die("ns: %s has no link-local address: give --source or "
		    "--dad", ifc->name);
}

const struct proto proto_nd = {
	.ethertype = ETH_P_IPV6,
	.has_flags = true,
	.check = nd_check,
	.build = nd_build,
	.match = nd_match,
};
