// SPDX-License-Identifier: GPL-2.0
/*
 * cmd_peer.c: "peer add", "peer set" and "peer del": the arguments of
 * NEW_PEER, SET_PEER and DEL_PEER.  How a long prefix list is split into
 * requests is peer_change.c's business.
 */
#include <stdlib.h>
#include <string.h>

#include "attrs.h"
#include "peer_change.h"
#include "vlctl.h"

/* Whether @kw is a keyword of "peer add" (or of "peer set" if @set). */
static bool peer_keyword(const char *kw, bool set)
{
	return !strcmp(kw, "endpoint") || !strcmp(kw, "allowed") ||
	       !strcmp(kw, "keepalive") ||
	       (set && (!strcmp(kw, "remove") || !strcmp(kw, "replace")));
}

/* What "peer add" and "peer set" take after IF KEY. */
static int parse_peer_opts(int argc, char **argv, bool set,
			   struct peer_change *c)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *kw = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t v;

		if (!peer_keyword(kw, set))
			return usage_error("peer", "unknown peer argument %s", kw);
		if (!strcmp(kw, "replace")) {
			c->replace = true;
			continue;
		}
		if (!val)
			return usage_error("peer", "%s needs a value", kw);
		i++;
		if (!strcmp(kw, "endpoint")) {
			if (parse_endpoint(val, &c->ep))
				return usage_error("peer", "bad endpoint %s", val);
			c->has_endpoint = true;
		} else if (!strcmp(kw, "keepalive")) {
			if (parse_uint(val, UINT16_MAX, &v))
				return usage_error("peer", "bad keepalive %s", val);
			c->keepalive = v;
			c->has_keepalive = true;
		} else if (prefix_list_parse(&c->prefixes, val,
					     !strcmp(kw, "remove"))) {
			return usage_error("peer", "bad prefix list %s", val);
		}
	}
	return 0;
}

/* peer add / peer set */
static int change_peer(int argc, char **argv, bool set)
{
	struct peer_change c = { 0 };
	struct vl_nl nl;
	int ret;

	if (argc < 3)
		return usage_error("peer", "peer %s needs IF and KEY", argv[0]);
	if (parse_key(argv[2], c.key))
		return usage_error("peer", "bad key %s", argv[2]);
	ret = parse_peer_opts(argc - 3, argv + 3, set, &c);
	if (ret)
		goto out;
	ret = EXIT_FAIL;
	if (vl_open(&nl))
		goto out;
	ret = peer_change_send(&nl, set ? VPNLINK_CMD_SET_PEER :
				    VPNLINK_CMD_NEW_PEER, argv[1], &c);
	vl_close(&nl);
out:
	free(c.prefixes.v);
	return ret;
}

int cmd_peer_add(int argc, char **argv)
{
	return change_peer(argc, argv, false);
}

int cmd_peer_set(int argc, char **argv)
{
	return change_peer(argc, argv, true);
}

int cmd_peer_del(int argc, char **argv)
{
	uint8_t key[VPNLINK_KEY_LEN];
	struct vl_nl nl;

	if (argc != 3)
		return usage_error("peer", "peer del takes IF and KEY");
	if (parse_key(argv[2], key))
		return usage_error("peer", "bad key %s", argv[2]);
	if (vl_open(&nl))
		return EXIT_FAIL;
	return simple_request(peer_key_msg(&nl, VPNLINK_CMD_DEL_PEER, 0,
					   argv[1], key), &nl);
}
