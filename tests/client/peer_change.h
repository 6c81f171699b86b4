/* SPDX-License-Identifier: GPL-2.0 */
/*
 * peer_change.h: NEW_PEER and SET_PEER requests, split over several
 * messages when the prefixes do not fit one.
 *
 * A netlink attribute holds at most 64 KiB, so one PEER nest takes about
 * 2300 IPv4 prefixes.  A change with more goes out as its own command (with
 * the endpoint, keepalive and REPLACE flag) and as many prefixes as fit,
 * then as SET_PEER requests with only the key and the following prefixes,
 * never with REPLACE.  Prefixes keep their order, so additions and
 * removals still apply in the order given.
 */
#ifndef VLCTL_PEER_CHANGE_H
#define VLCTL_PEER_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vpnlink.h>

#include "nl.h"
#include "parse.h"

/* What NEW_PEER and SET_PEER carry. */
struct peer_change {
	uint8_t key[VPNLINK_KEY_LEN];
	bool has_endpoint;
	struct endpoint ep;
	bool has_keepalive;
	uint16_t keepalive;
	bool replace;
	struct prefix_list prefixes;	/* additions and removals, in order */
};

/* Builds the request of @c that starts at prefix @*next and advances
 * @*next past the prefixes it holds.  @first: the first request, which is
 * @cmd and carries everything; later ones are SET_PEER with prefixes only.
 * NULL (said on stderr) if it cannot be built.
 */
struct nl_msg *peer_change_msg(struct vl_nl *nl, uint8_t cmd,
			       const char *ifname,
			       const struct peer_change *c, bool first,
			       size_t *next);

/* Sends every request of @c, each once the one before succeeded, and
 * stops at the first refusal.  Returns the exit status.
 */
int peer_change_send(struct vl_nl *nl, uint8_t cmd, const char *ifname,
		     const struct peer_change *c);

#endif /* VLCTL_PEER_CHANGE_H */
