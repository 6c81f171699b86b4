// SPDX-License-Identifier: GPL-2.0
/*
 * WireGuard's handshake messages around the Noise core of noise_ik.c:
 * framing, indices, the timestamp, the peer lookups, replay and flood
 * checks, and the handshake state machine.  Every consume function works
 * on local copies and writes the handshake only once the message has
 * passed every check, so a refused message leaves no trace.
 */
#include <errno.h>
#include <string.h>

#include "noise.h"
#include "noise_ik.h"

static const char identifier[] = VL_NOISE_IDENTIFIER;

static enum vl_hs_err errno_to_hs(int ret)
{
	switch (ret) {
	case 0:
		return VL_HS_OK;
	case -EBADMSG:
		return VL_HS_ERR_DECRYPT;
	case -EINVAL:
		return VL_HS_ERR_BAD_KEY;
	}
	return VL_HS_ERR_CRYPTO;
}

/* Type and exact length, then mac1: all before any public-key work. */
static enum vl_hs_err check_header(const struct vl_identity *id,
				   const uint8_t *msg, size_t len,
				   uint32_t type, size_t want)
{
	if (len < 4)
		return VL_HS_ERR_LENGTH;
	if (vl_msg_type(msg, len) != type)
		return VL_HS_ERR_TYPE;
	if (len != want)
		return VL_HS_ERR_LENGTH;
	return vl_cookie_check_mac1(id->mac1_key, msg, len);
}

int vl_identity_init(struct vl_identity *id, const uint8_t priv[VL_KEY_LEN])
{
	int ret;

	memset(id, 0, sizeof(*id));
	memcpy(id->priv, priv, VL_KEY_LEN);
	ret = vl_x25519_pubkey(id->pub, id->priv);
	if (!ret)
		ret = vl_mac1_key(id->mac1_key, id->pub);
	if (!ret)
		ret = vl_cookie_key(id->cookie_key, id->pub);
	if (ret)
		vl_identity_wipe(id);
	return ret;
}

void vl_identity_wipe(struct vl_identity *id)
{
	vl_wipe(id, sizeof(*id));
}

int vl_handshake_init(struct vl_handshake *hs,
		      const uint8_t remote_pub[VL_KEY_LEN],
		      const uint8_t psk[VL_KEY_LEN])
{
	memset(hs, 0, sizeof(*hs));
	memcpy(hs->remote_static, remote_pub, VL_KEY_LEN);
	if (psk)
		memcpy(hs->psk, psk, VL_KEY_LEN);
	return vl_cookie_init(&hs->cookie, remote_pub);
}

/*
 * DH(our static key, the peer's) never changes, so it is computed once, as
 * WireGuard does; but at the peer's first handshake rather than when the
 * peer is configured: a gateway with a thousand peers would otherwise start
 * with a thousand scalar multiplications, for peers that may not handshake
 * for hours.  A refusal (a low-order point) is final; running out of memory
 * is not.
 */
int vl_handshake_precompute(struct vl_handshake *hs,
			    const struct vl_identity *id)
{
	int ret;

	if (hs->static_static_state == VL_SS_NOT_YET) {
		ret = vl_x25519_pair(hs->static_static, id->priv, id->pub,
				     hs->remote_static);
		if (ret == -EINVAL)
			hs->static_static_state = VL_SS_REFUSED;
		else if (!ret)
			hs->static_static_state = VL_SS_READY;
		else
			return ret;
	}
	return hs->static_static_state == VL_SS_READY ? 0 : -EINVAL;
}

void vl_handshake_clear(struct vl_handshake *hs)
{
	vl_wipe(hs->hash, sizeof(hs->hash));
	vl_wipe(hs->chaining_key, sizeof(hs->chaining_key));
	vl_wipe(hs->ephemeral_priv, sizeof(hs->ephemeral_priv));
	vl_wipe(hs->remote_ephemeral, sizeof(hs->remote_ephemeral));
	hs->remote_index = 0;
	hs->state = VL_HS_ZEROED;
}

void vl_handshake_wipe(struct vl_handshake *hs)
{
	vl_wipe(hs, sizeof(*hs));
}

static void save_state(struct vl_handshake *hs, const struct vl_ik *st)
{
	memcpy(hs->hash, st->h, sizeof(hs->hash));
	memcpy(hs->chaining_key, st->ck, sizeof(hs->chaining_key));
}

static void load_state(struct vl_ik *st, const struct vl_handshake *hs)
{
	memcpy(st->h, hs->hash, sizeof(st->h));
	memcpy(st->ck, hs->chaining_key, sizeof(st->ck));
}

