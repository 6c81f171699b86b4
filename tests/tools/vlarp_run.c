// SPDX-License-Identifier: GPL-2.0
/* vlarp: the requests and their replies.  Request k goes to target
 * k % n.  One at a time: the next goes --interval-ms after the reply or
 * the timeout.  --pipeline: one every --interval-ms (on a fixed schedule),
 * however many are outstanding; a reply names only its target, so it
 * answers the request outstanding for that target: there is at most one,
 * as a request still outstanding when its target comes round again is
 * over, a timeout (vlarp.c warns when the options make that likely).  A
 * reply to none, late or a duplicate, is counted and shown apart.
 */
#define _GNU_SOURCE		/* ppoll */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vlarp.h"

#define NONE UINT64_MAX

struct request {
	int64_t sent_ns;
	uint32_t target;
	bool done;
};

struct run {
	const struct opts *o;
	const struct proto *p;
	struct iface ifc;
	int fd;
	int64_t timeout_ns, interval_ns;
	struct request *reqs;	/* one per request sent */
	uint64_t sent;
	uint64_t head;		/* requests before it are done */
	uint64_t *pending;	/* per target: its outstanding request */
	int64_t next_send_ns;
	uint64_t *lat_us;	/* one per reply */
	uint64_t replies, late;
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		die("out of memory");
	return p;
}

static const char *target_str(const struct run *s, uint32_t i, char *buf)
{
	uint8_t addr[16];

	targets_addr(&s->o->targets, i, addr);
	return inet_ntop(s->o->targets.alen == 4 ? AF_INET : AF_INET6, addr,
			 buf, INET6_ADDRSTRLEN);
}

/* "is-at MAC" and, for ND, "flags S|O|R" */
static void print_reply_tail(const struct run *s, const struct reply *r)
{
	static const struct {
		uint8_t bit;
		const char *name;
	} flags[] = {
		{ ND_SOLICITED, "S" }, { ND_OVERRIDE, "O" }, { ND_ROUTER, "R" },
	};
	const char *sep = "";
	unsigned int i;

	if (r->has_mac)
		printf(" is-at %02x:%02x:%02x:%02x:%02x:%02x", r->mac[0],
		       r->mac[1], r->mac[2], r->mac[3], r->mac[4], r->mac[5]);
	else
		printf(" is-at none");
	if (!s->p->has_flags)
		return;
	printf(" flags ");
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (r->flags & flags[i].bit) {
			printf("%s%s", sep, flags[i].name);
			sep = "|";
		}
	if (!*sep)
		printf("-");
}

/* Request k is over, answered or not, at now. */
static void finish(struct run *s, uint64_t k, int64_t now)
{
	s->reqs[k].done = true;
	s->pending[s->reqs[k].target] = NONE;
	if (!s->o->pipeline)
		s->next_send_ns = now + s->interval_ns;
}

static void timed_out(struct run *s, uint64_t k, int64_t now)
{
	char buf[INET6_ADDRSTRLEN];

	if (!s->o->quiet)
		printf("timeout %s\n", target_str(s, s->reqs[k].target, buf));
	finish(s, k, now);
}

static void got_reply(struct run *s, const struct reply *r, int64_t now)
{
	uint64_t k = s->pending[r->target];
	char buf[INET6_ADDRSTRLEN];
	uint64_t us;

	if (k == NONE) {
		s->late++;
		if (!s->o->quiet) {
			printf("late %s", target_str(s, r->target, buf));
			print_reply_tail(s, r);
			printf("\n");
		}
		return;
	}
	us = (uint64_t)(now - s->reqs[k].sent_ns) / 1000;
	s->lat_us[s->replies++] = us;
	if (!s->o->quiet) {
		printf("reply %s", target_str(s, r->target, buf));
		print_reply_tail(s, r);
		printf(" in %" PRIu64 " us\n", us);
	}
	finish(s, k, now);
}

