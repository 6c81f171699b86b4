// SPDX-License-Identifier: GPL-2.0
/*
 * vpnlink: site-to-site VPN fast path speaking WireGuard's data protocol,
 * with the handshake left to a userspace helper.
 */
#include "device.h"
#include "netlink.h"
#include "proxy.h"

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vpnlink.h>

static int __init vl_module_init(void)
{
	int ret;

	ret = vl_device_init();
	if (ret)
		return ret;
	ret = vl_proxy_init();
	if (ret)
		goto err_device;
	ret = vl_netlink_init();
	if (ret)
		goto err_proxy;
	pr_info("vpnlink loaded (genl family %s v%d)\n", VPNLINK_GENL_NAME,
		VPNLINK_GENL_VERSION);
	return 0;

err_proxy:
	vl_proxy_exit();
err_device:
	vl_device_exit();
	return ret;
}

static void __exit vl_module_exit(void)
{
	/* Devices first: once they are gone nothing sends events, and
	 * configuration requests find nothing to change, and no LAN
	 * interface is held.  Then the notifier, then the family,
	 * then no RCU callbacks of ours left once the module's text goes.
	 */
	vl_device_exit();
	vl_proxy_exit();
	vl_netlink_exit();
	rcu_barrier();
}

module_init(vl_module_init);
module_exit(vl_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vpnlink: WireGuard-compatible site-to-site VPN fast path");
MODULE_AUTHOR("The vpnlink developers");
MODULE_ALIAS_RTNL_LINK(KBUILD_MODNAME);
MODULE_ALIAS_GENL_FAMILY(VPNLINK_GENL_NAME);
