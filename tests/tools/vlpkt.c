// SPDX-License-Identifier: GPL-2.0
/*
 * vlpkt: crafts, sends, captures, replays and decrypts WireGuard data
 * messages, to attack vpnlink.ko's receive path with real UDP datagrams
 * and to check what it sends with an independent implementation
 * (OpenSSL, see datamsg.c).  Run `vlpkt --help` for the commands.
 *
 * This file is the command line; vlpkt.h says where the commands are.
 */
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "vlpkt.h"

static const char usage_text[] =
"usage: vlpkt COMMAND [OPTIONS]\n"
"\n"
"Addresses are ADDR:PORT, IPv6 in brackets: 10.0.0.1:51820, [fd00::1]:51820,\n"
"[fe80::1%eth0]:51820.  Numbers may be decimal or 0x hex.  Every sending\n"
"command uses one UDP socket, bound to --from ADDR:PORT if given\n"
"(SO_REUSEADDR, IP_FREEBIND), and prints `sent N` at the end.\n"
"Common: --interval USEC  pause between datagrams;  --print  also print\n"
"each datagram as a hex line on stdout.\n"
"\n"
"vlpkt data --to A:P --index N --key KEY [--counter N] [--count N]\n"
"           [--inner-src IP --inner-dst IP] [--payload-len N]\n"
"           [--keepalive | --inner-garbage | --inner-len-lie] [--bad-tag]\n"
"    Data messages (type 4) to receiver index N, encrypted with KEY\n"
"    (32 bytes: 44 base64 characters or 64 hex digits), counters N ..\n"
"    N+count-1 (default 0, count 1).  The inner packet is an ICMP (IPv4)\n"
"    or ICMPv6 echo request from --inner-src to --inner-dst with correct\n"
"    checksums, id 0x564c, sequence = counter & 0xffff, and a payload of\n"
"    --payload-len bytes (default 56) repeating \"vlpkt-payload-\".\n"
"    The plaintext is zero-padded to a multiple of 16.\n"
"    --keepalive      empty plaintext (header and tag only)\n"
"    --inner-garbage  --payload-len random bytes whose first nibble is\n"
"                     neither 4 nor 6 instead of an IP packet\n"
"    --inner-len-lie  the IP header claims 32 bytes more than the padded\n"
"                     plaintext holds (IPv4 tot_len, IPv6 payload length)\n"
"    --bad-tag        flip the lowest bit of the tag's last byte\n"
"    Without --to, --print only prints.\n"
"\n"
"vlpkt raw --to A:P --hex HEX [--count N]\n"
"vlpkt raw --to A:P [--type T] --len N [--index I] [--counter C]\n"
"          [--seed S] [--count N]\n"
"    Exactly the bytes HEX; or N bytes in all (N >= 0): the type word T as\n"
"    little-endian 32 bits (truncated if N < 4), then random bytes; with\n"
"    --index/--counter those go at offsets 4 and 8 if they fit.\n"
"\n"
"vlpkt random --to A:P [--count N] [--seed S] [--max-len L]\n"
"             [--duration SECONDS] [--index I]\n"
"    N random datagrams (default 1000), lengths 0..L (default 1500): fully\n"
"    random; type word 1..4 (or a reserved byte set) with a random rest;\n"
"    type 4 with receiver index I (if given) and random counter and\n"
"    ciphertext; exact handshake sizes 148/92/64 with types 1/2/3.\n"
"    Stops early after --duration.  Prints the seed on stderr if not given.\n"
"\n"
"vlpkt capture --iface IF --port P --count N [--out FILE] [--timeout S]\n"
"              [--direction from|to|both] [--ready FILE]\n"
"    Writes the UDP payloads of N datagrams from or to port P seen on IF\n"
"    (both directions; Ethernet, loopback or raw IP devices; IPv4 and IPv6;\n"
"    IP fragments are skipped) as hex lines (\"-\" for an empty payload) to\n"
"    FILE (default stdout).  --ready FILE is created once capturing.\n"
"    Exits 3 if the timeout came first (the lines so far are written).\n"
"\n"
"vlpkt replay --to A:P --in FILE [--from A:P]\n"
"    Sends the datagrams of a capture file again, one per hex line\n"
"    (blank lines and lines starting with # are skipped).\n"
"\n"
"vlpkt decrypt --key KEY (--hex HEX | --in FILE) [--unpad] [--verbose]\n"
"    Decrypts data messages (counter from the header) and prints each\n"
"    plaintext as a hex line (empty for a keepalive), or `auth failed` or\n"
"    `malformed`; exits 1 if any failed.  --unpad trims the padding after\n"
"    an IPv4/IPv6 packet by its length field; --verbose prints index and\n"
"    counter on stderr.\n"
"\n"
"Exit status: 0 ok, 1 failure, 2 usage error, 3 capture timeout.\n";

