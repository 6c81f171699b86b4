// SPDX-License-Identifier: GPL-2.0
/*
 * The cryptokey routing trie of kmod/allowedips.c against a brute-force
 * reference: a flat list of (family, prefix, cidr, owner) whose lookup
 * scans every entry for the longest matching prefix.
 *
 * Random runs (IPv4 and IPv6 in one table) insert prefixes, move them to
 * other peers by inserting them again, remove single prefixes (with the
 * owner and with a wrong peer) and whole peers; after every step they
 * compare return codes and seq, look up random addresses and addresses
 * in, at the edges of and just outside inserted prefixes, walk the trie
 * to check its shape (parent links, child bits, masked keys, branch nodes
 * with two children) and check that each peer's list holds exactly its
 * prefixes (read back with vl_allowedips_node_addr()).  A dense IPv4 run
 * looks up every address of a /24 after every step; an IPv6 run keeps its
 * prefixes and bases around the 32-bit word edges of the trie's keys.
 * After each run every prefix is removed by peer and both roots must be
 * NULL; ASan's leak check runs at exit.  Explicit cases cover error
 * codes, moves, -ENOMEM (a failing kzalloc in the shim), has_host_bits and
 * vl_allowedips_free().
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/types.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/socket.h>
#include "allowedips.h"

#include "shim.h"
#include "tap.h"

struct vl_peer {
	struct list_head allowedips;
	int id;
};

#define NPEERS	8

static struct vl_peer peers[NPEERS];
static struct mutex lock;
static struct vl_allowedips table;

/* ---- reference ----------------------------------------------------- */

struct ref_entry {
	int family;
	u8 addr[16];	/* masked, network order */
	u8 cidr;
	struct vl_peer *owner;
};

static struct ref_entry *ref;
static size_t ref_n, ref_cap;

static unsigned int addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static unsigned int addr_bits(int family)
{
	return addr_len(family) * 8;
}

/* Byte-wise, unlike the kernel's word-wise masking. */
static void mask_bytes(u8 *addr, unsigned int len, unsigned int cidr)
{
	unsigned int i, bits;

	for (i = 0; i < len; i++) {
		bits = cidr > 8 * i ? cidr - 8 * i : 0;
		if (bits < 8)
			addr[i] &= (u8)(0xff00 >> bits);
	}
}

static bool prefix_matches(const u8 *prefix, const u8 *addr, unsigned int cidr)
{
	unsigned int whole = cidr / 8, rest = cidr % 8;

	if (memcmp(prefix, addr, whole))
		return false;
	return !rest || !((prefix[whole] ^ addr[whole]) & (u8)(0xff00 >> rest));
}

static long ref_find(int family, const u8 *addr, unsigned int cidr)
{
	size_t i;

	for (i = 0; i < ref_n; i++)
		if (ref[i].family == family && ref[i].cidr == cidr &&
		    !memcmp(ref[i].addr, addr, addr_len(family)))
			return (long)i;
	return -1;
}

static void ref_insert(int family, const u8 *addr, unsigned int cidr,
		       struct vl_peer *peer)
{
	long i = ref_find(family, addr, cidr);

	if (i >= 0) {
		ref[i].owner = peer;
		return;
	}
	if (ref_n == ref_cap) {
		ref_cap = ref_cap ? 2 * ref_cap : 64;
		ref = realloc(ref, ref_cap * sizeof(*ref));
		if (!ref)
			abort();
	}
	memset(&ref[ref_n], 0, sizeof(ref[ref_n]));
	ref[ref_n].family = family;
	memcpy(ref[ref_n].addr, addr, addr_len(family));
	ref[ref_n].cidr = cidr;
	ref[ref_n].owner = peer;
	ref_n++;
}

static int ref_remove(int family, const u8 *addr, unsigned int cidr,
		      struct vl_peer *peer)
{
	long i = ref_find(family, addr, cidr);

	if (i < 0 || ref[i].owner != peer)
		return -ENOENT;
	ref[i] = ref[--ref_n];
	return 0;
}

static void ref_remove_peer(struct vl_peer *peer)
{
	size_t i = 0;

	while (i < ref_n) {
		if (ref[i].owner == peer)
			ref[i] = ref[--ref_n];
		else
			i++;
	}
}

