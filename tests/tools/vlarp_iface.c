// SPDX-License-Identifier: GPL-2.0
/* vlarp: the interface's index, MAC (SIOCGIFHWADDR, Ethernet only) and
 * addresses (getifaddrs: the first IPv4 address, the first link-local
 * IPv6 address), which the requests are sent from.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vlarp.h"

void iface_get(struct iface *ifc, const char *name)
{
	struct ifaddrs *ifa_list, *ifa;
	struct ifreq ifr = { 0 };
	int fd;

	memset(ifc, 0, sizeof(*ifc));
	ifc->name = name;
	ifc->index = (int)if_nametoindex(name);
	if (!ifc->index)
		die("no interface '%s': %s", name, strerror(errno));

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	strcpy(ifr.ifr_name, name);	/* the length was checked */
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die("SIOCGIFHWADDR %s: %s", name, strerror(errno));
	close(fd);
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
		die("%s is not an Ethernet interface", name);
	memcpy(ifc->mac, ifr.ifr_hwaddr.sa_data, MAC_LEN);

	if (getifaddrs(&ifa_list))
		die("getifaddrs: %s", strerror(errno));
	for (ifa = ifa_list; ifa; ifa = ifa->ifa_next) {
		if (!ifa->ifa_addr || strcmp(ifa->ifa_name, name))
			continue;
		if (ifa->ifa_addr->sa_family == AF_INET && !ifc->has_ipv4) {
			const struct sockaddr_in *sin =
				(const struct sockaddr_in *)ifa->ifa_addr;

			memcpy(ifc->ipv4, &sin->sin_addr, 4);
			ifc->has_ipv4 = true;
		} else if (ifa->ifa_addr->sa_family == AF_INET6 &&
			   !ifc->has_ll6) {
			const struct sockaddr_in6 *sin6 =
				(const struct sockaddr_in6 *)ifa->ifa_addr;

			if (!IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr))
				continue;
			memcpy(ifc->ll6, &sin6->sin6_addr, 16);
			ifc->has_ll6 = true;
		}
	}
	freeifaddrs(ifa_list);
}
