// SPDX-License-Identifier: GPL-2.0
/*
 * Per-peer timers.  They follow WireGuard's timer rules for what the data
 * path must do on its own:
 *
 * - keepalive: data came in and nothing went out for KEEPALIVE_TIMEOUT:
 *   send an empty data message, so the peer knows the tunnel works;
 * - unanswered: data went out and nothing authenticated came back for
 *   KEEPALIVE_TIMEOUT + REKEY_TIMEOUT: the session may be dead, ask the
 *   helper for a new handshake and forget the cached source address;
 * - persistent: nothing went either way for the configured interval: send
 *   a keepalive to hold NAT mappings open.
 *
 * WireGuard re-arms or deletes a timer for nearly every packet.  Here the
 * packet paths only note a time (which moves only when traffic changes
 * direction) and arm a timer that is not already pending; the timer, when
 * it fires, compares the times with the deadline and re-arms for the rest
 * if it is early.  That keeps timer-wheel locks off the packet paths.
 */
#include "device.h"
#include "messages.h"
#include "netlink.h"
#include "peer.h"
#include "send.h"
#include "timers.h"

#include <linux/jiffies.h>
#include <linux/timekeeping.h>

static u64 vl_now(void)
{
	return ktime_get_coarse_boottime_ns();
}

/* Fires @timer @ns from now, unless it is pending already. */
static void vl_timer_arm(struct timer_list *timer, u64 ns)
{
	if (!timer_pending(timer))
		mod_timer(timer, jiffies + nsecs_to_jiffies(ns) + 1);
}

/* Whether the deadline @since + @after passed; if not, re-arms @timer
 * for what is left of it.
 */
static bool vl_timer_due(struct timer_list *timer, u64 since, u64 after)
{
	u64 elapsed = vl_now() - since;

	if (elapsed >= after)
		return true;
	mod_timer(timer, jiffies + nsecs_to_jiffies(after - elapsed) + 1);
	return false;
}

#define VL_KEEPALIVE_NS	((u64)VL_KEEPALIVE_TIMEOUT_MS * NSEC_PER_MSEC)
#define VL_UNANSWERED_NS \
	((u64)(VL_KEEPALIVE_TIMEOUT_MS + VL_REKEY_TIMEOUT_MS) * NSEC_PER_MSEC)

static void vl_timer_keepalive(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, keepalive_timer);
	u64 since = READ_ONCE(peer->keepalive_due_since);

	if (READ_ONCE(peer->dead) || !since)
		return;
	if (vl_timer_due(t, since, VL_KEEPALIVE_NS))
		vl_send_keepalive(peer);
}

static void vl_timer_persistent(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, persistent_timer);
	u64 interval = (u64)READ_ONCE(peer->persistent_keepalive) *
		       NSEC_PER_SEC;
	u64 last = max(READ_ONCE(peer->last_rx_ns), READ_ONCE(peer->last_tx_ns));

	if (READ_ONCE(peer->dead) || !interval)
		return;
	if (vl_timer_due(t, last, interval)) {
		vl_send_keepalive(peer);
		mod_timer(t, jiffies + nsecs_to_jiffies(interval) + 1);
	}
}

static void vl_timer_unanswered(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, unanswered_timer);
	u64 since = READ_ONCE(peer->unanswered_since);

	if (READ_ONCE(peer->dead) || !since)
		return;
	if (!vl_timer_due(t, since, VL_UNANSWERED_NS))
		return;
	/* Asked once per silence: the next data sent starts another. */
	WRITE_ONCE(peer->unanswered_since, 0);
	vl_peer_forget_source(peer);
	vl_peer_event(peer, VL_EVENT_HANDSHAKE_NEEDED,
		      VPNLINK_HANDSHAKE_UNANSWERED);
}

void vl_timers_init(struct vl_peer *peer)
{
	timer_setup(&peer->keepalive_timer, vl_timer_keepalive, 0);
	timer_setup(&peer->persistent_timer, vl_timer_persistent, 0);
	timer_setup(&peer->unanswered_timer, vl_timer_unanswered, 0);
}

void vl_timers_stop(struct vl_peer *peer, bool final)
{
	if (final) {
		timer_shutdown_sync(&peer->keepalive_timer);
		timer_shutdown_sync(&peer->persistent_timer);
		timer_shutdown_sync(&peer->unanswered_timer);
	} else {
		del_timer_sync(&peer->keepalive_timer);
		del_timer_sync(&peer->persistent_timer);
		del_timer_sync(&peer->unanswered_timer);
	}
	WRITE_ONCE(peer->unanswered_since, 0);
	WRITE_ONCE(peer->keepalive_due_since, 0);
}

void vl_timers_data_sent(struct vl_peer *peer)
{
	if (READ_ONCE(peer->unanswered_since))
		return;
	WRITE_ONCE(peer->unanswered_since, vl_now());
	vl_timer_arm(&peer->unanswered_timer, VL_UNANSWERED_NS);
}

void vl_timers_data_received(struct vl_peer *peer)
{
	if (READ_ONCE(peer->keepalive_due_since))
		return;
	WRITE_ONCE(peer->keepalive_due_since, vl_now());
	vl_timer_arm(&peer->keepalive_timer, VL_KEEPALIVE_NS);
}

void vl_timers_authenticated_sent(struct vl_peer *peer)
{
	/* Whatever we sent already tells the peer we are alive. */
	if (READ_ONCE(peer->keepalive_due_since))
		WRITE_ONCE(peer->keepalive_due_since, 0);
}

void vl_timers_authenticated_received(struct vl_peer *peer)
{
	if (READ_ONCE(peer->unanswered_since))
		WRITE_ONCE(peer->unanswered_since, 0);
}

void vl_timers_persistent_changed(struct vl_peer *peer)
{
	u16 interval = READ_ONCE(peer->persistent_keepalive);

	if (interval)
		mod_timer(&peer->persistent_timer, jiffies + interval * HZ);
	else
		del_timer(&peer->persistent_timer);
}
