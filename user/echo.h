/* SPDX-License-Identifier: GPL-2.0 */
/*
 * echo.h: ICMP (and ICMPv6) echo requests to one address, and how many
 * replies came back: the probe behind `diagnose`.
 */
#ifndef VL_ECHO_H
#define VL_ECHO_H

#include "genl.h"

struct vl_echo_result {
	unsigned int sent;
	unsigned int replies;
	union vl_sockaddr source;	/* the address the requests came from */
};

/* Sends @count echo requests to @dst, @interval_ms apart, then waits up
 * to @wait_ms for the last replies.  Needs CAP_NET_RAW.  0 or a negative
 * errno.
 */
int vl_echo(const union vl_sockaddr *dst, unsigned int count,
	    unsigned int interval_ms, unsigned int wait_ms,
	    struct vl_echo_result *res);

#endif /* VL_ECHO_H */
