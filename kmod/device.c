// SPDX-License-Identifier: GPL-2.0
/*
 * The vpnlink link type: `ip link add NAME type vpnlink`.
 *
 * A layer-3 point-to-point device without a queue.  Its sockets open when
 * it goes up and close when it goes down; they stay in the namespace the
 * device was created in when the device moves, so the tunnel's outside can
 * be in one namespace and its inside in another.
 */
#include "device.h"
#include "messages.h"
#include "peer.h"
#include "proxy.h"
#include "send.h"
#include "socket.h"
#include "timers.h"

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/ip.h>
#include <net/rtnetlink.h>

/* Every vpnlink device of every namespace, under RTNL, so that a dying
 * namespace can find the devices whose sockets it holds.
 */
static LIST_HEAD(vl_devices);

static const struct device_type vl_device_type = {
	.name = KBUILD_MODNAME,
};

void vl_count(struct vl_device *vl, enum vl_drop_reason reason)
{
	struct vl_counters *c = get_cpu_ptr(vl->counters);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&c->syncp);
	u64_stats_inc(&c->c[reason]);
	u64_stats_update_end_irqrestore(&c->syncp, flags);
	put_cpu_ptr(vl->counters);
}

void vl_devices_for_each(void (*fn)(struct vl_device *vl, void *arg),
			 void *arg)
{
	struct vl_device *vl, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(vl, tmp, &vl_devices, device_list)
		fn(vl, arg);
}

void vl_counters_read(struct vl_device *vl, u64 out[VL_COUNTERS])
{
	unsigned int start, i;
	int cpu;

	memset(out, 0, sizeof(u64) * VL_COUNTERS);
	for_each_possible_cpu(cpu) {
		const struct vl_counters *c = per_cpu_ptr(vl->counters, cpu);
		u64 v[VL_COUNTERS];

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			for (i = 0; i < VL_COUNTERS; i++)
				v[i] = u64_stats_read(&c->c[i]);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		for (i = 0; i < VL_COUNTERS; i++)
			out[i] += v[i];
	}
}

int vl_device_reopen(struct vl_device *vl)
{
	lockdep_assert_held(&vl->lock);
	if (!netif_running(vl->dev))
		return 0;
	return vl_socket_open(vl, vl->listen_port);
}

static int vl_open(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);
	struct vl_peer *peer;
	int ret;

	mutex_lock(&vl->lock);
	vl_rxqueue_enable(vl);
	ret = vl_socket_open(vl, vl->listen_port);
	if (ret) {
		vl_rxqueue_disable(vl);
		goto out;
	}
	/* Peers with a persistent keepalive announce themselves. */
	list_for_each_entry(peer, &vl->peers, list) {
		if (!peer->persistent_keepalive)
			continue;
		vl_timers_persistent_changed(peer);
		vl_send_keepalive(peer);
	}
	vl_proxy_announce_all(vl);
out:
	mutex_unlock(&vl->lock);
	return ret;
}

static int vl_stop(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);

	/* Down is a reset, as in WireGuard: sessions end and the helper
	 * negotiates new ones when the device comes back up.
	 */
	mutex_lock(&vl->lock);
	vl_socket_close(vl);
	vl_rxqueue_disable(vl);
	vl_peers_stop(vl);
	mutex_unlock(&vl->lock);
	return 0;
}

static void vl_get_stats64(struct net_device *dev,
			   struct rtnl_link_stats64 *stats)
{
	struct vl_device *vl = netdev_priv(dev);
	u64 c[VL_COUNTERS];
	unsigned int i;

	dev_get_tstats64(dev, stats);
	vl_counters_read(vl, c);
	for (i = VL_DROP_RX_MALFORMED; i <= VL_DROP_RX_BACKLOG; i++)
		stats->rx_dropped += c[i];
	for (i = VL_DROP_TX_NO_PEER; i <= VL_DROP_TX_LOOP; i++)
		stats->tx_dropped += c[i];
}

static int vl_init(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);
	int ret;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	vl->counters = netdev_alloc_pcpu_stats(struct vl_counters);
	if (!vl->counters) {
		ret = -ENOMEM;
		goto err_tstats;
	}
	vl->sending = alloc_percpu(u8);
	if (!vl->sending) {
		ret = -ENOMEM;
		goto err_counters;
	}
	ret = vl_rxqueue_init(vl);
	if (ret)
		goto err_sending;
	return 0;

err_sending:
	free_percpu(vl->sending);
err_counters:
	free_percpu(vl->counters);
err_tstats:
	free_percpu(dev->tstats);
	return ret;
}

