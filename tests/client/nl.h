/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl.h: the netlink session: a generic netlink socket bound to the vpnlink
 * family, requests sent (one at a time or many in flight), their answers
 * collected, and kernel errors printed with their extack message.
 */
#ifndef VLCTL_NL_H
#define VLCTL_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>

/* Default request size; requests with many prefixes ask for more. */
#define MSG_SIZE		8192

struct vl_nl;
/* Called for every reply message that is not an ack, error or DONE;
 * returns < 0 if it could not make sense of it.
 */
typedef int (*reply_fn)(struct vl_nl *nl, struct nlmsghdr *nlh);

struct vl_nl {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;
	unsigned int pending;	/* requests sent, neither acked nor failed */
	unsigned int acked;	/* requests that succeeded */
	unsigned int failed;	/* requests the kernel refused */
	int error;		/* first kernel error (errno), 0 if none */
	int quiet_error;	/* an errno the caller handles: not printed */
	bool bad_reply;		/* a reply we could not make sense of */
	bool dump_intr;
	unsigned long messages;	/* replies handed to on_reply */
	reply_fn on_reply;
	void *arg;		/* for on_reply */
};

/* "error: <strerror> (<ERRNO NAME>)[: <text>]" on stderr. */
void print_kernel_error(int err, const char *text);

/* Connects a generic netlink socket that reports errors with extacks, and
 * finds the vpnlink family.  Prints why on failure.
 */
int vl_open(struct vl_nl *nl);
void vl_close(struct vl_nl *nl);

/* A request of @family (or of ours, vl_msg); @size bounds what it can
 * hold.  NULL (said on stderr) if out of memory.
 */
struct nl_msg *genl_request(int family, uint8_t cmd, int flags, size_t size,
			    uint8_t version);
struct nl_msg *vl_msg(struct vl_nl *nl, uint8_t cmd, int flags, size_t size,
		      uint8_t version);

/* Gives up on a request whose attributes did not fit; returns NULL. */
struct nl_msg *too_large(struct nl_msg *msg);

/* Sends @msg (always freed); its answer is waited for by vl_drain(). */
int vl_send(struct vl_nl *nl, struct nl_msg *msg);

/* Receives until at most @left requests are unanswered. */
int vl_drain(struct vl_nl *nl, unsigned int left);

/* Sends @msg and waits for its answer; returns the exit status. */
int vl_request(struct vl_nl *nl, struct nl_msg *msg);

/* vl_request() of @msg (NULL: it could not be built), then vl_close():
 * the whole life of a command with one request.
 */
int simple_request(struct nl_msg *msg, struct vl_nl *nl);

#endif /* VLCTL_NL_H */
