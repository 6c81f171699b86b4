/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vpnlink: the generic netlink contract between vpnlink.ko and its helper.
 *
 * vpnlink carries WireGuard data messages (type 4) in the kernel and leaves
 * the Noise handshake (types 1-3) to a userspace helper.  The module never
 * sees a long-term private key: the helper installs the symmetric keypairs
 * that a handshake derives, and the module enforces their limits by itself.
 *
 * Family VPNLINK_GENL_NAME, version VPNLINK_GENL_VERSION.  Every command
 * requires CAP_NET_ADMIN in the user namespace owning the network namespace
 * of the netlink socket; devices are looked up in that namespace.  Requests
 * are validated strictly: unknown attributes, wrong types or lengths and
 * trailing garbage are rejected with an extack message.
 *
 * Byte order: integer attributes (NLA_U16, NLA_U32, NLA_U64) are in host
 * byte order, including ports and indices.  Addresses are binary in network
 * byte order (4 bytes for IPv4, 16 for IPv6).  Keys are 32 raw bytes.
 *
 * Commands (requests; "|" means either, [] means optional):
 *
 * VPNLINK_CMD_GET_DEVICE
 *   doit:   IFINDEX | IFNAME
 *   dumpit: no attributes; one message per vpnlink device in the namespace.
 *   reply:  IFINDEX, IFNAME, LISTEN_PORT, FWMARK, PEER_COUNT, STATS,
 *           PROXY_LANS, PROXY_RATE.
 *
 * VPNLINK_CMD_SET_DEVICE
 *   IFINDEX | IFNAME, [LISTEN_PORT], [FWMARK], [PROXY_LANS], [PROXY_RATE].
 *   LISTEN_PORT 0 picks a free port; read it back with GET_DEVICE.
 *
 *   PROXY_LANS { PROXY_LAN_IFINDEX... } replaces the set of LAN interfaces
 *   (at most VPNLINK_PROXY_LANS_MAX, Ethernet, in the device's namespace,
 *   not bridge ports: name the bridge) on which the module answers ARP
 *   requests and IPv6 Neighbour Solicitations, with the LAN interface's
 *   own MAC, for addresses that a peer owns and that lie in one of that
 *   interface's subnets.  It never answers for an address assigned on this
 *   host, for a gratuitous request or an address probe, or while the
 *   device is down; replies are rate-limited per LAN interface, to
 *   PROXY_RATE per second (1 to VPNLINK_PROXY_RATE_MAX, default
 *   VPNLINK_PROXY_RATE_DEFAULT).  Each
 *   interface newly in the set gets one gratuitous ARP / unsolicited
 *   Neighbour Advertisement per proxied address (for prefixes of at most
 *   256 addresses), so that LAN caches follow a gateway that takes over.
 *   An empty nest turns proxying off.  An interface that goes away, or
 *   leaves the namespace, leaves the set.
 *
 * VPNLINK_CMD_NEW_PEER
 *   IFINDEX | IFNAME, PEER { PUBLIC_KEY, [ENDPOINT], [PERSISTENT_KEEPALIVE],
 *   [ALLOWEDIP]... }.  Fails with EEXIST if the public key is known.
 *
 * VPNLINK_CMD_SET_PEER
 *   As NEW_PEER, on an existing peer (ENOENT otherwise); only the given
 *   attributes change.  PEER.FLAGS may carry VPNLINK_PEER_F_REPLACE_ALLOWEDIPS
 *   to drop every allowed IP before the given ones are added; an ALLOWEDIP
 *   with VPNLINK_ALLOWEDIP_F_REMOVE removes that one prefix instead.
 *
 * VPNLINK_CMD_DEL_PEER
 *   IFINDEX | IFNAME, PEER { PUBLIC_KEY }.
 *
 * VPNLINK_CMD_GET_PEER
 *   doit:   IFINDEX | IFNAME, PEER { PUBLIC_KEY }
 *   dumpit: IFINDEX | IFNAME; one message per peer.  A peer whose allowed
 *           IPs do not fit in one message continues in the next message with
 *           the same PUBLIC_KEY: consumers merge consecutive messages with the
 *           same key.  NLM_F_DUMP_INTR is set if the peers changed meanwhile.
 *   reply:  IFINDEX, PEER { PUBLIC_KEY, [ENDPOINT], PERSISTENT_KEEPALIVE,
 *           RX_BYTES, TX_BYTES, RX_PACKETS, TX_PACKETS, LAST_RX_NS,
 *           LAST_TX_NS, [KEYPAIR]..., [ALLOWEDIP]... }
 *           Keypairs are reported without their keys.  A netlink attribute
 *           holds at most 64 KiB: the doit refuses with EMSGSIZE a peer
 *           whose prefixes do not fit one PEER nest (about 2300 IPv4 or
 *           1600 IPv6 prefixes); the dump has no such limit.  Requests
 *           have the same bound: add more with further SET_PEER requests.
 *
 * VPNLINK_CMD_ADD_KEYPAIR
 *   IFINDEX | IFNAME, PEER { PUBLIC_KEY, KEYPAIR { LOCAL_INDEX, REMOTE_INDEX,
 *   SEND_KEY, RECV_KEY, [INITIATOR], [REJECT_AFTER_MS],
 *   [REJECT_AFTER_MESSAGES] } }.
 *   An initiator's keypair becomes current at once (the old current becomes
 *   previous) and any traffic held for the peer is sent.  A responder's
 *   keypair becomes next, and current on the first data message that
 *   authenticates with it (then a KEYPAIR_CONFIRMED event is sent).
 *   LOCAL_INDEX must be unique on the device (EEXIST otherwise).  The limits
 *   can only be lowered below VPNLINK_REJECT_AFTER_MS and
 *   VPNLINK_REJECT_AFTER_MESSAGES; the module refuses the keypair for both
 *   directions once either is reached.
 *
 * VPNLINK_CMD_DEL_KEYPAIRS
 *   IFINDEX | IFNAME, PEER { PUBLIC_KEY }.  Forgets every keypair of the peer.
 *
 * VPNLINK_CMD_SEND_HANDSHAKE
 *   IFINDEX | IFNAME, PAYLOAD, ENDPOINT | PEER { PUBLIC_KEY }.  Sends a
 *   handshake message (types 1-3, of their exact sizes) from the device's
 *   UDP port to the endpoint, or to the peer's current endpoint.
 *
 * Events, multicast on group VPNLINK_MCGRP_EVENTS in the device's namespace:
 *
 * VPNLINK_CMD_HANDSHAKE_RECEIVED: IFINDEX, ENDPOINT, PAYLOAD.  A message of
 *   type 1, 2 or 3 arrived on the device's port.  Nothing is checked but its
 *   type and size; the helper verifies everything.
 * VPNLINK_CMD_HANDSHAKE_NEEDED: IFINDEX, PEER { PUBLIC_KEY }, REASON
 *   (enum vpnlink_handshake_reason).  Sent at most once per
 *   VPNLINK_EVENT_INTERVAL_MS per peer, whatever the reason: the helper's
 *   answer, a handshake, is the same for every reason.
 * VPNLINK_CMD_KEYPAIR_CONFIRMED: IFINDEX, PEER { PUBLIC_KEY,
 *   KEYPAIR { LOCAL_INDEX } }.  A responder's next keypair became current.
 * VPNLINK_CMD_REKEY_ADVISED: IFINDEX, PEER { PUBLIC_KEY }, REASON
 *   (enum vpnlink_rekey_reason).  The current keypair nears a limit; the
 *   helper should start a handshake.  Rate-limited like HANDSHAKE_NEEDED.
 * VPNLINK_CMD_ENDPOINT_CHANGED: IFINDEX, PEER { PUBLIC_KEY, ENDPOINT }.  An
 *   authenticated data message came from a new address (roaming).
 */