static struct vl_peer *ref_lookup(int family, const u8 *addr)
{
	struct vl_peer *best = NULL;
	int best_cidr = -1;
	size_t i;

	for (i = 0; i < ref_n; i++)
		if (ref[i].family == family && ref[i].cidr > best_cidr &&
		    prefix_matches(ref[i].addr, addr, ref[i].cidr)) {
			best = ref[i].owner;
			best_cidr = ref[i].cidr;
		}
	return best;
}

/* ---- failure bookkeeping -------------------------------------------- */

static unsigned long fails;
static char first_fail[512];

static __attribute__((format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	va_list ap;

	if (!fails++) {
		va_start(ap, fmt);
		vsnprintf(first_fail, sizeof(first_fail), fmt, ap);
		va_end(ap);
	}
}

static const char *fmt_prefix(int family, const u8 *addr, int cidr)
{
	static char buf[4][80];
	static unsigned int n;
	char *b = buf[n++ % 4];

	inet_ntop(family, addr, b, 64);
	if (cidr >= 0)
		sprintf(b + strlen(b), "/%d", cidr);
	return b;
}

static int peer_id(const struct vl_peer *p)
{
	return p ? p->id : -1;
}

/* ---- structural checks ---------------------------------------------- */

static unsigned int kbit(const u32 *key, unsigned int n)
{
	return (key[n / 32] >> (31 - n % 32)) & 1;
}

/* Whether keys a and b agree in their first n bits. */
static bool keys_agree(const u32 *a, const u32 *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n / 32; i++)
		if (a[i] != b[i])
			return false;
	return n % 32 == 0 || !((a[i] ^ b[i]) >> (32 - n % 32));
}

static bool key_masked(const u32 *key, unsigned int cidr)
{
	unsigned int i;

	if (cidr >= 128)
		return true;
	if (cidr % 32 ? key[cidr / 32] << (cidr % 32) : key[cidr / 32])
		return false;
	for (i = cidr / 32 + 1; i < 4; i++)
		if (key[i])
			return false;
	return true;
}

static bool is_peer(const struct vl_peer *p)
{
	return p >= peers && p < peers + NPEERS;
}

/* Returns the number of nodes that carry a prefix, or -1 after fail(). */
static long walk(struct vl_aip_node *node, struct vl_aip_node *parent,
		 int family, unsigned int depth)
{
	long n = 0, sub;
	unsigned int i;

	if (!node)
		return 0;
	if (depth > 129) {
		fail("trie deeper than 129: a cycle?");
		return -1;
	}
	if (node->family != family || node->parent != parent ||
	    node->cidr > addr_bits(family) || !key_masked(node->key, node->cidr)) {
		fail("node %p: family %u parent %p (want %p) cidr %u key "
		     "%08x%08x%08x%08x", (void *)node, node->family,
		     (void *)node->parent, (void *)parent, node->cidr,
		     node->key[0], node->key[1], node->key[2], node->key[3]);
		return -1;
	}
	if (family == AF_INET && (node->key[1] || node->key[2] || node->key[3])) {
		fail("IPv4 node with key bits past 32");
		return -1;
	}
	if (parent) {
		if (node->cidr <= parent->cidr) {
			fail("child cidr %u not longer than parent's %u",
			     node->cidr, parent->cidr);
			return -1;
		}
		if (!keys_agree(node->key, parent->key, parent->cidr)) {
			fail("child key leaves the parent's prefix");
			return -1;
		}
		if (parent->child[kbit(node->key, parent->cidr)] != node) {
			fail("child hangs on the wrong side");
			return -1;
		}
	}
	if (node->peer) {
		if (!is_peer(node->peer)) {
			fail("node with a bogus peer %p", (void *)node->peer);
			return -1;
		}
		n = 1;
	} else {
		if (!node->child[0] || !node->child[1]) {
			fail("branch node %u without two children", node->cidr);
			return -1;
		}
		if (node->peer_list.next != &node->peer_list ||
		    node->peer_list.prev != &node->peer_list) {
			fail("branch node still on a peer list");
			return -1;
		}
	}
	if (node->cidr == addr_bits(family) &&
	    (node->child[0] || node->child[1])) {
		fail("host node with children");
		return -1;
	}
	for (i = 0; i < 2; i++) {
		sub = walk(node->child[i], node, family, depth + 1);
		if (sub < 0)
			return -1;
		n += sub;
	}
	return n;
}