/* ---- options --------------------------------------------------------- */

#define CMD_SENDERS (CMD_DATA | CMD_RAW | CMD_RANDOM | CMD_REPLAY)

enum opt {
	O_TO = 256, O_FROM, O_INDEX, O_COUNTER, O_KEY, O_INNER_SRC,
	O_INNER_DST, O_PAYLOAD_LEN, O_KEEPALIVE, O_COUNT, O_BAD_TAG,
	O_INNER_GARBAGE, O_INNER_LEN_LIE, O_HEX, O_TYPE, O_LEN, O_SEED,
	O_MAX_LEN, O_DURATION, O_IFACE, O_PORT, O_OUT, O_TIMEOUT, O_IN,
	O_INTERVAL, O_PRINT, O_READY, O_DIRECTION, O_UNPAD, O_VERBOSE,
	O_HELP,
};

static const struct option long_options[] = {
	{ "to", required_argument, NULL, O_TO },
	{ "from", required_argument, NULL, O_FROM },
	{ "index", required_argument, NULL, O_INDEX },
	{ "counter", required_argument, NULL, O_COUNTER },
	{ "key", required_argument, NULL, O_KEY },
	{ "inner-src", required_argument, NULL, O_INNER_SRC },
	{ "inner-dst", required_argument, NULL, O_INNER_DST },
	{ "payload-len", required_argument, NULL, O_PAYLOAD_LEN },
	{ "keepalive", no_argument, NULL, O_KEEPALIVE },
	{ "count", required_argument, NULL, O_COUNT },
	{ "bad-tag", no_argument, NULL, O_BAD_TAG },
	{ "inner-garbage", no_argument, NULL, O_INNER_GARBAGE },
	{ "inner-len-lie", no_argument, NULL, O_INNER_LEN_LIE },
	{ "hex", required_argument, NULL, O_HEX },
	{ "type", required_argument, NULL, O_TYPE },
	{ "len", required_argument, NULL, O_LEN },
	{ "seed", required_argument, NULL, O_SEED },
	{ "max-len", required_argument, NULL, O_MAX_LEN },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "iface", required_argument, NULL, O_IFACE },
	{ "port", required_argument, NULL, O_PORT },
	{ "out", required_argument, NULL, O_OUT },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "in", required_argument, NULL, O_IN },
	{ "interval", required_argument, NULL, O_INTERVAL },
	{ "print", no_argument, NULL, O_PRINT },
	{ "ready", required_argument, NULL, O_READY },
	{ "direction", required_argument, NULL, O_DIRECTION },
	{ "unpad", no_argument, NULL, O_UNPAD },
	{ "verbose", no_argument, NULL, O_VERBOSE },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

