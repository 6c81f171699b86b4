// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_diagnose.c: `vpnlink-helper diagnose NAME ADDRESS`.  Which peer
 * owns ADDRESS, whether its handshake is up, whether echo requests leave
 * through the tunnel and whether replies come back.  Requests that leave
 * and replies that never return are the article's half-success: the far
 * host has no route back to this gateway's address.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config_values.h"
#include "echo.h"
#include "key.h"
#include "link.h"
#include "module.h"

/* The peer that owns an address, copied out of the dump. */
struct owner {
	struct vl_prefix target;
	int best;		/* longest matching prefix so far, -1: none */
	struct vl_prefix match;
	uint8_t key[VPNLINK_KEY_LEN];
	union vl_sockaddr endpoint;
	uint64_t tx_packets, rx_packets;
	uint64_t handshake_age_ms;	/* UINT64_MAX: no keypair */
};

static bool prefix_covers(const struct vl_prefix *p, const struct vl_prefix *a)
{
	unsigned int bits = p->prefix, i;

	if (p->family != a->family)
		return false;
	for (i = 0; bits >= 8; i++, bits -= 8)
		if (p->addr[i] != a->addr[i])
			return false;
	return !bits || !((p->addr[i] ^ a->addr[i]) & (0xff00 >> bits));
}

static int find_owner(const struct vl_peer_info *p, void *arg)
{
	struct owner *o = arg;
	unsigned int i;

	for (i = 0; i < p->n_allowedips; i++) {
		const struct vl_prefix *a = &p->allowedips[i];

		if (!prefix_covers(a, &o->target) || a->prefix <= o->best)
			continue;
		o->best = a->prefix;
		o->match = *a;
		memcpy(o->key, p->public_key, sizeof(o->key));
		o->endpoint = p->endpoint;
		o->tx_packets = p->tx_packets;
		o->rx_packets = p->rx_packets;
		o->handshake_age_ms = UINT64_MAX;
		for (unsigned int k = 0; k < p->n_keypairs; k++)
			if (p->keypairs[k].age_ms < o->handshake_age_ms)
				o->handshake_age_ms = p->keypairs[k].age_ms;
	}
	return 0;
}

static int lookup(struct vl_genl *g, int ifindex, struct owner *o)
{
	o->best = -1;
	return vl_mod_dump_peers(g, ifindex, find_owner, o);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper diagnose NAME ADDRESS [--count N]\n\n"
		"Tells why ADDRESS, behind a peer of interface NAME, does or does\n"
		"not answer: which peer owns it, whether the handshake is up,\n"
		"whether echo requests leave through the tunnel and whether the\n"
		"replies come back.  Exit 0 when ADDRESS answers, 1 otherwise.\n\n"
		"  -c, --count N   echo requests to send (default 5)\n"
		"  -h, --help      this text\n");
}

/* The article's answer, when requests leave and nothing comes back. */
static void no_way_back(const char *addr, const char *src)
{
	printf("verdict: requests reach the tunnel but no reply comes back.\n"
	       "  The far side most likely gets them, and %s has no route\n"
	       "  back to %s (this gateway's address): its replies go to its\n"
	       "  default router, or die unanswered on its LAN.  Fix it on\n"
	       "  the far side, one of:\n"
	       "  - on its workstations, the routes `vpnlink-helper routes\n"
	       "    CONFIG` prints on the far gateway;\n"
	       "  - from its DHCP server, option 121\n"
	       "    (`vpnlink-helper routes CONFIG --format dnsmasq`);\n"
	       "  - if %s lies in %s's subnet, ProxyArp = yes and\n"
	       "    LanInterface on the far gateway, which then answers ARP\n"
	       "    for it.\n", addr, src, src, addr);
}

