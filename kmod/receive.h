/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPNLINK_RECEIVE_H
#define _VPNLINK_RECEIVE_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>

struct vl_device;

/* Takes one UDP datagram from the device's socket, data at the UDP
 * header; always consumes it.  Data messages go on to their peer's CPU.
 */
void vl_receive(struct vl_device *vl, struct sk_buff *skb);

/* Decrypts and delivers one data message, data at its header, on the
 * peer's CPU in @napi's poll, under rcu_read_lock(); always consumes it.
 */
void vl_receive_data(struct vl_device *vl, struct sk_buff *skb,
		     struct napi_struct *napi);

#endif /* _VPNLINK_RECEIVE_H */
