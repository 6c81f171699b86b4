// SPDX-License-Identifier: GPL-2.0
/*
 * lan.c: proxy-ARP on the LAN interfaces, and forwarding.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "lan.h"
#include "link.h"
#include "log.h"
#include "module.h"

int vl_lan_proxy_apply(struct vl_iface *ifc, const struct vl_config *cfg)
{
	int lans[VPNLINK_PROXY_LANS_MAX];
	unsigned int n = 0;
	size_t i;
	int ret;

	if (cfg->proxy_arp) {
		if (!cfg->lan_interfaces.n)
			vl_log(LOG_WARNING,
			       "%s: ProxyArp = yes but no LanInterface: nothing to answer on",
			       ifc->ifname);
		if (cfg->lan_interfaces.n > VPNLINK_PROXY_LANS_MAX) {
			vl_log(LOG_ERR, "%s: more than %d LanInterfaces",
			       ifc->ifname, VPNLINK_PROXY_LANS_MAX);
			return -E2BIG;
		}
		for (i = 0; i < cfg->lan_interfaces.n; i++) {
			const char *name = cfg->lan_interfaces.v[i];

			lans[n] = (int)if_nametoindex(name);
			if (!lans[n]) {
				vl_log(LOG_ERR, "%s: LanInterface %s: no such interface",
				       ifc->ifname, name);
				return -ENODEV;
			}
			n++;
		}
	}
	ret = vl_mod_set_proxy_lans(ifc->g, ifc->ifindex, lans, n);
	if (ret) {
		vl_log(LOG_ERR, "%s: proxy-ARP on the LanInterfaces: %s%s%s",
		       ifc->ifname, strerror(-ret), ifc->g->extack[0] ? ": " : "",
		       ifc->g->extack);
		return ret;
	}
	if (n)
		vl_log(LOG_INFO, "%s: answering ARP and NDP for the peers' addresses on %zu LAN interface%s",
		       ifc->ifname, (size_t)n, n == 1 ? "" : "s");
	return 0;
}

static const char *const forward_path[2] = {
	"/proc/sys/net/ipv4/ip_forward",
	"/proc/sys/net/ipv6/conf/all/forwarding",
};

static int read_flag(const char *path)
{
	char c = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c == '1';
}

static int write_flag(const char *path, int value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, value ? "1\n" : "0\n", 2) != 2)
		ret = -errno;
	close(fd);
	return ret;
}

/* Whether any peer routes a network of the family (index 0: IPv4). */
static void networks(const struct vl_config *cfg, bool net[2])
{
	size_t i, j;

	net[0] = net[1] = false;
	for (i = 0; i < cfg->n_peers; i++) {
		const struct vl_peer *p = &cfg->peers[i];

		for (j = 0; j < p->n_allowed_ips; j++) {
			const struct vl_prefix *a = &p->allowed_ips[j];

			if (a->family == AF_INET && a->prefix < 32)
				net[0] = true;
			else if (a->family == AF_INET6 && a->prefix < 128)
				net[1] = true;
		}
	}
}

int vl_lan_forwarding_up(struct vl_iface *ifc, const struct vl_config *cfg)
{
	static const char *const name[2] = { "IPv4", "IPv6" };
	bool net[2];
	int f, on, ret;

	networks(cfg, net);
	for (f = 0; f < 2; f++) {
		if (!net[f] || ifc->forward_restore[f] >= 0)
			continue;
		on = read_flag(forward_path[f]);
		if (on < 0) {
			/* No IPv6 in this kernel: nothing to forward. */
			if (f == 1 && on == -ENOENT)
				continue;
			vl_log(LOG_ERR, "%s: %s: %s", ifc->ifname,
			       forward_path[f], strerror(-on));
			return on;
		}
		if (on)
			continue;
		ret = write_flag(forward_path[f], 1);
		if (ret) {
			vl_log(LOG_ERR, "%s: turning %s forwarding on: %s",
			       ifc->ifname, name[f], strerror(-ret));
			return ret;
		}
		ifc->forward_restore[f] = 0;
		vl_log(LOG_NOTICE,
		       "%s: %s forwarding turned on: a peer routes a network through this gateway (down turns it off again)",
		       ifc->ifname, name[f]);
	}
	return 0;
}

void vl_lan_forwarding_down(struct vl_iface *ifc)
{
	int f;

	for (f = 0; f < 2; f++) {
		if (ifc->forward_restore[f] < 0)
			continue;
		/* The setting is the namespace's, shared by its tunnels. */
		if (vl_link_count_kind(ifc->rtnl, "vpnlink", ifc->ifname) > 0) {
			vl_log(LOG_INFO,
			       "%s: forwarding left on: another vpnlink interface is up",
			       ifc->ifname);
			return;
		}
		if (write_flag(forward_path[f], ifc->forward_restore[f]))
			vl_log(LOG_WARNING, "%s: cannot restore %s",
			       ifc->ifname, forward_path[f]);
		ifc->forward_restore[f] = -1;
	}
}
