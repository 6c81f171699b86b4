/* SPDX-License-Identifier: GPL-2.0 */
/*
 * module.h: the vpnlink.ko commands the helper uses, one function each,
 * over a struct vl_genl session.  All return 0 or a negative errno; the
 * kernel's reason is then in g->extack.
 */
#ifndef VL_MODULE_H
#define VL_MODULE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/vpnlink.h>

#include "genl.h"
#include "link.h"

struct vl_device_info {
	int ifindex;
	char ifname[16];
	uint16_t listen_port;
	uint32_t fwmark;
	uint32_t peer_count;
	uint64_t stats[VPNLINK_A_STATS_MAX + 1];	/* by VPNLINK_A_STATS_* */
	/* Where the module answers ARP and NDP for the peers' addresses. */
	int proxy_lans[VPNLINK_PROXY_LANS_MAX];
	unsigned int n_proxy_lans;
};

/* A peer as the helper configures it.  Fields left at their "unset" value
 * are not sent: endpoint family AF_UNSPEC, keepalive < 0.
 */
struct vl_peer_config {
	uint8_t public_key[VPNLINK_KEY_LEN];
	union vl_sockaddr endpoint;
	union vl_sockaddr local;	/* to send from; AF_UNSPEC: any */
	int keepalive;
	bool replace_allowedips;
	const struct vl_prefix *allowedips;
	unsigned int n_allowedips;
	bool remove;		/* the prefixes are removed, not added */
};

struct vl_keypair_info {
	uint8_t slot;		/* enum vpnlink_keypair_slot */
	uint32_t local_index;
	uint32_t remote_index;
	uint64_t age_ms;
	bool initiator;
};

/* A peer as the module reports it. */
struct vl_peer_info {
	uint8_t public_key[VPNLINK_KEY_LEN];
	union vl_sockaddr endpoint;
	uint16_t keepalive;
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets;
	uint64_t last_rx_ns, last_tx_ns;	/* CLOCK_BOOTTIME, 0 = never */
	struct vl_keypair_info keypairs[3];
	unsigned int n_keypairs;
	struct vl_prefix *allowedips;		/* malloc'd */
	unsigned int n_allowedips;
};

/* A keypair a handshake derived. */
struct vl_keypair_config {
	uint32_t local_index;
	uint32_t remote_index;
	uint8_t send_key[VPNLINK_KEY_LEN];
	uint8_t recv_key[VPNLINK_KEY_LEN];
	bool initiator;
	uint32_t reject_after_ms;	/* 0: the module's limit */
};

int vl_mod_get_device(struct vl_genl *g, const char *ifname,
		      struct vl_device_info *info);
/* Calls @fn for every vpnlink device in the namespace. */
int vl_mod_dump_devices(struct vl_genl *g,
			int (*fn)(const struct vl_device_info *dev, void *arg),
			void *arg);
/* @port < 0 or @fwmark < 0: leave it. */
int vl_mod_set_device(struct vl_genl *g, int ifindex, int port,
		      int64_t fwmark);

/* Replaces the LAN interfaces the module proxies on (none: off). */
int vl_mod_set_proxy_lans(struct vl_genl *g, int ifindex, const int *lans,
			  unsigned int n);

/* VPNLINK_CMD_NEW_PEER or VPNLINK_CMD_SET_PEER; prefixes that do not fit
 * one request go in further SET_PEER requests.
 */
int vl_mod_peer(struct vl_genl *g, int ifindex, uint8_t cmd,
		const struct vl_peer_config *peer);
int vl_mod_del_peer(struct vl_genl *g, int ifindex, const uint8_t *key);

/* Calls @fn for every peer (continuations merged); @fn owns nothing. */
int vl_mod_dump_peers(struct vl_genl *g, int ifindex,
		      int (*fn)(const struct vl_peer_info *peer, void *arg),
		      void *arg);

int vl_mod_add_keypair(struct vl_genl *g, int ifindex, const uint8_t *key,
		       const struct vl_keypair_config *kp);
int vl_mod_del_keypairs(struct vl_genl *g, int ifindex, const uint8_t *key);

/* Sends a handshake message to @to, or to the peer @key's endpoint. */
int vl_mod_send_handshake(struct vl_genl *g, int ifindex, const void *msg,
			  size_t len, const union vl_sockaddr *to,
			  const union vl_sockaddr *from, const uint8_t *key);

#endif /* VL_MODULE_H */
