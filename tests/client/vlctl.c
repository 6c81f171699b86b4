// SPDX-License-Identifier: GPL-2.0
/*
 * vlctl: a small client of the vpnlink generic netlink family, for tests.
 *
 * The scenarios use it to drive vpnlink.ko with fixed keys before (and
 * besides) the real helper, and to send malformed requests on purpose
 * ("vlctl raw").  Output is line-oriented and stable so that shell tests
 * can grep it.  Kernel errors are printed with the kernel's extack message:
 *
 *   error: <strerror> (<ERRNO NAME>): <extack message>
 *
 * Exit status: 0 success, 1 kernel or runtime error, 2 usage error,
 * 3 "events" timed out before --count events arrived.
 *
 * This file holds the usage text and the command table; each command group
 * lives in its cmd_*.c file, on top of nl.c (the netlink session), parse.c
 * (command-line values) and attrs.c (the family's attributes).
 */
#define _GNU_SOURCE		/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vlctl.h"

static const char usage_dev[] =
	"  vlctl dev show IF\n"
	"  vlctl dev list\n"
	"  vlctl dev set IF [port N] [fwmark N] [proxy-lans IF,IF...|none]\n"
	"                [proxy-rate N]\n";

static const char usage_peer[] =
	"  vlctl peer add IF KEY [endpoint ADDR:PORT] [allowed PREFIX[,PREFIX...]]\n"
	"                        [keepalive SECONDS]\n"
	"  vlctl peer set IF KEY [endpoint ADDR:PORT] [allowed PREFIX,...]\n"
	"                        [remove PREFIX,...] [replace] [keepalive SECONDS]\n"
	"      add, set: prefixes past what one request holds (about 2300) follow\n"
	"      in further SET_PEER requests; the change is then not atomic.\n"
	"  vlctl peer del IF KEY\n"
	"  vlctl peer show IF [KEY] [--dump]\n"
	"      --dump: a peer too large for one reply (EMSGSIZE) is read from a\n"
	"      dump of the device instead.\n"
	"  vlctl peer count IF\n"
	"  vlctl peer bulk IF COUNT [--allowed-per-peer N]\n"
	"      bulk: peer i (0-based) has the key whose 32 bytes are i+1 big-endian\n"
	"      with 9 in the first byte (never a low-order key), and N (default 1)\n"
	"      /32 prefixes 10.128.0.0 + i*N + j, j < N.\n";

static const char usage_keypair[] =
	"  vlctl keypair add IF KEY local N remote N send KEY32 recv KEY32\n"
	"                       [initiator] [reject-ms N] [reject-messages N]\n"
	"  vlctl keypair del IF KEY\n";

static const char usage_handshake[] =
	"  vlctl handshake send IF (endpoint ADDR:PORT | peer KEY) HEXPAYLOAD\n";

static const char usage_events[] =
	"  vlctl events [--count N] [--timeout SECONDS]\n"
	"      prints \"listening\", then one line per event; exits 0 after N\n"
	"      events, 3 on timeout (0 on timeout if no --count)\n";

static const char usage_raw[] =
	"  vlctl raw CMD [--dump] [--version N] [--flags F] [ATTR...]\n"
	"      CMD: a number or get_device, set_device, new_peer, set_peer,\n"
	"        del_peer, get_peer, add_keypair, del_keypairs, send_handshake\n"
	"      ATTR: u8:T=V u16:T=V u32:T=V u64:T=V str:T=S (NUL-terminated)\n"
	"        strn:T=S (no NUL) hex:T=HEX flag:T nest:T{ ... } (a lone \"}\"\n"
	"        closes) rawnest:T{ (nest without NLA_F_NESTED) pad:N (N bytes\n"
	"        0xAA, no header); T is a number (0..65535)\n"
	"      F: a number or names joined by ',': root, match, atomic, dump,\n"
	"        replace, excl, create, append, echo, ack\n"
	"      prints \"ok\", or \"ok messages N\" for a dump\n";

