// SPDX-License-Identifier: GPL-2.0
/*
 * attrs.c: the vpnlink family's attributes, into requests and out of
 * replies.  Requests are built as asked, even when the kernel must refuse
 * them; replies are read defensively, since they are what is under test.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>

#include <netlink/genl/genl.h>

#include "attrs.h"

static struct nla_policy top_policy[VPNLINK_A_MAX + 1] = {
	[VPNLINK_A_IFINDEX] = { .type = NLA_U32 },
	[VPNLINK_A_IFNAME] = { .type = NLA_STRING },
	[VPNLINK_A_LISTEN_PORT] = { .type = NLA_U16 },
	[VPNLINK_A_FWMARK] = { .type = NLA_U32 },
	[VPNLINK_A_PEER_COUNT] = { .type = NLA_U32 },
	[VPNLINK_A_STATS] = { .type = NLA_NESTED },
	[VPNLINK_A_PEER] = { .type = NLA_NESTED },
	[VPNLINK_A_ENDPOINT] = { .type = NLA_NESTED },
	[VPNLINK_A_REASON] = { .type = NLA_U32 },
	[VPNLINK_A_PROXY_LANS] = { .type = NLA_NESTED },
	[VPNLINK_A_PROXY_RATE] = { .type = NLA_U32 },
};

struct nla_policy stats_policy[VPNLINK_A_STATS_MAX + 1] = {
	[VPNLINK_A_STATS_RX_MALFORMED ... VPNLINK_A_STATS_MAX] = { .type = NLA_U64 },
};

struct nla_policy peer_policy[VPNLINK_A_PEER_MAX + 1] = {
	[VPNLINK_A_PEER_PUBLIC_KEY] = { .minlen = VPNLINK_KEY_LEN,
					.maxlen = VPNLINK_KEY_LEN },
	[VPNLINK_A_PEER_FLAGS] = { .type = NLA_U32 },
	[VPNLINK_A_PEER_ENDPOINT] = { .type = NLA_NESTED },
	[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE] = { .type = NLA_U16 },
	[VPNLINK_A_PEER_RX_BYTES ... VPNLINK_A_PEER_LAST_TX_NS] = { .type = NLA_U64 },
};

struct nla_policy endpoint_policy[VPNLINK_A_ENDPOINT_MAX + 1] = {
	[VPNLINK_A_ENDPOINT_ADDR4] = { .minlen = 4, .maxlen = 4 },
	[VPNLINK_A_ENDPOINT_ADDR6] = { .minlen = 16, .maxlen = 16 },
	[VPNLINK_A_ENDPOINT_PORT] = { .type = NLA_U16 },
	[VPNLINK_A_ENDPOINT_SCOPE_ID] = { .type = NLA_U32 },
};

struct nla_policy allowedip_policy[VPNLINK_A_ALLOWEDIP_MAX + 1] = {
	[VPNLINK_A_ALLOWEDIP_FAMILY] = { .type = NLA_U16 },
	[VPNLINK_A_ALLOWEDIP_ADDR] = { .minlen = 4, .maxlen = 16 },
	[VPNLINK_A_ALLOWEDIP_CIDR] = { .type = NLA_U8 },
	[VPNLINK_A_ALLOWEDIP_FLAGS] = { .type = NLA_U32 },
};

struct nla_policy keypair_policy[VPNLINK_A_KEYPAIR_MAX + 1] = {
	[VPNLINK_A_KEYPAIR_LOCAL_INDEX] = { .type = NLA_U32 },
	[VPNLINK_A_KEYPAIR_REMOTE_INDEX] = { .type = NLA_U32 },
	[VPNLINK_A_KEYPAIR_INITIATOR] = { .type = NLA_FLAG },
	[VPNLINK_A_KEYPAIR_REJECT_AFTER_MS] = { .type = NLA_U32 },
	[VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES] = { .type = NLA_U64 },
	[VPNLINK_A_KEYPAIR_SLOT] = { .type = NLA_U8 },
	[VPNLINK_A_KEYPAIR_AGE_MS] = { .type = NLA_U64 },
	[VPNLINK_A_KEYPAIR_TX_COUNTER] = { .type = NLA_U64 },
	[VPNLINK_A_KEYPAIR_RX_COUNTER] = { .type = NLA_U64 },
};

int parse_reply(struct vl_nl *nl, struct nlmsghdr *nlh, struct nlattr **tb)
{
	int ret;

	if (nlh->nlmsg_type != nl->family) {
		fprintf(stderr, "error: reply of netlink type %u, not %d\n",
			nlh->nlmsg_type, nl->family);
		return -1;
	}
	ret = genlmsg_parse(nlh, 0, tb, VPNLINK_A_MAX, top_policy);
	if (ret < 0) {
		fprintf(stderr, "error: malformed reply: %s\n", nl_geterror(ret));
		return -1;
	}
	return 0;
}

int format_endpoint(struct nlattr *nest, char *buf, size_t size)
{
	struct nlattr *tb[VPNLINK_A_ENDPOINT_MAX + 1];
	char addr[INET6_ADDRSTRLEN], scope[IF_NAMESIZE + 12] = "";
	unsigned int port;

	if (nla_parse_nested(tb, VPNLINK_A_ENDPOINT_MAX, nest, endpoint_policy))
		return -1;
	port = tb[VPNLINK_A_ENDPOINT_PORT] ?
	       nla_get_u16(tb[VPNLINK_A_ENDPOINT_PORT]) : 0;
	if (tb[VPNLINK_A_ENDPOINT_ADDR4]) {
		inet_ntop(AF_INET, nla_data(tb[VPNLINK_A_ENDPOINT_ADDR4]), addr,
			  sizeof(addr));
		snprintf(buf, size, "%s:%u", addr, port);
		return 0;
	}
	if (!tb[VPNLINK_A_ENDPOINT_ADDR6])
		return -1;
	inet_ntop(AF_INET6, nla_data(tb[VPNLINK_A_ENDPOINT_ADDR6]), addr,
		  sizeof(addr));
	if (tb[VPNLINK_A_ENDPOINT_SCOPE_ID]) {
		uint32_t id = nla_get_u32(tb[VPNLINK_A_ENDPOINT_SCOPE_ID]);
		char name[IF_NAMESIZE];

		if (if_indextoname(id, name))
			snprintf(scope, sizeof(scope), "%%%s", name);
		else
			snprintf(scope, sizeof(scope), "%%%" PRIu32, id);
	}
	snprintf(buf, size, "[%s%s]:%u", addr, scope, port);
	return 0;
}

int format_prefix(struct nlattr *nest, char *buf, size_t size)
{
	struct nlattr *tb[VPNLINK_A_ALLOWEDIP_MAX + 1];
	char addr[INET6_ADDRSTRLEN];
	int family;

	if (nla_parse_nested(tb, VPNLINK_A_ALLOWEDIP_MAX, nest, allowedip_policy) ||
	    !tb[VPNLINK_A_ALLOWEDIP_FAMILY] || !tb[VPNLINK_A_ALLOWEDIP_ADDR] ||
	    !tb[VPNLINK_A_ALLOWEDIP_CIDR])
		return -1;
	family = nla_get_u16(tb[VPNLINK_A_ALLOWEDIP_FAMILY]);
	if (nla_len(tb[VPNLINK_A_ALLOWEDIP_ADDR]) != (family == AF_INET ? 4 : 16) ||
	    !inet_ntop(family, nla_data(tb[VPNLINK_A_ALLOWEDIP_ADDR]), addr,
		       sizeof(addr)))
		return -1;
	snprintf(buf, size, "%s/%u", addr,
		 nla_get_u8(tb[VPNLINK_A_ALLOWEDIP_CIDR]));
	return 0;
}

const uint8_t *peer_key(struct nlattr *peer)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];

	if (!peer ||
	    nla_parse_nested(tb, VPNLINK_A_PEER_MAX, peer, peer_policy) ||
	    !tb[VPNLINK_A_PEER_PUBLIC_KEY])
		return NULL;
	return nla_data(tb[VPNLINK_A_PEER_PUBLIC_KEY]);
}

int put_ifname(struct nl_msg *msg, const char *ifname)
{
	return nla_put_string(msg, VPNLINK_A_IFNAME, ifname);
}

int put_endpoint(struct nl_msg *msg, int type, const struct endpoint *ep)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest)
		return -1;
	if (ep->family == AF_INET) {
		if (nla_put(msg, VPNLINK_A_ENDPOINT_ADDR4, 4, &ep->addr.v4))
			return -1;
	} else {
		if (nla_put(msg, VPNLINK_A_ENDPOINT_ADDR6, 16, &ep->addr.v6) ||
		    (ep->scope_id &&
		     nla_put_u32(msg, VPNLINK_A_ENDPOINT_SCOPE_ID, ep->scope_id)))
			return -1;
	}
	if (nla_put_u16(msg, VPNLINK_A_ENDPOINT_PORT, ep->port))
		return -1;
	return nla_nest_end(msg, nest);
}

int put_prefix(struct nl_msg *msg, const struct prefix *p)
{
	struct nlattr *nest = nla_nest_start(msg, VPNLINK_A_PEER_ALLOWEDIP);

	if (!nest ||
	    nla_put_u16(msg, VPNLINK_A_ALLOWEDIP_FAMILY, p->family) ||
	    nla_put(msg, VPNLINK_A_ALLOWEDIP_ADDR, p->family == AF_INET ? 4 : 16,
		    p->addr) ||
	    nla_put_u8(msg, VPNLINK_A_ALLOWEDIP_CIDR, p->cidr) ||
	    (p->remove && nla_put_u32(msg, VPNLINK_A_ALLOWEDIP_FLAGS,
				      VPNLINK_ALLOWEDIP_F_REMOVE)))
		return -1;
	return nla_nest_end(msg, nest);
}

/* Exactly what put_prefix() adds: callers pack PEER nests up to the 64 KiB
 * an attribute can hold.
 */