int cmd_diagnose(int argc, char **argv)
{
	static const struct option options[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char key[VL_KEY_B64_LEN + 1], buf[128], src[INET6_ADDRSTRLEN];
	struct vl_device_info dev;
	struct vl_echo_result echo;
	union vl_sockaddr dst = { 0 };
	unsigned long count = 5;
	struct owner o = { 0 };
	struct vl_addr addr;
	struct vl_genl g;
	uint64_t tx0, rx0;
	const char *name;
	char *end;
	int c, ret;

	while ((c = getopt_long(argc, argv, "c:h", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			count = strtoul(optarg, &end, 10);
			if (*end || !count || count > 100) {
				fprintf(stderr, "vpnlink-helper diagnose: --count: 1 to 100\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	name = argv[optind];
	if (vl_parse_addr(argv[optind + 1], &addr)) {
		fprintf(stderr, "vpnlink-helper diagnose: %s is not an address\n",
			argv[optind + 1]);
		return 2;
	}
	o.target.family = addr.family;
	memcpy(o.target.addr, addr.addr, sizeof(o.target.addr));
	o.target.prefix = addr.family == AF_INET ? 32 : 128;

	ret = vl_genl_open(&g);
	if (ret) {
		fprintf(stderr, "vpnlink-helper diagnose: %s\n", ret == -ENOENT ?
			"vpnlink.ko is not loaded" : strerror(-ret));
		return 1;
	}
	ret = vl_mod_get_device(&g, name, &dev);
	if (ret) {
		fprintf(stderr, "vpnlink-helper diagnose: %s is not a vpnlink interface\n",
			name);
		goto out;
	}
	ret = lookup(&g, dev.ifindex, &o);
	if (ret)
		goto out;
	if (o.best < 0) {
		printf("verdict: no peer of %s has %s in its AllowedIPs: add it\n"
		       "  (or its network) to the right [Peer], and route it\n"
		       "  through %s.\n", name, argv[optind + 1], name);
		ret = -ENOENT;
		goto out;
	}
	vl_key_to_base64(o.key, key);
	printf("peer %.8s... owns %s (%s)", key, argv[optind + 1],
	       vl_prefix_str(&o.match, buf, sizeof(buf)));
	printf(", endpoint %s\n", vl_sockaddr_str(&o.endpoint, buf,
						  sizeof(buf)));
	if (o.handshake_age_ms == UINT64_MAX)
		printf("handshake: none yet; the echo requests will start one\n");
	else
		printf("handshake: %" PRIu64 " seconds ago\n",
		       o.handshake_age_ms / 1000);

	tx0 = o.tx_packets;
	rx0 = o.rx_packets;
	if (addr.family == AF_INET) {
		dst.in4.sin_family = AF_INET;
		memcpy(&dst.in4.sin_addr, addr.addr, 4);
	} else {
		dst.in6.sin6_family = AF_INET6;
		memcpy(&dst.in6.sin6_addr, addr.addr, 16);
	}
	ret = vl_echo(&dst, (unsigned int)count, 200, 2000, &echo);
	if (ret) {
		fprintf(stderr, "vpnlink-helper diagnose: echo: %s\n",
			strerror(-ret));
		goto out;
	}
	inet_ntop(addr.family, addr.family == AF_INET ?
		  (void *)&echo.source.in4.sin_addr :
		  (void *)&echo.source.in6.sin6_addr, src, sizeof(src));
	ret = lookup(&g, dev.ifindex, &o);
	if (ret)
		goto out;
	printf("echo: %u requests from %s, %" PRIu64 " packets left through %s, %" PRIu64
	       " came back, %u replies\n", echo.sent, src, o.tx_packets - tx0,
	       name, o.rx_packets - rx0, echo.replies);

	if (echo.replies == echo.sent) {
		printf("verdict: %s answers through %s.\n", argv[optind + 1],
		       name);
	} else if (echo.replies) {
		printf("verdict: %s answers, but %u of %u replies were lost.\n",
		       argv[optind + 1], echo.sent - echo.replies, echo.sent);
		ret = -EIO;
	} else if (o.tx_packets == tx0) {
		printf("verdict: nothing left through %s.  %s\n", name,
		       o.handshake_age_ms == UINT64_MAX ?
		       "No handshake completed: check the peer's Endpoint, that\n"
		       "  its UDP port is reachable, and both sides' keys." :
		       "Check that the route to the address goes through it\n"
		       "  (ip route get ADDRESS).");
		ret = -EIO;
	} else {
		no_way_back(argv[optind + 1], src);
		ret = -EIO;
	}
out:
	vl_genl_close(&g);
	return ret ? 1 : 0;
}
