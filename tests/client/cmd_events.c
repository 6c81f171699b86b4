// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_events.c: "events": joins the family's multicast group and prints
 * one line per event, flushed at once since tests read the output while
 * vlctl runs.
 */
#include <endian.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "attrs.h"
#include "vlctl.h"

struct event_state {
	unsigned long seen;
	unsigned long want;	/* 0: no limit */
};

static const char *reason_name(uint8_t cmd, uint32_t reason, char *buf,
			       size_t size)
{
	if (cmd == VPNLINK_CMD_HANDSHAKE_NEEDED) {
		if (reason == VPNLINK_HANDSHAKE_NO_KEYPAIR)
			return "no_keypair";
		if (reason == VPNLINK_HANDSHAKE_UNANSWERED)
			return "unanswered";
	} else {
		if (reason == VPNLINK_REKEY_AGE)
			return "age";
		if (reason == VPNLINK_REKEY_MESSAGES)
			return "messages";
	}
	snprintf(buf, size, "%" PRIu32, reason);
	return buf;
}

/* " peer KEY" for events about a peer; " peer none" if the PEER nest
 * lacks a key.
 */
static void format_peer_key(struct nlattr *peer, char *buf, size_t size)
{
	const uint8_t *key = peer_key(peer);
	char b64[B64_KEY_LEN + 1];

	if (!key) {
		snprintf(buf, size, " peer none");
		return;
	}
	key_to_base64(key, b64);
	snprintf(buf, size, " peer %s", b64);
}

static void print_handshake_received(struct nlattr **tb, uint32_t ifindex)
{
	char ep[INET6_ADDRSTRLEN + IF_NAMESIZE + 16] = "none";
	struct nlattr *payload = tb[VPNLINK_A_PAYLOAD];
	uint32_t type = 0;
	int len = payload ? nla_len(payload) : 0;

	if (tb[VPNLINK_A_ENDPOINT] &&
	    format_endpoint(tb[VPNLINK_A_ENDPOINT], ep, sizeof(ep)))
		strcpy(ep, "malformed");
	/* The message type is WireGuard's first field, a little-endian u32. */
	if (len >= 4) {
		memcpy(&type, nla_data(payload), sizeof(type));
		type = le32toh(type);
	}
	printf("handshake_received ifindex %" PRIu32 " endpoint %s type %" PRIu32
	       " len %d\n", ifindex, ep, type, len);
}

/* The local index in a KEYPAIR_CONFIRMED's PEER { KEYPAIR { ... } }. */
static uint32_t confirmed_index(struct nlattr *peer)
{
	struct nlattr *tb[VPNLINK_A_KEYPAIR_MAX + 1], *a;
	int rem;

	if (!peer)
		return 0;
	nla_for_each_nested(a, peer, rem) {
		if (nla_type(a) == VPNLINK_A_PEER_KEYPAIR &&
		    !nla_parse_nested(tb, VPNLINK_A_KEYPAIR_MAX, a, keypair_policy))
			return get_u32(tb[VPNLINK_A_KEYPAIR_LOCAL_INDEX]);
	}
	return 0;
}

/* The ENDPOINT of an ENDPOINT_CHANGED's PEER nest. */
static void peer_endpoint(struct nlattr *peer, char *buf, size_t size)
{
	struct nlattr *tb[VPNLINK_A_PEER_MAX + 1];

	snprintf(buf, size, "none");
	if (peer && !nla_parse_nested(tb, VPNLINK_A_PEER_MAX, peer, peer_policy) &&
	    tb[VPNLINK_A_PEER_ENDPOINT] &&
	    format_endpoint(tb[VPNLINK_A_PEER_ENDPOINT], buf, size))
		snprintf(buf, size, "malformed");
}

