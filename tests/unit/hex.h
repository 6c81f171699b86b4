/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hex.h: test vectors as the RFCs print them, read by OpenSSL's own hex
 * parser.
 */
#ifndef VL_TEST_HEX_H
#define VL_TEST_HEX_H

#include <stdint.h>
#include <stdlib.h>

#include <openssl/crypto.h>

/* Exactly len bytes from hex, without separators; a vector of any other
 * length or with a bad digit is a broken test: abort.
 */
static inline void unhex(uint8_t *out, size_t len, const char *hex)
{
	size_t got = 0;

	if (!OPENSSL_hexstr2buf_ex(out, len, &got, hex, '\0') || got != len)
		abort();
}

#endif /* VL_TEST_HEX_H */
