// SPDX-License-Identifier: GPL-2.0
/*
 * handshake.c: the daemon's side of WireGuard's handshake.  Messages the
 * module passes up are checked (mac1 before any Diffie-Hellman, cookies
 * and rate limits under load), answered, and the keypairs they yield go
 * to the module; initiations go out through the module's port.
 */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "log.h"
#include "module.h"

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

static struct vl_dpeer *to_dpeer(struct vl_handshake *hs)
{
	return container_of(hs, struct vl_dpeer, hs);
}

static struct vl_handshake *lookup_static(void *ctx,
					  const uint8_t pub[VL_KEY_LEN])
{
	struct vl_dpeer *p = vl_daemon_peer_by_key(ctx, pub);

	return p ? &p->hs : NULL;
}

static struct vl_handshake *lookup_index(void *ctx, uint32_t index)
{
	struct vl_dpeer *p = vl_daemon_peer_by_index(ctx, index);

	return p ? &p->hs : NULL;
}

static void refused(struct vl_daemon *d, const char *what,
		    const union vl_sockaddr *src, enum vl_hs_err err)
{
	char ep[64];

	d->hs_refused++;
	vl_log_rl(LOG_INFO, "%s from %s refused: %s", what,
		  vl_sockaddr_str(src, ep, sizeof(ep)), vl_hs_strerror(err));
}

static void module_error(struct vl_daemon *d, struct vl_dpeer *p,
			 const char *what, int err)
{
	char name[128];

	vl_log_rl(LOG_WARNING, "%s: %s: %s%s%s",
		  vl_peer_name(p, name, sizeof(name)), what, strerror(-err),
		  d->g.extack[0] ? ": " : "", d->g.extack);
}

/* The endpoint follows the source of an authenticated handshake, and
 * the module answers from the address it reached.
 */
static void set_endpoint(struct vl_daemon *d, struct vl_dpeer *p,
			 const union vl_sockaddr *src,
			 const union vl_sockaddr *local)
{
	struct vl_peer_config pc = { .keepalive = -1 };
	int ret;

	if (p->endpoint_resolved && vl_sockaddr_equal(&p->endpoint, src))
		return;
	memcpy(pc.public_key, p->key, VL_KEY_LEN);
	pc.endpoint = *src;
	pc.local = *local;
	ret = vl_mod_peer(&d->g, d->ifc.ifindex, VPNLINK_CMD_SET_PEER, &pc);
	if (ret) {
		module_error(d, p, "setting the endpoint", ret);
		return;
	}
	p->endpoint = *src;
	p->endpoint_resolved = true;
}

static int install_keypair(struct vl_daemon *d, struct vl_dpeer *p)
{
	struct vl_keypair kp;
	struct vl_keypair_config kc;
	enum vl_hs_err err;
	int ret;

	err = vl_noise_derive_keypair(&p->hs, &kp);
	if (err != VL_HS_OK) {
		vl_log_rl(LOG_WARNING, "deriving keys: %s",
			  vl_hs_strerror(err));
		return -1;
	}
	memset(&kc, 0, sizeof(kc));
	kc.local_index = kp.local_index;
	kc.remote_index = kp.remote_index;
	kc.initiator = kp.initiator;
	/* The module's own limit unless a test lowered it. */
	if (d->reject_after_ms != VL_REJECT_AFTER_MS)
		kc.reject_after_ms = d->reject_after_ms;
	memcpy(kc.send_key, kp.send_key, VL_KEY_LEN);
	memcpy(kc.recv_key, kp.recv_key, VL_KEY_LEN);
	vl_keypair_wipe(&kp);
	ret = vl_mod_add_keypair(&d->g, d->ifc.ifindex, p->key, &kc);
	vl_wipe(&kc, sizeof(kc));
	if (ret) {
		module_error(d, p, "installing a keypair", ret);
		return ret;
	}
	vl_timers_handshake_done(d, p);
	return 0;
}

/* To the peer's endpoint (to NULL), or to an address, from ours that the
 * message answered reached (from NULL or AF_UNSPEC: any).
 */
static void send_to(struct vl_daemon *d, struct vl_dpeer *p,
		    const uint8_t *msg, size_t len,
		    const union vl_sockaddr *to, const union vl_sockaddr *from)
{
	int ret = vl_mod_send_handshake(&d->g, d->ifc.ifindex, msg, len, to,
					from, p ? p->key : NULL);

	if (ret && p)
		module_error(d, p, "sending a handshake message", ret);
	else if (ret)
		vl_log_rl(LOG_WARNING, "sending a handshake message: %s",
			  strerror(-ret));
}

/* mac1, and under load mac2 or a cookie reply instead of the work. */
static bool admit(struct vl_daemon *d, const char *what,
		  const union vl_sockaddr *src, const union vl_sockaddr *local,
		  const struct vl_srcaddr *sa,
		  const uint8_t *msg, size_t len, uint64_t now_ns)
{
	bool under_load = vl_now_ms() < d->under_load_until_ms;
	uint8_t reply[VL_COOKIE_REPLY_LEN];
	enum vl_hs_err err;

	err = vl_cookie_validate(&d->checker, msg, len, sa, under_load,
				 now_ns, d->limiter);
	if (err == VL_HS_OK)
		return true;
	if (err == VL_HS_NEED_COOKIE &&
	    vl_cookie_create_reply(&d->checker, msg, len, sa, now_ns,
				   reply) == VL_HS_OK)
		send_to(d, NULL, reply, sizeof(reply), src, local);
	else
		refused(d, what, src, err);
	return false;
}

