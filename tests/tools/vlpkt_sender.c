// SPDX-License-Identifier: GPL-2.0
/* vlpkt: the UDP socket of the sending commands (data, raw, random,
 * replay).  One per run, so all its datagrams come from one port; bound
 * to --from even before that address is up; retries transient send
 * failures, and sends `random`'s batches with one sendmmsg() call.
 */
#define _GNU_SOURCE		/* sendmmsg */
#include <inttypes.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "vlpkt.h"

void sender_open(struct sender *s, const struct opts *o)
{
	int family, one = 1, bufsize = 4 << 20;

	s->o = o;
	s->sent = 0;
	s->fd = -1;
	if (!o->has_to) {
		if (o->cmd == CMD_DATA && o->print) {
			s->max = MAX_UDP6;
			return;		/* print only */
		}
		usage_error("%s: --to is required", o->cmd_name);
	}
	family = o->to.ss_family;
	s->max = family == AF_INET ? MAX_UDP4 : MAX_UDP6;
	s->fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof(bufsize));
	if (o->has_from) {
		if (o->from.ss_family != family)
			usage_error("--from and --to are of different "
				    "address families");
		setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		/* bind even to an address that is not (yet) up, e.g. an
		 * IPv6 address in duplicate address detection
		 */
		if (family == AF_INET)
			setsockopt(s->fd, IPPROTO_IP, IP_FREEBIND, &one,
				   sizeof(one));
		else
			setsockopt(s->fd, IPPROTO_IPV6, IPV6_FREEBIND, &one,
				   sizeof(one));
		if (bind(s->fd, (const struct sockaddr *)&o->from,
			 o->from_len))
			die("bind --from: %s", strerror(errno));
	}
}

/* Whether a failed send may be retried: transient buffer shortage.  A
 * pending ICMP error on the socket (ECONNREFUSED and friends) belongs to
 * an earlier datagram; this one was not sent, so retry it too.
 */
static bool send_retryable(int err)
{
	return err == EINTR || err == ENOBUFS || err == EAGAIN ||
	       err == ECONNREFUSED || err == EHOSTUNREACH ||
	       err == ENETUNREACH;
}

void sender_send(struct sender *s, const uint8_t *buf, size_t len)
{
	const struct opts *o = s->o;
	unsigned int tries = 0;

	if (o->print) {
		print_hex_line(stdout, buf, len);
		fflush(stdout);
	}
	if (s->fd < 0) {
		s->sent++;
		return;
	}
	if (len > s->max)
		die("datagram of %zu bytes is too large for UDP (max %zu)",
		    len, s->max);
	if (o->interval_us && s->sent)
		sleep_us(o->interval_us);
	while (sendto(s->fd, buf, len, 0, (const struct sockaddr *)&o->to,
		      o->to_len) < 0) {
		int err = errno;

		/* unreachable errors persist; retry them only briefly */
		if (!send_retryable(err) ||
		    (err != EINTR && err != ENOBUFS && err != EAGAIN &&
		     tries >= 3) || ++tries > 1000)
			die("sendto (%zu bytes): %s", len, strerror(err));
		if (err != EINTR)
			sleep_us(1000);
	}
	s->sent++;
}

/* Sends many datagrams at once with sendmmsg(); lens[i] bytes at
 * bufs + i * stride.
 */
void sender_send_batch(struct sender *s, uint8_t *bufs, size_t stride,
		       const size_t *lens, unsigned int n)
{
	const struct opts *o = s->o;
	struct mmsghdr msgs[64];
	struct iovec iovs[64];
	unsigned int i, done = 0, tries = 0;

	if (o->interval_us || o->print || n > 64) {
		for (i = 0; i < n; i++)
			sender_send(s, bufs + i * stride, lens[i]);
		return;
	}
	for (i = 0; i < n; i++) {
		iovs[i].iov_base = bufs + i * stride;
		iovs[i].iov_len = lens[i];
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_name = (void *)&o->to;
		msgs[i].msg_hdr.msg_namelen = o->to_len;
		msgs[i].msg_hdr.msg_iov = &iovs[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		if (lens[i] > s->max)
			die("datagram of %zu bytes is too large for UDP (max "
			    "%zu)", lens[i], s->max);
	}
	while (done < n) {
		int r = sendmmsg(s->fd, msgs + done, n - done, 0);

		if (r < 0) {
			int err = errno;

			if (!send_retryable(err) ||
			    (err != EINTR && err != ENOBUFS &&
			     err != EAGAIN && tries >= 3) || ++tries > 1000)
				die("sendmmsg (%zu bytes): %s", lens[done],
				    strerror(err));
			if (err != EINTR)
				sleep_us(1000);
			continue;
		}
		done += (unsigned int)r;
		s->sent += (unsigned int)r;
	}
}

void sender_close(struct sender *s)
{
	if (s->fd >= 0)
		close(s->fd);
	printf("sent %" PRIu64 "\n", s->sent);
	fflush(stdout);
}
