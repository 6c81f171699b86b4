// SPDX-License-Identifier: GPL-2.0
/*
 * iface.c: what `up` does before the daemon takes over, in wg-quick's
 * order: PreUp, the device, its configuration, addresses, MTU and up,
 * routes, PostUp.  Every step that fails undoes the ones before it, so
 * that a failed `up` leaves the system as it found it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include "dns.h"
#include "hooks.h"
#include "iface.h"
#include "lan.h"
#include "link.h"
#include "log.h"
#include "module.h"
#include "policy.h"
#include "resolve.h"
#include "state.h"

static void log_module_error(struct vl_iface *ifc, const char *what, int err)
{
	vl_log(LOG_ERR, "%s: %s: %s%s%s", ifc->ifname, what, strerror(-err),
	       ifc->g->extack[0] ? ": " : "", ifc->g->extack);
}

/* The peer's settings for NEW_PEER / SET_PEER; endpoint if it resolves. */
static void peer_config(const struct vl_peer *p, struct vl_peer_config *pc)
{
	char key[VL_KEY_B64_LEN + 1];

	memset(pc, 0, sizeof(*pc));
	memcpy(pc->public_key, p->public_key, VL_KEY_LEN);
	pc->keepalive = p->persistent_keepalive;
	pc->replace_allowedips = true;
	pc->allowedips = p->allowed_ips;
	pc->n_allowedips = p->n_allowed_ips;
	if (p->endpoint.host &&
	    vl_resolve_endpoint(&p->endpoint, &pc->endpoint)) {
		vl_key_to_base64(p->public_key, key);
		vl_log(LOG_WARNING,
		       "peer %.8s...: endpoint %s:%s does not resolve yet; trying again later",
		       key, p->endpoint.host, p->endpoint.port);
	}
}

struct known_peers {
	uint8_t (*keys)[VL_KEY_LEN];
	size_t n;
};

