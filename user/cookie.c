// SPDX-License-Identifier: GPL-2.0
/* mac1, mac2 and cookie replies; see cookie.h for the why. */
#include <errno.h>
#include <string.h>

#include "cookie.h"

_Static_assert(VL_INIT_OFF_SENDER == VL_RESP_OFF_SENDER,
	       "a cookie reply reads the sender index at one offset");
_Static_assert(VL_INIT_OFF_MAC1 == VL_INITIATION_LEN - VL_MACS_LEN &&
	       VL_RESP_OFF_MAC1 == VL_RESPONSE_LEN - VL_MACS_LEN,
	       "the macs end the message");

static bool expired(uint64_t birth_ns, uint64_t age_ns, uint64_t now_ns)
{
	return now_ns >= birth_ns && now_ns - birth_ns >= age_ns;
}

/* An initiation or response, at its exact length: the messages with macs. */
static enum vl_hs_err check_macced(const uint8_t *msg, size_t len)
{
	switch (vl_msg_type(msg, len)) {
	case VL_MSG_INITIATION:
		return len == VL_INITIATION_LEN ? VL_HS_OK : VL_HS_ERR_LENGTH;
	case VL_MSG_RESPONSE:
		return len == VL_RESPONSE_LEN ? VL_HS_OK : VL_HS_ERR_LENGTH;
	}
	return len < 4 ? VL_HS_ERR_LENGTH : VL_HS_ERR_TYPE;
}

/* mac1 covers the message up to itself, mac2 up to itself (mac1 too). */
static int compute_mac1(uint8_t out[VL_MAC_LEN], const uint8_t *msg,
			size_t len, const uint8_t key[VL_KEY_LEN])
{
	return vl_mac16(out, key, VL_KEY_LEN, msg, len - VL_MACS_LEN);
}

static int compute_mac2(uint8_t out[VL_MAC_LEN], const uint8_t *msg,
			size_t len, const uint8_t cookie[VL_MAC_LEN])
{
	return vl_mac16(out, cookie, VL_MAC_LEN, msg, len - VL_MAC_LEN);
}

int vl_mac1_key(uint8_t out[VL_KEY_LEN], const uint8_t pub[VL_KEY_LEN])
{
	return vl_blake2s(out, "mac1----", 8, pub, VL_KEY_LEN);
}

int vl_cookie_key(uint8_t out[VL_KEY_LEN], const uint8_t pub[VL_KEY_LEN])
{
	return vl_blake2s(out, "cookie--", 8, pub, VL_KEY_LEN);
}

/* ---- the sending side ------------------------------------------------- */

int vl_cookie_init(struct vl_cookie *cookie,
		   const uint8_t peer_pub[VL_KEY_LEN])
{
	int ret;

	memset(cookie, 0, sizeof(*cookie));
	ret = vl_mac1_key(cookie->mac1_key, peer_pub);
	if (!ret)
		ret = vl_cookie_key(cookie->decrypt_key, peer_pub);
	return ret;
}

void vl_cookie_wipe(struct vl_cookie *cookie)
{
	vl_wipe(cookie, sizeof(*cookie));
}

int vl_cookie_add_macs(struct vl_cookie *cookie, uint8_t *msg, size_t len,
		       uint64_t now_ns)
{
	uint8_t *mac1, *mac2;
	int ret;

	if (len < VL_MACS_LEN)
		return -EINVAL;
	mac1 = msg + len - VL_MACS_LEN;
	mac2 = mac1 + VL_MAC_LEN;
	ret = compute_mac1(mac1, msg, len, cookie->mac1_key);
	if (ret)
		return ret;
	memcpy(cookie->last_mac1, mac1, VL_MAC_LEN);
	cookie->have_sent_mac1 = true;

	if (cookie->valid &&
	    !expired(cookie->birth_ns, VL_COOKIE_SECRET_MAX_AGE_NS -
		     VL_COOKIE_SECRET_LATENCY_NS, now_ns))
		return compute_mac2(mac2, msg, len, cookie->cookie);
	memset(mac2, 0, VL_MAC_LEN);
	return 0;
}

enum vl_hs_err vl_cookie_consume_reply(struct vl_cookie *cookie,
				       const uint8_t *msg, size_t len,
				       uint64_t now_ns)
{
	uint8_t value[VL_MAC_LEN];
	int ret;

	if (len < 4 || vl_msg_type(msg, len) != VL_MSG_COOKIE_REPLY)
		return len < 4 ? VL_HS_ERR_LENGTH : VL_HS_ERR_TYPE;
	if (len != VL_COOKIE_REPLY_LEN)
		return VL_HS_ERR_LENGTH;
	/* a reply answers one message of ours: nothing sent, nothing to
	 * answer, and a reply already taken cannot be taken again
	 */
	if (!cookie->have_sent_mac1)
		return VL_HS_ERR_NO_COOKIE_WANTED;
	ret = vl_xaead_open(value, cookie->decrypt_key,
			    msg + VL_COOKIE_OFF_NONCE, cookie->last_mac1,
			    VL_MAC_LEN, msg + VL_COOKIE_OFF_COOKIE,
			    VL_MAC_LEN + VL_TAG_LEN);
	if (ret)
		return ret == -EBADMSG ? VL_HS_ERR_DECRYPT : VL_HS_ERR_CRYPTO;
	memcpy(cookie->cookie, value, VL_MAC_LEN);
	vl_wipe(value, sizeof(value));
	cookie->birth_ns = now_ns;
	cookie->valid = true;
	cookie->have_sent_mac1 = false;
	return VL_HS_OK;
}

