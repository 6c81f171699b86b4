// SPDX-License-Identifier: GPL-2.0
/*
 * peers.c: the daemon's view of each peer: its handshake state, the
 * indices it uses, its endpoint and its timers.  The module has the
 * peer's traffic state; this is the rest.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "module.h"
#include "resolve.h"

int vl_dpeer_init(struct vl_dpeer *p, const struct vl_peer *cfg)
{
	int ret;

	memset(p, 0, sizeof(*p));
	p->cfg = cfg;
	memcpy(p->key, cfg->public_key, VL_KEY_LEN);
	ret = vl_handshake_init(&p->hs, cfg->public_key, cfg->preshared_key);
	if (ret)
		return ret;
	if (cfg->endpoint.host &&
	    !vl_resolve_endpoint(&cfg->endpoint, &p->endpoint))
		p->endpoint_resolved = true;
	return 0;
}

int vl_daemon_peers_init(struct vl_daemon *d)
{
	size_t i;
	int ret;

	ret = vl_identity_init(&d->id, d->cfg->private_key);
	if (!ret)
		ret = vl_cookie_checker_init(&d->checker, d->id.pub,
					     vl_now_ns());
	if (ret) {
		vl_log(LOG_ERR, "our keys: %s", strerror(-ret));
		return ret;
	}
	d->limiter = vl_ratelimit_new(VL_RATELIMIT_DEFAULT_ENTRIES);
	d->peers = calloc(d->cfg->n_peers ? d->cfg->n_peers : 1,
			  sizeof(*d->peers));
	if (!d->limiter || !d->peers)
		return -ENOMEM;
	for (i = 0; i < d->cfg->n_peers; i++) {
		ret = vl_dpeer_init(&d->peers[i], &d->cfg->peers[i]);
		if (ret) {
			vl_log(LOG_ERR, "peer %zu: %s", i + 1, strerror(-ret));
			return ret;
		}
		d->n_peers++;
	}
	return 0;
}

void vl_daemon_peers_free(struct vl_daemon *d)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++)
		vl_handshake_wipe(&d->peers[i].hs);
	free(d->peers);
	d->peers = NULL;
	d->n_peers = 0;
	vl_ratelimit_free(d->limiter);
	d->limiter = NULL;
	vl_cookie_checker_wipe(&d->checker);
	vl_identity_wipe(&d->id);
}

/* An adopted device has keypairs whose indices we must not reuse. */
static int learn_indices(const struct vl_peer_info *info, void *arg)
{
	struct vl_daemon *d = arg;
	struct vl_dpeer *p = vl_daemon_peer_by_key(d, info->public_key);
	unsigned int i;

	if (!p)
		return 0;
	for (i = 0; i < info->n_keypairs && i < VL_PEER_INDICES - 1; i++)
		p->indices[i] = info->keypairs[i].local_index;
	p->next_index_slot = i % VL_PEER_INDICES;
	if (info->n_keypairs) {
		/* Its keys have a life: wipe them when it is over. */
		p->zero_keys_at_ms = vl_now_ms() +
				   vl_daemon_zero_keys_after_ms(d);
	}
	return 0;
}

void vl_daemon_peers_start(struct vl_daemon *d)
{
	uint64_t now = vl_now_ms();
	size_t i;

	if (d->ifc.adopted)
		vl_mod_dump_peers(&d->g, d->ifc.ifindex, learn_indices, d);
	for (i = 0; i < d->n_peers; i++) {
		struct vl_dpeer *p = &d->peers[i];

		if (p->cfg->endpoint.host && !p->endpoint_resolved)
			p->resolve_at_ms = now + VL_RESOLVE_INTERVAL_MS;
		/* As wg does: a peer with a persistent keepalive is greeted
		 * at once, so that its NAT mapping exists before traffic.
		 */
		if (p->cfg->persistent_keepalive && p->endpoint_resolved &&
		    !d->ifc.adopted)
			vl_handshake_initiate(d, p, false);
	}
}