static const char usage_common[] =
	"vlctl -n NETNS ...: the command runs in network namespace NETNS\n"
	"  (/run/netns/NETNS, as ip -n does), without a process between.\n"
	"KEY is 32 bytes as base64 (44 characters) or as 64 hex digits.\n"
	"ADDR:PORT is 192.0.2.1:51820, [2001:db8::1]:51820 or [fe80::1%eth0]:51820.\n"
	"PREFIX is 10.0.0.0/24, fd00::/64, or an address (/32, /128).\n"
	"Exit status: 0 ok, 1 kernel or runtime error, 2 usage, 3 events timeout.\n";

struct usage_group {
	const char *name;
	const char *text;
};

static const struct usage_group usage_groups[] = {
	{ "dev", usage_dev },
	{ "peer", usage_peer },
	{ "keypair", usage_keypair },
	{ "handshake", usage_handshake },
	{ "events", usage_events },
	{ "raw", usage_raw },
};

void print_usage(FILE *f, const char *group)
{
	size_t i;
	bool known = false;

	for (i = 0; group && i < ARRAY_SIZE(usage_groups); i++)
		known |= !strcmp(group, usage_groups[i].name);
	fputs("usage:\n", f);
	for (i = 0; i < ARRAY_SIZE(usage_groups); i++) {
		if (!known || !strcmp(group, usage_groups[i].name))
			fputs(usage_groups[i].text, f);
	}
	fputs(usage_common, f);
}

int usage_error(const char *group, const char *fmt, ...)
{
	va_list ap;

	fputs("vlctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage(stderr, group);
	return EXIT_USAGE;
}

struct command {
	const char *group;
	const char *name;	/* NULL: the group is the command */
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "dev", "show", cmd_dev_show },
	{ "dev", "list", cmd_dev_list },
	{ "dev", "set", cmd_dev_set },
	{ "peer", "add", cmd_peer_add },
	{ "peer", "set", cmd_peer_set },
	{ "peer", "del", cmd_peer_del },
	{ "peer", "show", cmd_peer_show },
	{ "peer", "count", cmd_peer_count },
	{ "peer", "bulk", cmd_peer_bulk },
	{ "keypair", "add", cmd_keypair_add },
	{ "keypair", "del", cmd_keypair_del },
	{ "handshake", "send", cmd_handshake_send },
	{ "events", NULL, cmd_events },
	{ "raw", NULL, cmd_raw },
};

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

/* Enters /run/netns/@name, as `ip -n` does.  An option and not `ip netns
 * exec`: on the debug kernel each process a test starts costs about a
 * second, and the scenarios run vlctl in a namespace hundreds of times.
 */
static int enter_netns(const char *name)
{
	char path[256];
	int fd, ret;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") ||
	    snprintf(path, sizeof(path), "/run/netns/%s", name) >=
	    (int)sizeof(path))
		return usage_error(NULL, "-n %s: not a namespace name", name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		fprintf(stderr, "vlctl: -n %s: %s: %s\n", name, path,
			strerror(errno));
		return EXIT_FAIL;
	}
	ret = setns(fd, CLONE_NEWNET);
	if (ret)
		fprintf(stderr, "vlctl: -n %s: setns: %s\n", name,
			strerror(errno));
	close(fd);
	return ret ? EXIT_FAIL : EXIT_OK;
}

int main(int argc, char **argv)
{
	const char *group;
	size_t i;
	int ret;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		if (argc < 3)
			return usage_error(NULL, "-n needs a namespace name");
		ret = enter_netns(argv[2]);
		if (ret)
			return ret;
		argv[2] = argv[0];
		argc -= 2;
		argv += 2;
	}
	group = argc > 1 ? argv[1] : NULL;
	if (!group)
		return usage_error(NULL, "no command");
	if (!strcmp(group, "help") || wants_help(argc - 1, argv + 1)) {
		print_usage(stdout, group);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct command *c = &commands[i];

		if (strcmp(group, c->group))
			continue;
		/* Handlers get their own word as argv[0], like a program. */
		if (!c->name)
			return c->fn(argc - 1, argv + 1);
		if (argc > 2 && !strcmp(argv[2], c->name))
			return c->fn(argc - 2, argv + 2);
	}
	return usage_error(group, "unknown command %s%s%s", group,
			   argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
}
