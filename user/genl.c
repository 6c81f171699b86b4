// SPDX-License-Identifier: GPL-2.0
/*
 * genl.c: requests to vpnlink.ko, one at a time.  libnl sends and
 * receives; the callbacks here keep the kernel's errno and extack text,
 * so that the log can say exactly what the module refused and why.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <linux/netlink.h>
#include <linux/vpnlink.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <openssl/crypto.h>

#include "genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Dumps of many peers come in 32 KiB messages: room for several. */
#define VL_GENL_BUF	(1 << 20)

const char *vl_sockaddr_str(const union vl_sockaddr *a, char *buf,
			    size_t size)
{
	char addr[INET6_ADDRSTRLEN];

	if (a->sa.sa_family == AF_INET &&
	    inet_ntop(AF_INET, &a->in4.sin_addr, addr, sizeof(addr)))
		snprintf(buf, size, "%s:%u", addr, ntohs(a->in4.sin_port));
	else if (a->sa.sa_family == AF_INET6 &&
		 inet_ntop(AF_INET6, &a->in6.sin6_addr, addr, sizeof(addr)))
		snprintf(buf, size, "[%s]:%u", addr, ntohs(a->in6.sin6_port));
	else
		snprintf(buf, size, "(none)");
	return buf;
}

bool vl_sockaddr_equal(const union vl_sockaddr *a, const union vl_sockaddr *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (a->sa.sa_family == AF_INET)
		return a->in4.sin_port == b->in4.sin_port &&
		       a->in4.sin_addr.s_addr == b->in4.sin_addr.s_addr;
	if (a->sa.sa_family == AF_INET6)
		return a->in6.sin6_port == b->in6.sin6_port &&
		       a->in6.sin6_scope_id == b->in6.sin6_scope_id &&
		       !memcmp(&a->in6.sin6_addr, &b->in6.sin6_addr, 16);
	return a->sa.sa_family == AF_UNSPEC;
}

/* The extack TLVs start @off bytes into the payload of @nlh. */
static void keep_extack(struct vl_genl *g, const struct nlmsghdr *nlh,
			size_t off)
{
	static struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
		[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32 },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	g->extack[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(off);
	if (nlh->nlmsg_len <= off ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, policy))
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(g->extack, sizeof(g->extack), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	else if (tb[NLMSGERR_ATTR_MISS_TYPE])
		snprintf(g->extack, sizeof(g->extack),
			 "missing attribute %u",
			 nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	/* libnl hands over the payload of NLMSG_ERROR; its header sits just
	 * before, the extack after the (capped) echoed request header.
	 */
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	struct vl_genl *g = arg;
	size_t off = sizeof(*e);

	(void)who;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	g->error = e->error < 0 ? -e->error : e->error;
	keep_extack(g, nlh, off);
	g->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct vl_genl *g = arg;

	(void)msg;
	g->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; a negative int in it is an error met midway. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vl_genl *g = arg;
	int err = 0;

	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
	if (err < 0) {
		g->error = -err;
		keep_extack(g, nlh, sizeof(int));
	}
	g->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct vl_genl *g = arg;

	if (g->on_reply && g->on_reply(nlmsg_hdr(msg), g->arg) < 0)
		g->bad_reply = true;
	return NL_OK;
}

void vl_genl_close(struct vl_genl *g)
{
	nl_cb_put(g->cb);
	nl_socket_free(g->sk);
	g->cb = NULL;
	g->sk = NULL;
}

int vl_genl_open(struct vl_genl *g)
{
	int one = 1, fd, ret;

	memset(g, 0, sizeof(*g));
	g->sk = nl_socket_alloc();
	g->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!g->sk || !g->cb) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = genl_connect(g->sk);
	if (ret < 0) {
		ret = -EIO;
		goto fail;
	}
	fd = nl_socket_get_fd(g->sk);
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    nl_socket_set_buffer_size(g->sk, VL_GENL_BUF, VL_GENL_BUF) < 0) {
		ret = errno ? -errno : -EIO;
		goto fail;
	}
	/* Peeking lets libnl size its buffer to each (32 KiB) dump part. */
	nl_socket_enable_msg_peek(g->sk);
	g->family = genl_ctrl_resolve(g->sk, VPNLINK_GENL_NAME);
	if (g->family < 0) {
		ret = -ENOENT;
		goto fail;
	}
	nl_cb_err(g->cb, NL_CB_CUSTOM, on_error, g);
	nl_cb_set(g->cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, g);
	nl_cb_set(g->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, g);
	nl_cb_set(g->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, g);
	return 0;
fail:
	vl_genl_close(g);
	return ret;
}

