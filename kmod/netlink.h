/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family (see include/uapi/linux/vpnlink.h) and the
 * events the module sends the helper.
 */
#ifndef _VPNLINK_NETLINK_H
#define _VPNLINK_NETLINK_H

#include <linux/skbuff.h>

struct vl_device;
struct vl_endpoint;
struct vl_peer;

int vl_netlink_init(void);
void vl_netlink_exit(void);

/* Events; callable from any context.  Each returns 0 once delivered. */
int vl_event_handshake_received(struct vl_device *vl, struct sk_buff *skb,
				const struct vl_endpoint *ep);
int vl_event_peer(struct vl_peer *peer, u8 cmd, u32 reason);
int vl_event_keypair_confirmed(struct vl_peer *peer, u32 local_index);
int vl_event_endpoint_changed(struct vl_peer *peer,
			      const struct vl_endpoint *ep);

#endif /* _VPNLINK_NETLINK_H */
