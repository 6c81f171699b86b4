// SPDX-License-Identifier: GPL-2.0
/* vlpkt data: data messages as a peer would send them, around ICMP or
 * ICMPv6 echo requests with correct checksums (packets the far side's
 * stack takes), or with the deliberate faults of --keepalive,
 * --inner-garbage, --inner-len-lie and --bad-tag.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "vlpkt.h"

static const char payload_pattern[] = "vlpkt-payload-";

static uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t len)
{
	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* An ICMP echo request (IPv4) or ICMPv6 echo request into buf; returns
 * its length.  With lie, the IP length field claims 32 bytes more than
 * the padded plaintext will hold.
 */
static size_t build_echo(uint8_t *buf, int family, const void *src,
			 const void *dst, size_t payload_len, uint16_t seq,
			 bool lie)
{
	size_t iph = family == AF_INET ? 20 : 40, i, total;
	uint8_t *icmp = buf + iph;
	uint64_t sum;
	uint16_t c;

	total = iph + 8 + payload_len;
	memset(buf, 0, iph + 8);
	icmp[0] = family == AF_INET ? 8 : 128;	/* echo request */
	icmp[1] = 0;
	put_be16(icmp + 4, 0x564c);		/* "VL" */
	put_be16(icmp + 6, seq);
	for (i = 0; i < payload_len; i++)
		icmp[8 + i] = (uint8_t)payload_pattern[i %
						(sizeof(payload_pattern) - 1)];

	if (family == AF_INET) {
		size_t claimed = lie ? dm_padded_len(total) + 32 : total;

		if (claimed > 0xffff)
			die("inner packet too large for IPv4 (%zu bytes)",
			    claimed);
		c = csum_fold(csum_add(0, icmp, 8 + payload_len));
		put_be16(icmp + 2, c);
		buf[0] = 0x45;
		put_be16(buf + 2, (uint16_t)claimed);
		put_be16(buf + 4, seq);			/* id */
		buf[8] = 64;				/* ttl */
		buf[9] = IPPROTO_ICMP;
		memcpy(buf + 12, src, 4);
		memcpy(buf + 16, dst, 4);
		put_be16(buf + 10, csum_fold(csum_add(0, buf, 20)));
	} else {
		size_t plen = 8 + payload_len;
		size_t claimed = lie ? dm_padded_len(total) + 32 - 40 : plen;
		uint8_t pseudo[40];

		if (claimed > 0xffff)
			die("inner packet too large for IPv6 (%zu bytes)",
			    claimed + 40);
		memcpy(pseudo, src, 16);
		memcpy(pseudo + 16, dst, 16);
		pseudo[32] = (uint8_t)(plen >> 24);
		pseudo[33] = (uint8_t)(plen >> 16);
		pseudo[34] = (uint8_t)(plen >> 8);
		pseudo[35] = (uint8_t)plen;
		pseudo[36] = pseudo[37] = pseudo[38] = 0;
		pseudo[39] = IPPROTO_ICMPV6;
		sum = csum_add(0, pseudo, sizeof(pseudo));
		c = csum_fold(csum_add(sum, icmp, plen));
		put_be16(icmp + 2, c);
		buf[0] = 0x60;
		put_be16(buf + 4, (uint16_t)claimed);
		buf[6] = IPPROTO_ICMPV6;
		buf[7] = 64;				/* hop limit */
		memcpy(buf + 8, src, 16);
		memcpy(buf + 24, dst, 16);
	}
	return total;
}

static int parse_inner(const char *opt, const char *text, uint8_t addr[16])
{
	if (inet_pton(AF_INET, text, addr) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, text, addr) == 1)
		return AF_INET6;
	usage_error("--%s: not an IPv4 or IPv6 address: '%s'", opt, text);
}

int cmd_data(struct opts *o)
{
	uint8_t src[16], dst[16], *plain, *msg;
	int family = 0, modes;
	struct sender s;
	struct rng rng = { random_seed() };
	size_t cap, plen, mlen;
	uint64_t i;

	if (!o->has_index || !o->has_key)
		usage_error("data: --index and --key are required");
	modes = o->keepalive + o->inner_garbage + o->inner_len_lie;
	if (modes > 1)
		usage_error("data: --keepalive, --inner-garbage and "
			    "--inner-len-lie exclude each other");
	if (!o->has_payload_len)
		o->payload_len = 56;
	if (!o->keepalive && !o->inner_garbage) {
		if (!o->inner_src || !o->inner_dst)
			usage_error("data: --inner-src and --inner-dst are "
				    "required for an inner packet");
		family = parse_inner("inner-src", o->inner_src, src);
		if (parse_inner("inner-dst", o->inner_dst, dst) != family)
			usage_error("data: --inner-src and --inner-dst are of "
				    "different families");
	}
	if (o->inner_garbage && !o->payload_len)
		usage_error("data: --inner-garbage needs --payload-len > 0 (an "
			    "empty plaintext is a keepalive)");
	if (!o->has_count)
		o->count = 1;
	if (o->count && o->counter + (o->count - 1) < o->counter)
		usage_error("data: counter + count overflows");
	if (o->payload_len > 65535)
		usage_error("data: --payload-len at most 65535");

	cap = dm_message_len(o->payload_len + 40 + 8) + 64;
	plain = calloc(1, cap);
	msg = calloc(1, cap);
	if (!plain || !msg)
		die("out of memory");
	sender_open(&s, o);
	for (i = 0; i < o->count; i++) {
		uint64_t counter = o->counter + i;

		if (o->keepalive) {
			plen = 0;
		} else if (o->inner_garbage) {
			static const uint8_t nibbles[] = {
				0, 1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

			plen = o->payload_len;
			rng_fill(&rng, plain, plen);
			plain[0] = (uint8_t)((plain[0] & 0x0f) |
				   nibbles[rng_below(&rng, sizeof(nibbles))] << 4);
		} else {
			plen = build_echo(plain, family, src, dst,
					  o->payload_len, (uint16_t)counter,
					  o->inner_len_lie);
		}
		mlen = dm_build(msg, o->index, counter, o->key, plain, plen);
		if (!mlen)
			die("encryption failed");
		if (o->bad_tag)
			msg[mlen - 1] ^= 1;
		sender_send(&s, msg, mlen);
	}
	sender_close(&s);
	free(plain);
	free(msg);
	return 0;
}
