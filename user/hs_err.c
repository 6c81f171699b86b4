// SPDX-License-Identifier: GPL-2.0
/* Names of the handshake's refusal reasons, for logs. */
#include "hs_err.h"

static const char *const names[VL_HS_ERR_COUNT] = {
	[VL_HS_OK] = "ok",
	[VL_HS_ERR_LENGTH] = "bad length",
	[VL_HS_ERR_TYPE] = "bad message type",
	[VL_HS_ERR_MAC1] = "bad mac1",
	[VL_HS_NEED_COOKIE] = "under load, cookie needed",
	[VL_HS_ERR_RATELIMIT] = "rate limited",
	[VL_HS_ERR_UNKNOWN_PEER] = "unknown peer",
	[VL_HS_ERR_UNKNOWN_INDEX] = "unknown receiver index",
	[VL_HS_ERR_STATE] = "wrong handshake state",
	[VL_HS_ERR_DECRYPT] = "decryption failed",
	[VL_HS_ERR_BAD_KEY] = "bad public key",
	[VL_HS_ERR_REPLAY] = "replayed timestamp",
	[VL_HS_ERR_FLOOD] = "initiation flood",
	[VL_HS_ERR_NO_COOKIE_WANTED] = "unexpected cookie reply",
	[VL_HS_ERR_CRYPTO] = "crypto library failure",
};

const char *vl_hs_strerror(enum vl_hs_err err)
{
	if ((unsigned int)err >= VL_HS_ERR_COUNT)
		return "unknown error";
	return names[err];
}
