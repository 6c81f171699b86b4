// SPDX-License-Identifier: GPL-2.0
/*
 * timers.c: WireGuard's handshake timers, kept per peer in the daemon
 * (the module keeps the per-packet ones: keepalives, reject-after):
 *   - an initiation unanswered after REKEY_TIMEOUT (plus jitter) is sent
 *     again, for at most REKEY_ATTEMPT_TIME, then we give up until the
 *     module asks again;
 *   - keys are wiped from the module three REJECT_AFTER_TIMEs after the
 *     last handshake, when nothing could use them any more;
 *   - an endpoint given by name is looked up again while the peer does
 *     not answer (the name may have moved).
 */
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "module.h"
#include "resolve.h"

static uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

uint64_t vl_timers_next(struct vl_daemon *d)
{
	uint64_t next = 0;
	size_t i;

	for (i = 0; i < d->n_peers; i++) {
		next = earliest(next, d->peers[i].retransmit_at_ms);
		next = earliest(next, d->peers[i].zero_keys_at_ms);
		next = earliest(next, d->peers[i].resolve_at_ms);
	}
	return next;
}

void vl_timers_handshake_done(struct vl_daemon *d, struct vl_dpeer *p)
{
	uint64_t now = vl_now_ms();

	p->retransmit_at_ms = 0;
	p->first_attempt_ms = 0;
	p->last_handshake_ms = now;
	p->zero_keys_at_ms = now + vl_daemon_zero_keys_after_ms(d);
	p->resolve_at_ms = 0;
}

static void resolve_again(struct vl_daemon *d, struct vl_dpeer *p,
			  uint64_t now)
{
	struct vl_peer_config pc = { .keepalive = -1 };
	union vl_sockaddr addr;
	char name[128];
	int ret;

	p->resolve_at_ms = now + VL_RESOLVE_INTERVAL_MS;
	if (!p->cfg->endpoint.host ||
	    vl_resolve_endpoint(&p->cfg->endpoint, &addr))
		return;
	if (p->endpoint_resolved && vl_sockaddr_equal(&addr, &p->endpoint))
		return;
	memcpy(pc.public_key, p->key, VL_KEY_LEN);
	pc.endpoint = addr;
	ret = vl_mod_peer(&d->g, d->ifc.ifindex, VPNLINK_CMD_SET_PEER, &pc);
	if (ret) {
		vl_log_rl(LOG_WARNING, "setting the endpoint: %s: %s",
			  strerror(-ret), d->g.extack);
		return;
	}
	p->endpoint = addr;
	p->endpoint_resolved = true;
	vl_log(LOG_INFO, "%s: endpoint %s resolved anew",
	       vl_peer_name(p, name, sizeof(name)), p->cfg->endpoint.host);
}

void vl_timers_run(struct vl_daemon *d, uint64_t now)
{
	struct vl_dpeer *p;
	char name[128];
	size_t i;
	int ret;

	for (i = 0; i < d->n_peers; i++) {
		p = &d->peers[i];
		if (p->resolve_at_ms && now >= p->resolve_at_ms)
			resolve_again(d, p, now);
		if (p->retransmit_at_ms && now >= p->retransmit_at_ms) {
			p->retransmit_at_ms = 0;
			if (now - p->first_attempt_ms >= VL_REKEY_ATTEMPT_MS) {
				vl_log_rl(LOG_INFO,
					  "%s: no answer to handshakes for %d s, giving up until there is traffic",
					  vl_peer_name(p, name, sizeof(name)),
					  VL_REKEY_ATTEMPT_MS / 1000);
				p->first_attempt_ms = 0;
			} else {
				vl_handshake_initiate(d, p, true);
			}
		}
		if (p->zero_keys_at_ms && now >= p->zero_keys_at_ms) {
			p->zero_keys_at_ms = 0;
			ret = vl_mod_del_keypairs(&d->g, d->ifc.ifindex, p->key);
			if (ret)
				vl_log_rl(LOG_WARNING, "%s: wiping keys: %s",
					  vl_peer_name(p, name, sizeof(name)),
					  strerror(-ret));
			else
				vl_log(LOG_INFO,
				       "%s: no handshake for %llu s, keys wiped",
				       vl_peer_name(p, name, sizeof(name)),
				       (unsigned long long)
				       vl_daemon_zero_keys_after_ms(d) / 1000);
		}
	}
}
