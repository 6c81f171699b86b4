// SPDX-License-Identifier: GPL-2.0
/*
 * Keypair slots and the receiver index.  Slot changes happen under the
 * peer's keypairs_lock, index changes under the device's index_lock; the
 * packet paths only read, under RCU.  A keypair leaves the index before
 * it is freed, and is freed a grace period after leaving its slot.
 */
#include "keypair.h"
#include "device.h"
#include "messages.h"
#include "peer.h"

#include <linux/slab.h>
#include <linux/timekeeping.h>

static struct vl_keypair *vl_slot(struct vl_peer *peer,
				  struct vl_keypair __rcu **slot)
{
	return rcu_dereference_protected(*slot,
					 lockdep_is_held(&peer->keypairs_lock));
}

static void vl_keypair_free_rcu(struct rcu_head *rcu)
{
	/* kfree_sensitive() wipes the keys before the memory is reused. */
	kfree_sensitive(container_of(rcu, struct vl_keypair, rcu));
}

static void vl_keypair_drop(struct vl_device *vl, struct vl_keypair *kp)
{
	if (!kp)
		return;
	spin_lock_bh(&vl->index_lock);
	hash_del_rcu(&kp->index_node);
	spin_unlock_bh(&vl->index_lock);
	call_rcu(&kp->rcu, vl_keypair_free_rcu);
}

struct vl_keypair *vl_keypair_lookup(struct vl_device *vl, u32 index)
{
	struct vl_keypair *kp;

	hash_for_each_possible_rcu(vl->index_hash, kp, index_node, index)
		if (kp->local_index == index)
			return kp;
	return NULL;
}

static bool vl_index_taken(struct vl_device *vl, u32 index)
{
	struct vl_keypair *kp;

	hash_for_each_possible(vl->index_hash, kp, index_node, index)
		if (kp->local_index == index)
			return true;
	return false;
}

int vl_keypair_install(struct vl_peer *peer,
		       const struct vl_keypair_params *params)
{
	struct vl_keypair *kp, *old_cur, *old_prev, *old_next;
	struct vl_device *vl = peer->vl;

	kp = kzalloc(sizeof(*kp), GFP_KERNEL);
	if (!kp)
		return -ENOMEM;
	kp->peer = peer;
	kp->local_index = params->local_index;
	kp->remote_index = cpu_to_le32(params->remote_index);
	kp->initiator = params->initiator;
	kp->birth_ns = ktime_get_coarse_boottime_ns();
	kp->reject_after_ns = (u64)(params->reject_after_ms ?:
				    VPNLINK_REJECT_AFTER_MS) * NSEC_PER_MSEC;
	kp->reject_after_messages = params->reject_after_messages ?:
				    VPNLINK_REJECT_AFTER_MESSAGES;
	/* A lowered limit (for tests) still leaves time to rekey before it. */
	kp->rekey_after_messages = min(VL_REKEY_AFTER_MESSAGES,
				       kp->reject_after_messages / 2);
	atomic64_set(&kp->send_counter, 0);
	spin_lock_init(&kp->replay_lock);
	memcpy(kp->send_key, params->send_key, VPNLINK_KEY_LEN);
	memcpy(kp->recv_key, params->recv_key, VPNLINK_KEY_LEN);

	spin_lock_bh(&vl->index_lock);
	if (vl_index_taken(vl, kp->local_index)) {
		spin_unlock_bh(&vl->index_lock);
		kfree_sensitive(kp);
		return -EEXIST;
	}
	hash_add_rcu(vl->index_hash, &kp->index_node, kp->local_index);
	spin_unlock_bh(&vl->index_lock);

	spin_lock_bh(&peer->keypairs_lock);
	old_cur = vl_slot(peer, &peer->kp_current);
	old_prev = vl_slot(peer, &peer->kp_previous);
	old_next = vl_slot(peer, &peer->kp_next);
	if (kp->initiator) {
		/* Ours, and the peer has it already: use it at once.  A
		 * pending next one lost the race and serves as previous, so
		 * that its packets in flight still decrypt.
		 */
		if (old_next) {
			RCU_INIT_POINTER(peer->kp_next, NULL);
			rcu_assign_pointer(peer->kp_previous, old_next);
			old_next = NULL;
		} else {
			rcu_assign_pointer(peer->kp_previous, old_cur);
			old_cur = NULL;
		}
		rcu_assign_pointer(peer->kp_current, kp);
	} else {
		/* The initiator may not have our response yet: wait for its
		 * first data message before sending with it.
		 */
		rcu_assign_pointer(peer->kp_next, kp);
		RCU_INIT_POINTER(peer->kp_previous, NULL);
		old_cur = NULL;
	}
	spin_unlock_bh(&peer->keypairs_lock);

	vl_keypair_drop(vl, old_cur);
	vl_keypair_drop(vl, old_prev);
	vl_keypair_drop(vl, old_next);
	return 0;
}

bool vl_keypair_confirm(struct vl_peer *peer, struct vl_keypair *kp)
{
	struct vl_keypair *old_prev;

	if (likely(rcu_access_pointer(peer->kp_next) != kp))
		return false;

	spin_lock_bh(&peer->keypairs_lock);
	if (vl_slot(peer, &peer->kp_next) != kp) {
		spin_unlock_bh(&peer->keypairs_lock);
		return false;
	}
	old_prev = vl_slot(peer, &peer->kp_previous);
	rcu_assign_pointer(peer->kp_previous, vl_slot(peer, &peer->kp_current));
	rcu_assign_pointer(peer->kp_current, kp);
	RCU_INIT_POINTER(peer->kp_next, NULL);
	spin_unlock_bh(&peer->keypairs_lock);

	vl_keypair_drop(peer->vl, old_prev);
	return true;
}

void vl_keypairs_clear(struct vl_peer *peer)
{
	struct vl_keypair *cur, *prev, *next;

	spin_lock_bh(&peer->keypairs_lock);
	cur = vl_slot(peer, &peer->kp_current);
	prev = vl_slot(peer, &peer->kp_previous);
	next = vl_slot(peer, &peer->kp_next);
	RCU_INIT_POINTER(peer->kp_current, NULL);
	RCU_INIT_POINTER(peer->kp_previous, NULL);
	RCU_INIT_POINTER(peer->kp_next, NULL);
	spin_unlock_bh(&peer->keypairs_lock);

	vl_keypair_drop(peer->vl, cur);
	vl_keypair_drop(peer->vl, prev);
	vl_keypair_drop(peer->vl, next);
}