#ifndef _UAPI_LINUX_VPNLINK_H
#define _UAPI_LINUX_VPNLINK_H

#define VPNLINK_GENL_NAME	"vpnlink"
#define VPNLINK_GENL_VERSION	1
#define VPNLINK_MCGRP_EVENTS	"events"

#define VPNLINK_KEY_LEN		32

/* The limits of a keypair; ADD_KEYPAIR may only lower them. */
#define VPNLINK_REJECT_AFTER_MS		180000U
#define VPNLINK_REJECT_AFTER_MESSAGES	(~0ULL - 8192ULL)

/* Minimum spacing of HANDSHAKE_NEEDED / REKEY_ADVISED events per peer. */
#define VPNLINK_EVENT_INTERVAL_MS	1000U

/* Size of one handshake message of each type (WireGuard's wire format). */
#define VPNLINK_HANDSHAKE_INITIATION_LEN	148
#define VPNLINK_HANDSHAKE_RESPONSE_LEN		92
#define VPNLINK_HANDSHAKE_COOKIE_LEN		64

enum vpnlink_cmd {
	VPNLINK_CMD_UNSPEC,
	VPNLINK_CMD_GET_DEVICE,
	VPNLINK_CMD_SET_DEVICE,
	VPNLINK_CMD_NEW_PEER,
	VPNLINK_CMD_SET_PEER,
	VPNLINK_CMD_DEL_PEER,
	VPNLINK_CMD_GET_PEER,
	VPNLINK_CMD_ADD_KEYPAIR,
	VPNLINK_CMD_DEL_KEYPAIRS,
	VPNLINK_CMD_SEND_HANDSHAKE,
	VPNLINK_CMD_HANDSHAKE_RECEIVED,
	VPNLINK_CMD_HANDSHAKE_NEEDED,
	VPNLINK_CMD_KEYPAIR_CONFIRMED,
	VPNLINK_CMD_REKEY_ADVISED,
	VPNLINK_CMD_ENDPOINT_CHANGED,