static void vl_uninit(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);

	ASSERT_RTNL();
	list_del(&vl->device_list);
	vl_proxy_clear(vl);
	/* Closed by now: nothing more arrives on the receive queues. */
	vl_rxqueue_free(vl);
}

/* Runs when the last reference is gone: no configuration request can be
 * in progress, and the sockets closed long ago.
 */
static void vl_destruct(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);

	mutex_lock(&vl->lock);
	vl_peer_remove_all(vl);
	vl_allowedips_free(&vl->table);
	mutex_unlock(&vl->lock);
	free_percpu(vl->sending);
	free_percpu(vl->counters);
	free_percpu(dev->tstats);
	mutex_destroy(&vl->lock);
}

static const struct net_device_ops vl_netdev_ops = {
	.ndo_init = vl_init,
	.ndo_uninit = vl_uninit,
	.ndo_open = vl_open,
	.ndo_stop = vl_stop,
	.ndo_start_xmit = vl_xmit,
	.ndo_get_stats64 = vl_get_stats64,
};

static void vl_setup(struct net_device *dev)
{
	struct vl_device *vl = netdev_priv(dev);
	netdev_features_t features = NETIF_F_HW_CSUM | NETIF_F_RXCSUM |
				     NETIF_F_SG | NETIF_F_GSO_SOFTWARE |
				     NETIF_F_HIGHDMA;

	dev->netdev_ops = &vl_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->needed_headroom = VL_DATA_HEADER_LEN + VL_OUTER_HEADROOM;
	dev->needed_tailroom = VL_PADDING_MULTIPLE + VL_AUTHTAG_LEN;
	dev->features |= NETIF_F_LLTX | features;
	dev->hw_features |= features;
	dev->hw_enc_features |= features;
	/* 1500 on the wire for an IPv6 underlay, as WireGuard. */
	dev->mtu = ETH_DATA_LEN - VL_OVERHEAD_V6;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VL_OVERHEAD_V6;
	dev->needs_free_netdev = true;
	dev->priv_destructor = vl_destruct;
	netif_keep_dst(dev);
	SET_NETDEV_DEVTYPE(dev, &vl_device_type);

	vl->dev = dev;
	mutex_init(&vl->lock);
	INIT_LIST_HEAD(&vl->peers);
	INIT_LIST_HEAD(&vl->device_list);
	INIT_LIST_HEAD(&vl->proxy_lans);
	vl->proxy_rate = VPNLINK_PROXY_RATE_DEFAULT;
	hash_init(vl->peer_hash);
	hash_init(vl->index_hash);
	spin_lock_init(&vl->index_lock);
	vl_allowedips_init(&vl->table, &vl->lock);
}

static int vl_newlink(struct net *src_net, struct net_device *dev,
		      struct nlattr *tb[], struct nlattr *data[],
		      struct netlink_ext_ack *extack)
{
	struct vl_device *vl = netdev_priv(dev);
	int ret;

	vl->creating_net = src_net;
	ret = register_netdevice(dev);
	if (ret)
		return ret;
	list_add(&vl->device_list, &vl_devices);
	return 0;
}

static struct net *vl_get_link_net(const struct net_device *dev)
{
	const struct vl_device *vl = netdev_priv(dev);

	return vl->creating_net;
}

struct rtnl_link_ops vl_link_ops __read_mostly = {
	.kind = KBUILD_MODNAME,
	.priv_size = sizeof(struct vl_device),
	.setup = vl_setup,
	.newlink = vl_newlink,
	.get_link_net = vl_get_link_net,
};

/* A namespace going away takes the devices whose sockets it holds, even
 * the ones that moved elsewhere.
 */
static void __net_exit vl_netns_pre_exit(struct net *net)
{
	struct vl_device *vl, *tmp;
	LIST_HEAD(kill);

	rtnl_lock();
	list_for_each_entry_safe(vl, tmp, &vl_devices, device_list)
		if (vl->creating_net == net)
			unregister_netdevice_queue(vl->dev, &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();
}

static struct pernet_operations vl_netns_ops = {
	.pre_exit = vl_netns_pre_exit,
};

int vl_device_init(void)
{
	int ret;

	ret = register_pernet_device(&vl_netns_ops);
	if (ret)
		return ret;
	ret = rtnl_link_register(&vl_link_ops);
	if (ret)
		unregister_pernet_device(&vl_netns_ops);
	return ret;
}

void vl_device_exit(void)
{
	rtnl_link_unregister(&vl_link_ops);
	unregister_pernet_device(&vl_netns_ops);
}
