/* SPDX-License-Identifier: GPL-2.0 */
/*
 * link.h: the interface, its addresses and its routes, over rtnetlink
 * (libnl-route).  Every function returns 0 or a negative errno and logs
 * what failed.
 */
#ifndef VL_LINK_H
#define VL_LINK_H

#include <stdbool.h>
#include <stdint.h>

struct nl_sock;

#include "config.h"	/* struct vl_prefix */

struct nl_sock *vl_rtnl_open(void);
void vl_rtnl_close(struct nl_sock *sk);

/* The ifindex of @name, 0 if there is none; *kind gets its link kind. */
int vl_link_lookup(struct nl_sock *sk, const char *name, char *kind,
		   unsigned int kind_size);

int vl_link_create(struct nl_sock *sk, const char *name);
/* How many links of @kind this namespace has, @except not counted. */
int vl_link_count_kind(struct nl_sock *sk, const char *kind,
		       const char *except);
int vl_link_delete(struct nl_sock *sk, const char *name);
/* MTU (0: leave it) and administratively up. */
int vl_link_set_up(struct nl_sock *sk, int ifindex, unsigned int mtu);
int vl_link_mtu(struct nl_sock *sk, int ifindex, unsigned int *mtu);

/* Adds @p to the interface; an address already there is not an error. */
int vl_addr_add(struct nl_sock *sk, int ifindex, const struct vl_prefix *p);

/* A route to @p through the interface in @table (RT_TABLE_MAIN = 254);
 * one already there is not an error.  vl_route_del removes it again.
 */
int vl_route_add(struct nl_sock *sk, int ifindex, const struct vl_prefix *p,
		 uint32_t table);
int vl_route_del(struct nl_sock *sk, int ifindex, const struct vl_prefix *p,
		 uint32_t table);

/* "10.0.0.0/24" into @buf. */
const char *vl_prefix_str(const struct vl_prefix *p, char *buf,
			  unsigned int size);

#endif /* VL_LINK_H */
