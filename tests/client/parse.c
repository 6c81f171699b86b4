// SPDX-License-Identifier: GPL-2.0
/*
 * parse.c: values from the command line.  Each parser takes one argument
 * and returns 0 or -1; the caller turns -1 into a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "parse.h"

int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	/* strtoull accepts "-1" and wraps it: refuse signs outright. */
	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_hex(const char *s, uint8_t *out, size_t len)
{
	size_t i;

	if (strlen(s) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		int hi = hex_nibble(s[2 * i]), lo = hex_nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = hi << 4 | lo;
	}
	return 0;
}

uint8_t *parse_hex_alloc(const char *s, size_t *len)
{
	size_t n = strlen(s);
	uint8_t *buf;

	if (n % 2)
		return NULL;
	buf = malloc(n / 2 + 1);	/* +1: malloc(0) may return NULL */
	if (!buf)
		return NULL;
	if (parse_hex(s, buf, n / 2)) {
		free(buf);
		return NULL;
	}
	*len = n / 2;
	return buf;
}

void key_to_base64(const uint8_t key[VPNLINK_KEY_LEN],
		   char out[B64_KEY_LEN + 1])
{
	EVP_EncodeBlock((unsigned char *)out, key, VPNLINK_KEY_LEN);
}

/* Base64 must be canonical (re-encoding gives the same text), so that one
 * key has exactly one spelling in test scripts.
 */
int parse_key(const char *s, uint8_t key[VPNLINK_KEY_LEN])
{
	unsigned char buf[VPNLINK_KEY_LEN + 1];
	char again[B64_KEY_LEN + 1];
	size_t n = strlen(s);

	if (n == 2 * VPNLINK_KEY_LEN)
		return parse_hex(s, key, VPNLINK_KEY_LEN);
	if (n != B64_KEY_LEN || s[B64_KEY_LEN - 1] != '=' ||
	    s[B64_KEY_LEN - 2] == '=')
		return -1;
	/* 44 characters decode to 33 bytes: the padding counts as a zero. */
	if (EVP_DecodeBlock(buf, (const unsigned char *)s, B64_KEY_LEN) !=
	    VPNLINK_KEY_LEN + 1)
		return -1;
	memcpy(key, buf, VPNLINK_KEY_LEN);
	key_to_base64(key, again);
	return strcmp(again, s) ? -1 : 0;
}

int parse_seconds(const char *s, int64_t *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	/* The comparison also refuses NaN and infinity. */
	if (!*s || *end || errno || !(v >= 0 && v <= 1e7))
		return -1;
	*ms = (int64_t)(v * 1000 + 0.5);
	return 0;
}

/* A scope: an interface name, or its index as a number. */
static int parse_scope(const char *s, uint32_t *scope)
{
	uint64_t v;

	if (!parse_uint(s, UINT32_MAX, &v)) {
		*scope = v;
		return 0;
	}
	*scope = if_nametoindex(s);
	return *scope ? 0 : -1;
}

/* Port 0 is accepted so that tests can see the kernel refuse it. */
int parse_endpoint(const char *s, struct endpoint *ep)
{
	char host[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	const char *end, *port;
	uint64_t v;
	size_t len;

	memset(ep, 0, sizeof(*ep));
	if (s[0] == '[') {
		end = strchr(s, ']');
		if (!end || end[1] != ':')
			return -1;
		port = end + 2;
		s++;
		ep->family = AF_INET6;
	} else {
		end = strrchr(s, ':');
		if (!end)
			return -1;
		port = end + 1;
		ep->family = AF_INET;
	}
	len = end - s;
	if (len >= sizeof(host))
		return -1;
	memcpy(host, s, len);
	host[len] = '\0';
	if (ep->family == AF_INET6) {
		char *pct = strchr(host, '%');

		if (pct) {
			*pct = '\0';
			if (parse_scope(pct + 1, &ep->scope_id))
				return -1;
		}
	}
	if (inet_pton(ep->family, host, &ep->addr) != 1)
		return -1;
	if (parse_uint(port, UINT16_MAX, &v))
		return -1;
	ep->port = v;
	return 0;
}

/* 10.0.0.0/24, fd00::/64, or a bare address.  Host bits past the CIDR are
 * not cleared: refusing them is the kernel's job, and tests check it does.
 */
static int parse_prefix(const char *s, size_t len, struct prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 5];
	char *slash;
	uint64_t cidr;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(p, 0, sizeof(*p));
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	p->family = strchr(buf, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(p->family, buf, p->addr) != 1)
		return -1;
	cidr = p->family == AF_INET ? 32 : 128;
	if (slash && parse_uint(slash + 1, cidr, &cidr))
		return -1;
	p->cidr = cidr;
	return 0;
}

int prefix_list_push(struct prefix_list *l, const struct prefix *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct prefix *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *p;
	return 0;
}

int prefix_list_parse(struct prefix_list *l, const char *s, bool remove)
{
	for (;;) {
		size_t len = strcspn(s, ",");
		struct prefix p;

		if (parse_prefix(s, len, &p))
			return -1;
		p.remove = remove;
		if (prefix_list_push(l, &p))
			return -1;
		if (!s[len])
			return 0;
		s += len + 1;
	}
}
