/* SPDX-License-Identifier: GPL-2.0 */
/*
 * routes_format.h: what `vpnlink-helper routes` prints, from addresses
 * alone.  Nothing here reads the system or the configuration file, so
 * that the unit tests can check every format on exact text.
 */
#ifndef VL_ROUTES_FORMAT_H
#define VL_ROUTES_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"	/* struct vl_addr, struct vl_prefix */

enum vl_routes_fmt {
	VL_ROUTES_IP,		/* ip route add NET via GW, for sh */
	VL_ROUTES_ROUTE,	/* net-tools route(8) */
	VL_ROUTES_WINDOWS,	/* route.exe, as a batch file */
	VL_ROUTES_DHCP121,	/* RFC 3442 option value, hex bytes */
	VL_ROUTES_DNSMASQ,	/* dhcp-option=121,... for dnsmasq.conf */
};

struct vl_routes {
	enum vl_routes_fmt fmt;
	/* This gateway's address on the LAN per family; family 0 = none. */
	struct vl_addr gw4, gw6;
	/* The LAN's own subnets (masked): a network inside one is on-link
	 * for the workstations and needs no route.
	 */
	const struct vl_prefix *lan;
	size_t n_lan;
	/* Where gw4/gw6 come from, for the comments: the LAN interface's
	 * name, or NULL when given on the command line.
	 */
	const char *lan_ifname;
	bool proxy_arp;
	/* dhcp121, dnsmasq: the LAN's default router, appended to the
	 * option as 0.0.0.0/0; family 0 = none.
	 */
	struct vl_addr default_router;
	/* A first comment line; NULL for none. */
	const char *title;
};

/* "ip", "route", "windows", "dhcp121" or "dnsmasq".  0 or -1. */
int vl_routes_fmt_parse(const char *name, enum vl_routes_fmt *fmt);

/*
 * Writes to @out what the LAN's workstations need to reach @nets (in
 * this order, duplicates once) through the gateway.  Networks that get
 * no route (a default route, one inside a LAN subnet, one of a family
 * without a gateway address, IPv6 in a DHCPv4 option) are named in a
 * comment that says why.  Comments start with "#", or "REM" for windows.
 * Returns 0, -ENOMEM, or -EIO when @out has its error flag set.
 */
int vl_routes_print(FILE *out, const struct vl_routes *r,
		    const struct vl_prefix *nets, size_t n_nets);

#endif /* VL_ROUTES_FORMAT_H */
