// SPDX-License-Identifier: GPL-2.0
/*
 * vpnlink-helper: the userspace half of vpnlink.  It runs WireGuard's
 * handshake, configures vpnlink.ko over generic netlink and the system
 * over rtnetlink.  This file only finds the command.
 *
 * Exit status, for every command: 0 done, 1 it failed at run time,
 * 2 usage or config error (and nothing on the system changed).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vpnlink.h>

#include "commands.h"

static const struct vl_command commands[] = {
	{ "up", cmd_up, "bring up the interface of CONFIG (or NAME)" },
	{ "down", cmd_down, "take down the interface of CONFIG (or NAME)" },
	{ "show", cmd_show, "show interfaces, peers and counters" },
	{ "diagnose", cmd_diagnose,
	  "tell why an address behind a peer does or does not answer" },
	{ "routes", cmd_routes, "print the routes the LAN needs to the peers" },
	{ "audit", cmd_audit, "check the gateway for holes around the VPN" },
	VL_KEY_COMMANDS,
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: vpnlink-helper COMMAND [ARGS...]\n\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"\n`vpnlink-helper COMMAND --help` says more about each.\n"
		"CONFIG is a wg-quick configuration: a path to NAME.conf, or a\n"
		"bare NAME for /etc/vpnlink/NAME.conf.\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int c;

	/* "+": stop at the command; its own options are its own. */
	while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vpnlink-helper (genl family %s v%d)\n",
			       VPNLINK_GENL_NAME, VPNLINK_GENL_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name))
			continue;
		argv += optind;
		argc -= optind;
		optind = 0;	/* getopt_long starts afresh for the command */
		return commands[i].run(argc, argv);
	}
	fprintf(stderr, "vpnlink-helper: unknown command '%s'\n", argv[optind]);
	usage(stderr);
	return 2;
}
