/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attrs.h: the attributes of the vpnlink family (include/uapi/linux/
 * vpnlink.h): putting them into requests, and reading them from replies
 * and events.
 */
#ifndef VLCTL_ATTRS_H
#define VLCTL_ATTRS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/vpnlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nl.h"
#include "parse.h"

/* Reply policies: libnl checks minimum lengths, so the nla_get_* of the
 * attributes they cover never read past an attribute.
 */
extern struct nla_policy stats_policy[VPNLINK_A_STATS_MAX + 1];
extern struct nla_policy peer_policy[VPNLINK_A_PEER_MAX + 1];
extern struct nla_policy endpoint_policy[VPNLINK_A_ENDPOINT_MAX + 1];
extern struct nla_policy allowedip_policy[VPNLINK_A_ALLOWEDIP_MAX + 1];
extern struct nla_policy keypair_policy[VPNLINK_A_KEYPAIR_MAX + 1];

/* Absent attributes read as 0: replies are the kernel's, and a missing
 * counter is better shown than a whole peer hidden.
 */
static inline uint64_t get_u64(const struct nlattr *a)
{
	return a ? nla_get_u64((struct nlattr *)a) : 0;
}

static inline uint32_t get_u32(const struct nlattr *a)
{
	return a ? nla_get_u32((struct nlattr *)a) : 0;
}

/* Parses a reply of our family into @tb (VPNLINK_A_MAX + 1 entries);
 * says why on stderr if it cannot.
 */
int parse_reply(struct vl_nl *nl, struct nlmsghdr *nlh, struct nlattr **tb);

/* An ENDPOINT nest as ADDR:PORT, [ADDR]:PORT or [ADDR%SCOPE]:PORT. */
int format_endpoint(struct nlattr *nest, char *buf, size_t size);

/* An ALLOWEDIP nest as ADDR/CIDR. */
int format_prefix(struct nlattr *nest, char *buf, size_t size);

/* The key of a PEER nest, or NULL if it has none. */
const uint8_t *peer_key(struct nlattr *peer);

int put_ifname(struct nl_msg *msg, const char *ifname);
int put_endpoint(struct nl_msg *msg, int type, const struct endpoint *ep);

/* One ALLOWEDIP nest, and the room it takes in a message. */
int put_prefix(struct nl_msg *msg, const struct prefix *p);
size_t prefix_attr_size(const struct prefix *p);

/* Opens a PEER nest holding only the public key; close with nla_nest_end. */
struct nlattr *put_peer_key(struct nl_msg *msg,
			    const uint8_t key[VPNLINK_KEY_LEN]);

/* The usual request: IFNAME, then a PEER nest with only the key. */
struct nl_msg *peer_key_msg(struct vl_nl *nl, uint8_t cmd, int flags,
			    const char *ifname,
			    const uint8_t key[VPNLINK_KEY_LEN]);

#endif /* VLCTL_ATTRS_H */
