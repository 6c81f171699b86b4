// SPDX-License-Identifier: GPL-2.0
/*
 * audit_nftjson.c: what an nftables ruleset, as `nft -j list ruleset`
 * prints it, filters.  Only base chains of type filter count: a table
 * without one, or a NAT chain, sees packets but drops none.  Which rules
 * a chain holds is not judged: a chain hooked there was put there on
 * purpose, which is what the audit asks for.
 *
 *   {"nftables": [{"metainfo": {...}},
 *                 {"table": {"family": "inet", "name": "filter", ...}},
 *                 {"chain": {"family": "inet", "table": "filter",
 *                            "name": "forward", "type": "filter",
 *                            "hook": "forward", "prio": 0, ...}},
 *                 {"rule": {...}}, ...]}
 */
#include <string.h>

#include <json-c/json.h>

#include "audit.h"

static const char *get_string(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void take_chain(json_object *chain, struct vl_audit_fw *fw)
{
	const char *family = get_string(chain, "family");
	const char *type = get_string(chain, "type");
	const char *hook = get_string(chain, "hook");

	/* No hook: a regular chain, reached only by jumps. */
	if (!family || !type || !hook || strcmp(type, "filter"))
		return;
	fw->nft_filter_chains++;
	if (strcmp(hook, "forward"))
		return;
	/* A bridge's forward chain sees bridged frames, not routed ones. */
	if (!strcmp(family, "ip") || !strcmp(family, "inet"))
		fw->nft_forward4 = true;
	if (!strcmp(family, "ip6") || !strcmp(family, "inet"))
		fw->nft_forward6 = true;
}

int vl_audit_nft_json(const char *json, struct vl_audit_fw *fw)
{
	json_object *root = json_tokener_parse(json), *list, *item, *chain;
	size_t i, n;
	int ret = -1;

	fw->nft_filter_chains = 0;
	fw->nft_forward4 = false;
	fw->nft_forward6 = false;
	if (!root || !json_object_object_get_ex(root, "nftables", &list) ||
	    !json_object_is_type(list, json_type_array))
		goto out;
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		item = json_object_array_get_idx(list, i);
		if (json_object_is_type(item, json_type_object) &&
		    json_object_object_get_ex(item, "chain", &chain) &&
		    json_object_is_type(chain, json_type_object))
			take_chain(chain, fw);
	}
	ret = 0;
out:
	json_object_put(root);
	return ret;
}