struct listed {
	int family;
	u8 addr[16];
	u8 cidr;
};

static int cmp_listed(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	if (x->family != y->family)
		return x->family - y->family;
	if (x->cidr != y->cidr)
		return x->cidr - y->cidr;
	return memcmp(x->addr, y->addr, 16);
}

static struct listed *scratch_a, *scratch_b;
static size_t scratch_cap;

static void check_peer_lists(void)
{
	unsigned int p;

	if (scratch_cap < ref_n + 1) {
		scratch_cap = 2 * ref_n + 64;
		free(scratch_a);
		free(scratch_b);
		scratch_a = calloc(scratch_cap, sizeof(*scratch_a));
		scratch_b = calloc(scratch_cap, sizeof(*scratch_b));
		if (!scratch_a || !scratch_b)
			abort();
	}
	for (p = 0; p < NPEERS; p++) {
		struct vl_aip_node *node;
		size_t na = 0, nb = 0, i;

		list_for_each_entry(node, &peers[p].allowedips, peer_list) {
			u8 buf[16];

			if (na == scratch_cap || na > ref_n) {
				fail("peer %u list longer than its prefixes", p);
				return;
			}
			if (node->peer != &peers[p]) {
				fail("node on peer %u's list owned by %d", p,
				     peer_id(node->peer));
				return;
			}
			memset(buf, 0xa5, sizeof(buf));
			vl_allowedips_node_addr(node, buf);
			if (node->family == AF_INET) {
				for (i = 4; i < 16; i++)
					if (buf[i] != 0xa5) {
						fail("node_addr wrote past 4 "
						     "bytes for IPv4");
						return;
					}
				memset(buf + 4, 0, 12);
			}
			memset(&scratch_a[na], 0, sizeof(scratch_a[na]));
			scratch_a[na].family = node->family;
			scratch_a[na].cidr = node->cidr;
			memcpy(scratch_a[na].addr, buf, 16);
			na++;
		}
		for (i = 0; i < ref_n; i++) {
			if (ref[i].owner != &peers[p])
				continue;
			memset(&scratch_b[nb], 0, sizeof(scratch_b[nb]));
			scratch_b[nb].family = ref[i].family;
			scratch_b[nb].cidr = ref[i].cidr;
			memcpy(scratch_b[nb].addr, ref[i].addr,
			       addr_len(ref[i].family));
			nb++;
		}
		qsort(scratch_a, na, sizeof(*scratch_a), cmp_listed);
		qsort(scratch_b, nb, sizeof(*scratch_b), cmp_listed);
		if (na != nb ||
		    memcmp(scratch_a, scratch_b, na * sizeof(*scratch_a))) {
			fail("peer %u lists %zu prefixes, the reference %zu "
			     "(or they differ)", p, na, nb);
			return;
		}
	}
}

static void check_structure(void)
{
	long n4 = walk(table.root4, NULL, AF_INET, 0);
	long n6 = walk(table.root6, NULL, AF_INET6, 0);
	size_t r4 = 0, i;

	if (n4 < 0 || n6 < 0)
		return;
	for (i = 0; i < ref_n; i++)
		r4 += ref[i].family == AF_INET;
	if ((size_t)n4 != r4 || (size_t)n6 != ref_n - r4) {
		fail("trie holds %ld+%ld prefixes, the reference %zu+%zu",
		     n4, n6, r4, ref_n - r4);
		return;
	}
	check_peer_lists();
}

/* ---- address generation --------------------------------------------- */

struct gen {
	struct rng rng;
	u8 bases[2][6][16];	/* [v6][i] */
	bool dense;		/* IPv4 only, inside 10.1.2.0/24 */
	bool edges6;		/* IPv6 only, prefixes near word edges */
};

static void random_bytes(struct rng *r, u8 *b, unsigned int n)
{
	while (n--)
		*b++ = (u8)rng_next(r);
}

