// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_down.c: `vpnlink-helper down CONFIG|NAME`.  The daemon does the
 * work when it runs (SIGTERM is `down` to it); when it was killed, `down`
 * does the same from the config the state file names.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "config_load.h"
#include "genl.h"
#include "iface.h"
#include "link.h"
#include "log.h"
#include "state.h"

/* The daemon runs PreDown and PostDown: give slow hooks time. */
#define VL_DOWN_WAIT_S	30

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper down CONFIG|NAME\n"
		"\n"
		"Stops the interface's daemon, which runs PreDown, deletes the\n"
		"interface (its routes and addresses go with it) and runs\n"
		"PostDown.\n"
		"\n"
		"  -h, --help   this text\n");
}

static int stop_daemon(const char *ifname, pid_t pid)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	int i;

	if (kill(pid, SIGTERM) && errno != ESRCH) {
		fprintf(stderr, "vpnlink-helper: stopping the daemon of %s: %s\n",
			ifname, strerror(errno));
		return 1;
	}
	for (i = 0; i < VL_DOWN_WAIT_S * 20; i++) {
		if (kill(pid, 0) && errno == ESRCH)
			return 0;
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "vpnlink-helper: the daemon of %s (pid %ld) did not stop\n",
		ifname, (long)pid);
	return 1;
}

static void take_path(const char *key, const char *value, void *arg)
{
	(void)key;
	snprintf(arg, 4096, "%s", value);
}

int cmd_down(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char path[4096], saved[4096] = "", ifname[VL_IFNAME_MAX + 1], kind[32];
	struct vl_iface ifc = { .forward_restore = { -1, -1 } };
	struct vl_config *cfg;
	const char *arg;
	int c, ret;
	pid_t pid;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		usage(stderr);
		return 2;
	}
	if (argc - optind != 1) {
		usage(stderr);
		return 2;
	}
	arg = argv[optind];
	if (vl_config_path(arg, path, sizeof(path), ifname)) {
		fprintf(stderr, "vpnlink-helper: %s: not an interface name or NAME.conf\n",
			arg);
		return 2;
	}
	pid = vl_state_daemon_pid(ifname);
	if (pid)
		return stop_daemon(ifname, pid);

	/* No daemon.  Is the interface there at all? */
	ifc.rtnl = vl_rtnl_open();
	if (!ifc.rtnl)
		return 1;
	ret = vl_link_lookup(ifc.rtnl, ifname, kind, sizeof(kind));
	if (ret <= 0 || strcmp(kind, "vpnlink")) {
		fprintf(stderr, "vpnlink-helper: %s is not up\n", ifname);
		vl_rtnl_close(ifc.rtnl);
		vl_state_release(ifname);
		return 1;
	}
	/* The config `up` used, unless a path was given. */
	vl_state_read(ifname, "config", take_path, saved);
	if (!strchr(arg, '/') && *saved)
		arg = saved;
	if (vl_config_load(arg, path, sizeof(path), ifname, &cfg)) {
		vl_rtnl_close(ifc.rtnl);
		return 2;
	}
	snprintf(ifc.ifname, sizeof(ifc.ifname), "%s", ifname);
	ifc.cfg = cfg;
	vl_iface_read_state(&ifc);
	ret = vl_iface_down(&ifc);
	vl_state_release(ifname);
	vl_config_free(cfg);
	vl_rtnl_close(ifc.rtnl);
	return ret ? 1 : 0;
}
