// SPDX-License-Identifier: GPL-2.0
/*
 * Peer lifetime.  Peers are created and removed under the device's config
 * mutex; the packet paths find them through the allowed-IPs trie or a
 * keypair, under RCU, and never hold a reference: a removed peer is first
 * made unreachable, then stopped, then freed after a grace period.
 */
#include "peer.h"
#include "device.h"
#include "messages.h"
#include "netlink.h"
#include "send.h"
#include "timers.h"

#include <linux/jhash.h>
#include <linux/slab.h>

static u32 vl_key_hash(const u8 *public_key)
{
	return jhash(public_key, VPNLINK_KEY_LEN, 0);
}

struct vl_peer *vl_peer_find(struct vl_device *vl, const u8 *public_key)
{
	struct vl_peer *peer;

	lockdep_assert_held(&vl->lock);
	hash_for_each_possible(vl->peer_hash, peer, hash_node,
			       vl_key_hash(public_key))
		if (!memcmp(peer->public_key, public_key, VPNLINK_KEY_LEN))
			return peer;
	return NULL;
}

struct vl_peer *vl_peer_create(struct vl_device *vl, const u8 *public_key)
{
	struct vl_peer *peer;
	unsigned int i;

	lockdep_assert_held(&vl->lock);
	peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	if (!peer)
		return ERR_PTR(-ENOMEM);
	peer->stats = netdev_alloc_pcpu_stats(struct vl_peer_stats);
	if (!peer->stats)
		goto err_free;
	if (dst_cache_init(&peer->dst_cache, GFP_KERNEL))
		goto err_stats;

	peer->vl = vl;
	memcpy(peer->public_key, public_key, VPNLINK_KEY_LEN);
	INIT_LIST_HEAD(&peer->allowedips);
	rwlock_init(&peer->endpoint_lock);
	spin_lock_init(&peer->keypairs_lock);
	skb_queue_head_init(&peer->staged);
	for (i = 0; i < VL_PEER_EVENTS; i++)
		peer->last_event[i] = jiffies -
			msecs_to_jiffies(VPNLINK_EVENT_INTERVAL_MS);
	vl_timers_init(peer);

	peer->rx_cpu = vl_rxqueue_pick_cpu();
	peer->id = vl->next_peer_id++;
	list_add_tail(&peer->list, &vl->peers);
	hash_add(vl->peer_hash, &peer->hash_node, vl_key_hash(public_key));
	vl->peer_count++;
	vl->generation++;
	return peer;

err_stats:
	free_percpu(peer->stats);
err_free:
	kfree(peer);
	return ERR_PTR(-ENOMEM);
}

static void vl_peer_free_rcu(struct rcu_head *rcu)
{
	struct vl_peer *peer = container_of(rcu, struct vl_peer, rcu);

	dst_cache_destroy(&peer->dst_cache);
	free_percpu(peer->stats);
	kfree(peer);
}

/* Makes @peer unreachable for new packets and configuration. */
static void vl_peer_unlink(struct vl_peer *peer)
{
	struct vl_device *vl = peer->vl;

	lockdep_assert_held(&vl->lock);
	vl_allowedips_remove_peer(&vl->table, &peer->allowedips);
	list_del(&peer->list);
	hash_del(&peer->hash_node);
	vl->peer_count--;
	vl->generation++;

	/* Under the staged lock, so that no packet is queued after the
	 * purge below.
	 */
	spin_lock_bh(&peer->staged.lock);
	WRITE_ONCE(peer->dead, true);
	spin_unlock_bh(&peer->staged.lock);
}

/* Stops what packets in flight may still start, then frees. */
static void vl_peer_finish(struct vl_peer *peer)
{
	vl_timers_stop(peer, true);
	vl_keypairs_clear(peer);
	vl_purge_staged(peer);
	call_rcu(&peer->rcu, vl_peer_free_rcu);
}

