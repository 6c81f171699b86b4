// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_peer_show.c: "peer show" and "peer count": GET_PEER of one peer, or
 * a dump of them all, in which one peer may span several messages.
 */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "attrs.h"
#include "vlctl.h"

static const char *const slot_names[] = {
	[VPNLINK_KEYPAIR_CURRENT] = "current",
	[VPNLINK_KEYPAIR_PREVIOUS] = "previous",
	[VPNLINK_KEYPAIR_NEXT] = "next",
};

/* State of "peer show" / "peer count" across the messages of a dump. */
struct peer_walk {
	bool count_only;
	const uint8_t *only_key;	/* NULL, or the one peer to show */
	bool have_last;
	uint8_t last_key[VPNLINK_KEY_LEN];
	unsigned long peers;
	unsigned long allowed;
};

static void print_keypair(struct nlattr *nest)
{
	struct nlattr *tb[VPNLINK_A_KEYPAIR_MAX + 1];
	const char *slot = "unknown";

	if (nla_parse_nested(tb, VPNLINK_A_KEYPAIR_MAX, nest, keypair_policy)) {
		printf("  keypair malformed\n");
		return;
	}
	if (tb[VPNLINK_A_KEYPAIR_SLOT] &&
	    nla_get_u8(tb[VPNLINK_A_KEYPAIR_SLOT]) < ARRAY_SIZE(slot_names))
		slot = slot_names[nla_get_u8(tb[VPNLINK_A_KEYPAIR_SLOT])];
	printf("  keypair %s local %" PRIu32 " remote %" PRIu32
	       " age_ms %" PRIu64 " tx_counter %" PRIu64, slot,
	       get_u32(tb[VPNLINK_A_KEYPAIR_LOCAL_INDEX]),
	       get_u32(tb[VPNLINK_A_KEYPAIR_REMOTE_INDEX]),
	       get_u64(tb[VPNLINK_A_KEYPAIR_AGE_MS]),
	       get_u64(tb[VPNLINK_A_KEYPAIR_TX_COUNTER]));
	if (tb[VPNLINK_A_KEYPAIR_RX_COUNTER])
		printf(" rx_counter %" PRIu64,
		       nla_get_u64(tb[VPNLINK_A_KEYPAIR_RX_COUNTER]));
	printf(" reject_ms %" PRIu32 " reject_messages %" PRIu64,
	       get_u32(tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MS]),
	       get_u64(tb[VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES]));
	if (tb[VPNLINK_A_KEYPAIR_INITIATOR])
		printf(" initiator");
	putchar('\n');
}

/* Endpoint, keepalive and counters: what a peer's first message carries. */
static void print_peer_state(struct nlattr **tb)
{
	static const struct {
		int type;
		const char *name;
	} counters[] = {
		{ VPNLINK_A_PEER_RX_BYTES, "rx_bytes" },
		{ VPNLINK_A_PEER_TX_BYTES, "tx_bytes" },
		{ VPNLINK_A_PEER_RX_PACKETS, "rx_packets" },
		{ VPNLINK_A_PEER_TX_PACKETS, "tx_packets" },
		{ VPNLINK_A_PEER_LAST_RX_NS, "last_rx_ns" },
		{ VPNLINK_A_PEER_LAST_TX_NS, "last_tx_ns" },
	};
	char ep[INET6_ADDRSTRLEN + IF_NAMESIZE + 16];
	size_t i;

	if (tb[VPNLINK_A_PEER_ENDPOINT]) {
		if (format_endpoint(tb[VPNLINK_A_PEER_ENDPOINT], ep, sizeof(ep)))
			strcpy(ep, "malformed");
		printf("  endpoint %s\n", ep);
	}
	if (tb[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE])
		printf("  keepalive %u\n",
		       nla_get_u16(tb[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE]));
	for (i = 0; i < ARRAY_SIZE(counters); i++) {
		if (tb[counters[i].type])
			printf("  %s %" PRIu64 "\n", counters[i].name,
			       nla_get_u64(tb[counters[i].type]));
	}
}

/* Keypairs, then allowed IPs, each in the order received. */
static void print_peer_lists(struct nlattr *peer, struct peer_walk *w)
{
	char buf[INET6_ADDRSTRLEN + 8];
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, peer, rem) {
		if (nla_type(a) == VPNLINK_A_PEER_ALLOWEDIP)
			w->allowed++;
		else if (nla_type(a) == VPNLINK_A_PEER_KEYPAIR && !w->count_only)
			print_keypair(a);
	}
	if (w->count_only)
		return;
	nla_for_each_nested(a, peer, rem) {
		if (nla_type(a) != VPNLINK_A_PEER_ALLOWEDIP)
			continue;
		if (format_prefix(a, buf, sizeof(buf)))
			strcpy(buf, "malformed");
		printf("  allowed %s\n", buf);
	}
}

/* One GET_PEER reply.  A dump may split a peer with many allowed IPs over
 * consecutive messages with the same key: those continue the same peer.
 */
