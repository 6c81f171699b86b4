// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c: the netlink session.  libnl sends and receives; the callbacks here
 * count answers, so that many requests can be in flight ("peer bulk") and
 * every one of them is still checked, and print the first kernel error
 * with its extack message.
 */
#define _GNU_SOURCE		/* strerrorname_np */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/vpnlink.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "nl.h"
#include "vlctl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Socket buffers: large dumps and bulk acks. */
#define SOCK_BUF_SIZE		(1 << 20)

void print_kernel_error(int err, const char *text)
{
	const char *name = strerrorname_np(err);
	char num[16];

	if (!name) {
		snprintf(num, sizeof(num), "%d", err);
		name = num;
	}
	fprintf(stderr, "error: %s (%s)%s%s\n", strerror(err), name,
		*text ? ": " : "", text);
}

/* The extended ack's explanation: the kernel's message, else the missing
 * attribute it names (GENL_REQ_ATTR_CHECK sends only that), else "".
 * The TLVs start @off bytes into the payload of @nlh.
 */
static void extack_text(const struct nlmsghdr *nlh, size_t off, char *buf,
			size_t size)
{
	static struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
		[NLMSGERR_ATTR_OFFS] = { .type = NLA_U32 },
		[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32 },
		[NLMSGERR_ATTR_MISS_NEST] = { .type = NLA_U32 },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(off);
	if (nlh->nlmsg_len <= off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, policy))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(buf, size, "%s", nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	else if (tb[NLMSGERR_ATTR_MISS_TYPE])
		snprintf(buf, size, "missing attribute %" PRIu32,
			 nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
}

static void note_failure(struct vl_nl *nl, int err, const struct nlmsghdr *nlh,
			 size_t off)
{
	char text[512];

	nl->failed++;
	if (nl->error)
		return;		/* the first error says it; the rest are counted */
	nl->error = err;
	if (err == nl->quiet_error)
		return;		/* the caller has a way around it */
	extack_text(nlh, off, text, sizeof(text));
	print_kernel_error(err, text);
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	/* libnl hands us the payload of the NLMSG_ERROR message: its header
	 * sits just before, and the extack TLVs follow the echoed request
	 * (only its header, thanks to NETLINK_CAP_ACK).
	 */
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	struct vl_nl *nl = arg;
	size_t off = sizeof(*e);

	(void)who;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	note_failure(nl, e->error < 0 ? -e->error : e->error, nlh, off);
	if (nl->pending)
		nl->pending--;
	/* NL_SKIP, not NL_STOP: later acks in the same read must be seen. */
	return NL_SKIP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct vl_nl *nl = arg;

	(void)msg;
	nl->acked++;
	if (nl->pending)
		nl->pending--;
	return NL_OK;
}

/* NLMSG_DONE ends a dump; a negative int in it is an error met midway. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vl_nl *nl = arg;
	int err = 0;

	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
	if (err < 0)
		note_failure(nl, -err, nlh, sizeof(int));
	else
		nl->acked++;
	if (nl->pending)
		nl->pending--;
	return NL_OK;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct vl_nl *nl = arg;

	nl->messages++;
	if (nl->on_reply && nl->on_reply(nl, nlmsg_hdr(msg)) < 0)
		nl->bad_reply = true;
	return NL_OK;
}

static int on_dump_intr(struct nl_msg *msg, void *arg)
{
	struct vl_nl *nl = arg;

	(void)msg;
	nl->dump_intr = true;
	return NL_OK;		/* still process the message */
}

void vl_close(struct vl_nl *nl)
{
	nl_cb_put(nl->cb);
	nl_socket_free(nl->sk);	/* closes the socket too */
	nl->cb = NULL;
	nl->sk = NULL;
}

static int set_sockopt_int(struct nl_sock *sk, int opt, const char *name)
{
	int one = 1;

	if (setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, opt, &one,
		       sizeof(one)) < 0) {
		fprintf(stderr, "error: setsockopt %s: %s\n", name,
			strerror(errno));
		return -1;
	}
	return 0;
}