void vl_peer_remove(struct vl_peer *peer)
{
	vl_peer_unlink(peer);
	vl_peer_finish(peer);
}

void vl_peer_remove_all(struct vl_device *vl)
{
	struct vl_peer *peer, *tmp;
	LIST_HEAD(dead);

	lockdep_assert_held(&vl->lock);
	list_for_each_entry_safe(peer, tmp, &vl->peers, list) {
		vl_peer_unlink(peer);
		list_add_tail(&peer->list, &dead);
	}
	list_for_each_entry_safe(peer, tmp, &dead, list)
		vl_peer_finish(peer);
}

void vl_peers_stop(struct vl_device *vl)
{
	struct vl_peer *peer;

	lockdep_assert_held(&vl->lock);
	list_for_each_entry(peer, &vl->peers, list) {
		vl_timers_stop(peer, false);
		vl_keypairs_clear(peer);
		vl_purge_staged(peer);
		vl_peer_forget_source(peer);
	}
}

void vl_peer_set_endpoint(struct vl_peer *peer,
			  const struct vl_endpoint *endpoint)
{
	write_lock_bh(&peer->endpoint_lock);
	peer->endpoint = *endpoint;
	dst_cache_reset(&peer->dst_cache);
	write_unlock_bh(&peer->endpoint_lock);
}

bool vl_peer_get_endpoint(struct vl_peer *peer, struct vl_endpoint *endpoint)
{
	read_lock_bh(&peer->endpoint_lock);
	*endpoint = peer->endpoint;
	read_unlock_bh(&peer->endpoint_lock);
	return endpoint->addr.sa_family != AF_UNSPEC;
}

void vl_peer_forget_source(struct vl_peer *peer)
{
	write_lock_bh(&peer->endpoint_lock);
	memset(&peer->endpoint.src6, 0, sizeof(peer->endpoint.src6));
	peer->endpoint.src_if4 = 0;
	dst_cache_reset(&peer->dst_cache);
	write_unlock_bh(&peer->endpoint_lock);
}

void vl_peer_event(struct vl_peer *peer, enum vl_peer_event kind, u32 reason)
{
	unsigned long last = READ_ONCE(peer->last_event[kind]);
	unsigned long now = jiffies;

	if (time_before(now, last + msecs_to_jiffies(VPNLINK_EVENT_INTERVAL_MS)))
		return;
	/* One CPU wins the right to send this interval's event. */
	if (cmpxchg(&peer->last_event[kind], last, now) != last)
		return;
	vl_event_peer(peer, kind == VL_EVENT_REKEY ? VPNLINK_CMD_REKEY_ADVISED :
			    VPNLINK_CMD_HANDSHAKE_NEEDED, reason);
}

void vl_peer_stats_rx(struct vl_peer *peer, unsigned int len)
{
	struct vl_peer_stats *s = this_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

void vl_peer_stats_tx(struct vl_peer *peer, unsigned int packets, u64 bytes)
{
	struct vl_peer_stats *s = this_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->tx_packets, packets);
	u64_stats_add(&s->tx_bytes, bytes);
	u64_stats_update_end(&s->syncp);
}

void vl_peer_stats_read(struct vl_peer *peer, u64 *rx_bytes, u64 *rx_packets,
			u64 *tx_bytes, u64 *tx_packets)
{
	unsigned int start;
	int cpu;

	*rx_bytes = *rx_packets = *tx_bytes = *tx_packets = 0;
	for_each_possible_cpu(cpu) {
		const struct vl_peer_stats *s = per_cpu_ptr(peer->stats, cpu);
		u64 rb, rp, tb, tp;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rb = u64_stats_read(&s->rx_bytes);
			rp = u64_stats_read(&s->rx_packets);
			tb = u64_stats_read(&s->tx_bytes);
			tp = u64_stats_read(&s->tx_packets);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*rx_bytes += rb;
		*rx_packets += rp;
		*tx_bytes += tb;
		*tx_packets += tp;
	}
}