	__VPNLINK_CMD_MAX
};

#define VPNLINK_CMD_MAX (__VPNLINK_CMD_MAX - 1)

/* Top-level attributes. */
enum vpnlink_a {
	VPNLINK_A_UNSPEC,
	VPNLINK_A_IFINDEX,		/* u32 */
	VPNLINK_A_IFNAME,		/* string, < IFNAMSIZ */
	VPNLINK_A_LISTEN_PORT,		/* u16 */
	VPNLINK_A_FWMARK,		/* u32 */
	VPNLINK_A_PEER_COUNT,		/* u32, reply only */
	VPNLINK_A_STATS,		/* nest, enum vpnlink_a_stats; reply */
	VPNLINK_A_PEER,			/* nest, enum vpnlink_a_peer */
	VPNLINK_A_ENDPOINT,		/* nest, enum vpnlink_a_endpoint */
	VPNLINK_A_PAYLOAD,		/* binary, a handshake message */
	VPNLINK_A_REASON,		/* u32, event reason */
	VPNLINK_A_PAD,
	VPNLINK_A_PROXY_LANS,		/* nest, enum vpnlink_a_proxy_lan */
	VPNLINK_A_PROXY_RATE,		/* u32, replies per second and LAN */

	__VPNLINK_A_MAX
};

#define VPNLINK_A_MAX (__VPNLINK_A_MAX - 1)

/* Attributes nested in VPNLINK_A_PROXY_LANS. */
enum vpnlink_a_proxy_lan {
	VPNLINK_A_PROXY_LAN_UNSPEC,
	VPNLINK_A_PROXY_LAN_IFINDEX,	/* u32, repeated */

	__VPNLINK_A_PROXY_LAN_MAX
};

#define VPNLINK_A_PROXY_LAN_MAX (__VPNLINK_A_PROXY_LAN_MAX - 1)

/* Most LAN interfaces one device proxies on. */
#define VPNLINK_PROXY_LANS_MAX	16
/* Proxy replies per second on each LAN interface. */
#define VPNLINK_PROXY_RATE_DEFAULT	1000U
#define VPNLINK_PROXY_RATE_MAX		100000U

/* Flags in VPNLINK_A_PEER_FLAGS. */
#define VPNLINK_PEER_F_REPLACE_ALLOWEDIPS	(1U << 0)
#define VPNLINK_PEER_F_ALL			VPNLINK_PEER_F_REPLACE_ALLOWEDIPS

/* Attributes nested in VPNLINK_A_PEER. */
enum vpnlink_a_peer {
	VPNLINK_A_PEER_UNSPEC,
	VPNLINK_A_PEER_PUBLIC_KEY,	/* binary, VPNLINK_KEY_LEN: identity */
	VPNLINK_A_PEER_FLAGS,		/* u32, VPNLINK_PEER_F_* */
	VPNLINK_A_PEER_ENDPOINT,	/* nest, enum vpnlink_a_endpoint */
	VPNLINK_A_PEER_PERSISTENT_KEEPALIVE, /* u16, seconds, 0 = off */
	VPNLINK_A_PEER_ALLOWEDIP,	/* nest, enum vpnlink_a_allowedip;
					 * repeated, one per prefix
					 */
	VPNLINK_A_PEER_KEYPAIR,		/* nest, enum vpnlink_a_keypair;
					 * one in ADD_KEYPAIR, up to three
					 * in replies
					 */
	VPNLINK_A_PEER_RX_BYTES,	/* u64, reply only, inner bytes */
	VPNLINK_A_PEER_TX_BYTES,	/* u64, reply only */
	VPNLINK_A_PEER_RX_PACKETS,	/* u64, reply only */
	VPNLINK_A_PEER_TX_PACKETS,	/* u64, reply only */
	VPNLINK_A_PEER_LAST_RX_NS,	/* u64, CLOCK_BOOTTIME of the last
					 * authenticated data message, 0 = never
					 */
	VPNLINK_A_PEER_LAST_TX_NS,	/* u64, likewise for the last sent */
	VPNLINK_A_PEER_PAD,

