/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receive steering: a peer's data messages are decrypted on one CPU, the
 * peer's, reached through a per-CPU queue and NAPI context.  One hop, in
 * order, and the CPU that took the datagram off the wire (and may also be
 * busy encrypting what this host sends) shares the crypto work with the
 * peer's CPU instead of doing all of it.
 */
#ifndef _VPNLINK_RXQUEUE_H
#define _VPNLINK_RXQUEUE_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/smp.h>

struct vl_device;

struct vl_rx_cell {
	struct vl_device *vl;
	struct sk_buff_head queue;	/* queue.lock also guards scheduled */
	bool scheduled;			/* a kick or a poll will see the queue */
	atomic_t kicks;			/* IPIs sent and not yet run */
	call_single_data_t csd;
	struct napi_struct napi;
};

/* Longest a cell's queue may grow before data messages are dropped. */
#define VL_RX_QUEUE_MAX		1024

int vl_rxqueue_init(struct vl_device *vl);
void vl_rxqueue_enable(struct vl_device *vl);
/* After the sockets are closed: nothing is queued any more. */
void vl_rxqueue_disable(struct vl_device *vl);
void vl_rxqueue_free(struct vl_device *vl);

/* Queues a data message for @cpu's poll; always consumes @skb. */
void vl_rxqueue_steer(struct vl_device *vl, struct sk_buff *skb, int cpu);

/* The CPU a new peer's receive work goes to: the online CPUs in turn. */
int vl_rxqueue_pick_cpu(void);

#endif /* _VPNLINK_RXQUEUE_H */
