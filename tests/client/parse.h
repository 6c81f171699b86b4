/* SPDX-License-Identifier: GPL-2.0 */
/*
 * parse.h: values from the command line (numbers, hex, keys, endpoints,
 * prefixes), checked only as far as their netlink attribute needs: what
 * the kernel must refuse is left for it to refuse, since tests check that.
 */
#ifndef VLCTL_PARSE_H
#define VLCTL_PARSE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vpnlink.h>

#define B64_KEY_LEN		44	/* base64 of 32 bytes, with one '=' */

/* An unsigned number (decimal, 0x hex or 0 octal) no larger than @max. */
int parse_uint(const char *s, uint64_t max, uint64_t *out);

/* Decodes exactly @len bytes of hex from @s (2 * @len digits). */
int parse_hex(const char *s, uint8_t *out, size_t len);

/* Decodes a hex string of any even length into a new buffer (free it). */
uint8_t *parse_hex_alloc(const char *s, size_t *len);

/* A key as 64 hex digits or as canonical base64, as "wg genkey" prints. */
int parse_key(const char *s, uint8_t key[VPNLINK_KEY_LEN]);

/* A key the way vlctl prints keys: base64. */
void key_to_base64(const uint8_t key[VPNLINK_KEY_LEN],
		   char out[B64_KEY_LEN + 1]);

/* Seconds, maybe fractional ("0.5"), as milliseconds. */
int parse_seconds(const char *s, int64_t *ms);

struct endpoint {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
	uint16_t port;
	uint32_t scope_id;
};

/* 192.0.2.1:51820, [2001:db8::1]:51820 or [fe80::1%eth0]:51820. */
int parse_endpoint(const char *s, struct endpoint *ep);

struct prefix {
	int family;
	uint8_t addr[16];
	uint8_t cidr;
	bool remove;		/* sent with VPNLINK_ALLOWEDIP_F_REMOVE */
};

/* A growing array of prefixes; free(v) when done. */
struct prefix_list {
	struct prefix *v;
	size_t n, cap;
};

int prefix_list_push(struct prefix_list *l, const struct prefix *p);

/* Appends each prefix of the comma-separated @s, flagged @remove. */
int prefix_list_parse(struct prefix_list *l, const char *s, bool remove);

#endif /* VLCTL_PARSE_H */