/* Which commands take each option. */
static unsigned int option_commands(int opt)
{
	switch (opt) {
	case O_TO:
	case O_FROM:
	case O_INTERVAL:
		return CMD_SENDERS;
	case O_PRINT:
		return CMD_DATA | CMD_RAW | CMD_REPLAY;
	case O_INDEX:
		return CMD_DATA | CMD_RAW | CMD_RANDOM;
	case O_COUNTER:
		return CMD_DATA | CMD_RAW;
	case O_KEY:
		return CMD_DATA | CMD_DECRYPT;
	case O_INNER_SRC:
	case O_INNER_DST:
	case O_PAYLOAD_LEN:
	case O_KEEPALIVE:
	case O_BAD_TAG:
	case O_INNER_GARBAGE:
	case O_INNER_LEN_LIE:
		return CMD_DATA;
	case O_COUNT:
		return CMD_DATA | CMD_RAW | CMD_RANDOM | CMD_CAPTURE;
	case O_HEX:
		return CMD_RAW | CMD_DECRYPT;
	case O_TYPE:
	case O_LEN:
		return CMD_RAW;
	case O_SEED:
		return CMD_RAW | CMD_RANDOM;
	case O_MAX_LEN:
	case O_DURATION:
		return CMD_RANDOM;
	case O_IFACE:
	case O_PORT:
	case O_OUT:
	case O_TIMEOUT:
	case O_READY:
	case O_DIRECTION:
		return CMD_CAPTURE;
	case O_IN:
		return CMD_REPLAY | CMD_DECRYPT;
	case O_UNPAD:
	case O_VERBOSE:
		return CMD_DECRYPT;
	}
	return 0;
}

const char tool_name[] = "vlpkt";

/* ---- option values --------------------------------------------------- */

static uint64_t parse_u64(const char *opt, const char *s, uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (!*s || *s == '-')
		usage_error("--%s: not a number: '%s'", opt, s);
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		usage_error("--%s: bad number or out of range (max %" PRIu64
			    "): '%s'", opt, max, s);
	return v;
}

static double parse_seconds(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !(v >= 0) || v > 1e9)
		usage_error("--%s: bad number of seconds: '%s'", opt, s);
	return v;
}

/* ADDR:PORT or [ADDR]:PORT (ADDR may carry %scope). */
static void parse_endpoint(const char *opt, const char *s,
			   struct sockaddr_storage *ss, socklen_t *len)
{
	struct addrinfo hints = { 0 }, *res;
	char host[256], port[16];
	const char *colon, *close;
	size_t hlen;
	int err;

	if (*s == '[') {
		close = strchr(s, ']');
		if (!close || close[1] != ':')
			usage_error("--%s: want [IPv6]:PORT: '%s'", opt, s);
		hlen = (size_t)(close - s - 1);
		s++;
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			usage_error("--%s: want ADDR:PORT: '%s'", opt, s);
		hlen = (size_t)(colon - s);
		if (memchr(s, ':', hlen))
			usage_error("--%s: an IPv6 address goes in brackets: "
				    "'%s'", opt, s);
	}
	if (hlen >= sizeof(host) || strlen(colon + 1) >= sizeof(port) ||
	    !colon[1])
		usage_error("--%s: bad endpoint '%s'", opt, s);
	memcpy(host, s, hlen);
	host[hlen] = 0;
	strcpy(port, colon + 1);
	parse_u64(opt, port, 65535);

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	err = getaddrinfo(host, port, &hints, &res);
	if (err)
		usage_error("--%s: bad address '%s': %s", opt, host,
			    gai_strerror(err));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
}

/* ---- main ------------------------------------------------------------ */

static const struct {
	const char *name;
	enum cmd cmd;
	int (*fn)(struct opts *o);
} commands[] = {
	{ "data", CMD_DATA, cmd_data },
	{ "raw", CMD_RAW, cmd_raw },
	{ "random", CMD_RANDOM, cmd_random },
	{ "capture", CMD_CAPTURE, cmd_capture },
	{ "replay", CMD_REPLAY, cmd_replay },
	{ "decrypt", CMD_DECRYPT, cmd_decrypt },
};