enum vl_hs_err vl_noise_create_initiation(const struct vl_identity *id,
					  struct vl_handshake *hs,
					  uint32_t local_index,
					  const struct timespec *realtime,
					  uint64_t now_ns,
					  uint8_t msg[VL_INITIATION_LEN])
{
	uint8_t e_priv[VL_KEY_LEN], timestamp[VL_TAI64N_LEN];
	struct vl_ik st;
	int ret;

	memset(msg, 0, VL_INITIATION_LEN);
	vl_put_le32(msg, VL_MSG_INITIATION);
	vl_put_le32(msg + VL_INIT_OFF_SENDER, local_index);
	vl_tai64n(timestamp, realtime);

	ret = vl_handshake_precompute(hs, id);
	if (!ret)
		ret = vl_ik_init(&st, identifier, sizeof(identifier) - 1,
				 hs->remote_static);
	if (!ret)
		ret = vl_x25519_genkey(e_priv);
	if (!ret)
		ret = vl_ik_write_initiation(&st, e_priv, hs->remote_static,
					     id->pub, hs->static_static,
					     timestamp, sizeof(timestamp),
					     msg + VL_INIT_OFF_EPHEMERAL);
	if (!ret)
		ret = vl_cookie_add_macs(&hs->cookie, msg, VL_INITIATION_LEN,
					 now_ns);
	if (!ret) {
		save_state(hs, &st);
		memcpy(hs->ephemeral_priv, e_priv, sizeof(e_priv));
		hs->local_index = local_index;
		hs->state = VL_HS_CREATED_INITIATION;
	}
	vl_wipe(e_priv, sizeof(e_priv));
	vl_ik_wipe(&st);
	return errno_to_hs(ret);
}

enum vl_hs_err vl_noise_consume_initiation(const struct vl_identity *id,
					   const uint8_t *msg, size_t len,
					   uint64_t now_ns,
					   vl_lookup_static_fn lookup,
					   void *ctx,
					   struct vl_handshake **out)
{
	uint8_t re[VL_KEY_LEN], rs[VL_KEY_LEN], timestamp[VL_TAI64N_LEN];
	struct vl_handshake *hs;
	enum vl_hs_err err;
	struct vl_ik st;
	int ret;

	*out = NULL;
	err = check_header(id, msg, len, VL_MSG_INITIATION,
			   VL_INITIATION_LEN);
	if (err)
		return err;

	ret = vl_ik_init(&st, identifier, sizeof(identifier) - 1, id->pub);
	if (!ret)
		ret = vl_ik_read_initiation_static(&st, id->priv, id->pub,
						   msg + VL_INIT_OFF_EPHEMERAL,
						   re, rs);
	if (ret) {
		err = errno_to_hs(ret);
		goto out;
	}
	hs = lookup(ctx, rs);
	/* the lookup is the daemon's: make sure it found this very key */
	if (!hs || !vl_equal(hs->remote_static, rs, VL_KEY_LEN)) {
		err = VL_HS_ERR_UNKNOWN_PEER;
		goto out;
	}
	ret = vl_handshake_precompute(hs, id);
	if (!ret)
		ret = vl_ik_read_initiation_payload(&st, hs->static_static,
						    msg + VL_INIT_OFF_TIMESTAMP,
						    VL_TAI64N_LEN + VL_TAG_LEN,
						    timestamp);
	if (ret) {
		err = errno_to_hs(ret);
		goto out;
	}
	/* Only now, with the message authenticated as the peer's, do its
	 * timestamp and arrival time count.  A replayed initiation carries
	 * an old timestamp; a flood of fresh ones (from the peer's own
	 * compromised clock, say) is capped at 50 a second.
	 */
	if (vl_tai64n_cmp(timestamp, hs->latest_timestamp) <= 0) {
		err = VL_HS_ERR_REPLAY;
		goto out;
	}
	if (hs->have_initiation &&
	    (now_ns < hs->last_initiation_ns ||
	     now_ns - hs->last_initiation_ns < VL_INITIATION_MIN_GAP_NS)) {
		err = VL_HS_ERR_FLOOD;
		goto out;
	}

	save_state(hs, &st);
	memcpy(hs->remote_ephemeral, re, sizeof(re));
	memcpy(hs->latest_timestamp, timestamp, sizeof(timestamp));
	/* an initiation of ours in flight is superseded */
	vl_wipe(hs->ephemeral_priv, sizeof(hs->ephemeral_priv));
	hs->remote_index = vl_get_le32(msg + VL_INIT_OFF_SENDER);
	hs->last_initiation_ns = now_ns;
	hs->have_initiation = true;
	hs->state = VL_HS_CONSUMED_INITIATION;
	*out = hs;
	err = VL_HS_OK;
out:
	vl_ik_wipe(&st);
	return err;
}

enum vl_hs_err vl_noise_create_response(const struct vl_identity *id,
					struct vl_handshake *hs,
					uint32_t local_index,
					uint64_t now_ns,
					uint8_t msg[VL_RESPONSE_LEN])
{
	uint8_t e_priv[VL_KEY_LEN];
	struct vl_ik st;
	int ret;

	(void)id;
	if (hs->state != VL_HS_CONSUMED_INITIATION)
		return VL_HS_ERR_STATE;
	memset(msg, 0, VL_RESPONSE_LEN);
	vl_put_le32(msg, VL_MSG_RESPONSE);
	vl_put_le32(msg + VL_RESP_OFF_SENDER, local_index);
	vl_put_le32(msg + VL_RESP_OFF_RECEIVER, hs->remote_index);

	load_state(&st, hs);
	ret = vl_x25519_genkey(e_priv);
	if (!ret)
		ret = vl_ik_write_response(&st, e_priv, hs->remote_ephemeral,
					   hs->remote_static, hs->psk, NULL, 0,
					   msg + VL_RESP_OFF_EPHEMERAL);
	if (!ret)
		ret = vl_cookie_add_macs(&hs->cookie, msg, VL_RESPONSE_LEN,
					 now_ns);
	if (!ret) {
		/* the responder's ephemeral key has done its work: the
		 * chaining key holds all that the keypair needs
		 */
		save_state(hs, &st);
		hs->local_index = local_index;
		hs->state = VL_HS_CREATED_RESPONSE;
	}
	vl_wipe(e_priv, sizeof(e_priv));
	vl_ik_wipe(&st);
	return errno_to_hs(ret);
}

