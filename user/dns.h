/* SPDX-License-Identifier: GPL-2.0 */
/* dns.h: the config's DNS servers and search domains, through resolvconf. */
#ifndef VL_DNS_H
#define VL_DNS_H

#include "config.h"

/* Hands DNS = ... to resolvconf(8) for @ifname, as wg-quick does; without
 * resolvconf, warns that they are not used.  0, or -ECHILD if resolvconf
 * failed.
 */
int vl_dns_up(const struct vl_config *cfg, const char *ifname);
void vl_dns_down(const struct vl_config *cfg, const char *ifname);

#endif /* VL_DNS_H */
