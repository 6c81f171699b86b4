/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vlpkt's insides, shared between its source files (no API: vlpkt is one
 * program, see `vlpkt --help`).  One file per job:
 *
 *   vlpkt.c           the command line: usage text, options, which command
 *                     takes which, parsing their values, dispatch
 *   vlpkt_sender.c    the one UDP socket every sending command uses
 *   vlpkt_data.c      `data`: encrypted data messages around ICMP echoes
 *   vlpkt_raw.c       `raw` and `random`: datagrams not (validly)
 *                     encrypted, byte by byte or a fuzzing mix
 *   vlpkt_capture.c   `capture` (AF_PACKET) and `replay`
 *   vlpkt_decrypt.c   `decrypt`
 *   vlpkt_hexlines.c  the datagram files: one hex line per datagram
 *   vlpkt_rng.c       reproducible random bytes from a seed
 *   datamsg.c         the WireGuard data message itself (OpenSSL)
 */
#ifndef VLPKT_VLPKT_H
#define VLPKT_VLPKT_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>

#include "datamsg.h"

/* Exit statuses besides 0 and 1, as `vlpkt --help` documents them. */
#define EXIT_USAGE	2
#define EXIT_TIMEOUT	3

/* Largest UDP payloads over IPv4 and IPv6 (no jumbograms). */
#define MAX_UDP4	65507
#define MAX_UDP6	65527

/* Bits, so that vlpkt.c can say which commands take an option. */
enum cmd {
	CMD_DATA = 1 << 0,
	CMD_RAW = 1 << 1,
	CMD_RANDOM = 1 << 2,
	CMD_CAPTURE = 1 << 3,
	CMD_REPLAY = 1 << 4,
	CMD_DECRYPT = 1 << 5,
};

/* capture --direction: datagrams from the port, to it, or both. */
enum direction { DIR_BOTH, DIR_FROM, DIR_TO };

/* The command line, parsed by vlpkt.c; has_* tell an option that was
 * given from a default the command may fill in.
 */
struct opts {
	enum cmd cmd;
	const char *cmd_name;
	struct sockaddr_storage to, from;
	socklen_t to_len, from_len;
	bool has_to, has_from;
	bool has_index, has_counter, has_key, has_count, has_type, has_len,
	     has_seed, has_payload_len, has_max_len;
	uint32_t index, type;
	uint64_t counter, count, seed;
	uint8_t key[DM_KEY_LEN];
	const char *inner_src, *inner_dst;
	size_t payload_len, len, max_len;
	bool keepalive, bad_tag, inner_garbage, inner_len_lie;
	const char *hex, *iface, *out, *in, *ready;
	uint16_t port;
	double duration, timeout;
	long interval_us;
	enum direction direction;
	bool print, unpad, verbose;
};

/* die() and usage_error(). */
#include "tool_err.h"

/* The commands, each given the parsed options; they return the exit
 * status.
 */
int cmd_data(struct opts *o);
int cmd_raw(struct opts *o);
int cmd_random(struct opts *o);
int cmd_capture(struct opts *o);
int cmd_replay(struct opts *o);
int cmd_decrypt(struct opts *o);

/* vlpkt_sender.c: open per the options (--to, --from, or print only for
 * `data --print` without --to), send one datagram or a batch of n (lens[i]
 * bytes at bufs + i * stride), and close, printing `sent N`.
 */
struct sender {
	int fd;
	const struct opts *o;
	uint64_t sent;
	size_t max;		/* largest datagram for the family */
};

void sender_open(struct sender *s, const struct opts *o);
void sender_send(struct sender *s, const uint8_t *buf, size_t len);
void sender_send_batch(struct sender *s, uint8_t *bufs, size_t stride,
		       const size_t *lens, unsigned int n);
void sender_close(struct sender *s);

/* vlpkt_hexlines.c: a datagram as one line of hex ("-" if empty), and
 * calling fn for each datagram line of a file ("-" for stdin); fn's
 * results are ORed together.
 */
void print_hex_line(FILE *f, const uint8_t *buf, size_t len);
int for_each_line(const char *path,
		  int (*fn)(const uint8_t *, size_t, void *), void *arg);

/* vlpkt_rng.c: splitmix64, so that --seed reproduces a run */
struct rng {
	uint64_t s;
};

uint64_t rng_next(struct rng *r);
uint64_t rng_below(struct rng *r, uint64_t n);
void rng_fill(struct rng *r, uint8_t *buf, size_t len);
uint64_t random_seed(void);

/* Small helpers for timing and packet headers. */

static inline double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, us % 1000000 * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

#endif /* VLPKT_VLPKT_H */
