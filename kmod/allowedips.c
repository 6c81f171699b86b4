// SPDX-License-Identifier: GPL-2.0
/*
 * Cryptokey routing trie.  See allowedips.h for the shape.
 *
 * Readers walk from the root while the node's prefix matches the key and
 * remember the last peer seen: that is the longest match.  Writers publish
 * fully built nodes with rcu_assign_pointer() and free unlinked ones after
 * a grace period, so a reader never meets a half-made or freed node.
 */
#include "allowedips.h"

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#define vl_aip_deref(p) \
	rcu_dereference_check(p, rcu_read_lock_held() || \
				 rcu_read_lock_bh_held())
#define vl_aip_protected(p, table) \
	rcu_dereference_protected(p, lockdep_is_held((table)->lock))

static unsigned int family_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

static void key_from_addr(u32 key[4], int family, const void *addr)
{
	unsigned int i, words = family == AF_INET ? 1 : 4;

	for (i = 0; i < 4; i++)
		key[i] = i < words ? get_unaligned_be32((const u8 *)addr + 4 * i) : 0;
}

/* A word with the leading @bits bits set, for @bits in 0..32. */
static u32 leading_mask(unsigned int bits)
{
	return bits >= 32 ? ~0U : bits ? ~0U << (32 - bits) : 0;
}

static void key_mask(u32 key[4], unsigned int cidr)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		key[i] &= leading_mask(cidr > 32 * i ? cidr - 32 * i : 0);
}

/* How many leading bits @a and @b share, at most @max. */
static unsigned int common_bits(const u32 *a, const u32 *b, unsigned int max)
{
	unsigned int i, n;

	for (i = 0; i * 32 < max; i++) {
		u32 diff = a[i] ^ b[i];

		if (diff) {
			n = i * 32 + 32 - fls(diff);
			return n < max ? n : max;
		}
	}
	return max;
}

/* Bit @n of the key, counting from the most significant; n < 128. */
static unsigned int bit_at(const u32 *key, unsigned int n)
{
	return (key[n / 32] >> (31 - n % 32)) & 1;
}

static struct vl_aip_node __rcu **root_of(struct vl_allowedips *table,
					  int family)
{
	return family == AF_INET ? &table->root4 : &table->root6;
}

/* The pointer that links @node into the trie. */
static struct vl_aip_node __rcu **slot_of(struct vl_allowedips *table,
					  struct vl_aip_node *node)
{
	struct vl_aip_node *parent = node->parent;

	if (!parent)
		return root_of(table, node->family);
	return &parent->child[bit_at(node->key, parent->cidr)];
}

static struct vl_aip_node *node_new(const u32 key[4], u8 cidr, u8 family,
				    struct vl_aip_node *parent)
{
	struct vl_aip_node *node = kzalloc(sizeof(*node), GFP_KERNEL);

	if (!node)
		return NULL;
	memcpy(node->key, key, sizeof(node->key));
	key_mask(node->key, cidr);
	node->cidr = cidr;
	node->family = family;
	node->parent = parent;
	INIT_LIST_HEAD(&node->peer_list);
	return node;
}

static void node_set_peer(struct vl_aip_node *node, struct vl_peer *peer,
			  struct list_head *peer_list)
{
	list_del(&node->peer_list);
	list_add_tail(&node->peer_list, peer_list);
	rcu_assign_pointer(node->peer, peer);
}

void vl_allowedips_init(struct vl_allowedips *table, struct mutex *lock)
{
	RCU_INIT_POINTER(table->root4, NULL);
	RCU_INIT_POINTER(table->root6, NULL);
	table->lock = lock;
	table->seq = 1;
}

int vl_allowedips_insert(struct vl_allowedips *table, int family,
			 const void *addr, u8 cidr, struct vl_peer *peer,
			 struct list_head *peer_list)
{
	struct vl_aip_node *node, *leaf, *branch, *parent = NULL;
	struct vl_aip_node __rcu **slot;
	unsigned int common;
	u32 key[4];

	if (family != AF_INET && family != AF_INET6)
		return -EAFNOSUPPORT;
	if (cidr > family_bits(family))
		return -EINVAL;
	key_from_addr(key, family, addr);
	key_mask(key, cidr);

	slot = root_of(table, family);
	for (;;) {
		node = vl_aip_protected(*slot, table);
		if (!node)
			break;
		common = common_bits(node->key, key, min(node->cidr, cidr));
		if (common == node->cidr && common == cidr) {
			/* The prefix exists (as a branch or another peer's). */
			node_set_peer(node, peer, peer_list);
			goto done;
		}
		if (common < node->cidr)
			break;
		parent = node;
		slot = &node->child[bit_at(key, node->cidr)];
	}

	leaf = node_new(key, cidr, family, parent);
	if (!leaf)
		return -ENOMEM;
	RCU_INIT_POINTER(leaf->peer, peer);

	if (!node) {
		/* An empty place below a shorter prefix. */
		list_add_tail(&leaf->peer_list, peer_list);
		rcu_assign_pointer(*slot, leaf);
		goto done;
	}

	common = common_bits(node->key, key, min(node->cidr, cidr));
	if (common == cidr) {
		/* The new prefix covers @node: it goes between. */
		RCU_INIT_POINTER(leaf->child[bit_at(node->key, cidr)], node);
		node->parent = leaf;
		list_add_tail(&leaf->peer_list, peer_list);
		rcu_assign_pointer(*slot, leaf);
		goto done;
	}

