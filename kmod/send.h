/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPNLINK_SEND_H
#define _VPNLINK_SEND_H

#include <linux/netdevice.h>

struct vl_peer;

netdev_tx_t vl_xmit(struct sk_buff *skb, struct net_device *dev);

/* Sends what waits for @peer's keypair; a no-op while it has none. */
void vl_send_staged(struct vl_peer *peer);

/* Sends an empty data message, which keeps NAT mappings and the peer's
 * timers alive; asks for a handshake if there is no keypair.
 */
void vl_send_keepalive(struct vl_peer *peer);

/* Drops what waits for @peer, counting it. */
void vl_purge_staged(struct vl_peer *peer);

#endif /* _VPNLINK_SEND_H */