static void gen_bases(struct gen *g)
{
	unsigned int f, i;

	for (f = 0; f < 2; f++)
		for (i = 0; i < 6; i++)
			random_bytes(&g->rng, g->bases[f][i], 16);
	if (g->dense)
		for (i = 0; i < 6; i++) {
			g->bases[0][i][0] = 10;
			g->bases[0][i][1] = 1;
			g->bases[0][i][2] = 2;
		}
	if (g->edges6)
		/* one base, and others that differ from it in a bit or
		 * two next to the 32-bit word edges of the key
		 */
		for (i = 1; i < 6; i++) {
			unsigned int b = 32 * (1 + (unsigned int)
					       rng_below(&g->rng, 3)) +
					 (unsigned int)rng_below(&g->rng, 5) - 2;

			memcpy(g->bases[1][i], g->bases[1][0], 16);
			g->bases[1][i][b / 8] ^= 0x80 >> (b % 8);
			if (rng_below(&g->rng, 2)) {
				b = (unsigned int)rng_below(&g->rng, 128);
				g->bases[1][i][b / 8] ^= 0x80 >> (b % 8);
			}
		}
}

static int gen_family(struct gen *g)
{
	if (g->dense)
		return AF_INET;
	if (g->edges6)
		return AF_INET6;
	return rng_below(&g->rng, 2) ? AF_INET : AF_INET6;
}

static unsigned int gen_cidr(struct gen *g, int family)
{
	unsigned int bits = addr_bits(family);

	if (g->dense) {
		switch (rng_below(&g->rng, 10)) {
		case 0:
			return rng_below(&g->rng, 24);
		default:
			return 22 + rng_below(&g->rng, 11);
		}
	}
	if (g->edges6 && rng_below(&g->rng, 8)) {
		unsigned int c = 32 * (1 + (unsigned int)rng_below(&g->rng, 4))
				 + (unsigned int)rng_below(&g->rng, 7) - 3;

		return c > 128 ? 128 : c;
	}
	switch (rng_below(&g->rng, 8)) {
	case 0:
		return 0;
	case 1:
		return bits;
	case 2:
		return bits - rng_below(&g->rng, 4);
	default:
		return rng_below(&g->rng, bits + 1);
	}
}

/* A prefix near one of the bases: nested and sibling prefixes galore. */
static void gen_prefix(struct gen *g, int family, u8 *addr, unsigned int *cidr)
{
	unsigned int len = addr_len(family), flips, i;

	memcpy(addr, g->bases[family == AF_INET6][rng_below(&g->rng, 6)], len);
	*cidr = gen_cidr(g, family);
	flips = rng_below(&g->rng, 3);
	for (i = 0; i < flips && *cidr; i++) {
		unsigned int b = rng_below(&g->rng, *cidr);

		if (g->dense && family == AF_INET && b < 24)
			continue;
		addr[b / 8] ^= 0x80 >> (b % 8);
	}
	mask_bytes(addr, len, *cidr);
}

/* An address to look up: anywhere, or in, at the edges of or just
 * outside a prefix the reference holds.
 */
static void gen_lookup(struct gen *g, int *family, u8 *addr)
{
	const struct ref_entry *e;
	unsigned int len, i, b;

	if (!ref_n || rng_below(&g->rng, 6) == 0) {
		*family = gen_family(g);
		random_bytes(&g->rng, addr, 16);
		if (rng_below(&g->rng, 2))
			memcpy(addr, g->bases[*family == AF_INET6]
					     [rng_below(&g->rng, 6)], 16);
		return;
	}
	e = &ref[rng_below(&g->rng, ref_n)];
	*family = e->family;
	len = addr_len(e->family);
	memcpy(addr, e->addr, len);
	switch (rng_below(&g->rng, 5)) {
	case 0:		/* the prefix's first address */
		break;
	case 1:		/* its last address */
		for (b = e->cidr; b < 8 * len; b++)
			addr[b / 8] |= 0x80 >> (b % 8);
		break;
	case 2:		/* random host bits */
		for (i = 0; i < len; i++) {
			u8 host = (u8)rng_next(&g->rng);
			u8 keep = 0xff;

			mask_bytes(&keep, 1, e->cidr > 8 * i ?
				   e->cidr - 8 * i : 0);
			addr[i] = (addr[i] & keep) | (host & ~keep);
		}
		break;
	case 3:		/* just outside: the last prefix bit flipped */
		if (e->cidr) {
			b = e->cidr - 1;
			addr[b / 8] ^= 0x80 >> (b % 8);
		}
		break;
	default:	/* one bit flipped anywhere */
		b = rng_below(&g->rng, 8 * len);
		addr[b / 8] ^= 0x80 >> (b % 8);
		break;
	}
}