enum vl_hs_err vl_noise_consume_response(const struct vl_identity *id,
					 const uint8_t *msg, size_t len,
					 vl_lookup_index_fn lookup, void *ctx,
					 struct vl_handshake **out)
{
	uint8_t re[VL_KEY_LEN];
	struct vl_handshake *hs;
	enum vl_hs_err err;
	uint32_t receiver;
	struct vl_ik st;
	int ret;

	*out = NULL;
	err = check_header(id, msg, len, VL_MSG_RESPONSE, VL_RESPONSE_LEN);
	if (err)
		return err;
	receiver = vl_get_le32(msg + VL_RESP_OFF_RECEIVER);
	hs = lookup(ctx, receiver);
	if (!hs)
		return VL_HS_ERR_UNKNOWN_INDEX;
	if (hs->state != VL_HS_CREATED_INITIATION)
		return VL_HS_ERR_STATE;
	/* an index the daemon still maps to the peer, but not the one this
	 * initiation went out with: a response to an older initiation
	 */
	if (hs->local_index != receiver)
		return VL_HS_ERR_UNKNOWN_INDEX;

	load_state(&st, hs);
	ret = vl_ik_read_response(&st, hs->ephemeral_priv, id->priv, hs->psk,
				  msg + VL_RESP_OFF_EPHEMERAL,
				  VL_KEY_LEN + VL_TAG_LEN, re, NULL);
	if (!ret) {
		save_state(hs, &st);
		memcpy(hs->remote_ephemeral, re, sizeof(re));
		vl_wipe(hs->ephemeral_priv, sizeof(hs->ephemeral_priv));
		hs->remote_index = vl_get_le32(msg + VL_RESP_OFF_SENDER);
		hs->state = VL_HS_CONSUMED_RESPONSE;
		*out = hs;
	}
	vl_ik_wipe(&st);
	return errno_to_hs(ret);
}

enum vl_hs_err vl_noise_consume_cookie_reply(const uint8_t *msg, size_t len,
					     uint64_t now_ns,
					     vl_lookup_index_fn lookup,
					     void *ctx,
					     struct vl_handshake **out)
{
	struct vl_handshake *hs;
	enum vl_hs_err err;

	*out = NULL;
	if (len < 4)
		return VL_HS_ERR_LENGTH;
	if (vl_msg_type(msg, len) != VL_MSG_COOKIE_REPLY)
		return VL_HS_ERR_TYPE;
	if (len != VL_COOKIE_REPLY_LEN)
		return VL_HS_ERR_LENGTH;
	hs = lookup(ctx, vl_get_le32(msg + VL_COOKIE_OFF_RECEIVER));
	if (!hs)
		return VL_HS_ERR_UNKNOWN_INDEX;
	err = vl_cookie_consume_reply(&hs->cookie, msg, len, now_ns);
	if (!err)
		*out = hs;
	return err;
}

enum vl_hs_err vl_noise_derive_keypair(struct vl_handshake *hs,
				       struct vl_keypair *kp)
{
	uint8_t k1[VL_KEY_LEN], k2[VL_KEY_LEN];
	struct vl_ik st;
	bool initiator;
	int ret;

	memset(kp, 0, sizeof(*kp));
	if (hs->state != VL_HS_CREATED_RESPONSE &&
	    hs->state != VL_HS_CONSUMED_RESPONSE)
		return VL_HS_ERR_STATE;
	initiator = hs->state == VL_HS_CONSUMED_RESPONSE;

	load_state(&st, hs);
	ret = vl_ik_split(&st, k1, k2);
	vl_ik_wipe(&st);
	if (ret) {
		vl_wipe(k1, sizeof(k1));
		vl_wipe(k2, sizeof(k2));
		return VL_HS_ERR_CRYPTO;
	}
	/* k1 carries initiator to responder */
	memcpy(kp->send_key, initiator ? k1 : k2, VL_KEY_LEN);
	memcpy(kp->recv_key, initiator ? k2 : k1, VL_KEY_LEN);
	kp->local_index = hs->local_index;
	kp->remote_index = hs->remote_index;
	kp->initiator = initiator;
	vl_wipe(k1, sizeof(k1));
	vl_wipe(k2, sizeof(k2));
	vl_handshake_clear(hs);
	return VL_HS_OK;
}

void vl_keypair_wipe(struct vl_keypair *kp)
{
	vl_wipe(kp, sizeof(*kp));
}