static int collect_key(const struct vl_peer_info *p, void *arg)
{
	struct known_peers *k = arg;
	uint8_t (*n)[VL_KEY_LEN] = realloc(k->keys, (k->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	k->keys = n;
	memcpy(k->keys[k->n++], p->public_key, VL_KEY_LEN);
	return 0;
}

static bool has_key(const struct known_peers *k, const uint8_t *key)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (!memcmp(k->keys[i], key, VL_KEY_LEN))
			return true;
	return false;
}

int vl_iface_sync_peers(struct vl_iface *ifc, const struct vl_config *cfg)
{
	struct known_peers have = { 0 };
	struct vl_peer_config pc;
	size_t i, j;
	bool wanted;
	int ret;

	ret = vl_mod_dump_peers(ifc->g, ifc->ifindex, collect_key, &have);
	if (ret) {
		log_module_error(ifc, "reading peers", ret);
		goto out;
	}
	for (i = 0; i < have.n; i++) {
		wanted = false;
		for (j = 0; j < cfg->n_peers && !wanted; j++)
			wanted = !memcmp(cfg->peers[j].public_key, have.keys[i],
					 VL_KEY_LEN);
		if (wanted)
			continue;
		ret = vl_mod_del_peer(ifc->g, ifc->ifindex, have.keys[i]);
		if (ret) {
			log_module_error(ifc, "removing a peer", ret);
			goto out;
		}
	}
	for (i = 0; i < cfg->n_peers; i++) {
		peer_config(&cfg->peers[i], &pc);
		ret = vl_mod_peer(ifc->g, ifc->ifindex,
				  has_key(&have, pc.public_key) ?
				  VPNLINK_CMD_SET_PEER : VPNLINK_CMD_NEW_PEER,
				  &pc);
		if (ret) {
			log_module_error(ifc, "configuring a peer", ret);
			goto out;
		}
	}
out:
	free(have.keys);
	return ret;
}

/* 0.0.0.0/0 or ::/0 with Table = auto: its own table, marked traffic
 * (the tunnel's UDP) kept out of it by two rules, as wg-quick does.
 */
static int default_route(struct vl_iface *ifc, const struct vl_prefix *p)
{
	const struct vl_config *cfg = ifc->cfg;
	uint32_t table = cfg->fwmark ? cfg->fwmark : VL_DEFAULT_TABLE;
	uint32_t *have = p->family == AF_INET ? &ifc->policy4 : &ifc->policy6;
	int ret;

	if (!cfg->fwmark && !ifc->policy4 && !ifc->policy6) {
		ret = vl_mod_set_device(ifc->g, ifc->ifindex, -1, table);
		if (ret) {
			log_module_error(ifc, "setting the fwmark", ret);
			return ret;
		}
	}
	ret = vl_route_add(ifc->rtnl, ifc->ifindex, p, table);
	if (ret)
		return ret;
	if (!*have) {
		ret = vl_policy_add(ifc->rtnl, p->family, table);
		if (ret)
			return ret;
		*have = table;
	}
	/* Replies to marked packets must pass reverse-path filtering. */
	if (p->family == AF_INET) {
		FILE *f = fopen("/proc/sys/net/ipv4/conf/all/src_valid_mark",
				"w");

		if (f) {
			fputs("1\n", f);
			fclose(f);
		}
	}
	return 0;
}

int vl_iface_routes(struct vl_iface *ifc, const struct vl_config *cfg,
		    bool add)
{
	const struct vl_prefix *p;
	size_t i, j;
	int ret;

	if (!ifc->table)
		return 0;
	for (i = 0; i < cfg->n_peers; i++) {
		for (j = 0; j < cfg->peers[i].n_allowed_ips; j++) {
			p = &cfg->peers[i].allowed_ips[j];
			if (!p->prefix && cfg->table == VL_TABLE_AUTO) {
				ret = add ? default_route(ifc, p) : 0;
			} else if (add) {
				ret = vl_route_add(ifc->rtnl, ifc->ifindex, p,
						   ifc->table);
			} else {
				vl_route_del(ifc->rtnl, ifc->ifindex, p,
					     ifc->table);
				ret = 0;
			}
			if (ret)
				return ret;
		}
	}
	return 0;
}

static void take_state(const char *key, const char *value, void *arg)
{
	struct vl_iface *ifc = arg;
	unsigned long v = strtoul(value, NULL, 10);

	if (!strcmp(key, "policy4"))
		ifc->policy4 = (uint32_t)v;
	else if (!strcmp(key, "policy6"))
		ifc->policy6 = (uint32_t)v;
	else if (!strcmp(key, "forward4"))
		ifc->forward_restore[0] = !!v;
	else if (!strcmp(key, "forward6"))
		ifc->forward_restore[1] = !!v;
}

void vl_iface_read_state(struct vl_iface *ifc)
{
	vl_state_read(ifc->ifname, NULL, take_state, ifc);
}

static void policy_down(struct vl_iface *ifc)
{
	if (ifc->policy4)
		vl_policy_del(ifc->rtnl, AF_INET, ifc->policy4);
	if (ifc->policy6)
		vl_policy_del(ifc->rtnl, AF_INET6, ifc->policy6);
	ifc->policy4 = ifc->policy6 = 0;
}

static int configure(struct vl_iface *ifc)
{
	const struct vl_config *cfg = ifc->cfg;
	struct vl_device_info dev;
	int port = cfg->listen_port;
	size_t i;
	int ret;

	/* A live device keeps its port unless the config names another:
	 * rebinding would cut the traffic that adoption is there to keep.
	 */
	if (ifc->adopted && !vl_mod_get_device(ifc->g, ifc->ifname, &dev) &&
	    (!port || port == dev.listen_port))
		port = -1;
	ret = vl_mod_set_device(ifc->g, ifc->ifindex, port, cfg->fwmark);
	if (ret) {
		log_module_error(ifc, "setting the listen port and fwmark", ret);
		return ret;
	}
	ret = vl_iface_sync_peers(ifc, cfg);
	if (ret)
		return ret;
	for (i = 0; i < cfg->n_addresses; i++) {
		ret = vl_addr_add(ifc->rtnl, ifc->ifindex, &cfg->addresses[i]);
		if (ret)
			return ret;
	}
	ret = vl_link_set_up(ifc->rtnl, ifc->ifindex, cfg->mtu);
	if (ret)
		return ret;
	if (!ifc->adopted) {
		ret = vl_dns_up(cfg, ifc->ifname);
		if (ret)
			return ret;
	}
	ret = vl_iface_routes(ifc, cfg, true);
	if (!ret)
		ret = vl_lan_forwarding_up(ifc, cfg);
	/* Last: the announcements need the device up and its peers. */
	if (!ret)
		ret = vl_lan_proxy_apply(ifc, cfg);
	if (ret && !ifc->adopted)
		vl_dns_down(cfg, ifc->ifname);
	return ret;
}

int vl_iface_up(struct vl_iface *ifc, bool adopt)
{
	const struct vl_config *cfg = ifc->cfg;
	char kind[32];
	int ret;

	ifc->table = cfg->table == VL_TABLE_OFF ? 0 :
		     cfg->table == VL_TABLE_ID ? cfg->table_id : RT_TABLE_MAIN;
	ret = vl_link_lookup(ifc->rtnl, ifc->ifname, kind, sizeof(kind));
	if (ret < 0)
		return ret;
	if (ret > 0) {
		if (strcmp(kind, "vpnlink")) {
			vl_log(LOG_ERR, "%s exists and is not a vpnlink interface",
			       ifc->ifname);
			return -EEXIST;
		}
		if (!adopt) {
			vl_log(LOG_ERR, "%s already exists", ifc->ifname);
			return -EEXIST;
		}
		/* A daemon died (kill -9): its device still carries traffic.
		 * Take it over as it is; its keypairs live on.
		 */
		ifc->adopted = true;
		ifc->ifindex = ret;
		vl_log(LOG_INFO, "%s: adopting the live interface", ifc->ifname);
		return configure(ifc);
	}
	ret = vl_hooks_run(&cfg->pre_up, "PreUp", ifc->ifname);
	if (ret)
		return ret;
	ret = vl_link_create(ifc->rtnl, ifc->ifname);
	if (ret)
		return ret;
	ret = vl_link_lookup(ifc->rtnl, ifc->ifname, kind, sizeof(kind));
	if (ret <= 0) {
		ret = ret ? ret : -ENODEV;
		goto fail;
	}
	ifc->ifindex = ret;
	ret = configure(ifc);
	if (ret)
		goto fail;
	ret = vl_hooks_run(&cfg->post_up, "PostUp", ifc->ifname);
	if (ret) {
		vl_dns_down(cfg, ifc->ifname);
		goto fail;
	}
	return 0;
fail:
	vl_link_delete(ifc->rtnl, ifc->ifname);
	policy_down(ifc);
	vl_lan_forwarding_down(ifc);
	return ret;
}

int vl_iface_down(struct vl_iface *ifc)
{
	const struct vl_config *cfg = ifc->cfg;
	int ret;

	/* Hooks that fail are logged; down goes on regardless, as
	 * wg-quick's does, or a broken hook would make an interface that
	 * can never be taken down.
	 */
	vl_hooks_run(&cfg->pre_down, "PreDown", ifc->ifname);
	ret = vl_link_delete(ifc->rtnl, ifc->ifname);
	policy_down(ifc);
	vl_lan_forwarding_down(ifc);
	vl_dns_down(cfg, ifc->ifname);
	vl_hooks_run(&cfg->post_down, "PostDown", ifc->ifname);
	return ret;
}