static void check_lookup(int family, const u8 *addr, const char *when)
{
	struct vl_peer *got = vl_allowedips_lookup(&table, family, addr);
	struct vl_peer *want = ref_lookup(family, addr);

	if (got != want)
		fail("%s: lookup %s gave peer %d, want %d", when,
		     fmt_prefix(family, addr, -1), peer_id(got),
		     peer_id(want));
}

/* ---- random runs ----------------------------------------------------- */

static void table_setup(void)
{
	unsigned int p;

	vl_allowedips_init(&table, &lock);
	for (p = 0; p < NPEERS; p++) {
		INIT_LIST_HEAD(&peers[p].allowedips);
		peers[p].id = (int)p;
	}
	ref_n = 0;
}

/* Empties the table by whole peers, and checks that nothing is left. */
static bool table_teardown(void)
{
	unsigned int p;

	for (p = 0; p < NPEERS; p++) {
		vl_allowedips_remove_peer(&table, &peers[p].allowedips);
		ref_remove_peer(&peers[p]);
	}
	for (p = 0; p < NPEERS; p++)
		if (!list_empty(&peers[p].allowedips))
			return false;
	return !table.root4 && !table.root6;
}

enum run_kind { RUN_MIXED, RUN_DENSE4, RUN_EDGES6 };

static const char *const run_name[] = {
	[RUN_MIXED] = "IPv4+IPv6",
	[RUN_DENSE4] = "dense IPv4 10.1.2.0/24",
	[RUN_EDGES6] = "IPv6 near 32-bit word edges",
};

static void random_run(unsigned long long seed, unsigned long steps,
		       enum run_kind kind)
{
	bool dense = kind == RUN_DENSE4;
	struct gen g = { .rng = { seed }, .dense = dense,
			 .edges6 = kind == RUN_EDGES6 };
	unsigned long step, inserts = 0, moves = 0, removes = 0,
		      removes_enoent = 0, peer_removes = 0, lookups = 0;
	size_t max_n = 0;
	char when[96];

	fails = 0;
	first_fail[0] = 0;
	table_setup();
	gen_bases(&g);

