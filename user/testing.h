/* SPDX-License-Identifier: GPL-2.0 */
/*
 * testing.h: settings that exist for the test suite only.  A gateway never
 * sets them; the daemon logs a warning when one is in effect.
 *
 * VPNLINK_TEST_REJECT_AFTER_MS: the daemon installs its keypairs with this
 * reject age instead of WireGuard's 180 s (the module advises a rekey at
 * two thirds of it), and wipes keys after three times it.  A scenario that
 * checks a rekey then waits seconds, not minutes.
 */
#ifndef VL_TESTING_H
#define VL_TESTING_H

#include <stdint.h>

#define VL_TEST_REJECT_ENV		"VPNLINK_TEST_REJECT_AFTER_MS"
/* A third of it, the time between the advised rekey and the end, must
 * hold a handshake retried once (REKEY_TIMEOUT, 5 s, plus jitter).
 */
#define VL_TEST_REJECT_MIN_MS		18000U
/* Only ever lower than WireGuard's (and the module takes no more). */
#define VL_TEST_REJECT_MAX_MS		180000U

/* @s, a decimal number of milliseconds (digits only), into *@ms.
 * 0, or -EINVAL if it is not such a number, -ERANGE if it is outside
 * [VL_TEST_REJECT_MIN_MS, VL_TEST_REJECT_MAX_MS]; *@ms is then untouched.
 */
int vl_test_reject_after_parse(const char *s, uint32_t *ms);

#endif /* VL_TESTING_H */