size_t prefix_attr_size(const struct prefix *p)
{
	return nla_total_size(nla_total_size(sizeof(uint16_t)) +
			      nla_total_size(p->family == AF_INET ? 4 : 16) +
			      nla_total_size(sizeof(uint8_t)) +
			      (p->remove ? nla_total_size(sizeof(uint32_t)) : 0));
}

struct nlattr *put_peer_key(struct nl_msg *msg,
			    const uint8_t key[VPNLINK_KEY_LEN])
{
	struct nlattr *nest = nla_nest_start(msg, VPNLINK_A_PEER);

	if (!nest || nla_put(msg, VPNLINK_A_PEER_PUBLIC_KEY, VPNLINK_KEY_LEN, key))
		return NULL;
	return nest;
}

struct nl_msg *peer_key_msg(struct vl_nl *nl, uint8_t cmd, int flags,
			    const char *ifname,
			    const uint8_t key[VPNLINK_KEY_LEN])
{
	struct nl_msg *msg = vl_msg(nl, cmd, flags, MSG_SIZE,
				    VPNLINK_GENL_VERSION);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	if (put_ifname(msg, ifname) || !(nest = put_peer_key(msg, key)) ||
	    nla_nest_end(msg, nest))
		return too_large(msg);
	return msg;
}
