/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vpnlink network device: one per tunnel, holding its UDP sockets, its
 * peers, the cryptokey routing table and the keypair index.
 */
#ifndef _VPNLINK_DEVICE_H
#define _VPNLINK_DEVICE_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <net/net_namespace.h>

#include "allowedips.h"
#include "rxqueue.h"

/* Why a packet was dropped; indexes vl_device.drops. */
enum vl_drop_reason {
	VL_DROP_RX_MALFORMED,
	VL_DROP_RX_UNKNOWN_INDEX,
	VL_DROP_RX_DECRYPT,
	VL_DROP_RX_REPLAY,
	VL_DROP_RX_SOURCE,
	VL_DROP_RX_EXPIRED,
	VL_DROP_RX_HANDSHAKE,
	VL_DROP_RX_BACKLOG,
	VL_DROP_TX_NO_PEER,
	VL_DROP_TX_NO_KEYPAIR,
	VL_DROP_TX_NO_ENDPOINT,
	VL_DROP_TX_ERROR,
	VL_DROP_TX_LOOP,
	VL_COUNT_RX_HANDSHAKES,	/* not drops: events counted alongside */
	VL_COUNT_RX_KEEPALIVES,
	VL_COUNT_PROXY_ARP_REPLIES,	/* proxy: answers and announcements */
	VL_COUNT_PROXY_ND_REPLIES,
	VL_COUNT_PROXY_ANNOUNCES,
	VL_COUNT_PROXY_IGN_GRATUITOUS,	/* proxy: requests left unanswered */
	VL_COUNT_PROXY_IGN_NOT_OWNED,
	VL_COUNT_PROXY_IGN_SUBNET,
	VL_COUNT_PROXY_IGN_LOCAL,
	VL_COUNT_PROXY_IGN_DOWN,
	VL_COUNT_PROXY_IGN_RATELIMIT,
	VL_COUNTERS
};

struct vl_counters {
	u64_stats_t c[VL_COUNTERS];
	struct u64_stats_sync syncp;
};

#define VL_PEER_HASH_BITS	10
#define VL_INDEX_HASH_BITS	13

struct vl_device {
	struct net_device *dev;
	/* Where the UDP sockets live: the namespace the device was created
	 * in, which it keeps when moved.  No reference is held: its pernet
	 * exit deletes the device first.
	 */
	struct net *creating_net;
	struct list_head device_list;	/* vl_devices, under RTNL */

	struct sock __rcu *sock4;
	struct sock __rcu *sock6;
	u16 listen_port;		/* as configured, 0 = any */
	u16 bound_port;			/* as bound while up */
	u32 fwmark;

	/* Serialises configuration: peers, allowed IPs, keypairs, sockets. */
	struct mutex lock;
	struct list_head peers;		/* in creation order */
	DECLARE_HASHTABLE(peer_hash, VL_PEER_HASH_BITS);
	u32 peer_count;
	u64 next_peer_id;
	u32 generation;			/* bumped on peer add/remove */
	struct vl_allowedips table;

	/* Keypairs by local index, for the receive path. */
	spinlock_t index_lock;
	DECLARE_HASHTABLE(index_hash, VL_INDEX_HASH_BITS);

	/* LAN interfaces answered for (struct vl_proxy_lan): changed under
	 * RTNL and vl->lock, read under RCU.
	 */
	struct list_head proxy_lans;
	u32 proxy_rate;			/* replies per second and LAN */

	struct vl_counters __percpu *counters;
	/* Set while this CPU sends from the device: a packet that comes back
	 * into it meanwhile was routed in a loop (see vl_xmit()).
	 */
	u8 __percpu *sending;
	struct vl_rx_cell __percpu *rx_cells;
};

extern struct rtnl_link_ops vl_link_ops;

int vl_device_init(void);
void vl_device_exit(void);

void vl_count(struct vl_device *vl, enum vl_drop_reason reason);
/* Calls fn on every vpnlink device of every namespace.  Under RTNL. */
void vl_devices_for_each(void (*fn)(struct vl_device *vl, void *arg),
			 void *arg);
void vl_counters_read(struct vl_device *vl, u64 out[VL_COUNTERS]);

/* (Re)opens the sockets on the configured port if the device is up. */
int vl_device_reopen(struct vl_device *vl);

#endif /* _VPNLINK_DEVICE_H */
