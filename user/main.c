// SPDX-License-Identifier: GPL-2.0
/*
 * vpnlink-helper: the userspace half of vpnlink.  It will run the
 * WireGuard handshake and configure the module over generic netlink; for
 * now it only reports what it is and which contract it speaks.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vpnlink.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper [--help] [--version]\n"
		"\n"
		"The vpnlink helper.  Key exchange and configuration commands\n"
		"are not implemented yet; the module is configured with the\n"
		"test client (tests/client/vlctl) in the meantime.\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hV", options, NULL)) != -1) {
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
	if (optind < argc) {
		fprintf(stderr, "vpnlink-helper: unknown command '%s'\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	usage(stdout);
	return 0;
}