	for (step = 0; step < steps && !fails; step++) {
		unsigned int op = rng_below(&g.rng, 100), cidr, i;
		struct vl_peer *peer = &peers[rng_below(&g.rng, NPEERS)];
		u64 seq = table.seq;
		int family = gen_family(&g), ret, want;
		u8 addr[16] = { 0 };

		/* Alternate phases of growth and shrinkage, and keep the
		 * table from growing without bound: op < 45 inserts,
		 * op < 90 removes a prefix, op < 91 removes a peer.
		 */
		if ((step / 750) % 2 == 0 && op >= 45 && op < 90 &&
		    rng_below(&g.rng, 3))
			op = (unsigned int)rng_below(&g.rng, 45);
		if (ref_n > (dense ? 120 : 400) && op < 45)
			op += 45;
		if (step % 5000 == 4999)
			gen_bases(&g);

		if (op < 45) {
			/* insert; a fifth of them take an existing prefix,
			 * usually to another peer
			 */
			if (ref_n && rng_below(&g.rng, 5) == 0) {
				const struct ref_entry *e =
					&ref[rng_below(&g.rng, ref_n)];

				family = e->family;
				memcpy(addr, e->addr, 16);
				cidr = e->cidr;
				moves += e->owner != peer;
			} else {
				gen_prefix(&g, family, addr, &cidr);
			}
			snprintf(when, sizeof(when), "step %lu insert %s to %d",
				 step, fmt_prefix(family, addr, cidr),
				 peer->id);
			ret = vl_allowedips_insert(&table, family, addr,
						   (u8)cidr, peer,
						   &peer->allowedips);
			ref_insert(family, addr, cidr, peer);
			want = 0;
			inserts++;
		} else if (op < 90) {
			/* remove one prefix: an existing one with its owner
			 * or a wrong peer, or a random one
			 */
			if (ref_n && rng_below(&g.rng, 10) < 8) {
				const struct ref_entry *e =
					&ref[rng_below(&g.rng, ref_n)];

				family = e->family;
				memcpy(addr, e->addr, 16);
				cidr = e->cidr;
				if (rng_below(&g.rng, 4))
					peer = e->owner;
			} else {
				gen_prefix(&g, family, addr, &cidr);
			}
			snprintf(when, sizeof(when), "step %lu remove %s of %d",
				 step, fmt_prefix(family, addr, cidr),
				 peer->id);
			ret = vl_allowedips_remove(&table, family, addr,
						   (u8)cidr, peer);
			want = ref_remove(family, addr, cidr, peer);
			if (want)
				removes_enoent++;
			else
				removes++;
		} else if (op < 91) {
			snprintf(when, sizeof(when), "step %lu remove peer %d",
				 step, peer->id);
			vl_allowedips_remove_peer(&table, &peer->allowedips);
			ref_remove_peer(peer);
			ret = want = 0;
			peer_removes++;
			if (!list_empty(&peer->allowedips))
				fail("%s: list not empty after", when);
		} else {
			snprintf(when, sizeof(when), "step %lu (lookups only)",
				 step);
			ret = want = 0;
		}
		if (ret != want)
			fail("%s: returned %d, want %d", when, ret, want);
		if (op < 91 && !want && table.seq <= seq)
			fail("%s: seq not bumped", when);
		if ((op >= 91 || want) && table.seq != seq)
			fail("%s: seq changed without a change", when);
		if (ref_n > max_n)
			max_n = ref_n;

		check_structure();
		for (i = 0; i < 24; i++) {
			int lf;
			u8 la[16];

			gen_lookup(&g, &lf, la);
			check_lookup(lf, la, when);
		}
		lookups += 24;
		if (dense) {
			u8 la[4] = { 10, 1, 2, 0 };

			for (i = 0; i < 256; i++) {
				la[3] = (u8)i;
				check_lookup(AF_INET, la, when);
			}
			la[2] = 3;
			check_lookup(AF_INET, la, when);
			la[2] = 1;
			la[3] = 255;
			check_lookup(AF_INET, la, when);
			lookups += 258;
		}
		if (fails)
			break;
	}

	tap_ok(!fails, "random %s, seed %llu: %lu steps (%lu inserts, %lu "
	       "moved to another peer, %lu removes, %lu -ENOENT, %lu peer "
	       "removals, up to %zu prefixes), %lu lookups match the "
	       "reference, trie shape and peer lists hold",
	       run_name[kind], seed, step,
	       inserts, moves, removes, removes_enoent, peer_removes, max_n,
	       lookups);
	if (fails)
		tap_diag("%lu failures; first: %s", fails, first_fail);
	tap_ok(table_teardown(), "random %s, seed %llu: removing every peer "
	       "leaves both roots NULL and every list empty",
	       run_name[kind], seed);
}

/* ---- explicit cases --------------------------------------------------- */

static bool ins(int family, const char *text, unsigned int cidr, int peer)
{
	u8 addr[16] = { 0 };

	if (inet_pton(family, text, addr) != 1)
		abort();
	ref_insert(family, addr, cidr, &peers[peer]);
	return !vl_allowedips_insert(&table, family, addr, (u8)cidr,
				     &peers[peer], &peers[peer].allowedips);
}

static int look(int family, const char *text)
{
	u8 addr[16] = { 0 };

	if (inet_pton(family, text, addr) != 1)
		abort();
	return peer_id(vl_allowedips_lookup(&table, family, addr));
}

