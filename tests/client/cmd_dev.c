// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_dev.c: "dev show", "dev list" and "dev set": GET_DEVICE (one, or a
 * dump of every vpnlink device in the namespace) and SET_DEVICE.
 */
#include <inttypes.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "attrs.h"
#include "vlctl.h"

static const char *const stat_names[VPNLINK_A_STATS_MAX + 1] = {
	[VPNLINK_A_STATS_RX_MALFORMED] = "rx_malformed",
	[VPNLINK_A_STATS_RX_UNKNOWN_INDEX] = "rx_unknown_index",
	[VPNLINK_A_STATS_RX_DECRYPT] = "rx_decrypt",
	[VPNLINK_A_STATS_RX_REPLAY] = "rx_replay",
	[VPNLINK_A_STATS_RX_SOURCE] = "rx_source",
	[VPNLINK_A_STATS_RX_EXPIRED] = "rx_expired",
	[VPNLINK_A_STATS_RX_HANDSHAKE_DROPPED] = "rx_handshake_dropped",
	[VPNLINK_A_STATS_TX_NO_PEER] = "tx_no_peer",
	[VPNLINK_A_STATS_TX_NO_KEYPAIR] = "tx_no_keypair",
	[VPNLINK_A_STATS_TX_NO_ENDPOINT] = "tx_no_endpoint",
	[VPNLINK_A_STATS_TX_ERROR] = "tx_error",
	[VPNLINK_A_STATS_RX_HANDSHAKES] = "rx_handshakes",
	[VPNLINK_A_STATS_RX_KEEPALIVES] = "rx_keepalives",
	[VPNLINK_A_STATS_RX_BACKLOG] = "rx_backlog",
	[VPNLINK_A_STATS_PROXY_ARP_REPLIES] = "proxy_arp_replies",
	[VPNLINK_A_STATS_PROXY_ND_REPLIES] = "proxy_nd_replies",
	[VPNLINK_A_STATS_PROXY_ANNOUNCES] = "proxy_announces",
	[VPNLINK_A_STATS_PROXY_IGN_GRATUITOUS] = "proxy_ign_gratuitous",
	[VPNLINK_A_STATS_PROXY_IGN_NOT_OWNED] = "proxy_ign_not_owned",
	[VPNLINK_A_STATS_PROXY_IGN_SUBNET] = "proxy_ign_subnet",
	[VPNLINK_A_STATS_PROXY_IGN_LOCAL] = "proxy_ign_local",
	[VPNLINK_A_STATS_PROXY_IGN_DOWN] = "proxy_ign_down",
	[VPNLINK_A_STATS_PROXY_IGN_RATELIMIT] = "proxy_ign_ratelimit",
	[VPNLINK_A_STATS_TX_LOOP] = "tx_loop",
};

/* "proxy_lan NAME" per LAN interface, by name as this namespace sees it. */
static void print_proxy_lans(struct nlattr *nest)
{
	char name[IF_NAMESIZE];
	struct nlattr *attr;
	int rem;

	if (!nest)
		return;
	nla_for_each_nested(attr, nest, rem) {
		uint32_t ifindex;

		if (nla_type(attr) != VPNLINK_A_PROXY_LAN_IFINDEX ||
		    nla_len(attr) != sizeof(uint32_t))
			continue;
		ifindex = nla_get_u32(attr);
		printf("proxy_lan %s\n", if_indextoname(ifindex, name) ?
		       name : "?");
	}
}

/* "a,b,c" (or "none") as PROXY_LANS { IFINDEX... }.  Names that do not
 * exist go as ifindex 0, so that the kernel's refusal can be tested.
 */
static int put_proxy_lans(struct nl_msg *msg, const char *list)
{
	char buf[256], *name, *save = NULL;
	struct nlattr *nest;

	if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf))
		return -1;
	nest = nla_nest_start(msg, VPNLINK_A_PROXY_LANS);
	if (!nest)
		return -1;
	if (strcmp(buf, "none")) {
		for (name = strtok_r(buf, ",", &save); name;
		     name = strtok_r(NULL, ",", &save))
			if (nla_put_u32(msg, VPNLINK_A_PROXY_LAN_IFINDEX,
					if_nametoindex(name)))
				return -1;
	}
	/* Kept when empty: an empty set is how proxying is turned off. */
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

static void print_stats(struct nlattr *nest)
{
	struct nlattr *tb[VPNLINK_A_STATS_MAX + 1];
	int i;

	if (!nest ||
	    nla_parse_nested(tb, VPNLINK_A_STATS_MAX, nest, stats_policy))
		return;
	/* In uapi order; whatever the kernel reports, by the uapi's name. */
	for (i = VPNLINK_A_STATS_RX_MALFORMED; i <= VPNLINK_A_STATS_MAX; i++) {
		if (tb[i] && stat_names[i])
			printf("stat %s %" PRIu64 "\n", stat_names[i],
			       nla_get_u64(tb[i]));
	}
}