static int print_event(struct vl_nl *nl, struct nlmsghdr *nlh)
{
	char key[B64_KEY_LEN + 8], ep[INET6_ADDRSTRLEN + IF_NAMESIZE + 16];
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct event_state *st = nl->arg;
	struct nlattr *tb[VPNLINK_A_MAX + 1];
	uint32_t ifindex, reason;
	char rbuf[16];

	/* Only our group is joined, but never print past --count. */
	if (st->want && st->seen >= st->want)
		return 0;
	if (parse_reply(nl, nlh, tb))
		return -1;
	ifindex = get_u32(tb[VPNLINK_A_IFINDEX]);
	reason = get_u32(tb[VPNLINK_A_REASON]);
	format_peer_key(tb[VPNLINK_A_PEER], key, sizeof(key));
	switch (g->cmd) {
	case VPNLINK_CMD_HANDSHAKE_RECEIVED:
		print_handshake_received(tb, ifindex);
		break;
	case VPNLINK_CMD_HANDSHAKE_NEEDED:
	case VPNLINK_CMD_REKEY_ADVISED:
		printf("%s ifindex %" PRIu32 "%s reason %s\n",
		       g->cmd == VPNLINK_CMD_HANDSHAKE_NEEDED ?
		       "handshake_needed" : "rekey_advised", ifindex, key,
		       reason_name(g->cmd, reason, rbuf, sizeof(rbuf)));
		break;
	case VPNLINK_CMD_KEYPAIR_CONFIRMED:
		printf("keypair_confirmed ifindex %" PRIu32 "%s local %" PRIu32 "\n",
		       ifindex, key, confirmed_index(tb[VPNLINK_A_PEER]));
		break;
	case VPNLINK_CMD_ENDPOINT_CHANGED:
		peer_endpoint(tb[VPNLINK_A_PEER], ep, sizeof(ep));
		printf("endpoint_changed ifindex %" PRIu32 "%s endpoint %s\n",
		       ifindex, key, ep);
		break;
	default:
		printf("event %u ifindex %" PRIu32 "\n", g->cmd, ifindex);
		break;
	}
	/* Tests read our output file while we run. */
	fflush(stdout);
	st->seen++;
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Joins the events group: the socket then only hears multicasts. */
static int events_join(struct vl_nl *nl)
{
	int grp = genl_ctrl_resolve_grp(nl->sk, VPNLINK_GENL_NAME,
					VPNLINK_MCGRP_EVENTS);
	int ret;

	if (grp < 0) {
		fprintf(stderr, "error: group %s of %s: %s\n", VPNLINK_MCGRP_EVENTS,
			VPNLINK_GENL_NAME, nl_geterror(grp));
		return -1;
	}
	/* Multicasts carry sequence number 0: nothing to check them against.
	 * (nl_socket_disable_seq_check() would only change the socket's own
	 * callbacks, and we receive with ours.)
	 */
	ret = nl_cb_set(nl->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq,
			NULL);
	if (ret >= 0)
		ret = nl_socket_add_membership(nl->sk, grp);
	if (ret >= 0)
		ret = nl_socket_set_nonblocking(nl->sk);
	if (ret < 0) {
		fprintf(stderr, "error: joining %s: %s\n", VPNLINK_MCGRP_EVENTS,
			nl_geterror(ret));
		return -1;
	}
	return 0;
}

/* Waits for events until @st->want are seen or @deadline (ms, -1: none). */
static int events_loop(struct vl_nl *nl, struct event_state *st,
		       int64_t deadline)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(nl->sk), .events = POLLIN };

	while (!st->want || st->seen < st->want) {
		int timeout = -1, ret;

		if (deadline >= 0) {
			int64_t left = deadline - now_ms();

			if (left <= 0)
				return st->want ? EXIT_TIMEOUT : EXIT_OK;
			timeout = left > INT_MAX ? INT_MAX : (int)left;
		}
		ret = poll(&pfd, 1, timeout);
		if (ret < 0 && errno != EINTR) {
			fprintf(stderr, "error: poll: %s\n", strerror(errno));
			return EXIT_FAIL;
		}
		if (ret <= 0)
			continue;
		ret = nl_recvmsgs(nl->sk, nl->cb);
		/* ENOBUFS: the kernel dropped events for us.  Say so and go on;
		 * the test that needed them will notice.
		 */
		if (ret == -NLE_NOMEM) {
			fprintf(stderr, "warning: events lost (receive buffer overrun)\n");
		} else if (ret < 0) {
			fprintf(stderr, "error: netlink receive: %s\n",
				nl_geterror(ret));
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

int cmd_events(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct event_state st = { 0 };
	int64_t deadline = -1;
	uint64_t v;
	struct vl_nl nl;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c' && !parse_uint(optarg, ULONG_MAX, &v) && v)
			st.want = v;
		else if (c == 't' && !parse_seconds(optarg, &deadline))
			continue;
		else
			return usage_error("events", "bad events option");
	}
	if (optind != argc)
		return usage_error("events", "events takes only options");
	if (vl_open(&nl))
		return EXIT_FAIL;
	if (events_join(&nl)) {
		vl_close(&nl);
		return EXIT_FAIL;
	}
	nl.on_reply = print_event;
	nl.arg = &st;
	if (deadline >= 0)
		deadline += now_ms();
	printf("listening\n");
	fflush(stdout);
	ret = events_loop(&nl, &st, deadline);
	vl_close(&nl);
	return ret;
}
