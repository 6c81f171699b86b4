/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iface.h: bringing an interface up from its configuration and down
 * again: the device, its port and peers in the module, its addresses,
 * MTU, routes and hooks.  The handshake is the daemon's (daemon.h).
 */
#ifndef VL_IFACE_H
#define VL_IFACE_H

#include <stdbool.h>

#include "config.h"
#include "genl.h"

struct nl_sock;

struct vl_iface {
	const struct vl_config *cfg;
	char ifname[VL_IFNAME_MAX + 1];
	int ifindex;
	struct nl_sock *rtnl;
	struct vl_genl *g;
	bool adopted;		/* the device was there, live: keep it */
	uint32_t table;		/* where peer routes go, 0 = none */
	/* A default route through the tunnel (Table = auto): its table and
	 * fwmark, by family (0: none), for the rules policy.h adds.
	 */
	uint32_t policy4, policy6;
	/* What forwarding was before `up` turned it on, by family (IPv4,
	 * IPv6); -1: `up` did not change it.
	 */
	int forward_restore[2];
};

/* wg-quick's table for a default route when FwMark is not set. */
#define VL_DEFAULT_TABLE	51820

/* Creates (or adopts, when @adopt and it exists) and configures the
 * interface, PreUp and PostUp included.  On failure, undoes what it did
 * (a created device is deleted; an adopted one is left alone) and
 * returns a negative errno; the reason is logged.
 */
int vl_iface_up(struct vl_iface *ifc, bool adopt);

/* PreDown, the device deleted (its routes and addresses go with it), the
 * rules of a default route removed, PostDown.
 */
int vl_iface_down(struct vl_iface *ifc);

/* What a daemon recorded in NAME.state of what `up` changed outside the
 * device (policy rules, forwarding), for `down` or an adopting daemon.
 */
void vl_iface_read_state(struct vl_iface *ifc);

/* Makes the module's peers those of @cfg: missing ones added, others'
 * allowed IPs and keepalive set, extra ones removed.  Sessions of peers
 * that stay are not touched.  Endpoints that resolve are set.
 */
int vl_iface_sync_peers(struct vl_iface *ifc, const struct vl_config *cfg);

/* Routes for every peer's allowed IPs (add) or removes them. */
int vl_iface_routes(struct vl_iface *ifc, const struct vl_config *cfg,
		    bool add);

#endif /* VL_IFACE_H */
