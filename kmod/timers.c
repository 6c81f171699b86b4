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
 */
#include "device.h"
#include "messages.h"
#include "netlink.h"
#include "peer.h"
#include "send.h"
#include "timers.h"

#include <linux/jiffies.h>

static void vl_timer_keepalive(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, keepalive_timer);

	if (!READ_ONCE(peer->dead))
		vl_send_keepalive(peer);
}

static void vl_timer_persistent(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, persistent_timer);

	if (!READ_ONCE(peer->dead) && READ_ONCE(peer->persistent_keepalive))
		vl_send_keepalive(peer);
}

static void vl_timer_unanswered(struct timer_list *t)
{
	struct vl_peer *peer = from_timer(peer, t, unanswered_timer);

	if (READ_ONCE(peer->dead))
		return;
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
}

static void vl_timers_persistent_rearm(struct vl_peer *peer)
{
	unsigned int interval = READ_ONCE(peer->persistent_keepalive);

	if (interval)
		mod_timer(&peer->persistent_timer,
			  jiffies + interval * HZ);
}

void vl_timers_data_sent(struct vl_peer *peer)
{
	if (!timer_pending(&peer->unanswered_timer))
		mod_timer(&peer->unanswered_timer,
			  jiffies + msecs_to_jiffies(VL_KEEPALIVE_TIMEOUT_MS +
						     VL_REKEY_TIMEOUT_MS));
}

void vl_timers_data_received(struct vl_peer *peer)
{
	if (!timer_pending(&peer->keepalive_timer))
		mod_timer(&peer->keepalive_timer,
			  jiffies + msecs_to_jiffies(VL_KEEPALIVE_TIMEOUT_MS));
}

void vl_timers_authenticated_sent(struct vl_peer *peer)
{
	/* Whatever we sent already tells the peer we are alive. */
	if (timer_pending(&peer->keepalive_timer))
		del_timer(&peer->keepalive_timer);
	vl_timers_persistent_rearm(peer);
}

void vl_timers_authenticated_received(struct vl_peer *peer)
{
	if (timer_pending(&peer->unanswered_timer))
		del_timer(&peer->unanswered_timer);
	vl_timers_persistent_rearm(peer);
}

void vl_timers_persistent_changed(struct vl_peer *peer)
{
	if (READ_ONCE(peer->persistent_keepalive))
		vl_timers_persistent_rearm(peer);
	else
		del_timer(&peer->persistent_timer);
}