int vl_open(struct vl_nl *nl)
{
	int ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	nl->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nl->sk || !nl->cb) {
		fprintf(stderr, "error: out of memory\n");
		goto fail;
	}
	ret = genl_connect(nl->sk);
	if (ret < 0) {
		fprintf(stderr, "error: netlink socket: %s\n", nl_geterror(ret));
		goto fail;
	}
	if (set_sockopt_int(nl->sk, NETLINK_EXT_ACK, "NETLINK_EXT_ACK") ||
	    set_sockopt_int(nl->sk, NETLINK_CAP_ACK, "NETLINK_CAP_ACK"))
		goto fail;
	/* Dumps come in 32 KiB messages and bulk acks pile up: room for both.
	 * Peeking lets libnl size its buffer to each message.
	 */
	ret = nl_socket_set_buffer_size(nl->sk, SOCK_BUF_SIZE, SOCK_BUF_SIZE);
	if (ret < 0) {
		fprintf(stderr, "error: socket buffers: %s\n", nl_geterror(ret));
		goto fail;
	}
	nl_socket_enable_msg_peek(nl->sk);
	nl->family = genl_ctrl_resolve(nl->sk, VPNLINK_GENL_NAME);
	if (nl->family < 0) {
		fprintf(stderr,
			"error: generic netlink family %s: %s (is vpnlink.ko loaded?)\n",
			VPNLINK_GENL_NAME, nl_geterror(nl->family));
		goto fail;
	}
	if (nl_cb_err(nl->cb, NL_CB_CUSTOM, on_error, nl) ||
	    nl_cb_set(nl->cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, nl) ||
	    nl_cb_set(nl->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, nl) ||
	    nl_cb_set(nl->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, nl) ||
	    nl_cb_set(nl->cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, nl)) {
		fprintf(stderr, "error: cannot set netlink callbacks\n");
		goto fail;
	}
	return 0;
fail:
	vl_close(nl);
	return -1;
}

struct nl_msg *genl_request(int family, uint8_t cmd, int flags, size_t size,
			    uint8_t version)
{
	struct nl_msg *msg = nlmsg_alloc_size(size);

	if (!msg) {
		fprintf(stderr, "error: out of memory\n");
		return NULL;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, version)) {
		fprintf(stderr, "error: request too large\n");
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *vl_msg(struct vl_nl *nl, uint8_t cmd, int flags, size_t size,
		      uint8_t version)
{
	return genl_request(nl->family, cmd, flags, size, version);
}

struct nl_msg *too_large(struct nl_msg *msg)
{
	fprintf(stderr, "error: request too large\n");
	nlmsg_free(msg);
	return NULL;
}

int vl_send(struct vl_nl *nl, struct nl_msg *msg)
{
	int ret = nl_send_auto(nl->sk, msg);

	nlmsg_free(msg);
	if (ret < 0) {
		fprintf(stderr, "error: netlink send: %s\n", nl_geterror(ret));
		return -1;
	}
	nl->pending++;
	return 0;
}

int vl_drain(struct vl_nl *nl, unsigned int left)
{
	while (nl->pending > left) {
		int ret = nl_recvmsgs(nl->sk, nl->cb);

		if (ret < 0) {
			fprintf(stderr, "error: netlink receive: %s\n",
				nl_geterror(ret));
			return -1;
		}
	}
	return 0;
}

int vl_request(struct vl_nl *nl, struct nl_msg *msg)
{
	if (vl_send(nl, msg) || vl_drain(nl, 0))
		return EXIT_FAIL;
	if (nl->dump_intr)
		fprintf(stderr, "warning: dump interrupted\n");
	return nl->error || nl->bad_reply ? EXIT_FAIL : EXIT_OK;
}

int simple_request(struct nl_msg *msg, struct vl_nl *nl)
{
	int ret;

	if (!msg) {
		vl_close(nl);
		return EXIT_FAIL;
	}
	ret = vl_request(nl, msg);
	vl_close(nl);
	return ret;
}
