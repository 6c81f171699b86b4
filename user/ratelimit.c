// SPDX-License-Identifier: GPL-2.0
/*
 * The handshake rate limiter: a chained hash table whose entries live in
 * one array (a free list links the unused ones), so that its size is fixed
 * at creation and nothing is allocated per packet.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "crypto.h"
#include "ratelimit.h"

/* In nanoseconds of tokens, as WireGuard counts: one message costs 1/20 s
 * and the bucket holds five of them.
 */
#define PACKET_COST	(1000000000ULL / VL_RATELIMIT_PER_SECOND)
#define TOKEN_MAX	(PACKET_COST * VL_RATELIMIT_BURST)

#define NONE		(-1)
#define KEY_LEN		9	/* family, then 4 (IPv4) or 8 (/64) bytes */

struct entry {
	uint64_t last_ns;
	uint64_t tokens;
	int32_t next;		/* in the bucket's chain or the free list */
	uint8_t key[KEY_LEN];
};

struct vl_ratelimit {
	EVP_MAC_CTX *siphash;
	uint8_t hash_key[16];
	uint32_t nbuckets;	/* a power of two */
	uint32_t max_entries;
	uint32_t count;
	int32_t free;
	bool swept;
	uint64_t last_sweep_ns;
	int32_t *buckets;
	struct entry *entries;
};

struct vl_ratelimit *vl_ratelimit_new(unsigned int max_entries)
{
	struct vl_ratelimit *rl;
	EVP_MAC *mac;
	uint32_t i;

	if (!max_entries)
		max_entries = VL_RATELIMIT_DEFAULT_ENTRIES;
	if (max_entries > (1U << 24))
		return NULL;
	rl = calloc(1, sizeof(*rl));
	if (!rl)
		return NULL;
	rl->max_entries = max_entries;
	/* chains of about four at worst */
	for (rl->nbuckets = 16; rl->nbuckets < max_entries / 4;)
		rl->nbuckets <<= 1;
	rl->buckets = malloc(rl->nbuckets * sizeof(*rl->buckets));
	rl->entries = calloc(max_entries, sizeof(*rl->entries));
	if (!rl->buckets || !rl->entries ||
	    vl_random(rl->hash_key, sizeof(rl->hash_key)))
		goto fail;
	mac = EVP_MAC_fetch(NULL, "SIPHASH", NULL);
	rl->siphash = mac ? EVP_MAC_CTX_new(mac) : NULL;
	EVP_MAC_free(mac);
	if (!rl->siphash)
		goto fail;
	for (i = 0; i < rl->nbuckets; i++)
		rl->buckets[i] = NONE;
	for (i = 0; i < max_entries; i++)
		rl->entries[i].next = i + 1 < max_entries ? (int32_t)i + 1 :
							    NONE;
	rl->free = 0;
	return rl;
fail:
	vl_ratelimit_free(rl);
	return NULL;
}

void vl_ratelimit_free(struct vl_ratelimit *rl)
{
	if (!rl)
		return;
	EVP_MAC_CTX_free(rl->siphash);
	vl_wipe(rl->hash_key, sizeof(rl->hash_key));
	free(rl->buckets);
	free(rl->entries);
	free(rl);
}

unsigned int vl_ratelimit_count(const struct vl_ratelimit *rl)
{
	return rl->count;
}

/* The bucket for @key, or -1 if OpenSSL fails. */
static int64_t bucket_of(struct vl_ratelimit *rl, const uint8_t *key)
{
	size_t size = 8, n = 0;
	const OSSL_PARAM params[] = {
		OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
		OSSL_PARAM_construct_end(),
	};
	uint8_t out[8];
	uint64_t h = 0;
	int i;

	if (EVP_MAC_init(rl->siphash, rl->hash_key, sizeof(rl->hash_key),
			 params) != 1 ||
	    EVP_MAC_update(rl->siphash, key, KEY_LEN) != 1 ||
	    EVP_MAC_final(rl->siphash, out, &n, sizeof(out)) != 1 ||
	    n != sizeof(out))
		return -1;
	for (i = 0; i < 8; i++)
		h = h << 8 | out[i];
	return (int64_t)(h & (rl->nbuckets - 1));
}

/* Drop the entries idle for more than a second. */
static void sweep(struct vl_ratelimit *rl, uint64_t now_ns)
{
	uint32_t b;

	for (b = 0; b < rl->nbuckets; b++) {
		int32_t *link = &rl->buckets[b];

		while (*link != NONE) {
			struct entry *e = &rl->entries[*link];
			int32_t idx = *link;

			if (now_ns > e->last_ns &&
			    now_ns - e->last_ns > VL_RATELIMIT_IDLE_NS) {
				*link = e->next;
				e->next = rl->free;
				rl->free = idx;
				rl->count--;
			} else {
				link = &e->next;
			}
		}
	}
	rl->last_sweep_ns = now_ns;
	rl->swept = true;
}

bool vl_ratelimit_allow(struct vl_ratelimit *rl, const struct vl_srcaddr *src,
			uint64_t now_ns)
{
	uint8_t key[KEY_LEN] = { 0 };
	struct entry *e;
	int64_t bucket;
	int32_t idx;

	switch (src->family) {
	case AF_INET:
		key[0] = 4;
		memcpy(key + 1, src->ip, 4);
		break;
	case AF_INET6:
		/* a host owns its /64: counting finer would let it pick a
		 * fresh address for every message
		 */
		key[0] = 6;
		memcpy(key + 1, src->ip, 8);
		break;
	default:
		return false;
	}
	if (!rl->swept || now_ns < rl->last_sweep_ns ||
	    now_ns - rl->last_sweep_ns >= VL_RATELIMIT_IDLE_NS)
		sweep(rl, now_ns);

	bucket = bucket_of(rl, key);
	if (bucket < 0)
		return false;
	for (idx = rl->buckets[bucket]; idx != NONE; idx = e->next) {
		uint64_t tokens;
		bool ok;

		e = &rl->entries[idx];
		if (memcmp(e->key, key, KEY_LEN))
			continue;
		tokens = e->tokens;
		if (now_ns > e->last_ns)
			tokens += now_ns - e->last_ns;
		if (tokens > TOKEN_MAX)
			tokens = TOKEN_MAX;
		e->last_ns = now_ns;
		ok = tokens >= PACKET_COST;
		e->tokens = ok ? tokens - PACKET_COST : tokens;
		return ok;
	}

	if (rl->free == NONE)
		return false;
	idx = rl->free;
	e = &rl->entries[idx];
	rl->free = e->next;
	memcpy(e->key, key, KEY_LEN);
	e->last_ns = now_ns;
	/* a new source starts with a full bucket, this message paid */
	e->tokens = TOKEN_MAX - PACKET_COST;
	e->next = rl->buckets[bucket];
	rl->buckets[bucket] = idx;
	rl->count++;
	return true;
}
