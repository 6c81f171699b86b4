// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_show.c: `vpnlink-helper show [NAME] [--json]`, what `wg show`
 * shows, plus the module's drop counters.  The module does not know the
 * interface's keys; the public key comes from the daemon's state file.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "commands.h"
#include "key.h"
#include "module.h"
#include "state.h"

/* The counters, in the order shown, and their names. */
static const struct {
	int attr;
	const char *text;	/* for people */
	const char *json;	/* for scripts */
} counters[] = {
	{ VPNLINK_A_STATS_RX_MALFORMED, "malformed", "rx_malformed" },
	{ VPNLINK_A_STATS_RX_UNKNOWN_INDEX, "unknown index",
	  "rx_unknown_index" },
	{ VPNLINK_A_STATS_RX_DECRYPT, "decryption failed", "rx_decrypt" },
	{ VPNLINK_A_STATS_RX_REPLAY, "replayed", "rx_replay" },
	{ VPNLINK_A_STATS_RX_SOURCE, "source not allowed", "rx_source" },
	{ VPNLINK_A_STATS_RX_EXPIRED, "keypair expired", "rx_expired" },
	{ VPNLINK_A_STATS_RX_HANDSHAKE_DROPPED, "handshake not taken",
	  "rx_handshake_dropped" },
	{ VPNLINK_A_STATS_RX_BACKLOG, "receive backlog full", "rx_backlog" },
	{ VPNLINK_A_STATS_TX_NO_PEER, "no peer for destination",
	  "tx_no_peer" },
	{ VPNLINK_A_STATS_TX_NO_KEYPAIR, "no keypair", "tx_no_keypair" },
	{ VPNLINK_A_STATS_TX_NO_ENDPOINT, "no endpoint", "tx_no_endpoint" },
	{ VPNLINK_A_STATS_TX_ERROR, "send error", "tx_error" },
	{ VPNLINK_A_STATS_TX_LOOP, "routing loop", "tx_loop" },
};

/* Proxy-ARP on the LAN side: what was answered, and what was not. */
static const struct {
	int attr;
	const char *text;
	const char *json;
} proxy_counters[] = {
	{ VPNLINK_A_STATS_PROXY_ARP_REPLIES, "ARP replies", "arp_replies" },
	{ VPNLINK_A_STATS_PROXY_ND_REPLIES, "NDP replies", "nd_replies" },
	{ VPNLINK_A_STATS_PROXY_ANNOUNCES, "announcements", "announces" },
	{ VPNLINK_A_STATS_PROXY_IGN_GRATUITOUS, "ignored gratuitous/probe",
	  "ignored_gratuitous" },
	{ VPNLINK_A_STATS_PROXY_IGN_NOT_OWNED, "not a peer's",
	  "ignored_not_owned" },
	{ VPNLINK_A_STATS_PROXY_IGN_SUBNET, "outside the LAN",
	  "ignored_subnet" },
	{ VPNLINK_A_STATS_PROXY_IGN_LOCAL, "local address",
	  "ignored_local" },
	{ VPNLINK_A_STATS_PROXY_IGN_DOWN, "interface down", "ignored_down" },
	{ VPNLINK_A_STATS_PROXY_IGN_RATELIMIT, "rate-limited",
	  "ignored_ratelimit" },
};

static void show_proxy(const struct vl_device_info *d, json_object *o)
{
	char name[IF_NAMESIZE];
	json_object *lans, *st;
	unsigned int i;

	if (o) {
		lans = json_object_new_array();
		st = json_object_new_object();
		for (i = 0; i < d->n_proxy_lans; i++)
			json_object_array_add(lans, json_object_new_string(
				if_indextoname(d->proxy_lans[i], name) ?
				name : "?"));
		for (i = 0; i < sizeof(proxy_counters) /
				sizeof(proxy_counters[0]); i++)
			json_object_object_add(st, proxy_counters[i].json,
				json_object_new_uint64(
					d->stats[proxy_counters[i].attr]));
		json_object_object_add(o, "proxy_arp_on", lans);
		json_object_object_add(o, "proxy", st);
		return;
	}
	if (!d->n_proxy_lans)
		return;
	printf("  proxy-ARP on:");
	for (i = 0; i < d->n_proxy_lans; i++)
		printf(" %s", if_indextoname(d->proxy_lans[i], name) ?
		       name : "?");
	printf("\n  proxy:");
	for (i = 0; i < sizeof(proxy_counters) / sizeof(proxy_counters[0]); i++)
		printf("%s %s %" PRIu64, i ? "," : "", proxy_counters[i].text,
		       d->stats[proxy_counters[i].attr]);
	printf("\n");
}