static int show_peer(struct vl_nl *nl, struct nlmsghdr *nlh)
{
	struct nlattr *tb[VPNLINK_A_MAX + 1], *ptb[VPNLINK_A_PEER_MAX + 1];
	struct peer_walk *w = nl->arg;
	char b64[B64_KEY_LEN + 1];
	const uint8_t *key;

	if (parse_reply(nl, nlh, tb))
		return -1;
	if (!tb[VPNLINK_A_PEER] ||
	    nla_parse_nested(ptb, VPNLINK_A_PEER_MAX, tb[VPNLINK_A_PEER],
			     peer_policy) ||
	    !ptb[VPNLINK_A_PEER_PUBLIC_KEY]) {
		fprintf(stderr, "error: reply without a valid PEER\n");
		return -1;
	}
	key = nla_data(ptb[VPNLINK_A_PEER_PUBLIC_KEY]);
	if (w->only_key && memcmp(key, w->only_key, VPNLINK_KEY_LEN))
		return 0;
	if (!w->have_last || memcmp(key, w->last_key, VPNLINK_KEY_LEN)) {
		memcpy(w->last_key, key, VPNLINK_KEY_LEN);
		w->have_last = true;
		w->peers++;
		if (!w->count_only) {
			key_to_base64(key, b64);
			printf("peer %s\n", b64);
		}
	}
	if (!w->count_only)
		print_peer_state(ptb);
	print_peer_lists(tb[VPNLINK_A_PEER], w);
	return 0;
}

struct peer_query {
	const char *ifname;
	const uint8_t *key;	/* NULL: a dump of every peer */
	int quiet_error;	/* an errno the caller handles: not printed */
	int error;		/* out: the kernel's errno, 0 if none */
	unsigned long messages;	/* out: replies received */
};

/* GET_PEER of one peer or a dump of all, each reply through @w. */
static int get_peers(struct peer_query *q, struct peer_walk *w)
{
	struct nl_msg *msg;
	struct vl_nl nl;
	int ret;

	if (vl_open(&nl))
		return EXIT_FAIL;
	nl.on_reply = show_peer;
	nl.arg = w;
	nl.quiet_error = q->quiet_error;
	if (q->key) {
		msg = peer_key_msg(&nl, VPNLINK_CMD_GET_PEER, 0, q->ifname,
				   q->key);
	} else {
		msg = vl_msg(&nl, VPNLINK_CMD_GET_PEER, NLM_F_DUMP, MSG_SIZE,
			     VPNLINK_GENL_VERSION);
		if (msg && put_ifname(msg, q->ifname))
			msg = too_large(msg);
	}
	if (!msg) {
		vl_close(&nl);
		return EXIT_FAIL;
	}
	ret = vl_request(&nl, msg);
	q->error = nl.error;
	q->messages = nl.messages;
	vl_close(&nl);
	return ret;
}

/* The kernel refuses (EMSGSIZE) a GET_PEER doit whose prefixes would not
 * fit one PEER nest, while a dump splits them over messages: with --dump,
 * such a peer is picked out of a dump of its device instead.  Without, the
 * refusal stands, as tests of the kernel expect.
 */
int cmd_peer_show(int argc, char **argv)
{
	uint8_t key[VPNLINK_KEY_LEN];
	struct peer_walk w = { 0 };
	struct peer_query q = { 0 };
	const char *args[2];
	bool dump = false;
	int i, n = 0, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dump")) {
			dump = true;
			continue;
		}
		if (n == 2)
			return usage_error("peer", "peer show takes IF and maybe KEY");
		args[n++] = argv[i];
	}
	if (n == 0)
		return usage_error("peer", "peer show takes IF and maybe KEY");
	if (n == 2 && parse_key(args[1], key))
		return usage_error("peer", "bad key %s", args[1]);
	q.ifname = args[0];
	q.key = n == 2 ? key : NULL;
	if (dump)
		q.quiet_error = EMSGSIZE;
	ret = get_peers(&q, &w);
	if (ret == EXIT_OK || !q.key || !dump || q.error != EMSGSIZE)
		return ret;

	w.only_key = key;
	q.key = NULL;
	q.quiet_error = 0;
	ret = get_peers(&q, &w);
	if (ret == EXIT_OK && !w.peers) {
		/* Deleted between the two requests. */
		print_kernel_error(ENOENT, "no peer with this public key in the dump");
		return EXIT_FAIL;
	}
	return ret;
}

int cmd_peer_count(int argc, char **argv)
{
	struct peer_walk w = { .count_only = true };
	struct peer_query q = { 0 };
	int ret;

	if (argc != 2)
		return usage_error("peer", "peer count takes IF");
	q.ifname = argv[1];
	ret = get_peers(&q, &w);
	if (ret == EXIT_OK)
		printf("peers %lu allowed %lu messages %lu\n", w.peers,
		       w.allowed, q.messages);
	return ret;
}
