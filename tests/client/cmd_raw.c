// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_raw.c: "raw": a request of any command, flags and attributes, built
 * from the command line exactly as given, so that tests can send what no
 * well-behaved client would and see the kernel refuse it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include <linux/netlink.h>
#include <linux/vpnlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nl.h"
#include "parse.h"
#include "vlctl.h"

#define RAW_MAX_DEPTH		16
#define RAW_MSG_SIZE		65536

struct name_value {
	const char *name;
	unsigned int value;
};

static const struct name_value cmd_names[] = {
	{ "get_device", VPNLINK_CMD_GET_DEVICE },
	{ "set_device", VPNLINK_CMD_SET_DEVICE },
	{ "new_peer", VPNLINK_CMD_NEW_PEER },
	{ "set_peer", VPNLINK_CMD_SET_PEER },
	{ "del_peer", VPNLINK_CMD_DEL_PEER },
	{ "get_peer", VPNLINK_CMD_GET_PEER },
	{ "add_keypair", VPNLINK_CMD_ADD_KEYPAIR },
	{ "del_keypairs", VPNLINK_CMD_DEL_KEYPAIRS },
	{ "send_handshake", VPNLINK_CMD_SEND_HANDSHAKE },
};

static const struct name_value flag_names[] = {
	{ "root", NLM_F_ROOT },
	{ "match", NLM_F_MATCH },
	{ "atomic", NLM_F_ATOMIC },
	{ "dump", NLM_F_DUMP },
	{ "replace", NLM_F_REPLACE },
	{ "excl", NLM_F_EXCL },
	{ "create", NLM_F_CREATE },
	{ "append", NLM_F_APPEND },
	{ "echo", NLM_F_ECHO },
	{ "ack", NLM_F_ACK },
};

/* A number up to @max, or one of @names. */
static int parse_name(const char *s, const struct name_value *names, size_t n,
		      uint64_t max, uint64_t *out)
{
	size_t i;

	if (!parse_uint(s, max, out))
		return 0;
	for (i = 0; i < n; i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].value;
			return 0;
		}
	}
	return -1;
}

/* A number, or flag names joined by ','. */
static int parse_flags(const char *s, uint64_t *out)
{
	char name[16];
	uint64_t v;

	if (!parse_uint(s, UINT16_MAX, out))
		return 0;
	*out = 0;
	for (;;) {
		size_t len = strcspn(s, ",");

		if (len >= sizeof(name))
			return -1;
		memcpy(name, s, len);
		name[len] = '\0';
		if (parse_name(name, flag_names, ARRAY_SIZE(flag_names), 0, &v) ||
		    !len)
			return -1;
		*out |= v;
		if (!s[len])
			return 0;
		s += len + 1;
	}
}

struct raw_builder {
	struct nl_msg *msg;
	struct nlattr *open[RAW_MAX_DEPTH];
	int depth;
};

/* TYPE=VALUE of an attribute spec: the type, and where the value starts. */
static int raw_type(const char *s, bool want_value, uint16_t *type,
		    const char **value)
{
	const char *eq = strchr(s, '=');
	char num[16];
	uint64_t v;
	size_t len = eq ? (size_t)(eq - s) : strlen(s);

	if (want_value != !!eq || len >= sizeof(num))
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	if (parse_uint(num, UINT16_MAX, &v))
		return -1;
	*type = v;
	*value = eq ? eq + 1 : NULL;
	return 0;
}

static int raw_put_int(struct nl_msg *msg, int bits, uint16_t type,
		       const char *value)
{
	uint64_t max = bits == 64 ? UINT64_MAX : (1ull << bits) - 1, v;

	if (parse_uint(value, max, &v))
		return -1;
	switch (bits) {
	case 8:
		return nla_put_u8(msg, type, v);
	case 16:
		return nla_put_u16(msg, type, v);
	case 32:
		return nla_put_u32(msg, type, v);
	default:
		return nla_put_u64(msg, type, v);
	}
}

static int raw_put_hex(struct nl_msg *msg, uint16_t type, const char *value)
{
	size_t len;
	uint8_t *buf = parse_hex_alloc(value, &len);
	int ret;

	if (!buf)
		return -1;
	ret = nla_put(msg, type, len, buf);
	free(buf);
	return ret;
}

/* Garbage with no attribute header, to test trailing-data rejection. */
static int raw_pad(struct nl_msg *msg, const char *count)
{
	uint64_t n;
	void *p;

	if (parse_uint(count, UINT16_MAX, &n))
		return -1;
	p = nlmsg_reserve(msg, n, 0);
	if (!p)
		return -1;
	memset(p, 0xaa, n);
	return 0;
}

