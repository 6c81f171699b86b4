/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal TAP-style output for the unit tests: one "ok N - what" or
 * "not ok N - what" line per check, "# ..." diagnostics, and the plan
 * "1..N" at the end.  tap_exit() returns 1 if any check failed.
 */
#ifndef VL_UNIT_TAP_H
#define VL_UNIT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned int tap_count, tap_failed;

static inline __attribute__((format(printf, 2, 3)))
int tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %u - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return pass;
}

static inline __attribute__((format(printf, 1, 2)))
void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline int tap_exit(void)
{
	printf("1..%u\n", tap_count);
	if (tap_failed)
		printf("# %u of %u checks failed\n", tap_failed, tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

/* splitmix64: small, fast, good enough to drive the random tests, and
 * reproducible from the seed printed in the output.
 */
struct rng {
	unsigned long long s;
};

static inline unsigned long long rng_next(struct rng *r)
{
	unsigned long long z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0 (the bias is irrelevant here). */
static inline unsigned long long rng_below(struct rng *r, unsigned long long n)
{
	return rng_next(r) % n;
}

/* Extra seeds from the environment: VL_UNIT_SEED=S adds a run with S. */
static inline int tap_env_seed(unsigned long long *seed)
{
	const char *s = getenv("VL_UNIT_SEED");
	char *end;

	if (!s || !*s)
		return 0;
	*seed = strtoull(s, &end, 0);
	return !*end;
}

#endif /* VL_UNIT_TAP_H */
