// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_up.c: `vpnlink-helper up CONFIG`.  Everything that can be checked
 * without touching the system is checked first (config, already up, the
 * module); then a daemon is forked, brings the interface up and says how
 * it went through a pipe, and `up` returns once the interface is ready.
 */
#define _GNU_SOURCE		/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "commands.h"
#include "config_load.h"
#include "daemon.h"
#include "link.h"
#include "log.h"
#include "state.h"
#include "testing.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vpnlink-helper up [--foreground] [--log FILE] CONFIG\n"
		"\n"
		"Creates the interface named after CONFIG (a path to NAME.conf,\n"
		"or a bare NAME for /etc/vpnlink/NAME.conf), configures it and\n"
		"its routes, and leaves a daemon running for its handshakes.\n"
		"Returns once the interface is ready.  An interface left running\n"
		"by a daemon that died is adopted, traffic and all.\n"
		"\n"
		"  -f, --foreground  stay in the foreground, log to stderr\n"
		"  -l, --log FILE    the daemon logs to FILE, not syslog\n"
		"  -h, --help        this text\n"
		"\n"
		"Environment, for the test suite only (never on a gateway):\n"
		"  %s=MS\n"
		"      keypairs are rejected after MS milliseconds (%u to %u),\n"
		"      not WireGuard's %u; rekeys come at two thirds of it,\n"
		"      keys are wiped after three times it.  Logged as a\n"
		"      warning when set.\n",
		VL_TEST_REJECT_ENV, VL_TEST_REJECT_MIN_MS,
		VL_TEST_REJECT_MAX_MS, VL_REJECT_AFTER_MS);
}

/* The reject age of our keypairs: WireGuard's, or the test suite's
 * (testing.h).  Empty is unset.
 */
static int reject_after_setting(struct vl_daemon *d)
{
	const char *v = getenv(VL_TEST_REJECT_ENV);
	uint32_t ms;

	d->reject_after_ms = VL_REJECT_AFTER_MS;
	d->reject_after_test = false;
	if (!v || !*v)
		return 0;
	if (vl_test_reject_after_parse(v, &ms)) {
		fprintf(stderr,
			"vpnlink-helper: %s=%s: not a number of milliseconds from %u to %u\n",
			VL_TEST_REJECT_ENV, v, VL_TEST_REJECT_MIN_MS,
			VL_TEST_REJECT_MAX_MS);
		return -EINVAL;
	}
	d->reject_after_ms = ms;
	d->reject_after_test = true;
	return 0;
}

/* _exit() skips LeakSanitizer's check at exit: in a build with ASan (the
 * test suite's build/vpnlink-helper-asan) the daemon asks for it itself.
 */
static void leak_check(void)
{
#ifdef __SANITIZE_ADDRESS__
	__lsan_do_leak_check();
#endif
}

/* modprobe, if the family is not there yet. */
static int ensure_module(void)
{
	struct vl_genl g;
	int ret = vl_genl_open(&g);

	if (!ret) {
		vl_genl_close(&g);
		return 0;
	}
	if (ret != -ENOENT)
		return ret;
	ret = system("modprobe vpnlink 2>/dev/null");
	if (ret == -1 || !WIFEXITED(ret) || WEXITSTATUS(ret) ||
	    vl_genl_open(&g)) {
		fprintf(stderr,
			"vpnlink-helper: the vpnlink module is not loaded, and `modprobe vpnlink` could not load it (install it, or insmod vpnlink.ko)\n");
		return -ENOENT;
	}
	vl_genl_close(&g);
	return 0;
}

static int redirect_log(const char *file)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);

	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		fprintf(stderr, "vpnlink-helper: %s: %s\n", file,
			strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int run_daemon(struct vl_daemon *d, bool adopt, int ready_fd,
		      bool detach)
{
	int ret = vl_state_claim_pid(d->ifc.ifname);

	if (ret) {
		fprintf(stderr, "vpnlink-helper: %s: %s\n", d->ifc.ifname,
			ret == -EEXIST ? "already up" : strerror(-ret));
		if (ready_fd >= 0 && write(ready_fd, "\1", 1) < 0)
			ret = -EIO;
		return 1;
	}
	d->detach = detach;
	ret = vl_daemon_run(d, adopt, ready_fd);
	vl_state_release(d->ifc.ifname);
	vl_config_free(d->cfg);		/* wipes the private key */
	return ret;
}

int cmd_up(int argc, char **argv)
{
	static const struct option options[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct vl_daemon d;
	const char *logfile = NULL;
	bool foreground = false, adopt;
	int c, ret, pipefd[2];
	struct nl_sock *rtnl;
	char kind[32], status;
	pid_t pid;

	while ((c = getopt_long(argc, argv, "fl:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			foreground = true;
			break;
		case 'l':
			logfile = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		return 2;
	}
	if (reject_after_setting(&d))
		return 2;
	ret = vl_config_load(argv[optind], d.config_path,
			     sizeof(d.config_path), d.ifc.ifname, &d.cfg);
	if (ret)
		return 2;
	if (vl_state_daemon_pid(d.ifc.ifname)) {
		fprintf(stderr, "vpnlink-helper: %s is already up\n",
			d.ifc.ifname);
		return 1;
	}
	if (ensure_module())
		return 1;
	rtnl = vl_rtnl_open();
	if (!rtnl)
		return 1;
	ret = vl_link_lookup(rtnl, d.ifc.ifname, kind, sizeof(kind));
	vl_rtnl_close(rtnl);
	if (ret < 0)
		return 1;
	/* There, and no daemon: one was killed.  Adopt its device. */
	adopt = ret > 0 && !strcmp(kind, "vpnlink");

	if (foreground)
		return run_daemon(&d, adopt, -1, false);

	if (pipe2(pipefd, O_CLOEXEC)) {
		perror("vpnlink-helper: pipe");
		return 1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("vpnlink-helper: fork");
		return 1;
	}
	if (pid == 0) {
		close(pipefd[0]);
		setsid();
		if (logfile && redirect_log(logfile))
			_exit(1);
		d.log_to_file = logfile != NULL;
		ret = run_daemon(&d, adopt, pipefd[1], true);
		leak_check();
		_exit(ret);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &status, 1) != 1)
		status = 1;	/* it died before saying */
	close(pipefd[0]);
	vl_config_free(d.cfg);
	if (status) {
		fprintf(stderr, "vpnlink-helper: %s did not come up\n",
			d.ifc.ifname);
		return 1;
	}
	printf("%s is up\n", d.ifc.ifname);
	return 0;
}
