// SPDX-License-Identifier: GPL-2.0
/*
 * vlarp: sends ARP requests or IPv6 Neighbour Solicitations on an Ethernet
 * interface through an AF_PACKET socket and reports the replies and how
 * long they took, for the proxy-ARP/ND tests and the benchmark of ARP
 * reply latency.  Run `vlarp --help` for the commands.
 *
 * This file is the command line; vlarp.h says where the rest is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vlarp.h"

static const char usage_text[] =
"usage: vlarp COMMAND [OPTIONS]\n"
"\n"
"vlarp arp --iface IF (--target IPV4 | --targets FIRST-LAST)\n"
"          [--sender IPV4 | --gratuitous | --probe] [COMMON]\n"
"    ARP requests, Ethernet broadcast, from IF's MAC and --sender (default\n"
"    IF's first IPv4 address); --gratuitous: sender IP = target IP;\n"
"    --probe: sender IP 0.0.0.0.  A reply is an ARP reply whose sender IP\n"
"    is the target and whose target MAC is IF's; its MAC is its sender's.\n"
"\n"
"vlarp ns --iface IF (--target IPV6 | --targets FIRST-LAST)\n"
"         [--source IPV6 | --dad] [--bad-checksum] [COMMON]\n"
"    Neighbour Solicitations to the target's solicited-node multicast\n"
"    address (and MAC), hop limit 255, from --source (default IF's\n"
"    link-local address) with a source link-layer address option;\n"
"    --dad: from :: and without the option, as duplicate address detection\n"
"    sends them; --bad-checksum: the ICMPv6 checksum off by one bit.\n"
"    A reply is a Neighbour Advertisement for the target (valid checksum,\n"
"    hop limit 255) to the source address, or with --dad to ff02::1 (all\n"
"    nodes, where one answers DAD); its MAC is from the target link-layer\n"
"    address option.\n"
"\n"
"COMMON:\n"
"    --count N          N requests (default 1), over the targets in turn\n"
"    --interval-ms MS   the pause after a reply (or timeout) before the next\n"
"                       request (default 0)\n"
"    --timeout-ms MS    how long to wait for each reply (default 1000)\n"
"    --pipeline         send a request every --interval-ms without waiting\n"
"                       for replies; a reply answers the request\n"
"                       outstanding for its target, so the targets should\n"
"                       take at least --timeout-ms to go round once: a\n"
"                       request still outstanding when its target comes\n"
"                       round again counts as a timeout (with a warning)\n"
"    --targets FIRST-LAST  an address range (IPv6: only the last 32 bits\n"
"                       may differ), e.g. 192.168.1.128-192.168.1.250\n"
"    --expect-none      success is that no reply at all comes\n"
"    --quiet            only the summary line\n"
"\n"
"Output: a line for each request when its reply comes or it times out,\n"
"in that order (with --pipeline not always the order of the requests):\n"
"    reply TARGET is-at MAC in USEC us                  (arp)\n"
"    reply TARGET is-at MAC flags S|O|R in USEC us      (ns)\n"
"    timeout TARGET\n"
"where ns shows the flags set (S solicited, O override, R router; - for\n"
"none), and `is-at none` for an advertisement without the option.  A\n"
"reply to no request outstanding (late, or a second one) is shown as\n"
"    late TARGET is-at MAC [flags ...]\n"
"At the end: sent N replies R median_us M p90_us P, the median and 90th\n"
"percentile (nearest rank) of the replies' latencies in microseconds, from\n"
"just before the request is sent to when the reply is read; 0 if none.\n"
"\n"
"Exit status: 0 every request had a reply (--expect-none: no reply at all,\n"
"late ones included), 1 not so or an error, 2 usage error.\n";

/* ---- options --------------------------------------------------------- */

enum opt {
	O_IFACE = 256, O_TARGET, O_TARGETS, O_SENDER, O_SOURCE, O_COUNT,
	O_INTERVAL_MS, O_TIMEOUT_MS, O_GRATUITOUS, O_PROBE, O_DAD,
	O_BAD_CHECKSUM, O_PIPELINE, O_EXPECT_NONE, O_QUIET, O_HELP,
};