enum vl_hs_err vl_cookie_check_mac1(const uint8_t mac1_key[VL_KEY_LEN],
				    const uint8_t *msg, size_t len)
{
	uint8_t mac[VL_MAC_LEN];
	enum vl_hs_err err = check_macced(msg, len);

	if (err)
		return err;
	if (compute_mac1(mac, msg, len, mac1_key))
		return VL_HS_ERR_CRYPTO;
	if (!vl_equal(mac, msg + len - VL_MACS_LEN, VL_MAC_LEN))
		return VL_HS_ERR_MAC1;
	return VL_HS_OK;
}

/* ---- the receiving side ----------------------------------------------- */

int vl_cookie_checker_init(struct vl_cookie_checker *checker,
			   const uint8_t pub[VL_KEY_LEN], uint64_t now_ns)
{
	int ret;

	memset(checker, 0, sizeof(*checker));
	ret = vl_mac1_key(checker->mac1_key, pub);
	if (!ret)
		ret = vl_cookie_key(checker->encrypt_key, pub);
	if (!ret)
		ret = vl_random(checker->secret, sizeof(checker->secret));
	checker->secret_birth_ns = now_ns;
	return ret;
}

void vl_cookie_checker_wipe(struct vl_cookie_checker *checker)
{
	vl_wipe(checker, sizeof(*checker));
}

/* The cookie for @src: a MAC of its address bytes and its port (in
 * network order, as WireGuard hashes the UDP header's field) under the
 * current secret, which is renewed once it is two minutes old.
 */
static int make_cookie(struct vl_cookie_checker *checker,
		       const struct vl_srcaddr *src, uint64_t now_ns,
		       uint8_t cookie[VL_MAC_LEN])
{
	size_t ip_len = vl_srcaddr_ip_len(src);
	uint8_t buf[16 + 2];
	int ret;

	if (!ip_len)
		return -EINVAL;
	if (expired(checker->secret_birth_ns, VL_COOKIE_SECRET_MAX_AGE_NS,
		    now_ns) || now_ns < checker->secret_birth_ns) {
		ret = vl_random(checker->secret, sizeof(checker->secret));
		if (ret)
			return ret;
		checker->secret_birth_ns = now_ns;
	}
	memcpy(buf, src->ip, ip_len);
	buf[ip_len] = (uint8_t)(src->port >> 8);
	buf[ip_len + 1] = (uint8_t)src->port;
	return vl_mac16(cookie, checker->secret, sizeof(checker->secret),
			buf, ip_len + 2);
}

enum vl_hs_err vl_cookie_validate(struct vl_cookie_checker *checker,
				  const uint8_t *msg, size_t len,
				  const struct vl_srcaddr *src, bool under_load,
				  uint64_t now_ns, struct vl_ratelimit *rl)
{
	uint8_t cookie[VL_MAC_LEN], mac[VL_MAC_LEN];
	enum vl_hs_err err;

	err = vl_cookie_check_mac1(checker->mac1_key, msg, len);
	if (err || !under_load)
		return err;
	if (make_cookie(checker, src, now_ns, cookie) ||
	    compute_mac2(mac, msg, len, cookie)) {
		err = VL_HS_ERR_CRYPTO;
		goto out;
	}
	if (!vl_equal(mac, msg + len - VL_MAC_LEN, VL_MAC_LEN)) {
		err = VL_HS_NEED_COOKIE;
		goto out;
	}
	if (rl && !vl_ratelimit_allow(rl, src, now_ns))
		err = VL_HS_ERR_RATELIMIT;
out:
	vl_wipe(cookie, sizeof(cookie));
	return err;
}

enum vl_hs_err vl_cookie_create_reply(struct vl_cookie_checker *checker,
				      const uint8_t *msg, size_t len,
				      const struct vl_srcaddr *src,
				      uint64_t now_ns,
				      uint8_t reply[VL_COOKIE_REPLY_LEN])
{
	uint8_t cookie[VL_MAC_LEN];
	enum vl_hs_err err = check_macced(msg, len);

	if (err)
		return err;
	memset(reply, 0, VL_COOKIE_REPLY_LEN);
	vl_put_le32(reply, VL_MSG_COOKIE_REPLY);
	/* both messages carry their sender's index at the same place */
	memcpy(reply + VL_COOKIE_OFF_RECEIVER, msg + VL_INIT_OFF_SENDER, 4);
	if (vl_random(reply + VL_COOKIE_OFF_NONCE, VL_XNONCE_LEN) ||
	    make_cookie(checker, src, now_ns, cookie) ||
	    vl_xaead_seal(reply + VL_COOKIE_OFF_COOKIE, checker->encrypt_key,
			  reply + VL_COOKIE_OFF_NONCE,
			  msg + len - VL_MACS_LEN, VL_MAC_LEN,
			  cookie, VL_MAC_LEN))
		err = VL_HS_ERR_CRYPTO;
	vl_wipe(cookie, sizeof(cookie));
	return err;
}
