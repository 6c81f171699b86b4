// SPDX-License-Identifier: GPL-2.0
/*
 * events.c: the multicast event socket.  Events are parsed into a struct
 * vl_event and handed to the daemon; a malformed one is skipped rather
 * than trusted.  A full socket buffer loses events: that is counted, and
 * the daemon's own timers recover (a lost "handshake needed" is asked
 * again a second later by the module).
 */
#include <errno.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "events.h"
#include "log.h"

/* Room for a burst of handshake messages while the daemon is busy. */
#define VL_EVENTS_BUF	(4 << 20)

static int parse_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[VPNLINK_A_MAX + 1], *pt[VPNLINK_A_PEER_MAX + 1];
	struct nlattr *kt[VPNLINK_A_KEYPAIR_MAX + 1];
	struct vl_events *ev = arg;
	struct vl_event e;

	memset(&e, 0, sizeof(e));
	if (genlmsg_parse(nlh, 0, tb, VPNLINK_A_MAX, NULL) ||
	    !tb[VPNLINK_A_IFINDEX])
		goto bad;
	e.cmd = gh->cmd;
	e.ifindex = nla_get_u32(tb[VPNLINK_A_IFINDEX]);
	if (tb[VPNLINK_A_ENDPOINT] &&
	    vl_get_endpoint(tb[VPNLINK_A_ENDPOINT], &e.endpoint, &e.local))
		goto bad;
	if (tb[VPNLINK_A_PAYLOAD]) {
		e.payload = nla_data(tb[VPNLINK_A_PAYLOAD]);
		e.payload_len = nla_len(tb[VPNLINK_A_PAYLOAD]);
	}
	if (tb[VPNLINK_A_REASON])
		e.reason = nla_get_u32(tb[VPNLINK_A_REASON]);
	if (tb[VPNLINK_A_PEER]) {
		if (nla_parse_nested(pt, VPNLINK_A_PEER_MAX, tb[VPNLINK_A_PEER],
				     NULL) ||
		    !pt[VPNLINK_A_PEER_PUBLIC_KEY] ||
		    nla_len(pt[VPNLINK_A_PEER_PUBLIC_KEY]) != VPNLINK_KEY_LEN)
			goto bad;
		e.has_key = true;
		memcpy(e.key, nla_data(pt[VPNLINK_A_PEER_PUBLIC_KEY]),
		       VPNLINK_KEY_LEN);
		if (pt[VPNLINK_A_PEER_ENDPOINT] &&
		    vl_get_endpoint(pt[VPNLINK_A_PEER_ENDPOINT], &e.endpoint,
				    &e.local))
			goto bad;
		if (pt[VPNLINK_A_PEER_KEYPAIR] &&
		    !nla_parse_nested(kt, VPNLINK_A_KEYPAIR_MAX,
				      pt[VPNLINK_A_PEER_KEYPAIR], NULL) &&
		    kt[VPNLINK_A_KEYPAIR_LOCAL_INDEX])
			e.local_index =
				nla_get_u32(kt[VPNLINK_A_KEYPAIR_LOCAL_INDEX]);
	}
	ev->fn(&e, ev->arg);
	return NL_OK;
bad:
	vl_log_rl(LOG_WARNING, "ignoring a malformed event from the module");
	return NL_SKIP;
}

/* Multicast messages carry no sequence numbers of ours. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int vl_events_open(struct vl_events *ev, vl_event_fn fn, void *arg)
{
	int grp, ret;

	memset(ev, 0, sizeof(*ev));
	ev->fn = fn;
	ev->arg = arg;
	ev->sk = nl_socket_alloc();
	ev->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!ev->sk || !ev->cb) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = genl_connect(ev->sk);
	if (ret < 0) {
		ret = -EIO;
		goto fail;
	}
	grp = genl_ctrl_resolve_grp(ev->sk, VPNLINK_GENL_NAME,
				    VPNLINK_MCGRP_EVENTS);
	if (grp < 0) {
		ret = -ENOENT;
		goto fail;
	}
	ret = nl_socket_add_membership(ev->sk, grp);
	if (ret < 0 ||
	    nl_socket_set_buffer_size(ev->sk, VL_EVENTS_BUF, 0) < 0 ||
	    nl_socket_set_nonblocking(ev->sk) < 0) {
		ret = -EIO;
		goto fail;
	}
	nl_socket_enable_msg_peek(ev->sk);
	nl_cb_set(ev->cb, NL_CB_VALID, NL_CB_CUSTOM, parse_event, ev);
	nl_cb_set(ev->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	return 0;
fail:
	vl_events_close(ev);
	return ret;
}

void vl_events_close(struct vl_events *ev)
{
	nl_cb_put(ev->cb);
	nl_socket_free(ev->sk);
	ev->cb = NULL;
	ev->sk = NULL;
}

int vl_events_fd(const struct vl_events *ev)
{
	return nl_socket_get_fd(ev->sk);
}

int vl_events_read(struct vl_events *ev)
{
	int ret;

	for (;;) {
		ret = nl_recvmsgs(ev->sk, ev->cb);
		if (ret >= 0)
			continue;
		if (ret == -NLE_AGAIN)
			return 0;
		if (ret == -NLE_NOMEM) {
			/* ENOBUFS: the kernel dropped events for us. */
			ev->overruns++;
			vl_log_rl(LOG_WARNING,
				  "events lost: the socket buffer was full");
			continue;
		}
		/* Anything else: one bad message, say so and go on.  The
		 * tunnel must not go down over it.
		 */
		vl_log_rl(LOG_ERR, "reading events: %s", nl_geterror(ret));
		return 0;
	}
}
