// SPDX-License-Identifier: GPL-2.0
/*
 * module.c: building the vpnlink.ko requests and reading their replies.
 * Which attributes each command takes is documented in
 * include/uapi/linux/vpnlink.h; this file only follows it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "module.h"

/* Prefixes per request: a PEER nest holds at most 64 KiB, and an IPv6
 * prefix takes under 48 bytes of it.
 */
#define VL_PREFIXES_PER_MSG	1000
#define VL_SMALL_MSG		4096

static int put_dev(struct nl_msg *msg, int ifindex)
{
	return nla_put_u32(msg, VPNLINK_A_IFINDEX, ifindex);
}

/* ---- device ------------------------------------------------------------ */

static int parse_device(struct nlmsghdr *nlh, void *arg)
{
	struct vl_device_info *info = arg;
	struct nlattr *tb[VPNLINK_A_MAX + 1], *st[VPNLINK_A_STATS_MAX + 1];
	int i;

	if (genlmsg_parse(nlh, 0, tb, VPNLINK_A_MAX, NULL) ||
	    !tb[VPNLINK_A_IFINDEX])
		return -1;
	info->ifindex = nla_get_u32(tb[VPNLINK_A_IFINDEX]);
	if (tb[VPNLINK_A_IFNAME])
		nla_strlcpy(info->ifname, tb[VPNLINK_A_IFNAME],
			    sizeof(info->ifname));
	if (tb[VPNLINK_A_LISTEN_PORT])
		info->listen_port = nla_get_u16(tb[VPNLINK_A_LISTEN_PORT]);
	if (tb[VPNLINK_A_FWMARK])
		info->fwmark = nla_get_u32(tb[VPNLINK_A_FWMARK]);
	if (tb[VPNLINK_A_PEER_COUNT])
		info->peer_count = nla_get_u32(tb[VPNLINK_A_PEER_COUNT]);
	if (tb[VPNLINK_A_STATS] &&
	    !nla_parse_nested(st, VPNLINK_A_STATS_MAX, tb[VPNLINK_A_STATS],
			      NULL)) {
		for (i = 0; i <= VPNLINK_A_STATS_MAX; i++)
			if (st[i] && i != VPNLINK_A_STATS_PAD &&
			    nla_len(st[i]) == 8)
				info->stats[i] = nla_get_u64(st[i]);
	}
	if (tb[VPNLINK_A_PROXY_LANS]) {
		struct nlattr *a;
		int rem;

		nla_for_each_nested(a, tb[VPNLINK_A_PROXY_LANS], rem)
			if (nla_type(a) == VPNLINK_A_PROXY_LAN_IFINDEX &&
			    nla_len(a) == 4 &&
			    info->n_proxy_lans < VPNLINK_PROXY_LANS_MAX)
				info->proxy_lans[info->n_proxy_lans++] =
					nla_get_u32(a);
	}
	return 0;
}

int vl_mod_get_device(struct vl_genl *g, const char *ifname,
		      struct vl_device_info *info)
{
	struct nl_msg *msg = vl_genl_msg(g, VPNLINK_CMD_GET_DEVICE, 0,
					 VL_SMALL_MSG);

