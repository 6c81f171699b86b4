/* SPDX-License-Identifier: GPL-2.0 */
/*
 * daemon.h: the process that stays for an interface after `up`.  It
 * answers and starts handshakes (handshake.c), keeps WireGuard's timers
 * for each peer (timers.c) and applies a reloaded config (SIGHUP).  The
 * module does the data path and tells it, by events, what it needs.
 */
#ifndef VL_DAEMON_H
#define VL_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "events.h"
#include "genl.h"
#include "iface.h"
#include "noise.h"
#include "ratelimit.h"

/* WireGuard's timer constants (milliseconds). */
#define VL_REKEY_TIMEOUT_MS		5000
#define VL_REKEY_JITTER_MS		334
#define VL_REKEY_ATTEMPT_MS		90000
#define VL_REJECT_AFTER_MS		180000
/* Keys are wiped this many reject ages after the last handshake. */
#define VL_ZERO_KEYS_AFTER_REJECTS	3
/* How often an unresolved or unreachable endpoint's name is looked up. */
#define VL_RESOLVE_INTERVAL_MS		15000
/* Handshake messages in one read beyond which we are "under load". */
#define VL_LOAD_BATCH			64
#define VL_LOAD_HOLD_MS			1000

/* Local indices a peer may have in use: a handshake in flight, and the
 * module's current, previous and next keypairs.
 */
#define VL_PEER_INDICES			4

struct vl_dpeer {
	const struct vl_peer *cfg;	/* in d->cfg; replaced on reload */
	uint8_t key[VL_KEY_LEN];
	struct vl_handshake hs;		/* its cookie state included */
	union vl_sockaddr endpoint;	/* what the module uses, if known */
	bool endpoint_resolved;
	uint32_t indices[VL_PEER_INDICES];	/* 0 = free slot */
	unsigned int next_index_slot;
	/* Initiator side: */
	uint64_t first_attempt_ms;	/* of this round of retries, 0 = idle */
	uint64_t last_initiation_ms;	/* last initiation sent */
	uint64_t retransmit_at_ms;	/* 0 = no retry pending */
	/* Both sides: */
	uint64_t last_handshake_ms;	/* completed, 0 = never */
	uint64_t zero_keys_at_ms;	/* 0 = nothing to wipe */
	uint64_t resolve_at_ms;		/* 0 = no lookup due */
};

struct vl_daemon {
	struct vl_config *cfg;
	char config_path[4096];
	struct vl_iface ifc;
	struct vl_genl g;
	struct vl_events ev;
	struct vl_identity id;
	struct vl_cookie_checker checker;
	struct vl_ratelimit *limiter;
	struct vl_dpeer *peers;
	size_t n_peers;
	int timerfd;
	int sigfd;
	bool stop;
	bool detach;		/* once up: no terminal */
	bool log_to_file;	/* stderr is a log file: keep it */
	/* The reject age of the keypairs we install: VL_REJECT_AFTER_MS, or
	 * less under VPNLINK_TEST_REJECT_AFTER_MS (testing.h).  Timers that
	 * follow from it scale with it.
	 */
	uint32_t reject_after_ms;
	bool reject_after_test;		/* set by the test-only variable */
	unsigned int batch_handshakes;	/* in the current read */
	uint64_t under_load_until_ms;
	/* Counters for the log and `show`. */
	unsigned long hs_refused;
};

uint64_t vl_now_ms(void);
/* When a peer's keys are wiped, counted from its last handshake. */
uint64_t vl_daemon_zero_keys_after_ms(const struct vl_daemon *d);
uint64_t vl_now_ns(void);

/* peers.c: the daemon's peers from d->cfg (init), and their first
 * moves once the interface is up (start).
 */
int vl_daemon_peers_init(struct vl_daemon *d);
int vl_dpeer_init(struct vl_dpeer *p, const struct vl_peer *cfg);
void vl_daemon_peers_start(struct vl_daemon *d);
void vl_daemon_peers_free(struct vl_daemon *d);

/* The peer with @key or @index; NULL if none. */
struct vl_dpeer *vl_daemon_peer_by_key(struct vl_daemon *d,
				       const uint8_t *key);
struct vl_dpeer *vl_daemon_peer_by_index(struct vl_daemon *d, uint32_t index);
/* A fresh random local index no peer uses, recorded for @p. */
uint32_t vl_daemon_new_index(struct vl_daemon *d, struct vl_dpeer *p);

/* "peer ABCDEFGH… (192.0.2.1:51820)" for the log. */
const char *vl_peer_name(const struct vl_dpeer *p, char *buf, size_t size);

/* Sets up the interface and runs until SIGTERM; the daemon writes one
 * byte to @ready_fd (0 ok, 1 failed) once the interface is up or failed,
 * then closes it.  Returns the process's exit status.
 */
int vl_daemon_run(struct vl_daemon *d, bool adopt, int ready_fd);

/* handshake.c */
/* src: where the message came from; local: our address it reached
 * (AF_UNSPEC if unknown), which answers leave from.
 */
void vl_handshake_receive(struct vl_daemon *d, const union vl_sockaddr *src,
			  const union vl_sockaddr *local,
			  const uint8_t *msg, size_t len);
void vl_handshake_initiate(struct vl_daemon *d, struct vl_dpeer *p,
			   bool retry);

/* timers.c */
void vl_timers_run(struct vl_daemon *d, uint64_t now);
uint64_t vl_timers_next(struct vl_daemon *d);
void vl_timers_handshake_done(struct vl_daemon *d, struct vl_dpeer *p);

#endif /* VL_DAEMON_H */
