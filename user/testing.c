// SPDX-License-Identifier: GPL-2.0
/*
 * testing.c: the settings of testing.h, parsed.  Strict: digits only (no
 * sign, space, hex or suffix), so that a typo is refused, not read as
 * something else.
 */
#include <errno.h>

#include "testing.h"

int vl_test_reject_after_parse(const char *s, uint32_t *ms)
{
	uint64_t v = 0;
	const char *c;

	if (!s || !*s)
		return -EINVAL;
	for (c = s; *c; c++) {
		if (*c < '0' || *c > '9')
			return -EINVAL;
		/* Past the maximum already: only the range is wrong, but
		 * the rest must still be digits.
		 */
		if (v <= VL_TEST_REJECT_MAX_MS)
			v = v * 10 + (uint64_t)(*c - '0');
	}
	if (v < VL_TEST_REJECT_MIN_MS || v > VL_TEST_REJECT_MAX_MS)
		return -ERANGE;
	*ms = (uint32_t)v;
	return 0;
}
