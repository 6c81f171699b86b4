/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A peer: a remote endpoint known by its public key, owning a set of inner
 * prefixes, with the keypairs its handshakes produced.
 */
#ifndef _VPNLINK_PEER_H
#define _VPNLINK_PEER_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/u64_stats_sync.h>
#include <net/dst_cache.h>
#include <uapi/linux/vpnlink.h>

#include "keypair.h"

struct vl_device;

struct vl_endpoint {
	union {
		struct sockaddr addr;
		struct sockaddr_in addr4;
		struct sockaddr_in6 addr6;
	};
	/* The local address and interface the peer last reached us on, so
	 * replies leave from the address the peer expects.
	 */
	union {
		struct in_addr src4;
		struct in6_addr src6;
	};
	int src_if4;
};

struct vl_peer_stats {
	u64_stats_t rx_bytes;
	u64_stats_t rx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_packets;
	struct u64_stats_sync syncp;
};

/* Events are rate-limited per peer and kind. */
enum vl_peer_event {
	VL_EVENT_HANDSHAKE_NEEDED,
	VL_EVENT_REKEY,
	VL_PEER_EVENTS
};

struct vl_peer {
	struct vl_device *vl;
	u8 public_key[VPNLINK_KEY_LEN];
	u64 id;				/* creation order, for dump cursors */
	struct hlist_node hash_node;	/* vl->peer_hash, under vl->lock */
	struct list_head list;		/* vl->peers, under vl->lock */
	struct list_head allowedips;	/* its trie nodes, under vl->lock */
	bool dead;			/* removed: timers must not re-arm */

	rwlock_t endpoint_lock;
	struct vl_endpoint endpoint;
	struct dst_cache dst_cache;

	spinlock_t keypairs_lock;	/* writers of the three slots */
	struct vl_keypair __rcu *kp_current;
	struct vl_keypair __rcu *kp_previous;
	struct vl_keypair __rcu *kp_next;

	struct sk_buff_head staged;	/* waiting for a keypair */

	struct vl_peer_stats __percpu *stats;
	u64 last_rx_ns;
	u64 last_tx_ns;
	unsigned long last_event[VL_PEER_EVENTS];	/* jiffies */

	int rx_cpu;			/* where its data messages decrypt */
	u16 persistent_keepalive;	/* seconds, 0 = off */
	/* Timers are armed rarely and check these when they fire, so that
	 * the packet paths only store a time (timers.c).
	 */
	u64 unanswered_since;		/* first data sent since last heard */
	u64 keepalive_due_since;	/* first data heard since last sent */
	struct timer_list keepalive_timer;	/* answer one-way traffic */
	struct timer_list persistent_timer;
	struct timer_list unanswered_timer;	/* sent, heard nothing */

	struct rcu_head rcu;
};

/* All under vl->lock. */
struct vl_peer *vl_peer_create(struct vl_device *vl, const u8 *public_key);
struct vl_peer *vl_peer_find(struct vl_device *vl, const u8 *public_key);
void vl_peer_remove(struct vl_peer *peer);
void vl_peer_remove_all(struct vl_device *vl);

/* Device down: drop keypairs, held packets and timers of every peer. */
void vl_peers_stop(struct vl_device *vl);

void vl_peer_set_endpoint(struct vl_peer *peer,
			  const struct vl_endpoint *endpoint);
/* Copies the endpoint; false if the peer has none. */
bool vl_peer_get_endpoint(struct vl_peer *peer, struct vl_endpoint *endpoint);
/* Forgets the local source address cached for replies to the peer. */
void vl_peer_forget_source(struct vl_peer *peer);

/* Sends a message asking the helper for a handshake, unless one of that
 * kind went out for this peer in the last VPNLINK_EVENT_INTERVAL_MS.
 */
void vl_peer_event(struct vl_peer *peer, enum vl_peer_event kind, u32 reason);

void vl_peer_stats_rx(struct vl_peer *peer, unsigned int len);
void vl_peer_stats_tx(struct vl_peer *peer, unsigned int packets, u64 bytes);
void vl_peer_stats_read(struct vl_peer *peer, u64 *rx_bytes, u64 *rx_packets,
			u64 *tx_bytes, u64 *tx_packets);

#endif /* _VPNLINK_PEER_H */