static const char *option_name(int opt)
{
	const struct option *lo;

	for (lo = long_options; lo->name; lo++)
		if (lo->val == opt)
			return lo->name;
	return "?";
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	unsigned int i;
	int opt, (*fn)(struct opts *) = NULL;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			o.cmd = commands[i].cmd;
			o.cmd_name = commands[i].name;
			fn = commands[i].fn;
		}
	if (!fn)
		usage_error("unknown command '%s'", argv[1]);

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
		case O_TO:
			parse_endpoint("to", optarg, &o.to, &o.to_len);
			if (o.to.ss_family == AF_INET ?
			    !((struct sockaddr_in *)&o.to)->sin_port :
			    !((struct sockaddr_in6 *)&o.to)->sin6_port)
				usage_error("--to: port 0");
			o.has_to = true;
			break;
		case O_FROM:
			parse_endpoint("from", optarg, &o.from, &o.from_len);
			o.has_from = true;
			break;
		case O_INDEX:
			o.index = (uint32_t)parse_u64("index", optarg,
						      UINT32_MAX);
			o.has_index = true;
			break;
		case O_COUNTER:
			o.counter = parse_u64("counter", optarg, UINT64_MAX);
			o.has_counter = true;
			break;
		case O_KEY:
			if (dm_parse_key(optarg, o.key))
				usage_error("--key: want 44 base64 characters "
					    "or 64 hex digits");
			o.has_key = true;
			break;
		case O_INNER_SRC:
			o.inner_src = optarg;
			break;
		case O_INNER_DST:
			o.inner_dst = optarg;
			break;
		case O_PAYLOAD_LEN:
			o.payload_len = parse_u64("payload-len", optarg, 65535);
			o.has_payload_len = true;
			break;
		case O_KEEPALIVE:
			o.keepalive = true;
			break;
		case O_COUNT:
			o.count = parse_u64("count", optarg, UINT64_MAX);
			o.has_count = true;
			break;
		case O_BAD_TAG:
			o.bad_tag = true;
			break;
		case O_INNER_GARBAGE:
			o.inner_garbage = true;
			break;
		case O_INNER_LEN_LIE:
			o.inner_len_lie = true;
			break;
		case O_HEX:
			o.hex = optarg;
			break;
		case O_TYPE:
			o.type = (uint32_t)parse_u64("type", optarg, UINT32_MAX);
			o.has_type = true;
			break;
		case O_LEN:
			o.len = parse_u64("len", optarg, 65535);
			o.has_len = true;
			break;
		case O_SEED:
			o.seed = parse_u64("seed", optarg, UINT64_MAX);
			o.has_seed = true;
			break;
		case O_MAX_LEN:
			o.max_len = parse_u64("max-len", optarg, MAX_UDP6);
			o.has_max_len = true;
			break;
		case O_DURATION:
			o.duration = parse_seconds("duration", optarg);
			break;
		case O_IFACE:
			o.iface = optarg;
			break;
		case O_PORT:
			o.port = (uint16_t)parse_u64("port", optarg, 65535);
			break;
		case O_OUT:
			o.out = optarg;
			break;
		case O_TIMEOUT:
			o.timeout = parse_seconds("timeout", optarg);
			break;
		case O_IN:
			o.in = optarg;
			break;
		case O_INTERVAL:
			o.interval_us = (long)parse_u64("interval", optarg,
							3600000000ULL);
			break;
		case O_PRINT:
			o.print = true;
			break;
		case O_READY:
			o.ready = optarg;
			break;
		case O_DIRECTION:
			if (!strcmp(optarg, "both"))
				o.direction = DIR_BOTH;
			else if (!strcmp(optarg, "from"))
				o.direction = DIR_FROM;
			else if (!strcmp(optarg, "to"))
				o.direction = DIR_TO;
			else
				usage_error("--direction: from, to or both");
			break;
		case O_UNPAD:
			o.unpad = true;
			break;
		case O_VERBOSE:
			o.verbose = true;
			break;
		}
	}
	if (optind < argc)
		usage_error("%s: unexpected argument '%s'", o.cmd_name,
			    argv[optind]);
	return fn(&o);
}
