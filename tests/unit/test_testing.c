// SPDX-License-Identifier: GPL-2.0
/*
 * The test suite's own settings of the helper (user/testing.c): the
 * reject age VPNLINK_TEST_REJECT_AFTER_MS takes digits only, within its
 * bounds; anything else is refused and leaves the value untouched.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include "testing.h"

#include "tap.h"

#define UNTOUCHED 4242U

static void accepts(const char *s, uint32_t want)
{
	uint32_t ms = UNTOUCHED;
	int ret = vl_test_reject_after_parse(s, &ms);

	tap_ok(ret == 0 && ms == want, "\"%s\" is %u ms (got %d, %u)", s,
	       want, ret, ms);
}

static void refuses(const char *s, int want, const char *why)
{
	uint32_t ms = UNTOUCHED;
	int ret = vl_test_reject_after_parse(s, &ms);

	tap_ok(ret == want && ms == UNTOUCHED,
	       "\"%s\" refused with %s: %s (got %d, value %u)", s,
	       want == -ERANGE ? "ERANGE" : "EINVAL", why, ret, ms);
}

int main(void)
{
	char buf[32];
	uint32_t ms = UNTOUCHED;

	accepts("30000", 30000);
	accepts("18000", VL_TEST_REJECT_MIN_MS);
	accepts("180000", VL_TEST_REJECT_MAX_MS);
	accepts("0030000", 30000);

	snprintf(buf, sizeof(buf), "%u", VL_TEST_REJECT_MIN_MS - 1);
	refuses(buf, -ERANGE, "one below the minimum");
	snprintf(buf, sizeof(buf), "%u", VL_TEST_REJECT_MAX_MS + 1);
	refuses(buf, -ERANGE, "one above WireGuard's age");
	refuses("0", -ERANGE, "zero");
	refuses("4294967296", -ERANGE, "2^32, which wraps in 32 bits");
	refuses("18446744073709551617", -ERANGE, "2^64 + 1, which wraps in 64");
	refuses("99999999999999999999999999999", -ERANGE, "far too big");

	refuses("", -EINVAL, "empty");
	refuses("abc", -EINVAL, "not a number");
	refuses("30000ms", -EINVAL, "a suffix");
	refuses("30s", -EINVAL, "seconds");
	refuses(" 30000", -EINVAL, "a leading space (strtoul's)");
	refuses("30000 ", -EINVAL, "a trailing space");
	refuses("+30000", -EINVAL, "a sign");
	refuses("-30000", -EINVAL, "a negative number");
	refuses("0x7530", -EINVAL, "hex");
	refuses("3e4", -EINVAL, "an exponent");
	refuses("30000.5", -EINVAL, "a fraction");
	refuses("99999999999999999999x", -EINVAL, "junk after too many digits");

	tap_ok(vl_test_reject_after_parse(NULL, &ms) == -EINVAL &&
	       ms == UNTOUCHED, "no value is refused");
	/* A rekey at two thirds leaves a third for a handshake retried once
	 * (REKEY_TIMEOUT 5 s plus at most 334 ms of jitter).
	 */
	tap_ok(VL_TEST_REJECT_MIN_MS / 3 >= 5000 + 334,
	       "the minimum leaves a retried handshake time before the end");
	return tap_exit();
}