	memset(info, 0, sizeof(*info));
	if (msg && nla_put_string(msg, VPNLINK_A_IFNAME, ifname)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return vl_genl_call(g, msg, parse_device, info);
}

struct dev_dump {
	int (*fn)(const struct vl_device_info *dev, void *arg);
	void *arg;
	int ret;
};

static int parse_device_dump(struct nlmsghdr *nlh, void *arg)
{
	struct dev_dump *d = arg;
	struct vl_device_info info;

	memset(&info, 0, sizeof(info));
	if (parse_device(nlh, &info))
		return -1;
	if (!d->ret)
		d->ret = d->fn(&info, d->arg);
	return 0;
}

int vl_mod_dump_devices(struct vl_genl *g,
			int (*fn)(const struct vl_device_info *dev, void *arg),
			void *arg)
{
	struct dev_dump d = { .fn = fn, .arg = arg };
	int ret = vl_genl_call(g, vl_genl_msg(g, VPNLINK_CMD_GET_DEVICE,
					      NLM_F_DUMP, VL_SMALL_MSG),
			       parse_device_dump, &d);

	return ret ? ret : d.ret;
}

int vl_mod_set_device(struct vl_genl *g, int ifindex, int port,
		      int64_t fwmark)
{
	struct nl_msg *msg = vl_genl_msg(g, VPNLINK_CMD_SET_DEVICE, 0,
					 VL_SMALL_MSG);

	if (msg && (put_dev(msg, ifindex) ||
		    (port >= 0 &&
		     nla_put_u16(msg, VPNLINK_A_LISTEN_PORT, port)) ||
		    (fwmark >= 0 &&
		     nla_put_u32(msg, VPNLINK_A_FWMARK, (uint32_t)fwmark)))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return vl_genl_call(g, msg, NULL, NULL);
}

int vl_mod_set_proxy_lans(struct vl_genl *g, int ifindex, const int *lans,
			  unsigned int n)
{
	struct nl_msg *msg = vl_genl_msg(g, VPNLINK_CMD_SET_DEVICE, 0,
					 VL_SMALL_MSG);
	struct nlattr *nest;
	unsigned int i;

	if (!msg || put_dev(msg, ifindex))
		goto fail;
	nest = nla_nest_start(msg, VPNLINK_A_PROXY_LANS);
	if (!nest)
		goto fail;
	for (i = 0; i < n; i++)
		if (nla_put_u32(msg, VPNLINK_A_PROXY_LAN_IFINDEX, lans[i]))
			goto fail;
	/* libnl drops an empty nest; empty is how proxying is turned off. */
	nla_nest_end_keep_empty(msg, nest);
	return vl_genl_call(g, msg, NULL, NULL);
fail:
	nlmsg_free(msg);
	return vl_genl_call(g, NULL, NULL, NULL);
}

/* ---- peers ------------------------------------------------------------- */

static int put_prefix(struct nl_msg *msg, const struct vl_prefix *p,
		      bool remove)
{
	struct nlattr *nest = nla_nest_start(msg, VPNLINK_A_PEER_ALLOWEDIP);

	if (!nest ||
	    nla_put_u16(msg, VPNLINK_A_ALLOWEDIP_FAMILY, p->family) ||
	    nla_put(msg, VPNLINK_A_ALLOWEDIP_ADDR,
		    p->family == AF_INET ? 4 : 16, p->addr) ||
	    nla_put_u8(msg, VPNLINK_A_ALLOWEDIP_CIDR, p->prefix) ||
	    (remove && nla_put_u32(msg, VPNLINK_A_ALLOWEDIP_FLAGS,
				   VPNLINK_ALLOWEDIP_F_REMOVE)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* What put_prefix() adds at most. */
static size_t prefix_size(void)
{
	return nla_total_size(0) + nla_total_size(sizeof(uint16_t)) +
	       nla_total_size(16) + nla_total_size(sizeof(uint8_t)) +
	       nla_total_size(sizeof(uint32_t));
}

/* One request: the peer's settings (first request only) and the prefixes
 * [from, to).  Sized for what it carries: libnl zeroes the whole buffer,
 * and `up` with a thousand one-prefix peers spent a sixth of its time
 * zeroing buffers sized for a thousand prefixes each.
 */
static struct nl_msg *peer_msg(struct vl_genl *g, int ifindex, uint8_t cmd,
			       const struct vl_peer_config *p,
			       unsigned int from, unsigned int to)
{
	struct nl_msg *msg = vl_genl_msg(g, cmd, 0, VL_SMALL_MSG +
					 (to - from) * prefix_size());
	struct nlattr *nest;
	unsigned int i;

	if (!msg)
		return NULL;
	if (put_dev(msg, ifindex))
		goto fail;
	nest = nla_nest_start(msg, VPNLINK_A_PEER);
	if (!nest || nla_put(msg, VPNLINK_A_PEER_PUBLIC_KEY, VPNLINK_KEY_LEN,
			     p->public_key))
		goto fail;
	if (from == 0) {
		if ((p->replace_allowedips &&
		     nla_put_u32(msg, VPNLINK_A_PEER_FLAGS,
				 VPNLINK_PEER_F_REPLACE_ALLOWEDIPS)) ||
		    (p->endpoint.sa.sa_family != AF_UNSPEC &&
		     vl_put_endpoint(msg, VPNLINK_A_PEER_ENDPOINT,
				     &p->endpoint, &p->local)) ||
		    (p->keepalive >= 0 &&
		     nla_put_u16(msg, VPNLINK_A_PEER_PERSISTENT_KEEPALIVE,
				 p->keepalive)))
			goto fail;
	}
	for (i = from; i < to; i++)
		if (put_prefix(msg, &p->allowedips[i], p->remove))
			goto fail;
	nla_nest_end(msg, nest);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

int vl_mod_peer(struct vl_genl *g, int ifindex, uint8_t cmd,
		const struct vl_peer_config *p)
{
	unsigned int from = 0, to;
	int ret;

	do {
		to = from + VL_PREFIXES_PER_MSG;
		if (to > p->n_allowedips)
			to = p->n_allowedips;
		ret = vl_genl_call(g, peer_msg(g, ifindex, cmd, p, from, to),
				   NULL, NULL);
		/* The rest are added to the peer the first request made. */
		cmd = VPNLINK_CMD_SET_PEER;
		from = to;
	} while (!ret && from < p->n_allowedips);
	return ret;
}

static struct nl_msg *key_msg(struct vl_genl *g, uint8_t cmd, int ifindex,
			      const uint8_t *key, int flags)
{
	struct nl_msg *msg = vl_genl_msg(g, cmd, flags, VL_SMALL_MSG);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	if (ifindex && put_dev(msg, ifindex))
		goto fail;
	if (key) {
		nest = nla_nest_start(msg, VPNLINK_A_PEER);
		if (!nest || nla_put(msg, VPNLINK_A_PEER_PUBLIC_KEY,
				     VPNLINK_KEY_LEN, key))
			goto fail;
		nla_nest_end(msg, nest);
	}
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

int vl_mod_del_peer(struct vl_genl *g, int ifindex, const uint8_t *key)
{
	return vl_genl_call(g, key_msg(g, VPNLINK_CMD_DEL_PEER, ifindex, key,
				       0), NULL, NULL);
}

int vl_mod_del_keypairs(struct vl_genl *g, int ifindex, const uint8_t *key)
{
	return vl_genl_call(g, key_msg(g, VPNLINK_CMD_DEL_KEYPAIRS, ifindex,
				       key, 0), NULL, NULL);
}

int vl_mod_add_keypair(struct vl_genl *g, int ifindex, const uint8_t *key,
		       const struct vl_keypair_config *kp)
{
	struct nl_msg *msg = vl_genl_msg(g, VPNLINK_CMD_ADD_KEYPAIR, 0,
					 VL_SMALL_MSG);
	struct nlattr *peer, *pair;
	int ret;

	if (!msg)
		return -ENOMEM;
	if (put_dev(msg, ifindex) ||
	    !(peer = nla_nest_start(msg, VPNLINK_A_PEER)) ||
	    nla_put(msg, VPNLINK_A_PEER_PUBLIC_KEY, VPNLINK_KEY_LEN, key) ||
	    !(pair = nla_nest_start(msg, VPNLINK_A_PEER_KEYPAIR)) ||
	    nla_put_u32(msg, VPNLINK_A_KEYPAIR_LOCAL_INDEX, kp->local_index) ||
	    nla_put_u32(msg, VPNLINK_A_KEYPAIR_REMOTE_INDEX,
			kp->remote_index) ||
	    nla_put(msg, VPNLINK_A_KEYPAIR_SEND_KEY, VPNLINK_KEY_LEN,
		    kp->send_key) ||
	    nla_put(msg, VPNLINK_A_KEYPAIR_RECV_KEY, VPNLINK_KEY_LEN,
		    kp->recv_key) ||
	    (kp->initiator && nla_put_flag(msg, VPNLINK_A_KEYPAIR_INITIATOR)) ||
	    (kp->reject_after_ms &&
	     nla_put_u32(msg, VPNLINK_A_KEYPAIR_REJECT_AFTER_MS,
			 kp->reject_after_ms))) {
		ret = -EMSGSIZE;
		goto out;
	}
	nla_nest_end(msg, pair);
	nla_nest_end(msg, peer);
	ret = vl_genl_call(g, msg, NULL, NULL);
	msg = NULL;
out:
	if (msg)
		vl_genl_free(msg);
	return ret;
}

int vl_mod_send_handshake(struct vl_genl *g, int ifindex, const void *data,
			  size_t len, const union vl_sockaddr *to,
			  const union vl_sockaddr *from, const uint8_t *key)
{
	struct nl_msg *msg = key_msg(g, VPNLINK_CMD_SEND_HANDSHAKE, ifindex,
				     to ? NULL : key, 0);

	if (msg && (nla_put(msg, VPNLINK_A_PAYLOAD, len, data) ||
		    (to && vl_put_endpoint(msg, VPNLINK_A_ENDPOINT, to, from)))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return vl_genl_call(g, msg, NULL, NULL);
}

/* ---- the peer dump --------------------------------------------------- */

struct dump_state {
	struct vl_peer_info cur;
	bool have;
	int (*fn)(const struct vl_peer_info *peer, void *arg);
	void *arg;
	int ret;
};

static void flush_peer(struct dump_state *st)
{
	if (st->have && !st->ret)
		st->ret = st->fn(&st->cur, st->arg);
	free(st->cur.allowedips);
	memset(&st->cur, 0, sizeof(st->cur));
	st->have = false;
}

static int parse_keypair(struct nlattr *nest, struct vl_keypair_info *kp)
{
	struct nlattr *tb[VPNLINK_A_KEYPAIR_MAX + 1];

	memset(kp, 0, sizeof(*kp));
	if (nla_parse_nested(tb, VPNLINK_A_KEYPAIR_MAX, nest, NULL))
		return -1;
	if (tb[VPNLINK_A_KEYPAIR_SLOT])
		kp->slot = nla_get_u8(tb[VPNLINK_A_KEYPAIR_SLOT]);
	if (tb[VPNLINK_A_KEYPAIR_LOCAL_INDEX])
		kp->local_index = nla_get_u32(tb[VPNLINK_A_KEYPAIR_LOCAL_INDEX]);
	if (tb[VPNLINK_A_KEYPAIR_REMOTE_INDEX])
		kp->remote_index =
			nla_get_u32(tb[VPNLINK_A_KEYPAIR_REMOTE_INDEX]);
	if (tb[VPNLINK_A_KEYPAIR_AGE_MS])
		kp->age_ms = nla_get_u64(tb[VPNLINK_A_KEYPAIR_AGE_MS]);
	kp->initiator = tb[VPNLINK_A_KEYPAIR_INITIATOR];
	return 0;
}

static int parse_prefix(struct nlattr *nest, struct vl_prefix *p)
{
	struct nlattr *tb[VPNLINK_A_ALLOWEDIP_MAX + 1];
	int len;

	memset(p, 0, sizeof(*p));
	if (nla_parse_nested(tb, VPNLINK_A_ALLOWEDIP_MAX, nest, NULL) ||
	    !tb[VPNLINK_A_ALLOWEDIP_FAMILY] || !tb[VPNLINK_A_ALLOWEDIP_ADDR] ||
	    !tb[VPNLINK_A_ALLOWEDIP_CIDR])
		return -1;
	p->family = nla_get_u16(tb[VPNLINK_A_ALLOWEDIP_FAMILY]);
	len = nla_len(tb[VPNLINK_A_ALLOWEDIP_ADDR]);
	if ((p->family != AF_INET || len != 4) &&
	    (p->family != AF_INET6 || len != 16))
		return -1;
	memcpy(p->addr, nla_data(tb[VPNLINK_A_ALLOWEDIP_ADDR]), len);
	p->prefix = nla_get_u8(tb[VPNLINK_A_ALLOWEDIP_CIDR]);
	return 0;
}

static uint64_t get_u64(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

static int parse_peer(struct nlmsghdr *nlh, void *arg)
{
	struct dump_state *st = arg;
	struct vl_peer_info *p = &st->cur;
	struct nlattr *tb[VPNLINK_A_MAX + 1], *pt[VPNLINK_A_PEER_MAX + 1];
	struct nlattr *a;
	const uint8_t *key;
	int rem;

	if (genlmsg_parse(nlh, 0, tb, VPNLINK_A_MAX, NULL) ||
	    !tb[VPNLINK_A_PEER] ||
	    nla_parse_nested(pt, VPNLINK_A_PEER_MAX, tb[VPNLINK_A_PEER], NULL) ||
	    !pt[VPNLINK_A_PEER_PUBLIC_KEY] ||
	    nla_len(pt[VPNLINK_A_PEER_PUBLIC_KEY]) != VPNLINK_KEY_LEN)
		return -1;
	key = nla_data(pt[VPNLINK_A_PEER_PUBLIC_KEY]);
	/* A peer too big for one message goes on in the next, same key. */
	if (st->have && memcmp(key, p->public_key, VPNLINK_KEY_LEN))
		flush_peer(st);
	if (!st->have) {
		st->have = true;
		memcpy(p->public_key, key, VPNLINK_KEY_LEN);
		if (pt[VPNLINK_A_PEER_ENDPOINT])
			vl_get_endpoint(pt[VPNLINK_A_PEER_ENDPOINT],
					&p->endpoint, NULL);
		if (pt[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE])
			p->keepalive = nla_get_u16(
				pt[VPNLINK_A_PEER_PERSISTENT_KEEPALIVE]);
		p->rx_bytes = get_u64(pt[VPNLINK_A_PEER_RX_BYTES]);
		p->tx_bytes = get_u64(pt[VPNLINK_A_PEER_TX_BYTES]);
		p->rx_packets = get_u64(pt[VPNLINK_A_PEER_RX_PACKETS]);
		p->tx_packets = get_u64(pt[VPNLINK_A_PEER_TX_PACKETS]);
		p->last_rx_ns = get_u64(pt[VPNLINK_A_PEER_LAST_RX_NS]);
		p->last_tx_ns = get_u64(pt[VPNLINK_A_PEER_LAST_TX_NS]);
	}
	nla_for_each_nested(a, tb[VPNLINK_A_PEER], rem) {
		if (nla_type(a) == VPNLINK_A_PEER_KEYPAIR && p->n_keypairs < 3) {
			if (parse_keypair(a, &p->keypairs[p->n_keypairs]))
				return -1;
			p->n_keypairs++;
		} else if (nla_type(a) == VPNLINK_A_PEER_ALLOWEDIP) {
			struct vl_prefix *n;

			if (!(p->n_allowedips & (p->n_allowedips + 1)) ||
			    !p->allowedips) {
				n = realloc(p->allowedips,
					    (2 * p->n_allowedips + 1) *
					    sizeof(*n));
				if (!n)
					return -1;
				p->allowedips = n;
			}
			if (parse_prefix(a, &p->allowedips[p->n_allowedips]))
				return -1;
			p->n_allowedips++;
		}
	}
	return 0;
}

int vl_mod_dump_peers(struct vl_genl *g, int ifindex,
		      int (*fn)(const struct vl_peer_info *peer, void *arg),
		      void *arg)
{
	struct dump_state st = { .fn = fn, .arg = arg };
	int ret;

	ret = vl_genl_call(g, key_msg(g, VPNLINK_CMD_GET_PEER, ifindex, NULL,
				      NLM_F_DUMP), parse_peer, &st);
	flush_peer(&st);
	return ret ? ret : st.ret;
}