static int show_device(struct vl_nl *nl, struct nlmsghdr *nlh)
{
	struct nlattr *tb[VPNLINK_A_MAX + 1];

	if (parse_reply(nl, nlh, tb))
		return -1;
	printf("ifindex %" PRIu32 "\n", get_u32(tb[VPNLINK_A_IFINDEX]));
	printf("ifname %s\n", tb[VPNLINK_A_IFNAME] ?
	       nla_get_string(tb[VPNLINK_A_IFNAME]) : "");
	printf("listen_port %u\n", tb[VPNLINK_A_LISTEN_PORT] ?
	       nla_get_u16(tb[VPNLINK_A_LISTEN_PORT]) : 0);
	printf("fwmark %" PRIu32 "\n", get_u32(tb[VPNLINK_A_FWMARK]));
	printf("peers %" PRIu32 "\n", get_u32(tb[VPNLINK_A_PEER_COUNT]));
	print_stats(tb[VPNLINK_A_STATS]);
	print_proxy_lans(tb[VPNLINK_A_PROXY_LANS]);
	if (tb[VPNLINK_A_PROXY_RATE])
		printf("proxy_rate %" PRIu32 "\n",
		       get_u32(tb[VPNLINK_A_PROXY_RATE]));
	return 0;
}

static int list_device(struct vl_nl *nl, struct nlmsghdr *nlh)
{
	struct nlattr *tb[VPNLINK_A_MAX + 1];

	if (parse_reply(nl, nlh, tb))
		return -1;
	printf("%s ifindex %" PRIu32 " port %u peers %" PRIu32 "\n",
	       tb[VPNLINK_A_IFNAME] ? nla_get_string(tb[VPNLINK_A_IFNAME]) : "?",
	       get_u32(tb[VPNLINK_A_IFINDEX]),
	       tb[VPNLINK_A_LISTEN_PORT] ? nla_get_u16(tb[VPNLINK_A_LISTEN_PORT]) : 0,
	       get_u32(tb[VPNLINK_A_PEER_COUNT]));
	return 0;
}

int cmd_dev_show(int argc, char **argv)
{
	struct nl_msg *msg;
	struct vl_nl nl;

	if (argc != 2)
		return usage_error("dev", "dev show takes one interface");
	if (vl_open(&nl))
		return EXIT_FAIL;
	nl.on_reply = show_device;
	msg = vl_msg(&nl, VPNLINK_CMD_GET_DEVICE, 0, MSG_SIZE,
		     VPNLINK_GENL_VERSION);
	if (msg && put_ifname(msg, argv[1]))
		msg = too_large(msg);
	return simple_request(msg, &nl);
}

int cmd_dev_list(int argc, char **argv)
{
	struct vl_nl nl;

	(void)argv;
	if (argc != 1)
		return usage_error("dev", "dev list takes no arguments");
	if (vl_open(&nl))
		return EXIT_FAIL;
	nl.on_reply = list_device;
	return simple_request(vl_msg(&nl, VPNLINK_CMD_GET_DEVICE, NLM_F_DUMP,
				     MSG_SIZE, VPNLINK_GENL_VERSION), &nl);
}

int cmd_dev_set(int argc, char **argv)
{
	bool has_port = false, has_fwmark = false, has_rate = false;
	uint64_t port = 0, fwmark = 0, rate = 0;
	const char *lans = NULL;
	struct nl_msg *msg;
	struct vl_nl nl;
	int i;

	if (argc < 2)
		return usage_error("dev", "dev set needs an interface");
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("dev", "%s needs a value", argv[i]);
		if (!strcmp(argv[i], "port")) {
			if (parse_uint(argv[i + 1], UINT16_MAX, &port))
				return usage_error("dev", "bad port %s", argv[i + 1]);
			has_port = true;
		} else if (!strcmp(argv[i], "fwmark")) {
			if (parse_uint(argv[i + 1], UINT32_MAX, &fwmark))
				return usage_error("dev", "bad fwmark %s", argv[i + 1]);
			has_fwmark = true;
		} else if (!strcmp(argv[i], "proxy-rate")) {
			/* Not range-checked here: the kernel's policy is. */
			if (parse_uint(argv[i + 1], UINT32_MAX, &rate))
				return usage_error("dev", "bad proxy-rate %s", argv[i + 1]);
			has_rate = true;
		} else if (!strcmp(argv[i], "proxy-lans")) {
			lans = argv[i + 1];
		} else {
			return usage_error("dev", "unknown dev set argument %s",
					   argv[i]);
		}
	}
	if (vl_open(&nl))
		return EXIT_FAIL;
	msg = vl_msg(&nl, VPNLINK_CMD_SET_DEVICE, 0, MSG_SIZE,
		     VPNLINK_GENL_VERSION);
	if (msg && (put_ifname(msg, argv[1]) ||
		    (has_port && nla_put_u16(msg, VPNLINK_A_LISTEN_PORT, port)) ||
		    (has_fwmark && nla_put_u32(msg, VPNLINK_A_FWMARK, fwmark)) ||
		    (has_rate && nla_put_u32(msg, VPNLINK_A_PROXY_RATE, rate)) ||
		    (lans && put_proxy_lans(msg, lans))))
		msg = too_large(msg);
	return simple_request(msg, &nl);
}
