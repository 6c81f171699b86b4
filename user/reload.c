// SPDX-License-Identifier: GPL-2.0
/*
 * reload.c: SIGHUP.  The new config is parsed whole first; only if it is
 * right does anything change.  Peers that stay keep their handshake and
 * timer state (and the module keeps their keypairs): reloading a gateway
 * with a hundred peers to add one must not make the other ninety-nine
 * handshake again.
 */
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "daemon.h"
#include "link.h"
#include "log.h"
#include "module.h"
#include "lan.h"
#include "reload.h"

static bool same_prefix(const struct vl_prefix *a, const struct vl_prefix *b)
{
	return a->family == b->family && a->prefix == b->prefix &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

static bool routed_by(const struct vl_config *cfg, const struct vl_prefix *p)
{
	size_t i, j;

	for (i = 0; i < cfg->n_peers; i++)
		for (j = 0; j < cfg->peers[i].n_allowed_ips; j++)
			if (same_prefix(&cfg->peers[i].allowed_ips[j], p))
				return true;
	return false;
}

void vl_reload(struct vl_daemon *d)
{
	struct vl_config *cfg, *old = d->cfg;
	char path[sizeof(d->config_path)], ifname[VL_IFNAME_MAX + 1];
	struct vl_dpeer *peers, *was;
	bool *carried;
	size_t i, j;
	int ret;

	if (vl_config_load(d->config_path, path, sizeof(path), ifname, &cfg)) {
		vl_log(LOG_ERR, "reload: %s has a mistake; nothing changed",
		       d->config_path);
		return;
	}
	if (memcmp(cfg->private_key, old->private_key, VL_KEY_LEN)) {
		vl_log(LOG_ERR,
		       "reload: a new PrivateKey needs `down` and `up`; nothing changed");
		vl_config_free(cfg);
		return;
	}
	peers = calloc(cfg->n_peers ? cfg->n_peers : 1, sizeof(*peers));
	carried = calloc(d->n_peers ? d->n_peers : 1, sizeof(*carried));
	if (!peers || !carried) {
		free(peers);
		free(carried);
		vl_config_free(cfg);
		return;
	}
	for (i = 0; i < cfg->n_peers; i++) {
		was = vl_daemon_peer_by_key(d, cfg->peers[i].public_key);
		if (was && was->cfg->has_preshared_key ==
			   cfg->peers[i].has_preshared_key &&
		    !memcmp(was->cfg->preshared_key,
			    cfg->peers[i].preshared_key, VL_KEY_LEN)) {
			peers[i] = *was;	/* its session goes on */
			peers[i].cfg = &cfg->peers[i];
			carried[was - d->peers] = true;
			continue;
		}
		if (vl_dpeer_init(&peers[i], &cfg->peers[i])) {
			vl_log(LOG_ERR, "reload: peer %zu: out of memory", i);
			for (j = 0; j < i; j++)
				if (!vl_daemon_peer_by_key(d, peers[j].key))
					vl_handshake_wipe(&peers[j].hs);
			free(peers);
			free(carried);
			vl_config_free(cfg);
			return;
		}
	}
	/* The module follows: peers gone are deleted, new ones added, the
	 * others get their allowed IPs, endpoint and keepalive set.
	 */
	ret = vl_iface_sync_peers(&d->ifc, cfg);
	if (ret)
		vl_log(LOG_ERR, "reload: the module did not take it all: %s",
		       strerror(-ret));
	/* Routes: gone ones removed, new ones added. */
	for (i = 0; i < old->n_peers; i++)
		for (j = 0; j < old->peers[i].n_allowed_ips; j++)
			if (!routed_by(cfg, &old->peers[i].allowed_ips[j]) &&
			    d->ifc.table)
				vl_route_del(d->ifc.rtnl, d->ifc.ifindex,
					     &old->peers[i].allowed_ips[j],
					     d->ifc.table);
	vl_iface_routes(&d->ifc, cfg, true);
	/* LanInterface and ProxyArp may have changed; a new network may need
	 * forwarding.  (Forwarding is given back at `down`, not here.)
	 */
	vl_lan_forwarding_up(&d->ifc, cfg);
	vl_lan_proxy_apply(&d->ifc, cfg);
	/* The handshake secrets of peers not carried over are wiped. */
	for (i = 0; i < d->n_peers; i++)
		if (!carried[i])
			vl_handshake_wipe(&d->peers[i].hs);
	free(carried);
	free(d->peers);
	d->peers = peers;
	d->n_peers = cfg->n_peers;
	d->cfg = cfg;
	d->ifc.cfg = cfg;
	vl_config_free(old);
	vl_log(LOG_INFO, "reloaded: %zu peers", d->n_peers);
}
