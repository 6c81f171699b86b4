// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_keypair.c: "keypair add", "keypair del" and "handshake send": what
 * the helper does after a handshake (ADD_KEYPAIR, DEL_KEYPAIRS) and to
 * carry one (SEND_HANDSHAKE), here with keys and payloads given outright.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "attrs.h"
#include "vlctl.h"

struct keypair_opts {
	uint64_t local, remote, reject_ms, reject_messages;
	uint8_t send[VPNLINK_KEY_LEN], recv[VPNLINK_KEY_LEN];
	bool has_local, has_remote, has_send, has_recv;
	bool has_reject_ms, has_reject_messages, initiator;
};

/* Values are checked against their attribute's width only: the limits on
 * them are the kernel's to enforce, and tests check it does.
 */
static int parse_keypair_opt(const char *kw, const char *val,
			     struct keypair_opts *o)
{
	if (!strcmp(kw, "local")) {
		o->has_local = true;
		return parse_uint(val, UINT32_MAX, &o->local);
	}
	if (!strcmp(kw, "remote")) {
		o->has_remote = true;
		return parse_uint(val, UINT32_MAX, &o->remote);
	}
	if (!strcmp(kw, "send")) {
		o->has_send = true;
		return parse_key(val, o->send);
	}
	if (!strcmp(kw, "recv")) {
		o->has_recv = true;
		return parse_key(val, o->recv);
	}
	if (!strcmp(kw, "reject-ms")) {
		o->has_reject_ms = true;
		return parse_uint(val, UINT32_MAX, &o->reject_ms);
	}
	if (!strcmp(kw, "reject-messages")) {
		o->has_reject_messages = true;
		return parse_uint(val, UINT64_MAX, &o->reject_messages);
	}
	return -1;
}

static int put_keypair(struct nl_msg *msg, const struct keypair_opts *o)
{
	struct nlattr *nest = nla_nest_start(msg, VPNLINK_A_PEER_KEYPAIR);

	if (!nest ||
	    nla_put_u32(msg, VPNLINK_A_KEYPAIR_LOCAL_INDEX, o->local) ||
	    nla_put_u32(msg, VPNLINK_A_KEYPAIR_REMOTE_INDEX, o->remote) ||
	    nla_put(msg, VPNLINK_A_KEYPAIR_SEND_KEY, VPNLINK_KEY_LEN, o->send) ||
	    nla_put(msg, VPNLINK_A_KEYPAIR_RECV_KEY, VPNLINK_KEY_LEN, o->recv) ||
	    (o->initiator && nla_put_flag(msg, VPNLINK_A_KEYPAIR_INITIATOR)) ||
	    (o->has_reject_ms &&
	     nla_put_u32(msg, VPNLINK_A_KEYPAIR_REJECT_AFTER_MS, o->reject_ms)) ||
	    (o->has_reject_messages &&
	     nla_put_u64(msg, VPNLINK_A_KEYPAIR_REJECT_AFTER_MESSAGES,
			 o->reject_messages)))
		return -1;
	return nla_nest_end(msg, nest);
}

int cmd_keypair_add(int argc, char **argv)
{
	uint8_t key[VPNLINK_KEY_LEN];
	struct keypair_opts o = { 0 };
	struct nlattr *peer;
	struct nl_msg *msg;
	struct vl_nl nl;
	int i;

	if (argc < 3)
		return usage_error("keypair", "keypair add needs IF and KEY");
	if (parse_key(argv[2], key))
		return usage_error("keypair", "bad key %s", argv[2]);
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "initiator")) {
			o.initiator = true;
			continue;
		}
		if (i + 1 >= argc || parse_keypair_opt(argv[i], argv[i + 1], &o))
			return usage_error("keypair", "bad keypair argument %s",
					   argv[i]);
		i++;
	}
	if (!o.has_local || !o.has_remote || !o.has_send || !o.has_recv)
		return usage_error("keypair", "keypair add needs local, remote, send and recv");
	if (vl_open(&nl))
		return EXIT_FAIL;
	msg = vl_msg(&nl, VPNLINK_CMD_ADD_KEYPAIR, 0, MSG_SIZE,
		     VPNLINK_GENL_VERSION);
	if (msg && (put_ifname(msg, argv[1]) || !(peer = put_peer_key(msg, key)) ||
		    put_keypair(msg, &o) || nla_nest_end(msg, peer)))
		msg = too_large(msg);
	return simple_request(msg, &nl);
}

int cmd_keypair_del(int argc, char **argv)
{
	uint8_t key[VPNLINK_KEY_LEN];
	struct vl_nl nl;

	if (argc != 3)
		return usage_error("keypair", "keypair del takes IF and KEY");
	if (parse_key(argv[2], key))
		return usage_error("keypair", "bad key %s", argv[2]);
	if (vl_open(&nl))
		return EXIT_FAIL;
	return simple_request(peer_key_msg(&nl, VPNLINK_CMD_DEL_KEYPAIRS, 0,
					   argv[1], key), &nl);
}

int cmd_handshake_send(int argc, char **argv)
{
	uint8_t key[VPNLINK_KEY_LEN];
	struct nl_msg *msg = NULL;
	struct nlattr *peer;
	struct endpoint ep;
	uint8_t *payload;
	struct vl_nl nl;
	size_t len;
	bool to_peer;
	int ret;

	if (argc != 5)
		return usage_error("handshake", "handshake send takes IF, endpoint ADDR:PORT or peer KEY, and HEXPAYLOAD");
	to_peer = !strcmp(argv[2], "peer");
	if (to_peer ? parse_key(argv[3], key) :
	    strcmp(argv[2], "endpoint") || parse_endpoint(argv[3], &ep))
		return usage_error("handshake", "bad destination %s %s", argv[2],
				   argv[3]);
	payload = parse_hex_alloc(argv[4], &len);
	if (!payload)
		return usage_error("handshake", "bad hex payload");
	ret = EXIT_FAIL;
	if (vl_open(&nl))
		goto out;
	msg = vl_msg(&nl, VPNLINK_CMD_SEND_HANDSHAKE, 0, MSG_SIZE + len,
		     VPNLINK_GENL_VERSION);
	if (msg && (put_ifname(msg, argv[1]) ||
		    nla_put(msg, VPNLINK_A_PAYLOAD, len, payload) ||
		    (to_peer ? !(peer = put_peer_key(msg, key)) ||
				nla_nest_end(msg, peer) :
		     put_endpoint(msg, VPNLINK_A_ENDPOINT, &ep))))
		msg = too_large(msg);
	ret = simple_request(msg, &nl);
out:
	free(payload);
	return ret;
}
