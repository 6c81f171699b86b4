/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policy.h: wg-quick's way with a default route (AllowedIPs 0.0.0.0/0 or
 * ::/0 and Table = auto): the default route goes into a table of its own,
 * and two rules send everything there except the tunnel's own packets
 * (marked with the device's fwmark), while more specific routes of the
 * main table still win.
 */
#ifndef VL_POLICY_H
#define VL_POLICY_H

#include <stdint.h>

struct nl_sock;

/* The rules for @family (AF_INET or AF_INET6) and @table, which is also
 * the fwmark: "not fwmark TABLE lookup TABLE" and "lookup main
 * suppress_prefixlength 0".  Existing ones are not an error.
 */
int vl_policy_add(struct nl_sock *sk, int family, uint32_t table);
/* Removes them again; missing ones are not an error. */
void vl_policy_del(struct nl_sock *sk, int family, uint32_t table);

#endif /* VL_POLICY_H */
