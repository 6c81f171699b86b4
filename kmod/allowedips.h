/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cryptokey routing: which peer owns an inner address.  One path-compressed
 * binary trie per address family, read under RCU on the packet path and
 * changed under the device's configuration mutex.
 *
 * Every node that carries a prefix is also on its peer's list, so a peer's
 * prefixes can be listed, replaced or dropped without walking the trie.
 * A node without a peer is a branch point and always has two children.
 *
 * Kept free of vpnlink's other types so that the unit tests build it in
 * userspace under ASan/UBSan.
 */
#ifndef _VPNLINK_ALLOWEDIPS_H
#define _VPNLINK_ALLOWEDIPS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

struct vl_peer;

struct vl_aip_node {
	struct vl_aip_node __rcu *child[2];
	struct vl_peer __rcu *peer;
	struct vl_aip_node *parent;	/* under the table's lock */
	struct list_head peer_list;	/* on the owner's list */
	u32 key[4];			/* prefix in host order, masked */
	u8 cidr;
	u8 family;			/* AF_INET or AF_INET6 */
	struct rcu_head rcu;
};

struct vl_allowedips {
	struct vl_aip_node __rcu *root4;
	struct vl_aip_node __rcu *root6;
	struct mutex *lock;	/* the owner's mutex that guards changes */
	u64 seq;		/* bumped on every change, for dumps */
};

void vl_allowedips_init(struct vl_allowedips *table, struct mutex *lock);
/* Frees every node; the caller has already emptied every peer's list or
 * drops the peers with the table.
 */
void vl_allowedips_free(struct vl_allowedips *table);

/* Adds a prefix for peer (moving it away from its current owner, if any).
 * addr is 4 or 16 bytes in network order; bits past cidr must be zero.
 */
int vl_allowedips_insert(struct vl_allowedips *table, int family,
			 const void *addr, u8 cidr, struct vl_peer *peer,
			 struct list_head *peer_list);
/* Removes one prefix if peer owns it; -ENOENT otherwise. */
int vl_allowedips_remove(struct vl_allowedips *table, int family,
			 const void *addr, u8 cidr, struct vl_peer *peer);
/* Removes every prefix on peer_list. */
void vl_allowedips_remove_peer(struct vl_allowedips *table,
			       struct list_head *peer_list);

/* Longest-prefix match; caller holds rcu_read_lock (any flavour).
 * addr is 4 or 16 bytes in network order.
 */
struct vl_peer *vl_allowedips_lookup(struct vl_allowedips *table, int family,
				     const void *addr);

/* Writes a node's prefix back as 4 or 16 network-order bytes. */
void vl_allowedips_node_addr(const struct vl_aip_node *node, void *addr);

/* Whether addr/cidr has bits set past its prefix length. */
bool vl_allowedips_has_host_bits(int family, const void *addr, u8 cidr);

#endif /* _VPNLINK_ALLOWEDIPS_H */
