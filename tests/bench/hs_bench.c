// SPDX-License-Identifier: GPL-2.0
/*
 * hs_bench: how many handshakes per second the helper's responder path
 * completes on one core: mac1 check, consume_initiation, create_response
 * and key derivation, exactly the code the daemon runs per initiation
 * (the two netlink requests that follow are the module's side and are
 * measured by the guest benchmark).  Initiations come from many peers,
 * made beforehand; time is simulated so that replay and flood checks
 * pass as they would in real life, one initiation per peer per second.
 *
 *   hs_bench [PEERS [ROUNDS]]    prints "handshakes_per_second N"
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cookie.h"
#include "noise.h"

struct peer {
	struct vl_identity id;		/* the initiator */
	struct vl_handshake to_responder;
	struct vl_handshake at_responder;
	uint8_t pub[VL_KEY_LEN];
};

static struct peer *peers;
static unsigned int n_peers;

static struct vl_handshake *lookup(void *ctx, const uint8_t pub[VL_KEY_LEN])
{
	unsigned int i;

	(void)ctx;
	/* The daemon does the same linear search over its peers. */
	for (i = 0; i < n_peers; i++)
		if (!memcmp(peers[i].pub, pub, VL_KEY_LEN))
			return &peers[i].at_responder;
	return NULL;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "hs_bench: %s\n", what);
	exit(1);
}

int main(int argc, char **argv)
{
	unsigned int rounds = argc > 2 ? atoi(argv[2]) : 4, r, i, done = 0;
	struct vl_identity resp;
	struct vl_cookie_checker checker;
	struct vl_srcaddr src = { .family = AF_INET, .port = 51820,
				  .ip = { 192, 0, 2, 1 } };
	uint8_t priv[VL_KEY_LEN], (*msgs)[VL_INITIATION_LEN];
	uint8_t reply[VL_RESPONSE_LEN];
	struct vl_handshake *hs;
	struct vl_keypair kp;
	struct timespec wall;
	double start, busy = 0;

	n_peers = argc > 1 ? atoi(argv[1]) : 1000;
	if (!n_peers || !rounds)
		die("usage: hs_bench [PEERS [ROUNDS]]");
	peers = calloc(n_peers, sizeof(*peers));
	msgs = calloc(n_peers, sizeof(*msgs));
	if (!peers || !msgs)
		die("out of memory");
	if (vl_x25519_genkey(priv) || vl_identity_init(&resp, priv) ||
	    vl_cookie_checker_init(&checker, resp.pub, 0))
		die("responder keys");
	/* The static-static DHs are done here, as a running daemon has them
	 * after each peer's first handshake: the rate is the steady state's.
	 */
	for (i = 0; i < n_peers; i++) {
		if (vl_x25519_genkey(priv) ||
		    vl_identity_init(&peers[i].id, priv) ||
		    vl_handshake_init(&peers[i].to_responder, resp.pub, NULL) ||
		    vl_handshake_init(&peers[i].at_responder, peers[i].id.pub,
				      NULL) ||
		    vl_handshake_precompute(&peers[i].to_responder,
					    &peers[i].id) ||
		    vl_handshake_precompute(&peers[i].at_responder, &resp))
			die("peer keys");
		memcpy(peers[i].pub, peers[i].id.pub, VL_KEY_LEN);
	}
	clock_gettime(CLOCK_REALTIME, &wall);
	for (r = 0; r < rounds; r++) {
		uint64_t now_ns = (uint64_t)(r + 1) * 1000000000ULL;

		/* A second later, every peer initiates again. */
		wall.tv_sec++;
		for (i = 0; i < n_peers; i++)
			if (vl_noise_create_initiation(&peers[i].id,
						       &peers[i].to_responder,
						       i + 1, &wall, now_ns,
						       msgs[i]) != VL_HS_OK)
				die("initiation");
		start = seconds();
		for (i = 0; i < n_peers; i++) {
			if (vl_cookie_validate(&checker, msgs[i],
					       VL_INITIATION_LEN, &src, false,
					       now_ns, NULL) != VL_HS_OK ||
			    vl_noise_consume_initiation(&resp, msgs[i],
							VL_INITIATION_LEN,
							now_ns, lookup, NULL,
							&hs) != VL_HS_OK ||
			    vl_noise_create_response(&resp, hs, 100000 + i,
						     now_ns, reply) != VL_HS_OK ||
			    vl_noise_derive_keypair(hs, &kp) != VL_HS_OK)
				die("a handshake failed");
			vl_keypair_wipe(&kp);
			done++;
		}
		busy += seconds() - start;
	}
	printf("handshakes %u\nseconds %.3f\nhandshakes_per_second %.0f\n",
	       done, busy, done / busy);
	return 0;
}
