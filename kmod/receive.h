/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPNLINK_RECEIVE_H
#define _VPNLINK_RECEIVE_H

#include <linux/skbuff.h>

struct vl_device;

/* Takes one UDP datagram from the device's socket, data at the UDP
 * header; always consumes it.
 */
void vl_receive(struct vl_device *vl, struct sk_buff *skb);

#endif /* _VPNLINK_RECEIVE_H */