/* Opens a nest; @flagged: with NLA_F_NESTED, as the kernel demands. */
static int raw_open(struct raw_builder *b, const char *spec, bool flagged)
{
	size_t len = strlen(spec);
	char num[16];
	uint64_t v;

	if (!len || spec[len - 1] != '{' || len > sizeof(num) ||
	    b->depth == RAW_MAX_DEPTH)
		return -1;
	memcpy(num, spec, len - 1);
	num[len - 1] = '\0';
	if (parse_uint(num, UINT16_MAX, &v))
		return -1;
	b->open[b->depth] = nla_nest_start(b->msg, v);
	if (!b->open[b->depth])
		return -1;
	/* libnl sets NLA_F_NESTED itself; clear it for rawnest. */
	b->open[b->depth]->nla_type = flagged ? (v | NLA_F_NESTED) : v;
	b->depth++;
	return 0;
}

/* Adds one ATTR argument to the message. */
static int raw_put(struct raw_builder *b, const char *arg)
{
	const char *colon = strchr(arg, ':'), *rest, *value;
	size_t klen;
	uint16_t type;

	if (!strcmp(arg, "}")) {
		if (!b->depth)
			return -1;
		/* Keep empty nests: tests send them on purpose. */
		return nla_nest_end_keep_empty(b->msg, b->open[--b->depth]);
	}
	if (!colon)
		return -1;
	klen = colon - arg;
	rest = colon + 1;
#define KIND(s) (klen == strlen(s) && !strncmp(arg, s, klen))
	if (KIND("nest"))
		return raw_open(b, rest, true);
	if (KIND("rawnest"))
		return raw_open(b, rest, false);
	if (KIND("pad"))
		return raw_pad(b->msg, rest);
	if (KIND("flag"))
		return raw_type(rest, false, &type, &value) ||
		       nla_put_flag(b->msg, type);
	if (raw_type(rest, true, &type, &value))
		return -1;
	if (KIND("u8"))
		return raw_put_int(b->msg, 8, type, value);
	if (KIND("u16"))
		return raw_put_int(b->msg, 16, type, value);
	if (KIND("u32"))
		return raw_put_int(b->msg, 32, type, value);
	if (KIND("u64"))
		return raw_put_int(b->msg, 64, type, value);
	if (KIND("str"))
		return nla_put_string(b->msg, type, value);
	if (KIND("strn"))
		return nla_put(b->msg, type, strlen(value), value);
	if (KIND("hex"))
		return raw_put_hex(b->msg, type, value);
#undef KIND
	return -1;
}

struct raw_opts {
	uint64_t cmd;
	uint64_t flags;
	uint64_t version;
};

static int raw_parse_opts(int argc, char **argv, struct raw_opts *o)
{
	static const struct option opts[] = {
		{ "dump", no_argument, NULL, 'd' },
		{ "version", required_argument, NULL, 'v' },
		{ "flags", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t flags;
	int c;

	o->flags = 0;
	o->version = VPNLINK_GENL_VERSION;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			o->flags |= NLM_F_DUMP;
		else if (c == 'v' && !parse_uint(optarg, UINT8_MAX, &o->version))
			continue;
		else if (c == 'f' && !parse_flags(optarg, &flags))
			o->flags |= flags;
		else
			return usage_error("raw", "bad raw option");
	}
	if (optind >= argc)
		return usage_error("raw", "raw needs a command");
	if (parse_name(argv[optind], cmd_names, ARRAY_SIZE(cmd_names),
		       UINT8_MAX, &o->cmd))
		return usage_error("raw", "bad command %s", argv[optind]);
	optind++;
	return 0;
}

/* Builds the request from the ATTR arguments.  The family's id is not
 * known yet (usage errors must not need the module): the caller sets it.
 */
static int raw_build(int argc, char **argv, const struct raw_opts *o,
		     struct nl_msg **out)
{
	struct raw_builder b = { 0 };
	int i;

	b.msg = genl_request(0, o->cmd, o->flags, RAW_MSG_SIZE, o->version);
	if (!b.msg)
		return EXIT_FAIL;
	for (i = optind; i < argc; i++) {
		if (raw_put(&b, argv[i])) {
			nlmsg_free(b.msg);
			return usage_error("raw", "bad attribute %s", argv[i]);
		}
	}
	if (b.depth) {
		nlmsg_free(b.msg);
		return usage_error("raw", "%d unclosed nest(s)", b.depth);
	}
	*out = b.msg;
	return 0;
}

int cmd_raw(int argc, char **argv)
{
	struct nl_msg *msg = NULL;
	struct raw_opts o;
	struct vl_nl nl;
	bool dump;
	int ret;

	ret = raw_parse_opts(argc, argv, &o);
	if (!ret)
		ret = raw_build(argc, argv, &o, &msg);
	if (ret)
		return ret;
	if (vl_open(&nl)) {
		nlmsg_free(msg);
		return EXIT_FAIL;
	}
	nlmsg_hdr(msg)->nlmsg_type = nl.family;
	dump = (o.flags & NLM_F_DUMP) == NLM_F_DUMP;
	ret = vl_request(&nl, msg);
	if (ret == EXIT_OK) {
		if (dump)
			printf("ok messages %lu\n", nl.messages);
		else
			printf("ok\n");
	}
	vl_close(&nl);
	return ret;
}