static void explicit_cases(void)
{
	u8 a4[4] = { 192, 0, 2, 0 }, a6[16] = { 0xfd };
	u64 seq;
	int ret;

	fails = 0;
	table_setup();

	tap_ok(vl_allowedips_insert(&table, AF_UNIX, a4, 8, &peers[0],
				    &peers[0].allowedips) == -EAFNOSUPPORT &&
	       vl_allowedips_remove(&table, AF_UNIX, a4, 8, &peers[0]) ==
	       -EAFNOSUPPORT, "a bad family is -EAFNOSUPPORT");
	tap_ok(vl_allowedips_insert(&table, AF_INET, a4, 33, &peers[0],
				    &peers[0].allowedips) == -EINVAL &&
	       vl_allowedips_insert(&table, AF_INET6, a6, 129, &peers[0],
				    &peers[0].allowedips) == -EINVAL &&
	       vl_allowedips_remove(&table, AF_INET, a4, 33, &peers[0]) ==
	       -EINVAL, "cidr past the family's bits is -EINVAL");
	tap_ok(!table.root4 && !table.root6 && list_empty(&peers[0].allowedips),
	       "failed calls leave the table empty");
	tap_ok(vl_allowedips_lookup(&table, AF_INET, a4) == NULL &&
	       vl_allowedips_lookup(&table, AF_INET6, a6) == NULL,
	       "lookups in an empty table find nobody");

	ins(AF_INET, "0.0.0.0", 0, 0);
	ins(AF_INET, "10.0.0.0", 8, 1);
	ins(AF_INET, "10.1.0.0", 16, 2);
	ins(AF_INET, "10.1.2.3", 32, 3);
	ins(AF_INET6, "::", 0, 4);
	ins(AF_INET6, "fd00::", 8, 5);
	ins(AF_INET6, "fd00:1::1", 128, 6);
	tap_ok(look(AF_INET, "10.1.2.3") == 3 && look(AF_INET, "10.1.2.4") == 2 &&
	       look(AF_INET, "10.2.0.0") == 1 && look(AF_INET, "11.0.0.0") == 0 &&
	       look(AF_INET, "9.255.255.255") == 0 &&
	       look(AF_INET, "255.255.255.255") == 0,
	       "IPv4: longest prefix wins, /0 catches the rest");
	tap_ok(look(AF_INET6, "fd00:1::1") == 6 && look(AF_INET6, "fd00:1::2") == 5 &&
	       look(AF_INET6, "fdff::") == 5 && look(AF_INET6, "fe00::") == 4 &&
	       look(AF_INET6, "::ffff:10.1.2.3") == 4,
	       "IPv6: longest prefix wins, families do not mix");
	seq = table.seq;
	ret = vl_allowedips_remove(&table, AF_INET, (u8[]){ 10, 1, 0, 0 }, 16,
				   &peers[1]);
	tap_ok(ret == -ENOENT && table.seq == seq && look(AF_INET, "10.1.9.9") == 2,
	       "removing another peer's prefix is -ENOENT and changes nothing");
	ret = vl_allowedips_remove(&table, AF_INET, (u8[]){ 10, 1, 0, 0 }, 17,
				   &peers[2]);
	tap_ok(ret == -ENOENT, "removing a prefix of another length is -ENOENT");
	ins(AF_INET, "10.1.0.0", 16, 7);
	tap_ok(look(AF_INET, "10.1.9.9") == 7 && list_empty(&peers[2].allowedips),
	       "inserting a prefix again moves it to the new peer");
	ref_remove(AF_INET, (u8[]){ 10, 1, 0, 0 }, 16, &peers[7]);
	ret = vl_allowedips_remove(&table, AF_INET, (u8[]){ 10, 1, 0, 0 }, 16,
				   &peers[7]);
	tap_ok(!ret && table.seq > seq && look(AF_INET, "10.1.9.9") == 1 &&
	       look(AF_INET, "10.1.2.3") == 3, "removing it uncovers the /8");
	check_structure();
	tap_ok(!fails, "structure and peer lists after the explicit changes%s%s",
	       fails ? ": " : "", first_fail);

	/* Out of memory: the table stays as it was and nothing leaks. */
	vl_shim_fail_at = vl_shim_allocs + 1;
	ret = vl_allowedips_insert(&table, AF_INET, (u8[]){ 172, 16, 0, 0 }, 12,
				   &peers[0], &peers[0].allowedips);
	tap_ok(ret == -ENOMEM, "-ENOMEM when the new node cannot be allocated");
	/* 10.1.3.0/24 parts from 10.1.2.3/32 at bit 23: a leaf and a branch,
	 * and the branch fails
	 */
	vl_shim_fail_at = vl_shim_allocs + 2;
	ret = vl_allowedips_insert(&table, AF_INET, (u8[]){ 10, 1, 3, 0 }, 24,
				   &peers[0], &peers[0].allowedips);
	tap_ok(ret == -ENOMEM, "-ENOMEM when the branch node cannot be "
	       "allocated");
	vl_shim_fail_at = 0;
	fails = 0;
	check_structure();
	tap_ok(!fails && look(AF_INET, "172.16.0.1") == 0 &&
	       look(AF_INET, "10.1.3.1") == 1 && look(AF_INET, "10.1.2.3") == 3,
	       "after -ENOMEM the table is unchanged%s%s",
	       fails ? ": " : "", first_fail);

	/* has_host_bits */
	tap_ok(!vl_allowedips_has_host_bits(AF_INET, (u8[]){ 10, 0, 0, 0 }, 8) &&
	       vl_allowedips_has_host_bits(AF_INET, (u8[]){ 10, 0, 0, 1 }, 8) &&
	       vl_allowedips_has_host_bits(AF_INET, (u8[]){ 10, 0, 0, 1 }, 31) &&
	       !vl_allowedips_has_host_bits(AF_INET, (u8[]){ 10, 0, 0, 1 }, 32) &&
	       vl_allowedips_has_host_bits(AF_INET, (u8[]){ 0, 0, 0, 1 }, 0) &&
	       !vl_allowedips_has_host_bits(AF_INET, (u8[]){ 0, 0, 0, 0 }, 0),
	       "has_host_bits: IPv4 examples");

	/* free: drops every node and leaves the peers' lists empty */
	vl_allowedips_free(&table);
	tap_ok(!table.root4 && !table.root6 &&
	       list_empty(&peers[0].allowedips) &&
	       list_empty(&peers[3].allowedips) &&
	       list_empty(&peers[6].allowedips),
	       "vl_allowedips_free() empties the table and the peer lists");
	ref_n = 0;
}

