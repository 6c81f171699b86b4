/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keypairs: the symmetric keys one handshake derives, installed by the
 * helper, used and limited by the module.  A peer holds up to three:
 * current (sends and receives), previous (still receives, for packets in
 * flight across a rekey) and next (a responder's, until the initiator's
 * first data message proves the initiator has it too).
 */
#ifndef _VPNLINK_KEYPAIR_H
#define _VPNLINK_KEYPAIR_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/vpnlink.h>

#include "replay.h"

struct vl_peer;
struct vl_device;

struct vl_keypair {
	struct vl_peer *peer;		/* outlives the keypair (RCU) */
	struct hlist_node index_node;	/* vl_device.index_hash */
	u32 local_index;
	__le32 remote_index;		/* as it goes on the wire */
	bool initiator;
	u64 birth_ns;			/* ktime_get_coarse_boottime_ns() */
	u64 reject_after_ns;
	u64 reject_after_messages;
	u64 rekey_after_messages;
	atomic64_t send_counter;	/* next nonce to use */
	spinlock_t replay_lock;		/* guards replay */
	struct vl_replay replay;
	u8 send_key[VPNLINK_KEY_LEN];
	u8 recv_key[VPNLINK_KEY_LEN];
	struct rcu_head rcu;
};

struct vl_keypair_params {
	u32 local_index;
	u32 remote_index;
	const u8 *send_key;
	const u8 *recv_key;
	bool initiator;
	u32 reject_after_ms;		/* 0 means the default */
	u64 reject_after_messages;	/* 0 means the default */
};

/* Installs a new keypair for @peer as current (initiator) or next.
 * Returns -EEXIST if the local index is taken on the device.
 * Called with the device's config mutex held.
 */
int vl_keypair_install(struct vl_peer *peer,
		       const struct vl_keypair_params *params);

/* Drops every keypair of @peer (removal, device down, DEL_KEYPAIRS). */
void vl_keypairs_clear(struct vl_peer *peer);

/* Looks up a keypair by the index a data message names; RCU held. */
struct vl_keypair *vl_keypair_lookup(struct vl_device *vl, u32 index);

/* On receive with @kp: makes a next keypair current.  Returns true if it
 * did, so the caller can tell the helper.
 */
bool vl_keypair_confirm(struct vl_peer *peer, struct vl_keypair *kp);

/* Whether the keypair passed its time limit at @now (boottime ns). */
static inline bool vl_keypair_expired(const struct vl_keypair *kp, u64 now)
{
	return now - kp->birth_ns >= kp->reject_after_ns;
}

#endif /* _VPNLINK_KEYPAIR_H */