struct show {
	struct vl_genl g;
	bool json;
	bool first;
	json_object *root;	/* --json: array of interfaces */
	json_object *peers;	/* --json: the current interface's peers */
	const char *ifname;	/* the interface being shown */
};

static void print_ago(uint64_t secs)
{
	static const struct {
		uint64_t secs;
		const char *name;
	} units[] = {
		{ 86400, "day" }, { 3600, "hour" }, { 60, "minute" },
		{ 1, "second" },
	};
	bool any = false;
	unsigned int i;

	if (!secs) {
		printf("Now");
		return;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		uint64_t n = secs / units[i].secs;

		if (!n)
			continue;
		secs %= units[i].secs;
		printf("%s%" PRIu64 " %s%s", any ? ", " : "", n, units[i].name,
		       n == 1 ? "" : "s");
		any = true;
	}
	printf(" ago");
}

static void print_bytes(uint64_t b)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)b;
	int i = -1;

	while (v >= 1024 && i < 3) {
		v /= 1024;
		i++;
	}
	if (i < 0)
		printf("%" PRIu64 " B", b);
	else
		printf("%.2f %s", v, units[i]);
}

/* The youngest keypair: when the latest handshake completed. */
static bool latest_handshake(const struct vl_peer_info *p, uint64_t *secs)
{
	uint64_t best = UINT64_MAX;
	unsigned int i;

	for (i = 0; i < p->n_keypairs; i++)
		if (p->keypairs[i].age_ms < best)
			best = p->keypairs[i].age_ms;
	*secs = best / 1000;
	return best != UINT64_MAX;
}

static int show_peer_text(const struct vl_peer_info *p)
{
	char key[45], buf[128];
	uint64_t secs;
	unsigned int i;

	vl_key_to_base64(p->public_key, key);
	printf("\npeer: %s\n", key);
	if (p->endpoint.sa.sa_family != AF_UNSPEC)
		printf("  endpoint: %s\n",
		       vl_sockaddr_str(&p->endpoint, buf, sizeof(buf)));
	printf("  allowed ips: ");
	for (i = 0; i < p->n_allowedips; i++)
		printf("%s%s", i ? ", " : "",
		       vl_prefix_str(&p->allowedips[i], buf, sizeof(buf)));
	printf("%s\n", p->n_allowedips ? "" : "(none)");
	if (latest_handshake(p, &secs)) {
		printf("  latest handshake: ");
		print_ago(secs);
		printf("\n");
	}
	if (p->rx_bytes || p->tx_bytes) {
		printf("  transfer: ");
		print_bytes(p->rx_bytes);
		printf(" received, ");
		print_bytes(p->tx_bytes);
		printf(" sent\n");
	}
	if (p->keepalive)
		printf("  persistent keepalive: every %u second%s\n",
		       p->keepalive, p->keepalive == 1 ? "" : "s");
	return 0;
}

static int show_peer_json(struct show *s, const struct vl_peer_info *p)
{
	json_object *o = json_object_new_object(), *ips;
	char key[45], buf[128];
	uint64_t secs;
	unsigned int i;

	vl_key_to_base64(p->public_key, key);
	json_object_object_add(o, "public_key", json_object_new_string(key));
	json_object_object_add(o, "endpoint",
			       p->endpoint.sa.sa_family == AF_UNSPEC ? NULL :
			       json_object_new_string(vl_sockaddr_str(
					&p->endpoint, buf, sizeof(buf))));
	ips = json_object_new_array();
	for (i = 0; i < p->n_allowedips; i++)
		json_object_array_add(ips, json_object_new_string(
			vl_prefix_str(&p->allowedips[i], buf, sizeof(buf))));
	json_object_object_add(o, "allowed_ips", ips);
	json_object_object_add(o, "latest_handshake_seconds_ago",
			       latest_handshake(p, &secs) ?
			       json_object_new_uint64(secs) : NULL);
	json_object_object_add(o, "rx_bytes", json_object_new_uint64(p->rx_bytes));
	json_object_object_add(o, "tx_bytes", json_object_new_uint64(p->tx_bytes));
	json_object_object_add(o, "rx_packets",
			       json_object_new_uint64(p->rx_packets));
	json_object_object_add(o, "tx_packets",
			       json_object_new_uint64(p->tx_packets));
	json_object_object_add(o, "persistent_keepalive",
			       json_object_new_int(p->keepalive));
	json_object_array_add(s->peers, o);
	return 0;
}

