/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lan.h: the gateway's LAN side.  Proxy-ARP on the config's
 * LanInterfaces (the module answers; this only tells it where), and IP
 * forwarding, which a gateway for a network needs and `down` restores.
 */
#ifndef VL_LAN_H
#define VL_LAN_H

#include "config.h"
#include "iface.h"

/* Tells the module to proxy on cfg's LanInterfaces if ProxyArp = yes,
 * else on none.  A LanInterface that does not exist fails, with the
 * reason logged.
 */
int vl_lan_proxy_apply(struct vl_iface *ifc, const struct vl_config *cfg);

/* Turns forwarding on, per family, when a peer of cfg routes a network
 * (a prefix wider than one host) and it is off; remembers in ifc what it
 * was, and says so.
 */
int vl_lan_forwarding_up(struct vl_iface *ifc, const struct vl_config *cfg);
/* Restores what vl_lan_forwarding_up changed, unless another vpnlink
 * interface of the namespace is still there.
 */
void vl_lan_forwarding_down(struct vl_iface *ifc);

#endif /* VL_LAN_H */
