// SPDX-License-Identifier: GPL-2.0
/*
 * peer_change.c: NEW_PEER / SET_PEER requests packed up to what one PEER
 * nest holds, and sent one after the other (see peer_change.h).
 */
#include <stdio.h>

#include <netlink/attr.h>

#include "attrs.h"
#include "peer_change.h"
#include "vlctl.h"

/* A nest's length is 16 bits: the PEER nest, its header included, must
 * not grow past this.
 */
#define PEER_NEST_MAX		UINT16_MAX

/* Room for the request from prefix @from on: what fits one PEER nest. */
static size_t request_size(const struct prefix_list *l, size_t from)
{
	size_t size = 0, i;

	for (i = from; i < l->n && size <= PEER_NEST_MAX; i++)
		size += prefix_attr_size(&l->v[i]);
	return MSG_SIZE + (size < PEER_NEST_MAX ? size : PEER_NEST_MAX);
}

static int put_peer_settings(struct nl_msg *msg, const struct peer_change *c)
{
	return (c->replace && nla_put_u32(msg, VPNLINK_A_PEER_FLAGS,
					  VPNLINK_PEER_F_REPLACE_ALLOWEDIPS)) ||
	       (c->has_endpoint &&
		put_endpoint(msg, VPNLINK_A_PEER_ENDPOINT, &c->ep)) ||
	       (c->has_keepalive &&
		nla_put_u16(msg, VPNLINK_A_PEER_PERSISTENT_KEEPALIVE,
			    c->keepalive)) ? -1 : 0;
}

struct nl_msg *peer_change_msg(struct vl_nl *nl, uint8_t cmd,
			       const char *ifname,
			       const struct peer_change *c, bool first,
			       size_t *next)
{
	const struct prefix_list *l = &c->prefixes;
	struct nlattr *nest;
	struct nl_msg *msg;
	size_t i = *next;

	msg = vl_msg(nl, first ? cmd : VPNLINK_CMD_SET_PEER, 0,
		     request_size(l, i), VPNLINK_GENL_VERSION);
	if (!msg)
		return NULL;
	if (put_ifname(msg, ifname) || !(nest = put_peer_key(msg, c->key)) ||
	    (first && put_peer_settings(msg, c)))
		return too_large(msg);
	for (; i < l->n; i++) {
		size_t used = (char *)nlmsg_tail(nlmsg_hdr(msg)) - (char *)nest;

		if (used + prefix_attr_size(&l->v[i]) > PEER_NEST_MAX)
			break;
		if (put_prefix(msg, &l->v[i]))
			return too_large(msg);
	}
	/* A follow-up without a prefix would never end. */
	if ((!first && i == *next) || nla_nest_end(msg, nest))
		return too_large(msg);
	*next = i;
	return msg;
}

int peer_change_send(struct vl_nl *nl, uint8_t cmd, const char *ifname,
		     const struct peer_change *c)
{
	size_t next = 0, done;
	bool first = true;
	int ret;

	do {
		struct nl_msg *msg;

		done = next;
		msg = peer_change_msg(nl, cmd, ifname, c, first, &next);
		if (!msg)
			return EXIT_FAIL;
		ret = vl_request(nl, msg);
		if (ret != EXIT_OK) {
			/* Earlier requests took effect: say how far it got. */
			if (!first)
				fprintf(stderr,
					"error: refused after the first %zu of %zu prefixes took effect\n",
					done, c->prefixes.n);
			return ret;
		}
		first = false;
	} while (next < c->prefixes.n);
	return EXIT_OK;
}