static int show_peer(const struct vl_peer_info *p, void *arg)
{
	struct show *s = arg;

	return s->json ? show_peer_json(s, p) : show_peer_text(p);
}

static void take_pubkey(const char *key, const char *value, void *arg)
{
	(void)key;
	snprintf(arg, 45, "%s", value);
}

static int show_device(const struct vl_device_info *d, void *arg)
{
	struct show *s = arg;
	char pub[45] = "";
	unsigned int i;
	json_object *o, *st;
	int ret;

	vl_state_read(d->ifname, "public-key", take_pubkey, pub);
	if (s->json) {
		o = json_object_new_object();
		st = json_object_new_object();
		json_object_object_add(o, "interface",
				       json_object_new_string(d->ifname));
		json_object_object_add(o, "public_key", *pub ?
				       json_object_new_string(pub) : NULL);
		json_object_object_add(o, "listening_port",
				       json_object_new_int(d->listen_port));
		json_object_object_add(o, "fwmark",
				       json_object_new_uint64(d->fwmark));
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
			json_object_object_add(st, counters[i].json,
				json_object_new_uint64(d->stats[counters[i].attr]));
		json_object_object_add(o, "drops", st);
		show_proxy(d, o);
		s->peers = json_object_new_array();
		json_object_object_add(o, "peers", s->peers);
		json_object_array_add(s->root, o);
	} else {
		printf("%sinterface: %s\n", s->first ? "" : "\n", d->ifname);
		if (*pub)
			printf("  public key: %s\n  private key: (hidden)\n",
			       pub);
		printf("  listening port: %u\n", d->listen_port);
		if (d->fwmark)
			printf("  fwmark: 0x%x\n", d->fwmark);
		printf("  drops:");
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
			printf("%s %s %" PRIu64, i ? "," : "",
			       counters[i].text, d->stats[counters[i].attr]);
		printf("\n");
		show_proxy(d, NULL);
	}
	s->first = false;
	ret = vl_mod_dump_peers(&s->g, d->ifindex, show_peer, s);
	if (ret)
		fprintf(stderr, "vpnlink-helper: reading the peers of %s: %s\n",
			d->ifname, strerror(-ret));
	return ret;
}

struct dev_list {
	struct vl_device_info *v;
	size_t n;
};

static int collect_device(const struct vl_device_info *d, void *arg)
{
	struct dev_list *l = arg;
	struct vl_device_info *n = realloc(l->v, (l->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	l->v = n;
	l->v[l->n++] = *d;
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper show [NAME] [--json]\n"
		"\n"
		"Shows vpnlink interfaces (all, or NAME): public key, listening\n"
		"port and drop counters, and per peer its endpoint, allowed IPs,\n"
		"latest handshake, transfer and persistent keepalive.\n"
		"\n"
		"  -j, --json   one JSON document, for scripts\n"
		"  -h, --help   this text\n");
}

int cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show s = { .first = true };
	struct vl_device_info dev;
	int c, ret;

	while ((c = getopt_long(argc, argv, "jh", options, NULL)) != -1) {
		switch (c) {
		case 'j':
			s.json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	ret = vl_genl_open(&s.g);
	if (ret) {
		fprintf(stderr, "vpnlink-helper: %s\n", ret == -ENOENT ?
			"the vpnlink module is not loaded" : strerror(-ret));
		return 1;
	}
	if (s.json)
		s.root = json_object_new_array();
	if (optind < argc) {
		s.ifname = argv[optind];
		ret = vl_mod_get_device(&s.g, s.ifname, &dev);
		if (ret == -ENODEV || ret == -ENOENT) {
			fprintf(stderr,
				"vpnlink-helper: %s is not a vpnlink interface\n",
				s.ifname);
		} else if (!ret) {
			snprintf(dev.ifname, sizeof(dev.ifname), "%s", s.ifname);
			ret = show_device(&dev, &s);
		}
	} else {
		/* All of them: the list first, then each one's peers (one
		 * request at a time on the socket).
		 */
		struct dev_list list = { 0 };
		size_t i;

		ret = vl_mod_dump_devices(&s.g, collect_device, &list);
		for (i = 0; !ret && i < list.n; i++)
			ret = show_device(&list.v[i], &s);
		free(list.v);
	}
	if (s.json && !ret)
		printf("%s\n", json_object_to_json_string_ext(s.root,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(s.root);
	vl_genl_close(&s.g);
	return ret ? 1 : 0;
}
