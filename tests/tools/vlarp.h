/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vlarp's insides, shared between its source files (no API: vlarp is one
 * program, see `vlarp --help`).  One file per job:
 *
 *   vlarp.c          the command line: usage text, options, which command
 *                    takes which, parsing their values, dispatch
 *   vlarp_iface.c    the interface: index, MAC, first IPv4 address,
 *                    link-local IPv6 address
 *   vlarp_sock.c     the AF_PACKET socket: open, send a frame, receive
 *   vlarp_targets.c  the target addresses: one, or a range FIRST-LAST
 *   vlarp_arp.c      `arp`: the ARP request, and recognising its reply
 *   vlarp_nd.c       `ns`: the Neighbour Solicitation, and recognising the
 *                    Neighbour Advertisement that answers it
 *   vlarp_csum.c     the Internet checksum, and ICMPv6's with its
 *                    pseudo-header
 *   vlarp_run.c      sending the requests (one at a time, or --pipeline)
 *                    and matching the replies, the result lines
 *   vlarp_stats.c    the latencies: median and 90th percentile
 */
#ifndef VLARP_VLARP_H
#define VLARP_VLARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Exit statuses, as `vlarp --help` documents them. */
#define EXIT_MISSED	1	/* not the replies expected */
#define EXIT_USAGE	2

#define MAC_LEN		6
#define ETH_HDR_LEN	14
#define ETH_MIN_FRAME	60	/* without the FCS */
#define FRAME_MAX	128	/* what vlarp sends fits in this */

/* Limits of the options. */
#define MAX_COUNT	1000000
#define MAX_TARGETS	65536
#define MAX_MS		3600000

/* Bits, so that vlarp.c can say which commands take an option. */
enum cmd {
	CMD_ARP = 1 << 0,
	CMD_NS = 1 << 1,
};

/* The targets: n addresses from first up, counting in the last 32 bits
 * (an IPv4 address, or the low 32 bits of an IPv6 address).  One --target
 * is a range of one.  alen is 4 or 16.
 */
struct targets {
	uint8_t first[16];
	size_t alen;
	uint32_t n;
};

/* The command line, parsed by vlarp.c. */
struct opts {
	enum cmd cmd;
	const char *cmd_name;
	const char *iface;
	struct targets targets;
	bool has_target;
	uint8_t sender[16];	/* arp --sender, ns --source */
	bool has_sender;
	uint64_t count;
	long interval_ms, timeout_ms;
	bool gratuitous, probe, dad, bad_checksum;
	bool pipeline, expect_none, quiet;
};

/* vlarp_iface.c: what vlarp needs to know of the interface. */
struct iface {
	const char *name;
	int index;
	uint8_t mac[MAC_LEN];
	uint8_t ipv4[4];
	bool has_ipv4;
	uint8_t ll6[16];	/* the first link-local address */
	bool has_ll6;
};

void iface_get(struct iface *ifc, const char *name);

/* vlarp_sock.c: an AF_PACKET socket bound to the interface and one
 * EtherType, with what was queued before it was ready thrown away.
 * sock_recv() returns the frame's length (Ethernet header included), 0 if
 * there is nothing more to read now; frames vlarp sent itself and frames
 * larger than the buffer are skipped.
 */
int sock_open(const struct iface *ifc, uint16_t ethertype);
void sock_send(int fd, const struct iface *ifc, const uint8_t *frame,
	       size_t len);
size_t sock_recv(int fd, uint8_t *buf, size_t size);

/* vlarp_targets.c */
void targets_addr(const struct targets *t, uint32_t i, uint8_t *addr);
bool targets_index(const struct targets *t, const uint8_t *addr,
		   uint32_t *i);

/* A reply, as a protocol recognised it: for which target, the MAC it
 * gives (if it gives one), and the Neighbour Advertisement's flags.
 */
struct reply {
	uint32_t target;
	uint8_t mac[MAC_LEN];
	bool has_mac;
	uint8_t flags;		/* ND_* below; 0 for ARP */
};

#define ND_ROUTER	0x80
#define ND_SOLICITED	0x40
#define ND_OVERRIDE	0x20

/* What vlarp_run.c needs of a protocol: a check that the interface has
 * the addresses the requests need (dies if not), the request for target i
 * as a whole Ethernet frame (returns its length), and whether a received
 * frame is a reply to one of the requests.
 */
struct proto {
	uint16_t ethertype;
	bool has_flags;		/* the result lines show the flags */
	void (*check)(const struct opts *o, const struct iface *ifc);
	size_t (*build)(const struct opts *o, const struct iface *ifc,
			uint32_t i, uint8_t *frame);
	bool (*match)(const struct opts *o, const struct iface *ifc,
		      const uint8_t *frame, size_t len, struct reply *r);
};

extern const struct proto proto_arp;	/* vlarp_arp.c */
extern const struct proto proto_nd;	/* vlarp_nd.c */

/* vlarp_run.c: sends o->count requests and prints a line for each and the
 * summary; returns the exit status.
 */
int run(const struct opts *o, const struct proto *p);

/* vlarp_csum.c: the Internet checksum (RFC 1071) of len bytes, folded
 * into sum, and ICMPv6's over its pseudo-header (RFC 8200 8.1); the
 * checksum field must be zero, or the result is 0 for a correct message.
 */
uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len);
uint16_t csum_fold(uint32_t sum);
uint16_t icmp6_csum(const uint8_t *src, const uint8_t *dst,
		    const uint8_t *msg, size_t len);

/* vlarp_stats.c: the nearest-rank percentile pct (0 < pct <= 100) of n
 * values, sorting them; 0 when n is 0.
 */
uint64_t percentile(uint64_t *v, size_t n, unsigned int pct);

/* die() and usage_error(). */
#include "tool_err.h"

/* Small helpers for timing and packet fields. */

static inline int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

#endif /* VLARP_VLARP_H */
