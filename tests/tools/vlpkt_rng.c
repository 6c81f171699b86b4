// SPDX-License-Identifier: GPL-2.0
/* vlpkt: random bytes that one --seed reproduces (splitmix64: small and
 * good enough for test traffic; not for keys), and a seed when none is
 * given.
 */
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "vlpkt.h"

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

void rng_fill(struct rng *r, uint8_t *buf, size_t len)
{
	while (len >= 8) {
		uint64_t v = rng_next(r);

		memcpy(buf, &v, 8);
		buf += 8;
		len -= 8;
	}
	if (len) {
		uint64_t v = rng_next(r);

		memcpy(buf, &v, len);
	}
}

uint64_t random_seed(void)
{
	uint64_t seed;

	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	return seed;
}