	__VPNLINK_A_PEER_MAX
};

#define VPNLINK_A_PEER_MAX (__VPNLINK_A_PEER_MAX - 1)

/* Attributes nested in VPNLINK_A_ENDPOINT / VPNLINK_A_PEER_ENDPOINT.
 * Exactly one of ADDR4 and ADDR6; PORT is required and not 0.  LOCAL4 or
 * LOCAL6, of the same family, is our address: the one a received message
 * reached, in events and replies; the one to send from, in requests (if
 * it is no longer ours, the routing table's choice is used instead).
 * Answering from the address the peer reached keeps its firewall and NAT
 * state, as WireGuard does.
 */
enum vpnlink_a_endpoint {
	VPNLINK_A_ENDPOINT_UNSPEC,
	VPNLINK_A_ENDPOINT_ADDR4,	/* binary, 4 bytes, network order */
	VPNLINK_A_ENDPOINT_ADDR6,	/* binary, 16 bytes, network order */
	VPNLINK_A_ENDPOINT_PORT,	/* u16 */
	VPNLINK_A_ENDPOINT_SCOPE_ID,	/* u32, IPv6 link-local only */
	VPNLINK_A_ENDPOINT_LOCAL4,	/* binary, 4 bytes, network order */
	VPNLINK_A_ENDPOINT_LOCAL6,	/* binary, 16 bytes, network order */

	__VPNLINK_A_ENDPOINT_MAX
};

#define VPNLINK_A_ENDPOINT_MAX (__VPNLINK_A_ENDPOINT_MAX - 1)

/* Flags in VPNLINK_A_ALLOWEDIP_FLAGS. */
#define VPNLINK_ALLOWEDIP_F_REMOVE	(1U << 0)
#define VPNLINK_ALLOWEDIP_F_ALL		VPNLINK_ALLOWEDIP_F_REMOVE

/* Attributes nested in VPNLINK_A_PEER_ALLOWEDIP.  The address must have no
 * bits set beyond CIDR.  A prefix owned by another peer of the device moves
 * to this peer, as in WireGuard.
 */
enum vpnlink_a_allowedip {
	VPNLINK_A_ALLOWEDIP_UNSPEC,
	VPNLINK_A_ALLOWEDIP_FAMILY,	/* u16, AF_INET or AF_INET6 */
	VPNLINK_A_ALLOWEDIP_ADDR,	/* binary, 4 or 16 bytes */
	VPNLINK_A_ALLOWEDIP_CIDR,	/* u8, 0..32 or 0..128 */
	VPNLINK_A_ALLOWEDIP_FLAGS,	/* u32, VPNLINK_ALLOWEDIP_F_* */

	__VPNLINK_A_ALLOWEDIP_MAX
};

#define VPNLINK_A_ALLOWEDIP_MAX (__VPNLINK_A_ALLOWEDIP_MAX - 1)

/* Which place a keypair holds, in replies. */
enum vpnlink_keypair_slot {
	VPNLINK_KEYPAIR_CURRENT,
	VPNLINK_KEYPAIR_PREVIOUS,
	VPNLINK_KEYPAIR_NEXT,
};

/* Attributes nested in VPNLINK_A_PEER_KEYPAIR. */
enum vpnlink_a_keypair {
	VPNLINK_A_KEYPAIR_UNSPEC,
	VPNLINK_A_KEYPAIR_LOCAL_INDEX,	/* u32, our receiver index */
	VPNLINK_A_KEYPAIR_REMOTE_INDEX,	/* u32, the peer's receiver index */
	VPNLINK_A_KEYPAIR_SEND_KEY,	/* binary, VPNLINK_KEY_LEN, write only */
	VPNLINK_A_KEYPAIR_RECV_KEY,	/* binary, VPNLINK_KEY_LEN, write only */
	VPNLINK_A_KEYPAIR_INITIATOR,	/* flag */
	VPNLINK_A_KEYPAIR_REJECT_AFTER_MS,	/* u32, 1..VPNLINK_REJECT_AFTER_MS */
	VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES, /* u64, 1..VPNLINK_REJECT_
						  * AFTER_MESSAGES
						  */
	VPNLINK_A_KEYPAIR_SLOT,		/* u8, enum vpnlink_keypair_slot; reply */
	VPNLINK_A_KEYPAIR_AGE_MS,	/* u64, reply only */
	VPNLINK_A_KEYPAIR_TX_COUNTER,	/* u64, next counter to send; reply */
	VPNLINK_A_KEYPAIR_RX_COUNTER,	/* u64, highest counter received; reply */
	VPNLINK_A_KEYPAIR_PAD,