struct nl_msg *vl_genl_msg(struct vl_genl *g, uint8_t cmd, int flags,
			   size_t size)
{
	struct nl_msg *msg = nlmsg_alloc_size(size);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0,
				flags | NLM_F_ACK, cmd, VPNLINK_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

void vl_genl_free(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	OPENSSL_cleanse(nlh, nlh->nlmsg_len);
	nlmsg_free(msg);
}

int vl_genl_call(struct vl_genl *g, struct nl_msg *msg, vl_reply_fn fn,
		 void *arg)
{
	int ret;

	g->error = 0;
	g->extack[0] = '\0';
	g->bad_reply = false;
	g->done = false;
	if (!msg) {
		snprintf(g->extack, sizeof(g->extack), "request too large");
		return -EMSGSIZE;
	}
	g->on_reply = fn;
	g->arg = arg;
	ret = nl_send_auto(g->sk, msg);
	vl_genl_free(msg);
	if (ret < 0)
		return -EIO;
	while (!g->done) {
		ret = nl_recvmsgs(g->sk, g->cb);
		if (ret < 0 && !g->done)
			return -EIO;
	}
	if (g->error)
		return -g->error;
	return g->bad_reply ? -EBADMSG : 0;
}

int vl_put_endpoint(struct nl_msg *msg, int attr, const union vl_sockaddr *a,
		    const union vl_sockaddr *local)
{
	struct nlattr *nest = nla_nest_start(msg, attr);
	int lf = local ? local->sa.sa_family : AF_UNSPEC;

	if (!nest)
		return -EMSGSIZE;
	if (a->sa.sa_family == AF_INET) {
		if (nla_put(msg, VPNLINK_A_ENDPOINT_ADDR4, 4, &a->in4.sin_addr) ||
		    nla_put_u16(msg, VPNLINK_A_ENDPOINT_PORT,
				ntohs(a->in4.sin_port)) ||
		    (lf == AF_INET &&
		     nla_put(msg, VPNLINK_A_ENDPOINT_LOCAL4, 4,
			     &local->in4.sin_addr)))
			return -EMSGSIZE;
	} else {
		if (nla_put(msg, VPNLINK_A_ENDPOINT_ADDR6, 16,
			    &a->in6.sin6_addr) ||
		    nla_put_u16(msg, VPNLINK_A_ENDPOINT_PORT,
				ntohs(a->in6.sin6_port)) ||
		    (a->in6.sin6_scope_id &&
		     nla_put_u32(msg, VPNLINK_A_ENDPOINT_SCOPE_ID,
				 a->in6.sin6_scope_id)) ||
		    (lf == AF_INET6 &&
		     nla_put(msg, VPNLINK_A_ENDPOINT_LOCAL6, 16,
			     &local->in6.sin6_addr)))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int vl_get_endpoint(struct nlattr *nest, union vl_sockaddr *a,
		    union vl_sockaddr *local)
{
	static struct nla_policy policy[VPNLINK_A_ENDPOINT_MAX + 1] = {
		[VPNLINK_A_ENDPOINT_ADDR4] = { .minlen = 4, .maxlen = 4 },
		[VPNLINK_A_ENDPOINT_ADDR6] = { .minlen = 16, .maxlen = 16 },
		[VPNLINK_A_ENDPOINT_PORT] = { .type = NLA_U16 },
		[VPNLINK_A_ENDPOINT_SCOPE_ID] = { .type = NLA_U32 },
		[VPNLINK_A_ENDPOINT_LOCAL4] = { .minlen = 4, .maxlen = 4 },
		[VPNLINK_A_ENDPOINT_LOCAL6] = { .minlen = 16, .maxlen = 16 },
	};
	struct nlattr *tb[VPNLINK_A_ENDPOINT_MAX + 1];

	memset(a, 0, sizeof(*a));
	if (local)
		memset(local, 0, sizeof(*local));
	if (nla_parse_nested(tb, VPNLINK_A_ENDPOINT_MAX, nest, policy) ||
	    !tb[VPNLINK_A_ENDPOINT_PORT])
		return -EBADMSG;
	if (tb[VPNLINK_A_ENDPOINT_ADDR4]) {
		a->in4.sin_family = AF_INET;
		memcpy(&a->in4.sin_addr, nla_data(tb[VPNLINK_A_ENDPOINT_ADDR4]),
		       4);
		a->in4.sin_port = htons(nla_get_u16(tb[VPNLINK_A_ENDPOINT_PORT]));
		if (local && tb[VPNLINK_A_ENDPOINT_LOCAL4]) {
			local->in4.sin_family = AF_INET;
			memcpy(&local->in4.sin_addr,
			       nla_data(tb[VPNLINK_A_ENDPOINT_LOCAL4]), 4);
		}
	} else if (tb[VPNLINK_A_ENDPOINT_ADDR6]) {
		a->in6.sin6_family = AF_INET6;
		memcpy(&a->in6.sin6_addr,
		       nla_data(tb[VPNLINK_A_ENDPOINT_ADDR6]), 16);
		a->in6.sin6_port =
			htons(nla_get_u16(tb[VPNLINK_A_ENDPOINT_PORT]));
		if (tb[VPNLINK_A_ENDPOINT_SCOPE_ID])
			a->in6.sin6_scope_id =
				nla_get_u32(tb[VPNLINK_A_ENDPOINT_SCOPE_ID]);
		if (local && tb[VPNLINK_A_ENDPOINT_LOCAL6]) {
			local->in6.sin6_family = AF_INET6;
			memcpy(&local->in6.sin6_addr,
			       nla_data(tb[VPNLINK_A_ENDPOINT_LOCAL6]), 16);
		}
	} else {
		return -EBADMSG;
	}
	return 0;
}