static void send_next(struct run *s)
{
	uint32_t target = (uint32_t)(s->sent % s->o->targets.n);
	uint64_t k = s->sent;
	uint8_t frame[FRAME_MAX];
	size_t len;
	int64_t now;

	len = s->p->build(s->o, &s->ifc, target, frame);
	/* --pipeline round the targets faster than the timeout, or behind
	 * its schedule: the target's last request is over all the same.
	 */
	if (s->pending[target] != NONE)
		timed_out(s, s->pending[target], now_ns());
	now = now_ns();
	sock_send(s->fd, &s->ifc, frame, len);
	s->reqs[k].sent_ns = now;
	s->reqs[k].target = target;
	s->pending[target] = k;
	s->sent++;
	if (s->o->pipeline)
		s->next_send_ns += s->interval_ns;
}

/* Every frame queued now, each timed when read. */
static void receive_all(struct run *s)
{
	uint8_t buf[2048];
	struct reply r;
	size_t len;

	while ((len = sock_recv(s->fd, buf, sizeof(buf))))
		if (s->p->match(s->o, &s->ifc, buf, len, &r))
			got_reply(s, &r, now_ns());
}

/* The requests outstanding for the timeout; they went in order. */
static void expire(struct run *s, int64_t now)
{
	while (s->head < s->sent) {
		struct request *q = &s->reqs[s->head];

		if (!q->done) {
			if (now - q->sent_ns < s->timeout_ns)
				break;
			timed_out(s, s->head, now);
		}
		s->head++;
	}
}

static void wait_until(struct run *s, int64_t wake, int64_t now)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	struct timespec ts;
	int64_t left = wake - now;

	if (left < 0)
		left = 0;
	ts.tv_sec = left / 1000000000;
	ts.tv_nsec = left % 1000000000;
	if (ppoll(&pfd, 1, &ts, NULL) < 0 && errno != EINTR)
		die("poll: %s", strerror(errno));
}

int run(const struct opts *o, const struct proto *p)
{
	struct run s = {
		.o = o,
		.p = p,
		.timeout_ns = (int64_t)o->timeout_ms * 1000000,
		.interval_ns = (int64_t)o->interval_ms * 1000000,
	};
	uint64_t median, p90;
	uint32_t i;

	iface_get(&s.ifc, o->iface);
	p->check(o, &s.ifc);
	s.reqs = xcalloc(o->count, sizeof(*s.reqs));
	s.lat_us = xcalloc(o->count, sizeof(*s.lat_us));
	s.pending = xcalloc(o->targets.n, sizeof(*s.pending));
	for (i = 0; i < o->targets.n; i++)
		s.pending[i] = NONE;
	s.fd = sock_open(&s.ifc, p->ethertype);

	s.next_send_ns = now_ns();
	for (;;) {
		int64_t now, wake = INT64_MAX;
		bool may_send;

		receive_all(&s);
		now = now_ns();
		expire(&s, now);
		may_send = s.sent < o->count &&
			   (o->pipeline || s.head == s.sent);
		if (may_send && now >= s.next_send_ns) {
			send_next(&s);
			continue;
		}
		if (s.sent == o->count && s.head == s.sent)
			break;
		if (may_send)
			wake = s.next_send_ns;
		if (s.head < s.sent &&
		    s.reqs[s.head].sent_ns + s.timeout_ns < wake)
			wake = s.reqs[s.head].sent_ns + s.timeout_ns;
		wait_until(&s, wake, now);
	}
	close(s.fd);

	median = percentile(s.lat_us, s.replies, 50);
	p90 = percentile(s.lat_us, s.replies, 90);
	printf("sent %" PRIu64 " replies %" PRIu64 " median_us %" PRIu64
	       " p90_us %" PRIu64 "\n", s.sent, s.replies, median, p90);
	free(s.reqs);
	free(s.lat_us);
	free(s.pending);
	if (o->expect_none)
		return s.replies + s.late ? EXIT_MISSED : 0;
	return s.replies == s.sent ? 0 : EXIT_MISSED;
}
