// SPDX-License-Identifier: GPL-2.0
/*
 * policy.c: the two routing rules of a default route through the tunnel.
 * libnl-route's rule object has no suppress_prefixlength nor the invert
 * flag, so the RTM_NEWRULE messages are built with libnl's message API.
 */
#include <errno.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "log.h"
#include "policy.h"

static int rule(struct nl_sock *sk, int type, int family, bool invert,
		uint32_t fwmark, uint32_t table, bool suppress)
{
	struct fib_rule_hdr hdr = {
		.family = family,
		.action = FR_ACT_TO_TBL,
		.flags = invert ? FIB_RULE_INVERT : 0,
	};
	int flags = type == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0;
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);
	int ret = -ENOMEM;

	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &hdr, sizeof(hdr), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, FRA_TABLE, table) ||
	    (fwmark && nla_put_u32(msg, FRA_FWMARK, fwmark)) ||
	    (suppress && nla_put_u32(msg, FRA_SUPPRESS_PREFIXLEN, 0)))
		goto out;
	ret = nl_send_sync(sk, msg);	/* frees msg, waits for the ack */
	msg = NULL;
	if (ret == -NLE_EXIST)
		ret = 0;
out:
	nlmsg_free(msg);
	return ret;
}

int vl_policy_add(struct nl_sock *sk, int family, uint32_t table)
{
	int ret;

	ret = rule(sk, RTM_NEWRULE, family, true, table, table, false);
	if (!ret)
		ret = rule(sk, RTM_NEWRULE, family, false, 0, RT_TABLE_MAIN,
			   true);
	if (ret) {
		vl_log(LOG_ERR, "adding the IPv%d routing rules for table %u: %s",
		       family == AF_INET ? 4 : 6, table, nl_geterror(ret));
		vl_policy_del(sk, family, table);
		return -EIO;
	}
	return 0;
}

void vl_policy_del(struct nl_sock *sk, int family, uint32_t table)
{
	rule(sk, RTM_DELRULE, family, true, table, table, false);
	rule(sk, RTM_DELRULE, family, false, 0, RT_TABLE_MAIN, true);
}
