/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h: what the helper says.  Commands write to stderr; the daemon
 * writes to syslog once it has detached.  Messages about peers are
 * rate-limited per call site, so that a flood of bad packets cannot flood
 * the log too.
 */
#ifndef VL_LOG_H
#define VL_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* After this, messages go to syslog (ident "vpnlink-helper[IFNAME]"). */
void vl_log_to_syslog(const char *ifname);
void vl_log_set_verbose(bool verbose);

void vl_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A rate limit for one kind of message: VL_LOG_BURST messages, then one
 * per VL_LOG_INTERVAL_S, the suppressed ones counted and reported.
 */
struct vl_ratelimit_log {
	long long window_start;
	unsigned int printed;
	unsigned int suppressed;
};

#define VL_LOG_BURST		10
#define VL_LOG_INTERVAL_S	5

void vl_log_limited(struct vl_ratelimit_log *rl, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Rate-limited per call site. */
#define vl_log_rl(prio, ...)						\
	do {								\
		static struct vl_ratelimit_log _rl;			\
		vl_log_limited(&_rl, prio, __VA_ARGS__);		\
	} while (0)

#endif /* VL_LOG_H */