	/* They part at bit @common: a branch node holds both. */
	branch = node_new(key, common, family, parent);
	if (!branch) {
		kfree(leaf);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(branch->child[bit_at(key, common)], leaf);
	RCU_INIT_POINTER(branch->child[bit_at(node->key, common)], node);
	leaf->parent = branch;
	node->parent = branch;
	list_add_tail(&leaf->peer_list, peer_list);
	rcu_assign_pointer(*slot, branch);
done:
	table->seq++;
	return 0;
}

/* Unlinks the prefix @node carries.  A node with two children stays as a
 * branch; otherwise it goes, and so does a branch parent it leaves with a
 * single child.
 */
static void node_remove(struct vl_allowedips *table, struct vl_aip_node *node)
{
	struct vl_aip_node *child, *parent = node->parent;

	list_del_init(&node->peer_list);
	RCU_INIT_POINTER(node->peer, NULL);

	child = vl_aip_protected(node->child[0], table);
	if (!child)
		child = vl_aip_protected(node->child[1], table);
	else if (vl_aip_protected(node->child[1], table))
		return;

	rcu_assign_pointer(*slot_of(table, node), child);
	if (child)
		child->parent = parent;
	kfree_rcu(node, rcu);
	if (child || !parent || rcu_access_pointer(parent->peer))
		return;

	child = vl_aip_protected(parent->child[0], table);
	if (!child)
		child = vl_aip_protected(parent->child[1], table);
	rcu_assign_pointer(*slot_of(table, parent), child);
	child->parent = parent->parent;
	kfree_rcu(parent, rcu);
}

int vl_allowedips_remove(struct vl_allowedips *table, int family,
			 const void *addr, u8 cidr, struct vl_peer *peer)
{
	struct vl_aip_node *node;
	unsigned int common;
	u32 key[4];

	if (family != AF_INET && family != AF_INET6)
		return -EAFNOSUPPORT;
	if (cidr > family_bits(family))
		return -EINVAL;
	key_from_addr(key, family, addr);
	key_mask(key, cidr);

	node = vl_aip_protected(*root_of(table, family), table);
	while (node) {
		common = common_bits(node->key, key, min(node->cidr, cidr));
		if (common < node->cidr)
			break;
		if (node->cidr == cidr) {
			/* A branch node (no peer) is nobody's prefix. */
			if (!peer || vl_aip_protected(node->peer, table) != peer)
				break;
			node_remove(table, node);
			table->seq++;
			return 0;
		}
		node = vl_aip_protected(node->child[bit_at(key, node->cidr)],
					table);
	}
	return -ENOENT;
}

void vl_allowedips_remove_peer(struct vl_allowedips *table,
			       struct list_head *peer_list)
{
	struct vl_aip_node *node, *tmp;

	list_for_each_entry_safe(node, tmp, peer_list, peer_list)
		node_remove(table, node);
	table->seq++;
}

static void free_tree(struct vl_allowedips *table, struct vl_aip_node *node)
{
	struct vl_aip_node *next, *parent;

	/* Post-order walk by parent pointers: no recursion, no stack. */
	while (node) {
		next = vl_aip_protected(node->child[0], table);
		if (!next)
			next = vl_aip_protected(node->child[1], table);
		if (next) {
			node = next;
			continue;
		}
		parent = node->parent;
		if (parent)
			RCU_INIT_POINTER(*slot_of(table, node), NULL);
		list_del(&node->peer_list);
		kfree_rcu(node, rcu);
		node = parent;
	}
}

void vl_allowedips_free(struct vl_allowedips *table)
{
	free_tree(table, vl_aip_protected(table->root4, table));
	free_tree(table, vl_aip_protected(table->root6, table));
	RCU_INIT_POINTER(table->root4, NULL);
	RCU_INIT_POINTER(table->root6, NULL);
	table->seq++;
}

struct vl_peer *vl_allowedips_lookup(struct vl_allowedips *table, int family,
				     const void *addr)
{
	unsigned int max = family_bits(family);
	struct vl_peer *best = NULL, *peer;
	struct vl_aip_node *node;
	u32 key[4];

	key_from_addr(key, family, addr);
	node = vl_aip_deref(*root_of(table, family));
	while (node) {
		if (common_bits(node->key, key, node->cidr) < node->cidr)
			break;
		peer = vl_aip_deref(node->peer);
		if (peer)
			best = peer;
		if (node->cidr == max)
			break;
		node = vl_aip_deref(node->child[bit_at(key, node->cidr)]);
	}
	return best;
}

void vl_allowedips_node_addr(const struct vl_aip_node *node, void *addr)
{
	unsigned int i, words = node->family == AF_INET ? 1 : 4;

	for (i = 0; i < words; i++)
		put_unaligned_be32(node->key[i], (u8 *)addr + 4 * i);
}

bool vl_allowedips_has_host_bits(int family, const void *addr, u8 cidr)
{
	u32 key[4], masked[4];

	key_from_addr(key, family, addr);
	memcpy(masked, key, sizeof(key));
	key_mask(masked, cidr);
	return memcmp(key, masked, sizeof(key)) != 0;
}