static void random_host_bits(unsigned long long seed)
{
	struct rng rng = { seed };
	unsigned long i, bad = 0;

	for (i = 0; i < 200000; i++) {
		int family = rng_below(&rng, 2) ? AF_INET : AF_INET6;
		unsigned int len = addr_len(family), bits = 8 * len, cidr, b;
		u8 addr[16] = { 0 }, masked[16];
		bool want;

		random_bytes(&rng, addr, len);
		cidr = rng_below(&rng, bits + 1);
		/* mostly addresses with few host bits, to hit the edge */
		if (rng_below(&rng, 4)) {
			mask_bytes(addr, len, cidr);
			if (cidr < bits && rng_below(&rng, 2)) {
				b = cidr + rng_below(&rng, bits - cidr);
				addr[b / 8] |= 0x80 >> (b % 8);
			}
		}
		memcpy(masked, addr, 16);
		mask_bytes(masked, len, cidr);
		want = memcmp(masked, addr, len) != 0;
		if (vl_allowedips_has_host_bits(family, addr, (u8)cidr) != want)
			if (!bad++)
				tap_diag("has_host_bits(%s) should be %d",
					 fmt_prefix(family, addr, (int)cidr),
					 want);
	}
	tap_ok(!bad, "has_host_bits agrees with byte-wise masking on %lu "
	       "random IPv4/IPv6 prefixes (seed %llu)", i, seed);
}

int main(int argc, char **argv)
{
	unsigned long long seeds[4] = { 1, 42, 0xc0ffee }, extra;
	unsigned int nseeds = 3, s;
	unsigned long steps = 6000;

	if (argc > 1)
		steps = strtoul(argv[1], NULL, 0);
	if (tap_env_seed(&extra))
		seeds[nseeds++] = extra;

	explicit_cases();
	random_host_bits(seeds[0]);
	for (s = 0; s < nseeds; s++)
		random_run(seeds[s], steps, RUN_MIXED);
	for (s = 0; s < nseeds; s++)
		random_run(seeds[s] + 1000, steps / 3, RUN_DENSE4);
	for (s = 0; s < nseeds; s++)
		random_run(seeds[s] + 2000, steps / 2, RUN_EDGES6);
	free(ref);
	free(scratch_a);
	free(scratch_b);
	return tap_exit();
}
