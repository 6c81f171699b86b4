/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-peer timers the module runs by itself, so that they keep going
 * while no helper is attached: a keepalive answering one-way traffic, the
 * persistent keepalive, and the alarm that asks for a handshake when data
 * went out and nothing came back.  Handshake retries and rekeying are the
 * helper's.
 */
#ifndef _VPNLINK_TIMERS_H
#define _VPNLINK_TIMERS_H

struct vl_peer;

void vl_timers_init(struct vl_peer *peer);
/* Stops every timer; with @final they can never be armed again. */
void vl_timers_stop(struct vl_peer *peer, bool final);

void vl_timers_data_sent(struct vl_peer *peer);
void vl_timers_data_received(struct vl_peer *peer);
void vl_timers_authenticated_sent(struct vl_peer *peer);
void vl_timers_authenticated_received(struct vl_peer *peer);
/* The persistent keepalive interval changed. */
void vl_timers_persistent_changed(struct vl_peer *peer);

#endif /* _VPNLINK_TIMERS_H */
