/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The value parsers of the configuration file.  Each is a pure function of
 * one string that neither allocates nor prints, so that the unit tests and
 * the fuzzer can drive them alone; the parser words the messages.
 */
#ifndef VL_CONFIG_VALUES_H
#define VL_CONFIG_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* Longest host an endpoint may name: a DNS name, or IPv6 and a %zone. */
#define VL_HOST_MAX		253

/*
 * A decimal number (or "0x" hex when hex) from min to max, digits only:
 * no sign, no blanks.  0 or -1.
 */
int vl_parse_uint(const char *s, bool hex, uint32_t min, uint32_t max,
		  uint32_t *out);

/* yes/no, true/false, on/off, 1/0, in any case.  0 or -1. */
int vl_parse_bool(const char *s, bool *out);

/* An IPv4 or IPv6 address.  0 or -1. */
int vl_parse_addr(const char *s, struct vl_addr *out);

/* ADDR[/PREFIX]; without a prefix a host: /32 or /128.  0 or -1. */
int vl_parse_prefix(const char *s, struct vl_prefix *out);

/* Clears the bits beyond the prefix; true if any were set. */
bool vl_prefix_mask(struct vl_prefix *p);

/* "addr/prefix" in buf, as inet_ntop writes the address. */
void vl_prefix_format(const struct vl_prefix *p, char *buf, size_t size);

/*
 * host:port or [ipv6]:port (the IPv6 address may carry a %zone).  host
 * gets the host without brackets and needs VL_HOST_MAX + 1 bytes.  NULL,
 * or what is wrong.
 */
const char *vl_parse_endpoint(const char *s, char *host, uint16_t *port);

/* A DNS name: labels of 1..63 letters, digits, '-' or '_'; 253 at most. */
bool vl_domain_valid(const char *s);

/* What Linux takes as an interface name (dev_valid_name()). */
bool vl_linux_ifname_valid(const char *s);

/*
 * The next item of a list in s: items are separated by any run of
 * commas and blanks.  Cuts s in place; NULL at the end.
 */
char *vl_list_next(char **s);

/*
 * A Table value: auto, off, a number from 1 (decimal or 0x hex), or a
 * name of ip-route(8) (see vl_rt_table_lookup()).  NULL, or what is wrong.
 */
const char *vl_parse_table(const char *s, enum vl_table_mode *mode,
			   uint32_t *id);

#endif /* VL_CONFIG_VALUES_H */
