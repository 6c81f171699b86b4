// SPDX-License-Identifier: GPL-2.0
/* vlpkt decrypt: opens data messages with a key, so that what vpnlink.ko
 * sends is checked by an implementation that is not its own (OpenSSL,
 * datamsg.c).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "vlpkt.h"

static int decrypt_one(const uint8_t *msg, size_t len, void *arg)
{
	const struct opts *o = arg;
	uint8_t *out = malloc(len + 1);
	uint32_t index;
	uint64_t counter;
	long ret;

	if (!out)
		die("out of memory");
	ret = dm_open(msg, len, o->key, &index, &counter, out);
	if (o->verbose && ret != DM_ERR_MALFORMED)
		fprintf(stderr, "index %" PRIu32 " counter %" PRIu64
			" length %zu\n", index, counter, len);
	if (ret == DM_ERR_MALFORMED) {
		puts("malformed");
	} else if (ret < 0) {
		puts(ret == DM_ERR_AUTH ? "auth failed" : "crypto error");
	} else {
		size_t plen = (size_t)ret;

		if (o->unpad && plen >= 20 && out[0] >> 4 == 4 &&
		    get_be16(out + 2) >= 20 && get_be16(out + 2) <= plen)
			plen = get_be16(out + 2);
		else if (o->unpad && plen >= 40 && out[0] >> 4 == 6 &&
			 40u + get_be16(out + 4) <= plen)
			plen = 40u + get_be16(out + 4);
		if (plen)
			dm_hex_print(stdout, out, plen);
		putchar('\n');
	}
	fflush(stdout);
	free(out);
	return ret < 0;
}

int cmd_decrypt(struct opts *o)
{
	uint8_t *msg;
	size_t len;
	int ret;

	if (!o->has_key)
		usage_error("decrypt: --key is required");
	if (!!o->hex == !!o->in)
		usage_error("decrypt: give either --hex or --in");
	if (o->in)
		return for_each_line(o->in, decrypt_one, o) ? 1 : 0;
	if (dm_hex_decode(o->hex, &msg, &len))
		usage_error("decrypt: --hex: bad hex");
	ret = decrypt_one(msg, len, o);
	free(msg);
	return ret;
}
