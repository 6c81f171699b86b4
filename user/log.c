// SPDX-License-Identifier: GPL-2.0
/*
 * log.c: stderr for commands, syslog for the daemon, and a per-call-site
 * rate limit for anything a remote party can trigger.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static bool use_syslog;
static bool verbose;
static char ident[64];

void vl_log_to_syslog(const char *ifname)
{
	snprintf(ident, sizeof(ident), "vpnlink-helper[%s]", ifname);
	openlog(ident, LOG_PID, LOG_DAEMON);
	use_syslog = true;
}

void vl_log_set_verbose(bool on)
{
	verbose = on;
}

static void vl_vlog(int prio, const char *fmt, va_list ap)
{
	if (prio == LOG_DEBUG && !verbose)
		return;
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
		return;
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void vl_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_vlog(prio, fmt, ap);
	va_end(ap);
}

void vl_log_limited(struct vl_ratelimit_log *rl, int prio, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (ts.tv_sec - rl->window_start >= VL_LOG_INTERVAL_S) {
		if (rl->suppressed)
			vl_log(prio, "(%u similar messages suppressed)",
			       rl->suppressed);
		rl->window_start = ts.tv_sec;
		rl->printed = 0;
		rl->suppressed = 0;
	}
	if (rl->printed >= VL_LOG_BURST) {
		rl->suppressed++;
		return;
	}
	rl->printed++;
	va_start(ap, fmt);
	vl_vlog(prio, fmt, ap);
	va_end(ap);
}