	__VPNLINK_A_KEYPAIR_MAX
};

#define VPNLINK_A_KEYPAIR_MAX (__VPNLINK_A_KEYPAIR_MAX - 1)

/* Per-device counters, nested in VPNLINK_A_STATS, each u64.  Drops are
 * counted by reason; every packet the module discards is in exactly one.
 */
enum vpnlink_a_stats {
	VPNLINK_A_STATS_UNSPEC,
	VPNLINK_A_STATS_PAD,
	VPNLINK_A_STATS_RX_MALFORMED,	/* too short, bad type, bad inner
					 * header or length
					 */
	VPNLINK_A_STATS_RX_UNKNOWN_INDEX, /* no keypair with that index */
	VPNLINK_A_STATS_RX_DECRYPT,	/* authentication failed */
	VPNLINK_A_STATS_RX_REPLAY,	/* counter seen or too old */
	VPNLINK_A_STATS_RX_SOURCE,	/* inner source not allowed for peer */
	VPNLINK_A_STATS_RX_EXPIRED,	/* keypair past a reject limit */
	VPNLINK_A_STATS_RX_HANDSHAKE_DROPPED, /* handshake message that no
					       * helper could take
					       */
	VPNLINK_A_STATS_TX_NO_PEER,	/* no peer owns the destination */
	VPNLINK_A_STATS_TX_NO_KEYPAIR,	/* held packet dropped: queue full or
					 * peer removed before a keypair came.
					 * (Packets are held, not dropped,
					 * while the keypair is missing or
					 * past a limit.)
					 */
	VPNLINK_A_STATS_TX_NO_ENDPOINT,	/* peer has no endpoint */
	VPNLINK_A_STATS_TX_ERROR,	/* no route, no memory, bad packet */
	VPNLINK_A_STATS_RX_HANDSHAKES,	/* handshake messages passed up */
	VPNLINK_A_STATS_RX_KEEPALIVES,	/* keepalives received */
	VPNLINK_A_STATS_RX_BACKLOG,	/* data message dropped: the queue to
					 * its peer's CPU was full
					 */
	/* Proxy-ARP and NDP proxy on the LAN interfaces (not drops). */
	VPNLINK_A_STATS_PROXY_ARP_REPLIES,	/* ARP replies sent */
	VPNLINK_A_STATS_PROXY_ND_REPLIES,	/* Neighbour Advertisements */
	VPNLINK_A_STATS_PROXY_ANNOUNCES,	/* gratuitous ARP / unsolicited
						 * NA sent
						 */
	/* Requests not answered, by reason: */
	VPNLINK_A_STATS_PROXY_IGN_GRATUITOUS,	/* sender asks for its own
						 * address, or probes (DAD)
						 */
	VPNLINK_A_STATS_PROXY_IGN_NOT_OWNED,	/* no peer owns the target */
	VPNLINK_A_STATS_PROXY_IGN_SUBNET,	/* target outside the LAN's
						 * subnets
						 */
	VPNLINK_A_STATS_PROXY_IGN_LOCAL,	/* target is an address of
						 * this host
						 */
	VPNLINK_A_STATS_PROXY_IGN_DOWN,		/* the device is down */
	VPNLINK_A_STATS_PROXY_IGN_RATELIMIT,	/* over the reply rate */
	VPNLINK_A_STATS_TX_LOOP,	/* routing loop: the encrypted packet
					 * came back into the device that sent
					 * it (its endpoint is routed through
					 * the tunnel itself, or through
					 * another tunnel that leads back)
					 */

	__VPNLINK_A_STATS_MAX
};

#define VPNLINK_A_STATS_MAX (__VPNLINK_A_STATS_MAX - 1)

/* VPNLINK_A_REASON of HANDSHAKE_NEEDED. */
enum vpnlink_handshake_reason {
	VPNLINK_HANDSHAKE_NO_KEYPAIR,	/* traffic is held, no usable keypair */
	VPNLINK_HANDSHAKE_UNANSWERED,	/* data sent, nothing heard for
					 * keepalive + rekey timeout (15 s)
					 */
};

/* VPNLINK_A_REASON of REKEY_ADVISED. */
enum vpnlink_rekey_reason {
	VPNLINK_REKEY_AGE,		/* sending keypair 2/3 through its life
					 * (120 s of 180 s), or a received
					 * initiator keypair at 165 s
					 */
	VPNLINK_REKEY_MESSAGES,		/* counter nears its limit */
};

#endif /* _UAPI_LINUX_VPNLINK_H */
