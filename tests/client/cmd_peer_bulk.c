// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_peer_bulk.c: "peer bulk": thousands of peers, fast, for the tests of
 * large tables and dumps.  Requests are pipelined: up to BULK_WINDOW are
 * in flight, and every answer is still checked.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "peer_change.h"
#include "vlctl.h"

/* Requests in flight: their acks must fit in the socket's receive buffer,
 * or the kernel drops them (ENOBUFS) and we lose count.
 */
#define BULK_WINDOW		64
/* The prefixes are 10.128.0.0/9, one /32 each. */
#define BULK_BASE		0x0a800000u
#define BULK_ADDRS		(1u << 23)

struct bulk {
	struct vl_nl nl;
	const char *ifname;
	uint64_t per_peer;
	struct peer_change c;	/* the peer being added */
	unsigned long added, refused;	/* peers */
	/* Answers already counted in added / refused. */
	unsigned int acked_seen, failed_seen;
	bool wide;		/* bulk_wide_peer() did not finish its peer */
};

/* The key of bulk peer @i: the number i + 1, 32 bytes big-endian, with
 * 9 in the first byte.  Read as X25519 reads a key (little-endian, top bit
 * ignored), i + 1 alone would be 0 for i = 127, a low-order point the
 * module refuses; with the 9 none of the first 20000 is one.
 */
static void bulk_key(uint64_t i, uint8_t key[VPNLINK_KEY_LEN])
{
	uint64_t be = htobe64(i + 1);

	memset(key, 0, VPNLINK_KEY_LEN);
	key[0] = 9;
	memcpy(key + VPNLINK_KEY_LEN - sizeof(be), &be, sizeof(be));
}

/* Peer @i with its prefixes, into b->c. */
static int bulk_peer(struct bulk *b, uint64_t i)
{
	struct prefix p = { .family = AF_INET, .cidr = 32 };
	uint64_t j;

	bulk_key(i, b->c.key);
	b->c.prefixes.n = 0;
	for (j = 0; j < b->per_peer; j++) {
		/* Within 10.128.0.0/9: checked by the caller. */
		uint32_t addr = htonl(BULK_BASE + (uint32_t)(i * b->per_peer + j));

		memcpy(p.addr, &addr, sizeof(addr));
		if (prefix_list_push(&b->c.prefixes, &p)) {
			fprintf(stderr, "error: out of memory\n");
			return -1;
		}
	}
	return 0;
}

/* Peers of one request each: one answer per peer, counted when in. */
static void count_answers(struct bulk *b)
{
	b->added += b->nl.acked - b->acked_seen;
	b->refused += b->nl.failed - b->failed_seen;
	b->acked_seen = b->nl.acked;
	b->failed_seen = b->nl.failed;
}

/* A peer too wide for one request: NEW_PEER (@first) alone, since the
 * SET_PEER requests that follow must go only to a peer this run created,
 * then the rest of its prefixes pipelined.  Returns -1 if it could not
 * be sent; refusals are counted.
 */
static int bulk_wide_peer(struct bulk *b, struct nl_msg *first, size_t next)
{
	struct vl_nl *nl = &b->nl;
	unsigned int failed;

	if (vl_drain(nl, 0)) {
		nlmsg_free(first);
		return -1;
	}
	count_answers(b);
	if (nl->error) {	/* an earlier peer was refused: stop there */
		nlmsg_free(first);
		return 0;
	}
	failed = nl->failed;
	b->wide = true;
	if (vl_send(nl, first) || vl_drain(nl, 0))
		return -1;
	while (!nl->error && next < b->c.prefixes.n) {
		struct nl_msg *msg = peer_change_msg(nl, VPNLINK_CMD_SET_PEER,
						     b->ifname, &b->c, false,
						     &next);

		if (!msg || vl_send(nl, msg) || vl_drain(nl, BULK_WINDOW - 1))
			return -1;
	}
	if (vl_drain(nl, 0))
		return -1;
	if (nl->failed == failed)
		b->added++;
	else
		b->refused++;
	b->acked_seen = nl->acked;
	b->failed_seen = nl->failed;
	b->wide = false;
	return 0;
}

static int bulk_add(struct bulk *b, uint64_t i)
{
	struct nl_msg *msg;
	size_t next = 0;

	if (bulk_peer(b, i))
		return -1;
	msg = peer_change_msg(&b->nl, VPNLINK_CMD_NEW_PEER, b->ifname, &b->c,
			      true, &next);
	if (!msg)
		return -1;
	if (next < b->c.prefixes.n)
		return bulk_wide_peer(b, msg, next);
	return vl_send(&b->nl, msg) || vl_drain(&b->nl, BULK_WINDOW - 1) ?
	       -1 : 0;
}

int cmd_peer_bulk(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "allowed-per-peer", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct bulk b = { .per_peer = 1 };
	uint64_t count, i;
	int c, ret = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'a' || parse_uint(optarg, BULK_ADDRS, &b.per_peer))
			return usage_error("peer", "bad peer bulk option");
	}
	if (argc - optind != 2)
		return usage_error("peer", "peer bulk takes IF and COUNT");
	if (parse_uint(argv[optind + 1], BULK_ADDRS, &count) ||
	    count * b.per_peer > BULK_ADDRS)
		return usage_error("peer", "COUNT x allowed-per-peer must fit in 10.128.0.0/9");
	b.ifname = argv[optind];
	if (vl_open(&b.nl))
		return EXIT_FAIL;
	for (i = 0; i < count && !b.nl.error; i++) {
		if (bulk_add(&b, i)) {
			ret = EXIT_FAIL;
			break;
		}
	}
	if (vl_drain(&b.nl, 0) || b.nl.error)
		ret = EXIT_FAIL;
	if (b.wide) {
		/* Given up halfway: a peer, but not a whole one. */
		b.refused++;
		b.acked_seen = b.nl.acked;
		b.failed_seen = b.nl.failed;
	}
	count_answers(&b);
	if (ret == EXIT_OK)
		printf("added %" PRIu64 "\n", count);
	else
		fprintf(stderr, "error: %lu of %" PRIu64 " peers added, %lu refused\n",
			b.added, count, b.refused);
	vl_close(&b.nl);
	free(b.c.prefixes.v);
	return ret;
}