static const struct option long_options[] = {
	{ "iface", required_argument, NULL, O_IFACE },
	{ "target", required_argument, NULL, O_TARGET },
	{ "targets", required_argument, NULL, O_TARGETS },
	{ "sender", required_argument, NULL, O_SENDER },
	{ "source", required_argument, NULL, O_SOURCE },
	{ "count", required_argument, NULL, O_COUNT },
	{ "interval-ms", required_argument, NULL, O_INTERVAL_MS },
	{ "timeout-ms", required_argument, NULL, O_TIMEOUT_MS },
	{ "gratuitous", no_argument, NULL, O_GRATUITOUS },
	{ "probe", no_argument, NULL, O_PROBE },
	{ "dad", no_argument, NULL, O_DAD },
	{ "bad-checksum", no_argument, NULL, O_BAD_CHECKSUM },
	{ "pipeline", no_argument, NULL, O_PIPELINE },
	{ "expect-none", no_argument, NULL, O_EXPECT_NONE },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

/* Which commands take each option. */
static unsigned int option_commands(int opt)
{
	switch (opt) {
	case O_SENDER:
	case O_GRATUITOUS:
	case O_PROBE:
		return CMD_ARP;
	case O_SOURCE:
	case O_DAD:
	case O_BAD_CHECKSUM:
		return CMD_NS;
	}
	return CMD_ARP | CMD_NS;
}

static const char *option_name(int opt)
{
	const struct option *lo;

	for (lo = long_options; lo->name; lo++)
		if (lo->val == opt)
			return lo->name;
	return "?";
}

const char tool_name[] = "vlarp";

/* ---- option values --------------------------------------------------- */

static uint64_t parse_u64(const char *opt, const char *s, uint64_t min,
			  uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		usage_error("--%s: not a number: '%s'", opt, s);
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		usage_error("--%s: bad number or out of range (%" PRIu64
			    "..%" PRIu64 "): '%s'", opt, min, max, s);
	return v;
}

/* An address of the command's family into addr (4 or 16 bytes). */
static void parse_addr(const struct opts *o, const char *opt, const char *s,
		       uint8_t *addr)
{
	int family = o->cmd == CMD_ARP ? AF_INET : AF_INET6;

	if (inet_pton(family, s, addr) != 1)
		usage_error("--%s: not an %s address: '%s'", opt,
			    family == AF_INET ? "IPv4" : "IPv6", s);
}

/* FIRST-LAST */
static void parse_range(struct opts *o, const char *s)
{
	struct targets *t = &o->targets;
	uint8_t last[16];
	uint32_t lo, hi;
	char first[64];
	const char *dash = strchr(s, '-');
	size_t flen;
	uint64_t n;

	if (!dash || (size_t)(dash - s) >= sizeof(first))
		usage_error("--targets: want FIRST-LAST: '%s'", s);
	flen = (size_t)(dash - s);
	memcpy(first, s, flen);
	first[flen] = 0;
	parse_addr(o, "targets", first, t->first);
	parse_addr(o, "targets", dash + 1, last);
	if (memcmp(t->first, last, t->alen - 4))
		usage_error("--targets: FIRST and LAST may differ in the "
			    "last 32 bits only: '%s'", s);
	lo = get_be32(t->first + t->alen - 4);
	hi = get_be32(last + t->alen - 4);
	if (hi < lo)
		usage_error("--targets: LAST is below FIRST: '%s'", s);
	n = (uint64_t)hi - lo + 1;
	if (n > MAX_TARGETS)
		usage_error("--targets: more than %d addresses: '%s'",
			    MAX_TARGETS, s);
	t->n = (uint32_t)n;
}

/* The combinations the options cannot have alone. */
static void check_opts(struct opts *o)
{
	if (!o->iface)
		usage_error("%s: --iface is required", o->cmd_name);
	if (strlen(o->iface) >= IFNAMSIZ)
		usage_error("%s: bad interface name '%s'", o->cmd_name,
			    o->iface);
	if (!o->has_target)
		usage_error("%s: --target or --targets is required",
			    o->cmd_name);
	if (o->has_sender + o->gratuitous + o->probe > 1)
		usage_error("arp: --sender, --gratuitous and --probe exclude "
			    "each other");
	if (o->has_sender && o->dad)
		usage_error("ns: --source and --dad exclude each other");
	/* A reply names its target only: one request per target at once.
	 * A flood may want it otherwise, and gets timeouts for the rest.
	 */
	if (o->pipeline && o->count > o->targets.n &&
	    (uint64_t)o->targets.n * (uint64_t)o->interval_ms <
	    (uint64_t)o->timeout_ms)
		fprintf(stderr, "vlarp: %s: --pipeline: the %" PRIu32
			" target(s) go round in %" PRIu64 " ms, less than "
			"--timeout-ms %ld: a request still outstanding when "
			"its target comes round again is a timeout\n",
			o->cmd_name, o->targets.n,
			(uint64_t)o->targets.n * (uint64_t)o->interval_ms,
			o->timeout_ms);
}

/* ---- main ------------------------------------------------------------ */

int main(int argc, char **argv)
{
	struct opts o = {
		.count = 1,
		.interval_ms = 0,
		.timeout_ms = 1000,
	};
	const struct proto *p;
	int opt;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	if (!strcmp(argv[1], "arp")) {
		o.cmd = CMD_ARP;
		o.targets.alen = 4;
		p = &proto_arp;
	} else if (!strcmp(argv[1], "ns")) {
		o.cmd = CMD_NS;
		o.targets.alen = 16;
		p = &proto_nd;
	} else {
		usage_error("unknown command '%s'", argv[1]);
	}
	o.cmd_name = argv[1];

	argv++;
	argc--;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		if (opt == '?')
			usage_error("%s: unknown option '%s'", o.cmd_name,
				    argv[optind - 1]);
		if (opt == ':')
			usage_error("%s: option '%s' needs a value",
				    o.cmd_name, argv[optind - 1]);
		if (opt == O_HELP) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (!(option_commands(opt) & o.cmd))
			usage_error("%s: --%s does not apply", o.cmd_name,
				    option_name(opt));
		switch (opt) {
		case O_IFACE:
			o.iface = optarg;
			break;
		case O_TARGET:
		case O_TARGETS:
			if (o.has_target)
				usage_error("%s: one --target or --targets",
					    o.cmd_name);
			if (opt == O_TARGET) {
				parse_addr(&o, "target", optarg,
					   o.targets.first);
				o.targets.n = 1;
			} else {
				parse_range(&o, optarg);
			}
			o.has_target = true;
			break;
		case O_SENDER:
		case O_SOURCE:
			parse_addr(&o, option_name(opt), optarg, o.sender);
			o.has_sender = true;
			break;
		case O_COUNT:
			o.count = parse_u64("count", optarg, 1, MAX_COUNT);
			break;
		case O_INTERVAL_MS:
			o.interval_ms = (long)parse_u64("interval-ms", optarg,
							0, MAX_MS);
			break;
		case O_TIMEOUT_MS:
			o.timeout_ms = (long)parse_u64("timeout-ms", optarg,
						       1, MAX_MS);
			break;
		case O_GRATUITOUS:
			o.gratuitous = true;
			break;
		case O_PROBE:
			o.probe = true;
			break;
		case O_DAD:
			o.dad = true;
			break;
		case O_BAD_CHECKSUM:
			o.bad_checksum = true;
			break;
		case O_PIPELINE:
			o.pipeline = true;
			break;
		case O_EXPECT_NONE:
			o.expect_none = true;
			break;
		case O_QUIET:
			o.quiet = true;
			break;
		}
	}
	if (optind < argc)
		usage_error("%s: unexpected argument '%s'", o.cmd_name,
			    argv[optind]);
	check_opts(&o);
	return run(&o, p);
}
