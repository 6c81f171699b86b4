/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h: the module's multicast events (handshake messages arriving,
 * handshakes needed, keypairs confirmed, rekeys advised, endpoints
 * changed), read from a non-blocking socket the daemon polls.
 */
#ifndef VL_EVENTS_H
#define VL_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vpnlink.h>

#include "genl.h"

struct vl_event {
	uint8_t cmd;			/* VPNLINK_CMD_HANDSHAKE_RECEIVED, ... */
	int ifindex;
	bool has_key;
	uint8_t key[VPNLINK_KEY_LEN];	/* the peer's public key */
	union vl_sockaddr endpoint;	/* AF_UNSPEC if none */
	union vl_sockaddr local;	/* our address it reached, if said */
	const uint8_t *payload;		/* handshake message, valid during
					 * the callback only
					 */
	size_t payload_len;
	uint32_t reason;
	uint32_t local_index;		/* KEYPAIR_CONFIRMED */
};

typedef void (*vl_event_fn)(const struct vl_event *ev, void *arg);

struct vl_events {
	struct nl_sock *sk;
	struct nl_cb *cb;
	vl_event_fn fn;
	void *arg;
	unsigned long overruns;		/* events the socket lost */
};

int vl_events_open(struct vl_events *ev, vl_event_fn fn, void *arg);
void vl_events_close(struct vl_events *ev);
int vl_events_fd(const struct vl_events *ev);
/* Reads and dispatches what is there; never blocks. */
int vl_events_read(struct vl_events *ev);

#endif /* VL_EVENTS_H */
