// SPDX-License-Identifier: GPL-2.0
/*
 * Value parsers for the configuration file.  Addresses go through
 * inet_pton(); nothing here resolves a name, that is the daemon's job.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "config_values.h"

#define LIST_SEPARATORS	", \t\r\n\v\f"

int vl_parse_uint(const char *s, bool hex, uint32_t min, uint32_t max,
		  uint32_t *out)
{
	unsigned int base = 10, digit;
	uint64_t v = 0;

	if (hex && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = *s - '0';
		else if (base == 16 && isxdigit((unsigned char)*s))
			digit = tolower((unsigned char)*s) - 'a' + 10;
		else
			return -1;
		v = v * base + digit;
		/* Stops long before v could wrap: max is 32 bits. */
		if (v > max)
			return -1;
	}
	if (v < min)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int vl_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

int vl_parse_addr(const char *s, struct vl_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->addr) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, s, out->addr) == 1)
		out->family = AF_INET6;
	else
		return -1;
	return 0;
}

int vl_parse_prefix(const char *s, struct vl_prefix *out)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	struct vl_addr a;
	uint32_t max, prefix;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (vl_parse_addr(buf, &a))
		return -1;
	max = a.family == AF_INET ? 32 : 128;
	prefix = max;
	if (slash && vl_parse_uint(slash + 1, false, 0, max, &prefix))
		return -1;
	out->family = a.family;
	memcpy(out->addr, a.addr, sizeof(out->addr));
	out->prefix = (uint8_t)prefix;
	return 0;
}

bool vl_prefix_mask(struct vl_prefix *p)
{
	unsigned int bytes = p->family == AF_INET ? 4 : 16;
	unsigned int i, keep;
	bool had = false;
	uint8_t mask;

	for (i = 0; i < bytes; i++) {
		keep = p->prefix > i * 8 ? p->prefix - i * 8 : 0;
		mask = keep >= 8 ? 0xff : (uint8_t)(0xff00 >> keep);
		if (p->addr[i] & ~mask)
			had = true;
		p->addr[i] &= mask;
	}
	return had;
}

void vl_prefix_format(const struct vl_prefix *p, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(p->family, p->addr, a, sizeof(a)))
		strcpy(a, "?");
	snprintf(buf, size, "%s/%u", a, p->prefix);
}

bool vl_domain_valid(const char *s)
{
	size_t len = strlen(s), label = 0;

	/* One trailing dot makes a name absolute; it is no label. */
	if (len && s[len - 1] == '.')
		len--;
	if (!len || len > 253)
		return false;
	for (; len--; s++) {
		if (*s == '.') {
			if (!label)
				return false;
			label = 0;
		} else if (isalnum((unsigned char)*s) || *s == '-' ||
			   *s == '_') {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
	}
	/* No empty label at the end either: "a.." is no name. */
	return label != 0;
}

bool vl_linux_ifname_valid(const char *s)
{
	size_t len = strnlen(s, VL_IFNAME_MAX + 1);

	if (!len || len > VL_IFNAME_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			return false;
	return true;
}

/* Inside brackets: an IPv6 address, perhaps with a %zone (a link). */
static const char *endpoint_v6(const char *s, size_t len, char *host)
{
	char buf[INET6_ADDRSTRLEN];
	const char *zone = memchr(s, '%', len);
	size_t alen = zone ? (size_t)(zone - s) : len;
	struct in6_addr a;
	uint32_t index;

	if (!len)
		return "empty brackets, expected [IPv6 address]:port";
	if (alen >= sizeof(buf))
		return "not an IPv6 address in the brackets";
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (inet_pton(AF_INET6, buf, &a) != 1)
		return "not an IPv6 address in the brackets";
	if (zone) {
		char name[VL_IFNAME_MAX + 1];
		size_t zlen = len - alen - 1;

		if (!zlen || zlen > VL_IFNAME_MAX)
			return "bad %zone: expected an interface name or index";
		memcpy(name, zone + 1, zlen);
		name[zlen] = '\0';
		if (!vl_linux_ifname_valid(name) &&
		    vl_parse_uint(name, false, 1, UINT32_MAX, &index))
			return "bad %zone: expected an interface name or index";
	}
	memcpy(host, s, len);
	host[len] = '\0';
	return NULL;
}

/* Without brackets: an IPv4 address or a DNS name. */
static const char *endpoint_host(const char *s, size_t len, char *host)
{
	struct in_addr a;

	if (!len)
		return "no host before the port";
	if (memchr(s, ':', len))
		return "an IPv6 address needs brackets: [address]:port";
	if (len > VL_HOST_MAX)
		return "the host name is too long";
	memcpy(host, s, len);
	host[len] = '\0';
	/* What looks like a dotted quad is taken for one, as getaddrinfo. */
	if (strspn(host, "0123456789.") == len) {
		if (inet_pton(AF_INET, host, &a) != 1)
			return "not an IPv4 address";
	} else if (!vl_domain_valid(host)) {
		return "not a host name or IP address";
	}
	return NULL;
}

const char *vl_parse_endpoint(const char *s, char *host, uint16_t *port)
{
	const char *colon, *err;
	uint32_t p;

	host[0] = '\0';
	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close)
			return "no closing ']' after the IPv6 address";
		if (close[1] != ':')
			return "no :port after the ']'";
		colon = close + 1;
		err = endpoint_v6(s + 1, close - s - 1, host);
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return "no port: expected host:port";
		err = endpoint_host(s, colon - s, host);
	}
	if (err)
		return err;
	if (vl_parse_uint(colon + 1, false, 1, 65535, &p))
		return "the port must be a number from 1 to 65535";
	*port = (uint16_t)p;
	return NULL;
}

char *vl_list_next(char **s)
{
	char *p = *s + strspn(*s, LIST_SEPARATORS), *item;

	if (!*p) {
		*s = p;
		return NULL;
	}
	item = p;
	p += strcspn(p, LIST_SEPARATORS);
	if (*p)
		*p++ = '\0';
	*s = p;
	return item;
}