static void take_initiation(struct vl_daemon *d, const union vl_sockaddr *src,
			    const union vl_sockaddr *local,
			    const uint8_t *msg, size_t len)
{
	const struct vl_srcaddr *sa;
	struct vl_srcaddr srcaddr;
	uint8_t resp[VL_RESPONSE_LEN];
	struct vl_handshake *hs;
	uint64_t now_ns = vl_now_ns();
	enum vl_hs_err err;
	struct vl_dpeer *p;

	sa = vl_srcaddr_from_sockaddr(&srcaddr, &src->sa, sizeof(*src)) ?
	     NULL : &srcaddr;
	if (!sa || !admit(d, "initiation", src, local, sa, msg, len, now_ns))
		return;
	err = vl_noise_consume_initiation(&d->id, msg, len, now_ns,
					  lookup_static, d, &hs);
	if (err != VL_HS_OK) {
		refused(d, "initiation", src, err);
		return;
	}
	p = to_dpeer(hs);
	err = vl_noise_create_response(&d->id, hs, vl_daemon_new_index(d, p),
				       now_ns, resp);
	if (err != VL_HS_OK) {
		refused(d, "initiation", src, err);
		return;
	}
	set_endpoint(d, p, src, local);
	/* The keypair first: the initiator's first data message may follow
	 * the response within microseconds.
	 */
	if (install_keypair(d, p))
		return;
	send_to(d, p, resp, sizeof(resp), src, local);
}

static void take_response(struct vl_daemon *d, const union vl_sockaddr *src,
			  const union vl_sockaddr *local,
			  const uint8_t *msg, size_t len)
{
	struct vl_srcaddr srcaddr;
	struct vl_handshake *hs;
	uint64_t now_ns = vl_now_ns();
	enum vl_hs_err err;
	struct vl_dpeer *p;
	char name[128];

	if (vl_srcaddr_from_sockaddr(&srcaddr, &src->sa, sizeof(*src)) ||
	    !admit(d, "response", src, local, &srcaddr, msg, len, now_ns))
		return;
	err = vl_noise_consume_response(&d->id, msg, len, lookup_index, d, &hs);
	if (err != VL_HS_OK) {
		refused(d, "response", src, err);
		return;
	}
	p = to_dpeer(hs);
	set_endpoint(d, p, src, local);
	if (!install_keypair(d, p))
		vl_log(LOG_INFO, "%s: handshake completed",
		       vl_peer_name(p, name, sizeof(name)));
}

static void take_cookie_reply(struct vl_daemon *d,
			      const union vl_sockaddr *src,
			      const uint8_t *msg, size_t len)
{
	struct vl_handshake *hs;
	enum vl_hs_err err;

	err = vl_noise_consume_cookie_reply(msg, len, vl_now_ns(),
					    lookup_index, d, &hs);
	if (err != VL_HS_OK)
		refused(d, "cookie reply", src, err);
	/* The next retransmission carries mac2. */
}

void vl_handshake_receive(struct vl_daemon *d, const union vl_sockaddr *src,
			  const union vl_sockaddr *local,
			  const uint8_t *msg, size_t len)
{
	if (!len || src->sa.sa_family == AF_UNSPEC) {
		refused(d, "handshake message", src, VL_HS_ERR_LENGTH);
		return;
	}
	switch (msg[0]) {
	case 1:
		take_initiation(d, src, local, msg, len);
		break;
	case 2:
		take_response(d, src, local, msg, len);
		break;
	case 3:
		take_cookie_reply(d, src, msg, len);
		break;
	default:
		refused(d, "handshake message", src, VL_HS_ERR_TYPE);
	}
}

static uint64_t jitter_ms(void)
{
	uint32_t r = 0;

	vl_random(&r, sizeof(r));
	return r % VL_REKEY_JITTER_MS;
}

void vl_handshake_initiate(struct vl_daemon *d, struct vl_dpeer *p,
			   bool retry)
{
	uint8_t msg[VL_INITIATION_LEN];
	uint64_t now = vl_now_ms();
	struct timespec realtime;
	enum vl_hs_err err;
	char name[128];

	if (!retry) {
		/* A round is under way: its retries carry on. */
		if (p->first_attempt_ms)
			return;
		/* Never more often than REKEY_TIMEOUT. */
		if (p->last_initiation_ms &&
		    now - p->last_initiation_ms < VL_REKEY_TIMEOUT_MS)
			return;
	}
	if (!p->endpoint_resolved) {
		if (!p->resolve_at_ms)
			p->resolve_at_ms = now;
		vl_log_rl(LOG_INFO, "%s: no endpoint to send a handshake to",
			  vl_peer_name(p, name, sizeof(name)));
		return;
	}
	if (!p->first_attempt_ms)
		p->first_attempt_ms = now;
	/* A name may have moved while the peer stays silent. */
	if (retry && p->cfg->endpoint.host && !p->resolve_at_ms)
		p->resolve_at_ms = now + VL_RESOLVE_INTERVAL_MS;
	clock_gettime(CLOCK_REALTIME, &realtime);
	err = vl_noise_create_initiation(&d->id, &p->hs,
					 vl_daemon_new_index(d, p), &realtime,
					 vl_now_ns(), msg);
	p->last_initiation_ms = now;
	p->retransmit_at_ms = now + VL_REKEY_TIMEOUT_MS + jitter_ms();
	if (err != VL_HS_OK) {
		vl_log_rl(LOG_WARNING, "%s: initiation: %s",
			  vl_peer_name(p, name, sizeof(name)),
			  vl_hs_strerror(err));
		return;
	}
	vl_log(LOG_DEBUG, "%s: sending an initiation",
	       vl_peer_name(p, name, sizeof(name)));
	send_to(d, p, msg, sizeof(msg), NULL, NULL);
}
